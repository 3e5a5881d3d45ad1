/// TensorBoard's debiased exponential moving average, for the smoothed curve drawn over raw values.
///
/// `last = last·s + (1−s)·y; n += 1; out = last / (1−sⁿ)`. Dividing by `1−sⁿ` removes the pull
/// towards the zero start, so the first output equals the first input. Non-finite values pass
/// through unchanged and leave the state alone (a diverged batch does not poison the curve), and
/// while every value so far is the same, that value is returned exactly, so a constant series
/// stays constant (TensorBoard does the same, see tensorboard#786).
/// - SeeAlso: TensorBoard `vz_line_chart2` `resmoothDataset`.
public struct Smoothing: Hashable, Sendable {
  /// The smoothing weight s, clamped to 0…0.999; 0 returns the input unchanged.
  public let weight: Double
  private var last = 0.0
  private var count = 0
  private var constant: Double?
  private var isConstant = true

  public init(weight: Double) {
    self.weight = weight.isNaN ? 0 : min(max(0, weight), 0.999)
  }

  /// Feeds the next raw value and returns its smoothed value.
  public mutating func next(_ value: Double) -> Double {
    guard value.isFinite else { return value }
    if constant == nil { constant = value } else if value != constant { isConstant = false }
    last = last * weight + (1 - weight) * value
    count += 1
    if isConstant { return value }
    let debias = 1 - pow(weight, count)
    return debias == 0 ? last : last / debias
  }

  /// A whole series smoothed with weight `weight`.
  public static func smooth(_ values: [Double], weight: Double) -> [Double] {
    var s = Smoothing(weight: weight)
    return values.map { s.next($0) }
  }

  /// `base` raised to a non-negative integer power by squaring (no Foundation needed).
  private func pow(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0
    var b = base
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result *= b }
      b *= b
      e >>= 1
    }
    return result
  }
}
