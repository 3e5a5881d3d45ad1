/// How a `Canvas` turns dots into characters.
public enum CanvasMode: Hashable, Sendable {
  /// 2×4 dots per cell as braille characters (U+2800 + dot mask): the sharpest curves a text
  /// terminal can show.
  case braille
  /// One dot per cell, drawn with the series' symbol (`*`, `o`, …): works in any font and over
  /// any connection.
  case ascii
}

/// Whether a line is drawn with every dot or with gaps.
public enum LinePattern: Hashable, Sendable {
  case solid
  /// Every other dot, e.g. for validation curves or earlier runs.
  case dotted
}

/// A grid of dots to plot lines on, rendered into a `Buffer` as braille or ASCII characters.
///
/// Dot coordinates start at the top-left: x grows right, y grows down. In braille mode dot
/// (x, y) lives in cell (x/2, y/4). Each cell keeps the style of the **last** dot drawn into it,
/// so when series cross, the one drawn later wins the colour (draw the most important last).
public struct Canvas: Widget, Hashable, Sendable {
  public let mode: CanvasMode
  /// Size in cells.
  public let columns: Int
  public let rows: Int
  private var masks: [UInt8]
  private var symbols: [Unicode.Scalar?]
  private var styles: [Style]

  public init(columns: Int, rows: Int, mode: CanvasMode = .braille) {
    self.mode = mode
    self.columns = max(0, columns)
    self.rows = max(0, rows)
    let count = self.columns * self.rows
    masks = Array(repeating: 0, count: count)
    symbols = Array(repeating: nil, count: count)
    styles = Array(repeating: .plain, count: count)
  }

  /// Dots per cell horizontally and vertically.
  public var dotsPerCell: (x: Int, y: Int) { mode == .braille ? (2, 4) : (1, 1) }
  /// Size in dots.
  public var dotWidth: Int { columns * dotsPerCell.x }
  public var dotHeight: Int { rows * dotsPerCell.y }

  /// The braille bit of dot (dx, dy) inside its cell: rows 0–2 are bits 0–2 (left) and 3–5 (right),
  /// row 3 is bits 6 (left) and 7 (right), as in Unicode's braille block.
  static func brailleBit(dx: Int, dy: Int) -> UInt8 {
    let table: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
    return table[dy][dx]
  }

  // MARK: - Drawing

  /// Sets one dot; dots outside the canvas are ignored. In ASCII mode `symbol` is the character
  /// drawn (default `*`); braille ignores it.
  public mutating func set(x: Int, y: Int, style: Style = .plain, symbol: Unicode.Scalar? = nil) {
    guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
    let (cx, cy) = (x / dotsPerCell.x, y / dotsPerCell.y)
    let i = cy * columns + cx
    switch mode {
    case .braille: masks[i] |= Canvas.brailleBit(dx: x % 2, dy: y % 4)
    case .ascii: symbols[i] = symbol ?? "*"
    }
    styles[i] = style
  }

  /// Draws a straight line of dots from one point to the other (both ends included) with
  /// Bresenham's algorithm.
  ///
  /// `phase` counts dots along a polyline so that a dotted pattern continues across segments;
  /// `thick` also sets the dots right of and below each dot (braille only), for presentation mode.
  public mutating func line(
    from start: (x: Int, y: Int), to end: (x: Int, y: Int), style: Style = .plain,
    symbol: Unicode.Scalar? = nil, pattern: LinePattern = .solid, thick: Bool = false, phase: inout Int
  ) {
    for (i, dot) in Canvas.bresenham(from: start, to: end).enumerated() {
      // The first dot of a joined segment is the previous segment's last one.
      if i == 0 && phase > 0 { continue }
      defer { phase += 1 }
      if pattern == .dotted && phase % 2 == 1 { continue }
      set(x: dot.x, y: dot.y, style: style, symbol: symbol)
      if thick && mode == .braille {
        set(x: dot.x + 1, y: dot.y, style: style)
        set(x: dot.x, y: dot.y + 1, style: style)
        set(x: dot.x + 1, y: dot.y + 1, style: style)
      }
    }
  }

  /// A single line, solid unless said otherwise.
  public mutating func line(
    from start: (x: Int, y: Int), to end: (x: Int, y: Int), style: Style = .plain,
    symbol: Unicode.Scalar? = nil, pattern: LinePattern = .solid, thick: Bool = false
  ) {
    var phase = 0
    line(from: start, to: end, style: style, symbol: symbol, pattern: pattern, thick: thick, phase: &phase)
  }

  /// The dots of the line from `start` to `end`, in order, both ends included, made as they
  /// are walked (a chart draws thousands of segments a frame; an array each cost an
  /// allocation).
  /// - SeeAlso: Bresenham 1965; the all-octant integer form.
  static func bresenham(from start: (x: Int, y: Int), to end: (x: Int, y: Int)) -> BresenhamLine {
    BresenhamLine(from: start, to: end)
  }

  // MARK: - Output

  /// The cell at (column, row), or nil when nothing was drawn there.
  public func cell(column: Int, row: Int) -> Cell? {
    guard column >= 0, row >= 0, column < columns, row < rows else { return nil }
    let i = row * columns + column
    switch mode {
    case .braille:
      guard masks[i] != 0 else { return nil }
      return Cell(Unicode.Scalar(0x2800 + UInt32(masks[i]))!, style: styles[i])
    case .ascii:
      guard let symbol = symbols[i] else { return nil }
      return Cell(symbol, style: styles[i])
    }
  }

  /// Copies the drawn cells into `buffer` with the canvas's top-left at `area`'s, clipped to `area`;
  /// empty cells are left as they are, so a canvas can be drawn over a background.
  public func render(in area: Rect, into buffer: inout Buffer) {
    for row in 0..<min(rows, area.height) {
      for column in 0..<min(columns, area.width) {
        if let cell = cell(column: column, row: row) { buffer[area.x + column, area.y + row] = cell }
      }
    }
  }
}

/// The dots of one straight line, walked with Bresenham's all-octant integer algorithm.
struct BresenhamLine: Sequence, IteratorProtocol {
  private var x: Int
  private var y: Int
  private let end: (x: Int, y: Int)
  private let dx: Int
  private let dy: Int
  private let sx: Int
  private let sy: Int
  private var err: Int
  private var done = false

  init(from start: (x: Int, y: Int), to end: (x: Int, y: Int)) {
    (x, y) = start
    self.end = end
    dx = abs(end.x - start.x)
    dy = -abs(end.y - start.y)
    sx = start.x < end.x ? 1 : -1
    sy = start.y < end.y ? 1 : -1
    err = dx + dy
  }

  mutating func next() -> (x: Int, y: Int)? {
    guard !done else { return nil }
    let dot = (x: x, y: y)
    if x == end.x && y == end.y {
      done = true
      return dot
    }
    let e2 = 2 * err
    if e2 >= dy {
      err += dy
      x += sx
    }
    if e2 <= dx {
      err += dx
      y += sy
    }
    return dot
  }
}
