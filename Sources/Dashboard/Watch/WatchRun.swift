import TrainingRuns

/// One followed log shown as a run: a file, standard input, or a run found in a log directory.
///
/// The points are kept per metric, in arrival order (`columns`), not as rows: a chart reads one
/// metric of every run each frame, and 200 runs of 10 000 steps must neither cost a dictionary
/// per row in memory nor a lookup per row per frame.
public struct WatchRun: Sendable, Equatable {
  /// The name in the header, legends and runs panel (`metrics.csv`, `a/metrics.csv`, `stdin`,
  /// `lightning_logs/version_3`), already made safe for the terminal.
  public var name: String
  /// The run's settings (hparams.yaml, config.json), for legends that say what differs.
  public var settings: [String: String] = [:]
  /// Metric names in first-seen order, the unreadable line count and the x unit.
  public var log = MetricLog()
  /// Rows read from the log's current content.
  public var rowCount = 0
  /// Each metric's points, x as logged (0-based epoch, or step).
  public var columns: [String: [Point]] = [:]
  public var status: LogStatus
  /// How often the log was truncated or replaced and read again from the start (or, for an
  /// epoch log, started again at an earlier epoch: a run appended to the same file).
  public var resets = 0
  /// The last read error (e.g. permission denied), shown until the log reads again.
  public var error: String?
  /// The run's own (train, validation) pairs, kept in step with `log.metricNames`.
  public internal(set) var pairs: [MetricPair] = []
  /// The smallest and largest finite x appended (kept as points arrive: a frame must not scan
  /// every point of every run to find the axis).
  public private(set) var xRange: ClosedRange<Double>?
  /// Drawn on top and never filtered out (`v` in the runs panel).
  public var pinned = false
  /// Not drawn (`h`; `H` shows every hidden run again).
  public var hidden = false

  /// One point of a metric: x (epoch or step) and value.
  public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double
  }

  public init(name: String, status: LogStatus = .waitingForFile, settings: [String: String] = [:]) {
    self.name = name
    self.status = status
    self.settings = settings
  }

  /// One metric's points as the chart wants them.
  public func series(_ metric: String) -> [(x: Double, y: Double)] {
    (columns[metric] ?? []).map { ($0.x, $0.y) }
  }

  /// The most points a metric keeps, and the most metrics a run keeps: a log followed for ever
  /// (`yes '{"loss": 1}' | traintop watch -`) must keep its memory flat. Past the cap a column
  /// drops every other point (the latest stays), so older stretches grow sparser; a chart shows
  /// a few hundred points per curve anyway.
  static let maximumPoints = 50_000
  static let maximumMetrics = MetricLog.maximumMetrics

  /// Appends rows to the columns.
  mutating func append(_ rows: [MetricRow]) {
    for row in rows {
      if row.step.isFinite {
        xRange = min(xRange?.lowerBound ?? row.step, row.step)...max(xRange?.upperBound ?? row.step, row.step)
      }
      for (name, value) in row.values {
        let key = sanitizedName(name)
        guard columns[key] != nil || columns.count < Self.maximumMetrics else { continue }
        columns[key, default: []].append(Point(x: row.step, y: value))
        if columns[key]!.count > Self.maximumPoints {
          let points = columns[key]!
          columns[key] = points.enumerated().filter { $0.offset % 2 == 1 || $0.offset == points.count - 1 }
            .map(\.element)
        }
      }
    }
    rowCount += rows.count
  }

  /// Forgets the points (a reset).
  mutating func clearPoints() {
    columns = [:]
    rowCount = 0
    xRange = nil
  }

  /// The pair of this run that a chart of `name` shows (runs name a quantity their own way).
  func pair(named name: String) -> MetricPair? { pairs.first { $0.name == name } }

  /// The last x appended, of any metric.
  var lastX: Double? {
    columns.values.compactMap { $0.last?.x }.max()
  }
}
