import NeuralEngine

/// The `traintop train …` command line that reproduces a run's settings: the terminal's version
/// of TensorFlow Playground's shareable URL.
///
/// Only the flags that differ from the defaults are written; when the settings equal a preset's
/// (or differ from one in fewer flags), `--preset NAME` starts the line instead. Reading the
/// line back with the CLI's `HyperparameterOptions` gives the same settings (a test checks).
public enum ReproduceCommand {
  /// `traintop train --dataset spiral --dropout 0.3`.
  public static func string(for h: Hyperparameters, presets: [PresetChoice] = []) -> String {
    (["traintop", "train"] + arguments(for: h, presets: presets).map(shellQuoted)).joined(separator: " ")
  }

  /// The arguments after `traintop train`: the shortest of "flags over the defaults" and
  /// "`--preset NAME` plus flags over the preset".
  public static func arguments(for h: Hyperparameters, presets: [PresetChoice] = []) -> [String] {
    var best = flags(for: h, over: Hyperparameters()) ?? []
    for preset in presets {
      guard let base = preset.settings, let rest = flags(for: h, over: base) else { continue }
      let candidate = ["--preset", preset.name] + rest
      if candidate.joined(separator: " ").count < best.joined(separator: " ").count
        || best.isEmpty && rest.isEmpty
      {
        best = candidate
      }
    }
    return best
  }

  /// The flags turning `base` into `h`; nil when no flag can (a flag cannot unset a value, e.g.
  /// `--train-size` back to all samples).
  static func flags(for h: Hyperparameters, over base: Hyperparameters) -> [String]? {
    var out: [String] = []
    func add(_ flag: String, _ value: String?, _ baseValue: String?) -> Bool {
      guard value != baseValue else { return true }
      guard let value else { return false }
      // `--flag -0.5` would read as two flags: a negative value goes after `=`.
      out += value.hasPrefix("-") ? ["--\(flag)=\(value)"] : ["--" + flag, value]
      return true
    }
    func number(_ v: Double) -> String { formatNumber(v) }
    let pairs: [(String, String?, String?)] = [
      ("dataset", h.dataset, base.dataset),
      ("train-size", h.trainSize.map(String.init), base.trainSize.map(String.init)),
      ("val-split", number(h.valSplit), number(base.valSplit)),
      ("samples", String(h.samples), String(base.samples)),
      ("noise", number(h.noise), number(base.noise)),
      ("hidden", hidden(h.hidden), hidden(base.hidden)),
      ("activation", h.activation.rawValue, base.activation.rawValue),
      ("output", h.output.rawValue, base.output.rawValue),
      ("loss", h.loss.rawValue, base.loss.rawValue),
      ("dropout", number(h.dropout), number(base.dropout)),
      ("l1-hidden", number(h.l1Hidden), number(base.l1Hidden)),
      ("l2-hidden", number(h.l2Hidden), number(base.l2Hidden)),
      ("l1-output", number(h.l1Output), number(base.l1Output)),
      ("l2-output", number(h.l2Output), number(base.l2Output)),
      ("optimizer", h.optimizer.rawValue, base.optimizer.rawValue),
      // The rate actually used: the flags' result keeps the base's rate or the optimizer's default.
      (
        "learning-rate", number(h.effectiveLearningRate),
        number(base.learningRate ?? h.optimizer.defaultLearningRate)
      ),
      ("momentum", number(h.momentum), number(base.momentum)),
      ("batch-size", String(h.batchSize), String(base.batchSize)),
      ("epochs", String(h.epochs), String(base.epochs)),
      ("init", h.initializer.rawValue, base.initializer.rawValue),
      ("initial-weight", h.initialWeight.map(number), base.initialWeight.map(number)),
      ("initial-bias", h.initialBias.map(number), base.initialBias.map(number)),
      ("seed", String(h.seed), String(base.seed)),
      ("early-stopping", h.earlyStopping.map(String.init), base.earlyStopping.map(String.init)),
      ("monitor", h.monitor.rawValue, base.monitor.rawValue),
      ("min-delta", number(h.minDelta), number(base.minDelta)),
    ]
    for (flag, value, baseValue) in pairs {
      guard add(flag, value, baseValue) else { return nil }
    }
    // Changes: the flags replace a preset's list, so all of them, or none when they agree. A
    // preset's changes cannot be removed by a flag. The pace is left out: it never alters the
    // metrics, and a reproduced run goes at full speed unless asked otherwise.
    if h.changes != base.changes {
      guard !h.changes.isEmpty else { return nil }
      for change in h.changes { out += ["--change", change.withoutPrevious.description] }
    }
    for (flag, value, baseValue) in [
      ("nesterov", h.nesterov, base.nesterov), ("restore-best", h.restoreBest, base.restoreBest),
      ("reduce-lr-on-plateau", h.reduceLROnPlateau, base.reduceLROnPlateau),
    ] where value != baseValue {
      guard value else { return nil }
      out.append("--" + flag)
    }
    return out
  }

  private static func hidden(_ sizes: [Int]) -> String {
    sizes.isEmpty ? "none" : sizes.map(String.init).joined(separator: ",")
  }

  // MARK: - Sweeps

  /// `traintop sweep --preset batch-size --batch-size 32,100,500`: the command running every
  /// combination of the settings typed as comma lists (`lists`), `h` giving the rest.
  public static func sweepString(
    for h: Hyperparameters, lists: [SettingField: [String]], presets: [PresetChoice] = []
  ) -> String {
    (["traintop", "sweep"] + sweepArguments(for: h, lists: lists, presets: presets).map(shellQuoted))
      .joined(separator: " ")
  }

  /// The arguments after `traintop sweep`: `h`'s arguments with each listed setting's flag given
  /// its alternatives, comma-separated (`+` between the layers of one `--hidden` alternative).
  public static func sweepArguments(
    for h: Hyperparameters, lists: [SettingField: [String]], presets: [PresetChoice] = []
  ) -> [String] {
    var args = arguments(for: h, presets: presets)
    for field in SettingField.allCases {
      guard let values = lists[field] else { continue }
      if let i = args.firstIndex(of: field.flag) {
        args.removeSubrange(i...(field.isSwitch ? i : i + 1))
      } else if let i = args.firstIndex(where: { $0.hasPrefix(field.flag + "=") }) {
        args.remove(at: i)
      }
      let joined = values.map { field == .hidden ? $0.replacingOccurrences(of: ",", with: "+") : $0 }
        .joined(separator: ",")
      args += field.isSwitch ? [field.flag + "=" + joined] : [field.flag, joined]
    }
    return args
  }

  /// `value` as one shell word: quoted when it holds anything but safe characters.
  public static func shellQuoted(_ value: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/:=+")
    if !value.isEmpty && value.allSatisfy(safe.contains) { return value }
    return "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
