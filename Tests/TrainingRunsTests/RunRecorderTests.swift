import Foundation
import NeuralEngine
import Testing
import TrainingRuns

/// How a run's files follow its events: metrics.csv every epoch, summary.json throttled and,
/// while running, without the per-epoch array.
@Suite("Run recorder")
struct RunRecorderTests {
  static func epoch(_ i: Int) -> EpochMetrics {
    EpochMetrics(
      epoch: i, loss: 1 / Double(i + 1), accuracy: 0.5, valLoss: 1, valAccuracy: 0.5 + Double(i) / 1000,
      seconds: 0.001, learningRate: 0.001)
  }

  static func summary(at path: String) throws -> RunSummary {
    try JSONDecoder().decode(
      RunSummary.self, from: Data(contentsOf: URL(fileURLWithPath: path + "/summary.json")))
  }

  static func summaryObject(at path: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path + "/summary.json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  static func temporaryStore() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("recorder-\(UUID().uuidString)").path
  }

  @Test("between summary rewrites a stored run still reads every epoch from metrics.csv")
  func throttledSummary() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var config = Hyperparameters()
    config.dataset = "xor"
    let recorder = try RunStore(directory: dir).create(config: config)
    recorder.summaryInterval = .seconds(3600)
    for i in 0..<200 { try recorder.record(.epochEnded(Self.epoch(i))) }

    // The first epoch wrote the summary; the next 199 fell inside the interval.
    let running = try Self.summaryObject(at: recorder.path)
    #expect(running["status"] as? String == "running" && running["epochs_completed"] as? Int == 1)
    let midRun = try StoredRun(path: recorder.path)
    #expect(midRun.log.rows.count == 200 && midRun.summary.epochs.count == 200)
    #expect(midRun.statusText == "incomplete")
    #expect(midRun.summary.bestEpoch == 199)  // figures come from metrics.csv's rows

    // The end is always written, whole: the `train --json` object with every epoch.
    let final = RunSummary(
      status: .finished, reason: nil, epochs: (0..<200).map(Self.epoch), config: config, trainCount: 4,
      validationCount: 4)
    try recorder.record(.ended(final))
    let ended = try Self.summary(at: recorder.path)
    #expect(ended.status == .finished && ended.epochs.count == 200)
  }

  @Test("the in-progress summary has no epochs: rewriting it costs the same at epoch 10 and 1000")
  func progressSummaryDoesNotGrow() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let recorder = try RunStore(directory: dir).create(config: Hyperparameters())
    recorder.summaryInterval = .zero
    func size() throws -> Int {
      try #require(
        FileManager.default.attributesOfItem(atPath: recorder.path + "/summary.json")[.size] as? Int)
    }
    for i in 0..<10 { try recorder.record(.epochEnded(Self.epoch(i))) }
    let early = try size()
    for i in 10..<1000 { try recorder.record(.epochEnded(Self.epoch(i))) }
    #expect(try size() - early <= 3)  // only `epochs_completed` grows, by its digits
    #expect(try Self.summaryObject(at: recorder.path)["epochs"] == nil)
    #expect(try Self.summary(at: recorder.path).status == .running)
    let stored = try #require(RunStore(directory: dir).list().runs.first)
    #expect(stored.log.rows.count == 1000 && stored.summary.epochs.count == 1000)
  }
}

/// Live changes in the run store: a column per changed setting in metrics.csv (Keras CSVLogger
/// style, sorted), and the changes in summary.json from the moment they apply.
@Suite("Run recorder: live changes")
struct RunRecorderChangeTests {
  @Test("a setting changed mid-run gets a column; the rows before hold the value it replaced")
  func columnAddedMidRun() throws {
    let dir = RunRecorderTests.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let recorder = try RunStore(directory: dir).create(config: Hyperparameters())
    try recorder.record(.epochEnded(RunRecorderTests.epoch(0)))
    try recorder.record(.epochEnded(RunRecorderTests.epoch(1)))
    let change = SettingChange(epoch: 2, batch: 3, setting: .dropout, value: 0.3, previous: 0)
    try recorder.record(.settingChanged(change))
    // Killed here: the summary already lists the change.
    #expect(try RunRecorderTests.summary(at: recorder.path).changes == [change])
    try recorder.record(.epochEnded(RunRecorderTests.epoch(2)))

    let csv = try String(contentsOfFile: recorder.path + "/metrics.csv", encoding: .utf8)
    let lines = csv.split(separator: "\n").map(String.init)
    #expect(lines[0] == "epoch,accuracy,dropout,loss,val_accuracy,val_loss")
    #expect(lines.map { $0.split(separator: ",")[2] } == ["dropout", "0.0", "0.0", "0.3"])
    // Read back, the column is a value per epoch and the metrics are untouched.
    let stored = try StoredRun(path: recorder.path)
    #expect(stored.log.rows.map { $0.values["dropout"] } == [0, 0, 0.3])
    #expect(stored.log.epochMetrics.map(\.loss) == (0..<3).map { RunRecorderTests.epoch($0).loss })
    #expect(stored.summary.changes == [change])
  }

  @Test("planned changes have their columns from the header on")
  func plannedColumns() throws {
    let dir = RunRecorderTests.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var config = Hyperparameters()
    config.changes = [
      SettingChange(epoch: 1, setting: .learningRate, value: 0.01),
      SettingChange(epoch: 1, setting: .epochs, value: 20),
    ]
    let recorder = try RunStore(directory: dir).create(config: config)
    try recorder.record(.epochEnded(RunRecorderTests.epoch(0)))
    let csv = try String(contentsOfFile: recorder.path + "/metrics.csv", encoding: .utf8)
    #expect(csv == "epoch,accuracy,learning_rate,loss,val_accuracy,val_loss\n0,0.5,0.001,1.0,0.5,1.0\n")
  }
}
