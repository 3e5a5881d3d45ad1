import Foundation
import NeuralEngine
import TerminalUI

/// A teacher's handout under the curves (`export --insight`): the run's final confusion matrix,
/// shaded by each row's shares, and a row of its most confident mistakes drawn from the data.
public struct Handout: Sendable {
  public var runLabel: String
  public var confusion: ConfusionMatrix
  /// Mistakes with their pictures (empty when the data could not be read again or is no images).
  public var mistakes: [(prediction: SamplePrediction, image: SampleImage)]
  public var shape: ImageShape?

  public init(
    runLabel: String, confusion: ConfusionMatrix,
    mistakes: [(prediction: SamplePrediction, image: SampleImage)] = [], shape: ImageShape? = nil
  ) {
    self.runLabel = runLabel
    self.confusion = confusion
    self.mistakes = mistakes
    self.shape = shape
  }

  /// The band's height below the curves, in SVG user units.
  static let height = 330.0

  /// Draws the band with its top at `top`, `width` wide.
  func draw(into svg: inout SVGWriter, top: Double, width: Double) {
    svg.open("g", [("class", "handout"), ("data-run", runLabel)])
    svg.element(
      "text",
      [
        ("class", "handout-title"), ("x", "20"), ("y", svgNumber(top + 20)), ("font-size", "15"),
        ("font-weight", "bold"), ("fill", PanelDrawing.textColor),
      ], text: "\(runLabel): confusion matrix (validation) and most confident mistakes")
    drawMatrix(into: &svg, x: 130, y: top + 50)
    drawMistakes(into: &svg, x: 480, y: top + 50, width: width - 500)
    svg.close("g")
  }

  /// One square per (true, predicted) pair, grey by the row's share, the count in it; class
  /// names on the left, numbers on top.
  private func drawMatrix(into svg: inout SVGWriter, x: Double, y: Double) {
    let n = confusion.classes
    let cell = min(26, 260 / Double(max(n, 1)))
    svg.open("g", [("class", "confusion"), ("font-size", svgNumber(min(11, cell * 0.45)))])
    for p in 0..<n {
      svg.element(
        "text",
        [
          ("x", svgNumber(x + (Double(p) + 0.5) * cell)), ("y", svgNumber(y - 4)), ("text-anchor", "middle"),
          ("fill", PanelDrawing.textColor),
        ], text: String(p))
    }
    for a in 0..<n {
      let support = max(confusion.support(of: a), 1)
      let rowY = y + Double(a) * cell
      svg.element(
        "text",
        [
          ("x", svgNumber(x - 6)), ("y", svgNumber(rowY + cell * 0.65)), ("text-anchor", "end"),
          ("fill", PanelDrawing.textColor),
        ], text: "\(a) \(confusion.name(of: a))")
      for p in 0..<n {
        let share = Double(confusion[a, p]) / Double(support)
        let level = Int((255 - share * 215).rounded())
        let hex = String(format: "#%02X%02X%02X", level, level, a == p ? 255 : level)
        svg.element(
          "rect",
          [
            ("class", a == p ? "cell diagonal" : "cell"), ("x", svgNumber(x + Double(p) * cell)),
            ("y", svgNumber(rowY)), ("width", svgNumber(cell)), ("height", svgNumber(cell)), ("fill", hex),
            ("stroke", "#FFFFFF"), ("data-count", String(confusion[a, p])),
          ])
        if confusion[a, p] > 0 && cell >= 18 {
          svg.element(
            "text",
            [
              ("x", svgNumber(x + (Double(p) + 0.5) * cell)), ("y", svgNumber(rowY + cell * 0.65)),
              ("text-anchor", "middle"), ("fill", share > 0.5 ? "#FFFFFF" : PanelDrawing.textColor),
            ], text: String(confusion[a, p]))
        }
      }
    }
    let caption =
      "accuracy \(String(format: "%.4f", confusion.accuracy)) on \(confusion.total)"
      + (confusion.mostConfused.map {
        "; most confused: \(confusion.name(of: $0.actual)) → \(confusion.name(of: $0.predicted)) (\($0.count))"
      } ?? "")
    svg.element(
      "text",
      [
        ("class", "confusion-caption"), ("x", svgNumber(x - 110)),
        ("y", svgNumber(y + Double(n) * cell + 18)),
        ("font-size", "11"), ("fill", PanelDrawing.textColor),
      ], text: caption)
    svg.close("g")
  }

  /// Up to eight mistakes, each a picture (one square per pixel, on black) with its true and
  /// predicted class under it.
  private func drawMistakes(into svg: inout SVGWriter, x: Double, y: Double, width: Double) {
    guard let shape, !mistakes.isEmpty else { return }
    let size = 60.0
    let gap = 40.0  // room for "→ T-shirt/top 99%" under a 60-unit picture
    let perRow = max(1, Int((width + gap) / (size + gap)))
    let pixel = size / Double(max(shape.rows, shape.columns))
    svg.open("g", [("class", "mistakes"), ("shape-rendering", "crispEdges")])
    for (i, mistake) in mistakes.prefix(min(8, perRow * 3)).enumerated() {
      let left = x + Double(i % perRow) * (size + gap)
      let top = y + Double(i / perRow) * (size + 44)
      svg.open("g", [("class", "mistake"), ("data-index", String(mistake.prediction.index))])
      svg.element(
        "rect",
        [
          ("x", svgNumber(left)), ("y", svgNumber(top)), ("width", svgNumber(size)),
          ("height", svgNumber(size)),
        ]
          + [("fill", "#000000")])
      for (p, v) in mistake.image.pixels.enumerated() where v > 16 {
        svg.element(
          "rect",
          [
            ("x", svgNumber(left + Double(p % shape.columns) * pixel)),
            ("y", svgNumber(top + Double(p / shape.columns) * pixel)), ("width", svgNumber(pixel)),
            ("height", svgNumber(pixel)), ("fill", String(format: "#%02X%02X%02X", v, v, v)),
          ])
      }
      let names = [
        confusion.name(of: mistake.prediction.label),
        "→ \(confusion.name(of: mistake.prediction.predicted)) \(Int((mistake.prediction.confidence * 100).rounded()))%",
      ]
      for (line, text) in names.enumerated() {
        svg.element(
          "text",
          [
            ("x", svgNumber(left)), ("y", svgNumber(top + size + 14 + Double(line) * 13)),
            ("font-size", "10"),
            ("fill", line == 0 ? PanelDrawing.textColor : "#C0392B"),
          ], text: text)
      }
      svg.close("g")
    }
    svg.close("g")
  }
}
