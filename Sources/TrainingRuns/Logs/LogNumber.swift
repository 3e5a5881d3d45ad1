/// How one field of a log reads as a metric value.
enum LogNumber: Equatable {
  /// No value at all (an empty CSV field): the metric is absent from the row.
  case missing
  case value(Double)
  /// Not a number: the row is malformed.
  case invalid

  /// Reads a field the way Python writes floats, so Keras, pandas and our own
  /// files agree: `0.85`, `1e-05`, `nan`, `inf`, `-inf`, plus `NA` (Keras'
  /// and our missing value) and `NaN`/`Infinity` (json.dumps) — all of which
  /// mean a real, plottable "not finite" value rather than a broken row.
  init(field: some StringProtocol) {
    let text = field.trimmingCharacters(in: " \t")
    if text.isEmpty {
      self = .missing
      return
    }
    switch text {
    case "NA", "N/A", "NaN", "nan", "-nan", "NAN": self = .value(.nan)
    case "Infinity", "inf", "+inf", "INF", "+Infinity": self = .value(.infinity)
    case "-Infinity", "-inf", "-INF": self = .value(-.infinity)
    default:
      // Swift's parser also takes hex floats and `nan(…)`; only allow what
      // Python prints: digits, sign, point and exponent.
      guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
        let value = Double(text)
      else {
        self = .invalid
        return
      }
      self = .value(value)
    }
  }
}

extension StringProtocol {
  /// The text without the given leading and trailing characters.
  fileprivate func trimmingCharacters(in set: String) -> Substring {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s = s.dropFirst() }
    while let l = s.last, set.contains(l) { s = s.dropLast() }
    return s
  }
}
