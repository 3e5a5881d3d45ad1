import TerminalUI
import TrainingRuns

/// What the x values of the runs' logs are.
public enum FigureXAxis: Sendable {
  /// 0-based epochs (Keras `CSVLogger`, our `metrics.csv`), shown 1-based as Keras's progress
  /// output counts them ("Epoch 1/30"), so the last point of a 30-epoch run sits at 30.
  case epochs
  /// Step numbers (JSON-lines logs with `step`), shown as they are.
  case steps
}

/// A training-curves figure as SVG text: one panel per metric, side by side, each with every run's
/// train series (solid) and validation series (dashed) in the run's colour.
///
/// A pure function of its inputs: the same runs give byte-identical SVG. The figure is a fixed
/// 500 × 420 user units per panel (1000 × 420 for Loss and Accuracy), uses only `sans-serif`, and
/// needs no external resources, so it opens the same in a browser, `rsvg-convert` or a report.
///
/// Each panel has nice ticks (``TerminalUI/NiceTicks``, as the terminal chart), light grid lines,
/// axis titles ("epoch", the metric's name) and, per run, a marker with a label at the best
/// validation epoch (lowest for loss-like metrics, highest for accuracy-like ones; the first on ties).
/// Non-finite values (NaN, ±inf; also ≤ 0 on a log axis) are skipped and break the line there.
/// The legend sits below the panels, never over the data.
public struct SVGFigure: Sendable {
  public var runs: [FigureRun]
  /// The panels' metric pairs; see `init`.
  public var metrics: [(train: String?, validation: String?)]
  public var title: String?
  /// Draws loss-like panels (loss, mae, mse, …) on a log y axis when they have positive values.
  public var logScaleLoss: Bool
  public var xAxis: FigureXAxis
  /// A confusion matrix and mistakes under the curves (`export --insight`).
  public var handout: Handout?

  /// Width of one panel's column and height of the figure, in SVG user units.
  public static let panelWidth = 500.0
  public static let height = 420.0

  /// - Parameters:
  ///   - metrics: the panels, left to right, as (train, validation) column names, e.g.
  ///     `[("mae", "val_mae")]`; either may be nil. Nil picks the loss and accuracy pairs the runs'
  ///     logs have (loss first), or failing those every metric with a validation series
  ///     (see ``TrainingRuns/MetricLog/metricPairs``).
  public init(
    runs: [FigureRun], metrics: [(train: String?, validation: String?)]? = nil, title: String? = nil,
    logScaleLoss: Bool = false, xAxis: FigureXAxis = .epochs
  ) {
    self.runs = runs
    self.metrics = metrics ?? PanelSpec.defaults(for: runs).map { ($0.train, $0.validation) }
    self.title = title
    self.logScaleLoss = logScaleLoss
    self.xAxis = xAxis
  }

  /// The figure's width in SVG user units: one `panelWidth` per panel.
  public var width: Double { Self.panelWidth * Double(max(1, metrics.count)) }

  /// The SVG document, starting with an XML declaration.
  public func render() -> String {
    var specs = metrics.map { PanelSpec(train: $0.train, validation: $0.validation) }
    if specs.isEmpty { specs = [PanelSpec(train: nil, validation: nil)] }
    let width = width
    let height = Self.height + (handout == nil ? 0 : Handout.height)
    let axisTitle = xAxis == .epochs ? "epoch" : "step"

    let linesPerPanel = specs.map(lines(for:))
    let xs =
      linesPerPanel.joined().flatMap { $0.points.filter { $0.y.isFinite }.map(\.x) }
      + (xAxis == .epochs ? runs.flatMap { $0.marks.map(\.x) } : [])
    let xScale = FigureAxis.wholeNumbers(lower: xs.min() ?? 1, upper: xs.max() ?? 1)

    let titleBand = title == nil ? 0.0 : 34
    let panelsShowMarker = specs.contains { spec in spec.goal != .none && spec.validation != nil }
    let legend = Legend(runLabels: runs.map(\.label), showsMarker: panelsShowMarker, width: width)
    let legendTop = Self.height - 10 - legend.height
    let panels = zip(specs, linesPerPanel).enumerated().map { i, panel in
      PanelDrawing(
        spec: panel.0, lines: panel.1, xAxis: xScale, xAxisTitle: axisTitle,
        marks: xAxis == .epochs
          ? runs.enumerated().flatMap { r, run in run.marks.map { (runIndex: r, mark: $0) } } : [],
        logScale: logScaleLoss && panel.0.goal == .minimize,
        cell: Box(
          x: Double(i) * Self.panelWidth, y: titleBand, width: Self.panelWidth,
          height: legendTop - 8 - titleBand))
    }

    var svg = SVGWriter()
    svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
    svg.open(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("width", svgNumber(width)), ("height", svgNumber(height)),
        ("viewBox", "0 0 \(svgNumber(width)) \(svgNumber(height))"), ("font-family", "sans-serif"),
      ])
    svg.element("title", [], text: title ?? "Training curves: " + specs.map(\.title).joined(separator: ", "))
    svg.element("rect", [("class", "background"), ("width", "100%"), ("height", "100%"), ("fill", "white")])
    if let title {
      svg.element(
        "text",
        [
          ("class", "figure-title"), ("x", svgNumber(width / 2)), ("y", "26"), ("text-anchor", "middle"),
          ("font-size", "18"), ("font-weight", "bold"), ("fill", PanelDrawing.textColor),
        ], text: title)
    }
    for panel in panels { panel.draw(into: &svg) }
    legend.draw(into: &svg, top: legendTop)
    handout?.draw(into: &svg, top: Self.height, width: width)
    svg.close("svg")
    return svg.text
  }

  /// Every run's series for a panel, train before validation, in display x.
  private func lines(for spec: PanelSpec) -> [SeriesLine] {
    runs.enumerated().flatMap { i, run in
      [(spec.train, false), (spec.validation, true)].compactMap { name, isValidation -> SeriesLine? in
        guard let name,
          run.log.metricNames.contains(name) || run.log.rows.contains(where: { $0.values[name] != nil })
        else { return nil }
        // Clamped as the terminal charts clamp (see PlotRange): the axes' arithmetic stays finite.
        let points = run.log.series(name).map {
          Point(x: PlotRange.clamped(xAxis == .epochs ? $0.x + 1 : $0.x), y: PlotRange.clamped($0.y))
        }
        return SeriesLine(
          runIndex: i, runLabel: run.label, metric: name, isValidation: isValidation, points: points)
      }
    }
  }
}
