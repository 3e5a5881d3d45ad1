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
}
