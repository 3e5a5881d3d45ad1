import SnapshotSupport
import Testing

@testable import TerminalUI

/// Ten epochs of a Fashion-MNIST MLP: training loss keeps falling, validation loss bottoms out at
/// epoch 7 and then rises (the overfitting a teacher wants to show).
enum TrainingCurves {
  static let train = [0.62, 0.43, 0.38, 0.35, 0.33, 0.31, 0.29, 0.28, 0.265, 0.25]
  static let validation = [0.47, 0.41, 0.39, 0.37, 0.36, 0.35, 0.34, 0.345, 0.352, 0.361]
  static let bestEpoch = 7

  static func chart(mode: CanvasMode, legend: LegendPosition = .top) -> LineChart {
    LineChart(
      series: [
        Series(
          name: "train", values: train, style: Style(foreground: .cyan), symbol: "*", value: "0.250"),
        Series(
          name: "val", values: validation, style: Style(foreground: .yellow), pattern: .dotted, symbol: "o",
          value: "0.361"),
      ],
      markers: [Marker(x: Double(bestEpoch), y: validation[bestEpoch - 1], label: "best 0.340")],
      xAxis: Axis(title: "epoch", integerTicks: true),
      yAxis: Axis(title: "loss"),
      mode: mode, legend: legend)
  }

  /// The chart inside a titled block filling a `width` × `height` screen.
  static func screen(width: Int, height: Int, mode: CanvasMode, legend: LegendPosition = .top) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    let block = Block(title: "Loss", rightTitle: "epoch 10/10", ascii: mode == .ascii)
    block.render(in: buffer.area, into: &buffer)
    chart(mode: mode, legend: legend).render(in: block.inner(buffer.area), into: &buffer)
    return buffer
  }
}

@Suite struct LineChartSnapshotTests {
  @Test func braille80x24() {
    assertSnapshot(
      TrainingCurves.screen(width: 80, height: 24, mode: .braille), named: "linechart-braille-80x24")
  }

  @Test func ascii80x24() {
    assertSnapshot(TrainingCurves.screen(width: 80, height: 24, mode: .ascii), named: "linechart-ascii-80x24")
  }

  @Test func braille120x40() {
    assertSnapshot(
      TrainingCurves.screen(width: 120, height: 40, mode: .braille, legend: .topRight),
      named: "linechart-braille-120x40")
  }

  @Test func ascii120x40() {
    assertSnapshot(
      TrainingCurves.screen(width: 120, height: 40, mode: .ascii), named: "linechart-ascii-120x40")
  }

  @Test func braille38x10() {
    assertSnapshot(
      TrainingCurves.screen(width: 38, height: 10, mode: .braille), named: "linechart-braille-38x10")
  }

  @Test func ascii38x10() {
    assertSnapshot(TrainingCurves.screen(width: 38, height: 10, mode: .ascii), named: "linechart-ascii-38x10")
  }
}
