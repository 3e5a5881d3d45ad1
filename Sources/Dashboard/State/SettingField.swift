import Foundation
import NeuralEngine
import SafeText

/// One row of the hyperparameter panel: how a setting is shown, cycled and parsed.
///
/// Choice settings cycle with ←/→; every setting can also be typed after Enter. Parsing never
/// touches the settings: `apply(_:to:)` returns a new value or throws a one-line `DataError`.
public enum SettingField: Int, CaseIterable, Sendable {
  case dataset, trainSize, hidden, activation, output, loss, dropout
  case l1Hidden, l2Hidden, l1Output, l2Output
  case optimizer, learningRate, momentum, batchSize, epochs, pace, initializer, seed
  case earlyStopping, monitor, restoreBest, reduceLROnPlateau, changes

  /// The built-in dataset names offered when cycling the dataset field.
  static let datasetChoices = ["fashion-mnist", "mnist", "spiral", "circles", "xor", "gaussian", "moons"]

  /// The label shown in the panel (≤ 10 columns).
  public var label: String {
    switch self {
    case .dataset: "dataset"
    case .trainSize: "train size"
    case .hidden: "hidden"
    case .activation: "activation"
    case .output: "output"
    case .loss: "loss"
    case .dropout: "dropout"
    case .l1Hidden: "l1 hidden"
    case .l2Hidden: "l2 hidden"
    case .l1Output: "l1 output"
    case .l2Output: "l2 output"
    case .optimizer: "optimizer"
    case .learningRate: "learn rate"
    case .momentum: "momentum"
    case .batchSize: "batch size"
    case .epochs: "epochs"
    case .pace: "pace"
    case .initializer: "init"
    case .seed: "seed"
    case .earlyStopping: "early stop"
    case .monitor: "monitor"
    case .restoreBest: "restore"
    case .reduceLROnPlateau: "lr plateau"
    case .changes: "changes"
    }
  }

  /// The live setting this row edits while a run trains (see ``LiveSetting``); nil when an edit
  /// waits for the next run. The pace row is live too, without being a ``LiveSetting``.
  var liveSetting: LiveSetting? {
    switch self {
    case .learningRate: .learningRate
    case .momentum: .momentum
    case .dropout: .dropout
    case .l1Hidden: .l1Hidden
    case .l2Hidden: .l2Hidden
    case .l1Output: .l1Output
    case .l2Output: .l2Output
    case .epochs: .epochs
    default: nil
    }
  }

  /// Whether an edit of this row reaches the running run (at its next batch).
  public var isLive: Bool { liveSetting != nil || self == .pace }

  /// Whether a comma list in this row is a sweep (`g`); not for the pace, nor for the changes.
  var isSweepable: Bool { self != .pace && self != .changes && self != .hidden }

  /// The settings key of this field (`batch_size`), as in a config file or a preset's `sweep`.
  var settingKey: String {
    switch self {
    case .trainSize: "train_size"
    case .l1Hidden: "l1_hidden"
    case .l2Hidden: "l2_hidden"
    case .l1Output: "l1_output"
    case .l2Output: "l2_output"
    case .learningRate: "learning_rate"
    case .batchSize: "batch_size"
    case .initializer: "init"
    case .earlyStopping: "early_stopping"
    case .restoreBest: "restore_best"
    case .reduceLROnPlateau: "reduce_lr_on_plateau"
    default: "\(self)"
    }
  }

  /// The field of a settings key (`batch_size` or `batch-size`); nil for settings the panel does
  /// not show (e.g. `noise`).
  public init?(settingKey key: String) {
    let key = key.replacingOccurrences(of: "-", with: "_")
    guard let field = Self.allCases.first(where: { $0.settingKey == key }) else { return nil }
    self = field
  }

  /// The command-line flag of this setting, e.g. `--batch-size`.
  var flag: String { "--" + settingKey.replacingOccurrences(of: "_", with: "-") }

  /// Settings the command line turns on with a bare flag (`--restore-best`).
  var isSwitch: Bool { self == .restoreBest || self == .reduceLROnPlateau }

  /// A short name for the runs panel's "changes" column.
  var shortName: String {
    switch self {
    case .trainSize: "n"
    case .learningRate: "lr"
    case .batchSize: "batch"
    case .initializer: "init"
    case .activation: "act"
    case .optimizer: "opt"
    case .earlyStopping: "patience"
    case .restoreBest: "restore-best"
    case .reduceLROnPlateau: "lr-plateau"
    default: label.replacingOccurrences(of: " ", with: "-")
    }
  }

  /// The options of a choice setting, in cycling order; nil for typed settings.
  var choices: [String]? {
    switch self {
    case .dataset: Self.datasetChoices
    case .activation: Activation.allCases.map(\.rawValue)
    case .output: OutputActivation.allCases.map(\.rawValue)
    case .loss: LossKind.allCases.map(\.rawValue)
    case .optimizer: OptimizerKind.allCases.map(\.rawValue)
    case .initializer: InitializerKind.allCases.map(\.rawValue)
    case .monitor: Monitor.allCases.map(\.rawValue)
    case .restoreBest, .reduceLROnPlateau: ["off", "on"]
    case .pace: ["auto"] + Pace.ladder.map { Pace.epochsPerSecond($0).description } + ["full"]
    default: nil
    }
  }

