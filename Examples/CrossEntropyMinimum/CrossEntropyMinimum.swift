import Foundation

/// Seed Q2: the cross-entropy C(a) = −[y ln a + (1−y) ln(1−a)] of one
/// sigmoid output is smallest at a = y, where it equals
/// −[y ln y + (1−y) ln(1−y)] (NNDL eq. 64), not zero.
///
/// Prints, for y ∈ {0.2, 0.4, 0.7} and a ∈ {0.1, …, 0.9}, the two terms and
/// their sum to 11 decimals with the minimum row marked, the closed-form
/// minimum, and a braille plot of C(a) over (0, 1) for each y
/// (`--ascii` for terminals without braille).
///
/// - SeeAlso: Nielsen, *Neural Networks and Deep Learning*, ch. 3, exercise
///   after eq. (63).
@main
enum CrossEntropyMinimum {
  static let targets = [0.2, 0.4, 0.7]
  static let outputs = (1...9).map { Double($0) / 10 }

  static func main() {
    let ascii = CommandLine.arguments.contains("--ascii")
    print("Cross-entropy minimum: seed Q2, NNDL ch. 3 (eq. 63 and 64)")
    print("C(a) = −y ln a − (1−y) ln(1−a) for one output a = σ(z) and target y")
    for y in targets {
      print()
      printTable(y: y)
    }
    print()
    print("Why the minimum is at a = y:")
    print("  dC/da = −y/a + (1−y)/(1−a) = (a − y) / (a(1 − a)), which is zero only at a = y;")
    print("  d²C/da² = y/a² + (1−y)/(1−a)² > 0, so a = y is the minimum. When σ(z) = y for every input,")
    print("  C = −(1/n) Σₓ [y ln y + (1−y) ln(1−y)] (eq. 64): the entropy of y, zero only for y = 0 or 1.")
    print()
    print(
      "(The seed's tables head the 4th column −(1−y) ln(1−y) in places and the 5th −y ln(y) − (1−y) ln(1−a);")
    print(" its values are −(1−y) ln(1−a) and the sum, as here, and agree with these to within 3e-11.)")
    for y in targets {
      print()
      printPlot(y: y, ascii: ascii)
    }
  }

  // MARK: - The table

  static func terms(y: Double, a: Double) -> (first: Double, second: Double) {
    (-y * log(a), -(1 - y) * log(1 - a))
  }

  static func cost(y: Double, a: Double) -> Double {
    let t = terms(y: y, a: a)
    return t.first + t.second
  }

  /// NNDL eq. 64 for one input: the value of C at its minimum a = y.
  static func minimum(y: Double) -> Double { -(y * log(y) + (1 - y) * log(1 - y)) }

  static func printTable(y: Double) {
    let costs = outputs.map { cost(y: y, a: $0) }
    let best = costs.indices.min { costs[$0] < costs[$1] }!
    print("y = \(y)")
    print("  a     −y ln a          −(1−y) ln(1−a)   C = sum")
    for (i, a) in outputs.enumerated() {
      let t = terms(y: y, a: a)
      let row = "  \(a)   \(decimal(t.first))    \(decimal(t.second))    \(decimal(costs[i]))"
      print(i == best ? row + "   ◀ minimum (a = y)" : row)
    }
    print("  closed form at a = y (eq. 64): −[y ln y + (1−y) ln(1−y)] = \(decimal(minimum(y: y)))")
  }

  /// 11 decimals, as in the seed's table.
  static func decimal(_ value: Double) -> String { String(format: "%.11f", value) }

  // MARK: - The plot

  static let plotWidth = 60  // cells; two dots each
  static let plotHeight = 10  // cells; four dots each
  static let costRange = 0.0...2.0

  /// C(a) over a ∈ (0, 1) as a braille (or ASCII) line chart with the minimum marked under the axis.
  static func printPlot(y: Double, ascii: Bool) {
    var canvas = Canvas(width: plotWidth, height: plotHeight)
    let dotsX = plotWidth * 2
    let dotsY = plotHeight * 4
    func row(_ c: Double) -> Int {
      let t = (c - costRange.lowerBound) / (costRange.upperBound - costRange.lowerBound)
      return Int(((1 - t) * Double(dotsY - 1)).rounded())
    }
    var previous: Int?
    for x in 0..<dotsX {
      let a = (Double(x) + 0.5) / Double(dotsX)
      let r = row(cost(y: y, a: a))
      // Join to the previous column so steep parts stay a line; clip above and below the range.
      let span = previous.map { min($0, r)...max($0, r) } ?? r...r
      for yy in span where (0..<dotsY).contains(yy) { canvas.set(x: x, y: yy) }
      previous = r
    }
    let minimumColumn = Int(y * Double(plotWidth))
    print("C(a) for y = \(y): smallest at a = y = \(y) (▲), C = \(decimal(minimum(y: y)))")
    let labels = [
      costRange.upperBound, (costRange.upperBound + costRange.lowerBound) / 2, costRange.lowerBound,
    ]
    for (i, line) in canvas.lines(ascii: ascii).enumerated() {
      let label =
        i == 0 ? labels[0] : i == plotHeight / 2 ? labels[1] : i == plotHeight - 1 ? labels[2] : nil
      print((label.map { String(format: "%5.2f ┤", $0) } ?? "      │") + line)
    }
    print("      └" + String(repeating: "─", count: plotWidth))
    print("       " + String(repeating: " ", count: minimumColumn) + "▲")
    var ticks = Array(repeating: Character(" "), count: plotWidth + 4)
    for (position, text) in [(0, "0"), (plotWidth / 2 - 1, "0.5"), (plotWidth - 1, "1 = a")] {
      for (k, ch) in text.enumerated() { ticks[position + k] = ch }
    }
    print("       " + String(ticks).trimmingCharacters(in: .whitespaces))
  }
}

/// A grid of braille cells, 2 × 4 dots each (U+2800 + mask).
struct Canvas {
  let width: Int
  let height: Int
  private var masks: [UInt8]

  init(width: Int, height: Int) {
    self.width = width
    self.height = height
    masks = Array(repeating: 0, count: width * height)
  }

  /// Turns on dot (x, y), y growing downwards.
  mutating func set(x: Int, y: Int) {
    // Bits: row 0 0x01/0x08, row 1 0x02/0x10, row 2 0x04/0x20, row 3 0x40/0x80 (left/right column).
    let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
    masks[(y / 4) * width + x / 2] |= bits[y % 4][x % 2]
  }

  /// One string per cell row; ASCII mode draws any lit cell as `*`.
  func lines(ascii: Bool) -> [String] {
    (0..<height).map { r in
      String(
        (0..<width).map { c -> Character in
          let mask = masks[r * width + c]
          if ascii { return mask == 0 ? " " : "*" }
          return Character(Unicode.Scalar(0x2800 + UInt32(mask))!)
        })
    }
  }
}
