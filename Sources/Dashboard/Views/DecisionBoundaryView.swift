import NeuralEngine
import TerminalUI

/// TensorFlow Playground's signature view: the network's predicted class over the input plane of a
/// 2-D dataset, with the training points (filled glyphs) and validation points (hollow) on top.
///
/// ```
/// ┌─ Decision boundary ─────── epoch 120 ─┐
/// │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀│  colour: one class per half-block (two rows a cell)
/// │▀▀▀▀▀●▀▀▀▀▀▀▀▀▀▀▀▀▀▲▀▀▀▀▀▀▀▀▀▀○▀▀▀▀▀▀▀▀│  no colour: braille shading, empty / full / dotted
/// │ ● ○ train/val  white = right, coloured = wrong │  ASCII: ' ', '.', ':' per class
/// └───────────────────────────────────────┘
/// ```
/// A point drawn in white lies in the region of its own class; a point in its class colour lies
/// in another class's region, so an overfitting boundary shows as regions snaking around
/// coloured training points while validation points turn coloured.
struct DecisionBoundaryView: Widget {
  var state: DashboardState
  var theme: Theme

  /// Region colours by class (2-class sets are blue vs red, as in Playground's orange vs blue).
  static let classColors: [Color] = [.blue, .red, .green, .magenta, .cyan, .yellow, .white, .black]
  static let trainGlyphs: [Unicode.Scalar] = ["●", "▲", "■", "◆", "★", "✚", "✖", "◼"]
  static let validationGlyphs: [Unicode.Scalar] = ["○", "△", "□", "◇", "☆", "+", "x", "◻"]
  static let asciiTrainGlyphs: [Unicode.Scalar] = ["O", "X", "#", "@", "W", "M", "H", "&"]
  static let asciiValidationGlyphs: [Unicode.Scalar] = ["o", "x", "+", "a", "w", "m", "h", "%"]
  /// Unicode's braille dot bits by row and column (DESIGN.md).
  static let brailleBits: [[UInt32]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
  static let asciiShades: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "~", "^", ","]

