/// A colour map: 17 evenly spaced colours, interpolated linearly between them.
///
/// Each map's luma (``Color/luma``) changes monotonically from one end to the other, so a
/// picture keeps its meaning when printed in gray scale. The colours are matplotlib's
/// (`viridis`, `Blues`, `Purples`) sampled at `0, 1/16, …, 1`.
public struct ColorMap: Sendable {
  public var name: String
  let stops: [Color]

  init(name: String, hex: [UInt32]) {
    precondition(hex.count >= 2, "a colour map needs at least two colours")
    self.name = name
    self.stops = hex.map(Color.init(hex:))
  }

  /// The colour at `t` (clamped to 0…1).
  public func callAsFunction(_ t: Double) -> Color {
    let x = max(0, min(1, t.isNaN ? 0 : t)) * Double(stops.count - 1)
    let i = min(Int(x), stops.count - 2)
    return stops[i].mixed(with: stops[i + 1], x - Double(i))
  }

  /// The same colours in the opposite direction.
  public var reversed: ColorMap { ColorMap(name: name + " (reversed)", stops: stops.reversed()) }

  private init(name: String, stops: [Color]) {
    self.name = name
    self.stops = stops
  }

  /// Dark purple → blue → green → yellow; for fractions (the confusion matrix).
  public static let viridis = ColorMap(name: "viridis", hex: [
    0x440154, 0x48186a, 0x472d7b, 0x424086, 0x3b528b, 0x33638d, 0x2c728e, 0x26828e, 0x21918c,
    0x1fa088, 0x28ae80, 0x3fbc73, 0x5ec962, 0x84d44b, 0xaddc30, 0xd8e219, 0xfde725,
  ])
  /// Near white → dark blue; reversed for spike times (early spikes dark).
  public static let blues = ColorMap(name: "Blues", hex: [
    0xf7fbff, 0xeaf3fb, 0xdeebf7, 0xd2e3f3, 0xc6dbef, 0xb2d2e8, 0x9dcae1, 0x84bcdb, 0x6aaed6,
    0x56a0ce, 0x4191c6, 0x3181bd, 0x2070b4, 0x1460a8, 0x08509b, 0x084082, 0x08306b,
  ])
  /// Near white → dark purple; for spike counts.
  public static let purples = ColorMap(name: "Purples", hex: [
    0xfcfbfd, 0xf5f4f9, 0xefedf5, 0xe4e3f0, 0xdadaeb, 0xcbcbe3, 0xbcbddc, 0xadabd2, 0x9e9ac8,
    0x8e8bc1, 0x807cba, 0x7566ae, 0x6950a3, 0x5e3b98, 0x53268f, 0x491285, 0x3f007d,
  ])
}
