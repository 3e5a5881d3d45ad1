import TerminalUI
import TrainingRuns

/// One followed log shown as a run: a file, or standard input.
public struct WatchRun: Sendable, Equatable {
  /// The name in the header and legends (`metrics.csv`, `a/metrics.csv`, `stdin`).
  public var name: String
  /// Everything read from the log's current content.
  public var log = MetricLog()
  public var status: LogStatus
  /// How often the log was truncated or replaced and read again from the start.
  public var resets = 0
  /// The last read error (e.g. permission denied), shown until the log reads again.
  public var error: String?

  public init(name: String, status: LogStatus = .waitingForFile) {
    self.name = name
    self.status = status
  }
}

/// Everything `traintop watch` shows, changed only by `update(_:)`.
///
/// Like `DashboardState`, but over logs written by someone else: no settings, no training, one
/// run per followed log, one chart per metric pair found in the logs.
public struct WatchState: Sendable, Equatable {
  public var runs: [WatchRun]
  /// The runs directory being watched for new runs, if any (named while it has none yet).
  public var runsDirectory: String?

  // MARK: Display options
  public var showHelp = false
  /// Raw curves dimmed under their smoothed versions (epoch logs rarely need it: off by default).
  public var smoothing = false
  public var logScale = false
  public var ascii: Bool
  public var color: Bool

  // MARK: Terminal
  public var width: Int
  public var height: Int
  /// Bumped whenever something visible changed, so the runtime redraws only then.
  public internal(set) var revision = 0
  public internal(set) var shouldQuit = false

  /// Smoothing weight (TensorBoard's slider default).
  public static let smoothingWeight = 0.6
  /// Below this size watch shows "terminal too small" (the dashboard's minimum).
  public static let minimumSize = DashboardState.minimumSize
  /// At most this many charts are shown; the status line counts the rest.
  public static let maximumPanels = 4

  public init(runNames: [String], width: Int = 80, height: Int = 24, ascii: Bool = false, color: Bool = true)
  {
    runs = runNames.map { WatchRun(name: $0) }
    self.width = width
    self.height = height
    self.ascii = ascii
    self.color = color
  }

  /// Every metric pair in any run, best known first: loss, accuracy, then the others by first
  /// appearance; metrics without a validation twin come after the pairs.
  public var metricPanels: [MetricPanel] {
    let panels = MetricPair.merged(runs.map(\.log))
    func rank(_ p: MetricPanel) -> Int {
      if p.name == "loss" { return 0 }
      if p.name == "accuracy" || p.name == "acc" { return 1 }
      return p.train != nil && p.validation != nil ? 2 : 3
    }
    return panels.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
      .map(\.element)
  }
}

/// One chart of `watch`: a metric and its `val_` twin (either may be missing).
public typealias MetricPanel = MetricPair

extension MetricPair {
  /// Whether larger values are better (accuracy, AUC, precision…); the best-epoch marker then
  /// marks the maximum rather than the minimum (the minimum for metrics of unknown direction).
  public var higherIsBetter: Bool { goal == .maximize }
}
