import TerminalUI
import TrainingRuns

/// The series, markers and legends of one `watch` chart, built from the runs' logs.
///
/// One run: train and validation in the dashboard's two colours. Several runs: one colour per
/// run, train solid and validation dotted, and the legends name the runs.
struct WatchChart {
  var panel: MetricPanel
  var state: WatchState
  var theme: Theme

  var title: String {
    switch panel.name.lowercased() {
    case "loss": "Loss"
    case "accuracy", "acc": "Accuracy"
    default: panel.name
    }
  }

  /// Width of the plot in cells, for decimating long series (two points per braille column
  /// survive min–max decimation, so nothing visible is lost).
  var plotColumns = 200

  var content: ChartContent {
    let visible = state.visibleRunIndices
    let single = state.runs.count == 1
    let labelKeys = state.differingSettingKeys
    var series: [Series] = []
    var markers: [Marker] = []
    var top: [[Span]] = []
    var compact: [[Span]] = []
    var bottom: [[Span]] = []
    // One x range for every chart, so epochs line up across them. Epochs are shown 1-based, as
    // the dashboard and Keras's progress output count them (0-based in the CSV on disk).
    func shift(_ run: WatchRun) -> Double { run.log.xIsStep ? 0 : 1 }
    var xs: [Double] = []
    for index in visible {
      if let range = state.runs[index].xRange {
        xs += [range.lowerBound + shift(state.runs[index]), range.upperBound + shift(state.runs[index])]
      }
    }
    var focus: [Double] = []
    // Legends name at most a few runs; the runs panel lists them all.
    let legendRuns = Set(visible.filter { state.runs[$0].pinned }.prefix(Self.maximumLegendRuns))
      .union(visible.prefix(Self.maximumLegendRuns))
    // Pinned runs are drawn last, on top.
    let order = visible.filter { !state.runs[$0].pinned } + visible.filter { state.runs[$0].pinned }
    for index in order {
      let run = state.runs[index]
      let dx = shift(run)
      // Each run names the quantity its own way (`Loss/train`, `train_loss`, `loss`).
      let own = run.pair(named: panel.name)
      let train = own?.train.map { decimated(run.columns[$0] ?? [], dx: dx) } ?? []
      let validation = own?.validation.map { decimated(run.columns[$0] ?? [], dx: dx) } ?? []
      if state.robustRange { focus += Self.robustFocus(train) + Self.robustFocus(validation) }
      guard !train.isEmpty || !validation.isEmpty else { continue }
      let runStyle = run.pinned ? theme.runColor(index).bolded : theme.runColor(index)
      let trainStyle = single ? theme.train : runStyle
      let validationStyle = single ? theme.validation : runStyle
      let name = single ? "train" : state.label(of: run, keys: labelKeys)
      series += curves(
        train, name: name, style: trainStyle, pattern: .solid, symbol: theme.trainSymbol(index))
      series += curves(
        validation, name: name + " val", style: validationStyle, pattern: .dotted,
        symbol: theme.validationSymbol(index))
      guard single || legendRuns.contains(index) else { continue }

      // Legends: the latest values, and the best epoch of validation (else train).
      for decimals in [4, 3] {
        var entries: [[Span]] = []
        if single {
          if let last = train.last {
            entries.append([
              Span(theme.solidSample, style: trainStyle),
              Span(" train \(metric(last.y, decimals: decimals))"),
            ])
          }
          if let last = validation.last {
            entries.append([
              Span(theme.dottedSample, style: validationStyle),
              Span(" val \(metric(last.y, decimals: decimals))"),
            ])
          }
        } else if let last = validation.last ?? train.last {
          let sample = validation.isEmpty ? theme.solidSample : theme.dottedSample
          entries.append([
            Span(sample, style: trainStyle), Span(" \(name) \(metric(last.y, decimals: decimals))"),
          ])
        }
        if decimals == 4 { top += entries } else { compact += entries }
      }
      if let best = best(in: validation.isEmpty ? train : validation) {
        markers.append(
          Marker(
            x: best.x, y: best.y, style: single ? theme.marker : theme.runColor(index).bolded, guide: single))
        bottom.append([
          Span(theme.markerSymbol, style: single ? theme.marker : theme.runColor(index)),
          Span(single ? " best \(metric(best.y)) @\(step(best.x))" : " \(metric(best.y)) @\(step(best.x))"),
        ])
      }
    }
    let finite = xs.filter(\.isFinite)
    let lower = min(0, finite.min() ?? 0)
    let bounds = lower...max(lower + 1, finite.max() ?? 1)
    return ChartContent(
      series: series, markers: markers, xBounds: bounds, topLegend: top, compactTopLegend: compact,
      bottomLegend: bottom, yFocus: state.robustRange && !focus.isEmpty ? focus : nil)
  }

  /// At most this many runs are named in a chart's legends.
  static let maximumLegendRuns = 6

