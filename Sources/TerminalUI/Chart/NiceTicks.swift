#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// "Nice" axis tick values (multiples of 1, 2 or 5 × 10ⁿ) and labels for them.
///
/// Linear ticks follow d3-array's `ticks` so charts look like the plots users know:
/// `step0 = span/count; p = ⌊log₁₀ step0⌋; e = step0/10ᵖ;
/// step = 10ᵖ × (10 if e ≥ √50, 5 if e ≥ √10, 2 if e ≥ √2, else 1)`.
/// For p < 0 ticks are computed as integer ÷ integer (`i / (10⁻ᵖ/m)`) rather than `i × step`,
/// so 0.1…0.3 gives `0.3`, not `0.30000000000000004`.
/// - SeeAlso: d3-array `ticks.js` (tickSpec).
public enum NiceTicks {
  /// A tick step as `mantissa × 10^exponent`, mantissa in {1, 2, 5, 10}.
  struct Step: Hashable {
    var mantissa: Int
    var exponent: Int

    var value: Double {
      exponent >= 0 ? Double(mantissa) * pow10(exponent) : Double(mantissa) / pow10(-exponent)
    }
  }

  /// The d3 step for about `count` intervals over `lower…upper`; nil when there is no such step.
  static func step(lower: Double, upper: Double, count: Int) -> Step? {
    let span = abs(upper - lower)
    guard count > 0, span > 0, span.isFinite else { return nil }
    let step0 = span / Double(count)
    // Beyond ±10³⁰⁰ the powers of ten below would underflow to 0 or overflow to infinity.
    guard step0 >= 1e-300, step0 <= 1e300 else { return nil }
    var p = Int(log10(step0).rounded(.down))
    // log10 can land a hair below an exact power of ten; fix p so that 1 ≤ e < 10.
    if step0 / pow10(p) >= 10 { p += 1 }
    let e = p >= 0 ? step0 / pow10(p) : step0 * pow10(-p)
    let m: Int =
      if e >= 50.0.squareRoot() { 10 } else if e >= 10.0.squareRoot() { 5 } else if e >= 2.0.squareRoot() {
        2
      } else { 1 }
    return Step(mantissa: m, exponent: p)
  }

  /// The distance between ticks that `ticks(lower:upper:count:)` would use (0 when undefined).
  public static func tickStep(lower: Double, upper: Double, count: Int) -> Double {
    step(lower: lower, upper: upper, count: count)?.value ?? 0
  }

  /// About `count` + 1 nice ticks inside `lower…upper`, ascending (bounds may be given in either order).
  ///
  /// A zero span gives the single value; non-finite bounds or `count` ≤ 0 give no ticks.
  public static func ticks(lower: Double, upper: Double, count: Int) -> [Double] {
    guard lower.isFinite, upper.isFinite, count > 0 else { return [] }
    let (lo, hi) = (min(lower, upper), max(lower, upper))
    if lo == hi { return [lo] }
    guard let step = step(lower: lo, upper: hi, count: count) else { return [] }
    return values(lower: lo, upper: hi, step: step)
  }

  /// The multiples of `step` inside `lo…hi`, computed exactly (see the type's documentation).
  static func values(lower lo: Double, upper hi: Double, step: Step) -> [Double] {
    if step.exponent < 0 {
      // inc = 1/step, an integer when the mantissa divides 10^-p (always true for 1, 2, 5, 10).
      let inc = pow10(-step.exponent) / Double(step.mantissa)
      var i1 = (lo * inc).rounded()
      var i2 = (hi * inc).rounded()
      if i1 / inc < lo { i1 += 1 }
      if i2 / inc > hi { i2 -= 1 }
      guard i1 <= i2, i2 - i1 < 10_000 else { return [] }
      return stride(from: i1, through: i2, by: 1).map { $0 / inc }
    } else {
      let inc = step.value
      var i1 = (lo / inc).rounded()
      var i2 = (hi / inc).rounded()
      if i1 * inc < lo { i1 += 1 }
      if i2 * inc > hi { i2 -= 1 }
      guard i1 <= i2, i2 - i1 < 10_000 else { return [] }
      return stride(from: i1, through: i2, by: 1).map { $0 * inc }
    }
  }

  /// `lower…upper` widened outwards to multiples of the tick step (d3's `nice()`), so the first and
  /// last ticks sit on the ends of the axis.
  public static func niceBounds(lower: Double, upper: Double, count: Int) -> (lower: Double, upper: Double) {
    var bounds = (lower: min(lower, upper), upper: max(lower, upper))
    // Two rounds, as in d3: widening can change the step once.
    for _ in 0..<2 {
      guard let step = step(lower: bounds.lower, upper: bounds.upper, count: count) else { break }
      bounds = widen(lower: bounds.lower, upper: bounds.upper, to: step)
    }
    return bounds
  }

  /// `lo…hi` widened outwards to the nearest multiples of `step`, computed exactly.
  static func widen(lower lo: Double, upper hi: Double, to step: Step) -> (lower: Double, upper: Double) {
    if step.exponent < 0 {
      let inc = pow10(-step.exponent) / Double(step.mantissa)
      return ((lo * inc).rounded(.down) / inc, (hi * inc).rounded(.up) / inc)
    }
    let inc = step.value
    return ((lo / inc).rounded(.down) * inc, (hi / inc).rounded(.up) * inc)
  }

  // MARK: - Log scale

