/// Shrinks long series for display while keeping their shape.
///
/// A chart can only show a couple of points per column; thousands of batch losses would
/// cost memory and render time for nothing. Min–max decimation keeps, for each of `buckets`
/// equal x ranges, the lowest and the highest point (in x order), so spikes and dips survive.
public enum Decimation {
  /// At most `2 × buckets` points of `points` (which should be sorted by x): the minimum and
  /// maximum y of each x bucket. Points with a non-finite coordinate are dropped; short series
  /// are returned unchanged.
  public static func minMax(_ points: [(x: Double, y: Double)], buckets: Int) -> [(x: Double, y: Double)] {
    let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
    guard buckets > 0, finite.count > 2 * buckets else { return finite }
    let xs = finite.map(\.x)
    let lo = xs.min()!
    let hi = xs.max()!
    guard hi > lo else { return [finite.min { $0.y < $1.y }!, finite.max { $0.y < $1.y }!] }
    var minIndex = [Int?](repeating: nil, count: buckets)
    var maxIndex = [Int?](repeating: nil, count: buckets)
    // Halved, so that the span of two values near ±Double.greatestFiniteMagnitude stays finite.
    let span = hi / 2 - lo / 2
    for (i, p) in finite.enumerated() {
      let b = min(buckets - 1, max(0, Int((p.x / 2 - lo / 2) / span * Double(buckets))))
      if minIndex[b].map({ finite[$0].y > p.y }) ?? true { minIndex[b] = i }
      if maxIndex[b].map({ finite[$0].y < p.y }) ?? true { maxIndex[b] = i }
    }
    var kept: [Int] = []
    for b in 0..<buckets {
      guard let a = minIndex[b], let c = maxIndex[b] else { continue }
      kept.append(min(a, c))
      if a != c { kept.append(max(a, c)) }
    }
    return kept.map { finite[$0] }
  }
}
