import TerminalUI
import TrainingRuns

/// Every input `watch` reacts to: keys, resizes, and what the followed logs report.
public enum WatchMessage: Sendable {
  case key(Key)
  case resize(width: Int, height: Int)
  /// A poll of run `run`'s log found `update`; `metricNames` are the log's names after it,
  /// `xIsStep` its x unit.
  case logUpdate(run: Int, LogUpdate, metricNames: [String], xIsStep: Bool = false)
  /// Reading run `run`'s log failed (the log is polled again later).
  case logFailed(run: Int, message: String)
  /// Runs found in the watched directory since the last scan, appended after the others.
  case runsFound([WatchRun])
  /// What the last scan of the directory could not read (replaces the previous list).
  case scanProblems([String])
}

extension WatchState {
  /// Applies one message: the only place the state changes.
  public mutating func update(_ message: WatchMessage) {
    switch message {
    case .key(let key):
      revision += 1
      handle(key)
    case .resize(let w, let h):
      if w != width || h != height { revision += 1 }
      width = w
      height = h
    case .logUpdate(let index, let update, let names, let xIsStep):
      guard runs.indices.contains(index) else { return }
      let before = (runs[index].rowCount, runs[index].status, runs[index].log, runs[index].error)
      apply(update, names: names, xIsStep: xIsStep, to: &runs[index])
      if before != (runs[index].rowCount, runs[index].status, runs[index].log, runs[index].error)
        || update.change == .reset
      {
        revision += 1
      }
    case .logFailed(let index, let text):
      guard runs.indices.contains(index), runs[index].error != text else { return }
      runs[index].error = text
      revision += 1
    case .runsFound(let found):
      guard !found.isEmpty else { return }
      runs += found
      revision += 1
    case .scanProblems(let list):
      guard list != problems else { return }
      problems = list
      revision += 1
    }
  }

  private func apply(_ update: LogUpdate, names: [String], xIsStep: Bool, to run: inout WatchRun) {
    run.status = update.status
    run.error = nil
    switch update.change {
    case .unchanged:
      break
    case .appended:
      // An epoch log that starts again at an earlier epoch is a new run appended to the same
      // file (Keras's CSVLogger with append=True): it replaces the chart, as a rewrite does.
      if !xIsStep, let last = run.lastX, let first = update.rows.first?.step, first < last, first == 0 {
        run.clearPoints()
        run.resets += 1
      }
      run.append(update.rows)
    case .reset:
      // Truncated, rewritten or replaced: the new content alone is the run now.
      run.clearPoints()
      run.append(update.rows)
      run.resets += 1
    }
    let sanitized = names.map { sanitizedName($0) }
    if sanitized != run.log.metricNames { run.pairs = MetricPairing.pairs(sanitized) }
    run.log.metricNames = sanitized
    run.log.malformedLines = update.malformedLines
    run.log.xIsStep = xIsStep
  }

  private mutating func handle(_ key: Key) {
    if key == .control("c") {
      shouldQuit = true
      return
    }
    if showHelp {
      showHelp = false  // any key closes the help
      return
    }
    if editingFilter {
      editFilter(key)
      return
    }
    switch key {
    case .character("q"): shouldQuit = true
    case .character("?"): showHelp = true
    case .character("l"): logScale.toggle()
    case .character("m"): smoothing.toggle()
    case .character("r"): robustRange.toggle()
    case .character("/"): editingFilter = true
    case .escape: filter = ""
    case .up: selectedRun = max(0, selectedRun - 1)
    case .down: selectedRun = min(max(0, runs.count - 1), selectedRun + 1)
    case .character("v") where runs.indices.contains(selectedRun): runs[selectedRun].pinned.toggle()
    case .character("h") where runs.indices.contains(selectedRun): runs[selectedRun].hidden.toggle()
    case .character("H"): for i in runs.indices { runs[i].hidden = false }
    default: break
    }
  }

  /// Keys while typing the filter: it applies as it is typed; Enter keeps it, Esc clears it.
  private mutating func editFilter(_ key: Key) {
    switch key {
    case .enter: editingFilter = false
    case .escape:
      filter = ""
      editingFilter = false
    case .backspace: if !filter.isEmpty { filter.removeLast() }
    case .character(let c) where filter.count < 80: filter.append(c)
    default: break
    }
  }
}
