// MARK: - Drawing helpers shared by the widgets

extension Buffer {
  /// Writes `text` from (x, y) rightwards, drawing only the cells inside `clip`; returns the columns used.
  ///
  /// Widgets use this instead of `setString(x:y:_:style:maxWidth:)` so that nothing they draw
  /// can leak outside the rectangle they were given, even when `x` starts left of it.
  @discardableResult
  public mutating func setString(x: Int, y: Int, _ text: String, style: Style = .plain, clippedTo clip: Rect)
    -> Int
  {
    guard y >= clip.top, y < clip.bottom else { return 0 }
    var col = x
    for scalar in text.unicodeScalars {
      if col >= clip.right { break }
      if col >= clip.left { self[col, y] = Cell(scalar, style: style) }
      col += 1
    }
    return max(0, min(col, clip.right) - max(x, clip.left))
  }
}

// MARK: - Text measurement

/// The number of terminal columns `text` takes: one per Unicode scalar, because traintop only
/// draws single-width characters (see `Cell`).
func columnWidth(_ text: String) -> Int { text.unicodeScalars.count }

/// `text` cut to at most `width` columns, ending in `…` when something was cut off.
func truncated(_ text: String, to width: Int) -> String {
  guard width > 0 else { return "" }
  let scalars = text.unicodeScalars
  guard scalars.count > width else { return text }
  var view = String.UnicodeScalarView(scalars.prefix(width - 1))
  view.append("…")
  return String(view)
}
