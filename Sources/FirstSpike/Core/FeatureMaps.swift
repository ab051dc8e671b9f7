/// Real-valued feature maps (`C × H × W`, row-major), e.g. filter outputs or final potentials.
public struct FeatureMaps: Sendable, Equatable {
  public var shape: Shape3
  public var values: [Float]

  public init(shape: Shape3, repeating value: Float = 0) {
    self.shape = shape
    self.values = [Float](repeating: value, count: shape.count)
  }

  public init(shape: Shape3, values: [Float]) {
    precondition(values.count == shape.count, "\(values.count) values for shape \(shape)")
    self.shape = shape
    self.values = values
  }

  @inlinable
  public subscript(c: Int, r: Int, x: Int) -> Float {
    get { values[shape.index(c, r, x)] }
    set { values[shape.index(c, r, x)] = newValue }
  }
}
