/// One named curve of a `LineChart`, e.g. the training loss of the current run.
public struct Series: Sendable {
  public var name: String
  /// The data, in drawing order (usually by x). Points with NaN or ±inf are skipped.
  public var points: [(x: Double, y: Double)]
  public var style: Style
  public var pattern: LinePattern
  /// Draw faintly (and beneath the others): for overlays of earlier runs.
  public var dimmed: Bool
  /// The character used in ASCII mode and in the ASCII legend.
  public var symbol: Unicode.Scalar
  /// The current value shown next to the name in the legend (formatted by the caller, e.g. "0.312").
  public var value: String?

  public init(
    name: String, points: [(x: Double, y: Double)], style: Style = .plain, pattern: LinePattern = .solid,
    dimmed: Bool = false, symbol: Unicode.Scalar = "*", value: String? = nil
  ) {
    self.name = name
    self.points = points
    self.style = style
    self.pattern = pattern
    self.dimmed = dimmed
    self.symbol = symbol
    self.value = value
  }

  /// A series of `values` at x = `firstX`, `firstX + 1`, … (e.g. one value per epoch).
  public init(
    name: String, values: [Double], firstX: Double = 1, style: Style = .plain, pattern: LinePattern = .solid,
    dimmed: Bool = false, symbol: Unicode.Scalar = "*", value: String? = nil
  ) {
    self.init(
      name: name, points: values.enumerated().map { (firstX + Double($0.offset), $0.element) }, style: style,
      pattern: pattern, dimmed: dimmed, symbol: symbol, value: value)
  }

  /// The style actually drawn: `style`, dimmed when `dimmed`.
  var effectiveStyle: Style { dimmed ? style.dimmed : style }
}

/// A highlighted data point, e.g. the best validation epoch, with an optional vertical guide.
public struct Marker: Hashable, Sendable {
  public var x: Double
  public var y: Double
  public var symbol: Unicode.Scalar
  public var asciiSymbol: Unicode.Scalar
  public var style: Style
  /// Draw a dotted vertical line through the marker, so its x can be read on the axis.
  public var guide: Bool
  /// Shown in the legend next to the symbol when set (e.g. "best 0.289 @ 7").
  public var label: String?

  public init(
    x: Double, y: Double, symbol: Unicode.Scalar = "◆", asciiSymbol: Unicode.Scalar = "@",
    style: Style = Style(bold: true), guide: Bool = true, label: String? = nil
  ) {
    self.x = x
    self.y = y
    self.symbol = symbol
    self.asciiSymbol = asciiSymbol
    self.style = style
    self.guide = guide
    self.label = label
  }
}

/// A thin vertical line across the whole plot at `x`, with a short label at its top: something
/// that happened at that point of the x axis (e.g. `lr 0.5→0.05`, a setting changed mid-run).
public struct VerticalMark: Hashable, Sendable {
  public var x: Double
  public var label: String?
  public var style: Style

  public init(x: Double, label: String? = nil, style: Style = Style(dim: true)) {
    self.x = x
    self.label = label
    self.style = style
  }
}

/// How values map onto an axis.
public enum AxisScale: Hashable, Sendable {
  case linear
  /// Base-10 logarithmic, for losses spanning decades; values ≤ 0 are skipped.
  case log
}

/// One axis of a `LineChart`: title, bounds (explicit or automatic), scale and tick style.
public struct Axis: Hashable, Sendable {
  public var title: String?
  /// Fixed bounds; nil fits the data (y widened to the nearest nice ticks, x exactly the data span).
  public var bounds: ClosedRange<Double>?
  public var scale: AxisScale
  /// Only whole-number ticks (epochs, batches).
  public var integerTicks: Bool

  public init(
    title: String? = nil, bounds: ClosedRange<Double>? = nil, scale: AxisScale = .linear,
    integerTicks: Bool = false
  ) {
    self.title = title
    self.bounds = bounds
    self.scale = scale
    self.integerTicks = integerTicks
  }
}

/// Where a `LineChart` draws its legend.
public enum LegendPosition: Hashable, Sendable {
  /// On the line above the plot, right-aligned (beside the y-axis title); wraps onto a second line
  /// on tall charts. Best at small sizes: it never covers data.
  case top
  /// Inside the plot's top-right corner, one entry per row, over a cleared background.
  case topRight
  case hidden
}
