import Foundation

/// Training curves: several series on a braille (or ASCII) canvas, with nice-tick axes, a legend
/// and markers.
///
/// ```
/// loss                ── train 0.312  ┈┈ val 0.401
/// 2.5┤⡀
///    │⠈⠢⡀
/// 0.5┤  ⠈⠉⠒⠒⠤◆⠤⠤⠤
///   0└┬────┬────┬
///     0    5   10
/// ```
/// Everything adapts to the area: tick counts follow the plot size, the y labels' width sets the
/// plot's left edge, and overlapping labels are left out rather than drawn over each other.
/// The x-axis title gets its own row on charts at least 14 rows tall; below that it goes at the
/// right end of the tick-label row when there is room, and is left out otherwise.
/// Dimmed series are drawn first, so current runs keep their colour where curves cross
/// (each cell takes the colour of the last series drawn in it). Long series are reduced with
/// `Decimation.minMax` to about two points per column before drawing.
public struct LineChart: Widget, Sendable {
  public var series: [Series]
  public var markers: [Marker]
  /// Vertical lines with labels (events at a point of x), drawn under the data.
  public var marks: [VerticalMark]
  /// The values the y range is fitted to, when not all of the data (TensorBoard's "ignore
  /// outliers in chart scaling"). Other data is still fitted when it stretches the range by at
  /// most half of the focus values' span (so a gentle start is kept); beyond that it is clipped
  /// at the plot's edge, with an arrow (↑/↓, `^`/`v` in ASCII) on the edge in each column where
  /// data lies beyond it. Nil: fit all.
  public var yFocus: [Double]?
  public var xAxis: Axis
  public var yAxis: Axis
  public var mode: CanvasMode
  public var legend: LegendPosition
  /// Thicker lines (neighbouring dots set too), for projectors and presentation mode.
  public var thick: Bool
  /// Style of the axis lines and tick labels.
  public var axisStyle: Style

  public init(
    series: [Series], markers: [Marker] = [], marks: [VerticalMark] = [], xAxis: Axis = Axis(),
    yAxis: Axis = Axis(), mode: CanvasMode = .braille, legend: LegendPosition = .top, thick: Bool = false,
    axisStyle: Style = .plain, yFocus: [Double]? = nil
  ) {
    self.series = series
    self.markers = markers
    self.marks = marks
    self.yFocus = yFocus
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.mode = mode
    self.legend = legend
    self.thick = thick
    self.axisStyle = axisStyle
  }

  var legendEntries: [LegendEntry] {
    series.map { LegendEntry(series: $0, mode: mode) }
      + markers.compactMap { m in m.label.map { LegendEntry(marker: m, label: $0, mode: mode) } }
  }

  // MARK: - Rendering

