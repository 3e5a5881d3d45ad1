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
struct ChartScale {
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
    case .linear: return value
    case .log: return value > 0 ? log10(value) : nil
    }
  }

  /// The fractional dot position of `value` (may lie outside the canvas), or nil when unplottable.
  func dot(_ value: Double) -> Double? {
    guard let t = transform(value) else { return nil }
    let span = upper - lower
    let fraction = span > 0 ? (t - lower) / span : 0.5
    let position = fraction * Double(max(0, dots - 1))
    return flipped ? Double(max(0, dots - 1)) - position : position
  }

  // MARK: - Bounds

  /// Bounds in axis space: explicit ones when given, otherwise fitted to `values` (already
  /// filtered to plottable ones). With `nice`, linear bounds are widened to multiples of the tick
  /// step (the padding that keeps curves off the frame, and puts a labelled tick at both ends);
  /// log bounds get 15% each side. A single value is padded by 10% (or ±1 at zero).
  static func bounds(for axis: Axis, values: [Double], tickCount: Int, nice: Bool) -> (
    lower: Double, upper: Double, step: NiceTicks.Step?
  ) {
    if let b = axis.bounds {
      switch axis.scale {
      case .linear: if b.upperBound > b.lowerBound { return (b.lowerBound, b.upperBound, nil) }
      case .log:
        if b.lowerBound > 0 && b.upperBound > b.lowerBound {
          return (log10(b.lowerBound), log10(b.upperBound), nil)
        }
      }
    }
    guard var lo = values.min(), var hi = values.max() else { return (0, 1, nil) }
    if axis.scale == .log {
      if lo == hi {
        lo /= 2
        hi *= 2
      } else if nice {
        lo /= 1.15
        hi *= 1.15
      }
      return (log10(lo), log10(hi), nil)
    }
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
      let values = NiceTicks.logTicks(lower: pow(10, lower), upper: pow(10, upper), count: count)
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
