import SafeText

extension RawRepresentable where Self: CaseIterable, RawValue == String {
  /// The case named `text` (in any letter case), for a setting typed by a user: a flag, a JSON key
  /// or the dashboard's editor.
  ///
  /// - Throws: a one-line ``DataError`` naming `setting` and listing the choices, e.g.
  ///   `loss 'cross' is not one of: cross-entropy, quadratic`.
  public static func named(_ text: String, setting: String) throws(DataError) -> Self {
    if let value = Self(rawValue: text.lowercased()) { return value }
    throw DataError(
      "\(setting) '\(safe: text)' is not one of: \(allCases.map(\.rawValue).joined(separator: ", "))")
  }
}
