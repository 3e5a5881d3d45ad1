import TerminalUI
import Testing
import TrainingRuns

@testable import Dashboard
@testable import NeuralEngine

/// The sweep queue with `jobs` above 1: runs start as soon as a slot is free, all of them are on
/// the charts, and `s` stops them all.
@Suite struct ParallelSweepQueueTests {
  /// Settings with a three-value batch-size list, two jobs, and `g` pressed.
  static func queuedSweep() -> (DashboardState, [Effect]) {
    var s = DashboardState(settings: Fixtures.settings, width: 120, height: 40)
    s.runsPanel.jobs = 2
    s.edit(.batchSize, to: "100,200,400")
    let effects = s.press(.character("g"))
    return (s, effects)
  }

  @Test func gStartsAsManyRunsAsTheJobsAllowAndEachEndStartsTheNext() {
    var (s, effects) = Self.queuedSweep()
    #expect(s.notice == "queued 3 runs: they run up to 2 at once, each stored (s stops the sweep)")
    guard effects.count == 2, case .startRun(1, let first) = effects[0],
      case .startRun(2, let second) = effects[1]
    else {
      Issue.record("expected runs 1 and 2 to start, got \(effects)")
      return
    }
    #expect([first.batchSize, second.batchSize] == [100, 200])
    #expect(s.runsPanel.queue.map(\.batchSize) == [400])
    #expect(s.activeRuns.map(\.id) == [1, 2])

    // Run 2 ends first: run 3 takes its slot while run 1 goes on.
    var next: [Effect] = []
    for event in finishedRun(second) { next += s.update(.training(runID: 2, event)) }
    guard next.count == 1, case .startRun(3, let third) = next[0] else {
      Issue.record("expected run 3 to start, got \(next)")
      return
    }
    #expect(third.batchSize == 400 && s.runsPanel.queue.isEmpty)
    #expect(s.activeRuns.map(\.id) == [1, 3])
    #expect(s.notice != "sweep done: 3 runs; c compares them, S sorts them")

    for event in finishedRun(third) { #expect(s.update(.training(runID: 3, event)).isEmpty) }
    #expect(s.runsPanel.sweepTotal == 3, "run 1 still trains")
    for event in finishedRun(first) { _ = s.update(.training(runID: 1, event)) }
    #expect(s.notice == "sweep done: 3 runs; c compares them, S sorts them")
    #expect(s.runs.allSatisfy { $0.phase == .finished })
  }

  @Test func theHeaderCountsTheOtherRunningRunsAndHasABarForEach() {
    var (s, _) = Self.queuedSweep()
    for id in 1...2 { _ = s.update(.training(runID: id, .started(Fixtures.info))) }
    for event in Fixtures.batches(epoch: 0, upTo: 3) { _ = s.update(.training(runID: 1, event)) }
    for event in Fixtures.batches(epoch: 0, upTo: 6) { _ = s.update(.training(runID: 2, event)) }
    let lines = s.screen.lines
    #expect(lines[0].contains("run 2 +1 running"), "\(lines[0])")
    #expect(lines[1].contains(" 1 ") && lines[1].contains("3/8"), "\(lines[1])")
    #expect(lines[1].contains(" 2 ") && lines[1].contains("6/8"), "\(lines[1])")
    #expect(lines[1].firstRange(of: "3/8")!.lowerBound < lines[1].firstRange(of: "6/8")!.lowerBound)

    // Run 1 ends: run 3 takes its slot, loading; then it ends too, and run 2 has the one bar
    // with its batch count, as a single run has.
    for event in finishedRun(s.runs[0].settings) { _ = s.update(.training(runID: 1, event)) }
    #expect(s.activeRuns.map(\.id) == [2, 3])
    #expect(s.screen.lines[1].contains("loading"), "\(s.screen.lines[1])")
    for event in finishedRun(s.runs[2].settings) { _ = s.update(.training(runID: 3, event)) }
    let after = s.screen.lines
    #expect(!after[0].contains("running "), "\(after[0])")
    #expect(after[1].contains("6/8 batches"), "\(after[1])")
  }

  @Test func theChartsShowEveryRunTrainingAtOnceEvenWithTheOverlayOff() throws {
    var (s, _) = Self.queuedSweep()
    for id in 1...2 {
      _ = s.update(.training(runID: id, .started(Fixtures.info)))
      _ = s.update(.training(runID: id, .epochEnded(Fixtures.epoch(0))))
    }
    _ = s.press(.character("o"))  // earlier runs off: the running ones stay
    #expect(!s.overlayEarlierRuns)
    let charted = try #require(s.chartedRun)
    #expect(charted.id == 2)
    #expect(s.overlaidRuns(under: charted).map(\.id) == [1])
    // Once run 1 has ended it is an earlier run like any other, off with the overlay; run 3
    // (charted, the latest) starts in its slot, and run 2 still trains beside it.
    for event in finishedRun(Fixtures.settings) { _ = s.update(.training(runID: 1, event)) }
    let latest = try #require(s.chartedRun)
    #expect(latest.id == 3)
    #expect(s.overlaidRuns(under: latest).map(\.id) == [2])
  }

  @Test func sStopsEveryRunningRunAndDropsTheQueue() {
    var (s, _) = Self.queuedSweep()
    #expect(s.press(.character("s")) == [.stop(runID: 1), .stop(runID: 2)])
    #expect(s.runsPanel.queue.isEmpty)
    #expect(s.notice == "sweep stopped: 1 queued run(s) dropped")
  }

  @Test func oneJobKeepsTheQueueOneAfterAnother() {
    var s = DashboardState(settings: Fixtures.settings)
    s.edit(.batchSize, to: "100,200")
    let effects = s.press(.character("g"))
    #expect(effects.count == 1)
    #expect(s.notice == "queued 2 runs: they run one after another, each stored (s stops the sweep)")
  }
}
