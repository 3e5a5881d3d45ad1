import Foundation
import Synchronization
import Testing

@testable import NeuralEngine

/// A trainer on its own thread, as the dashboard runs it, with every event kept.
final class BackgroundRun: Sendable {
  let trainer: Trainer
  private let events = Mutex<[TrainingEvent]>([])
  private let done = Mutex(false)

  init(_ trainer: Trainer) {
    self.trainer = trainer
  }

  func start() {
    Thread { [self] in
      trainer.run { event in events.withLock { $0.append(event) } }
      done.withLock { $0 = true }
    }.start()
  }

  var log: [TrainingEvent] { events.withLock { $0 } }
  var isDone: Bool { done.withLock { $0 } }

  /// Waits (up to a generous bound, for a loaded CI machine) until `condition` holds.
  func waitUntil(_ condition: ([TrainingEvent]) -> Bool) -> Bool {
    for _ in 0..<20_000 {
      if condition(log) { return true }
      usleep(1000)
    }
    return false
  }

  /// The events' kinds: `started`, `batch`, `epoch`, `paused`, `step-epoch`, `ended`…
  var kinds: [String] {
    log.compactMap { event in
      switch event {
      case .started: "started"
      case .batch: "batch"
      case .epochEnded: "epoch"
      case .paused: "paused"
      case .resumed: "resumed"
      case .stepping(let s): "step-\(s.rawValue)"
      case .settingChanged: "change"
      case .ended: "ended"
      case .pace, .decisionBoundary, .samples, .insight: nil
      }
    }
  }
}

@Suite("Steps")
struct StepTests {
  static func spiral(epochs: Int = 5) throws -> Trainer {
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.hidden = [16]
    h.epochs = epochs
    return try Trainer(hyperparameters: h, data: loadData(for: h))
  }

  /// Number of `kind` events after the last `paused` before the one at `index`.
  static func count(_ kind: String, in kinds: ArraySlice<String>) -> Int { kinds.filter { $0 == kind }.count }

  @Test("a step before the start trains exactly one epoch, then the run pauses; a batch step one batch")
  func stepsFromTheStart() throws {
    let run = BackgroundRun(try Self.spiral())
    run.trainer.control.pause()
    run.trainer.control.step(.epoch)
    run.start()
    #expect(run.waitUntil { $0.contains { if case .paused = $0 { true } else { false } } })
    #expect(
      run.kinds == ["started", "step-epoch"] + Array(repeating: "batch", count: 8) + ["epoch", "paused"])

    run.trainer.control.step(.batch)
    #expect(run.waitUntil { _ in run.kinds.filter { $0 == "paused" }.count == 2 })
    #expect(run.kinds.suffix(3) == ["step-batch", "batch", "paused"])

    // A step to the epoch's end from inside an epoch finishes that epoch (7 more batches).
    run.trainer.control.step(.epoch)
    #expect(run.waitUntil { _ in run.kinds.filter { $0 == "paused" }.count == 3 })
    #expect(
      run.kinds.suffix(10) == ["step-epoch"] + Array(repeating: "batch", count: 7) + ["epoch", "paused"])

    run.trainer.control.stop()
    #expect(run.waitUntil { _ in run.isDone })
    guard case .ended(let summary)? = run.log.last else {
      Issue.record("no ended event")
      return
    }
    #expect(summary.status == .stopped)
    #expect(summary.epochs.count == 2)
  }

  @Test("resume after steps runs freely to the end; a step while running pauses at the epoch's end")
  func resumeAndStepWhileRunning() throws {
    let run = BackgroundRun(try Self.spiral(epochs: 3))
    run.trainer.control.pause()
    run.trainer.control.step(.batch)
    run.start()
    #expect(run.waitUntil { _ in run.kinds.contains("paused") })
    #expect(run.kinds == ["started", "step-batch", "batch", "paused"])
    run.trainer.control.resume()
    #expect(run.waitUntil { _ in run.isDone })
    #expect(run.kinds.filter { $0 == "epoch" }.count == 3)
    #expect(run.kinds.last == "ended")
    #expect(run.kinds.suffix(from: 4).first == "resumed")
  }
}

@Suite("Steps while paced")
struct PacedStepTests {
  @Test("a pace's wait is cut short by stop, pause, step and a new pace (the run never sleeps it out)")
  func requestsWakeAPacedRun() throws {
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.hidden = [8]
    h.epochs = 5
    h.pace = .epochsPerSecond(Pace.slowest)  // 1000 s an epoch: each batch waits two minutes
    let run = BackgroundRun(try Trainer(hyperparameters: h, data: loadData(for: h)))
    run.start()
    #expect(run.waitUntil { _ in run.kinds.contains("batch") })
    // Pause and step answer at once, though the next batch is two minutes away.
    run.trainer.control.pause()
    #expect(run.waitUntil { _ in run.kinds.contains("paused") })
    run.trainer.control.step(.batch)
    #expect(run.waitUntil { _ in run.kinds.filter { $0 == "batch" }.count == 2 })
    run.trainer.control.resume()
    run.trainer.control.setPace(.full)  // the rest at full speed
    #expect(run.waitUntil { _ in run.isDone })
    #expect(run.kinds.filter { $0 == "epoch" }.count == 5)

    let stopped = BackgroundRun(try Trainer(hyperparameters: h, data: loadData(for: h)))
    stopped.start()
    #expect(stopped.waitUntil { _ in stopped.kinds.contains("batch") })
    stopped.trainer.control.stop()
    #expect(stopped.waitUntil { _ in stopped.isDone })
    #expect(stopped.kinds.last == "ended")
  }
}
