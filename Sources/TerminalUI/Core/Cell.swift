/// One terminal cell: a Unicode scalar and its style.
///
/// Most of what traintop draws (ASCII, box drawing, braille, block elements) takes one column.
/// Text from outside may hold wide characters (CJK, most emoji), which a terminal draws over two
/// columns: the buffer stores such a character in its first cell and ``continuation`` in the
/// second, so columns stay where they are (see `Buffer`'s subscript).
public struct Cell: Hashable, Sendable {
  public var character: Unicode.Scalar
  public var style: Style

  public init(_ character: Unicode.Scalar = " ", style: Style = .plain) {
    self.character = character
    self.style = style
  }

  public static let blank = Cell()

  /// The second column of a wide character. Its scalar is NUL, which text never reaches the
  /// buffer as (controls are replaced, see `TerminalSafe`); backends skip it and `lines`
  /// leaves it out.
  public static let continuation = Cell("\u{0}")

  /// Whether this cell is the second column of the wide character before it.
  public var isContinuation: Bool { character == "\u{0}" }
}