  public func render(in area: Rect, into buffer: inout Buffer) {
    guard area.width >= 6, area.height >= 3 else { return }
    let header = headerRows(in: area)
    let xTitleRow = xAxis.title != nil && area.height >= 14
    let plotHeight = area.height - header.count - 2 - (xTitleRow ? 1 : 0)
    guard plotHeight >= 1 else { return }
    drawHeader(header, in: area, into: &buffer)

    // y first: its labels' width decides where the plot starts.
    let dotsY = mode == .braille ? 4 : 1
    // About one label per 4 rows; decades on a log axis are further apart, so one per 2.
    let yTickCount = min(10, max(2, plotHeight / (yAxis.scale == .log ? 2 : 4)))
    let yValues = series.flatMap { s in
      s.points.filter { $0.x.isFinite }.compactMap { plottable($0.y, yAxis) }
    }
    let yBounds = ChartScale.bounds(
      for: yAxis,
      values: Self.fitted(
        yValues, focus: yFocus?.compactMap { plottable($0, yAxis) }, logScale: yAxis.scale == .log),
      tickCount: yTickCount, nice: true)
    let yScale = ChartScale(
      scale: yAxis.scale, lower: yBounds.lower, upper: yBounds.upper, dots: plotHeight * dotsY, flipped: true,
      step: yBounds.step)
    let yTicks = yScale.ticks(count: yTickCount, integer: yAxis.integerTicks)
    let labelWidth = min(yTicks.labels.map(columnWidth).max() ?? 1, area.width / 3)
    let plot = Rect(
      x: area.left + labelWidth + 1, y: area.top + header.count, width: area.width - labelWidth - 1,
      height: plotHeight)
    guard plot.width >= 2 else { return }

    let dotsX = mode == .braille ? 2 : 1
    let xTickCount = min(10, max(1, plot.width / 8))
    let xValues = series.flatMap { s in
      s.points.filter { plottable($0.y, yAxis) != nil }.map(\.x).filter(\.isFinite)
    }
    let xBounds = ChartScale.bounds(for: xAxis, values: xValues, tickCount: xTickCount, nice: false)
    let xScale = ChartScale(
      scale: xAxis.scale, lower: xBounds.lower, upper: xBounds.upper, dots: plot.width * dotsX, flipped: false
    )
    let xTicks = xScale.ticks(count: xTickCount, integer: xAxis.integerTicks)

    var canvas = Canvas(columns: plot.width, rows: plot.height, mode: mode)
    drawGuides(on: &canvas, x: xScale)
    drawMarkLines(on: &canvas, x: xScale)
    for s in series.filter(\.dimmed) + series.filter({ !$0.dimmed }) {
      draw(s, on: &canvas, x: xScale, y: yScale)
    }
    canvas.render(in: plot, into: &buffer)
    if yFocus != nil { drawClipArrows(in: plot, x: xScale, y: yScale, into: &buffer) }
    drawMarkLabels(in: plot, x: xScale, into: &buffer)
    drawMarkers(in: plot, x: xScale, y: yScale, into: &buffer)
    if yValues.isEmpty {
      Line("no data", style: Style(dim: true)).draw(
        in: Rect(x: plot.x, y: plot.y + plot.height / 2, width: plot.width, height: 1),
        y: plot.y + plot.height / 2, alignment: .center, into: &buffer)
    }
    drawYAxis(yTicks, scale: yScale, plot: plot, labelLeft: area.left, into: &buffer)
    let labelsEnd = drawXAxis(xTicks, scale: xScale, plot: plot, area: area, into: &buffer)
    if let title = xAxis.title {
      let y = xTitleRow ? plot.bottom + 2 : plot.bottom + 1
      let row = Rect(x: plot.x, y: y, width: area.right - plot.x, height: 1)
      if xTitleRow {
        Line(title, style: Style(bold: true)).draw(in: row, y: y, alignment: .center, into: &buffer)
      } else if labelsEnd + 2 + columnWidth(title) <= area.right {
        buffer.setString(
          x: area.right - columnWidth(title), y: y, title, style: Style(bold: true), clippedTo: row)
      }
    }
    if legend == .topRight { drawInsetLegend(in: plot, into: &buffer) }
  }

  /// The values the y range must hold: the focus, and the other values within half its span of
  /// it (measured in the axis's own scale, so decades on a log axis).
  static func fitted(_ values: [Double], focus: [Double]?, logScale: Bool = false) -> [Double] {
    let scaled = { (v: Double) in logScale ? log10(v) : v }
    guard let focus, let lo = focus.map(scaled).min(), let hi = focus.map(scaled).max() else { return values }
    let span = hi - lo
    let tolerance = span > 0 ? span / 2 : max(abs(hi), 1e-12) / 2
    return focus + values.filter { scaled($0) >= lo - tolerance && scaled($0) <= hi + tolerance }
  }

  /// The value on the y axis, or nil when this axis cannot show it (non-finite; ≤ 0 on a log axis).
  private func plottable(_ value: Double, _ axis: Axis) -> Double? {
    guard value.isFinite, axis.scale == .linear || value > 0 else { return nil }
    return value
  }

  // MARK: - Header (y title and legend)

  /// The legend rows for the header: one, or two on charts tall enough to spare the row.
  private func headerRows(in area: Rect) -> [[LegendEntry]] {
    let entries = legend == .top ? legendEntries : []
    let titleWidth = yAxis.title.map { columnWidth($0) + 2 } ?? 0
    guard !entries.isEmpty else { return yAxis.title == nil ? [] : [[]] }
    let rows = packLegend(entries, width: area.width - titleWidth)
    if rows.count == 1 || area.height < 16 { return [entries] }
    return Array(rows.prefix(2))
  }

  private func drawHeader(_ rows: [[LegendEntry]], in area: Rect, into buffer: inout Buffer) {
    guard !rows.isEmpty else { return }
    var titleEnd = area.left
    if let title = yAxis.title {
      titleEnd += buffer.setString(
        x: area.left, y: area.top, title, style: Style(bold: true), clippedTo: area)
    }
    for (i, row) in rows.enumerated() where !row.isEmpty {
      let y = area.top + i
      let minStart = i == 0 && titleEnd > area.left ? titleEnd + 2 : area.left
      let room = area.right - minStart
      // Whole entries only: a legend cut mid-name is worse than one entry fewer.
      var shown = row.count
      while shown > 1 && legendRowWidth(Array(row.prefix(shown))) > room { shown -= 1 }
      let entries = row.prefix(shown)
      var x = max(minStart, area.right - legendRowWidth(Array(entries)))
      let clip = Rect(x: minStart, y: y, width: room, height: 1)
      for entry in entries {
        entry.draw(x: x, y: y, clip: clip, into: &buffer)
        x += entry.width + 2
      }
    }
  }

