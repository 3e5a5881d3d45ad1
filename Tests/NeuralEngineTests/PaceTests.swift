import Foundation
import Synchronization
import Testing

@testable import NeuralEngine

/// A clock that moves only when told: waits are recorded and jump straight to their deadline,
/// and each reading advances it by `tick` (a stand-in for the compute time between readings).
final class ManualTrainingClock: TrainingClock {
  private struct State {
    var now = 0.0
    var waits: [Double] = []
  }
  private let state = Mutex(State())
  let tick: Double

  init(tick: Double = 0) { self.tick = tick }

  func now() -> Double {
    state.withLock { s in
      let t = s.now
      s.now += tick
      return t
    }
  }

  func wait(until deadline: Double, control: TrainingControl) {
    state.withLock {
      $0.waits.append(deadline - $0.now)
      $0.now = max($0.now, deadline)
    }
  }

  var waits: [Double] { state.withLock { $0.waits } }
  /// The time now, without a tick.
  var elapsed: Double { state.withLock { $0.now } }
}

@Suite("Pace")
struct PaceTests {
  /// The spiral set (800 training points, 8 batches of 100 an epoch).
  static func spiral(epochs: Int, pace: Pace?, clock: TrainingClock) throws -> Trainer {
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.hidden = [16]
    h.epochs = epochs
    h.pace = pace
    return try Trainer(hyperparameters: h, data: loadData(for: h), clock: clock)
  }

  @Test("a fixed pace spaces batches 1/(rate·batches) apart: the waits add up to the pace")
  func fixedPace() throws {
    let clock = ManualTrainingClock()
    let summary = try Self.spiral(epochs: 4, pace: .epochsPerSecond(2), clock: clock).run()
    #expect(summary.status == .finished)
    let interval = 1.0 / (2 * 8)
    // Every batch after the first waits one interval (compute takes no time on this clock).
    #expect(clock.waits.count == 4 * 8 - 1)
    #expect(clock.waits.allSatisfy { abs($0 - interval) < 1e-12 })
    // So the 32 batches start 0, 1/16 … 31/16 s: four epochs in two seconds.
    #expect(abs(clock.waits.reduce(0, +) - (4.0 / 2 - interval)) < 1e-9)
    let seconds: Double = summary.epochs.map(\.seconds).reduce(0, +)
    #expect(abs(seconds - 31.0 / 16) < 1e-9)
  }

  @Test("time spent computing (and validating) is absorbed: the run still takes epochs/rate")
  func computeIsAbsorbed() throws {
    // Every clock reading 2 ms later: a batch takes about 10 ms of its 12.5 ms slot, and the
    // validation pass at each epoch's end makes the next batch late; the schedule makes it up.
    let clock = ManualTrainingClock(tick: 0.002)
    _ = try Self.spiral(epochs: 20, pace: .epochsPerSecond(10), clock: clock).run()
    #expect(abs(clock.elapsed - 2) < 0.03, "20 epochs at 10 a second took \(clock.elapsed) s")
  }

  @Test("full speed requests no wait at all")
  func fullSpeed() throws {
    let clock = ManualTrainingClock(tick: 0.0001)
    _ = try Self.spiral(epochs: 3, pace: .full, clock: clock).run()
    #expect(clock.waits.isEmpty)
    // And a run that leaves the pace open goes at the trainer's default: full for train.
    let open = ManualTrainingClock()
    _ = try Self.spiral(epochs: 3, pace: nil, clock: open).run()
    #expect(open.waits.isEmpty)
  }

  @Test("auto: a fast run is slowed to last its planned time; the report says so")
  func autoSlowsAFastRun() throws {
    let clock = ManualTrainingClock()
    let trainer = try Self.spiral(epochs: 300, pace: .auto, clock: clock)
    var reports: [PaceReport] = []
    _ = trainer.run { if case .pace(let r) = $0 { reports.append(r) } }
    // 300 epochs: 0.4 s each would be 120 s, so the run is capped at 60 s → 5 epochs/s.
    #expect(AutoPace.plannedSeconds(epochs: 300) == 60)
    #expect(reports.first?.limit == nil)  // before the first batch: nothing measured yet
    #expect(reports.contains { $0.pace == .auto && $0.limit == 5 })
    let total = clock.waits.reduce(0, +)
    #expect(abs(total - (60 - 1.0 / 40)) < 1e-6, "waited \(total) s")
  }

