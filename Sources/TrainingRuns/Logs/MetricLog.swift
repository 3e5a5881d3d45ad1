import NeuralEngine

/// One row of a training log: an epoch (or step) and any named metrics.
///
/// The common shape of Keras `CSVLogger` files, JSON-lines logs and our own
/// `metrics.csv`, so the store, `watch` and `export` share one reader.
public struct MetricRow: Sendable, Equatable {
  /// The x value: the 0-based epoch (or the step, for step-indexed logs).
  public var step: Double
  /// Metric name → value (NaN for `NA`/`nan`).
  public var values: [String: Double]

  public init(step: Double, values: [String: Double]) {
    self.step = step
    self.values = values
  }
}

/// A whole log: rows in file order plus the metric names seen, in first-seen order.
public struct MetricLog: Sendable, Equatable {
  public var metricNames: [String]
  public var rows: [MetricRow]
  /// Lines that could not be read (counted, never fatal).
  public var malformedLines: Int
  /// Whether the x values are step numbers (JSON lines with `step`) rather than 0-based epochs:
  /// epochs are shown 1-based, as Keras's progress output and the dashboard count them, steps as
  /// they are.
  public var xIsStep = false
  /// Rows read but no longer kept: a followed log is thinned past ``maximumRows`` (see
  /// `append(_:names:)`).
  public private(set) var thinnedRows = 0
  /// Past the cap, one row in `keepEvery` is kept (it doubles at each thinning, which cannot
  /// happen 63 times before 2⁶³ rows are read); `readSinceKept` counts towards the next, and
  /// the latest row read stands in at the end until that one replaces it.
  private var keepEvery = 1
  private var readSinceKept = 0
  private var lastIsStandIn = false

  /// The most metrics a log keeps: a header or JSON records may name any number of them, and
  /// only a few can be charted.
  public static let maximumMetrics = 256
  /// The most rows a followed log keeps: past it, every other row is dropped, so
  /// `yes '{"loss": 1}' | traintop watch -` keeps its memory flat; charts show a few hundred
  /// points per curve anyway.
  public static let maximumRows = 50_000

  /// Rows read in all: those kept and those thinned out.
  public var rowsRead: Int { rows.count + thinnedRows }

  /// Equal contents (how the thinning goes on does not count).
  public static func == (a: MetricLog, b: MetricLog) -> Bool {
    a.metricNames == b.metricNames && a.rows == b.rows && a.malformedLines == b.malformedLines
      && a.thinnedRows == b.thinnedRows && a.xIsStep == b.xIsStep
  }

  public init(metricNames: [String] = [], rows: [MetricRow] = [], malformedLines: Int = 0) {
    self.metricNames = metricNames
    self.rows = rows
    self.malformedLines = malformedLines
  }

  /// Appends rows, adding new metric names in first-seen order.
  ///
  /// Past ``maximumRows`` the rows are thinned as the dashboard thins its batch points: every
  /// other one is dropped and from then on one row in two (then four…) is kept, evenly spaced,
  /// the latest row always shown until the next kept one replaces it. A log followed for ever
  /// takes bounded memory.
  public mutating func append(_ newRows: [MetricRow], names: [String], xIsStep: Bool? = nil) {
    if let xIsStep { self.xIsStep = xIsStep }
    if metricNames != names {
      let known = Set(metricNames)
      for name in names where !known.contains(name) { metricNames.append(name) }
    }
    for row in newRows {
      readSinceKept += 1
      let onStride = readSinceKept >= keepEvery
      if lastIsStandIn {
        rows[rows.count - 1] = row
        thinnedRows += 1
      } else {
        rows.append(row)
      }
      lastIsStandIn = !onStride
      if onStride { readSinceKept = 0 }
      // Right after a kept row: keep it and every other one before it.
      guard onStride, rows.count >= Self.maximumRows else { continue }
      let kept = stride(from: (rows.count - 1) % 2, to: rows.count, by: 2).map { rows[$0] }
      thinnedRows += rows.count - kept.count
      rows = kept
      keepEvery *= 2
    }
  }

  /// The values of one metric as (step, value) points, skipping rows without it.
  public func series(_ name: String) -> [(x: Double, y: Double)] {
    rows.compactMap { row in row.values[name].map { (row.step, $0) } }
  }

  /// Pairs each metric with its validation counterpart (`val_loss`, `Loss/val`, `eval/loss`…, see
  /// ``MetricPairing``): `[("loss", "val_loss"), ("accuracy", …)]`, then unpaired metrics alone.
  public var metricPairs: [(train: String?, validation: String?)] {
    MetricPairing.pairs(metricNames).map { ($0.train, $0.validation) }
  }

  /// The log cut where its epoch starts again at 0: Keras's `CSVLogger(append=True)` adds each
  /// new run to the same file, without a header, so one file can hold several runs. A
  /// step-indexed log is never cut (a restarted step is a resumed run, as TensorBoard shows it).
  public var runsAppended: [MetricLog] {
    guard !xIsStep else { return [self] }
    var parts: [MetricLog] = []
    var current: [MetricRow] = []
    for row in rows {
      if row.step == 0, let last = current.last, last.step > 0 {
        parts.append(part(current))
        current = []
      }
      current.append(row)
    }
    parts.append(part(current))
    return parts
  }

  private func part(_ rows: [MetricRow]) -> MetricLog {
    var log = MetricLog(metricNames: metricNames, rows: rows, malformedLines: malformedLines)
    log.xIsStep = xIsStep
    return log
  }

  /// Epoch rows in the engine's terms (for logs with loss/accuracy columns). A row whose epoch
  /// is no whole number an `Int` holds (`1e300`, written by another program) is left out.
  public var epochMetrics: [EpochMetrics] {
    rows.compactMap { r in
      guard let epoch = Int(exactly: r.step.rounded(.down)) else { return nil }
      return EpochMetrics(
        epoch: epoch, loss: r.values["loss"] ?? .nan, accuracy: r.values["accuracy"] ?? .nan,
        valLoss: r.values["val_loss"] ?? .nan, valAccuracy: r.values["val_accuracy"] ?? .nan,
        seconds: r.values["seconds"] ?? .nan, learningRate: r.values["learning_rate"] ?? .nan)
    }
  }
}
