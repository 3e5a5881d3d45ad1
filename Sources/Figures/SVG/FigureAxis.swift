import Foundation
import TerminalUI

/// One axis of a panel: its domain, whether it is logarithmic, and its ticks with their labels.
///
/// Ticks and labels come from `NiceTicks`, the same rules as the terminal chart, so a figure and the
/// dashboard label the same data the same way.
struct FigureAxis: Equatable {
  var lower: Double
  var upper: Double
  var isLog = false
  var ticks: [Double] = []
  var labels: [String] = []

  /// Where `value` falls between `lower` (0) and `upper` (1), on a log scale if the axis is one.
  func fraction(_ value: Double) -> Double {
    if isLog { return (log10(value) - log10(lower)) / (log10(upper) - log10(lower)) }
    return (value - lower) / (upper - lower)
  }

  /// Does `value` have a place on this axis (finite, and positive on a log axis)?
  func canShow(_ value: Double) -> Bool { value.isFinite && (!isLog || value > 0) }

  // MARK: - Making axes

  /// An x axis over epochs or steps `lower…upper`: nice ticks, kept only where they fall on a whole
  /// number (no "epoch 2.5"); every whole number when that leaves fewer than two.
  static func wholeNumbers(lower: Double, upper: Double, count: Int = 6) -> FigureAxis {
    guard lower < upper else {
      return FigureAxis(
        lower: lower - 0.5, upper: lower + 0.5, ticks: [lower], labels: NiceTicks.labels(for: [lower]))
    }
    var ticks = NiceTicks.ticks(lower: lower, upper: upper, count: count).filter { $0 == $0.rounded() }
    if ticks.count < 2 && upper - lower <= 100 {
      ticks = Array(stride(from: lower.rounded(.up), through: upper, by: 1))
    }
    return FigureAxis(lower: lower, upper: upper, ticks: ticks, labels: NiceTicks.labels(for: ticks))
  }

  /// A linear axis covering `lower…upper` widened to nice bounds, so the end ticks sit on the axis ends.
  ///
  /// A zero span is widened first (by 10 % of the value, or by 1 around 0).
  static func linear(lower: Double, upper: Double, count: Int = 5) -> FigureAxis {
    var (lo, hi) = (min(lower, upper), max(lower, upper))
    if lo == hi {
      let pad = lo == 0 ? 1 : abs(lo) * 0.1
      (lo, hi) = (lo - pad, hi + pad)
    }
    let bounds = NiceTicks.niceBounds(lower: lo, upper: hi, count: count)
    let ticks = NiceTicks.ticks(lower: bounds.lower, upper: bounds.upper, count: count)
    return FigureAxis(
      lower: bounds.lower, upper: bounds.upper, ticks: ticks, labels: NiceTicks.labels(for: ticks))
  }

  /// A log axis over `lower…upper` (both > 0), padded by 4 % of its span in log space on each side
  /// so curves do not run along the frame.
  static func log(lower: Double, upper: Double, count: Int = 5) -> FigureAxis {
    let (lo, hi) = (min(lower, upper), max(lower, upper))
    var (l0, l1) = (log10(lo), log10(hi))
    let pad = l1 > l0 ? (l1 - l0) * 0.04 : 0.5
    (l0, l1) = (l0 - pad, l1 + pad)
    let (domainLower, domainUpper) = (pow(10, l0), pow(10, l1))
    let ticks = NiceTicks.logTicks(lower: domainLower, upper: domainUpper, count: count)
    return FigureAxis(
      lower: domainLower, upper: domainUpper, isLog: true, ticks: ticks,
      labels: NiceTicks.logLabels(for: ticks))
  }
}
