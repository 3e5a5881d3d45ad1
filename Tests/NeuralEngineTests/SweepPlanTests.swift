import Foundation
import Testing

@testable import NeuralEngine

/// A preset's or config's `sweep`: the study of several runs it queues.
@Suite("Sweep plans")
struct SweepPlanTests {
  static func plan(_ json: String) throws(DataError) -> SweepPlan? {
    try SweepPlan.read(from: Data(json.utf8))
  }

  static func message(_ json: String) -> String {
    do {
      _ = try plan(json)
      return "no error"
    } catch {
      return error.message
    }
  }

  /// The grid's size is multiplied out, with overflow checks, before anything is expanded.
  @Test("a grid beyond 10 000 runs is refused with its size and the limit, even one that overflows")
  func gridLimit() {
    let hundred = "[" + (1...100).map(String.init).joined(separator: ",") + "]"
    #expect(
      Self.message(#"{"sweep": {"seed": \#(hundred), "epochs": \#(hundred), "batch_size": \#(hundred)}}"#)
        == "sweep: 100 batch_size × 100 epochs × 100 seed make 1000000 runs; traintop runs at most 10000 in one sweep: give fewer values"
    )
    #expect(SweepPlan.runCount(Array(repeating: 1000, count: 7)) == nil)
    let overflowing = (try? SweepPlan.checkSize(Array(repeating: ("seed", 1000), count: 7))) == nil
    #expect(overflowing)
    #expect(throws: DataError.self) { try SweepPlan.checkSize(Array(repeating: ("seed", 1000), count: 7)) }
    #expect(SweepPlan.runCount([100, 100]) == 10_000)
    #expect((try? SweepPlan.checkSize([("a", 100), ("b", 100)])) != nil)
  }

