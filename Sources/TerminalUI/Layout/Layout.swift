/// How much of a layout's length one slot asks for.
public enum Constraint: Hashable, Sendable {
  /// Exactly this many cells (less only when the area is too small).
  case length(Int)
  /// This percentage of the length left after gaps, rounded down.
  case percentage(Int)
  /// A share of whatever the fixed and percentage slots leave, proportional to the weight.
  case fill(Int)

  /// A fill slot of weight 1.
  public static var fill: Constraint { .fill(1) }
}

/// The axis a `Layout` splits along.
public enum Direction: Hashable, Sendable {
  /// Slots side by side, left to right.
  case horizontal
  /// Slots stacked, top to bottom.
  case vertical
}

/// Splits a `Rect` into slots along one direction, like ratatui's `Layout`.
///
/// Fixed lengths and percentages are served first, in order, so a too-small area shortens the
/// last slots rather than all of them; fill slots share the rest by weight, and the cells a
/// division leaves over go to the first fill slots. Slots never extend past the area, so a
/// widget can trust the rect it is given.
public struct Layout: Hashable, Sendable {
  public var direction: Direction
  public var constraints: [Constraint]
  /// Empty cells between neighbouring slots.
  public var gap: Int

  public init(_ direction: Direction, _ constraints: [Constraint], gap: Int = 0) {
    self.direction = direction
    self.constraints = constraints
    self.gap = max(0, gap)
  }

  /// A left-to-right layout.
  public static func horizontal(_ constraints: [Constraint], gap: Int = 0) -> Layout {
    Layout(.horizontal, constraints, gap: gap)
  }

  /// A top-to-bottom layout.
  public static func vertical(_ constraints: [Constraint], gap: Int = 0) -> Layout {
    Layout(.vertical, constraints, gap: gap)
  }

  /// One rect per constraint, in order.
  public func split(_ area: Rect) -> [Rect] {
    let total = direction == .horizontal ? area.width : area.height
    let sizes = Layout.sizes(for: constraints, total: total, gap: gap)
    var rects: [Rect] = []
    var offset = 0
    for size in sizes {
      let start = min(offset, total)
      let length = max(0, min(size, total - start))
      switch direction {
      case .horizontal:
        rects.append(Rect(x: area.x + start, y: area.y, width: length, height: area.height))
      case .vertical:
        rects.append(Rect(x: area.x, y: area.y + start, width: area.width, height: length))
      }
      offset = start + length + gap
    }
    return rects
  }

  /// The length of each slot when `total` cells (gaps included) are available.
  static func sizes(for constraints: [Constraint], total: Int, gap: Int) -> [Int] {
    let usable = max(0, total - gap * max(0, constraints.count - 1))
    var sizes = Array(repeating: 0, count: constraints.count)
    var remaining = usable
    for (i, constraint) in constraints.enumerated() {
      let wanted: Int
      switch constraint {
      case .length(let n): wanted = max(0, n)
      case .percentage(let p): wanted = usable * min(max(0, p), 100) / 100
      case .fill: continue
      }
      sizes[i] = min(wanted, remaining)
      remaining -= sizes[i]
    }
    let weights = constraints.map { constraint -> Int in
      if case .fill(let w) = constraint { return max(0, w) }
      return 0
    }
    let weightSum = weights.reduce(0, +)
    guard weightSum > 0 else { return sizes }
    var handedOut = 0
    for (i, w) in weights.enumerated() where w > 0 {
      sizes[i] = remaining * w / weightSum
      handedOut += sizes[i]
    }
    var leftover = remaining - handedOut
    for (i, w) in weights.enumerated() where w > 0 && leftover > 0 {
      sizes[i] += 1
      leftover -= 1
    }
    return sizes
  }
}

extension Rect {
  /// Splits this rect with a `Layout` built from the arguments.
  public func split(_ direction: Direction, _ constraints: [Constraint], gap: Int = 0) -> [Rect] {
    Layout(direction, constraints, gap: gap).split(self)
  }

  /// A `width` × `height` rect centred in this one (shrunk to fit).
  public func centered(width: Int, height: Int) -> Rect {
    let w = min(max(0, width), self.width)
    let h = min(max(0, height), self.height)
    return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
  }
}
