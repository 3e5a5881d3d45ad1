import Figures
import NeuralEngine
import TerminalUI
import TrainingRuns

/// The runs panel's keys (`v` pin, `h` hide, `H` show hidden, `S` sort, `c` compare, `e` export,
/// `g` queue a sweep) and the messages that feed it (stored runs, export results, sweep progress).
extension DashboardState {
  /// Handles a runs-panel key; nil when `key` is not one of them (so the main dispatch goes on).
  mutating func handleRunsPanelKey(_ key: Key) -> [Effect]? {
    if runsPanel.comparing && (key == .escape || key == .character("c")) {
      runsPanel.comparing = false
      return []
    }
    switch key {
    case .character("c"):
      if comparedRuns.isEmpty {
        notice = "no runs to compare yet"
      } else {
        runsPanel.comparing = true
      }
    case .character("v"):
      guard let run = selectedPanelRun else { return [] }
      if runsPanel.pinned.remove(run.id) != nil {
        notice = "run \(run.label) unpinned"
      } else {
        runsPanel.pinned.insert(run.id)
        runsPanel.hidden.remove(run.id)
        overlayEarlierRuns = true
        notice = "run \(run.label) pinned: overlaid, dimmed, on the charts"
      }
    case .character("h") where focus == .runs:
      guard let run = selectedPanelRun else { return [] }
      keepingSelection {
        if $0.runsPanel.hidden.remove(run.id) != nil {
          $0.notice = "run \(run.label) shown again"
        } else {
          $0.runsPanel.hidden.insert(run.id)
          $0.runsPanel.pinned.remove(run.id)
          $0.notice = "run \(run.label) hidden (H shows hidden runs)"
        }
      }
    case .character("H"):
      keepingSelection {
        $0.runsPanel.showHidden.toggle()
        let n = $0.runsPanel.hidden.count
        $0.notice = $0.runsPanel.showHidden ? "showing \(n) hidden run(s), marked h" : "hidden runs left out"
      }
    case .character("S"):
      keepingSelection {
        let order: [RunComparison.SortKey?] = [nil, .best, .loss, .gap]
        let i = order.firstIndex(of: $0.runsPanel.sort) ?? 0
        $0.runsPanel.sort = order[(i + 1) % order.count]
        $0.notice = "runs sorted by \(Self.sortName($0.runsPanel.sort))"
      }
    case .character("e"):
      return export()
    case .character("g"):
      return queueSweep()
    default:
      return nil
    }
    return []
  }

  static func sortName(_ key: RunComparison.SortKey?) -> String {
    switch key {
    case nil: "age (oldest first)"
    case .best: "best val accuracy"
    case .loss: "min val loss"
    case .gap: "overfitting gap (train − val accuracy)"
    }
  }

  /// The highlighted run of the runs panel; nil (with a hint) unless the panel has focus.
  private var selectedPanelRun: RunRecord? {
    mutating get {
      let listed = panelRuns
      guard focus == .runs, listed.indices.contains(selectedRun) else {
        notice = "Tab to the Runs panel and select a run first"
        return nil
      }
      return listed[selectedRun]
    }
  }

  /// Applies `change` and moves the selection to follow the run it was on.
  private mutating func keepingSelection(_ change: (inout DashboardState) -> Void) {
    let before = panelRuns
    let id = before.indices.contains(selectedRun) ? before[selectedRun].id : nil
    change(&self)
    let after = panelRuns
    selectedRun = after.firstIndex { $0.id == id } ?? min(selectedRun, max(0, after.count - 1))
  }

  // MARK: - Stored runs

  mutating func loadStoredRuns(_ stored: [StoredRun], problems: [String]) {
    keepingSelection {
      $0.runsPanel.stored = stored.enumerated().map { RunRecord(stored: $1, id: -($0 + 1)) }
      $0.runsPanel.problems = problems
    }
    if runs.isEmpty { selectedRun = max(0, panelRuns.count - 1) }
    if let first = problems.first {
      notice = problems.count == 1 ? first : "\(problems.count) run directories skipped; first: \(first)"
    }
  }

  // MARK: - Export

  /// What is on screen: the charted run and the runs overlaid under it.
  private mutating func export() -> [Effect] {
    guard let charted = chartedRun else {
      notice = "nothing to export yet: start a run or select a stored one"
      return []
    }
    let shown = [charted] + overlaidRuns(under: charted)
    let base = shown[0].settings
    let figureRuns = shown.filter { !$0.epochs.isEmpty }.map { run in
      let diffs = SettingField.allCases.filter {
        $0 != .pace && $0 != .changes && $0.text(of: run.settings) != $0.text(of: base)
      }
      .map { "\($0.shortName) \($0.text(of: run.settings))" }
      let label = "run \(run.label)" + (diffs.isEmpty ? "" : " (\(diffs.joined(separator: ", ")))")
      let batches = run.info?.batchesPerEpoch ?? run.summary?.batchesPerEpoch ?? 1
      return FigureRun(
        label: label, epochs: run.epochs, marks: FigureMark.changes(run.changes, batchesPerEpoch: batches))
    }
    guard !figureRuns.isEmpty else {
      notice = "nothing to export yet: the charted run has no finished epoch"
      return []
    }
    return [
      .export(ExportRequest(runs: figureRuns, directory: runsPanel.directory, logScaleLoss: logScaleLoss))
    ]
  }

