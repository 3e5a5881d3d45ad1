import Foundation
import NeuralEngine
import TerminalUI

/// The Loss and Accuracy charts of the current run, side by side (stacked when narrow), with
/// earlier runs dimmed underneath when the overlay is on.
struct ChartsView: Widget {
  var state: DashboardState
  var theme: Theme

  /// Below this width the two charts are stacked.
  static let sideBySideWidth = 80

  func render(in area: Rect, into buffer: inout Buffer) {
    let direction: Direction = area.width >= Self.sideBySideWidth ? .horizontal : .vertical
    let slots = area.split(direction, [.fill, .fill])
    render(.loss, in: slots[0], into: &buffer)
    render(.accuracy, in: slots[1], into: &buffer)
  }

  enum Kind { case loss, accuracy }

  private func render(_ kind: Kind, in area: Rect, into buffer: inout Buffer) {
    var title = kind == .loss ? "Loss" : "Accuracy"
    if let shown = state.chartedRun, shown.id != state.currentRun?.id { title += " of run \(shown.label)" }
    ChartPanel(
      title: title, content: ChartContent(state: state, kind: kind, theme: theme),
      logScale: kind == .loss && state.logScaleLoss,
      smoothed: state.smoothing && state.chartedRun?.storedID == nil, theme: theme
    ).render(in: area, into: &buffer)
  }
}

/// One framed chart: the title and current values on the top border, the best marker and the
/// display flags on the bottom border, the plot inside. Shared by the dashboard and `watch`.
///
/// The frame carries the chart's words, so the plot gets every inner row:
/// `┌─ Loss ──── ── train 0.21  ┈┈ val 0.28 ─┐` on top, `└─ ◆ best 0.28 @4 ──── smoothed ─┘` below.
struct ChartPanel: Widget {
  var title: String
  var content: ChartContent
  /// A log-scale y axis (shown as "log" on the bottom border).
  var logScale: Bool
  /// Whether the curves are smoothed (shown as "smoothed" on the bottom border).
  var smoothed: Bool
  var theme: Theme
  var xTitle = "epoch"

  func render(in area: Rect, into buffer: inout Buffer) {
    let block = Block(title: title, ascii: theme.ascii)
    block.render(in: area, into: &buffer)
    let inner = block.inner(area)
    guard inner.height >= 3, inner.width >= 10 else { return }

    let topRoom = area.width - title.count - 6
    // Four decimals two spaces apart when both series fit, else three decimals one space apart.
    let full = content.topLegend.reduce(0) { $0 + $1.reduce(0) { $0 + $1.width } + 2 } - 2
    let compact = content.compactTopLegend.reduce(0) { $0 + $1.reduce(0) { $0 + $1.width } + 1 } - 1
    var plotArea = inner
    if full <= topRoom - 2 {
      drawOnBorder(
        content.legend(content.topLegend, width: topRoom - 2), rightAlignedIn: area, y: area.top,
        into: &buffer)
    } else if compact <= topRoom - 2 || inner.height < 6 {
      let legend = content.legend(content.compactTopLegend, width: topRoom - 2, gap: 1)
      drawOnBorder(legend, rightAlignedIn: area, y: area.top, into: &buffer)
    } else {
      // Too narrow for the frame: the legend takes the plot's first row instead.
      let legend = content.legend(content.compactTopLegend, width: inner.width, gap: 1)
      let width = legend.reduce(0) { $0 + $1.width }
      drawSpans(legend, x: inner.right - width, y: inner.top, in: inner, into: &buffer)
      plotArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
    }
    var flags: [String] = []
    if logScale { flags.append("log") }
    if smoothed { flags.append("smoothed") }
    let flagSpans = flags.isEmpty ? [] : [Span(flags.joined(separator: ", "), style: theme.dim)]
    let flagWidth = flagSpans.isEmpty ? 0 : flagSpans[0].width + 3
    let bottomLegend = content.legend(content.bottomLegend, width: area.width - 6 - flagWidth)
    if !bottomLegend.isEmpty {
      drawSpans(
        [Span(" ")] + bottomLegend + [Span(" ")], x: area.left + 2, y: area.bottom - 1, in: area,
        into: &buffer)
    }
    drawOnBorder(flagSpans, rightAlignedIn: area, y: area.bottom - 1, into: &buffer)

    let chart = LineChart(
      series: content.series, markers: content.markers, marks: content.marks,
      xAxis: Axis(title: xTitle, bounds: content.xBounds, integerTicks: true),
      yAxis: Axis(scale: logScale ? .log : .linear),
      mode: theme.ascii ? .ascii : .braille, legend: .hidden, axisStyle: theme.dim, yFocus: content.yFocus)
    chart.render(in: plotArea, into: &buffer)
  }

