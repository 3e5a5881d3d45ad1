/// One legend item: a sample of the line (or the marker symbol) and its text.
struct LegendEntry {
  var sample: String
  var sampleStyle: Style
  var text: String
  var textStyle: Style

  var width: Int { columnWidth(sample) + 1 + columnWidth(text) }

  /// The entry for a series: `── train 0.312` (braille) or `-*- train 0.312` (ASCII).
  init(series: Series, mode: CanvasMode) {
    switch (mode, series.pattern) {
    case (.braille, .solid): sample = "──"
    case (.braille, .dotted): sample = "┈┈"
    case (.ascii, .solid): sample = "-\(series.symbol)-"
    case (.ascii, .dotted): sample = ".\(series.symbol)."
    }
    sampleStyle = series.effectiveStyle
    text = [series.name, series.value].compactMap { $0 }.joined(separator: " ")
    textStyle = series.dimmed ? Style(dim: true) : .plain
  }

  /// The entry for a labelled marker: `◆ best 0.289`.
  init(marker: Marker, label: String, mode: CanvasMode) {
    sample = String(mode == .braille ? marker.symbol : marker.asciiSymbol)
    sampleStyle = marker.style
    text = label
    textStyle = .plain
  }

  /// Draws the entry from column `x` on row `y`; returns the columns used.
  @discardableResult
  func draw(x: Int, y: Int, clip: Rect, into buffer: inout Buffer) -> Int {
    let used = buffer.setString(x: x, y: y, sample, style: sampleStyle, clippedTo: clip)
    buffer.setString(x: x + columnWidth(sample) + 1, y: y, text, style: textStyle, clippedTo: clip)
    return used == 0 ? 0 : width
  }
}

/// Entries packed greedily into rows of at most `width` columns, two spaces apart.
func packLegend(_ entries: [LegendEntry], width: Int) -> [[LegendEntry]] {
  var rows: [[LegendEntry]] = []
  var current: [LegendEntry] = []
  var used = 0
  for entry in entries {
    let extra = current.isEmpty ? entry.width : entry.width + 2
    if !current.isEmpty && used + extra > width {
      rows.append(current)
      current = [entry]
      used = entry.width
    } else {
      current.append(entry)
      used += extra
    }
  }
  if !current.isEmpty { rows.append(current) }
  return rows
}

/// The columns a packed legend row takes.
func legendRowWidth(_ row: [LegendEntry]) -> Int {
  row.reduce(0) { $0 + $1.width } + 2 * max(0, row.count - 1)
}
