import SafeText

/// An in-memory screen: `width` × `height` cells that widgets draw into.
///
/// Rendering is immediate-mode: the dashboard builds a fresh `Buffer` each
/// frame, and only the terminal backend turns it into terminal output (diffing
/// against the previous frame). Tests compare `lines` as text.
public struct Buffer: Hashable, Sendable {
  public private(set) var width: Int
  public private(set) var height: Int
  public private(set) var cells: [Cell]

  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    self.cells = Array(repeating: fill, count: self.width * self.height)
  }

  /// A buffer whose rows are the given strings (padded with blanks), for tests.
  public init(lines: [String]) {
    let w = lines.map(\.terminalColumns).max() ?? 0
    self.init(width: w, height: lines.count)
    for (row, line) in lines.enumerated() {
      setString(x: 0, y: row, line)
    }
  }

  public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// The cell at column `x`, row `y`; reads outside the buffer give a blank and writes are dropped.
  ///
  /// Every write keeps the screen's columns true, whatever the text came from:
  /// - a control character is replaced by its visible stand-in (``TerminalSafe``), so nothing
  ///   drawn can move the cursor or send an escape sequence;
  /// - a wide character also takes the cell to its right (``Cell/continuation``); in the last
  ///   column, where it has no room, it becomes a blank;
  /// - overwriting either half of a wide character blanks the other half;
  /// - a zero-width character (a combining mark) on its own becomes a blank (text drawn with
  ///   `setString` skips it).
  public subscript(x: Int, y: Int) -> Cell {
    get {
      guard x >= 0, x < width, y >= 0, y < height else { return .blank }
      return cells[y * width + x]
    }
    set {
      guard x >= 0, x < width, y >= 0, y < height else { return }
      let i = y * width + x
      var cell = newValue
      var columns = 1
      if !cell.isContinuation {
        if let standIn = TerminalSafe.replacement(for: cell.character) { cell.character = standIn }
        columns = cell.character.terminalColumns
        if columns == 0 || (columns == 2 && x + 1 == width) { cell.character = " " }
      }
      // The other half of a wide character this write breaks.
      if cells[i].isContinuation && !cell.isContinuation && x > 0 { cells[i - 1].character = " " }
      if x + 1 < width && cells[i + 1].isContinuation && !(columns == 2 && x + 1 < width) {
        cells[i + 1].character = " "
      }
      cells[i] = cell
      guard columns == 2, x + 1 < width else { return }
      // The right half: it may itself be the left half of another wide character.
      if x + 2 < width && cells[i + 2].isContinuation { cells[i + 2].character = " " }
      cells[i + 1] = Cell(Cell.continuation.character, style: cell.style)
    }
  }

  /// Writes `text` from (x, y) rightwards, clipped to `maxWidth` and the buffer; returns the columns used.
  ///
  /// Text is measured in terminal columns: a wide character takes two, and is left out when
  /// only one is left; combining marks take none and are left out.
  @discardableResult
  public mutating func setString(x: Int, y: Int, _ text: String, style: Style = .plain, maxWidth: Int? = nil)
    -> Int
  {
    guard y >= 0, y < height else { return 0 }
    let limit = min(maxWidth ?? Int.max, width - x)
    var col = 0
    for scalar in text.unicodeScalars {
      let columns = scalar.terminalColumns
      if columns == 0 { continue }
      if col + columns > limit { break }
      if x + col >= 0 { self[x + col, y] = Cell(scalar, style: style) }
      col += columns
    }
    return max(0, col)
  }

  /// Sets the style of every cell in `rect`, keeping the characters.
  public mutating func setStyle(_ style: Style, in rect: Rect) {
    let r = rect.intersection(area)
    for y in r.top..<r.bottom {
      for x in r.left..<r.right { cells[y * width + x].style = style }
    }
  }

  /// Fills `rect` with `cell`.
  public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
    let r = rect.intersection(area)
    guard !r.isEmpty else { return }
    let single = cell.isContinuation || cell.character.terminalColumns == 1
    for y in r.top..<r.bottom {
      guard single else {
        for x in r.left..<r.right { self[x, y] = cell }
        continue
      }
      // A wide character cut by the rect's edges loses its other half.
      if r.left > 0 && cells[y * width + r.left].isContinuation {
        cells[y * width + r.left - 1].character = " "
      }
      if r.right < width && cells[y * width + r.right].isContinuation {
        cells[y * width + r.right].character = " "
      }
      for x in r.left..<r.right { cells[y * width + x] = cell }
    }
  }

  /// The rows as plain text (styles dropped), trailing spaces kept so widths are visible; a
  /// wide character's second cell is left out, so each row prints as wide as the buffer.
  public var lines: [String] {
    (0..<height).map { y in
      var s = String.UnicodeScalarView()
      for x in 0..<width where !cells[y * width + x].isContinuation {
        s.append(cells[y * width + x].character)
      }
      return String(s)
    }
  }

  /// All rows joined by newlines: handy for snapshot files.
  public var text: String { lines.joined(separator: "\n") }
}
