/// What a network did with one image, layer by layer, ready to draw (``ExplanationPicture``):
/// the input as the network read it, a map of each layer's spikes, the winning neuron and
/// the class scores. Models build it (``Model/explain(_:)``); nothing here knows a model kind.
public struct ImageExplanation: Sendable {
  /// A map of one layer's activity: rows of cells, one value per cell (nil: no spike).
  public struct Map: Sendable {
    /// What the values are.
    public enum Measure: Sendable, Equatable {
      /// First-spike times `0..<steps` in `unit`s ("time step", "ms"): early spikes are dark.
      case firstSpike(steps: Int, unit: String)
      /// Spike counts per `per` ("pixel", "neuron"; `max`: the largest in the map): many
      /// spikes are dark.
      case spikeCount(max: Int, per: String)
      /// Membrane potentials at the spike (`low…high` in the map): high potentials are dark.
      case potential(low: Double, high: Double)
    }

    /// A row of cells, optionally labelled (the class of a decision row).
    public struct Row: Sendable {
      public var label: String?
      public var cells: [Double?]
      /// Cells (nil in `cells`) whose neuron fired, but after the time step that decided.
      public var later: Set<Int>
      public init(label: String? = nil, cells: [Double?], later: Set<Int> = []) {
        self.label = label
        self.cells = cells
        self.later = later
      }
    }

    /// "conv1: 30 features, 24×24 positions".
    public var title: String
    /// What a cell shows ("earliest spike of any feature at each position").
    public var caption: String
    /// A figure under the map ("2 310 of 17 280 neurons fired").
    public var note: String
    public var measure: Measure
    public var rows: [Row]
    /// The winning cell, if this map holds it.
    public var marked: (row: Int, column: Int)?

    public init(title: String, caption: String, note: String, measure: Measure, rows: [Row],
                marked: (row: Int, column: Int)? = nil) {
      self.title = title
      self.caption = caption
      self.note = note
      self.measure = measure
      self.rows = rows
      self.marked = marked
    }

    /// A `width × height` grid from row-major values.
    public init(title: String, caption: String, note: String, measure: Measure, width: Int, values: [Double?],
                marked: Int? = nil) {
      precondition(width > 0 && values.count % width == 0, "\(values.count) values in rows of \(width)")
      let rows = stride(from: 0, to: values.count, by: width).map { Row(cells: Array(values[$0..<($0 + width)])) }
      self.init(title: title, caption: caption, note: note, measure: measure, rows: rows,
                marked: marked.map { (row: $0 / width, column: $0 % width) })
    }

    /// The most cells in one row.
    public var columns: Int { rows.map(\.cells.count).max() ?? 0 }
  }

  /// The model, as titles name it.
  public var model: String
  /// The image as the network read it (after resizing and any normalisation).
  public var input: GrayImage
  /// What was done to the file's image before the network read it.
  public var inputNote: String
  public var maps: [Map]
  public var classNames: [String]
  /// One score per class, on ``scoreMeaning``'s scale.
  public var scores: [Double]
  /// What the scores are ("potential of the class's best neuron at the first output spike").
  public var scoreMeaning: String
  /// Whether the scores are probabilities (0…1, summing to 1).
  public var scoresAreProbabilities: Bool
  /// The class decided, nil when the network stayed silent.
  public var decision: Int?
  /// How the decision came about ("neuron 143 of layer 3 (class 7) fired first, at time step 4").
  public var decisionNote: String

  public init(model: String, input: GrayImage, inputNote: String, maps: [Map], classNames: [String], scores: [Double],
              scoreMeaning: String, scoresAreProbabilities: Bool = false, decision: Int?, decisionNote: String) {
    self.model = model
    self.input = input
    self.inputNote = inputNote
    self.maps = maps
    self.classNames = classNames
    self.scores = scores
    self.scoreMeaning = scoreMeaning
    self.scoresAreProbabilities = scoresAreProbabilities
    self.decision = decision
    self.decisionNote = decisionNote
  }

  /// The name of class `c`.
  public func className(_ c: Int) -> String { c < classNames.count ? classNames[c] : "\(c)" }
}
