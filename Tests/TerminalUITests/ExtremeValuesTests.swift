import Testing

@testable import TerminalUI

/// Logs come from other programs: any finite double may reach a chart. Values near
/// ±Double.greatestFiniteMagnitude made spans, padding and tick steps infinite, and an infinite
/// or NaN position trapped when it became a dot index.
@Suite struct ExtremeValuesTests {
  /// The smallest subnormal (4.9e-324); its multiples are written this way because a literal
  /// below 2.2e-308 draws a precision warning.
  static let tiny = Double.leastNonzeroMagnitude
  static let extremes: [[Double]] = [
    [1.7e308, 0.5, 3], [-1.7e308, 1.7e308], [.greatestFiniteMagnitude, -.greatestFiniteMagnitude],
    [3e38, -3e38, 1], [tiny * 2000, tiny * 4000, tiny], [tiny, 0], [-1e308, -1e308],
  ]

  func render(_ chart: LineChart) -> Buffer {
    var buffer = Buffer(width: 40, height: 12)
    chart.render(in: buffer.area, into: &buffer)
    return buffer
  }

  @Test("extreme y values draw a curve, on linear and log axes, in braille and ASCII", arguments: extremes)
  func extremeYValues(values: [Double]) {
    for scale in [AxisScale.linear, .log] where scale == .linear || values.contains(where: { $0 > 0 }) {
      for mode in [CanvasMode.braille, .ascii] {
        let lines = render(
          LineChart(series: [Series(name: "a", values: values)], yAxis: Axis(scale: scale), mode: mode)
        ).lines
        let plotted = lines.dropFirst().joined().unicodeScalars.contains {
          mode == .ascii ? $0 == "*" : ($0.value > 0x2800 && $0.value <= 0x28FF)
        }
        #expect(plotted, "\(values) \(scale) \(mode)")
      }
    }
  }

  @Test("extreme x values (a log's step column) draw too", arguments: extremes)
  func extremeXValues(values: [Double]) {
    let points = values.enumerated().map { (x: $1, y: Double($0)) }
    let lines = render(LineChart(series: [Series(name: "a", points: points)], mode: .ascii)).lines
    #expect(lines.dropFirst().joined().contains("*"))
  }

  @Test func hugeTickLabelsAreShortScientificNumbers() {
    #expect(
      NiceTicks.labels(for: [0, 5.000000000000001e299, 1.0000000000000002e300]) == ["0", "5e299", "1e300"])
    #expect(NiceTicks.labels(for: [-1.5e300, 0]) == ["-1.5e300", "0"])
    #expect(NiceTicks.labels(for: [1.5e-300]) == ["1.5e-300"])
    let lines = render(LineChart(series: [Series(name: "a", values: [1.7e308, 0.5])], mode: .ascii)).lines
    #expect(lines.contains { $0.hasPrefix("1e300+") })
  }

  @Test func decimationKeepsTheExtremesOfAHugeXSpan() {
    let points = (0..<1000).map { (x: $0 == 999 ? 1.7e308 : -1.7e308 + Double($0), y: Double($0 % 7)) }
    let kept = Decimation.minMax(points, buckets: 10)
    #expect(kept.count <= 20)
    #expect(kept.contains { $0.x == 1.7e308 })
  }
}
