/// One named, shaped array of numbers in a checkpoint, e.g. `conv2.weight` of shape
/// `[250, 30, 3, 3]` (row-major, last index fastest).
///
/// On disk the elements are little-endian, packed, with no padding. Equality compares float
/// elements by bit pattern, so `NaN == NaN` when the payloads agree and `0.0 != -0.0`: two
/// tensors are equal exactly when they would be written as the same bytes.
public struct CheckpointTensor: Sendable, Equatable, CustomStringConvertible {
  /// Element type, as spelled in the header JSON.
  public enum DType: String, Sendable, CaseIterable, Codable {
    case float32, uint8, int32

    /// Bytes per element.
    public var byteWidth: Int {
      switch self {
      case .float32, .int32: return 4
      case .uint8: return 1
      }
    }
  }

  /// The elements, in row-major order.
  public enum Values: Sendable, Equatable {
    case float32([Float])
    case uint8([UInt8])
    case int32([Int32])

    public var dtype: DType {
      switch self {
      case .float32: return .float32
      case .uint8: return .uint8
      case .int32: return .int32
      }
    }

    public var count: Int {
      switch self {
      case .float32(let v): return v.count
      case .uint8(let v): return v.count
      case .int32(let v): return v.count
      }
    }

    /// Bitwise equality (floats compared by `bitPattern`).
    public static func == (a: Values, b: Values) -> Bool {
      switch (a, b) {
      case (.float32(let x), .float32(let y)):
        return x.count == y.count && zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern }
      case (.uint8(let x), .uint8(let y)): return x == y
      case (.int32(let x), .int32(let y)): return x == y
      default: return false
      }
    }
  }

  public let name: String
  /// Dimensions, outermost first; `[]` is a scalar (one element), a 0 anywhere means no elements.
  public let shape: [Int]
  public let values: Values

  /// - Precondition: `name` is not empty, every dimension is ≥ 0, and the product of `shape`
  ///   equals the number of values.
  public init(name: String, shape: [Int], values: Values) {
    precondition(!name.isEmpty, "checkpoint tensor name is empty")
    precondition(
      CheckpointTensor.elementCount(of: shape) == values.count,
      "tensor '\(name)': shape \(shape) needs a different count than \(values.count) values")
    self.name = name
    self.shape = shape
    self.values = values
  }

  public init(name: String, shape: [Int], floats: [Float]) {
    self.init(name: name, shape: shape, values: .float32(floats))
  }

  public var dtype: DType { values.dtype }

  /// Size of the elements on disk.
  public var byteCount: Int { values.count * dtype.byteWidth }

  public var description: String { "\(name): \(dtype.rawValue)\(shape)" }

  /// Product of `shape`, or nil when a dimension is negative or the product overflows `Int`.
  static func elementCount(of shape: [Int]) -> Int? {
    var product = 1
    for dimension in shape {
      guard dimension >= 0 else { return nil }
      let (p, overflow) = product.multipliedReportingOverflow(by: dimension)
      if overflow { return nil }
      product = p
    }
    return product
  }
}
