import Testing
@testable import FirstSpike

@Suite struct SparseFeatureMatrixTests {
  @Test func binaryRowsAreStoredAsColumnsOnly() {
    var m = SparseFeatureMatrix(dimension: 5)
    m.append(columns: [Int32(1), 3])
    m.append(columns: [Int32]())
    m.append(mask: [true, false, false, false, true])
    #expect(m.rows == 3 && m.isBinary && m.nonZeroCount == 4)
    #expect(m.rowOffsets == [0, 2, 2, 4])
    #expect(m.columns == [1, 3, 0, 4])
    #expect(m.denseRow(0) == [0, 1, 0, 1, 0])
    #expect(m.denseRow(1) == [0, 0, 0, 0, 0])
    #expect(Array(m[row: 2].columns) == [0, 4])
  }

  /// A non-1 value turns a binary matrix into a valued one; earlier entries become 1.
  @Test func valuesArePromotedOnFirstNonOne() {
    var m = SparseFeatureMatrix(dimension: 4)
    m.append(columns: [Int32(0), 2])
    m.append(dense: [1, 0, 0, 1])
    #expect(m.isBinary)
    m.append(dense: [0, 0.5, 0, -2])
    #expect(m.values == [1, 1, 1, 1, 0.5, -2])
    #expect(m.columns == [0, 2, 0, 3, 1, 3])
    m.append(columns: [Int32(3)])
    #expect(m.values!.last == 1)
    #expect(m.denseRow(2) == [0, 0.5, 0, -2])
  }

  /// Dense rows → CSR → dense rows is the identity; all-0/1 data stays binary.
  @Test func denseRoundTrip() {
    var rng = SplitMix64(seed: 9)
    for binary in [true, false] {
      let rows = (0..<7).map { _ in
        (0..<11).map { _ -> Float in
          let on = rng.nextUniform() < 0.3
          return on ? (binary ? 1 : Float(rng.nextInt(below: 8)) / 4 + 0.25) : 0
        }
      }
      let m = SparseFeatureMatrix(denseRows: rows, dimension: 11)
      #expect(m.isBinary == binary, "seed 9 binary \(binary)")
      #expect((0..<7).map { m.denseRow($0) } == rows, "seed 9 binary \(binary)")
      let rebuilt = SparseFeatureMatrix(dimension: 11, rowOffsets: m.rowOffsets, columns: m.columns, values: m.values)
      #expect(rebuilt == m)
    }
  }

  @Test func rowDotProduct() {
    let m = SparseFeatureMatrix(denseRows: [[0, 2, 0, 0.5], [1, 0, 1, 0]], dimension: 4)
    let w: [Float] = [10, 20, 30, 40]
    w.withUnsafeBufferPointer { w in
      #expect(m[row: 0].dot(w) == 60)  // 2·20 + 0.5·40
      #expect(m[row: 1].dot(w) == 40)  // 10 + 30
    }
  }

  /// Fired neurons of a 2×1×3 wave become the columns of a binary row.
  @Test func rowFromSpikeWave() {
    let wave = SpikeWave(shape: Shape3(2, 1, 3), timeSteps: 15, times: [255, 3, 0, 255, 255, 14])
    var m = SparseFeatureMatrix(dimension: 6)
    m.append(firedIn: wave)
    #expect(m.isBinary && m.columns == [1, 2, 5] && m.rowOffsets == [0, 3])
  }
}
