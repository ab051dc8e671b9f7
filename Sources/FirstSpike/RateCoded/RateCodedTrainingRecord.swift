/// The training history saved in a rate-coded checkpoint (blob `rate-training`).
///
/// Stage 1 is unsupervised STDP (``DiehlCook2015Trainer``, resumable at any image); stage 2
/// labels every excitatory neuron by its mean response per class on the training images
/// (``NeuronAssignment``, stored in blob `assignment`) and, when a test set is given, measures
/// the test accuracy of both classifiers.
public struct RateCodedTrainingRecord: Codable, Sendable, Equatable {
  /// Model name (`diehlcook2015`).
  public var model: String
  public var seed: UInt64
  public var data: DataRecord
  /// Stage 1's progress (nil: not started).
  public var stage1: RateCodedProgress?
  /// The current stage 2 (nil: labels not assigned for the current weights).
  public var stage2: LabelAssignmentRecord?
  /// Every stage 2 run on the current stage-1 weights, oldest first (the accuracy history);
  /// cleared when stage 1 starts over.
  public var history: [LabelAssignmentRecord] = []
  /// Probability calibration of the labelled model (nil until fitted).
  public var calibration: ScoreCalibration?
  /// The options of the latest `train` run.
  public var run: TrainingRun?
  public var formatNote = "FirstSpike \(FirstSpikeVersion.string)"

  public init(model: String, seed: UInt64, data: DataRecord) {
    self.model = model
    self.seed = seed
    self.data = data
  }
}

/// What one stage 2 (label assignment) run did.
public struct LabelAssignmentRecord: Codable, Sendable, Equatable {
  /// Training images the labels were assigned on.
  public var labellingImages: Int
  /// Stage-1 images the weights had been trained on.
  public var afterImages: Int
  /// Neurons assigned to each class; neurons silent on every class are unassigned.
  public var neuronsPerClass: [Int]
  public var unassigned: Int
  /// Test images evaluated after assigning, and the accuracy of each classifier on them.
  public var testImages: Int?
  public var testAccuracy: RateCodedAccuracy?
  public var seconds: Double

  public init(labellingImages: Int, afterImages: Int, assignment: NeuronAssignment, seconds: Double) {
    self.labellingImages = labellingImages
    self.afterImages = afterImages
    self.neuronsPerClass = assignment.neuronsPerClass
    self.unassigned = assignment.assignments.filter { $0 < 0 }.count
    self.seconds = seconds
  }
}

/// Accuracy (silent images count as wrong) of Diehl & Cook's two classifiers.
public struct RateCodedAccuracy: Codable, Sendable, Equatable {
  /// Class of the assigned neurons with the highest mean spike count.
  public var allActivity: Double
  /// The same, each spike weighted by its neuron's response proportion to the class.
  public var proportionWeighting: Double

  public init(allActivity: Double, proportionWeighting: Double) {
    self.allActivity = allActivity
    self.proportionWeighting = proportionWeighting
  }

  public init(_ evaluation: DiehlCook2015Evaluation) {
    self.init(allActivity: evaluation.allActivity.accuracy,
              proportionWeighting: evaluation.proportionWeighting.accuracy)
  }
}
