import Dispatch
import Synchronization

/// Requests to a running `Trainer` from any thread: pause, resume, stop, single steps, a new
/// pace, and new values of live settings.
///
/// The trainer takes them up between batches, so each applies within one batch. While it waits
/// (paused, or pacing) the training thread sleeps on a semaphore that every request signals, so
/// it wakes at once rather than at the end of its nap.
public final class TrainingControl: Sendable {
  /// How much one step trains before the run pauses again.
  public enum Step: String, Sendable, Equatable {
    /// One mini-batch.
    case batch
    /// To the end of the current epoch: a whole epoch when paused between two.
    case epoch
  }

  private enum Request: Sendable { case run, pause, stop }
  private struct State: Sendable {
    var request = Request.run
    /// The step being taken; the run pauses when it is done.
    var step: Step?
    /// Whether the trainer has announced `step` (a `.stepping` event).
    var stepAnnounced = false
    var pace: Pace
    var changes: [(LiveSetting, Double)] = []
    var showWeights = false
    /// Signals of `wakeUp` no wait has taken yet (see `drainWakeUps`).
    var unseenSignals = 0
  }
  private let state: Mutex<State>
  private let wakeUp = DispatchSemaphore(value: 0)

  public init(pace: Pace = .full) {
    state = Mutex(State(pace: pace))
  }

  public func pause() {
    update {
      guard $0.request == .run else { return }
      $0.request = .pause
      $0.step = nil
    }
  }
  /// Runs on freely (also ends a step in progress, which would otherwise pause at its end).
  public func resume() {
    update {
      if $0.request != .stop { $0.request = .run }
      $0.step = nil
    }
  }
  public func stop() { update { $0.request = .stop } }

  /// Trains one batch or to the end of the epoch, then pauses (from a pause, or while running).
  public func step(_ step: Step) {
    update {
      guard $0.request != .stop else { return }
      $0.request = .run
      $0.step = step
      $0.stepAnnounced = false
    }
  }

  /// The pace from the next batch on.
  public func setPace(_ pace: Pace) { update { $0.pace = pace } }

  /// Sets a live setting at the next batch; the trainer reports it with `.settingChanged`.
  public func change(_ setting: LiveSetting, to value: Double) {
    update { $0.changes.append((setting, value)) }
  }

  /// Whether each epoch's insight should carry the first layer's weights (the dashboard's weights
  /// panel is on screen); off by default, as nothing else draws them.
  public var showWeights: Bool {
    get { state.withLock { $0.showWeights } }
    set { update { $0.showWeights = newValue } }
  }

  public var isStopRequested: Bool { state.withLock { $0.request == .stop } }
  public var isPauseRequested: Bool { state.withLock { $0.request == .pause } }
  /// Whether a step is being taken (its batches go at full speed, whatever the pace).
  public var isStepping: Bool { state.withLock { $0.step != nil && $0.request == .run } }
  public var pace: Pace { state.withLock { $0.pace } }

  private func update(_ change: (inout State) -> Void) {
    state.withLock {
      change(&$0)
      $0.unseenSignals += 1
    }
    wakeUp.signal()
  }

  // MARK: - The trainer's side

  /// What the trainer hears at the top of a batch.
  enum Turn: Equatable { case go, stop }

  /// Called before every batch: returns `.stop` when the run must end, else `.go`, after
  /// waiting as long as the run is paused. Calls `onPause` when a wait starts, then `onResume`
  /// or `onStep` when it ends (and `onStep` for a step asked while running).
  func awaitTurn(onPause: () -> Void, onResume: () -> Void, onStep: (Step) -> Void) -> Turn {
    var waited = false
    while true {
      drainWakeUps()
      let (request, announce) = state.withLock { s -> (Request, Step?) in
        var announce: Step?
        if s.request == .run, let step = s.step, !s.stepAnnounced {
          s.stepAnnounced = true
          announce = step
        }
        return (s.request, announce)
      }
      switch request {
      case .stop: return .stop
      case .run:
        if let announce {
          onStep(announce)
        } else if waited {
          onResume()
        }
        return .go
      case .pause:
        if !waited { onPause() }
        waited = true
        wakeUp.wait()
        tookSignal()
      }
    }
  }

  /// After each batch: ends a one-batch step (the run pauses before the next batch).
  func batchFinished() { finishStep(.batch) }
  /// After each epoch: ends a step to the epoch's end.
  func epochFinished() { finishStep(.epoch) }

  private func finishStep(_ kind: Step) {
    state.withLock {
      guard $0.step == kind, $0.request == .run else { return }
      $0.step = nil
      $0.request = .pause
    }
  }

  /// The live changes asked for since the last call, oldest first.
  func takeChanges() -> [(LiveSetting, Double)] {
    state.withLock {
      let taken = $0.changes
      $0.changes = []
      return taken
    }
  }

  /// Sleeps up to `seconds`, or until the next request (used by `SystemTrainingClock`).
  func waitForRequest(seconds: Double) {
    if wakeUp.wait(timeout: .now() + .nanoseconds(Int(min(seconds, 3600) * 1e9))) == .success { tookSignal() }
  }

  private func tookSignal() { state.withLock { $0.unseenSignals -= 1 } }

  /// Forgets signals of requests already visible in the state (each wait then sleeps until a
  /// new one, never returning at once for an old one).
  ///
  /// It takes exactly the signals counted, with `wait()`, which returns at once for a signal
  /// given (or about to be: `update` counts it just before). Polling with
  /// `wait(timeout: .now())` until it timed out cost 90 µs on Linux, as the timed-out wait
  /// goes through a futex sleep: 14 % of the seed model's epoch, at every batch.
  private func drainWakeUps() {
    let unseen = state.withLock { s -> Int in
      defer { s.unseenSignals = 0 }
      return s.unseenSignals
    }
    for _ in 0..<unseen { wakeUp.wait() }
  }
}
