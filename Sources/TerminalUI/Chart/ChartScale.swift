#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps data values to canvas dots for one axis, and chooses its bounds and ticks.
///
/// Log axes work in log₁₀ space internally: `lower`/`upper` are log₁₀ of the data bounds.
///
/// Logs come from other programs and may hold any finite double, up to ±1.8e308. Linear values
/// are clamped to ``PlotRange`` and log bounds are padded in log space, so no span, padding or
/// tick step overflows to infinity, and `dot(_:)` only returns finite positions a canvas can
/// convert to integers (a value beyond the limit is drawn at its edge).
struct ChartScale {
  /// Dot positions are kept within ±this, far outside any canvas (clipping drops them) and far
  /// inside `Int`.
  static let dotLimit = 1e9

  var scale: AxisScale
  var lower: Double
  var upper: Double
  /// The number of dots along the axis.
  var dots: Int
  /// Whether dot 0 is the largest value (true for y, whose dots grow downwards).
  var flipped: Bool
  /// The tick step the bounds were widened to, so ticks land exactly on both ends.
  var step: NiceTicks.Step? = nil

  /// The value in axis space (log₁₀ for log axes), or nil when it cannot be shown.
  func transform(_ value: Double) -> Double? {
    guard value.isFinite else { return nil }
    switch scale {
    case .linear: return PlotRange.clamped(value)
    case .log: return value > 0 ? log10(value) : nil
    }
  }

  /// The fractional dot position of `value` (may lie outside the canvas), or nil when unplottable.
  func dot(_ value: Double) -> Double? {
    guard let t = transform(value) else { return nil }
    let span = upper - lower
    let fraction = span > 0 ? (t - lower) / span : 0.5
    let position = fraction * Double(max(0, dots - 1))
    let dot = flipped ? Double(max(0, dots - 1)) - position : position
    guard dot.isFinite else { return nil }
    return min(max(dot, -Self.dotLimit), Self.dotLimit)
  }

  // MARK: - Bounds

  /// Bounds in axis space: explicit ones when given, otherwise fitted to `values` (already
  /// filtered to plottable ones). With `nice`, linear bounds are widened to multiples of the tick
  /// step (the padding that keeps curves off the frame, and puts a labelled tick at both ends);
  /// log bounds get 15% each side. A single value is padded by 10% (or ±1 at zero).
  static func bounds(for axis: Axis, values: [Double], tickCount: Int, nice: Bool) -> (
    lower: Double, upper: Double, step: NiceTicks.Step?
  ) {
    if let b = axis.bounds, b.lowerBound.isFinite, b.upperBound.isFinite {
      switch axis.scale {
      case .linear:
        let (lo, hi) = (PlotRange.clamped(b.lowerBound), PlotRange.clamped(b.upperBound))
        if hi > lo { return (lo, hi, nil) }
      case .log:
        if b.lowerBound > 0 && b.upperBound > b.lowerBound {
          return (log10(b.lowerBound), log10(b.upperBound), nil)
        }
      }
    }
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else { return (0, 1, nil) }
    if axis.scale == .log {
      // In log space: ×2 or ×1.15 of a value near the largest double would overflow.
      guard low > 0 else { return (0, 1, nil) }
      let (lo, hi) = (log10(low), log10(high))
      let pad = lo == hi ? log10(2.0) : nice ? log10(1.15) : 0
      return (lo - pad, hi + pad, nil)
    }
    var (lo, hi) = (PlotRange.clamped(low), PlotRange.clamped(high))
    if lo == hi {
      let delta = lo == 0 ? 1 : abs(lo) * 0.1
      (lo, hi) = (lo - delta, hi + delta)
    }
    guard nice, let step = NiceTicks.step(lower: lo, upper: hi, count: tickCount) else {
      return (lo, hi, nil)
    }
    let widened = NiceTicks.widen(lower: lo, upper: hi, to: step)
    return (widened.lower, widened.upper, step)
  }

  /// The tick values (in data space) and their labels.
  func ticks(count: Int, integer: Bool) -> (values: [Double], labels: [String]) {
    switch scale {
    case .log:
      // 10^upper overflows for data near the largest double: the ticks stop at that double.
      let values = NiceTicks.logTicks(
        lower: pow(10, lower), upper: min(pow(10, upper), .greatestFiniteMagnitude), count: count)
      return (values, NiceTicks.logLabels(for: values))
    case .linear:
      var values =
        step.map { NiceTicks.values(lower: lower, upper: upper, step: $0) }
        ?? NiceTicks.ticks(lower: lower, upper: upper, count: count)
      if integer && NiceTicks.tickStep(lower: lower, upper: upper, count: count) < 1 {
        values = NiceTicks.ticks(lower: lower, upper: upper, count: max(1, Int(upper - lower)))
          .filter { $0 == $0.rounded() }
      }
      return (values, NiceTicks.labels(for: values))
    }
  }
}

// MARK: - Clipping

/// The part of the segment p0–p1 inside [0, width]×[0, height], or nil when none is.
/// - SeeAlso: Liang & Barsky 1984, "A new concept and method for line clipping".
func clipSegment(
  _ p0: (x: Double, y: Double), _ p1: (x: Double, y: Double), width: Double, height: Double
) -> ((x: Double, y: Double), (x: Double, y: Double))? {
  let dx = p1.x - p0.x
  let dy = p1.y - p0.y
  var t0 = 0.0
  var t1 = 1.0
  for (p, q) in [(-dx, p0.x), (dx, width - p0.x), (-dy, p0.y), (dy, height - p0.y)] {
    if p == 0 {
      if q < 0 { return nil }
    } else {
      let r = q / p
      if p < 0 { t0 = max(t0, r) } else { t1 = min(t1, r) }
    }
  }
  guard t0 <= t1 else { return nil }
  return ((p0.x + t0 * dx, p0.y + t0 * dy), (p0.x + t1 * dx, p0.y + t1 * dy))
}
