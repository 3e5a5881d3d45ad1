import NeuralEngine
import TerminalUI

/// NNDL chapter 5's speed of learning: per layer, the epoch's mean ‖∂C/∂bˡ‖, on a log scale. In
/// a deep sigmoid network the early layers' curves sit far below the later ones: the vanishing
/// gradient problem, which ReLU or He initialization cures.
struct SpeedView: Widget {
  var run: RunRecord
  var theme: Theme

  static let colors: [Color] = [.cyan, .yellow, .green, .magenta, .blue, .red, .white]

  func render(in area: Rect, into buffer: inout Buffer) {
    let epochs = run.epochs.filter { !$0.gradientNorms.isEmpty }
    guard let layers = epochs.first?.gradientNorms.count, layers > 0 else {
      panelMessage(
        "The gradient norms arrive with the first epoch's end.", in: area, theme: theme, into: &buffer)
      return
    }
    let series = (0..<layers).map { l in
      let name = l == layers - 1 ? "output" : "layer \(l + 1)"
      return Series(
        name: name,
        points: epochs.compactMap { e in
          l < e.gradientNorms.count ? (Double(e.epoch + 1), e.gradientNorms[l]) : nil
        },
        style: theme.color ? Style.plain.fg(Self.colors[l % Self.colors.count]) : .plain,
        pattern: l % 2 == 0 ? .solid : .dotted,
        symbol: Unicode.Scalar(UInt8(ascii: "1") &+ UInt8(min(l, 8))))
    }
    let chart = LineChart(
      series: series, xAxis: Axis(title: "epoch", integerTicks: true),
      yAxis: Axis(title: "‖∂C/∂b‖", scale: .log), mode: theme.ascii ? .ascii : .braille, legend: .top,
      axisStyle: theme.dim)
    chart.render(in: area, into: &buffer)
  }
}
