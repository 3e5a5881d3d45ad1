import TerminalUI
import TrainingRuns

/// Everything `traintop watch` shows, changed only by `update(_:)`.
///
/// Like `DashboardState`, but over logs written by someone else: no settings, no training, one
/// run per followed log, one chart per metric pair found in the logs.
public struct WatchState: Sendable, Equatable {
  public var runs: [WatchRun]
  /// Problems found while looking for runs (a folder that cannot be read), for the status line.
  public var problems: [String] = []
  /// Whether runs come from a directory (they may appear later; the runs panel is shown).
  public var followsDirectory = false

  // MARK: Many runs
  /// The filter typed after `/`: a glob (`*lr0.1*`) or a regular expression over run and metric
  /// names; empty shows everything.
  public var filter = ""
  /// Whether `/` is being typed (keys go to the filter).
  public var editingFilter = false
  /// The run the runs panel's cursor is on (an index into `runs`).
  public var selectedRun = 0

  // MARK: Display options
  public var showHelp = false
  /// Raw curves dimmed under their smoothed versions (epoch logs rarely need it: off by default).
  public var smoothing = false
  /// Fit the y axis to the later 90 % of each log (`r` toggles): an early spike is clipped and
  /// marked instead of squeezing the rest.
  public var robustRange = true
  public var logScale = false
  public var ascii: Bool
  public var color: Bool
  /// The terminal's background, for colours that read on it (see `Theme`).
  public var background = TerminalBackground.dark

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
  /// Only metrics the filter matches (all of them when it matches no metric name).
  public var metricPanels: [MetricPanel] {
    let all = MetricPair.merged(runs.map(\.log))
    let matcher = NameFilter(filter)
    let matching = all.filter { p in
      [p.name, p.train, p.validation].contains { $0.map(matcher.matches) ?? false }
    }
    let panels = matcher.isEmpty || matching.isEmpty ? all : matching
    func rank(_ p: MetricPanel) -> Int {
      if p.name.lowercased() == "loss" { return 0 }
      if p.name.lowercased() == "accuracy" || p.name.lowercased() == "acc" { return 1 }
      // Hugging Face's bookkeeping (eval_runtime, train_samples_per_second, total_flos) last.
      if ["runtime", "per_second", "flos"].contains(where: p.name.contains) { return 4 }
      return p.train != nil && p.validation != nil ? 2 : 3
    }
    return panels.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
      .map(\.element)
  }
}

extension WatchState {
  /// The runs drawn on the charts, in order: not hidden, and matching the filter (every run when
  /// the filter matches no run name, since it then filters metrics); pinned runs always.
  public var visibleRunIndices: [Int] {
    let matcher = NameFilter(filter)
    let keys = differingSettingKeys
    let matching = runs.map { matcher.matches($0.name) || matcher.matches(label(of: $0, keys: keys)) }
    let anyRunMatches = !matcher.isEmpty && matching.contains(true)
    return runs.indices.filter { i in
      if runs[i].pinned { return true }
      if runs[i].hidden { return false }
      return !anyRunMatches || matching[i]
    }
  }
}

/// One chart of `watch`: a metric and its `val_` twin (either may be missing).
public typealias MetricPanel = MetricPair

extension MetricPair {
  /// Whether larger values are better (accuracy, AUC, precision…); the best-epoch marker then
  /// marks the maximum rather than the minimum (the minimum for metrics of unknown direction).
  public var higherIsBetter: Bool { goal == .maximize }
}