  @Test("the batch-size preset is the seed's study: the Keras model at batch 32 … 7000")
  func batchSizeStudy() throws {
    let (env, cwd) = PresetTests.isolated()
    let base = try Presets.load("batch-size", environment: env, currentDirectory: cwd)
    let plan = try #require(try Presets.sweep("batch-size", environment: env, currentDirectory: cwd))
    #expect(plan.axes.map(\.key) == ["batch_size"])
    let runs = try plan.runs(from: base)
    #expect(runs.map(\.batchSize) == [32, 100, 500, 1000, 3000, 7000])
    #expect(runs.first == base, "the preset's own settings are the study's first run")
    // Only the batch size varies.
    #expect(
      runs.allSatisfy {
        var h = $0; h.batchSize = base.batchSize; return h == base
      })
    #expect(plan.count == 6 && plan.summary == "batch_size 32,100,500,1000,3000,7000")
  }

  @Test("learning-slowdown queues quadratic then cross-entropy, the two runs to overlay")
  func learningSlowdownPair() throws {
    let (env, cwd) = PresetTests.isolated()
    let base = try Presets.load("learning-slowdown", environment: env, currentDirectory: cwd)
    let plan = try #require(try Presets.sweep("learning-slowdown", environment: env, currentDirectory: cwd))
    let runs = try plan.runs(from: base)
    #expect(runs.map(\.loss) == [.quadratic, .crossEntropy])
    #expect(runs[0] == base)
    #expect(plan.axes[0].flag == "--loss" && plan.axes[0].values == ["quadratic", "cross-entropy"])
  }

  @Test("single-run presets have no sweep")
  func singleRuns() throws {
    let (env, cwd) = PresetTests.isolated()
    for name in ["keras-tutorial", "overfitting", "overfitting-l2", "overfitting-dropout", "spiral-overfit"] {
      #expect(try Presets.sweep(name, environment: env, currentDirectory: cwd) == nil, "\(name)")
    }
  }

  @Test("combinations: canonical setting order, the first varying slowest; every value type")
  func combinations() throws {
    // Written with loss before batch size and a dashed key: the order is the settings' own.
    let plan = try #require(
      try Self.plan(
        #"{"sweep": {"loss": ["quadratic", "cross-entropy"], "batch-size": [10, 20], "hidden": [[8], [], [4, 4]]}}"#
      ))
    #expect(plan.axes.map(\.key) == ["hidden", "loss", "batch_size"])
    #expect(plan.axes[0].values == ["8", "none", "4,4"])
    let runs = try plan.runs(from: Hyperparameters())
    #expect(runs.count == 12)
    #expect(runs[0].hidden == [8] && runs[0].loss == .quadratic && runs[0].batchSize == 10)
    #expect(runs[1].hidden == [8] && runs[1].loss == .quadratic && runs[1].batchSize == 20)
    #expect(runs[2].hidden == [8] && runs[2].loss == .crossEntropy && runs[2].batchSize == 10)
    #expect(runs[4].hidden == [] && runs[11].hidden == [4, 4] && runs[11].batchSize == 20)

    let mixed = try #require(
      try Self.plan(#"{"sweep": {"nesterov": [true, false], "learning_rate": [0.1, 1e-05], "epochs": [3]}}"#))
    let h = try mixed.runs(from: Hyperparameters())
    // learning_rate comes before nesterov among the settings, so it varies slowest.
    #expect(h.map(\.learningRate) == [0.1, 0.1, 1e-05, 1e-05])
    #expect(h.map(\.nesterov) == [true, false, true, false])
    #expect(h.allSatisfy { $0.epochs == 3 })
    #expect(mixed.axes.first { $0.key == "learning_rate" }?.values == ["0.1", "1e-05"])
  }

  @Test("a file without a sweep has none; the settings decoder ignores the key")
  func absent() throws {
    #expect(try Self.plan(#"{"dataset": "spiral"}"#) == nil)
    let h = try JSONDecoder().decode(
      Hyperparameters.self, from: Data(#"{"batch_size": 7, "sweep": {"batch_size": [1, 2]}}"#.utf8))
    #expect(h.batchSize == 7)
  }

  @Test(
    "a bad sweep is one line naming the setting and what to do",
    arguments: [
      (#"{"sweep": {"bach_size": [1, 2]}}"#, "unknown setting 'bach_size'"),
      (#"{"sweep": {"batch_size": []}}"#, "'batch_size' lists no values"),
      (#"{"sweep": {}}"#, "lists no settings"),
      (#"{"sweep": [1, 2]}"#, "write it as an object of lists"),
      (#"{"sweep": {"batch_size": 32}}"#, "write it as an object of lists"),
      (#"{"sweep": {"batch_size": ["a"]}}"#, "'batch_size' has the wrong type"),
      (
        #"{"sweep": {"loss": ["cross", "quadratic"]}}"#,
        "loss 'cross' is not one of: cross-entropy, quadratic"
      ),
      (#"{"sweep": {"batch_size": [1], "batch-size": [2]}}"#, "is listed twice"),
      (#"{"sweep": {"sweep": [1]}}"#, "unknown setting 'sweep'"),
    ])
  func errors(json: String, expected: String) {
    let message = Self.message(json)
    #expect(message.hasPrefix("sweep: ") && message.contains(expected), "\(message)")
    #expect(!message.contains("\n"))
  }

  @Test("values that fit the key but not a run are caught when the runs are made")
  func invalidRun() throws {
    let plan = try #require(try Self.plan(#"{"sweep": {"dropout": [0.2, 1.5]}}"#))
    #expect(throws: DataError("sweep: dropout 1.5 must be in [0, 1) (e.g. 0.3)")) {
      try plan.runs(from: Hyperparameters())
    }
  }

  @Test("flags given on the command line remove their axes")
  func removing() throws {
    let plan = try #require(try Self.plan(#"{"sweep": {"loss": ["quadratic"], "batch_size": [1, 2]}}"#))
    #expect(plan.removing(keys: ["batch-size"])?.axes.map(\.key) == ["loss"])
    #expect(plan.removing(keys: ["loss", "batch_size"]) == nil)
    #expect(plan.removing(keys: ["epochs"]) == plan)
  }

  @Test("a preset with a broken sweep names its file")
  func brokenPreset() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("presets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try #"{"dataset": "moons", "sweep": {"batch_size": [10, 0]}}"#.write(
      to: folder.appendingPathComponent("study.json"), atomically: true, encoding: .utf8)
    let (env, cwd) = PresetTests.isolated(folder.path)
    func reportsTheFile(_ error: any Error) -> Bool {
      let message = (error as? DataError)?.message ?? ""
      return message.contains("study.json") && message.contains("batch size 0 must be at least 1")
    }
    #expect {
      try Presets.load("study", environment: env, currentDirectory: cwd)
    } throws: { reportsTheFile($0) }
    #expect {
      try Presets.sweep("study", environment: env, currentDirectory: cwd)
    } throws: { reportsTheFile($0) }
  }
}
