import TerminalUI
import TrainingRuns

/// Runs `traintop watch`: reads keys, polls the logs every `logPollSeconds`, updates the state
/// and redraws only when something changed (at most `maxFramesPerSecond` times a second).
///
/// Everything happens on the calling thread (the main thread for ncurses). Polling cannot
/// stall the keys: a `LogFollower` reads only what a regular file already holds, at most
/// 1 MiB per poll, and a `StandardInputFollower` takes what its reader thread has received.
/// A log that is still behind after a poll (a large file loading) is polled again next turn.
public final class WatchRuntime {
  public private(set) var state: WatchState
  private var sources: [any LogSource]
  private let backend: TerminalBackend
  private let clock: DashboardClock
  /// How long one key poll waits, in milliseconds.
  public var pollMilliseconds = 20
  /// How often the logs are polled, in seconds.
  public var logPollSeconds = 0.25
  public var maxFramesPerSecond = 30.0
  /// Frames drawn so far (for tests).
  public private(set) var framesDrawn = 0
  private var lastLogPoll = -Double.infinity
  private var behind = false
  /// New logs to follow, asked every `discoverSeconds` (a runs directory's new runs: a Slurm
  /// array's tasks start when the scheduler gets to them). Each is added as a run.
  public var discover: (() -> [(name: String, source: any LogSource)])?
  public var discoverSeconds = 2.0
  private var lastDiscovery = -Double.infinity

  /// - Parameter sources: one per run of `state`, in the same order.
  public init(state: WatchState, sources: [any LogSource], backend: TerminalBackend, clock: DashboardClock) {
    precondition(state.runs.count == sources.count, "one source per run")
    self.state = state
    self.sources = sources
    self.backend = backend
    self.clock = clock
  }

  /// Loops until the user quits.
  public func run() {
    let size = backend.size
    state.update(.resize(width: size.width, height: size.height))
    var throttle = FrameThrottle(maxFramesPerSecond: maxFramesPerSecond)
    while !state.shouldQuit {
      step()
      if throttle.shouldDraw(revision: state.revision, now: clock.now()) {
        backend.draw(state.screen)
        framesDrawn += 1
      }
    }
  }

  /// One turn of the loop: wait briefly for a key, take every pending input, poll the logs when due.
  func step() {
    backend.readPendingInput(timeoutMilliseconds: pollMilliseconds, while: { !state.shouldQuit }) { event in
      switch event {
      case .key(let key): state.update(.key(key))
      case .resize(let w, let h): state.update(.resize(width: w, height: h))
      }
    }
    let now = clock.now()
    if let discover, !state.shouldQuit, now - lastDiscovery >= discoverSeconds {
      lastDiscovery = now
      for (name, source) in discover() {
        sources.append(source)
        state.update(.runAdded(name: name))
      }
    }
    if !state.shouldQuit && (behind || now - lastLogPoll >= logPollSeconds) {
      lastLogPoll = now
      pollLogs()
    }
  }

  /// Polls every source once and hands what it found to `update`.
  func pollLogs() {
    behind = false
    for (index, source) in sources.enumerated() {
      do {
        let update = try source.poll()
        behind = behind || !update.isCaughtUp
        let names = update.change == .unchanged ? state.runs[index].log.metricNames : source.log.metricNames
        state.update(.logUpdate(run: index, update, metricNames: names))
      } catch {
        // The header already names the log: show only why it cannot be read.
        let reason = (error as? LogReadError)?.reason ?? "\(error)"
        state.update(.logFailed(run: index, message: reason))
      }
    }
  }
}