  // MARK: - Sweeps

  /// Takes a comma list typed into a setting (`100,500,1000`) as the values to sweep; false when
  /// `text` is a single value. Every value is checked; the settings take the first.
  mutating func acceptSweepList(_ field: SettingField, text: String) throws(DataError) -> Bool {
    guard field.isSweepable, text.contains(",") else { return false }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard parts.count >= 2, !parts.contains(where: \.isEmpty) else {
      throw DataError("\(field.label): separate the values to sweep with commas, e.g. 100,500,1000")
    }
    // Counted before anything is expanded, in the order the grid varies them.
    try SweepPlan.checkSize(
      SettingField.allCases.compactMap { f in
        f == field ? (f.label, parts.count) : runsPanel.sweepLists[f].map { (f.label, $0.count) }
      })
    var first: Hyperparameters?
    for part in parts {
      let candidate = try field.apply(part, to: settings)
      try candidate.validate()
      first = first ?? candidate
    }
    settings = first ?? settings
    runsPanel.sweepLists[field] = parts
    notice = "\(field.label): \(parts.count) values; g queues all \(sweepGrid().count) combinations"
    return true
  }

  /// Fills the sweep lists with a preset's or config's study (``SweepPlan``) and puts its first
  /// run in the settings; returns what to tell the user. Settings the panel does not show cannot
  /// be listed: the message then points to `traintop sweep`, which runs the whole study.
  @discardableResult
  public mutating func loadSweepPlan(_ plan: SweepPlan) -> String {
    var skipped: [String] = []
    for axis in plan.axes {
      guard let field = SettingField(settingKey: axis.key) else {
        skipped.append(axis.key)
        continue
      }
      runsPanel.sweepLists[field] = axis.values
    }
    let grid = sweepGrid()
    settings = grid.first ?? settings
    if runsPanel.sweepLists.isEmpty {
      return "its sweep of \(skipped.joined(separator: ", ")) runs with 'traintop sweep'; Space runs one"
    }
    var message = "g queues its \(grid.count) runs, Space runs only the first"
    if !skipped.isEmpty { message += "; 'traintop sweep' also varies \(skipped.joined(separator: ", "))" }
    return message
  }

  /// Every combination of the comma-list settings, the first listed setting changing slowest.
  public func sweepGrid() -> [Hyperparameters] {
    var grid = [settings]
    for field in SettingField.allCases {
      guard let values = runsPanel.sweepLists[field] else { continue }
      grid = grid.flatMap { h in values.compactMap { try? field.apply($0, to: h) } }
    }
    return grid
  }

  private mutating func queueSweep() -> [Effect] {
    guard !runsPanel.sweepLists.isEmpty else {
      notice =
        "type a comma list into a setting (e.g. batch size 100,500,1000), then g runs every combination"
      return []
    }
    let grid = sweepGrid()
    for h in grid {
      do {
        try h.validate()
      } catch {
        notice = "sweep not queued: \(error.message)"
        return []
      }
    }
    if runsPanel.queue.isEmpty && activeRuns.isEmpty {
      runsPanel.sweepTotal = 0
      runsPanel.sweepStarted = 0
    }
    runsPanel.queue += grid
    runsPanel.sweepTotal += grid.count
    runsPanel.sweepLists = [:]
    let pace = runsPanel.jobs > 1 ? "up to \(runsPanel.jobs) at once" : "one after another"
    notice = "queued \(grid.count) runs: they run \(pace), each stored (s stops the sweep)"
    return advanceSweep()
  }

  /// Starts queued runs while fewer than `jobs` runs are active; says when the sweep is done.
  mutating func advanceSweep() -> [Effect] {
    guard runsPanel.sweepTotal > 0 else { return [] }
    var effects: [Effect] = []
    while !runsPanel.queue.isEmpty && activeRuns.count < max(1, runsPanel.jobs) {
      let next = runsPanel.queue.removeFirst()
      runsPanel.sweepStarted += 1
      effects += startRun(next)
    }
    if runsPanel.queue.isEmpty && activeRuns.isEmpty {
      notice = "sweep done: \(runsPanel.sweepStarted) runs; c compares them, S sorts them"
      runsPanel.sweepTotal = 0
      runsPanel.sweepStarted = 0
    }
    return effects
  }

  /// `s` during a sweep: the queued runs are dropped (finished ones stay).
  mutating func cancelSweep() {
    guard !runsPanel.queue.isEmpty else { return }
    notice = "sweep stopped: \(runsPanel.queue.count) queued run(s) dropped"
    runsPanel.queue = []
    runsPanel.sweepTotal = 0
    runsPanel.sweepStarted = 0
  }
}
