/// What a `Trainer` tells the world while it runs, in order:
/// `started` and `pace`, then `batch`… `epochEnded` (and `decisionBoundary`) per epoch (with
/// `paused`/`resumed`/`stepping`, `settingChanged` and `pace` in between when asked), then
/// exactly one `ended`.
public enum TrainingEvent: Sendable {
  case started(RunInfo)
  case batch(BatchProgress)
  case epochEnded(EpochMetrics)
  /// The network's predictions over the plane of a 2-D dataset, after `.started` and after
  /// epochs, when the trainer has a `DecisionBoundaryProbe`.
  case decisionBoundary(DecisionBoundary)
  case paused
  case resumed
  /// The run left a pause (or a free run) to take one step; `paused` follows when it is done.
  case stepping(TrainingControl.Step)
  /// A live setting took a new value before the next batch (`previous` filled in).
  case settingChanged(SettingChange)
  /// The pace in force: at the start, and whenever it or the limit it gives changes.
  case pace(PaceReport)
  /// The validation images the insight panels show, once after `started` (image data with an
  /// ``InsightProbe``).
  case samples(SampleSet)
  /// What the network learned by an epoch's end, after its `epochEnded` (with an ``InsightProbe``).
  case insight(EpochInsight)
  case ended(RunSummary)
}

/// The pace a run goes at, for the header and for `+`/`-`.
public struct PaceReport: Sendable, Equatable {
  /// The pace asked for.
  public var pace: Pace
  /// The limit it gives now, in epochs per second; nil at full speed (`auto` on a slow run).
  public var limit: Double?
  /// Epochs per second the run reaches unpaced, as measured so far.
  public var fullSpeed: Double?

  public init(pace: Pace, limit: Double?, fullSpeed: Double?) {
    self.pace = pace
    self.limit = limit
    self.fullSpeed = fullSpeed
  }
}

/// Facts about a run known before the first batch.
public struct RunInfo: Sendable, Equatable {
  public var trainCount: Int
  public var validationCount: Int
  public var batchesPerEpoch: Int
  public var epochs: Int
  public var parameterCount: Int
  public var datasetName: String
}

/// Progress inside an epoch, published after every batch.
public struct BatchProgress: Sendable, Equatable {
  /// 0-based epoch.
  public var epoch: Int
  /// Batches finished in this epoch (1-based count).
  public var batch: Int
  public var batchesPerEpoch: Int
  /// Running mean over this epoch's batches so far (Keras's progress-bar values).
  public var loss: Double
  public var accuracy: Double
  /// Training samples per second in this epoch so far.
  public var samplesPerSecond: Double

  /// The epoch position as a real number, e.g. 2.5 halfway through the third epoch.
  public var fractionalEpoch: Double { Double(epoch) + Double(batch) / Double(max(batchesPerEpoch, 1)) }
}

/// One row of the metrics log (Keras CSVLogger / History semantics).
public struct EpochMetrics: Sendable, Equatable, Codable {
  /// 0-based, as in Keras's CSVLogger.
  public var epoch: Int
  /// Sample-weighted mean of the epoch's batch losses (with the regularization penalty).
  public var loss: Double
  public var accuracy: Double
  /// Computed after the epoch, in inference mode.
  public var valLoss: Double
  public var valAccuracy: Double
  /// Wall time of the epoch: training plus the validation pass.
  public var seconds: Double
  public var learningRate: Double
  /// Per layer, input to output: the epoch's mean of ‖∂C/∂bˡ‖ over its mini-batches, NNDL
  /// chapter 5's speed of learning of each layer (empty when not measured, e.g. read from a CSV).
  public var gradientNorms: [Double] = []

  public init(
    epoch: Int, loss: Double, accuracy: Double, valLoss: Double, valAccuracy: Double, seconds: Double,
    learningRate: Double, gradientNorms: [Double] = []
  ) {
    self.gradientNorms = gradientNorms
    self.epoch = epoch
    self.loss = loss
    self.accuracy = accuracy
    self.valLoss = valLoss
    self.valAccuracy = valAccuracy
    self.seconds = seconds
    self.learningRate = learningRate
  }

  enum CodingKeys: String, CodingKey {
    case epoch, loss, accuracy, valLoss = "val_loss", valAccuracy = "val_accuracy", seconds
    case learningRate = "learning_rate", gradientNorms = "gradient_norms"
  }

  /// Reads a row back; `null` (how JSON writes a diverged run's NaN) or a missing value becomes NaN.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func number(_ key: CodingKeys) throws -> Double {
      try c.decodeIfPresent(Double.self, forKey: key) ?? .nan
    }
    epoch = try c.decode(Int.self, forKey: .epoch)
    loss = try number(.loss)
    accuracy = try number(.accuracy)
    valLoss = try number(.valLoss)
    valAccuracy = try number(.valAccuracy)
    seconds = try number(.seconds)
    learningRate = try number(.learningRate)
    gradientNorms = try c.decodeIfPresent([Double?].self, forKey: .gradientNorms)?.map { $0 ?? .nan } ?? []
  }
}

/// How a run ended.
public enum RunStatus: String, Sendable, Codable {
  case finished, stopped, diverged
  /// Written to a run's summary.json while it trains; left there if the process dies.
  case running
}