  /// Draws ` spans ` ending two columns before the right corner of `area` on row `y`.
  private func drawOnBorder(_ spans: [Span], rightAlignedIn area: Rect, y: Int, into buffer: inout Buffer) {
    guard !spans.isEmpty else { return }
    let width = spans.reduce(0) { $0 + $1.width } + 2
    drawSpans([Span(" ")] + spans + [Span(" ")], x: area.right - 2 - width, y: y, in: area, into: &buffer)
  }
}

/// The series, markers and legend of one chart, computed from the state.
struct ChartContent {
  var series: [Series] = []
  var markers: [Marker] = []
  /// Settings changed mid-run: a thin line and a label (`lr 0.5→0.05`) where each applied.
  var marks: [VerticalMark] = []
  /// The values the y axis is fitted to (see ``LineChart/yFocus``); nil fits every point.
  var yFocus: [Double]?
  var xBounds: ClosedRange<Double>?
  /// Legend entries for the top border (series) and the bottom border (best marker, overlay).
  private(set) var topLegend: [[Span]] = []
  private(set) var compactTopLegend: [[Span]] = []
  private(set) var bottomLegend: [[Span]] = []

  /// A chart's content built by the caller (e.g. `watch`, from logs rather than a run).
  init(
    series: [Series], markers: [Marker], xBounds: ClosedRange<Double>?, topLegend: [[Span]],
    compactTopLegend: [[Span]], bottomLegend: [[Span]], yFocus: [Double]? = nil
  ) {
    self.series = series
    self.markers = markers
    self.xBounds = xBounds
    self.yFocus = yFocus
    self.topLegend = topLegend
    self.compactTopLegend = compactTopLegend
    self.bottomLegend = bottomLegend
  }

