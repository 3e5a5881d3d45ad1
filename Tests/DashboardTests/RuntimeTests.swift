import Synchronization
import TerminalUI
import Testing

@testable import Dashboard
@testable import NeuralEngine

/// A terminal that replays scripted input and remembers the frames it was given.
final class ScriptedTerminal: TerminalBackend {
  var size: (width: Int, height: Int) = (80, 24)
  var script: [InputEvent?]
  var frames: [Buffer] = []
  /// Called before each poll, with the poll count; lets a test act between polls.
  var beforePoll: (Int) -> Void = { _ in }
  private var polls = 0

  init(_ script: [InputEvent?]) { self.script = script }

  func draw(_ buffer: Buffer) { frames.append(buffer) }
  func readKey(timeoutMilliseconds: Int) -> InputEvent? {
    if timeoutMilliseconds > 0 {
      beforePoll(polls)
      polls += 1
    }
    guard !script.isEmpty else { return timeoutMilliseconds > 0 ? .key(.character("q")) : nil }
    return script.removeFirst()
  }
  func stop() {}
}

/// A launcher that records requests and lets the test push training events by hand.
final class FakeLauncher: TrainingLauncher {
  var requests: [String] = []
  var queue: MessageQueue?
  func start(runID: Int, settings: Hyperparameters, queue: MessageQueue) {
    requests.append("start \(runID)")
    self.queue = queue
  }
  func send(_ request: RunRequest, toRun runID: Int) { requests.append("\(request) \(runID)") }
  func waitForAll(timeout: Double) { requests.append("wait") }
}

@Suite struct RuntimeTests {
  @Test func keysBecomeEffectsAndQuitStopsTheRun() {
    let terminal = ScriptedTerminal([.key(.character(" ")), nil, nil, .key(.character(" ")), nil])
    let launcher = FakeLauncher()
    terminal.beforePoll = { poll in
      if poll == 1 { launcher.queue?.push(.training(runID: 1, .started(Fixtures.info))) }
    }
    let runtime = DashboardRuntime(
      state: DashboardState(settings: Fixtures.settings), backend: terminal, clock: ManualClock(),
      launcher: launcher)
    runtime.maxFramesPerSecond = .infinity
    runtime.run()
    #expect(launcher.requests == ["start 1", "pause 1", "stop 1", "wait"])
    #expect(terminal.frames.first?.text.contains("LOADING") == true)
    #expect(terminal.frames.contains { $0.text.contains("RUNNING") })
  }

  @Test func batchEventsAreCoalescedAndFramesAreRateLimited() {
    let clock = ManualClock()
    let terminal = ScriptedTerminal(Array(repeating: nil, count: 40))
    let launcher = FakeLauncher()
    let runtime = DashboardRuntime(
      state: DashboardState(settings: Fixtures.settings), backend: terminal, clock: clock, launcher: launcher)
    var state = runtime.state
    _ = state.update(.key(.character(" ")))
    terminal.script.insert(.key(.character(" ")), at: 0)
    terminal.beforePoll = { poll in
      guard poll > 0, let queue = launcher.queue else { return }
      if poll == 1 { queue.push(.training(runID: 1, .started(Fixtures.info))) }
      // 100 batches between two polls arrive as one message.
      for b in 1...100 {
        queue.push(
          .training(
            runID: 1,
            .batch(
              BatchProgress(
                epoch: poll, batch: b, batchesPerEpoch: 100, loss: 1, accuracy: 0.5, samplesPerSecond: 1000)))
        )
      }
      queue.push(.training(runID: 1, .epochEnded(Fixtures.epoch(poll))))
      clock.advance(by: 0.01)  // 100 polls a second: at most 30 frames a second may be drawn
    }
    runtime.run()
    let run = runtime.state.runs[0]
    #expect(run.epochs.count >= 30)
    #expect(run.batchPoints.count == run.epochs.count, "one batch point per poll, not per batch")
    let seconds = clock.now()
    #expect(Double(terminal.frames.count) <= seconds * 30 + 2)
  }

  @Test func queueKeepsEpochEventsAndTheLatestBatch() {
    let queue = MessageQueue()
    func batch(_ b: Int, run: Int = 1) -> Message {
      .training(
        runID: run,
        .batch(
          BatchProgress(epoch: 0, batch: b, batchesPerEpoch: 9, loss: 1, accuracy: 0, samplesPerSecond: 1)))
    }
    queue.push(batch(1))
    queue.push(batch(2))
    queue.push(.training(runID: 1, .epochEnded(Fixtures.epoch(0))))
    queue.push(batch(3))
    queue.push(batch(1, run: 2))
    queue.push(batch(4))
    let drained = queue.drain()
    let batches = drained.compactMap { m -> Int? in
      if case .training(_, .batch(let p)) = m { return p.batch }
      return nil
    }
    #expect(batches == [2, 3, 1, 4])
    #expect(drained.count == 5)
    #expect(queue.drain().isEmpty)
  }
}
