import Foundation
import NeuralEngine
import TrainingRuns

/// A run's settings as text, for legends and comparisons: the top-level scalars of Lightning's
/// `hparams.yaml` or of a `config.json` (ours, or a Hugging Face model's).
///
/// Lightning writes `hparams.yaml` with `yaml.dump` of `save_hyperparameters()`: one `key: value`
/// a line at the top level, nested mappings indented under their key. Only the top-level
/// scalars matter for telling runs of a sweep apart, so this reads those lines and skips the
/// rest (no YAML library for a dozen lines). Names and values come from another program and
/// are cleaned with `sanitizedName(_:)`.
public enum RunSettings {
  /// The settings in `path`, empty when it cannot be read; at most 200 keys.
  public static func read(_ path: String) -> [String: String] {
    guard let data = try? LogReadError.contents(of: path, limit: InputFile.settingsLimit) else { return [:] }
    let text = String(decoding: data, as: UTF8.self)
    let settings = path.hasSuffix(".json") ? json(text) : yaml(text)
    return Dictionary(
      settings.prefix(200).map {
        (sanitizedName($0.key, maximumLength: 40), sanitizedName($0.value, maximumLength: 40))
      },
      uniquingKeysWith: { a, _ in a })
  }

  static func yaml(_ text: String) -> [String: String] {
    var settings: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      guard let first = line.first, first != " ", first != "\t", first != "#", first != "-",
        let colon = line.firstIndex(of: ":")
      else { continue }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces)
      var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard !key.isEmpty, !value.isEmpty, !value.hasPrefix("!!"), !value.hasPrefix("&") else { continue }
      if value.count >= 2, let q = value.first, q == "'" || q == "\"", value.last == q {
        value = String(value.dropFirst().dropLast())
      }
      settings[key] = value
    }
    return settings
  }

  static func json(_ text: String) -> [String: String] {
    guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
      return [:]
    }
    var settings: [String: String] = [:]
    for (key, value) in object {
      switch value {
      case let number as NSNumber:
        settings[key] =
          String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : "\(number)"
      case let string as String: settings[key] = string
      default: continue
      }
    }
    return settings
  }
}
