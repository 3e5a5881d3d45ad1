import Dashboard
import Foundation
import NeuralEngine
import Testing

@testable import traintop

/// `--preset NAME`: defaults → preset → `--config` → flags, and the reproduce command line.
@Suite("traintop --preset")
struct PresetCLITests {
  static func lastJSON(_ stdout: String) throws -> [String: Any] {
    let line = stdout.split(separator: "\n").last.map(String.init) ?? ""
    return try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
  }

  @Test("the preset sets the values, --config overrides it, flags override both")
  func precedence() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let config = dir + "/over.json"
    try #"{"batch_size": 20, "noise": 0.2, "epochs": 7}"#.write(
      toFile: config, atomically: true, encoding: .utf8)
    let r = try TraintopBinary.run([
      "train", "--preset", "spiral-overfit", "--config", config, "--epochs", "2", "--hidden", "8", "--json",
      "--quiet",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let cfg = try Self.lastJSON(r.stdout)["config"] as! [String: Any]
    #expect(cfg["dataset"] as? String == "spiral")  // preset
    #expect(cfg["samples"] as? Int == 200)  // preset, untouched by the config
    #expect(cfg["val_split"] as? Double == 0.5)
    #expect(cfg["batch_size"] as? Int == 20)  // config over preset
    #expect(cfg["noise"] as? Double == 0.2)
    #expect(cfg["epochs"] as? Int == 2)  // flag over config
    #expect(cfg["hidden"] as? [Int] == [8])  // flag over preset
  }

  @Test("an unknown preset: one line listing the presets, exit 2")
  func unknownPreset() throws {
    let r = try TraintopBinary.run(["train", "--preset", "nope", "--epochs", "1"])
    #expect(r.status == 2)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(r.stderr)")
    #expect(r.stderr.contains("unknown preset 'nope'"))
    #expect(r.stderr.contains("spiral-overfit") && r.stderr.contains("keras-tutorial"))
    #expect(r.stdout.isEmpty)
  }

  @Test("in-process: --preset resolves like Presets.load, flags on top")
  func resolveInProcess() throws {
    let options = try HyperparameterOptions.parse(["--preset", "overfitting", "--dropout", "0.2"])
    var expected = try Presets.load("overfitting")
    expected.dropout = 0.2
    #expect(try options.resolve() == expected)
  }

  /// Settings → command line → `HyperparameterOptions.parse` → the same settings.
  @Test(
    "the reproduce command line round-trips through the CLI's parser",
    arguments: [
      { (h: inout Hyperparameters) in h.dataset = "spiral" },
      { (h: inout Hyperparameters) in
        h.dataset = "circles"
        h.hidden = [64, 32]
        h.dropout = 0.3
        h.l2Hidden = 1e-05
        h.optimizer = .sgd
        h.learningRate = 0.25
        h.batchSize = 16
        h.epochs = 40
        h.initializer = .he
        h.seed = 7
      },
      { (h: inout Hyperparameters) in
        h = try! Presets.load("spiral-overfit")
        h.noise = 0.5
      },
      { (h: inout Hyperparameters) in
        h = try! Presets.load("overfitting")
      },
      { (h: inout Hyperparameters) in
        h.optimizer = .momentum
        h.nesterov = true
        h.earlyStopping = 5
        h.restoreBest = true
        h.monitor = .valAccuracy
        h.trainSize = 500
        h.activation = .tanh
        h.output = .sigmoid
        h.loss = .quadratic
      },
    ] as [@Sendable (inout Hyperparameters) -> Void])
  func roundTrip(change: @Sendable (inout Hyperparameters) -> Void) throws {
    var h = Hyperparameters()
    change(&h)
    let presets = PresetChoice.available()
    let arguments = ReproduceCommand.arguments(for: h, presets: presets)
    let line = ReproduceCommand.string(for: h, presets: presets)
    #expect(line == (["traintop", "train"] + arguments).joined(separator: " "))
    let parsed = try HyperparameterOptions.parse(arguments).resolve()
    // The same run: the learning rate may come back explicit where it was the optimizer's default.
    var a = parsed
    var b = h
    a.learningRate = a.effectiveLearningRate
    b.learningRate = b.effectiveLearningRate
    #expect(a == b, "\(line)")
  }

  @Test("equal to a preset: the command names it")
  func namesThePreset() throws {
    let h = try Presets.load("spiral-overfit")
    #expect(
      ReproduceCommand.string(for: h, presets: PresetChoice.available())
        == "traintop train --preset spiral-overfit")
  }

  @Test("the dashboard's sweep command line runs exactly the runs g queues")
  func sweepCommandRoundTrip() throws {
    let presets = PresetChoice.available()
    for name in ["batch-size", "learning-slowdown"] {
      var state = DashboardState(settings: Hyperparameters(), width: 80, height: 24)
      let preset = try #require(presets.first { $0.name == name })
      state.settings = try #require(preset.settings)
      state.loadSweepPlan(try #require(preset.sweep))
      // One more list typed in the editor, with hidden layers to cover the '+' separator.
      state.runsPanel.sweepLists[.hidden] = ["64", "32,16"]
      let arguments = ReproduceCommand.sweepArguments(
        for: state.settings, lists: state.runsPanel.sweepLists, presets: presets)
      #expect(arguments.starts(with: ["--preset", name]), "\(arguments)")
      let grid = try SweepGrid.expand(SweepGrid.addingPlan(to: arguments))
      let runs = try grid.map { try HyperparameterOptions.parse($0).resolve() }
      #expect(runs == state.sweepGrid(), "\(arguments)")
      #expect(runs.count == (try #require(preset.sweep)).count * 2)
    }
  }
}
