import Foundation
import SafeText

extension DecodingError {
  /// The error in one line for a user's JSON (a `--config` file or a preset):
  /// which key and what is wrong with it, without Swift's coding-path dump.
  public var oneLineDescription: String {
    switch self {
    case .dataCorrupted(let c):
      return c.codingPath.isEmpty ? "not valid JSON" : TerminalSafe.value(c.debugDescription, limit: 160)
    case .keyNotFound(let k, _): return "missing '\(safe: k.stringValue)'"
    case .typeMismatch(_, let c), .valueNotFound(_, let c):
      let key = c.codingPath.map(\.stringValue).joined(separator: ".")
      return "'\(safe: key)' has the wrong type (\(safe: c.debugDescription, limit: 160))"
    @unknown default: return "\(self)"
    }
  }

  /// What is wrong with settings JSON `data` that failed to decode with `error`, in one line.
  ///
  /// Foundation's decoder calls a well-formed file "not valid JSON" when a number does not fit
  /// the setting's type (`"epochs": 1e30`, `"batch_size": 2.5`) or a double at all
  /// (`"learning_rate": 1e400`), without naming the key. This finds the key or the number.
  public static func describe(_ error: Error, in data: Data) -> String {
    guard let decoding = error as? DecodingError else { return "not valid JSON (\(error))" }
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
      return detail.contains("not representable")
        ? "a number is out of range (\(safe: detail)); numbers must lie within ±1.8e308"
        : "not valid JSON (\(safe: detail, limit: 160))"
    }
    guard let settings = object as? [String: Any] else {
      return "not an object of settings; write them as {\"epochs\": 10, …}"
    }
    for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
      guard Self.wholeNumberKeys.contains(key.replacingOccurrences(of: "-", with: "_")) else { continue }
      for number in (value as? [Any] ?? [value]).compactMap({ $0 as? NSNumber }) {
        let d = number.doubleValue
        if d != d.rounded() || abs(d) >= 9.2e18 {
          return "'\(safe: key)' holds \(number), not a whole number up to 9223372036854775807"
        }
      }
    }
    return decoding.oneLineDescription
  }

  /// The settings keys that take whole numbers (`hidden` takes a list of them).
  static let wholeNumberKeys: Set<String> = [
    "train_size", "samples", "batch_size", "epochs", "seed", "early_stopping", "hidden",
  ]
}
