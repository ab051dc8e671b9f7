/// The shape of a stack of feature maps: `channels × height × width`, stored row-major
/// (channel, row, column) in flat arrays, as SpykeTorch's `(C, H, W)` without the time axis.
public struct Shape3: Hashable, Sendable, Codable, CustomStringConvertible {
  public var channels: Int
  public var height: Int
  public var width: Int

  @inlinable
  public init(_ channels: Int, _ height: Int, _ width: Int) {
    precondition(channels >= 0 && height >= 0 && width >= 0, "negative shape \(channels)×\(height)×\(width)")
    self.channels = channels
    self.height = height
    self.width = width
  }

  /// Neurons in one channel.
  @inlinable public var plane: Int { height * width }
  /// Neurons in all channels.
  @inlinable public var count: Int { channels * height * width }

  /// Flat index of `(channel, row, column)`.
  @inlinable
  public func index(_ c: Int, _ r: Int, _ x: Int) -> Int { (c * height + r) * width + x }

  public var description: String { "\(channels)×\(height)×\(width)" }
}
