/// The mean of `values` in Double (0 when empty).
public func meanValue(_ values: [Float]) -> Double {
  values.isEmpty ? 0 : values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
}
