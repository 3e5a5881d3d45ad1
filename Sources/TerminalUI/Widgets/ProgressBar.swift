/// A one-row gauge for a fraction in 0…1 (epoch or batch progress), with an optional label after it.
///
/// Unicode mode fills with `█`, shows the partial cell in eighths (`▏▎▍▌▋▊▉`) so slow progress
/// still moves visibly, and marks the rest with `░`. ASCII mode uses `#` and `-`.
/// ```
/// ████▌░░░░░ 45%
/// ####------ 45%
/// ```
public struct ProgressBar: Widget, Hashable, Sendable {
  /// Progress in 0…1; values outside are clamped and NaN counts as 0.
  public var fraction: Double
  /// Text drawn after the bar, separated by a space (e.g. `"45%"` or `"3/10 epochs"`).
  public var label: String?
  public var ascii: Bool
  public var filledStyle: Style
  public var emptyStyle: Style
  public var labelStyle: Style

  public init(
    fraction: Double, label: String? = nil, ascii: Bool = false,
    filledStyle: Style = .plain, emptyStyle: Style = Style(dim: true), labelStyle: Style = .plain
  ) {
    self.fraction = fraction
    self.label = label
    self.ascii = ascii
    self.filledStyle = filledStyle
    self.emptyStyle = emptyStyle
    self.labelStyle = labelStyle
  }

  /// The fraction as a whole percentage label, e.g. `"45%"`.
  public static func percentLabel(_ fraction: Double) -> String {
    "\(Int((clamped(fraction) * 100).rounded(.down)))%"
  }

  private static func clamped(_ value: Double) -> Double {
    value.isNaN ? 0 : min(1, max(0, value))
  }

  private static let eighths: [Unicode.Scalar] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

  public func render(in area: Rect, into buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    let y = area.top
    var barWidth = area.width
    if let label, !label.isEmpty {
      let labelWidth = min(columnWidth(label), area.width)
      barWidth = area.width - labelWidth - 1
      if barWidth < 1 { barWidth = 0 }
      let x = area.left + (barWidth > 0 ? barWidth + 1 : 0)
      buffer.setString(x: x, y: y, label, style: labelStyle, clippedTo: area)
    }
    for (i, scalar) in cells(width: barWidth).enumerated() {
      let filled = scalar != "░" && scalar != "-"
      buffer[area.left + i, y] = Cell(scalar, style: filled ? filledStyle : emptyStyle)
    }
  }

  /// The bar's characters for a bar `width` cells wide.
  func cells(width: Int) -> [Unicode.Scalar] {
    guard width > 0 else { return [] }
    let f = ProgressBar.clamped(fraction)
    if ascii {
      let full = Int((f * Double(width)).rounded())
      return Array(repeating: "#", count: full) + Array(repeating: "-", count: width - full)
    }
    let totalEighths = Int((f * Double(width * 8)).rounded())
    let full = totalEighths / 8
    let partial = totalEighths % 8
    var out: [Unicode.Scalar] = Array(repeating: "█", count: full)
    if partial > 0 { out.append(ProgressBar.eighths[partial]) }
    out += Array(repeating: "░", count: width - out.count)
    return out
  }
}