  init(state: DashboardState, kind: ChartsView.Kind, theme: Theme) {
    guard let run = state.chartedRun else { return }
    let value: (EpochMetrics) -> (train: Double, val: Double) =
      kind == .loss ? { ($0.loss, $0.valLoss) } : { ($0.accuracy, $0.valAccuracy) }
    let batchValue: (BatchPoint) -> Double = kind == .loss ? { $0.loss } : { $0.accuracy }

    // Earlier runs first, dimmed: their epoch curves only.
    let earlier = state.overlaidRuns(under: run)
    for old in earlier {
      series.append(
        Series(
          name: "run \(old.label)", points: old.epochs.map { (Double($0.epoch + 1), value($0).train) },
          style: theme.train, dimmed: true, symbol: "."))
      series.append(
        Series(
          name: "run \(old.label) val", points: old.epochs.map { (Double($0.epoch + 1), value($0).val) },
          style: theme.validation, pattern: .dotted, dimmed: true, symbol: "."))
    }

    // Train: batch-level running means, each epoch ending on its exact value (see RunRecord).
    let train = run.batchPoints.map { (x: $0.x, y: batchValue($0)) }
    // Stored runs have epoch values only: nothing to smooth.
    if state.smoothing && train.count > 2 && run.storedID == nil {
      let smoothed = Smoothing.smooth(train.map(\.y), weight: DashboardState.smoothingWeight)
      series.append(Series(name: "raw", points: train, style: theme.train, dimmed: true, symbol: "."))
      series.append(
        Series(
          name: "train", points: zip(train, smoothed).map { ($0.x, $1) }, style: theme.train, symbol: "*"))
    } else {
      series.append(Series(name: "train", points: train, style: theme.train, symbol: "*"))
    }
    let val = run.epochs.map { (x: Double($0.epoch + 1), y: value($0).val) }
    series.append(Series(name: "val", points: val, style: theme.validation, pattern: .dotted, symbol: "o"))

    let best = kind == .loss ? run.bestLossEpoch : run.bestAccuracyEpoch
    if let best {
      markers.append(
        Marker(
          x: Double(best.epoch + 1), y: value(best).val, style: theme.marker, guide: true))
    }
    let batches = run.info?.batchesPerEpoch ?? 1
    marks = run.changes.map { change in
      VerticalMark(
        x: change.position(batchesPerEpoch: batches), label: theme.changeLabel(change),
        style: theme.changeMark)
    }
    // Early stopping: a guide at the epoch after which the run stopped.
    let stoppedEpoch = run.summary?.earlyStoppedEpoch.flatMap { e in run.epochs.first { $0.epoch == e } }
    if let stopped = stoppedEpoch {
      markers.append(
        Marker(
          x: Double(stopped.epoch + 1), y: value(stopped).val, symbol: "✕", asciiSymbol: "x",
          style: theme.notice,
          guide: true))
    }
    // The x axis grows with the run (see `Self.growingUpper`); earlier runs keep their length.
    let upper =
      (earlier + [run]).map { r in
        r.phase.isActive
          ? Self.growingUpper(progress: r.progressEpochs, planned: r.currentSettings.epochs)
          : Double(r.epochCount)
      }.max() ?? 1
    xBounds = 0...max(1, upper, run.progressEpochs)

    // The robust y range: the epoch values (every run shown) and the current epoch's batches,
    // not the first batches' spike.
    if state.robustRange && !run.epochs.isEmpty {
      var focus = (earlier + [run]).flatMap { r in r.epochs.flatMap { [value($0).train, value($0).val] } }
      let current = Double(run.epochCount)  // all epochs trained, not those kept after thinning
      focus += run.batchPoints.filter { $0.x > current }.map(batchValue)
      yFocus = focus
    }

    // Legend: current values.
    let currentTrain =
      run.lastBatch.map { kind == .loss ? $0.loss : $0.accuracy } ?? run.epochs.last.map { value($0).train }
    for decimals in [4, 3] {
      let entries = [
        [
          Span(theme.solidSample, style: theme.train),
          Span(" train" + (currentTrain.map { " " + metric($0, decimals: decimals) } ?? "")),
        ],
        [
          Span(theme.dottedSample, style: theme.validation),
          Span(" val" + (run.epochs.last.map { " " + metric(value($0).val, decimals: decimals) } ?? "")),
        ],
      ]
      if decimals == 4 { topLegend = entries } else { compactTopLegend = entries }
    }
    if let best {
      bottomLegend.append([
        Span(theme.markerSymbol, style: theme.marker),
        Span(" best \(metric(value(best).val)) @\(best.epoch + 1)"),
      ])
    }
    if let stopped = stoppedEpoch {
      bottomLegend.append([
        Span(theme.ascii ? "x" : "✕", style: theme.notice), Span(" early stop @\(stopped.epoch + 1)"),
      ])
    }
    if !earlier.isEmpty {
      let ids = earlier.map(\.label)
      let label = ids.count == 1 ? "run \(ids[0])" : "runs " + ids.joined(separator: ",")
      bottomLegend.append([
        Span("dim: \(label)", style: theme.dim)
      ])
    }
  }

  /// The end of a training run's x axis: the next of 5, 10, 20, 50, 100, 200, 500… epochs with
  /// at least 10 % headroom over `progress`, never past the `planned` epochs. The axis grows
  /// with the run in a few steps, rather than spanning all 300 planned epochs from the start
  /// (which put the first ones in a few columns) or moving at every epoch.
  static func growingUpper(progress: Double, planned: Int) -> Double {
    let wanted = max(progress * 1.1, progress + 1)
    var upper = 5.0
    while upper < wanted {
      let decade = pow(10, floor(log10(upper)))
      let mantissa = (upper / decade).rounded()
      upper = mantissa < 2 ? 2 * decade : mantissa < 5 ? 5 * decade : 10 * decade
    }
    return min(Double(max(planned, 1)), upper)
  }

  /// As many legend entries as fit in `width`, two spaces apart.
  func legend(_ entries: [[Span]], width: Int, gap: Int = 2) -> [Span] {
    var out: [Span] = []
    var used = 0
    for entry in entries {
      let w = entry.reduce(0) { $0 + $1.width } + (out.isEmpty ? 0 : gap)
      guard used + w <= width else { break }
      if !out.isEmpty { out.append(Span(String(repeating: " ", count: gap))) }
      out += entry
      used += w
    }
    return out
  }
}
