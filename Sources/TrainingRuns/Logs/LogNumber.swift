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
  ///
  /// Works on bytes: this runs for every field of every row, and a long log
  /// must load in a few screen ticks.
  init(bytes field: ArraySlice<UInt8>) {
    let text = field.trimmingBlanks
    guard let first = text.first else {
      self = .missing
      return
    }
    // Swift's parser also takes hex floats and `nan(…)`; only allow what
    // Python prints for a number: digits, sign, point and exponent.
    let isPlainNumber =
      (first >= 0x30 && first <= 0x39 || first == 0x2D || first == 0x2B || first == 0x2E)
      && text.allSatisfy {
        ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 | 0x20 == 0x65
      }
    if isPlainNumber, let value = Double(String(decoding: text, as: UTF8.self)) {
      self = .value(value)
      return
    }
    switch String(decoding: text, as: UTF8.self) {
    case "NA", "N/A", "NaN", "nan", "-nan", "NAN": self = .value(.nan)
    case "Infinity", "inf", "+inf", "INF", "+Infinity": self = .value(.infinity)
    case "-Infinity", "-inf", "-INF": self = .value(-.infinity)
    default: self = .invalid
    }
  }

  init(field: some StringProtocol) {
    self.init(bytes: ArraySlice(field.utf8))
  }
}