  func render(in area: Rect, into buffer: inout Buffer) {
    let grid = state.chartedRun?.boundary
    let block = Block(
      title: "Decision boundary", rightTitle: grid.map { "epoch \($0.epochsTrained)" }, ascii: theme.ascii)
    block.render(in: area, into: &buffer)
    let inner = block.inner(area)
    guard inner.width >= 4, inner.height >= 3 else { return }
    guard let grid else {
      let text =
        state.chartedRun == nil
        ? "starts with a run on a 2-D dataset (spiral, circles, xor, gaussian, moons)"
        : "shown for 2-D datasets, after the first epoch"
      Paragraph([Line(text, style: theme.dim)], alignment: .center, wrap: true)
        .render(
          in: Rect(x: inner.x + 1, y: inner.y + inner.height / 2 - 1, width: inner.width - 2, height: 3),
          into: &buffer)
      return
    }
    let legendRow = Rect(x: inner.x, y: inner.bottom - 1, width: inner.width, height: 1)
    let plot = Self.fitted(
      grid, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 1))
    paintRegions(grid, in: plot, into: &buffer)
    drawPoints(grid.validationPoints, glyphs: validationGlyphs, grid: grid, in: plot, into: &buffer)
    drawPoints(grid.trainPoints, glyphs: trainGlyphs, grid: grid, in: plot, into: &buffer)
    drawLegend(in: legendRow, into: &buffer)
  }

  private var trainGlyphs: [Unicode.Scalar] { theme.ascii ? Self.asciiTrainGlyphs : Self.trainGlyphs }
  private var validationGlyphs: [Unicode.Scalar] {
    theme.ascii ? Self.asciiValidationGlyphs : Self.validationGlyphs
  }

  /// The largest rect inside `area`, centred, with the data's aspect ratio (a cell is about twice
  /// as tall as wide, so `columns = 2 × rows × width/height` of the plane).
  static func fitted(_ grid: DecisionBoundary, in area: Rect) -> Rect {
    let (xSpan, ySpan) = (grid.xSpan, grid.ySpan)
    guard xSpan > 0, ySpan > 0, area.width > 0, area.height > 0 else { return area }
    // Planes a thousand times wider than tall (or the reverse) are drawn as that extreme.
    let aspect = min(max(xSpan / ySpan, 1e-3), 1e3)
    var width = area.width
    var height = area.height
    if Double(width) > 2 * Double(height) * aspect {
      width = max(4, Int((2 * Double(height) * aspect).rounded()))
    } else {
      height = max(2, Int((Double(width) / (2 * aspect)).rounded()))
    }
    return area.centered(width: min(width, area.width), height: min(height, area.height))
  }

  /// The predicted class at a fraction (fx across, fy down) of the plot.
  private func predicted(_ grid: DecisionBoundary, fx: Double, fy: Double) -> Int {
    let p = grid.point(fx: fx, fy: fy)
    return grid.predictedClass(x: p.x, y: p.y)
  }

  private func color(_ k: Int) -> Color { Self.classColors[k % Self.classColors.count] }

  private func paintRegions(_ grid: DecisionBoundary, in plot: Rect, into buffer: inout Buffer) {
    let w = Double(plot.width)
    let h = Double(plot.height)
    for row in 0..<plot.height {
      for column in 0..<plot.width {
        let cell: Cell
        switch (theme.color, theme.ascii) {
        case (true, false):
          // Two pixels a cell: the upper half-block's colour is the top one, the background the bottom.
          let top = predicted(grid, fx: (Double(column) + 0.5) / w, fy: (Double(row) + 0.25) / h)
          let bottom = predicted(grid, fx: (Double(column) + 0.5) / w, fy: (Double(row) + 0.75) / h)
          cell = Cell("▀", style: Style(foreground: color(top), background: color(bottom)))
        case (true, true):
          let k = predicted(grid, fx: (Double(column) + 0.5) / w, fy: (Double(row) + 0.5) / h)
          cell = Cell(" ", style: Style(background: color(k)))
        case (false, false):
          // Braille shading: 2×4 dots a cell, each dot on or off by its class's pattern.
          var mask: UInt32 = 0
          for dy in 0..<4 {
            for dx in 0..<2 {
              let k = predicted(
                grid, fx: (Double(column) + (Double(dx) + 0.5) / 2) / w,
                fy: (Double(row) + (Double(dy) + 0.5) / 4) / h)
              if Self.shaded(k, dx: column * 2 + dx, dy: row * 4 + dy) {
                mask |= Self.brailleBits[dy][dx]
              }
            }
          }
          cell = Cell(Unicode.Scalar(0x2800 + mask)!, style: theme.dim)
        case (false, true):
          let k = predicted(grid, fx: (Double(column) + 0.5) / w, fy: (Double(row) + 0.5) / h)
          cell = Cell(Self.asciiShades[k % Self.asciiShades.count])
        }
        buffer[plot.x + column, plot.y + row] = cell
      }
    }
  }

  /// Whether dot (x, y) is on in class `k`'s braille pattern: class 0 empty, class 1 sparse
  /// (every other dot of every other row), class 2 full, then other sparse patterns.
  static func shaded(_ k: Int, dx x: Int, dy y: Int) -> Bool {
    switch k % 5 {
    case 0: false
    case 1: y % 2 == 0 && x % 2 == 0
    case 2: true
    case 3: (x + y) % 2 == 0
    default: y % 2 == 1
    }
  }

  private func drawPoints(
    _ points: [DecisionBoundary.Point], glyphs: [Unicode.Scalar], grid: DecisionBoundary, in plot: Rect,
    into buffer: inout Buffer
  ) {
    for p in points {
      let (fx, fy) = grid.fraction(x: p.x, y: p.y)
      let column = min(plot.width - 1, max(0, Int(min(max(fx, 0), 1) * Double(plot.width))))
      let row = min(plot.height - 1, max(0, Int(min(max(fy, 0), 1) * Double(plot.height))))
      let label = Int(p.label)
      var style = Style(bold: true)
      if theme.color {
        // The background under the point is the region it lies in (its half of the cell).
        let half = (fy * Double(plot.height)).truncatingRemainder(dividingBy: 1) < 0.5 ? 0.25 : 0.75
        let region = predicted(
          grid, fx: (Double(column) + 0.5) / Double(plot.width),
          fy: (Double(row) + half) / Double(plot.height))
        style.background = color(region)
        style.foreground = region == label ? .white : color(label)
      }
      buffer[plot.x + column, plot.y + row] = Cell(glyphs[label % glyphs.count], style: style)
    }
  }

  private func drawLegend(in row: Rect, into buffer: inout Buffer) {
    var spans = [
      Span(String(trainGlyphs[0]) + String(trainGlyphs[1]), style: Style(bold: true)), Span(" train  "),
      Span(String(validationGlyphs[0]) + String(validationGlyphs[1]), style: Style(bold: true)), Span(" val"),
    ]
    if theme.color {
      spans.append(Span("  white: in its own class", style: theme.dim))
    }
    drawSpans(spans, x: row.x + 1, y: row.y, in: row, into: &buffer)
  }
}

