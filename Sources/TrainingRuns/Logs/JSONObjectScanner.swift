/// Reads the top-level numeric members of one JSON object on one line.
///
/// Foundation's JSON reader rejects the `NaN`, `Infinity` and `-Infinity`
/// that Python's `json.dumps` writes for a diverged loss, and it would build
/// the whole object tree just for a few numbers. This scanner accepts those
/// literals, skips nested values, strings and booleans, and returns nil for
/// anything that is not exactly one JSON object — such as a training
/// script's other output on the same pipe.
struct JSONObjectScanner {
  private let bytes: ArraySlice<UInt8>
  private var index: Int
  private static let maxDepth = 64

  /// Numeric members of the object in `line`, in order, or nil if it is not one JSON object.
  static func numericMembers(of line: ArraySlice<UInt8>) -> [(key: String, value: Double)]? {
    var scanner = JSONObjectScanner(bytes: line, index: line.startIndex)
    return scanner.scanTopLevel()
  }

  private mutating func scanTopLevel() -> [(key: String, value: Double)]? {
    skipWhitespace()
    guard peek == UInt8(ascii: "{") else { return nil }
    index += 1
    var members: [(key: String, value: Double)] = []
    skipWhitespace()
    if peek == UInt8(ascii: "}") {
      index += 1
    } else {
      while true {
        skipWhitespace()
        guard let key = scanString() else { return nil }
        skipWhitespace()
        guard take(UInt8(ascii: ":")) else { return nil }
        skipWhitespace()
        if let number = scanNumberOrLiteral() {
          members.append((key, number))
        } else if !skipValue(depth: 1) {
          return nil
        }
        skipWhitespace()
        if take(UInt8(ascii: ",")) { continue }
        guard take(UInt8(ascii: "}")) else { return nil }
        break
      }
    }
    skipWhitespace()
    return index == bytes.endIndex ? members : nil
  }

  private var peek: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

  private mutating func take(_ byte: UInt8) -> Bool {
    guard peek == byte else { return false }
    index += 1
    return true
  }

  private mutating func skipWhitespace() {
    while let b = peek, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
  }

  private mutating func takeWord(_ word: String) -> Bool {
    let utf8 = word.utf8
    guard bytes[index...].starts(with: utf8) else { return false }
    index += utf8.count
    return true
  }

  /// A JSON number or one of Python's non-finite literals; nil (index unchanged) otherwise.
  private mutating func scanNumberOrLiteral() -> Double? {
    if takeWord("NaN") { return .nan }
    if takeWord("Infinity") { return .infinity }
    if takeWord("-Infinity") { return -.infinity }
    let start = index
    _ = take(UInt8(ascii: "-"))
    guard skipDigits() else {
      index = start
      return nil
    }
    if take(UInt8(ascii: ".")), !skipDigits() { return failNumber(at: start) }
    if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
      if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
      if !skipDigits() { return failNumber(at: start) }
    }
    return Double(String(decoding: bytes[start..<index], as: UTF8.self))
  }

  /// Leaves the index past the bad number so the caller's next check fails.
  private mutating func failNumber(at start: Int) -> Double? {
    index = bytes.endIndex
    return nil
  }

  private mutating func skipDigits() -> Bool {
    let start = index
    while let b = peek, b >= 0x30, b <= 0x39 { index += 1 }
    return index > start
  }

  /// Skips any JSON value that is not a number; false if there is none.
  private mutating func skipValue(depth: Int) -> Bool {
    guard depth <= Self.maxDepth, let b = peek else { return false }
    switch b {
    case UInt8(ascii: "\""): return scanString() != nil
    case UInt8(ascii: "t"): return takeWord("true")
    case UInt8(ascii: "f"): return takeWord("false")
    case UInt8(ascii: "n"): return takeWord("null")
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      let isObject = b == UInt8(ascii: "{")
      let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
      index += 1
      skipWhitespace()
      if take(close) { return true }
      while true {
        skipWhitespace()
        if isObject {
          guard scanString() != nil else { return false }
          skipWhitespace()
          guard take(UInt8(ascii: ":")) else { return false }
          skipWhitespace()
        }
        if scanNumberOrLiteral() == nil, !skipValue(depth: depth + 1) { return false }
        skipWhitespace()
        if take(UInt8(ascii: ",")) { continue }
        return take(close)
      }
    default:
      return false
    }
  }

  /// A JSON string with its escapes decoded; nil if malformed.
  private mutating func scanString() -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    // Fast path: metric names rarely contain escapes.
    if let end = bytes[index...].firstIndex(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }),
      bytes[end] == 0x22
    {
      defer { index = end + 1 }
      return String(decoding: bytes[index..<end], as: UTF8.self)
    }
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flushRaw() {
      scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
      raw.removeAll(keepingCapacity: true)
    }
    while let b = peek {
      index += 1
      switch b {
      case UInt8(ascii: "\""):
        flushRaw()
        return String(scalars)
      case UInt8(ascii: "\\"):
        flushRaw()
        guard let escaped = peek else { return nil }
        index += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
          scalars.append(Unicode.Scalar(escaped))
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          guard let scalar = scanUnicodeEscape() else { return nil }
          scalars.append(scalar)
        default: return nil
        }
      case 0x00..<0x20:
        return nil
      default:
        raw.append(b)
      }
    }
    return nil
  }

  /// The scalar of `\uXXXX` (index just past the `u`), joining surrogate pairs;
  /// a lone surrogate becomes U+FFFD, as Python would have to have written it.
  private mutating func scanUnicodeEscape() -> Unicode.Scalar? {
    guard let high = scanHex4() else { return nil }
    if (0xD800..<0xDC00).contains(high) {
      let save = index
      if takeWord("\\u"), let low = scanHex4(), (0xDC00..<0xE000).contains(low) {
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
      }
      index = save
      return "\u{FFFD}"
    }
    return Unicode.Scalar(high) ?? "\u{FFFD}"
  }

  private mutating func scanHex4() -> UInt32? {
    guard bytes.endIndex - index >= 4,
      bytes[index..<index + 4].allSatisfy(\.isASCIIHexDigit),
      let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
    else { return nil }
    index += 4
    return value
  }
}

extension UInt8 {
  fileprivate var isASCIIHexDigit: Bool {
    (0x30...0x39).contains(self) || (0x61...0x66).contains(self | 0x20)
  }
}