  private func drawInsetLegend(in plot: Rect, into buffer: inout Buffer) {
    let entries = legendEntries
    guard !entries.isEmpty else { return }
    let width = min(plot.width, (entries.map(\.width).max() ?? 0) + 1)
    for (i, entry) in entries.prefix(plot.height).enumerated() {
      let row = Rect(x: plot.right - width, y: plot.top + i, width: width, height: 1)
      buffer.fill(row)
      entry.draw(x: row.x + 1, y: row.y, clip: row, into: &buffer)
    }
  }

  // MARK: - Data

  private func draw(_ s: Series, on canvas: inout Canvas, x: ChartScale, y: ChartScale) {
    let finite = s.points.filter { $0.x.isFinite && plottable($0.y, yAxis) != nil }
    let points =
      finite.count > 2 * canvas.columns ? Decimation.minMax(finite, buckets: canvas.columns) : finite
    let dots = points.compactMap { p -> (x: Double, y: Double)? in
      guard let dx = x.dot(p.x), let dy = y.dot(p.y) else { return nil }
      return (dx, dy)
    }
    let width = Double(canvas.dotWidth - 1)
    let height = Double(canvas.dotHeight - 1)
    let style = s.effectiveStyle
    var phase = 0
    if dots.count == 1, let only = clipSegment(dots[0], dots[0], width: width, height: height) {
      let d = (x: Int(only.0.x.rounded()), y: Int(only.0.y.rounded()))
      canvas.line(from: d, to: d, style: style, symbol: s.symbol, thick: thick)
    }
    for (a, b) in zip(dots, dots.dropFirst()) {
      guard let (c0, c1) = clipSegment(a, b, width: width, height: height) else {
        phase = 0
        continue
      }
      let from = (x: Int(c0.x.rounded()), y: Int(c0.y.rounded()))
      let to = (x: Int(c1.x.rounded()), y: Int(c1.y.rounded()))
      canvas.line(
        from: from, to: to, style: style, symbol: s.symbol, pattern: s.pattern, thick: thick, phase: &phase)
    }
  }

  /// Dotted vertical lines through the markers that ask for one, drawn under the data.
  private func drawGuides(on canvas: inout Canvas, x: ChartScale) {
    for marker in markers where marker.guide {
      guard let dx = x.dot(marker.x), dx >= -0.5, dx <= Double(canvas.dotWidth) - 0.5 else { continue }
      let column = Int(dx.rounded())
      canvas.line(
        from: (column, 0), to: (column, canvas.dotHeight - 1), style: Style(dim: true), symbol: ":",
        pattern: mode == .braille ? .dotted : .solid)
    }
  }

  /// An arrow on the top (bottom) edge of every column where a series has a point above
  /// (below) the y range, so a clipped spike is marked where it happened.
  private func drawClipArrows(in plot: Rect, x: ChartScale, y: ChartScale, into buffer: inout Buffer) {
    let dotsX = mode == .braille ? 2 : 1
    var above = Set<Int>()
    var below = Set<Int>()
    for s in series where !s.dimmed {
      for p in s.points where p.x.isFinite {
        guard let v = plottable(p.y, yAxis), let dx = x.dot(p.x) else { continue }
        let column = Int(dx.rounded()) / dotsX
        guard column >= 0, column < plot.width else { continue }
        let scaled = yAxis.scale == .log ? log10(v) : v
        if scaled > y.upper { above.insert(column) }
        if scaled < y.lower { below.insert(column) }
      }
    }
    let style = Style(bold: true)
    for column in above {
      buffer[plot.x + column, plot.top] = Cell(mode == .braille ? "↑" : "^", style: style)
    }
    for column in below {
      buffer[plot.x + column, plot.bottom - 1] = Cell(mode == .braille ? "↓" : "v", style: style)
    }
  }

  /// The column of dots a vertical mark falls on, when it is inside the plot.
  private func markColumn(_ mark: VerticalMark, x: ChartScale, dotWidth: Int) -> Int? {
    guard let dx = x.dot(mark.x), dx >= -0.5, dx <= Double(dotWidth) - 0.5 else { return nil }
    return Int(dx.rounded())
  }

  private func drawMarkLines(on canvas: inout Canvas, x: ChartScale) {
    for mark in marks {
      guard let column = markColumn(mark, x: x, dotWidth: canvas.dotWidth) else { continue }
      canvas.line(
        from: (column, 0), to: (column, canvas.dotHeight - 1), style: mark.style, symbol: "|", pattern: .solid
      )
    }
  }

