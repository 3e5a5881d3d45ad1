/// Reads the numbers of one Python dict printed on a line, as Hugging Face's Trainer prints its
/// logs on standard output: `{'loss': '0.6938', 'grad_norm': '1.234', 'learning_rate':
/// '4.5e-05', 'epoch': '0.5'}`.
///
/// It is `print(dict)`, not JSON: single-quoted keys, and recent transformers versions format
/// every float as a quoted string (`Trainer.log` rounds them for display). So a quoted value
/// that reads as a number is a number here — only in this single-quoted form, where no other
/// program's strings are expected — as are bare numbers, `nan` and `inf`; `True`, `None`,
/// other strings, lists and nested dicts are skipped. Returns nil for anything else.
enum PythonDictLine {
  static func numericMembers(of line: ArraySlice<UInt8>) -> [(key: String, value: Double)]? {
    var scanner = Scanner(bytes: line, index: line.startIndex)
    return scanner.scanDict()
  }

  private struct Scanner {
    let bytes: ArraySlice<UInt8>
    var index: Int

    var peek: UInt8? { index < bytes.endIndex ? bytes[index] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
      guard peek == byte else { return false }
      index += 1
      return true
    }

    mutating func skipBlanks() {
      while let b = peek, b == 0x20 || b == 0x09 { index += 1 }
    }

    mutating func scanDict() -> [(key: String, value: Double)]? {
      skipBlanks()
      guard take(UInt8(ascii: "{")) else { return nil }
      var members: [(key: String, value: Double)] = []
      var sawSingleQuote = false
      skipBlanks()
      if take(UInt8(ascii: "}")) { return tail(members) }
      while true {
        skipBlanks()
        sawSingleQuote = sawSingleQuote || peek == UInt8(ascii: "'")
        guard let key = scanQuoted() else { return nil }
        skipBlanks()
        guard take(UInt8(ascii: ":")) else { return nil }
        skipBlanks()
        if let quote = peek, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
          guard let text = scanQuoted() else { return nil }
          if case .value(let number) = LogNumber(field: text) { members.append((key, number)) }
        } else if let bare = scanBare() {
          if case .value(let number) = LogNumber(field: bare) { members.append((key, number)) }
        } else {
          return nil
        }
        skipBlanks()
        if take(UInt8(ascii: ",")) { continue }
        guard take(UInt8(ascii: "}")) else { return nil }
        // Double quotes throughout is JSON's business (and its stricter rules).
        return sawSingleQuote ? tail(members) : nil
      }
    }

    /// The members, if nothing but blanks follows the closing brace.
    mutating func tail(_ members: [(key: String, value: Double)]) -> [(key: String, value: Double)]? {
      skipBlanks()
      return index == bytes.endIndex ? members : nil
    }

    /// A Python string literal in ' or " (backslash escapes kept as written).
    mutating func scanQuoted() -> String? {
      guard let quote = peek, quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else { return nil }
      index += 1
      let start = index
      while let b = peek {
        if b == 0x5C {
          index += 2
          continue
        }
        if b == quote {
          defer { index += 1 }
          return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        index += 1
      }
      return nil
    }

    /// A bare value up to the next `,` or `}` at this level (numbers, `True`, `None`, and
    /// bracketed values skipped whole).
    mutating func scanBare() -> String? {
      let start = index
      var depth = 0
      while let b = peek {
        switch b {
        case UInt8(ascii: "["), UInt8(ascii: "("), UInt8(ascii: "{"): depth += 1
        case UInt8(ascii: "]"), UInt8(ascii: ")"): depth -= 1
        case UInt8(ascii: "}"):
          if depth == 0 { return index > start ? String(decoding: bytes[start..<index], as: UTF8.self) : nil }
          depth -= 1
        case UInt8(ascii: ","):
          if depth == 0 { return String(decoding: bytes[start..<index], as: UTF8.self) }
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
          guard scanQuoted() != nil else { return nil }
          continue
        default: break
        }
        index += 1
      }
      return nil
    }
  }
}