  @Test("auto: a run whose epochs already take a perceptible time goes at full speed")
  func autoLeavesASlowRunAlone() throws {
    // Each clock reading 50 ms later: a batch "takes" 50 ms, an epoch 8 × 50 ms = 0.4 s ≥ ¼ s.
    let clock = ManualTrainingClock(tick: 0.05)
    let trainer = try Self.spiral(epochs: 5, pace: .auto, clock: clock)
    var limits: [Double?] = []
    _ = trainer.run { if case .pace(let r) = $0 { limits.append(r.limit) } }
    #expect(clock.waits.isEmpty)
    #expect(limits.allSatisfy { $0 == nil })
  }

  @Test("the auto rule: ¼ s threshold with a 2× band, 30–60 s runs")
  func autoRule() {
    #expect(AutoPace.plannedSeconds(epochs: 10) == 30)
    #expect(AutoPace.plannedSeconds(epochs: 100) == 40)
    #expect(AutoPace.plannedSeconds(epochs: 1500) == 60)
    #expect(AutoPace.limit(epochs: 10, fullSpeedEpochSeconds: 0.01, wasLimited: false) == 10.0 / 30)
    #expect(AutoPace.limit(epochs: 10, fullSpeedEpochSeconds: 0.36, wasLimited: false) == nil)
    // Between ¼ and ½ s the previous decision holds.
    #expect(AutoPace.limit(epochs: 10, fullSpeedEpochSeconds: 0.3, wasLimited: true) != nil)
    #expect(AutoPace.limit(epochs: 10, fullSpeedEpochSeconds: 0.3, wasLimited: false) == nil)
    #expect(AutoPace.limit(epochs: 10, fullSpeedEpochSeconds: 0.6, wasLimited: true) == nil)
  }

  @Test("a new pace takes effect from the next batch")
  func paceChangesMidRun() throws {
    let clock = ManualTrainingClock()
    let trainer = try Self.spiral(epochs: 2, pace: .epochsPerSecond(1), clock: clock)
    var batches = 0
    _ = trainer.run { event in
      if case .batch = event {
        batches += 1
        if batches == 4 { trainer.control.setPace(.epochsPerSecond(4)) }
        if batches == 12 { trainer.control.setPace(.full) }
      }
    }
    // Batches 2–4 wait 1/8 s, 5–12 wait 1/32 s, 13–16 not at all.
    let expected = Array(repeating: 1.0 / 8, count: 3) + Array(repeating: 1.0 / 32, count: 8)
    #expect(clock.waits.count == expected.count)
    #expect(zip(clock.waits, expected).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  @Test("pace text: full, auto, rates; bad values name themselves")
  func parsing() throws {
    #expect(try Pace(parsing: "full") == .full)
    #expect(try Pace(parsing: "AUTO") == .auto)
    #expect(try Pace(parsing: "2") == .epochsPerSecond(2))
    #expect(try Pace(parsing: "0.5/s") == .epochsPerSecond(0.5))
    #expect(Pace.epochsPerSecond(0.5).description == "0.5")
    #expect(Pace.epochsPerSecond(10).description == "10")
    for bad in ["0", "-1", "fast", "nan", "1e-9"] {
      #expect(throws: DataError.self) { try Pace(parsing: bad) }
    }
    #expect(Pace.faster(than: 2) == .epochsPerSecond(5))
    #expect(Pace.faster(than: 500) == .full)
    #expect(Pace.slower(than: 2, fullSpeed: nil) == .epochsPerSecond(1))
    // From full speed, the first rung below what the run reaches unpaced.
    #expect(Pace.slower(than: nil, fullSpeed: 30) == .epochsPerSecond(20))
    #expect(Pace.slower(than: 0.1, fullSpeed: nil) == .epochsPerSecond(0.1))
  }

  @Test("JSON: the pace reads from a string or a number and writes back")
  func json() throws {
    let h = try JSONDecoder().decode(Hyperparameters.self, from: Data(#"{"pace": "auto"}"#.utf8))
    #expect(h.pace == .auto)
    let n = try JSONDecoder().decode(Hyperparameters.self, from: Data(#"{"pace": 2.5}"#.utf8))
    #expect(n.pace == .epochsPerSecond(2.5))
    let back = try JSONDecoder().decode(Hyperparameters.self, from: JSONEncoder().encode(n))
    #expect(back.pace == .epochsPerSecond(2.5))
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Hyperparameters.self, from: Data(#"{"pace": "quick"}"#.utf8))
    }
  }
}
