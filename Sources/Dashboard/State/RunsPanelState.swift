import NeuralEngine
import TrainingRuns

/// The runs panel's own state: runs read back from the runs directory, which runs are pinned to
/// the charts or hidden, the sort order, the compare view, and the sweep queue.
public struct RunsPanelState: Sendable, Equatable {
  /// The runs directory: stored runs come from it and `e` exports into it.
  public var directory = RunStore.defaultDirectory
  /// Runs read from `directory` at start, oldest first; their ids are −1, −2, … (see `RunRecord.label`).
  public var stored: [RunRecord] = []
  /// Directories that could not be read, one line each (reported, never fatal).
  public var problems: [String] = []
  /// Runs overlaid on the charts whatever their age (`v`).
  public var pinned: Set<Int> = []
  /// Runs left out of the charts and the panel's list (`h`), unless `showHidden` (`H`).
  public var hidden: Set<Int> = []
  public var showHidden = false
  /// The panel's order (`S`); nil is oldest first.
  public var sort: RunComparison.SortKey?
  /// The compare table replaces the charts (`c`).
  public var comparing = false
  /// Settings typed as comma lists (`batch size: 100,500,1000`), waiting for `g`.
  public var sweepLists: [SettingField: [String]] = [:]
  /// Queued settings of a sweep, started in order as running runs end.
  public var queue: [Hyperparameters] = []
  /// How many runs of a sweep train at once (`traintop --jobs`; the command's default is one per
  /// core). Each run is single-threaded, so each takes one core; live keys act on the latest.
  public var jobs = 1
  /// Runs in the current sweep, and how many of them have started.
  public var sweepTotal = 0
  public var sweepStarted = 0

  public init() {}
}

extension RunRecord {
  /// A session run as read back from disk: its epochs, summary and phase.
  init(stored run: StoredRun, id: Int) {
    self.init(id: id, settings: run.config)
    storedID = run.id
    for m in run.log.epochMetrics { append(m) }
    summary = run.summary
    summary?.epochs = []  // in `epochs` already (thinned for a long run)
    changes = run.summary.changes
    switch run.summary.status {
    case .finished: phase = .finished
    case .diverged: phase = .diverged
    case .stopped, .running: phase = .stopped
    }
    message = run.summary.reason ?? (run.summary.status == .running ? "incomplete" : nil)
  }

  /// `3` for this session's run 3, `s3` for the third stored run.
  public var label: String { storedID != nil ? "s\(-id)" : "\(id)" }

  /// The run's summary so far (a running run has none yet), for comparing and sorting.
  var summarySoFar: RunSummary {
    if var s = summary {
      s.epochs = epochs
      s.changes = changes
      return s
    }
    var s = RunSummary(
      status: .running, reason: nil, epochs: epochs, config: settings, trainCount: info?.trainCount ?? 0,
      validationCount: info?.validationCount ?? 0)
    s.changes = changes
    return s
  }

  /// The panel's state word: the phase, or `early 12` for a run early stopping ended after epoch 12.
  var stateText: String {
    if let e = summary?.earlyStoppedEpoch { return "early \(e + 1)" }
    if storedID != nil && summary?.status == .running { return "partial" }
    return phase.rawValue.lowercased()
  }
}

extension DashboardState {
  /// Stored runs, then this session's runs.
  var allRuns: [RunRecord] { runsPanel.stored + runs }

  /// The rows of the runs panel: every run not hidden (all with `H`), in the chosen order.
  public var panelRuns: [RunRecord] {
    let shown = allRuns.filter { runsPanel.showHidden || !runsPanel.hidden.contains($0.id) }
    guard let key = runsPanel.sort else { return shown }
    return Self.sorted(shown, by: key)
  }

  /// `runs` best first by `key`, with `RunComparison`'s rules (runs without epochs last).
  static func sorted(_ runs: [RunRecord], by key: RunComparison.SortKey) -> [RunRecord] {
    let entries = runs.map {
      RunComparison.Entry(id: "\($0.id)", status: $0.stateText, config: $0.settings, summary: $0.summarySoFar)
    }
    let byID = Dictionary(uniqueKeysWithValues: runs.map { ("\($0.id)", $0) })
    return RunComparison(entries, sortedBy: key).entries.compactMap { byID[$0.id] }
  }

  /// The runs drawn dimmed under `charted`: pinned runs and (with `o`) this session's other runs,
  /// and always the runs training alongside it (a sweep running several at once shows them all).
  func overlaidRuns(under charted: RunRecord) -> [RunRecord] {
    allRuns.filter { run in
      run.id != charted.id && !run.epochs.isEmpty && !runsPanel.hidden.contains(run.id)
        && (overlayEarlierRuns && (runsPanel.pinned.contains(run.id) || run.storedID == nil)
          || run.phase.isActive)
    }
  }

  /// The runs of the compare view: the pinned ones and the selected one, or every listed run
  /// when that makes fewer than two.
  var comparedRuns: [RunRecord] {
    let listed = panelRuns
    let selectedID = focus == .runs && listed.indices.contains(selectedRun) ? listed[selectedRun].id : nil
    let chosen = listed.filter { runsPanel.pinned.contains($0.id) || $0.id == selectedID }
    return chosen.count >= 2 ? chosen : listed
  }
}
