/// A rectangle of terminal cells: column `x`, row `y`, `width` × `height`.
///
/// Widgets render inside a `Rect` of a `Buffer`; layouts split one `Rect` into several.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  public var left: Int { x }
  public var top: Int { y }
  /// One past the last column.
  public var right: Int { x + width }
  /// One past the last row.
  public var bottom: Int { y + height }
  public var isEmpty: Bool { width == 0 || height == 0 }
  public var area: Int { width * height }

  /// The rectangle shrunk by `margin` cells on every side (never negative).
  public func inset(by margin: Int) -> Rect {
    Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
  }

  /// The overlap of two rectangles (empty when they do not meet).
  public func intersection(_ other: Rect) -> Rect {
    let x0 = max(x, other.x)
    let y0 = max(y, other.y)
    let x1 = min(right, other.right)
    let y1 = min(bottom, other.bottom)
    return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
  }

  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < right && py >= y && py < bottom
  }

  public var description: String { "Rect(x: \(x), y: \(y), w: \(width), h: \(height))" }
}
