/// Drawing a laid-out panel: grid, axes, lines, then markers, so data sits on top of the grid and
/// labels on top of the data.
extension PanelDrawing {
  static let gridColor = "#E6E6E6"
  static let axisColor = "#444444"
  static let textColor = "#333333"

  func draw(into svg: inout SVGWriter) {
    svg.open("g", [("class", "panel"), ("data-metric", spec.name)])
    svg.element(
      "text",
      [
        ("class", "panel-title"), ("x", svgNumber(plot.midX)), ("y", svgNumber(plot.y - 14)),
        ("text-anchor", "middle"), ("font-size", "15"), ("font-weight", "bold"), ("fill", Self.textColor),
      ], text: spec.title)
    drawGrid(into: &svg)
    drawXAxis(into: &svg)
    drawYAxis(into: &svg)
    drawMarks(into: &svg)
    drawLines(into: &svg)
    drawMarkers(into: &svg)
    if lines.allSatisfy({ stretches($0).isEmpty }) {
      svg.element(
        "text",
        [
          ("class", "no-data"), ("x", svgNumber(plot.midX)), ("y", svgNumber(plot.midY)),
          ("text-anchor", "middle"), ("font-size", "13"), ("fill", "#888888"),
        ], text: "no data")
    }
    svg.close("g")
  }

  private func drawGrid(into svg: inout SVGWriter) {
    svg.open("g", [("class", "grid"), ("stroke", Self.gridColor), ("stroke-width", "1")])
    for t in xAxis.ticks {
      let x = svgNumber(pixel(Point(x: t, y: yAxis.lower)).x)
      svg.element("line", [("x1", x), ("y1", svgNumber(plot.y)), ("x2", x), ("y2", svgNumber(plot.maxY))])
    }
    for t in yAxis.ticks {
      let y = svgNumber(pixel(Point(x: xAxis.lower, y: t)).y)
      svg.element("line", [("x1", svgNumber(plot.x)), ("y1", y), ("x2", svgNumber(plot.maxX)), ("y2", y)])
    }
    svg.close("g")
  }

  /// Each change: a thin dashed vertical line in the run's colour, and its label near the top,
  /// right of the line (left of it near the right edge), moved down a row when it would overlap the
  /// label before it.
  private func drawMarks(into svg: inout SVGWriter) {
    guard !marks.isEmpty else { return }
    svg.open("g", [("class", "changes"), ("font-size", svgNumber(Self.markerFont))])
    var rowEnds: [Double] = [-.infinity, -.infinity, -.infinity]
    for (runIndex, mark) in marks.sorted(by: { $0.mark.x < $1.mark.x }) {
      let x = pixel(Point(x: mark.x, y: yAxis.lower)).x
      guard x >= plot.x - 0.5, x <= plot.maxX + 0.5 else { continue }
      let color = Palette.color(runIndex)
      svg.element(
        "line",
        [
          ("class", "change"), ("x1", svgNumber(x)), ("y1", svgNumber(plot.y)), ("x2", svgNumber(x)),
          ("y2", svgNumber(plot.maxY)), ("stroke", color), ("stroke-width", "1"),
          ("stroke-dasharray", "4,3"),
        ])
      let width = textWidth(mark.label, size: Self.markerFont)
      let start = x + 4 + width <= plot.maxX ? x + 4 : x - 4 - width
      guard let row = rowEnds.indices.first(where: { rowEnds[$0] < start }) else { continue }
      rowEnds[row] = start + width + 4
      svg.element(
        "text",
        [
          ("class", "change-label"), ("x", svgNumber(start)),
          ("y", svgNumber(plot.y + 12 + Double(row) * (Self.markerFont + 3))),
          ("fill", Palette.darker(color)),
        ], text: mark.label)
    }
    svg.close("g")
  }

  private func drawXAxis(into svg: inout SVGWriter) {
    let y0 = plot.maxY
    svg.open(
      "g",
      [
        ("class", "axis x-axis"), ("font-size", svgNumber(Self.tickFont)), ("fill", Self.textColor),
        ("stroke", Self.axisColor), ("text-anchor", "middle"),
      ])
    svg.element(
      "line",
      [
        ("class", "axis-line"), ("x1", svgNumber(plot.x)), ("y1", svgNumber(y0)),
        ("x2", svgNumber(plot.maxX)),
      ]
        + [("y2", svgNumber(y0))])
    for (t, label) in zip(xAxis.ticks, xAxis.labels) {
      let x = svgNumber(pixel(Point(x: t, y: yAxis.lower)).x)
      svg.element(
        "line",
        [("class", "tick-mark"), ("x1", x), ("y1", svgNumber(y0)), ("x2", x), ("y2", svgNumber(y0 + 5))])
      svg.element(
        "text", [("class", "tick-label"), ("x", x), ("y", svgNumber(y0 + 19)), ("stroke", "none")],
        text: label)
    }
    svg.element(
      "text",
      [
        ("class", "axis-title"), ("x", svgNumber(plot.midX)), ("y", svgNumber(y0 + 38)), ("font-size", "13"),
        ("stroke", "none"),
      ], text: xAxisTitle)
    svg.close("g")
  }

