import Testing

@testable import TerminalUI

@Suite struct LineChartTests {
  func render(_ chart: LineChart, width: Int = 30, height: Int = 8) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    chart.render(in: buffer.area, into: &buffer)
    return buffer
  }

  @Test func emptySeriesShowsNoData() {
    let lines = render(LineChart(series: [Series(name: "loss", points: [])])).lines
    #expect(lines.contains { $0.contains("no data") })
  }

  @Test func nonFinitePointsAreSkipped() {
    let clean = Series(name: "a", points: [(1, 1), (3, 3)])
    let dirty = Series(name: "a", points: [(1, 1), (2, .nan), (2.5, .infinity), (.nan, 2), (3, 3)])
    #expect(render(LineChart(series: [dirty])) == render(LineChart(series: [clean])))
  }

  @Test func singlePointAndConstantSeriesRender() {
    let single = render(LineChart(series: [Series(name: "a", points: [(1, 0.5)])], legend: .hidden))
    #expect(single.lines.joined().unicodeScalars.contains { $0.value >= 0x2801 && $0.value <= 0x28FF })
    let constant = render(LineChart(series: [Series(name: "a", values: [2, 2, 2])], legend: .hidden))
    #expect(constant.lines.contains { $0.hasPrefix("2.0┤") })
  }

  @Test func smallChartLayout() {
    let chart = LineChart(
      series: [Series(name: "loss", values: [1.0, 0.5, 0.25], value: "0.25")],
      xAxis: Axis(integerTicks: true), mode: .ascii)
    #expect(
      render(chart, width: 24, height: 8).lines
        == [
          "           -*- loss 0.25",
          "1.0+***                 ",
          "   |   *****            ",
          "0.5+        *******     ",
          "   |               *****",
          "0.0+                    ",
          "   ++---------+--------+",
          "    1         2        3",
        ].map { $0.padding(toLength: 24, withPad: " ", startingAt: 0) })
  }

  @Test func logScaleSkipsNonPositiveValues() {
    let chart = LineChart(
      series: [Series(name: "loss", values: [10, 1, 0.1, 0, -1])], yAxis: Axis(scale: .log), legend: .hidden)
    let lines = render(chart, width: 30, height: 10).lines
    #expect(lines[0].hasPrefix(" 10┤⠢⢄⡀"))
    #expect(lines.contains { $0.hasPrefix("  1┤") })
    #expect(lines[7].hasPrefix("0.1┤"))
    #expect(lines[9].hasPrefix("   1.0   1.5"))  // x spans only the plottable points (x 1…3)
  }

  @Test func theBestEpochMarkerSitsAboveItsTickLabel() {
    let buffer = TrainingCurves.screen(width: 80, height: 24, mode: .braille)
    let lines = buffer.lines.map { Array($0.unicodeScalars) }
    let markerRow = lines.indices.dropFirst(2).first { lines[$0].contains("◆") }!  // row 1 is the legend
    let markerColumn = lines[markerRow].firstIndex(of: "◆")!
    let axisRow = lines.firstIndex { $0.contains("└") && $0.contains("┬") }!
    #expect(lines[axisRow][markerColumn] == "┬")
    #expect(lines[axisRow + 1][markerColumn] == "7")
    // No point of the validation curve is drawn below the marker's row.
    #expect(markerRow > lines.firstIndex { String(String.UnicodeScalarView($0)).hasPrefix("│0.4┤") }!)
  }

  @Test func explicitBoundsClipTheData() {
    let chart = LineChart(
      series: [Series(name: "a", points: [(0, -100), (10, 100)])],
      xAxis: Axis(bounds: 0...10), yAxis: Axis(bounds: 0...1), legend: .hidden)
    let buffer = render(chart, width: 20, height: 6)
    #expect(buffer.lines[0].hasPrefix("1.0┤"))
    #expect(buffer.lines.allSatisfy { $0.count == 20 })
  }

  @Test func longSeriesAreDecimated() {
    let values = (0..<20_000).map { 1 / Double($0 + 1) }
    let chart = LineChart(series: [Series(name: "batch loss", values: values)], legend: .hidden)
    let buffer = render(chart, width: 40, height: 10)
    #expect(buffer.lines[0].hasPrefix("1.0┤"))
  }

  @Test func dimmedSeriesAreDrawnFirst() {
    let old = Series(name: "old", points: [(0, 0), (1, 1)], style: Style(foreground: .red), dimmed: true)
    let new = Series(name: "new", points: [(0, 0), (1, 1)], style: Style(foreground: .green))
    let buffer = render(LineChart(series: [new, old], legend: .hidden))
    let colours = Set(
      buffer.cells.filter { $0.character.value > 0x2800 && $0.character.value <= 0x28FF }
        .map(\.style.foreground))
    #expect(colours == [.green])
  }

  @Test func legendOnTop() {
    let chart = LineChart(
      series: [
        Series(name: "train", values: [1, 2], value: "2.0"),
        Series(name: "val", values: [2, 1], pattern: .dotted),
      ], yAxis: Axis(title: "loss"))
    #expect(render(chart, width: 30).lines[0] == "loss      ── train 2.0  ┈┈ val")
  }

  @Test func thickLinesSetMoreDots() {
    func dots(_ thick: Bool) -> Int {
      let chart = LineChart(series: [Series(name: "a", values: [3, 1, 2])], legend: .hidden, thick: thick)
      return render(chart).cells.reduce(0) { total, cell in
        let v = cell.character.value
        return total + (v > 0x2800 && v <= 0x28FF ? (v - 0x2800).nonzeroBitCount : 0)
      }
    }
    #expect(dots(true) > 2 * dots(false))
  }

  @Test func legendWrapsOntoTwoRowsOnTallCharts() {
    let chart = LineChart(
      series: [
        Series(name: "train loss", values: [1, 2], value: "2.000"),
        Series(name: "validation loss", values: [2, 1], value: "1.000"),
      ])
    let lines = render(chart, width: 30, height: 16).lines
    #expect(lines[0] == "           ── train loss 2.000")
    #expect(lines[1] == "      ── validation loss 1.000")
  }

  @Test func legendKeepsWholeEntriesOnShortCharts() {
    let chart = LineChart(
      series: [
        Series(name: "train loss", values: [1, 2], value: "2.000"),
        Series(name: "validation loss", values: [2, 1], value: "1.000"),
      ])
    #expect(render(chart, width: 30, height: 8).lines[0] == "           ── train loss 2.000")
  }
}
