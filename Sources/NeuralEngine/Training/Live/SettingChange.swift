import Foundation
import SafeText

/// A setting that may change while a run trains: typed into the dashboard's editor (or `[`/`]`
/// for the learning rate), or planned with `--change` for a headless run.
///
/// These are the settings a training loop can take up between two batches without rebuilding
/// anything (Keras users do the same with `optimizer.learning_rate.assign`, a callback, or by
/// recompiling). The architecture, the data and the optimizer's kind are not live.
public enum LiveSetting: String, CaseIterable, Codable, Sendable {
  case learningRate = "learning_rate"
  case momentum, dropout
  case l1Hidden = "l1_hidden"
  case l2Hidden = "l2_hidden"
  case l1Output = "l1_output"
  case l2Output = "l2_output"
  /// The planned epochs: more to train longer, fewer to stop earlier.
  case epochs

  /// The setting named `name`: a settings key with `_` or `-` (`learning_rate`, `l2-hidden`) or
  /// `lr`. Throws a one-line error for other names, saying which settings are live.
  public init(named name: String) throws(DataError) {
    let key = name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
    if key == "lr" {
      self = .learningRate
      return
    }
    if let setting = LiveSetting(rawValue: key) {
      self = setting
      return
    }
    let live = Self.allCases.map(\.rawValue).joined(separator: ", ")
    if key == "pace" {
      throw DataError("the pace is not a change of the run (it never alters the metrics); use --pace")
    }
    let known = Hyperparameters.CodingKeys.allCases.map(\.rawValue).contains(key)
    throw DataError(
      known
        ? "\(safePath: name) cannot change during a run; settings that can: \(live)"
        : "unknown setting '\(safePath: name)'; settings that can change during a run: \(live)")
  }

  /// A short name for chart marks and messages: `lr`, `dropout`, `l2 hidden`.
  public var shortName: String {
    self == .learningRate ? "lr" : rawValue.replacingOccurrences(of: "_", with: " ")
  }

  /// This setting's value in `h` (the learning rate actually used, when it is the default).
  public func value(in h: Hyperparameters) -> Double {
    switch self {
    case .learningRate: h.effectiveLearningRate
    case .momentum: h.momentum
    case .dropout: h.dropout
    case .l1Hidden: h.l1Hidden
    case .l2Hidden: h.l2Hidden
    case .l1Output: h.l1Output
    case .l2Output: h.l2Output
    case .epochs: Double(h.epochs)
    }
  }

  /// `h` with this setting set to `value` (epochs rounded down to a whole number).
  public func apply(_ value: Double, to h: inout Hyperparameters) {
    switch self {
    case .learningRate: h.learningRate = value
    case .momentum: h.momentum = value
    case .dropout: h.dropout = value
    case .l1Hidden: h.l1Hidden = value
    case .l2Hidden: h.l2Hidden = value
    case .l1Output: h.l1Output = value
    case .l2Output: h.l2Output = value
    case .epochs: h.epochs = value.isFinite && abs(value) < 1e9 ? Int(value) : 0
    }
  }

  /// Throws the settings' own one-line message when `value` is not valid for this setting.
  public func validate(_ value: Double, in h: Hyperparameters) throws(DataError) {
    if self == .epochs && (value != value.rounded() || !(value >= 1 && value < 1e9)) {
      throw DataError("epochs \(formatted(value)) must be a whole number ≥ 1")
    }
    var changed = h
    changed.changes = []
    apply(value, to: &changed)
    try changed.validate()
  }

  /// `value` as a setting's text: `0.05`, `20`, `1e-05`.
  public func formatted(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
  }
}

/// A change of one live setting at a point of a run: after `epoch` epochs and `batch` further
/// batches, `setting` becomes `value`.
///
/// The point is counted in what has been trained, as the charts' x axis is: `5:lr=0.05` applies
/// at x = 5, before the 6th epoch's first batch; `5.20:lr=0.05` after 20 batches of the 6th.
/// A live edit is recorded the same way, at the batch it was taken up, so `--change` replays it
/// exactly: the same seed and changes give the same metrics to the last digit.
public struct SettingChange: Sendable, Hashable, CustomStringConvertible {
  /// Epochs completed when the change applies.
  public var epoch: Int
  /// Batches of the following epoch completed when it applies (0: at the epoch boundary).
  public var batch: Int
  public var setting: LiveSetting
  public var value: Double
  /// The value it replaced, once applied (nil in a plan).
  public var previous: Double?

  public init(epoch: Int, batch: Int = 0, setting: LiveSetting, value: Double, previous: Double? = nil) {
    self.epoch = epoch
    self.batch = batch
    self.setting = setting
    self.value = value
    self.previous = previous
  }

