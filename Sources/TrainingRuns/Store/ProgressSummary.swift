import NeuralEngine

/// `summary.json` while a run trains: the final summary's fields without the per-epoch array.
///
/// It is rewritten about once a second, so its cost must not grow with the run: with every
/// epoch in it, a 100 000-epoch run re-encoded a 25 MB file each second. Readers lose nothing,
/// since a stored run's epochs come from metrics.csv (flushed every epoch); the final summary,
/// written at the end, is the whole `train --json` object. Decodes as a ``RunSummary`` with no
/// epochs.
///
/// It is also the last resort at the end of a run on a full disk, with the run's final status:
/// small enough to fit in the space the previous summary holds.
struct ProgressSummary: Encodable {
  var status = RunStatus.running
  var reason: String?
  var config: Hyperparameters
  var trainCount: Int
  var validationCount: Int
  /// Rows in metrics.csv when this was written.
  var epochsCompleted: Int
  /// The live settings changed so far (few: each is a person's edit or a planned change).
  var changes: [SettingChange] = []

  enum CodingKeys: String, CodingKey {
    case status, reason, config, trainCount = "train_samples", validationCount = "validation_samples"
    case epochsCompleted = "epochs_completed", changes
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(status, forKey: .status)
    try c.encode(reason, forKey: .reason)
    try c.encode(config, forKey: .config)
    try c.encode(trainCount, forKey: .trainCount)
    try c.encode(validationCount, forKey: .validationCount)
    try c.encode(epochsCompleted, forKey: .epochsCompleted)
    try c.encode(changes, forKey: .changes)
  }
}