  /// The setting's value as text: what the panel shows and what the editor starts with.
  public func text(of h: Hyperparameters) -> String {
    switch self {
    case .dataset: h.dataset ?? "auto"
    case .trainSize: h.trainSize.map(String.init) ?? "all"
    case .hidden: h.hidden.isEmpty ? "none" : h.hidden.map(String.init).joined(separator: ",")
    case .activation: h.activation.rawValue
    case .output: h.output.rawValue
    case .loss: h.loss.rawValue
    case .dropout: formatNumber(h.dropout)
    case .l1Hidden: formatNumber(h.l1Hidden)
    case .l2Hidden: formatNumber(h.l2Hidden)
    case .l1Output: formatNumber(h.l1Output)
    case .l2Output: formatNumber(h.l2Output)
    case .optimizer: h.optimizer.rawValue
    case .learningRate: formatNumber(h.effectiveLearningRate)
    case .momentum: formatNumber(h.momentum)
    case .batchSize: String(h.batchSize)
    case .epochs: String(h.epochs)
    case .pace: (h.pace ?? .auto).description
    case .changes: h.changes.isEmpty ? "none" : h.changes.map(\.description).joined(separator: " ")
    case .initializer: h.initializer.rawValue
    case .seed: String(h.seed)
    case .earlyStopping: h.earlyStopping.map(String.init) ?? "off"
    case .monitor: h.monitor.rawValue
    case .restoreBest: h.restoreBest ? "on" : "off"
    case .reduceLROnPlateau: h.reduceLROnPlateau ? "on" : "off"
    }
  }

  /// `h` with the next (`step` 1) or previous (`step` −1) choice; unchanged for typed settings.
  func cycled(_ h: Hyperparameters, by step: Int) -> Hyperparameters {
    guard let choices else { return h }
    let current = choices.firstIndex(of: text(of: h)) ?? (step > 0 ? -1 : 0)
    let next = choices[((current + step) % choices.count + choices.count) % choices.count]
    return (try? apply(next, to: h)) ?? h
  }

  /// `h` with this setting parsed from `text`; throws a one-line message when the text is not a
  /// valid value. Checks that need other settings are left to `Hyperparameters.validate()`.
  func apply(_ text: String, to h: Hyperparameters) throws(DataError) -> Hyperparameters {
    let t = text.trimmingCharacters(in: .whitespaces)
    var h = h
    switch self {
    case .dataset:
      guard !t.isEmpty else { throw DataError("dataset: type a name or a path") }
      h.dataset = t == "auto" ? nil : t
    case .trainSize:
      if t == "all" || t.isEmpty {
        h.trainSize = nil
      } else {
        guard let n = Int(t), n >= 1 else { throw DataError("train size '\(safe: t)' must be ≥ 1 or 'all'") }
        h.trainSize = n
      }
    case .hidden where t.lowercased() == "none":
      h.hidden = []  // no hidden layer: NNDL's single neuron
    case .hidden:
      let parts = t.split(separator: ",", omittingEmptySubsequences: false)
      var sizes: [Int] = []
      for part in parts {
        let p = part.trimmingCharacters(in: .whitespaces)
        guard let n = Int(p), n >= 1 else {
          throw DataError("hidden: '\(safe: p)' is not a layer size ≥ 1 (e.g. 128,64)")
        }
        sizes.append(n)
      }
      h.hidden = sizes
    case .activation: h.activation = try choice(t)
    case .output: h.output = try choice(t)
    case .loss: h.loss = try choice(t)
    case .optimizer: h.optimizer = try choice(t)
    case .initializer: h.initializer = try choice(t)
    case .dropout: h.dropout = try number(t)
    case .l1Hidden: h.l1Hidden = try number(t)
    case .l2Hidden: h.l2Hidden = try number(t)
    case .l1Output: h.l1Output = try number(t)
    case .l2Output: h.l2Output = try number(t)
    case .learningRate:
      if t == "default" || t.isEmpty {
        h.learningRate = nil
      } else {
        h.learningRate = try number(t)
      }
    case .momentum: h.momentum = try number(t)
    case .batchSize: h.batchSize = try integer(t)
    case .epochs: h.epochs = try integer(t)
    case .pace: h.pace = try Pace(parsing: t)
    case .changes:
      let entries = t.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
      h.changes =
        entries == ["none"] || entries.isEmpty
        ? [] : try entries.map { entry throws(DataError) in try SettingChange(parsing: entry) }
    case .seed:
      guard let n = UInt64(t) else { throw DataError("seed '\(safe: t)' must be a whole number ≥ 0") }
      h.seed = n
    case .earlyStopping:
      if t == "off" || t == "0" || t.isEmpty {
        h.earlyStopping = nil
      } else {
        guard let n = Int(t), n >= 1 else {
          throw DataError("early stop '\(safe: t)': type a patience in epochs ≥ 1, or 'off'")
        }
        h.earlyStopping = n
      }
    case .monitor: h.monitor = try choice(t)
    case .restoreBest: h.restoreBest = try onOff(t)
    case .reduceLROnPlateau: h.reduceLROnPlateau = try onOff(t)
    }
    return h
  }

  private func number(_ t: String) throws(DataError) -> Double {
    guard let v = Double(t), v.isFinite else { throw DataError("\(label) '\(safe: t)' is not a number") }
    return v
  }

  private func onOff(_ t: String) throws(DataError) -> Bool {
    switch t.lowercased() {
    case "on", "yes", "true", "1": return true
    case "off", "no", "false", "0": return false
    default: throw DataError("\(label) '\(safe: t)': use on or off")
    }
  }

  private func integer(_ t: String) throws(DataError) -> Int {
    guard let v = Int(t) else { throw DataError("\(label) '\(safe: t)' is not a whole number") }
    return v
  }

  private func choice<T: RawRepresentable & CaseIterable>(_ t: String) throws(DataError) -> T
  where T.RawValue == String {
    try T.named(t, setting: label)
  }
}

/// Shortest readable text for a setting or metric: `0.001`, `0.3`, `1e-05`.
func formatNumber(_ v: Double) -> String {
  if v == v.rounded() && abs(v) < 1e6 { return String(Int(v)) }
  return "\(v)"
}