  private func drawYAxis(into svg: inout SVGWriter) {
    let x0 = plot.x
    svg.open(
      "g",
      [
        ("class", "axis y-axis"), ("font-size", svgNumber(Self.tickFont)), ("fill", Self.textColor),
        ("stroke", Self.axisColor), ("text-anchor", "end"),
      ])
    svg.element(
      "line",
      [("class", "axis-line"), ("x1", svgNumber(x0)), ("y1", svgNumber(plot.y)), ("x2", svgNumber(x0))]
        + [("y2", svgNumber(plot.maxY))])
    for (t, label) in zip(yAxis.ticks, yAxis.labels) {
      let y = pixel(Point(x: xAxis.lower, y: t)).y
      svg.element(
        "line",
        [("class", "tick-mark"), ("x1", svgNumber(x0 - 5)), ("y1", svgNumber(y)), ("x2", svgNumber(x0))]
          + [("y2", svgNumber(y))])
      svg.element(
        "text",
        [("class", "tick-label"), ("x", svgNumber(x0 - 8)), ("y", svgNumber(y + 4)), ("stroke", "none")],
        text: label)
    }
    let titleX = svgNumber(plot.x - 22 - (yAxis.labels.map { textWidth($0, size: Self.tickFont) }.max() ?? 0))
    let titleY = svgNumber(plot.midY)
    svg.element(
      "text",
      [
        ("class", "axis-title"), ("x", titleX), ("y", titleY), ("font-size", "13"), ("stroke", "none"),
        ("text-anchor", "middle"), ("transform", "rotate(-90 \(titleX) \(titleY))"),
      ], text: spec.name + (yAxis.isLog ? " (log scale)" : ""))
    svg.close("g")
  }

  /// One `<path>` per series; each visible stretch is a subpath (`M x,y L x,y …`), so a gap in the
  /// data is a gap in the line. A stretch of one point is also drawn as a dot.
  private func drawLines(into svg: inout SVGWriter) {
    svg.open(
      "g",
      [("class", "lines"), ("fill", "none"), ("stroke-width", "2"), ("stroke-linejoin", "round")])
    for line in lines {
      let parts = stretches(line)
      let d = parts.map { part in
        part.enumerated().map { i, p in (i == 0 ? "M" : "L") + svgNumber(p.x) + "," + svgNumber(p.y) }
          .joined(separator: " ")
      }.joined(separator: " ")
      let color = Palette.color(line.runIndex)
      var attributes = [
        ("class", "line " + (line.isValidation ? "validation" : "train")), ("data-run", line.runLabel),
        ("data-series", line.metric), ("stroke", color), ("d", d),
      ]
      attributes += line.isValidation ? [("stroke-dasharray", "7 4")] : [("stroke-linecap", "round")]
      svg.element("path", attributes)
      for part in parts where part.count == 1 {
        svg.element(
          "circle",
          [("class", "dot"), ("cx", svgNumber(part[0].x)), ("cy", svgNumber(part[0].y)), ("r", "2")]
            + [("fill", color), ("stroke", "none")])
      }
    }
    svg.close("g")
  }

  private func drawMarkers(into svg: inout SVGWriter) {
    guard !markers.isEmpty else { return }
    svg.open("g", [("class", "best-markers"), ("font-size", svgNumber(Self.markerFont))])
    for m in markers {
      let color = Palette.color(m.runIndex)
      svg.open("g", [("class", "best-marker"), ("data-run", m.runLabel), ("data-epoch", svgNumber(m.x))])
      if let (from, to) = leader(m) {
        svg.element(
          "line",
          [
            ("x1", svgNumber(from.x)), ("y1", svgNumber(from.y)), ("x2", svgNumber(to.x)),
            ("y2", svgNumber(to.y)),
          ]
            + [("stroke", color), ("stroke-width", "0.8")])
      }
      svg.element(
        "circle",
        [("cx", svgNumber(m.center.x)), ("cy", svgNumber(m.center.y)), ("r", "4.5"), ("fill", "white")]
          + [("stroke", color), ("stroke-width", "2")])
      svg.element(
        "text",
        [
          ("x", svgNumber(m.labelBox.x)), ("y", svgNumber(m.labelBox.y + Self.markerFont * 0.82)),
          ("fill", Palette.darker(color)), ("stroke", "white"), ("stroke-width", "3"),
          ("paint-order", "stroke"), ("stroke-linejoin", "round"),
        ], text: m.label)
      svg.close("g")
    }
    svg.close("g")
  }

  /// A thin line from the marker to its label when crowding pushed the label away (over 14 units
  /// from the marker's centre), so the label still reads as the marker's.
  private func leader(_ m: BestMarker) -> (Point, Point)? {
    let box = m.labelBox.insetBy(-2)
    let to = Point(x: min(max(m.center.x, box.x), box.maxX), y: min(max(m.center.y, box.y), box.maxY))
    let (dx, dy) = (to.x - m.center.x, to.y - m.center.y)
    let distance = (dx * dx + dy * dy).squareRoot()
    guard distance > 14 else { return nil }
    let from = Point(x: m.center.x + dx / distance * 6, y: m.center.y + dy / distance * 6)
    return (from, to)
  }
}
