/// The outcome of a run: every epoch's metrics and the figures people compare runs by.
///
/// Encodes to the `train --json` object of DESIGN.md (snake_case keys).
public struct RunSummary: Sendable, Equatable, Codable {
  public var status: RunStatus
  /// Why the run stopped or diverged; nil when it finished.
  public var reason: String?
  public var epochs: [EpochMetrics]
  public var config: Hyperparameters
  public var trainCount: Int
  public var validationCount: Int
  /// The 0-based epoch after which early stopping ended the run.
  public var earlyStoppedEpoch: Int?
  /// The 0-based epoch whose weights were restored (`--restore-best`).
  public var restoredEpoch: Int?
  /// The live settings changed during the run (planned with `--change` or made live), in the
  /// order they applied, each with the value it replaced.
  public var changes: [SettingChange] = []
  /// The last epoch's validation confusion matrix (row = true class, column = predicted).
  public var confusion: ConfusionMatrix?
  /// The last epoch's most confident mistakes (validation indices), when an insight probe ran:
  /// `export --insight` draws them from the data again.
  public var mistakes: [SamplePrediction] = []

  public init(
    status: RunStatus, reason: String?, epochs: [EpochMetrics], config: Hyperparameters, trainCount: Int,
    validationCount: Int
  ) {
    self.status = status
    self.reason = reason
    self.epochs = epochs
    self.config = config
    self.trainCount = trainCount
    self.validationCount = validationCount
  }

  /// The epoch with the highest validation accuracy (first on ties).
  public var bestEpoch: Int? {
    // Lazy, here and below: a million epochs are not copied to find one.
    epochs.lazy.filter { $0.valAccuracy.isFinite }.max { a, b in
      a.valAccuracy < b.valAccuracy || (a.valAccuracy == b.valAccuracy && a.epoch > b.epoch)
    }?.epoch
  }
  public var bestValAccuracy: Double? {
    bestEpoch.flatMap { e in epochs.first { $0.epoch == e }?.valAccuracy }
  }
  /// The epoch with the lowest validation loss (first on ties).
  public var minValLossEpoch: Int? {
    epochs.lazy.filter { $0.valLoss.isFinite }.min { a, b in
      a.valLoss < b.valLoss || (a.valLoss == b.valLoss && a.epoch < b.epoch)
    }?.epoch
  }
  public var minValLoss: Double? { minValLossEpoch.flatMap { e in epochs.first { $0.epoch == e }?.valLoss } }
  public var medianEpochSeconds: Double? { median(epochs.map(\.seconds)) }
  /// Training samples per second over the whole run (epoch time includes the validation pass).
  public var samplesPerSecond: Double? {
    let total = epochs.reduce(0) { $0 + $1.seconds }
    return total > 0 ? Double(trainCount * epochs.count) / total : nil
  }
  /// Mini-batches an epoch had (to place a change made inside an epoch); 1 when unknown.
  public var batchesPerEpoch: Int {
    trainCount > 0 ? (trainCount + config.batchSize - 1) / max(config.batchSize, 1) : 1
  }

  /// Train accuracy minus validation accuracy at the last epoch: the overfitting gap.
  public var finalGap: Double? { epochs.last.map { $0.accuracy - $0.valAccuracy } }

  enum CodingKeys: String, CodingKey {
    case status, reason, epochs, config, trainCount = "train_samples", validationCount = "validation_samples"
    case bestValAccuracy = "best_val_accuracy", bestEpoch = "best_epoch", minValLoss = "min_val_loss"
    case minValLossEpoch = "min_val_loss_epoch", medianEpochSeconds = "median_epoch_seconds"
    case samplesPerSecond = "samples_per_second", finalGap = "final_gap"
    case earlyStoppedEpoch = "early_stopped_epoch", restoredEpoch = "restored_epoch"
    case changes, confusion = "confusion_matrix", mistakes
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    status = try c.decode(RunStatus.self, forKey: .status)
    reason = try c.decodeIfPresent(String.self, forKey: .reason)
    // A summary written while the run trains has no epochs: metrics.csv holds them.
    epochs = try c.decodeIfPresent([EpochMetrics].self, forKey: .epochs) ?? []
    config = try c.decode(Hyperparameters.self, forKey: .config)
    trainCount = try c.decodeIfPresent(Int.self, forKey: .trainCount) ?? 0
    validationCount = try c.decodeIfPresent(Int.self, forKey: .validationCount) ?? 0
    earlyStoppedEpoch = try c.decodeIfPresent(Int.self, forKey: .earlyStoppedEpoch)
    restoredEpoch = try c.decodeIfPresent(Int.self, forKey: .restoredEpoch)
    changes = try c.decodeIfPresent([SettingChange].self, forKey: .changes) ?? []
    confusion = try c.decodeIfPresent(ConfusionMatrix.self, forKey: .confusion)
    mistakes = try c.decodeIfPresent([SamplePrediction].self, forKey: .mistakes) ?? []
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(status, forKey: .status)
    try c.encode(reason, forKey: .reason)
    // `json(pretty:)` writes the epochs itself, after the rest (see RunSummary+JSON.swift).
    let epochsWrittenApart = encoder.userInfo[.epochsWrittenApart] as? Bool == true
    try c.encode(epochsWrittenApart ? [] : epochs.map(FiniteEpoch.init), forKey: .epochs)
    try c.encode(bestValAccuracy, forKey: .bestValAccuracy)
    try c.encode(bestEpoch, forKey: .bestEpoch)
    try c.encode(minValLoss, forKey: .minValLoss)
    try c.encode(minValLossEpoch, forKey: .minValLossEpoch)
    try c.encode(medianEpochSeconds, forKey: .medianEpochSeconds)
    try c.encode(samplesPerSecond, forKey: .samplesPerSecond)
    try c.encode(finalGap.flatMap { $0.isFinite ? $0 : nil }, forKey: .finalGap)
    try c.encode(trainCount, forKey: .trainCount)
    try c.encode(validationCount, forKey: .validationCount)
    try c.encode(config, forKey: .config)
    try c.encodeIfPresent(earlyStoppedEpoch, forKey: .earlyStoppedEpoch)
    try c.encodeIfPresent(restoredEpoch, forKey: .restoredEpoch)
    try c.encode(changes, forKey: .changes)
    try c.encodeIfPresent(confusion, forKey: .confusion)
    if !mistakes.isEmpty { try c.encode(mistakes, forKey: .mistakes) }
  }
}

/// An epoch row for JSON: non-finite values (a diverged run) become `null`, as JSON has no NaN.
private struct FiniteEpoch: Encodable {
  let row: EpochMetrics
  init(_ row: EpochMetrics) { self.row = row }
  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: EpochMetrics.CodingKeys.self)
    try c.encode(row.epoch, forKey: .epoch)
    for (key, v) in [
      (EpochMetrics.CodingKeys.loss, row.loss), (.accuracy, row.accuracy), (.valLoss, row.valLoss),
      (.valAccuracy, row.valAccuracy), (.seconds, row.seconds), (.learningRate, row.learningRate),
    ] {
      try c.encode(v.isFinite ? v : nil, forKey: key)
    }
    if !row.gradientNorms.isEmpty {
      try c.encode(row.gradientNorms.map { $0.isFinite ? $0 : nil }, forKey: .gradientNorms)
    }
  }
}

/// The median of `values` (mean of the middle two for an even count); nil when empty.
public func median(_ values: [Double]) -> Double? {
  guard !values.isEmpty else { return nil }
  let s = values.sorted()
  let mid = s.count / 2
  return s.count % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}