  /// Ticks for a log axis over `lower…upper` (both > 0): powers of ten, plus 2× and 5× multiples when
  /// the range spans too few decades, thinned to every k-th decade when it spans too many.
  /// Falls back to linear ticks when even that gives fewer than two.
  public static func logTicks(lower: Double, upper: Double, count: Int) -> [Double] {
    let (lo, hi) = (min(lower, upper), max(lower, upper))
    guard lo > 0, hi.isFinite, count > 0 else { return [] }
    let e0 = Int(log10(lo).rounded(.down)) - 1
    let e1 = Int(log10(hi).rounded(.up)) + 1
    func inRange(_ v: Double) -> Bool { v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) }
    let powers = (e0...e1).map { exactValue(mantissa: 1, exponent: $0) }.filter(inRange)
    if powers.count > count {
      let every = (powers.count + count - 1) / count
      return powers.enumerated().filter { $0.offset % every == 0 }.map { $0.element }
    }
    if powers.count >= 3 { return powers }
    func multiples(_ mantissas: [Int]) -> [Double] {
      (e0...e1).flatMap { e in mantissas.map { exactValue(mantissa: $0, exponent: e) } }.filter(inRange)
    }
    let fives = multiples([1, 5])
    if fives.count >= 3 && fives.count <= max(count, 3) { return fives }
    let twosAndFives = multiples([1, 2, 5])
    if twosAndFives.count >= 2 && twosAndFives.count <= max(count, 3) { return twosAndFives }
    if fives.count >= 2 { return fives }
    if powers.count >= 2 { return powers }
    return ticks(lower: lo, upper: hi, count: count)
  }

  /// `mantissa × 10^exponent`, rounded once (so 2×10⁻³ is exactly the double nearest 0.002).
  static func exactValue(mantissa: Int, exponent: Int) -> Double {
    exponent >= 0 ? Double(mantissa) * pow10(exponent) : Double(mantissa) / pow10(-exponent)
  }

  // MARK: - Labels

  /// Labels for ticks that share one step: every label gets the fewest decimals that show all the
  /// ticks exactly (0.25, 0.5, 0.75 → "0.25", "0.50", "0.75"; 0, 0.2, …, 1 → "0.0", "0.2", …, "1.0").
  ///
  /// Axes with large values switch to SI suffixes so labels stay narrow: when the largest
  /// magnitude is ≥ 10 000 values are shown in thousands ("15k"), ≥ 10 000 000 in millions ("12M"),
  /// and zero is then plain "0"; below 10 000 numbers are printed in full ("1000").
  public static func labels(for ticks: [Double]) -> [String] {
    let magnitude = ticks.map { abs($0) }.filter(\.isFinite).max() ?? 0
    // Beyond what SI suffixes and 12 decimals can show (a log that holds 1e300): "2e300".
    if magnitude >= 1e15 || (magnitude > 0 && magnitude < 1e-9) { return ticks.map(scientific) }
    let (unit, suffix): (Double, String) =
      magnitude >= 1e7 ? (1e6, "M") : magnitude >= 1e4 ? (1e3, "k") : (1, "")
    let scaled = ticks.map { $0 / unit }
    let places = scaled.map(decimals(for:)).max() ?? 0
    return scaled.map { $0 == 0 && !suffix.isEmpty ? "0" : format($0, decimals: places) + suffix }
  }

  /// `value` as a mantissa of at most three decimals and a bare exponent: `2e300`, `1.5e-320`, `0`.
  static func scientific(_ value: Double) -> String {
    guard value != 0, value.isFinite else { return format(value, decimals: 0) }
    var exponent = Int(log10(abs(value)).rounded(.down))
    // 10^e underflows to 0 below 1e-308: scale such values up first.
    var mantissa =
      exponent < -300 ? value * 1e300 / pow(10, Double(exponent + 300)) : value / pow(10, Double(exponent))
    // pow and log10 are inexact at these magnitudes: round away their noise, then renormalise.
    mantissa = (mantissa * 1000).rounded() / 1000
    if abs(mantissa) >= 10 {
      mantissa /= 10
      exponent += 1
    }
    return format(mantissa, decimals: decimals(for: mantissa)) + "e" + String(exponent)
  }

  /// Labels for log-axis ticks: each with its own fewest decimals ("0.01", "0.1", "1", "10").
  public static func logLabels(for ticks: [Double]) -> [String] {
    ticks.map { labels(for: [$0])[0] }
  }

  /// The fewest decimals (up to 12) at which `value` prints exactly.
  static func decimals(for value: Double) -> Int {
    guard value.isFinite, value != 0 else { return 0 }
    for d in 0...12 {
      let scaled = abs(value) * pow10(d)
      if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, scaled) { return d }
    }
    return 12
  }

  /// `value` with exactly `decimals` decimals, computed with integers so no binary noise shows.
  public static func format(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
    let d = min(max(0, decimals), 12)
    let scaled = (abs(value) * pow10(d)).rounded()
    guard scaled < 9e18 else { return "\(value)" }
    let digits = String(Int64(scaled))
    let sign = value < 0 && scaled != 0 ? "-" : ""
    guard d > 0 else { return sign + digits }
    let padded = String(repeating: "0", count: max(0, d + 1 - digits.count)) + digits
    return sign + padded.dropLast(d) + "." + padded.suffix(d)
  }
}

/// 10ⁿ for n ≥ 0 by repeated multiplication (exact up to 10²²).
func pow10(_ n: Int) -> Double {
  var r = 1.0
  for _ in 0..<max(0, n) { r *= 10 }
  return r
}
