import ArgumentParser
import Foundation
import NeuralEngine
import SafeText

/// The hyperparameter flags shared by `traintop`, `train`, `sweep` and `bench`.
///
/// Every flag is optional so that `--config FILE.json` can supply the value
/// and an explicit flag can override it.
struct HyperparameterOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "A ready-made lesson (\(Presets.names().joined(separator: ", "))); --config and flags override it.",
      valueName: "name"))
  var preset: String?

  @Option(
    help: "JSON file with settings (same names as these flags, e.g. \"learning_rate\"); flags override it.")
  var config: String?

  @Option(
    help: ArgumentHelp(
      "fashion-mnist, mnist, spiral, circles, xor, gaussian, moons, a folder of IDX files, or a CSV file.",
      valueName: "name|path"))
  var dataset: String?
  @Option(help: "Train on the first N training samples only.")
  var trainSize: Int?
  @Option(help: "Fraction held out for validation from CSV and 2-D datasets (default 0.2).")
  var valSplit: Double?
  @Option(help: "Points generated for a built-in 2-D dataset (default 1000).")
  var samples: Int?
  @Option(help: "Noise of a built-in 2-D dataset (default 0.1).")
  var noise: Double?
  @Option(
    help: ArgumentHelp(
      "Draw the samples as images of this shape (CSV data; IDX files carry theirs).",
      valueName: "rowsxcolumns"))
  var imageShape: String?

  @Option(
    help: ArgumentHelp("Hidden layer sizes, comma separated, or none (default 128).", valueName: "n[,n...]"))
  var hidden: String?
  @Option(help: "relu, sigmoid, tanh, leaky-relu, elu or linear (default relu).")
  var activation: String?
  @Option(help: "Output layer: softmax or sigmoid (default softmax).")
  var output: String?
  @Option(help: "cross-entropy or quadratic (default cross-entropy).")
  var loss: String?
  @Option(help: "Dropout rate after each hidden layer, in [0, 1) (default 0).")
  var dropout: Double?
  @Option(help: "L1 strength on hidden-layer weights (Keras: adds l1·Σ|w| to the loss).")
  var l1Hidden: Double?
  @Option(help: "L2 strength on hidden-layer weights (Keras: adds l2·Σw² to the loss).")
  var l2Hidden: Double?
  @Option(help: "L1 strength on output-layer weights.")
  var l1Output: Double?
  @Option(help: "L2 strength on output-layer weights.")
  var l2Output: Double?

  @Option(help: "sgd, momentum, adam or rmsprop (default adam).")
  var optimizer: String?
  @Option(
    help: "Learning rate η (default: Keras's for the optimizer: 0.01 sgd/momentum, 0.001 adam/rmsprop).")
  var learningRate: Double?
  @Option(help: "Momentum μ for --optimizer momentum (default 0.9).")
  var momentum: Double?
  @Flag(help: "Use Nesterov momentum with --optimizer momentum.")
  var nesterov = false
  @Option(help: "Mini-batch size (default 100).")
  var batchSize: Int?
  @Option(help: "Number of epochs (default 10).")
  var epochs: Int?
  @Option(name: .customLong("init"), help: "Weight initializer: glorot, he, nndl or large (default glorot).")
  var initializer: String?
  @Option(help: "Start every weight at this value (NNDL's one-neuron demo: 2).")
  var initialWeight: Double?
  @Option(help: "Start every bias at this value (NNDL's one-neuron demo: 2).")
  var initialBias: Double?
  @Option(help: "Random seed: the same seed gives the same curves on the same machine (default 1).")
  var seed: UInt64?
  @Option(
    help: ArgumentHelp(
      "Stop after this many epochs without improvement (Keras EarlyStopping).", valueName: "patience"))
  var earlyStopping: Int?
  @Option(
    help: "Metric for early stopping and the plateau schedule: val_loss or val_accuracy (default val_loss).")
  var monitor: String?
  @Option(help: "Early stopping: the least change that counts as an improvement (default 0).")
  var minDelta: Double?
  @Flag(help: "Early stopping: restore the best epoch's weights at the end.")
  var restoreBest = false
  @Flag(help: "Divide the learning rate by 10 after 10 epochs without improvement (Keras ReduceLROnPlateau).")
  var reduceLrOnPlateau = false

  @Option(
    help: ArgumentHelp(
      "Most epochs per second: full, auto (slow enough to follow, see README) or a number "
        + "(default: full for train and sweep, auto in the dashboard).",
      valueName: "full|auto|n"))
  var pace: String?
  @Option(
    name: .customLong("change"),
    help: ArgumentHelp(
      "Change a live setting after EPOCH epochs (and BATCH batches), e.g. 5:learning_rate=0.05; "
        + "repeatable. Live: \(LiveSetting.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "epoch[.batch]:setting=value"))
  var changes: [String] = []

  @Option(
    help: ArgumentHelp(
      "Threads one run trains with (default: train 2 when two cores are free, else 1; "
        + "1 per sweep job and in the dashboard, whose UI keeps a core).",
      valueName: "n"))
  var threads: Int?

  /// The settings: defaults, then `--preset`, then `--config`, then the flags given.
  func resolve() throws -> Hyperparameters {
    var h = Hyperparameters()
    if let preset { h = try Presets.load(preset) }
    if let path = config {
      let data = Data(try InputFile.contents(of: path, kind: "settings file", limit: InputFile.settingsLimit))
      do {
        let decoder = JSONDecoder()
        decoder.userInfo[.hyperparametersBase] = h
        h = try decoder.decode(Hyperparameters.self, from: data)
      } catch {
        throw DataError(
          "\(safePath: path): \(DecodingError.describe(error, in: data)); see README's --config section")
      }
    }
    if let dataset { h.dataset = dataset }
    if let trainSize { h.trainSize = trainSize }
    if let valSplit { h.valSplit = valSplit }
    if let samples { h.samples = samples }
    if let noise { h.noise = noise }
    if let imageShape { h.imageShape = try ImageShape(parsing: imageShape) }
    if let hidden { h.hidden = try Self.parseHidden(hidden) }
    if let activation { h.activation = try Self.choice(activation, flag: "activation") }
    if let output { h.output = try Self.choice(output, flag: "output") }
    if let loss { h.loss = try Self.choice(loss, flag: "loss") }
    if let dropout { h.dropout = dropout }
    if let l1Hidden { h.l1Hidden = l1Hidden }
    if let l2Hidden { h.l2Hidden = l2Hidden }
    if let l1Output { h.l1Output = l1Output }
    if let l2Output { h.l2Output = l2Output }
    if let optimizer { h.optimizer = try Self.choice(optimizer, flag: "optimizer") }
    if let learningRate { h.learningRate = learningRate }
    if let momentum { h.momentum = momentum }
    if nesterov { h.nesterov = true }
    if let batchSize { h.batchSize = batchSize }
    if let epochs { h.epochs = epochs }
    if let initializer { h.initializer = try Self.choice(initializer, flag: "init") }
    if let seed { h.seed = seed }
    if let initialWeight { h.initialWeight = initialWeight }
    if let initialBias { h.initialBias = initialBias }
    if let earlyStopping { h.earlyStopping = earlyStopping }
    if let monitor { h.monitor = try Self.choice(monitor, flag: "monitor") }
    if let minDelta { h.minDelta = minDelta }
    if restoreBest { h.restoreBest = true }
    if reduceLrOnPlateau { h.reduceLROnPlateau = true }
    if let pace { h.pace = try Pace(parsing: pace) }
    if !changes.isEmpty {
      h.changes = try changes.map { text throws(DataError) in try SettingChange(parsing: text) }
    }
    if let threads { try BLAS.checkThreads(threads) }
    try h.validate()
    return h
  }

  /// The study the `--config` file or `--preset` queues (its `sweep` key, see ``SweepPlan``): the
  /// config's when it has one, else the preset's, with the axes fixed by `flagsGiven` removed
  /// (a flag overrides the preset's sweep of that setting); nil for a single run. `source` names
  /// the file for messages, `option` is the flag that brings it (`--preset batch-size`).
  ///
  /// - Parameter settings: what ``resolve()`` returned, checked against every run of the study.
  func sweepPlan(
    over settings: Hyperparameters, flagsGiven: Set<String>
  ) throws -> (plan: SweepPlan, source: String, option: String)? {
    var found: (SweepPlan, String, String)?
    if let preset, let plan = try Presets.sweep(preset) {
      found = (plan, "preset '\(preset)'", "--preset \(preset)")
    }
    if let path = config,
      let data = try? InputFile.contents(of: path, kind: "settings file", limit: InputFile.settingsLimit)
    {
      do {
        if let plan = try SweepPlan.read(from: Data(data)) {
          found = (plan, path, "--config \(safePath: path)")
        }
      } catch {
        throw DataError("\(safePath: path): \(error.message)")
      }
    }
    guard let (plan, source, option) = found, let kept = plan.removing(keys: flagsGiven) else { return nil }
    do {
      _ = try kept.runs(from: settings)  // every run valid before any starts
    } catch {
      throw DataError("\(safePath: source): \(error.message)")
    }
    return (kept, source, option)
  }

  /// The settings keys (`batch_size`, `init`) of the long flags among `arguments`, e.g. from
  /// `--batch-size 100` or `--batch-size=100`.
  static func settingKeys(in arguments: [String]) -> Set<String> {
    Set(
      arguments.filter { $0.hasPrefix("--") }.map {
        String($0.dropFirst(2).prefix { $0 != "=" }).replacingOccurrences(of: "-", with: "_")
      })
  }

  /// `"128,64"` → `[128, 64]`, with a one-line error naming the bad entry.
  static func parseHidden(_ text: String) throws -> [Int] {
    if text.lowercased() == "none" { return [] }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    return try parts.map { part in
      let t = part.trimmingCharacters(in: .whitespaces)
      guard let n = Int(t), n >= 1 else {
        throw DataError(
          "--hidden '\(safe: text)': '\(safe: t)' is not a layer size ≥ 1; use e.g. --hidden 128,64")
      }
      return n
    }
  }

  static func choice<T: RawRepresentable & CaseIterable>(_ text: String, flag: String) throws -> T
  where T.RawValue == String {
    try T.named(text, setting: "--" + flag)
  }
}
