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
    let w = lines.map { $0.unicodeScalars.count }.max() ?? 0
    self.init(width: w, height: lines.count)
    for (row, line) in lines.enumerated() {
      setString(x: 0, y: row, line)
    }
  }

  public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// The cell at column `x`, row `y`; reads outside the buffer give a blank and writes are dropped.
  public subscript(x: Int, y: Int) -> Cell {
    get {
      guard x >= 0, x < width, y >= 0, y < height else { return .blank }
      return cells[y * width + x]
    }
    set {
      guard x >= 0, x < width, y >= 0, y < height else { return }
      cells[y * width + x] = newValue
    }
  }

  /// Writes `text` from (x, y) rightwards, clipped to `maxWidth` and the buffer; returns the columns used.
  @discardableResult
  public mutating func setString(x: Int, y: Int, _ text: String, style: Style = .plain, maxWidth: Int? = nil)
    -> Int
  {
    guard y >= 0, y < height else { return 0 }
    let limit = min(maxWidth ?? Int.max, width - x)
    var col = 0
    for scalar in text.unicodeScalars {
      if col >= limit { break }
      if x + col >= 0 { self[x + col, y] = Cell(scalar, style: style) }
      col += 1
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
    for y in r.top..<r.bottom {
      for x in r.left..<r.right { cells[y * width + x] = cell }
    }
  }

  /// The rows as plain text (styles dropped), trailing spaces kept so widths are visible.
  public var lines: [String] {
    (0..<height).map { y in
      var s = String.UnicodeScalarView()
      for x in 0..<width { s.append(cells[y * width + x].character) }
      return String(s)
    }
  }

  /// All rows joined by newlines: handy for snapshot files.
  public var text: String { lines.joined(separator: "\n") }
}
