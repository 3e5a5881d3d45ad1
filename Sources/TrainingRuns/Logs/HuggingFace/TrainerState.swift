import Foundation

/// Reads Hugging Face Trainer's `trainer_state.json`: its `log_history` is the run's metrics.
///
/// `Trainer` saves the file with every checkpoint (`output_dir/checkpoint-N/`), whole each time,
/// holding every log entry so far: `{"epoch": 0.5, "grad_norm": 1.2, "learning_rate": 4e-05,
/// "loss": 0.6938, "step": 10}` for training, `{"epoch": 1.0, "eval_loss": 0.65, …}` after an
/// evaluation, and a last entry with `train_runtime` and the run's mean `train_loss`. The x value
/// is the fractional `epoch` less one (the 0-based index other logs use; else `step`); every
/// other number is a metric. Written by
/// `TrainerState.save_to_json` (transformers/trainer_callback.py): `json.dumps(…, indent=2)`.
public enum TrainerState {
  /// The log of one `trainer_state.json` text; throws naming `path` when it is not that file.
  public static func parse(_ text: String, path: String) throws(LogReadError) -> MetricLog {
    guard
      let object = try? JSONSerialization.jsonObject(
        with: Data(Self.nonFiniteAsNull(text).utf8), options: [.fragmentsAllowed]),
      let state = object as? [String: Any], let history = state["log_history"] as? [Any]
    else {
      throw LogReadError(path: path, reason: "not a trainer_state.json (no log_history list)")
    }
    var log = MetricLog()
    var known = Set<String>()
    var usesStep = false
    for (index, entry) in history.enumerated() {
      guard let entry = entry as? [String: Any] else {
        log.malformedLines += 1
        continue
      }
      var values: [String: Double] = [:]
      for (key, value) in entry where key != "epoch" && key != "step" {
        guard let number = Self.number(value) else { continue }
        values[key] = number
      }
      let epoch = entry["epoch"].flatMap(Self.number)
      let step = entry["step"].flatMap(Self.number)
      if index == 0 { usesStep = epoch == nil && step != nil }
      // `epoch` is the progress in epochs (1.0 as the first one ends); x is Keras's 0-based
      // index of the epoch ending there, as in every other log (shown 1-based).
      let x = (usesStep ? step : epoch.map { $0 - 1 }) ?? Double(index)
      for key in values.keys.sorted() where known.insert(key).inserted { log.metricNames.append(key) }
      log.rows.append(MetricRow(step: x, values: values))
    }
    log.xIsStep = usesStep
    return log
  }

  /// `text` with Python's non-JSON literals `NaN`, `Infinity` and `-Infinity` outside strings
  /// written as `null`: `json.dumps` writes them (an fp16 run's `grad_norm` is often `inf`), and
  /// `JSONSerialization` refuses the whole file over one. The value is then absent from its row.
  static func nonFiniteAsNull(_ text: String) -> String {
    guard text.contains("NaN") || text.contains("Infinity") else { return text }
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var inString = false
    var escaped = false
    var rest = Substring(text)
    while let c = rest.first {
      if inString {
        if escaped {
          escaped = false
        } else if c == "\\" {
          escaped = true
        } else if c == "\"" {
          inString = false
        }
      } else if c == "\"" {
        inString = true
      } else if let literal = ["-Infinity", "Infinity", "NaN"].first(where: { rest.hasPrefix($0) }) {
        out += "null"
        rest = rest.dropFirst(literal.count)
        continue
      }
      out.append(c)
      rest = rest.dropFirst()
    }
    return out
  }

  /// A JSON number (not a boolean, which `JSONSerialization` also hands out as `NSNumber`).
  ///
  /// Foundation hands out a number with many digits — the float32 losses Trainer writes at full
  /// precision, `0.6938686370849609` — as an `NSDecimalNumber`, whose `doubleValue` can be off
  /// in the last digits (`…607`); its exact decimal text reads back as the number written.
  private static func number(_ value: Any) -> Double? {
    guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else { return nil }
    if number is NSDecimalNumber, let exact = Double(number.stringValue) { return exact }
    return number.doubleValue
  }
}
