import SafeText

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
      let columns = scalar.terminalColumns
      if columns == 0 { continue }
      if col >= clip.right { break }
      if col >= clip.left && col + columns <= clip.right {
        self[col, y] = Cell(scalar, style: style)
      } else if col + columns > clip.left {
        // A wide character across the clip's edge: only its visible half, as a blank.
        self[max(col, clip.left), y] = Cell(" ", style: style)
      }
      col += columns
    }
    return max(0, min(col, clip.right) - max(x, clip.left))
  }
}

// MARK: - Text measurement

/// The number of terminal columns `text` takes (wide characters two, combining marks none).
func columnWidth(_ text: String) -> Int { text.terminalColumns }

/// `text` cut to at most `width` columns, ending in `…` when something was cut off.
func truncated(_ text: String, to width: Int) -> String {
  guard width > 0 else { return "" }
  guard text.terminalColumns > width else { return text }
  var view = String.UnicodeScalarView()
  var used = 0
  for scalar in text.unicodeScalars {
    let columns = scalar.terminalColumns
    guard used + columns <= width - 1 else { break }
    view.append(scalar)
    used += columns
  }
  view.append("…")
  return String(view)
}
