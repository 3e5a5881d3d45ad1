import NeuralEngine
import TerminalUI

/// The validation set's confusion matrix: a row per true class, a column per predicted class,
/// each cell the share of the row's samples (%), shaded by it; per-class accuracy at the right;
/// the most frequent mistake below.
///
/// ```
///              0   1   2  …   acc
/// T-shirt/top 86   .   2  …   86%
/// Trouser      .  97   .  …   97%
/// most confused: Shirt → T-shirt/top (148 of 1000)
/// ```
struct ConfusionView: Widget {
  var run: RunRecord
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    guard let matrix = run.insight?.confusion else {
      panelMessage("The matrix arrives with the first epoch's end.", in: area, theme: theme, into: &buffer)
      return
    }
    let n = matrix.classes
    // Class names give way to the columns: every predicted class should fit.
    let longest = (0..<n).map { matrix.name(of: $0).unicodeScalars.count }.max() ?? 3
    let cell = area.width >= min(12, longest) + 4 * n + 6 ? 4 : 3
    let nameWidth = max(4, min(12, longest, area.width - 6 - cell * n))
    let shown = max(0, min(n, (area.width - nameWidth - 6) / cell))
    var y = area.y
    // Header: predicted class numbers.
    buffer.setString(
      x: area.x, y: y, truncatedText("true \\ pred", to: nameWidth), style: theme.dim, clippedTo: area)
    for p in 0..<shown {
      let label = String(p)
      buffer.setString(
        x: area.x + nameWidth + p * cell + cell - label.unicodeScalars.count, y: y, label, style: theme.dim,
        clippedTo: area)
    }
    buffer.setString(
      x: area.x + nameWidth + shown * cell + 1, y: y, "  acc", style: theme.dim, clippedTo: area)
    y += 1
    for a in 0..<n where y < area.bottom - 1 {
      buffer.setString(x: area.x, y: y, truncatedText(matrix.name(of: a), to: nameWidth), clippedTo: area)
      let support = max(matrix.support(of: a), 1)
      for p in 0..<shown {
        let share = Double(matrix[a, p]) / Double(support)
        let text = matrix[a, p] == 0 ? "." : String(Int((share * 100).rounded()))
        let x = area.x + nameWidth + p * cell
        let slot = Rect(x: x + 1, y: y, width: cell - 1, height: 1)
        let style = shade(share, diagonal: a == p)
        buffer.fill(slot, with: Cell(" ", style: style))
        buffer.setString(x: x + cell - text.unicodeScalars.count, y: y, text, style: style, clippedTo: slot)
      }
      let accuracy = matrix.accuracy(of: a).map { "\(Int(($0 * 100).rounded()))%" } ?? "-"
      buffer.setString(
        x: area.x + nameWidth + shown * cell + 1, y: y, accuracy.leftPadded(to: 5), style: theme.title,
        clippedTo: area)
      y += 1
    }
    if let worst = matrix.mostConfused, y < area.bottom {
      let text =
        "most confused: \(matrix.name(of: worst.actual)) \(theme.arrow) \(matrix.name(of: worst.predicted)) "
        + "(\(worst.count) of \(matrix.support(of: worst.actual)))"
      buffer.setString(
        x: area.x, y: y, truncatedText(text, to: area.width), style: theme.notice, clippedTo: area)
      y += 1
    }
    if y < area.bottom {
      let total = "validation accuracy \(metric(matrix.accuracy)) on \(matrix.total) samples"
      buffer.setString(
        x: area.x, y: y, truncatedText(total, to: area.width), style: theme.dim, clippedTo: area)
    }
  }

  /// A cell's look for the share of its row: a grey background growing with it (256 colours),
  /// else bold for the diagonal and large shares, dim for small ones.
  private func shade(_ share: Double, diagonal: Bool) -> Style {
    if state.richColor && state.color && !theme.ascii {
      let level = UInt8(min(255, 30 + share * 170))
      let text: RichColor = share > 0.55 ? .grey(10) : .grey(235)
      return Style.plain.rich(foreground: diagonal ? nil : text, background: .grey(level))
        .fg(diagonal ? .green : .default)
    }
    if diagonal { return theme.title }
    return share >= 0.05 ? theme.error : theme.dim
  }
}

extension String {
  /// The string right-aligned in `width` columns.
  func leftPadded(to width: Int) -> String {
    let n = unicodeScalars.count
    return n >= width ? self : String(repeating: " ", count: width - n) + self
  }
}
