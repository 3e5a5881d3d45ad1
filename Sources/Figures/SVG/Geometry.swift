/// A point in SVG user units (y grows downwards).
struct Point: Equatable {
  var x: Double
  var y: Double
}

/// An axis-aligned rectangle in SVG user units.
struct Box: Equatable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  var maxX: Double { x + width }
  var maxY: Double { y + height }
  var midX: Double { x + width / 2 }
  var midY: Double { y + height / 2 }

  func insetBy(_ d: Double) -> Box { Box(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }

  func intersects(_ other: Box) -> Bool {
    x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
  }

  func contains(_ other: Box) -> Bool {
    other.x >= x && other.maxX <= maxX && other.y >= y && other.maxY <= maxY
  }

  /// Does the segment `a`–`b` pass through this box? (Liang–Barsky clipping.)
  /// - SeeAlso: Liang & Barsky 1984, "A New Concept and Method for Line Clipping".
  func intersects(segmentFrom a: Point, to b: Point) -> Bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y)
    var (t0, t1) = (0.0, 1.0)
    for (p, q) in [(-dx, a.x - x), (dx, maxX - a.x), (-dy, a.y - y), (dy, maxY - a.y)] {
      if p == 0 {
        if q < 0 { return false }
      } else {
        let t = q / p
        if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
        if t0 > t1 { return false }
      }
    }
    return true
  }
}

/// Puts a small label next to a point where it stays inside the plot and covers as little as
/// possible: no other label or marker, and as few curve segments as it can.
enum LabelPlacement {
  /// The box for a `width`×`height` label near `anchor`, trying the preferred side first
  /// (below a minimum, above a maximum), then the diagonals and sides, then one step further out.
  static func place(
    width: Double, height: Double, near anchor: Point, preferAbove: Bool, within plot: Box,
    avoiding occupied: [Box], segments: [(Point, Point)]
  ) -> Box {
    let gap = 8.0
    // Only segments near the anchor can touch a candidate (the farthest ring reaches this far).
    let reach = width + 3 * height + 2 * gap
    let near = Box(x: anchor.x - reach, y: anchor.y - reach, width: 2 * reach, height: 2 * reach)
    let segments = segments.filter { a, b in
      max(a.x, b.x) >= near.x && min(a.x, b.x) <= near.maxX && max(a.y, b.y) >= near.y
        && min(a.y, b.y) <= near.maxY
    }
    var best: (score: Double, box: Box)?
    for ring in 0..<3 {
      let g = gap + Double(ring) * (height + 2)
      let below = Box(x: anchor.x - width / 2, y: anchor.y + g, width: width, height: height)
      let above = Box(x: anchor.x - width / 2, y: anchor.y - g - height, width: width, height: height)
      let right = Box(x: anchor.x + g, y: anchor.y - height / 2, width: width, height: height)
      let left = Box(x: anchor.x - g - width, y: anchor.y - height / 2, width: width, height: height)
      func shifted(_ b: Box, _ dx: Double) -> Box { Box(x: b.x + dx, y: b.y, width: width, height: height) }
      let under = [below, shifted(below, width / 2 + 2), shifted(below, -width / 2 - 2)]
      let over = [above, shifted(above, width / 2 + 2), shifted(above, -width / 2 - 2)]
      let candidates = (preferAbove ? over : under) + [right, left] + (preferAbove ? under : over)
      for (order, box) in candidates.enumerated() {
        let hits = segments.filter { box.insetBy(-1).intersects(segmentFrom: $0.0, to: $0.1) }.count
        let overlaps = occupied.filter { $0.intersects(box.insetBy(-1)) }.count
        let score =
          (plot.contains(box) ? 0 : 1000) + Double(overlaps) * 100 + Double(hits) * 10 + Double(ring) * 6
          + Double(order) * 0.1
        if best == nil || score < best!.score { best = (score, box) }
      }
    }
    return best!.box
  }
}
