import TerminalUI

/// One metric's series for one run, in display x (1-based epochs or steps) and raw y (may be NaN).
struct SeriesLine {
  var runIndex: Int
  var runLabel: String
  /// The log's column name, e.g. `val_loss`.
  var metric: String
  var isValidation: Bool
  var points: [Point]
}

/// A best-epoch marker: where it sits and the text beside it.
struct BestMarker {
  var runIndex: Int
  var runLabel: String
  var x: Double
  var center: Point
  var label: String
  var labelBox: Box
}

/// Everything needed to draw one panel, computed up front so drawing is a straight walk.
struct PanelDrawing {
  static let tickFont = 12.0
  static let markerFont = 11.0

  var spec: PanelSpec
  var lines: [SeriesLine]
  var xAxis: FigureAxis
  var yAxis: FigureAxis
  /// The plot area (inside the axes).
  var plot: Box
  /// Horizontal inset so points at the first and last epoch do not sit on the frame.
  var xInset = 8.0
  var xAxisTitle: String
  var markers: [BestMarker] = []
  /// Settings changed mid-run: a thin dashed line each, labelled at the top, in the run's colour.
  var marks: [(runIndex: Int, mark: FigureMark)]

  /// Lays out a panel in `cell` (its column of the figure, from the panel title down to the x-axis
  /// title): picks the y axis from the finite data, sizes the left margin to the tick labels, and
  /// places the best-epoch markers and their labels.
  init(
    spec: PanelSpec, lines: [SeriesLine], xAxis: FigureAxis, xAxisTitle: String,
    marks: [(runIndex: Int, mark: FigureMark)] = [], logScale: Bool, cell: Box
  ) {
    self.spec = spec
    self.lines = lines
    self.marks = marks
    self.xAxis = xAxis
    self.xAxisTitle = xAxisTitle
    let ys = lines.flatMap { $0.points.map(\.y) }.filter(\.isFinite)
    let positive = ys.filter { $0 > 0 }
    if logScale, let lo = positive.min(), let hi = positive.max() {
      yAxis = .log(lower: lo, upper: hi)
    } else if let lo = ys.min(), let hi = ys.max() {
      yAxis = .linear(lower: lo, upper: hi)
    } else {
      yAxis = .linear(lower: 0, upper: 1)
    }
    let labelWidth = yAxis.labels.map { textWidth($0, size: Self.tickFont) }.max() ?? 0
    let left = cell.x + 30 + labelWidth + 12
    let right = cell.maxX - 22
    let top = cell.y + 36
    let bottom = cell.maxY - 44
    plot = Box(x: left, y: top, width: right - left, height: bottom - top)
    markers = placeMarkers()
  }

  // MARK: - Mapping

  func pixel(_ p: Point) -> Point {
    let inner = plot.width - 2 * xInset
    return Point(
      x: plot.x + xInset + xAxis.fraction(p.x) * inner, y: plot.maxY - yAxis.fraction(p.y) * plot.height)
  }

  /// The line's visible stretches in pixels: a value the y axis cannot show (NaN, ±inf, or ≤ 0 on a
  /// log axis) ends one stretch, and the next value that it can show starts another.
  func stretches(_ line: SeriesLine) -> [[Point]] {
    var result: [[Point]] = []
    var current: [Point] = []
    for p in line.points {
      if yAxis.canShow(p.y) && p.x.isFinite {
        current.append(pixel(p))
      } else if !current.isEmpty {
        result.append(current)
        current = []
      }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }

  // MARK: - Best-epoch markers

  /// One marker per run on its validation line, at the first epoch with the best value (lowest for
  /// loss-like metrics, highest for accuracy-like ones); none for metrics with no known direction.
  private func placeMarkers() -> [BestMarker] {
    let goal = spec.goal
    guard goal != .none else { return [] }
    var found: [(line: SeriesLine, point: Point)] = []
    for line in lines where line.isValidation {
      let shown = line.points.filter { yAxis.canShow($0.y) && $0.x.isFinite }
      let best = shown.reduce(nil as Point?) { best, p in
        guard let best else { return p }
        return (goal == .minimize ? p.y < best.y : p.y > best.y) ? p : best
      }
      if let best { found.append((line, best)) }
    }
    let segments = lines.flatMap { line in
      stretches(line).flatMap { s in zip(s, s.dropFirst()).map { ($0, $1) } }
    }
    var occupied = found.map { f in
      let c = pixel(f.point)
      return Box(x: c.x - 6, y: c.y - 6, width: 12, height: 12)
    }
    var markers: [BestMarker] = []
    for f in found {
      let center = pixel(f.point)
      let label = "\(xAxisTitle) \(NiceTicks.labels(for: [f.point.x])[0])"
      let box = LabelPlacement.place(
        width: textWidth(label, size: Self.markerFont), height: Self.markerFont, near: center,
        preferAbove: goal == .maximize, within: plot, avoiding: occupied, segments: segments)
      occupied.append(box)
      markers.append(
        BestMarker(
          runIndex: f.line.runIndex, runLabel: f.line.runLabel, x: f.point.x, center: center, label: label,
          labelBox: box))
    }
    return markers
  }
}
