/// A row-major sparse matrix of feature vectors in CSR (compressed sparse row) form.
///
/// Row `r` holds the entries `columns[k]`, `value(k)` for `k in rowOffsets[r]..<rowOffsets[r+1]`,
/// columns strictly increasing within a row. When `values` is `nil` the matrix is *binary*:
/// every stored entry is 1 (the "neuron fired" features of Kheradpisheh et al. 2018), and only
/// the column indices are stored, 4 bytes per non-zero.
///
/// Memory: `8·(rows+1) + 4·nnz` bytes binary, `+ 4·nnz` with values. For 60 000 MNIST images
/// × 12 150 features at ~10 % density that is ~290 MB binary.
public struct SparseFeatureMatrix: Sendable, Equatable {
  /// Number of columns (features per row).
  public let dimension: Int
  /// `rows + 1` offsets into `columns`/`values`; `rowOffsets[0] == 0`.
  public private(set) var rowOffsets: [Int]
  /// Column index of every stored entry, row after row, increasing within a row.
  public private(set) var columns: [Int32]
  /// Value of every stored entry, or `nil` when every stored entry is 1.
  public private(set) var values: [Float]?

  /// An empty matrix (no rows) with `dimension` columns; binary until a value other than 1
  /// is appended.
  public init(dimension: Int) {
    precondition(dimension >= 0 && dimension <= Int(Int32.max), "dimension \(dimension) out of range")
    self.dimension = dimension
    self.rowOffsets = [0]
    self.columns = []
    self.values = nil
  }

  /// A matrix from raw CSR arrays (checked: offsets monotone, columns increasing and in range).
  public init(dimension: Int, rowOffsets: [Int], columns: [Int32], values: [Float]?) {
    precondition(rowOffsets.first == 0 && rowOffsets.last == columns.count, "bad CSR offsets")
    precondition(values == nil || values!.count == columns.count, "values/columns count mismatch")
    self.init(dimension: dimension)
    self.rowOffsets = rowOffsets
    self.columns = columns
    self.values = values
    for r in 0..<rows { checkRow(r) }
  }

  /// A matrix from dense rows (each of length `dimension`); zeros are dropped, and the matrix
  /// is binary when every non-zero is exactly 1.
  public init(denseRows: [[Float]], dimension: Int) {
    self.init(dimension: dimension)
    for row in denseRows { append(dense: row) }
  }

  /// Number of rows (samples).
  @inlinable public var rows: Int { rowOffsets.count - 1 }
  /// Number of stored entries.
  @inlinable public var nonZeroCount: Int { columns.count }
  /// Whether every stored entry is 1 (`values == nil`).
  @inlinable public var isBinary: Bool { values == nil }

  /// Reserves storage for `rows` more rows with `nonZeros` more entries in all.
  public mutating func reserveCapacity(rows: Int, nonZeros: Int) {
    rowOffsets.reserveCapacity(rowOffsets.count + rows)
    columns.reserveCapacity(columns.count + nonZeros)
    values?.reserveCapacity(columns.count + nonZeros)
  }

  /// Appends a binary row: the columns whose feature is 1 (strictly increasing).
  public mutating func append(columns newColumns: some Collection<Int32>) {
    columns.append(contentsOf: newColumns)
    if values != nil { values!.append(contentsOf: repeatElement(1, count: newColumns.count)) }
    rowOffsets.append(columns.count)
    checkRow(rows - 1)
  }

  /// Appends a row given as parallel column/value lists (columns strictly increasing).
  /// Stored as given (explicit zeros are kept); a value other than 1 makes the matrix valued.
  public mutating func append(columns newColumns: [Int32], values newValues: [Float]) {
    precondition(newColumns.count == newValues.count, "\(newColumns.count) columns, \(newValues.count) values")
    if values == nil, newValues.contains(where: { $0 != 1 }) {
      values = [Float](repeating: 1, count: columns.count)
    }
    columns.append(contentsOf: newColumns)
    values?.append(contentsOf: newValues)
    rowOffsets.append(columns.count)
    checkRow(rows - 1)
  }

  /// Appends a dense row of length `dimension`, storing its non-zeros.
  public mutating func append(dense row: [Float]) {
    precondition(row.count == dimension, "dense row of \(row.count) for dimension \(dimension)")
    var cols: [Int32] = []
    var vals: [Float] = []
    for (j, v) in row.enumerated() where v != 0 {
      cols.append(Int32(j))
      vals.append(v)
    }
    append(columns: cols, values: vals)
  }

  /// Appends a binary row from a dense mask of length `dimension` (`true` = feature is 1).
  public mutating func append(mask: [Bool]) {
    precondition(mask.count == dimension, "mask of \(mask.count) for dimension \(dimension)")
    var cols: [Int32] = []
    for (j, on) in mask.enumerated() where on { cols.append(Int32(j)) }
    append(columns: cols)
  }

  /// Appends a binary row of the neurons of `wave` that fire (`times[n] != SpikeWave.never`),
  /// in flat `(channel, row, column)` order; `wave.shape.count` must equal `dimension`.
  public mutating func append(firedIn wave: SpikeWave) {
    precondition(wave.shape.count == dimension, "wave of shape \(wave.shape) for dimension \(dimension)")
    append(columns: wave.firedIndices())
  }

  /// Row `r` as a view of its entries.
  @inlinable
  public subscript(row r: Int) -> Row {
    let range = rowOffsets[r]..<rowOffsets[r + 1]
    return Row(columns: columns[range], values: values?[range])
  }

  /// Row `r` as a dense vector of length `dimension`.
  public func denseRow(_ r: Int) -> [Float] {
    var out = [Float](repeating: 0, count: dimension)
    let row = self[row: r]
    for k in row.columns.indices { out[Int(row.columns[k])] = row.values?[k] ?? 1 }
    return out
  }

  /// The same matrix with explicit values (every binary entry stored as 1).
  public func withExplicitValues() -> SparseFeatureMatrix {
    var m = self
    if m.values == nil { m.values = [Float](repeating: 1, count: columns.count) }
    return m
  }

  private func checkRow(_ r: Int) {
    var previous: Int32 = -1
    for k in rowOffsets[r]..<rowOffsets[r + 1] {
      let c = columns[k]
      precondition(c > previous && Int(c) < dimension,
                   "row \(r): column \(c) not increasing or outside 0..<\(dimension)")
      previous = c
    }
  }
}

extension SparseFeatureMatrix {
  /// The entries of one row: `columns[k]` with value `values?[k] ?? 1`.
  public struct Row: Sendable {
    public let columns: ArraySlice<Int32>
    public let values: ArraySlice<Float>?

    @inlinable
    public init(columns: ArraySlice<Int32>, values: ArraySlice<Float>?) {
      self.columns = columns
      self.values = values
    }

    /// `Σ_k w[columns[k]] · value(k)`, accumulated in Double in stored order.
    @inlinable
    public func dot(_ w: UnsafeBufferPointer<Float>) -> Double {
      var s = 0.0
      if let values {
        for (c, v) in zip(columns, values) { s += Double(w[Int(c)]) * Double(v) }
      } else {
        for c in columns { s += Double(w[Int(c)]) }
      }
      return s
    }
  }
}
