import NeuralEngine
import TerminalUI

extension DashboardState {
  /// Applies one message: the only place the state changes. Returns what the runtime must do.
  public mutating func update(_ message: Message) -> [Effect] {
    switch message {
    case .key(let key):
      revision += 1
      return handle(key)
    case .resize(let w, let h):
      if w != width || h != height { revision += 1 }
      width = w
      height = h
      return []
    case .tick(let t):
      // Only the ETA and elapsed time depend on time: redraw once a second while a run is active.
      if activeRun != nil && Int(t) != Int(now) { revision += 1 }
      now = t
      return []
    case .training(let id, let event):
      revision += 1
      apply(event, toRun: id)
      return advanceSweep()
    case .runFailed(let id, let text):
      revision += 1
      updateRun(id) {
        $0.phase = .failed
        $0.message = text
      }
      return advanceSweep()
    case .dataNotice(let id, let text):
      revision += 1
      updateRun(id) { $0.message = text }
      return []
    case .storedRunsLoaded(let stored, let problems):
      revision += 1
      loadStoredRuns(stored, problems: problems)
      return []
    case .exported(let paths):
      revision += 1
      notice = "exported " + (paths.count == 2 ? "\(paths[0]) + .csv" : paths.joined(separator: ", "))
      return []
    case .exportFailed(let text):
      revision += 1
      notice = "export failed: \(text)"
      return []
    }
  }

  // MARK: - Training events

  private mutating func apply(_ event: TrainingEvent, toRun id: Int) {
    updateRun(id) { run in
      switch event {
      case .started(let info):
        run.info = info
        // "auto" picked a dataset: the run is listed, compared and reproduced by its name.
        if run.settings.dataset == nil {
          run.settings.dataset = info.datasetName.replacingOccurrences(of: " (train)", with: "")
        }
        if run.phase == .loading { run.phase = .running }
      case .batch(let p):
        run.append(p)
      case .epochEnded(let m):
        run.append(m)
      case .decisionBoundary(let grid):
        run.boundary = grid
      case .paused:
        run.phase = .paused
      case .resumed:
        run.phase = .running
      case .stepping:
        run.phase = .stepping
      case .settingChanged(let change):
        run.applied(change)
      case .pace(let report):
        run.pace = report
      case .samples(let set):
        run.samples = set
      case .insight(let insight):
        run.insight = insight
      case .ended(let summary):
        // The epochs are in `run.epochs` already: a long run's million would be kept twice.
        run.summary = summary
        run.summary?.epochs = []
        run.lastBatch = nil
        switch summary.status {
        case .finished: run.phase = .finished
        case .stopped: run.phase = .stopped
        case .diverged: run.phase = .diverged
        case .running: break  // only written to disk mid-run; a trainer never ends with it
        }
        if let reason = summary.reason { run.message = reason }
      }
    }
  }

  mutating func updateRun(_ id: Int, _ change: (inout RunRecord) -> Void) {
    guard let i = runs.firstIndex(where: { $0.id == id }) else { return }
    change(&runs[i])
  }

  // MARK: - Keys

  private mutating func handle(_ key: Key) -> [Effect] {
    if key == .control("c") { return quit() }
    if editor != nil { return editing(key) }
    notice = nil
    if showHelp {
      // Any key closes the help; q still quits.
      showHelp = false
      return key == .character("q") ? quit() : []
    }
    if let effects = handleRunsPanelKey(key) { return effects }
    if let effects = handleClassroomKey(key) { return effects }
    if let effects = handleLiveKey(key) { return effects }
    if let effects = handleInsightKey(key) { return effects }
    switch key {
    case .character(" "): return startPauseResume()
    case .character("s"): return stop()
    case .character("n"): return newRun()
    case .character("q"): return quit()
    case .character("o"): overlayEarlierRuns.toggle()
    case .character("l"): logScaleLoss.toggle()
    case .character("m"): smoothing.toggle()
    case .character("r"): robustRange.toggle()
    case .character("?"), .character("h"): showHelp = true
    case .tab, .backTab: focus = focus == .settings ? .runs : .settings
    case .up, .character("k"): moveSelection(by: -1)
    case .down, .character("j"): moveSelection(by: 1)
    case .home: moveSelection(by: -1000)
    case .end: moveSelection(by: 1000)
    case .left, .right:
      if focus == .settings {
        let before = settings
        let cycled = selectedField.cycled(settings, by: key == .left ? -1 : 1)
        if cycled == before {
          notice = "\(selectedField.label): press Enter to type a value"
          return []
        }
        runsPanel.sweepLists[selectedField] = nil
        do {
          let live = try liveEdit(selectedField, cycled)
          settings = cycled
          return live ?? []
        } catch {
          notice = error.message
          return []
        }
      }
    case .enter:
      if focus == .settings {
        editor = EditorState(field: selectedField, input: TextInput(selectedField.text(of: settings)))
      } else if panelRuns.indices.contains(selectedRun) {
        let run = panelRuns[selectedRun]
        settings = run.settings
        runsPanel.sweepLists = [:]
        notice = "settings of run \(run.label) loaded; press n to run them"
      }
    case .escape: break
    default: break
    }
    return []
  }

