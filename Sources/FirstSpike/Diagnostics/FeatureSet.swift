/// The learned features of one layer, ready to draw (``FeatureSheet``): one tile per feature,
/// optionally grouped by the class each feature votes for, with the words that say how to
/// read them. Models build it (``Model/features(layer:)``); nothing here knows a model kind.
public struct FeatureSet: Sendable {
  /// A line segment in tile pixels, `strength` 0…1 (how dark it is drawn).
  public struct Stroke: Sendable, Equatable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double
    public var strength: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double, strength: Double) {
      (self.x0, self.y0, self.x1, self.y1, self.strength) = (x0, y0, x1, y1, strength)
    }
  }

  /// A feature's picture: gray pixels (0 black … 255 white) or a sketch of strokes on white.
  public enum Tile: Sendable {
    case pixels(GrayImage)
    case strokes([Stroke])
  }

  /// Tiles shown together in labelled rows (e.g. the features of one class).
  public struct Group: Sendable, Equatable {
    public var label: String
    public var tiles: [Int]
    public init(label: String, tiles: [Int]) {
      self.label = label
      self.tiles = tiles
    }
  }

  /// "mozafari2019, layer 3 (decision layer): 200 features, 20 per class".
  public var title: String
  /// How a tile is made and how to read its shades.
  public var caption: String
  /// What dark and light mean, for the key ("lowest", "highest").
  public var key: (dark: String, light: String)
  public var tileWidth: Int
  public var tileHeight: Int
  public var tiles: [Tile]
  /// Empty: one grid in tile order.
  public var groups: [Group]
  /// The line `features` prints.
  public var summary: String

  public init(title: String, caption: String, key: (dark: String, light: String), tileWidth: Int, tileHeight: Int,
              tiles: [Tile], groups: [Group] = [], summary: String) {
    precondition(tileWidth > 0 && tileHeight > 0 && !tiles.isEmpty, "\(tiles.count) tiles of \(tileWidth)×\(tileHeight)")
    self.title = title
    self.caption = caption
    self.key = key
    self.tileWidth = tileWidth
    self.tileHeight = tileHeight
    self.tiles = tiles
    self.groups = groups
    self.summary = summary
  }

  /// Tiles from `[N, H, W]` pictures, each scaled to 0…255 on its own
  /// (``FeatureReconstruction/normalized(_:)``).
  public static func pixelTiles(_ pictures: FeatureMaps) -> [Tile] {
    let (h, w) = (pictures.shape.height, pictures.shape.width)
    return (0..<pictures.shape.channels).map { p in
      .pixels(GrayImage(width: w, height: h,
                        pixels: FeatureReconstruction.normalized(pictures.values[(p * h * w)..<((p + 1) * h * w)])))
    }
  }
}
