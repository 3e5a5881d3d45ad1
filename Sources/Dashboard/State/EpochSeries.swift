import NeuralEngine

/// A run's epochs as the dashboard keeps them: every one up to ``cap``, then thinned so that
/// memory and the cost of a frame stay flat however long the run (a soak of a million epochs).
///
/// Charts need a few points per column, not a million, but they must not lose what matters:
/// the epochs are grouped in buckets of consecutive epochs, and each bucket keeps the epochs
/// holding its lowest and highest loss, accuracy, validation loss and validation accuracy
/// (min–max decimation, as `Decimation.minMax`), so spikes and dips survive. Past the cap the
/// buckets double in size and are chosen again from what they kept, which loses nothing more:
/// the extremes of two buckets are among the extremes each kept. The best epochs (validation
/// accuracy and loss) and the latest are therefore always present, and are also tracked exactly.
struct EpochSeries: Equatable, Sendable {
  /// The most epochs kept before thinning: 8192 (450 KB), more than any chart has columns.
  static let cap = 8192

  /// Epochs appended in all.
  private(set) var count = 0
  /// The latest epoch.
  private(set) var last: EpochMetrics?
  /// The epoch with the highest validation accuracy (the first on ties).
  private(set) var bestAccuracy: EpochMetrics?
  /// The epoch with the lowest validation loss (the first on ties).
  private(set) var bestLoss: EpochMetrics?

  /// The extremes of every closed bucket, in epoch order.
  private var closed: [EpochMetrics] = []
  /// The extremes of the bucket being filled.
  private var open: [EpochMetrics] = []
  /// Epochs per bucket (1 until the first thinning).
  private var bucketSize = 1

  /// The kept epochs in order, ending with the latest: all of them for a run of up to ``cap``.
  var kept: [EpochMetrics] {
    guard let last, open.last != last else { return closed + open }
    return closed + open + [last]
  }

  mutating func append(_ m: EpochMetrics) {
    count += 1
    if m.valAccuracy.isFinite, bestAccuracy.map({ m.valAccuracy > $0.valAccuracy }) ?? true {
      bestAccuracy = m
    }
    if m.valLoss.isFinite, bestLoss.map({ m.valLoss < $0.valLoss }) ?? true { bestLoss = m }
    if let previous = open.last, previous.epoch / bucketSize != m.epoch / bucketSize {
      closed += open
      open = []
      if closed.count > Self.cap { thin(before: m) }
    }
    open = Self.extremes(of: open + [m])
    last = m
  }

  /// Doubles the bucket size until the closed buckets fit in half the cap, choosing each new
  /// bucket's extremes from the two it joins; what falls in `next`'s bucket opens again.
  private mutating func thin(before next: EpochMetrics) {
    while closed.count > Self.cap / 2 {
      bucketSize *= 2
      var merged: [EpochMetrics] = []
      var group: [EpochMetrics] = []
      for m in closed {
        if let first = group.first, first.epoch / bucketSize != m.epoch / bucketSize {
          merged += Self.extremes(of: group)
          group = []
        }
        group.append(m)
      }
      closed = merged + Self.extremes(of: group)
    }
    while let m = closed.last, m.epoch / bucketSize == next.epoch / bucketSize {
      open.insert(closed.removeLast(), at: 0)
    }
  }

  /// The epochs of `group` (in epoch order) holding its lowest and highest value of each metric;
  /// the first one when no value is finite.
  static func extremes(of group: [EpochMetrics]) -> [EpochMetrics] {
    guard group.count > 2 else { return group }
    var chosen = Set<Int>()
    let metrics: [(EpochMetrics) -> Double] = [\.loss, \.accuracy, \.valLoss, \.valAccuracy]
    for value in metrics {
      let finite = group.indices.filter { value(group[$0]).isFinite }
      if let low = finite.min(by: { value(group[$0]) < value(group[$1]) }) { chosen.insert(low) }
      if let high = finite.max(by: { value(group[$0]) < value(group[$1]) }) { chosen.insert(high) }
    }
    if chosen.isEmpty { chosen.insert(0) }
    return chosen.sorted().map { group[$0] }
  }
}
