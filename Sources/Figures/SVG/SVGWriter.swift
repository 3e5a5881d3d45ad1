import TerminalUI

/// Builds indented SVG/XML text element by element; escapes every attribute value and text node.
struct SVGWriter {
  private(set) var text = ""
  private var depth = 0

  init() {}

  /// `<name a="v" …>`; pair with `close(_:)`.
  mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
    line("<\(name)\(Self.attributes(attributes))>")
    depth += 1
  }

  mutating func close(_ name: String) {
    depth -= 1
    line("</\(name)>")
  }

  /// An empty element: `<name a="v" …/>`.
  mutating func element(_ name: String, _ attributes: [(String, String)]) {
    line("<\(name)\(Self.attributes(attributes))/>")
  }

  /// An element holding only text: `<name …>text</name>`.
  mutating func element(_ name: String, _ attributes: [(String, String)], text content: String) {
    line("<\(name)\(Self.attributes(attributes))>\(escapeXML(content))</\(name)>")
  }

  mutating func raw(_ s: String) { line(s) }

  private mutating func line(_ s: String) {
    text += String(repeating: "  ", count: depth) + s + "\n"
  }

  private static func attributes(_ attributes: [(String, String)]) -> String {
    attributes.map { " \($0.0)=\"\(escapeXML($0.1))\"" }.joined()
  }
}

/// `s` safe inside XML text and attribute values: `& < > " '` become entities, and characters XML 1.0
/// forbids (C0 controls other than tab, newline, carriage return) become U+FFFD.
func escapeXML(_ s: String) -> String {
  var out = ""
  out.reserveCapacity(s.utf8.count)
  for scalar in s.unicodeScalars {
    switch scalar {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    case "'": out += "&apos;"
    case "\t": out += "&#9;"
    case "\n": out += "&#10;"
    case "\r": out += "&#13;"
    case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out
}

/// A coordinate with at most two decimals and no trailing zeros ("12.5", "300", "-0.25").
func svgNumber(_ v: Double) -> String {
  guard v.isFinite else { return "0" }
  var s = NiceTicks.format((v * 100).rounded() / 100, decimals: 2)
  while s.hasSuffix("0") { s.removeLast() }
  if s.hasSuffix(".") { s.removeLast() }
  return s == "-0" ? "0" : s
}

/// An estimate of the width of `s` in a sans-serif font of `size` px (no font metrics are available
/// to a pure function; the estimate errs wide so layouts keep their gaps).
func textWidth(_ s: String, size: Double) -> Double {
  var em = 0.0
  for c in s {
    if ".,:;!|'ijlI ".contains(c) {
      em += 0.3
    } else if "mwMW@%".contains(c) {
      em += 0.9
    } else if c.isUppercase {
      em += 0.7
    } else if c.isASCII {
      em += 0.58
    } else {
      em += 1.0
    }
  }
  return em * size
}