  /// Parses `EPOCH[.BATCH]:SETTING=VALUE` (`5:lr=0.05`, `5.20:dropout=0.2`).
  public init(parsing text: String) throws(DataError) {
    let usage = "use EPOCH[.BATCH]:SETTING=VALUE, e.g. 5:learning_rate=0.05"
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    guard parts.count == 2, let equals = parts[1].firstIndex(of: "=") else {
      throw DataError("change '\(safe: text)': \(usage)")
    }
    let position = parts[0].trimmingCharacters(in: .whitespaces).split(
      separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(position.count), let epoch = Int(position[0]), epoch >= 0,
      let batch = position.count == 2 ? Int(position[1]) : 0, batch >= 0
    else {
      throw DataError(
        "change '\(safe: text)': '\(safe: parts[0])' is not a point EPOCH or EPOCH.BATCH; \(usage)")
    }
    let name = String(parts[1][..<equals])
    let valueText = parts[1][parts[1].index(after: equals)...].trimmingCharacters(in: .whitespaces)
    let setting: LiveSetting
    do {
      setting = try LiveSetting(named: name)
    } catch {
      throw DataError("change '\(safe: text)': \(error.message)")
    }
    guard let value = Double(valueText), value.isFinite else {
      throw DataError("change '\(safe: text)': '\(safe: valueText)' is not a number")
    }
    self.init(epoch: epoch, batch: batch, setting: setting, value: value)
  }

  /// `5:learning_rate=0.05`, or `5.20:…` when the change falls inside an epoch.
  public var description: String {
    let at = batch == 0 ? "\(epoch)" : "\(epoch).\(batch)"
    return "\(at):\(setting.rawValue)=\(setting.formatted(value))"
  }

  /// `lr 0.5→0.05` (or `lr→0.05` before it is applied): the label of the change's chart mark.
  public var label: String {
    let from = previous.map { setting.formatted($0) } ?? ""
    return "\(setting.shortName) \(from)→\(setting.formatted(value))"
  }

  /// Where the change sits on an epoch axis, e.g. 5.25 a quarter into the 6th epoch.
  public func position(batchesPerEpoch: Int) -> Double {
    Double(epoch) + Double(batch) / Double(max(batchesPerEpoch, 1))
  }

  /// The change as a plan's entry (without the value it replaced).
  public var withoutPrevious: SettingChange {
    var c = self
    c.previous = nil
    return c
  }

  /// Orders changes by when they apply (the order of a plan is kept for one point).
  func precedes(_ other: SettingChange) -> Bool {
    (epoch, batch) < (other.epoch, other.batch)
  }
}

extension SettingChange: Codable {
  enum CodingKeys: String, CodingKey { case epoch, batch, setting, value = "to", previous = "from" }

  /// A plan's entry is the text form (`"5:learning_rate=0.05"`); an applied change (in
  /// summary.json) is an object `{"epoch", "batch", "setting", "from", "to"}`.
  public init(from decoder: Decoder) throws {
    if let text = try? decoder.singleValueContainer().decode(String.self) {
      do {
        self = try SettingChange(parsing: text)
      } catch {
        throw DecodingError.dataCorrupted(
          .init(codingPath: decoder.codingPath, debugDescription: error.message))
      }
      return
    }
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      epoch: try c.decode(Int.self, forKey: .epoch),
      batch: try c.decodeIfPresent(Int.self, forKey: .batch) ?? 0,
      setting: try c.decode(LiveSetting.self, forKey: .setting),
      value: try c.decode(Double.self, forKey: .value),
      previous: try c.decodeIfPresent(Double.self, forKey: .previous))
  }

  public func encode(to encoder: Encoder) throws {
    guard let previous else {
      var c = encoder.singleValueContainer()
      try c.encode(description)
      return
    }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(epoch, forKey: .epoch)
    try c.encode(batch, forKey: .batch)
    try c.encode(setting, forKey: .setting)
    try c.encode(previous, forKey: .previous)
    try c.encode(value, forKey: .value)
  }
}

extension Hyperparameters {
  /// Checks a plan of changes: each value valid for its setting, each point inside the run as
  /// planned at that point (a change of `epochs` moves the end), no setting changed twice at
  /// one point. Batches within an epoch are checked by the trainer, which knows the data.
  func validateChanges() throws(DataError) {
    var h = self
    h.changes = []
    var seen: Set<String> = []
    for change in changes.sorted(by: { $0.precedes($1) }) {
      let name = "change \(change)"
      guard change.epoch < h.epochs else {
        throw DataError(
          "\(safePath: name): epoch \(change.epoch) is beyond the run, which ends after \(h.epochs) epochs; "
            + "changes apply from epoch 0 to \(h.epochs - 1)")
      }
      guard seen.insert("\(change.epoch).\(change.batch):\(change.setting)").inserted else {
        throw DataError("\(safePath: name): \(change.setting.rawValue) already changes at that point")
      }
      do {
        try change.setting.validate(change.value, in: h)
      } catch {
        throw DataError("\(safePath: name): \(error.message)")
      }
      if change.setting == .epochs {
        let least = change.epoch + (change.batch > 0 ? 1 : 0)
        guard Int(change.value) >= max(least, 1) else {
          throw DataError(
            "\(safePath: name): the run has trained \(change.epoch) epochs by then; use epochs=\(max(least, 1)) or more"
          )
        }
      }
      change.setting.apply(change.value, to: &h)
    }
  }

  /// The settings in force after every change of `changes` (e.g. the epochs a run ended with).
  public func applying(_ changes: [SettingChange]) -> Hyperparameters {
    var h = self
    for change in changes { change.setting.apply(change.value, to: &h) }
    return h
  }
}

/// The live settings' values as a run goes, by settings key (`dropout`): what the setting
/// columns of metrics.csv hold at each epoch's end.
public struct LiveValues: Sendable, Equatable {
  public private(set) var byKey: [String: Double]

  public init(_ h: Hyperparameters) {
    byKey = Dictionary(
      uniqueKeysWithValues: LiveSetting.allCases.filter { $0 != .epochs }.map {
        ($0.rawValue, $0.value(in: h))
      })
  }

  public mutating func apply(_ change: SettingChange) {
    guard change.setting != .epochs else { return }
    byKey[change.setting.rawValue] = change.value
  }
}