// MARK: - Layout

extension DashboardState {
  /// Whether the decision boundary panel is on screen: as toggled with `b`, else automatically
  /// when the charted run has a boundary and the charts keep room beside it.
  public var boundaryPanelVisible: Bool {
    if let shown = classroom.boundaryShown { return shown }
    guard chartedRun?.boundary != nil else { return false }
    return classroom.presenting
      || width - 32 >= BoundaryLayout.minimumChartsWidth + BoundaryLayout.minimumWidth
  }
}

/// Splits the charts' area between the charts and the decision boundary panel.
enum BoundaryLayout {
  static let minimumChartsWidth = 40
  static let minimumWidth = 24

  /// (charts, boundary) inside `area`; charts nil when only the boundary fits.
  static func split(_ area: Rect, state: DashboardState) -> (charts: Rect?, boundary: Rect?) {
    guard state.boundaryPanelVisible else { return (area, nil) }
    // Square-ish plane: twice as many columns as rows, but the charts keep their minimum width.
    let wanted = 2 * (area.height - 3) + 2
    let room = area.width - minimumChartsWidth
    if room < minimumWidth { return (nil, area) }
    let width = max(minimumWidth, min(wanted, room, area.width / 2 + 8))
    let parts = area.split(.horizontal, [.fill, .length(width)])
    return (parts[0], parts[1])
  }
}

/// Splits the charts' area between the charts and an insight panel: half each, the panel at
/// least 46 columns (a 10-class confusion matrix), the charts at least 40; below that the panel
/// takes it all.
enum InsightLayout {
  static let minimumWidth = 46

  static func split(_ area: Rect) -> (charts: Rect?, panel: Rect) {
    let width = max(minimumWidth, area.width / 2)
    guard area.width - width >= BoundaryLayout.minimumChartsWidth else { return (nil, area) }
    let parts = area.split(.horizontal, [.fill, .length(width)])
    return (parts[0], parts[1])
  }
}

/// The charts, the boundary panel beside them when it is on, and a failed run's message in full
/// (a missing dataset says how to install it) instead of empty charts.
struct ChartsAndBoundaryView: Widget {
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    if let panel = state.insightPanel {
      let (charts, side) = InsightLayout.split(area)
      if let charts { ChartsView(state: state, theme: theme).render(in: charts, into: &buffer) }
      InsightPanelView(state: state, panel: panel, theme: theme).render(in: side, into: &buffer)
      return
    }
    let (charts, boundary) = BoundaryLayout.split(area, state: state)
    if let charts {
      if let run = state.chartedRun, run.phase == .failed, run.epochs.isEmpty, let message = run.message {
        FailedRunView(run: run, message: message, theme: theme).render(in: charts, into: &buffer)
      } else {
        ChartsView(state: state, theme: theme).render(in: charts, into: &buffer)
      }
    }
    if let boundary { DecisionBoundaryView(state: state, theme: theme).render(in: boundary, into: &buffer) }
  }
}

/// Why a run could not start, wrapped in full.
struct FailedRunView: Widget {
  var run: RunRecord
  var message: String
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    let block = Block(title: "Run \(run.id) could not start", ascii: theme.ascii, borderStyle: theme.error)
    block.render(in: area, into: &buffer)
    let inner = block.inner(area).inset(byColumns: 1)
    guard !inner.isEmpty else { return }
    let lines = [
      Line(message, style: theme.error), Line(""),
      Line("Fix it, or press p for a preset that runs here.", style: theme.dim),
    ]
    Paragraph(lines, wrap: true).render(
      in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1), into: &buffer)
  }
}
