import Foundation
import SafeText

/// Ready-made classroom configurations: NNDL chapter 3's overfitting
/// experiment and its cures, the seed assignment's Keras model, and a 2-D set
/// that overfits in a second.
///
/// Each preset is a JSON file of ``Hyperparameters`` keys, `Examples/presets/<name>.json`,
/// that a teacher can copy and edit. ``load(_:environment:currentDirectory:)``
/// reads the first such file it finds in ``searchDirectories(environment:currentDirectory:)``
/// (so an edited copy wins) and otherwise the copy compiled into this module,
/// so every preset works from any directory. The compiled copies and the files
/// are kept identical by a test.
public enum Presets {
  /// The preset names: the built-in ones and any other `*.json` in the search folders, sorted.
  public static func names(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> [String] {
    var names = Set(builtIn.map(\.name))
    for folder in searchDirectories(environment: environment, currentDirectory: currentDirectory) {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
      for file in files where file.hasSuffix(".json") {
        names.insert(String(file.dropLast(".json".count)))
      }
    }
    return names.sorted()
  }

  /// The settings of preset `name`, validated. For a preset that is a study of several runs
  /// (a `sweep` key, see ``SweepPlan``) these are the settings the study varies from.
  ///
  /// - Throws: a one-line ``DataError``: for an unknown name it lists the
  ///   available presets; for a broken file it names the file and the value.
  public static func load(
    _ name: String,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) throws(DataError) -> Hyperparameters {
    try study(name, environment: environment, currentDirectory: currentDirectory).settings
  }

  /// The runs preset `name` queues besides its settings (its `sweep` key), or nil for a single run.
  /// Every run of the study is validated.
  public static func sweep(
    _ name: String,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) throws(DataError) -> SweepPlan? {
    try study(name, environment: environment, currentDirectory: currentDirectory).sweep
  }

  /// The settings and the sweep of preset `name`, both validated, from one read of its file.
  public static func study(
    _ name: String,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) throws(DataError) -> (settings: Hyperparameters, sweep: SweepPlan?) {
    let (text, origin) = try source(of: name, environment: environment, currentDirectory: currentDirectory)
    let hyperparameters: Hyperparameters
    do {
      hyperparameters = try JSONDecoder().decode(Hyperparameters.self, from: Data(text.utf8))
    } catch {
      throw DataError(
        "preset '\(safe: name)' (\(safePath: origin)): \(DecodingError.describe(error, in: Data(text.utf8)))")
    }
    do {
      try hyperparameters.validate()
      let plan = try SweepPlan.read(from: Data(text.utf8))
      _ = try plan?.runs(from: hyperparameters)
      return (hyperparameters, plan)
    } catch {
      throw DataError("preset '\(safe: name)' (\(safePath: origin)): \(error.message)")
    }
  }

  /// One line saying what a built-in preset teaches, for help text and pickers; nil for other names.
  public static func summary(of name: String) -> String? {
    builtIn.first { $0.name == name }?.summary
  }

  // MARK: - Finding a preset

  /// The folders searched for `<name>.json`, in order: `$TRAINTOP_PRESETS`,
  /// `./Examples/presets`, and `Examples/presets` of the source checkout this
  /// module was built from (found via `#filePath`; absent on other machines).
  static func searchDirectories(environment: [String: String], currentDirectory: String) -> [String] {
    var folders = [String]()
    if let custom = environment["TRAINTOP_PRESETS"], !custom.isEmpty {
      folders.append(custom.hasPrefix("/") ? custom : currentDirectory + "/" + custom)
    }
    folders.append(currentDirectory + "/Examples/presets")
    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // Presets
      .deletingLastPathComponent()  // NeuralEngine
      .deletingLastPathComponent()  // Sources
      .deletingLastPathComponent()
    folders.append(packageRoot.appendingPathComponent("Examples/presets").path)
    var seen = Set<String>()
    return folders.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
  }

  /// The JSON text of preset `name` and where it came from (a path, or "built in").
  static func source(
    of name: String, environment: [String: String], currentDirectory: String
  ) throws(DataError) -> (text: String, origin: String) {
    guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else {
      throw unknown(name, environment: environment, currentDirectory: currentDirectory)
    }
    for folder in searchDirectories(environment: environment, currentDirectory: currentDirectory) {
      let path = folder + "/" + name + ".json"
      if FileManager.default.fileExists(atPath: path) {
        let data = try InputFile.contents(of: path, kind: "preset", limit: InputFile.settingsLimit)
        guard let text = String(validating: data, as: UTF8.self) else {
          throw DataError(
            "preset '\(safe: name)' (\(safePath: path)): not UTF-8 text; save it as a UTF-8 JSON file")
        }
        return (text, path)
      }
    }
    if let preset = builtIn.first(where: { $0.name == name }) { return (preset.json, "built in") }
    throw unknown(name, environment: environment, currentDirectory: currentDirectory)
  }

  private static func unknown(
    _ name: String, environment: [String: String], currentDirectory: String
  ) -> DataError {
    let available = names(environment: environment, currentDirectory: currentDirectory)
    return DataError(
      "unknown preset '\(safe: name)': use one of \(available.joined(separator: ", ")), "
        + "or --config FILE.json for your own")
  }

  /// A decoding error in one line (as `--config` reports it): the key and what is wrong with it.
  // MARK: - The built-in copies (identical to Examples/presets/*.json; PresetTests checks)

  struct Preset: Sendable {
    var name: String
    var summary: String
    var json: String
  }

  static let builtIn: [Preset] = [
    Preset(
      name: "vanishing-gradients",
      summary:
        "NNDL ch. 5: three sigmoid layers of 30; d shows the first layer learning 20× slower than the third.",
      json: """
        {
          "dataset": "fashion-mnist",
          "train_size": 1000,
          "hidden": [30, 30, 30],
          "activation": "sigmoid",
          "output": "sigmoid",
          "loss": "cross-entropy",
          "optimizer": "sgd",
          "learning_rate": 0.1,
          "batch_size": 10,
          "epochs": 30,
          "init": "nndl",
          "seed": 1
        }
        """),
    Preset(
      name: "vanishing-gradients-relu",
      summary: "The cure beside it: ReLU and He initialization; every layer learns at a similar speed (d).",
      json: """
        {
          "dataset": "fashion-mnist",
          "train_size": 1000,
          "hidden": [30, 30, 30],
          "activation": "relu",
          "output": "sigmoid",
          "loss": "cross-entropy",
          "optimizer": "sgd",
          "learning_rate": 0.1,
          "batch_size": 10,
          "epochs": 30,
          "init": "he",
          "seed": 1
        }
        """),
    Preset(
      name: "lr-drop",
      summary:
        "Spiral, SGD with momentum at η 0.1: the loss plateaus noisily; at epoch 30 η drops to 0.01 and it falls.",
      json: """
        {
          "dataset": "spiral",
          "hidden": [64, 64],
          "activation": "relu",
          "output": "softmax",
          "loss": "cross-entropy",
          "optimizer": "momentum",
          "learning_rate": 0.1,
          "momentum": 0.9,
          "batch_size": 10,
          "epochs": 60,
          "seed": 1,
          "changes": ["30:learning_rate=0.01"]
        }
        """),
    Preset(
      name: "lr-rescue",
      summary:
        "NNDL's η = 2.5: the loss oscillates; at epoch 10 η becomes 0.25 and it falls smoothly (or press [).",
      json: """
        {
          "dataset": "fashion-mnist",
          "train_size": 1000,
          "hidden": [30],
          "activation": "sigmoid",
          "output": "sigmoid",
          "loss": "cross-entropy",
          "optimizer": "sgd",
          "learning_rate": 2.5,
          "batch_size": 10,
          "epochs": 40,
          "init": "large",
          "seed": 1,
          "changes": ["10:learning_rate=0.25"]
        }
        """),
    Preset(
      name: "learning-slowdown",
      summary:
        "NNDL ch. 3's saturated neuron (w = b = 2): quadratic cost starts flat, cross-entropy does not.",
      json: """
        {
          "dataset": "neuron",
          "hidden": [],
          "output": "sigmoid",
          "loss": "quadratic",
          "optimizer": "sgd",
          "learning_rate": 0.15,
          "batch_size": 1,
          "epochs": 300,
          "initial_weight": 2,
          "initial_bias": 2,
          "seed": 1,
          "sweep": {"loss": ["quadratic", "cross-entropy"]}
        }
        """),
    Preset(
      name: "keras-tutorial",
      summary: "The seed's Q4 Keras model: Fashion-MNIST, 128 ReLU, dropout 0.3, Adam, batch 100.",
      json: """
        {
          "dataset": "fashion-mnist",
          "hidden": [128],
          "activation": "relu",
          "output": "softmax",
          "loss": "cross-entropy",
          "dropout": 0.3,
          "optimizer": "adam",
          "learning_rate": 0.001,
          "batch_size": 100,
          "epochs": 10,
          "init": "glorot",
          "seed": 1
        }
        """),
    Preset(
      name: "overfitting",
      summary: "NNDL ch. 3 on 1000 images: train accuracy → 100 %, validation stalls, val loss turns up.",
      json: """
        {
          "dataset": "fashion-mnist",
          "train_size": 1000,
          "hidden": [30],
          "activation": "sigmoid",
          "output": "sigmoid",
          "loss": "cross-entropy",
          "optimizer": "sgd",
          "learning_rate": 0.5,
          "batch_size": 10,
          "epochs": 150,
          "init": "large",
          "seed": 1
        }
        """),
    Preset(
      name: "overfitting-l2",
      summary: "The overfitting run plus L2 0.0025 on both layers (NNDL's λ = 5): the gap closes.",
      json: """
        {
          "dataset": "fashion-mnist",
          "train_size": 1000,
          "hidden": [30],
          "activation": "sigmoid",
          "output": "sigmoid",
          "loss": "cross-entropy",
          "l2_hidden": 0.0025,
          "l2_output": 0.0025,
          "optimizer": "sgd",
          "learning_rate": 0.5,
          "batch_size": 10,
          "epochs": 150,
          "init": "large",
          "seed": 1
        }
        """),
    Preset(
      name: "overfitting-dropout",
      summary: "The overfitting run plus dropout 0.5 on the hidden layer: the gap closes, learning slows.",
      json: """
        {
          "dataset": "fashion-mnist",
          "train_size": 1000,
          "hidden": [30],
          "activation": "sigmoid",
          "output": "sigmoid",
          "loss": "cross-entropy",
          "dropout": 0.5,
          "optimizer": "sgd",
          "learning_rate": 0.5,
          "batch_size": 10,
          "epochs": 150,
          "init": "large",
          "seed": 1
        }
        """),
    Preset(
      name: "spiral-overfit",
      summary: "100 noisy spiral points, a 128-128-128 ReLU network: overfits in a second, no download.",
      json: """
        {
          "dataset": "spiral",
          "samples": 200,
          "noise": 0.3,
          "val_split": 0.5,
          "hidden": [128, 128, 128],
          "activation": "relu",
          "output": "softmax",
          "loss": "cross-entropy",
          "optimizer": "adam",
          "learning_rate": 0.001,
          "batch_size": 10,
          "epochs": 1500,
          "init": "glorot",
          "seed": 1
        }
        """),
    Preset(
      name: "batch-size",
      summary: "The seed's batch-size study: its Keras model without dropout at batch 32 … 7000, 6 runs.",
      json: """
        {
          "dataset": "fashion-mnist",
          "hidden": [128],
          "activation": "relu",
          "output": "softmax",
          "loss": "cross-entropy",
          "optimizer": "adam",
          "learning_rate": 0.001,
          "batch_size": 32,
          "epochs": 10,
          "init": "glorot",
          "seed": 1,
          "sweep": {"batch_size": [32, 100, 500, 1000, 3000, 7000]}
        }
        """),
  ]
}
