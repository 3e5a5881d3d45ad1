/// The values a chart places: any finite double, with magnitudes beyond ±10³⁰⁰ drawn at that edge.
///
/// Logs come from other programs and may hold values up to ±1.8e308. Axis arithmetic on such
/// values — a span, 15 % of padding, a tick step past the last value — overflows to infinity, and
/// an infinite or NaN position traps when it becomes a cell or dot index. Clamping where values
/// enter an axis keeps every later step finite: ±10³⁰⁰ leaves eight orders of magnitude of
/// headroom and is far beyond any real metric. The terminal charts (`ChartScale`) and the SVG
/// figures use the same limit.
public enum PlotRange {
  /// The largest magnitude a linear axis shows.
  public static let limit = 1e300

  /// `value` within ±``limit`` (non-finite values are left alone: callers skip them).
  public static func clamped(_ value: Double) -> Double {
    value.isFinite ? min(max(value, -limit), limit) : value
  }
}
