import Foundation
import TerminalUI
import Testing
import TrainingRuns

@testable import Dashboard
@testable import NeuralEngine

/// A runs directory in a temporary folder, filled the way `traintop train` fills it.
struct TempRunsDirectory {
  let path: String

  init() {
    path = NSTemporaryDirectory() + "traintop-dash-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  var store: RunStore { RunStore(directory: path) }

  /// Stores a finished run of `epochs` fixture epochs with `change` applied to the settings;
  /// `earlyStop` ends it early with the trainer's reason.
  @discardableResult
  func addRun(
    epochs: Int = 12, second: Int, earlyStop: Int? = nil, _ change: (inout Hyperparameters) -> Void = { _ in }
  ) throws -> String {
    var h = Fixtures.settings
    change(&h)
    let recorder = try store.create(
      config: h, now: Date(timeIntervalSince1970: 1_764_000_000 + Double(second)))
    try recorder.record(.started(Fixtures.info))
    var history: [EpochMetrics] = []
    for e in 0..<(earlyStop.map { $0 + 1 } ?? epochs) {
      var m = Fixtures.epoch(e)
      // Settings shift the curves a little, so runs differ and sort differently.
      m.valAccuracy -= h.dropout * 0.1 - Double(h.batchSize) * 0.0001
      m.valLoss += h.dropout * 0.05
      history.append(m)
      try recorder.record(.epochEnded(m))
    }
    var summary = RunSummary(
      status: .finished, reason: nil, epochs: history, config: h, trainCount: 800, validationCount: 200)
    if let earlyStop {
      summary.earlyStoppedEpoch = earlyStop
      summary.reason =
        "early stopping: val_loss did not improve for 3 epochs (best 0.2210 at epoch \(earlyStop - 2))"
    }
    try recorder.record(.ended(summary))
    return recorder.id
  }

  /// A directory that is not a readable run: a config that is not JSON, no metrics.
  func addCorrupt(_ name: String = "zz-corrupt") {
    let dir = path + "/" + name
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: dir + "/config.json", contents: Data("{not json".utf8)))
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

extension DashboardState {
  /// Sends `.storedRunsLoaded` with what `store` lists.
  mutating func load(_ store: RunStore) {
    let listed = store.list()
    _ = update(.storedRunsLoaded(runs: listed.runs, problems: listed.problems))
  }

  mutating func press(_ keys: Key...) -> [Effect] {
    keys.flatMap { update(.key($0)) }
  }

  mutating func type(_ text: String) {
    for c in text { _ = update(.key(.character(c))) }
  }

  /// Selects `field`, replaces its text with `text` and presses Enter.
  mutating func edit(_ field: SettingField, to text: String) {
    focus = .settings
    selectedField = field
    _ = press(.enter, .control("u"))
    type(text)
    _ = press(.enter)
  }
}

/// Three stored runs (dropout 0, 0.3 and an early-stopped batch-size-500 run) plus a corrupt directory.
func threeStoredRuns() throws -> TempRunsDirectory {
  let dir = TempRunsDirectory()
  try dir.addRun(second: 0)
  try dir.addRun(second: 1) { $0.dropout = 0.3 }
  try dir.addRun(second: 2, earlyStop: 9) {
    $0.batchSize = 500
    $0.earlyStopping = 3
  }
  dir.addCorrupt()
  return dir
}
