import Synchronization
import TerminalUI
import Testing
import TrainingRuns

@testable import Dashboard

/// A log that hands out scripted updates, one per poll, and counts the polls.
final class ScriptedLog: LogSource {
  let displayName: String
  private let state: Mutex<(updates: [LogUpdate], log: MetricLog, polls: Int)>

  init(name: String, updates: [LogUpdate], metricNames: [String]) {
    displayName = name
    state = Mutex((updates, MetricLog(metricNames: metricNames), 0))
  }

  var log: MetricLog { state.withLock { $0.log } }
  var polls: Int { state.withLock { $0.polls } }

  func poll() throws -> LogUpdate {
    state.withLock { s in
      s.polls += 1
      guard !s.updates.isEmpty else {
        return LogUpdate(change: .unchanged, rows: [], malformedLines: 0, status: .following)
      }
      let next = s.updates.removeFirst()
      if next.change == .reset { s.log.rows = next.rows } else { s.log.rows += next.rows }
      return next
    }
  }
}

@Suite struct WatchRuntimeTests {
  @Test func pollsLogsAtItsOwnRateAndDrawsTheirRows() {
    let rows = (0..<4).map(WatchFixtures.kerasRow)
    let source = ScriptedLog(
      name: "k.csv",
      updates: [WatchFixtures.appended(Array(rows[0..<2])), WatchFixtures.appended(Array(rows[2..<4]))],
      metricNames: WatchFixtures.kerasNames)
    let clock = ManualClock()
    let terminal = ScriptedTerminal(Array(repeating: nil, count: 20))
    terminal.beforePoll = { _ in clock.advance(by: 0.05) }  // 20 turns of 50 ms = 1 s
    let runtime = WatchRuntime(
      state: WatchState(runNames: ["k.csv"]), sources: [source], backend: terminal, clock: clock)
    runtime.run()
    #expect(runtime.state.runs[0].rowCount == rows.count)
    #expect(runtime.state.runs[0].series("val_loss").map(\.y) == rows.map { $0.values["val_loss"]! })
    #expect((4...6).contains(source.polls), "every 250 ms over about a second, not every turn")
    #expect(terminal.frames.last?.lines[0].contains("k.csv following · 4 rows") == true)
  }

  @Test func aLogStillLoadingIsPolledAgainAtOnce() {
    let behind = LogUpdate(
      change: .appended, rows: [WatchFixtures.kerasRow(0)], malformedLines: 0, status: .following,
      isCaughtUp: false)
    let source = ScriptedLog(
      name: "big.csv", updates: [behind, behind, WatchFixtures.appended([WatchFixtures.kerasRow(1)])],
      metricNames: WatchFixtures.kerasNames)
    let terminal = ScriptedTerminal([nil, nil, nil])
    let runtime = WatchRuntime(
      state: WatchState(runNames: ["big.csv"]), sources: [source], backend: terminal, clock: ManualClock())
    runtime.run()
    #expect(source.polls == 3, "with the clock standing still, only catching up polls again")
  }
}

/// Hands out one scripted run per scan, as a log directory whose runs start one after another.
final class ScriptedFinder: WatchRunFinder {
  var pending: [(run: WatchRun, source: any LogSource)]
  var scans = 0

  init(_ runs: [(run: WatchRun, source: any LogSource)]) { pending = runs }

  func findRuns() -> (runs: [(run: WatchRun, source: any LogSource)], problems: [String]) {
    scans += 1
    guard !pending.isEmpty else { return ([], ["cannot read logs/private: Permission denied"]) }
    return ([pending.removeFirst()], [])
  }
}

@Suite struct WatchRuntimeDirectoryTests {
  /// Runs that appear in the directory join at the next scan (every 3 s), and are polled from then.
  @Test func runsFoundByRescansArePolled() {
    let rows = (0..<3).map(WatchFixtures.kerasRow)
    let a = ScriptedLog(
      name: "a", updates: [WatchFixtures.appended(rows)], metricNames: WatchFixtures.kerasNames)
    let b = ScriptedLog(
      name: "b", updates: [WatchFixtures.appended(rows)], metricNames: WatchFixtures.kerasNames)
    let finder = ScriptedFinder([(WatchRun(name: "a"), a), (WatchRun(name: "b"), b)])
    let clock = ManualClock()
    let terminal = ScriptedTerminal(Array(repeating: nil, count: 80))
    terminal.beforePoll = { _ in clock.advance(by: 0.1) }  // 80 turns of 100 ms = 8 s
    var state = WatchState(runNames: [])
    state.followsDirectory = true
    let runtime = WatchRuntime(state: state, sources: [], finder: finder, backend: terminal, clock: clock)
    runtime.run()
    #expect(finder.scans == 3, "at 0, 3 and 6 s")
    #expect(runtime.state.runs.map(\.name) == ["a", "b"])
    #expect(runtime.state.runs.allSatisfy { $0.rowCount == 3 })
    #expect(runtime.state.problems == ["cannot read logs/private: Permission denied"])
  }
}