  private mutating func moveSelection(by step: Int) {
    switch focus {
    case .settings:
      let all = SettingField.allCases
      selectedField = all[min(max(0, selectedField.rawValue + step), all.count - 1)]
    case .runs:
      let count = panelRuns.count
      guard count > 0 else { return }
      selectedRun = min(max(0, selectedRun + step), count - 1)
    }
  }

  private mutating func editing(_ key: Key) -> [Effect] {
    guard var e = editor else { return [] }
    switch key {
    case .escape:
      editor = nil
    case .enter:
      do {
        if try acceptSweepList(e.field, text: e.input.text) {
          editor = nil
          return []
        }
        let candidate = try e.field.apply(e.input.text, to: settings)
        try candidate.validate()
        try checkBatchSize(candidate)
        let live = try liveEdit(e.field, candidate)
        settings = candidate
        runsPanel.sweepLists[e.field] = nil
        editor = nil
        if let live { return live }
        if activeRun != nil { notice = "\(e.field.label) changed: applies to the next run (n)" }
      } catch {
        e.error = error.message
        editor = e
      }
    case .up, .down, .tab, .backTab:
      break  // confirm or cancel first
    default:
      if e.input.handle(key) { e.error = nil }
      editor = e
    }
    return []
  }

  /// Batch size above the training-set size, when a run on the same data told us that size.
  private func checkBatchSize(_ h: Hyperparameters) throws(DataError) {
    let sameData = runs.last { run in
      run.info != nil && run.settings.dataOptions == h.dataOptions
    }
    if let n = sameData?.info?.trainCount, h.batchSize > n {
      throw DataError("batch size \(h.batchSize) is larger than the training set (\(n) samples)")
    }
  }

  // MARK: - Run control

  private mutating func startPauseResume() -> [Effect] {
    guard let run = currentRun else { return startRun() }
    switch run.phase {
    case .loading: return []
    case .running: return [.pause(runID: run.id)]
    case .paused, .stepping: return [.resume(runID: run.id)]
    case .idle, .finished, .stopped, .diverged, .failed: return startRun()
    }
  }

  /// Stops the active run, or every run of a sweep training at once, and drops the queue.
  private mutating func stop() -> [Effect] {
    let active = activeRuns
    guard !active.isEmpty else {
      notice = "no run to stop"
      return []
    }
    cancelSweep()
    return active.map { .stop(runID: $0.id) }
  }

  private mutating func newRun() -> [Effect] {
    let stopOld = activeRun.map { [Effect.stop(runID: $0.id)] } ?? []
    if let old = activeRun { updateRun(old.id) { $0.message = "stopped for run \(old.id + 1)" } }
    return stopOld + startRun()
  }

  /// Starts a run with `chosen` (a sweep's next settings) or the edited settings.
  mutating func startRun(_ chosen: Hyperparameters? = nil) -> [Effect] {
    let settings = chosen ?? self.settings
    do {
      try settings.validate()
    } catch {
      notice = error.message
      return []
    }
    let id = (runs.last?.id ?? 0) + 1
    runs.append(RunRecord(id: id, settings: settings))
    selectedRun = panelRuns.firstIndex { $0.id == id } ?? max(0, panelRuns.count - 1)
    let weights: [Effect] = insightPanel == .weights ? [.showWeights(runID: id, true)] : []
    return [.startRun(runID: id, settings: settings)] + weights
  }

  private mutating func quit() -> [Effect] {
    shouldQuit = true
    let stops = runs.filter(\.phase.isActive).map { Effect.stop(runID: $0.id) }
    return stops + [.quit]
  }
}