  /// The points shifted by `dx`, decimated to what the plot can show: min–max per column keeps
  /// every spike, and a frame of 200 runs × 10 000 steps costs a scan, not a plot, of each.
  private func decimated(_ points: [WatchRun.Point], dx: Double) -> [(x: Double, y: Double)] {
    let buckets = plotColumns
    guard points.count > 2 * buckets, let first = points.first?.x, let last = points.last?.x, last > first,
      first.isFinite, last.isFinite
    else { return points.map { (x: $0.x + dx, y: $0.y) } }
    // Min–max per bucket of x, in one pass over the run's own array (no copies): a series
    // logged in step order stays in order; a point out of order or not finite is kept as is.
    var kept: [(x: Double, y: Double)] = []
    kept.reserveCapacity(2 * buckets + 8)
    let scale = Double(buckets) / (last - first)
    var bucket = -1
    var low = 0
    var high = 0
    func flush() {
      guard bucket >= 0 else { return }
      let (a, b) = (min(low, high), max(low, high))
      kept.append((points[a].x + dx, points[a].y))
      if a != b { kept.append((points[b].x + dx, points[b].y)) }
    }
    for index in points.indices {
      let p = points[index]
      guard p.x.isFinite, p.y.isFinite, p.x >= first, p.x <= last else {
        flush()
        bucket = -1
        kept.append((p.x + dx, p.y))
        continue
      }
      let b = min(buckets - 1, Int((p.x - first) * scale))
      if b != bucket {
        flush()
        bucket = b
        low = index
        high = index
      } else {
        if p.y < points[low].y { low = index }
        if p.y > points[high].y { high = index }
      }
    }
    flush()
    return kept
  }

  /// The values a robust y range fits: those in the later 90 % of the series' x span (all of a
  /// series shorter than five points), so an early spike (the first steps' loss) is clipped.
  static func robustFocus(_ points: [(x: Double, y: Double)]) -> [Double] {
    let xs = points.map(\.x).filter(\.isFinite)
    guard points.count >= 5, let lo = xs.min(), let hi = xs.max(), hi > lo else { return points.map(\.y) }
    let from = lo + 0.1 * (hi - lo)
    return points.filter { $0.x >= from }.map(\.y)
  }

  /// The raw curve, or the raw curve dimmed under its smoothed version.
  private func curves(
    _ points: [(x: Double, y: Double)], name: String, style: Style, pattern: LinePattern,
    symbol: Unicode.Scalar
  ) -> [Series] {
    guard !points.isEmpty else { return [] }
    guard state.smoothing, points.count > 2 else {
      return [Series(name: name, points: points, style: style, pattern: pattern, symbol: symbol)]
    }
    let smoothed = Smoothing.smooth(points.map(\.y), weight: WatchState.smoothingWeight)
    return [
      Series(name: name + " raw", points: points, style: style, pattern: pattern, dimmed: true, symbol: "."),
      Series(
        name: name, points: zip(points, smoothed).map { ($0.x, $1) }, style: style, pattern: pattern,
        symbol: symbol),
    ]
  }

  /// The point with the best finite value: the first maximum or minimum.
  private func best(in points: [(x: Double, y: Double)]) -> (x: Double, y: Double)? {
    let finite = points.filter { $0.y.isFinite }
    return panel.higherIsBetter
      ? finite.max { $0.y < $1.y || ($0.y == $1.y && $0.x > $1.x) }
      : finite.min { $0.y < $1.y || ($0.y == $1.y && $0.x < $1.x) }
  }

  /// `4` for whole steps, `4.5` otherwise.
  private func step(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : metric(x, decimals: 2)
  }
}

/// Rects for `count` charts (1…4) in a grid that suits `area`.
///
/// Two charts sit side by side when there are at least 80 columns (stacked otherwise), three
/// sit in a row from 150 columns (else two above one), four make a 2×2 grid.
func panelGrid(count: Int, in area: Rect) -> [Rect] {
  switch count {
  case ...0: return []
  case 1: return [area]
  case 2:
    return area.split(area.width >= ChartsView.sideBySideWidth ? .horizontal : .vertical, [.fill, .fill])
  case 3 where area.width >= 150:
    return area.split(.horizontal, [.fill, .fill, .fill])
  default:
    let rows = area.split(.vertical, [.fill, .fill])
    let top = rows[0].split(.horizontal, [.fill, .fill])
    let bottom = count == 3 ? [rows[1]] : rows[1].split(.horizontal, [.fill, .fill])
    return top + bottom
  }
}

// MARK: - Run colours

extension Theme {
  /// A theme for `watch`, which has no `DashboardState`.
  init(color: Bool, ascii: Bool, background: TerminalBackground = .dark) {
    self.color = color
    self.ascii = ascii
    self.background = background
  }

  private static let runColors: [Color] = [.cyan, .yellow, .green, .magenta, .blue, .red]

  /// Run `index`'s colour when several logs are watched (plain without colour).
  func runColor(_ index: Int) -> Style {
    color ? Style.plain.fg(Self.runColors[index % Self.runColors.count]) : .plain
  }

  /// ASCII-mode symbols, so runs stay apart without colour.
  func trainSymbol(_ index: Int) -> Unicode.Scalar { ["*", "+", "x", "#", "%", "&"][index % 6] }
  func validationSymbol(_ index: Int) -> Unicode.Scalar { ["o", ":", "~", "=", "^", ","][index % 6] }
}