  /// Each mark's label on the plot's top row, right of its line (left of it near the right
  /// edge); a label that would overlap the previous one moves down a row, or is left out.
  private func drawMarkLabels(in plot: Rect, x: ChartScale, into buffer: inout Buffer) {
    let dotsX = mode == .braille ? 2 : 1
    var rowEnds: [Int] = Array(repeating: Int.min, count: min(3, max(1, plot.height / 3)))
    for mark in marks.sorted(by: { $0.x < $1.x }) {
      guard let label = mark.label, !label.isEmpty,
        let column = markColumn(mark, x: x, dotWidth: plot.width * dotsX)
      else { continue }
      let lineX = plot.x + column / dotsX
      let width = columnWidth(label)
      let start = lineX + 1 + width <= plot.right ? lineX + 1 : max(plot.x, lineX - width)
      guard let row = rowEnds.indices.first(where: { rowEnds[$0] < start }) else { continue }
      buffer.setString(x: start, y: plot.y + row, label, style: mark.style, clippedTo: plot)
      rowEnds[row] = start + width
    }
  }

  private func drawMarkers(in plot: Rect, x: ChartScale, y: ChartScale, into buffer: inout Buffer) {
    let dotsX = mode == .braille ? 2 : 1
    let dotsY = mode == .braille ? 4 : 1
    for marker in markers {
      guard plottable(marker.y, yAxis) != nil, let dx = x.dot(marker.x), let dy = y.dot(marker.y) else {
        continue
      }
      let column = Int(dx.rounded()) / dotsX
      let row = Int(dy.rounded()) / dotsY
      guard column >= 0, column < plot.width, row >= 0, row < plot.height, dx >= -0.5, dy >= -0.5 else {
        continue
      }
      buffer[plot.x + column, plot.y + row] = Cell(
        mode == .braille ? marker.symbol : marker.asciiSymbol, style: marker.style)
    }
  }

  // MARK: - Axes

  private var glyphs:
    (
      vertical: Unicode.Scalar, yTick: Unicode.Scalar, corner: Unicode.Scalar,
      horizontal: Unicode.Scalar, xTick: Unicode.Scalar
    )
  {
    mode == .braille ? ("│", "┤", "└", "─", "┬") : ("|", "+", "+", "-", "+")
  }

  private func drawYAxis(
    _ ticks: (values: [Double], labels: [String]), scale: ChartScale, plot: Rect, labelLeft: Int,
    into buffer: inout Buffer
  ) {
    let axisX = plot.x - 1
    for y in plot.top..<plot.bottom { buffer[axisX, y] = Cell(glyphs.vertical, style: axisStyle) }
    buffer[axisX, plot.bottom] = Cell(glyphs.corner, style: axisStyle)
    let dotsY = mode == .braille ? 4 : 1
    var lastRow = Int.min
    let labelArea = Rect(x: labelLeft, y: plot.y, width: axisX - labelLeft, height: plot.height + 1)
    for (value, label) in zip(ticks.values, ticks.labels).reversed() {
      guard let d = scale.dot(value) else { continue }
      let row = Int(d.rounded()) / dotsY
      guard row >= 0, row < plot.height, row != lastRow else { continue }
      lastRow = row
      buffer[axisX, plot.y + row] = Cell(glyphs.yTick, style: axisStyle)
      buffer.setString(
        x: axisX - columnWidth(label), y: plot.y + row, label, style: axisStyle, clippedTo: labelArea)
    }
  }

  /// Draws the x axis line and tick labels; returns the column after the last label drawn.
  private func drawXAxis(
    _ ticks: (values: [Double], labels: [String]), scale: ChartScale, plot: Rect, area: Rect,
    into buffer: inout Buffer
  ) -> Int {
    let axisY = plot.bottom
    for x in plot.left..<plot.right { buffer[x, axisY] = Cell(glyphs.horizontal, style: axisStyle) }
    let dotsX = mode == .braille ? 2 : 1
    var nextFree = area.left
    for (value, label) in zip(ticks.values, ticks.labels) {
      guard let d = scale.dot(value) else { continue }
      let column = Int(d.rounded()) / dotsX
      guard column >= 0, column < plot.width else { continue }
      let center = plot.x + column
      let width = columnWidth(label)
      let start = min(max(center - width / 2, area.left), area.right - width)
      guard start >= nextFree else { continue }
      buffer[center, axisY] = Cell(glyphs.xTick, style: axisStyle)
      buffer.setString(x: start, y: axisY + 1, label, style: axisStyle, clippedTo: area)
      nextFree = start + width + 1
    }
    return nextFree - 1
  }
}
