/// One terminal cell: a single-width Unicode scalar and its style.
///
/// traintop draws only single-width characters (ASCII, box drawing, braille,
/// block elements), so one scalar per cell keeps the buffer simple and fast to diff.
public struct Cell: Hashable, Sendable {
  public var character: Unicode.Scalar
  public var style: Style

  public init(_ character: Unicode.Scalar = " ", style: Style = .plain) {
    self.character = character
    self.style = style
  }

  public static let blank = Cell()
}
