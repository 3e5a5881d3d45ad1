import TerminalUI
import TrainingRuns

/// Every input `watch` reacts to: keys, resizes, and what the followed logs report.
public enum WatchMessage: Sendable {
  case key(Key)
  case resize(width: Int, height: Int)
  /// A poll of run `run`'s log found `update`; `metricNames` are the log's names after it.
  case logUpdate(run: Int, LogUpdate, metricNames: [String])
  /// Reading run `run`'s log failed (the log is polled again later).
  case logFailed(run: Int, message: String)
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
    case .logUpdate(let index, let update, let names):
      guard runs.indices.contains(index) else { return }
      let before = runs[index]
      apply(update, names: names, to: &runs[index])
      if runs[index] != before { revision += 1 }
    case .logFailed(let index, let text):
      guard runs.indices.contains(index), runs[index].error != text else { return }
      runs[index].error = text
      revision += 1
    }
  }

  private func apply(_ update: LogUpdate, names: [String], to run: inout WatchRun) {
    run.status = update.status
    run.error = nil
    switch update.change {
    case .unchanged:
      break
    case .appended:
      run.log.append(update.rows, names: names)
    case .reset:
      // Truncated, rewritten or replaced: the new content alone is the run now.
      run.log = MetricLog()
      run.log.append(update.rows, names: names)
      run.resets += 1
    }
    run.log.metricNames = names
    run.log.malformedLines = update.malformedLines
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
    switch key {
    case .character("q"): shouldQuit = true
    case .character("?"): showHelp = true
    case .character("l"): logScale.toggle()
    case .character("m"): smoothing.toggle()
    default: break
    }
  }
}
