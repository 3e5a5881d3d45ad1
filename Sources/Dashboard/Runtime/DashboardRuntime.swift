import NeuralEngine
import TerminalUI

/// Runs the dashboard: reads keys, drains training messages, updates the state, performs the
/// effects and redraws (only when something changed, at most `maxFramesPerSecond` times a second).
///
/// Everything happens on the calling thread (the main thread for ncurses); training happens on
/// the launcher's threads and reaches the loop through a `MessageQueue`.
public final class DashboardRuntime {
  public private(set) var state: DashboardState
  private let backend: TerminalBackend
  private let clock: DashboardClock
  private let launcher: TrainingLauncher
  private let queue = MessageQueue()
  /// How long one key poll waits, in milliseconds.
  public var pollMilliseconds = 20
  public var maxFramesPerSecond = 30.0
  /// The time stamp in export file names (injected by tests).
  public var exportStamp: () -> String = { ExportRequest.stamp() }
  /// Where other threads post messages (e.g. the stored runs, read off the UI thread).
  public var inbox: MessageQueue { queue }
  /// Frames drawn so far (for tests and benchmarks).
  public private(set) var framesDrawn = 0

  public init(
    state: DashboardState, backend: TerminalBackend, clock: DashboardClock, launcher: TrainingLauncher
  ) {
    self.state = state
    self.backend = backend
    self.clock = clock
    self.launcher = launcher
  }

  /// Loops until the user quits; stops the active runs before returning.
  public func run() {
    let size = backend.size
    send(.resize(width: size.width, height: size.height))
    send(.tick(now: clock.now()))
    var throttle = FrameThrottle(maxFramesPerSecond: maxFramesPerSecond)
    while !state.shouldQuit {
      step()
      if throttle.shouldDraw(revision: state.revision, now: clock.now()) {
        backend.draw(state.screen)
        framesDrawn += 1
      }
    }
    launcher.waitForAll(timeout: 1)
  }

  /// One turn of the loop: wait briefly for a key, then take every pending input and message.
  func step() {
    backend.readPendingInput(timeoutMilliseconds: pollMilliseconds, while: { !state.shouldQuit }) { event in
      switch event {
      case .key(let key): send(.key(key))
      case .resize(let w, let h): send(.resize(width: w, height: h))
      }
    }
    for message in queue.drain() { send(message) }
    send(.tick(now: clock.now()))
  }

  /// Updates the state with `message` and performs the effects.
  func send(_ message: Message) {
    for effect in state.update(message) {
      switch effect {
      case .startRun(let id, let settings): launcher.start(runID: id, settings: settings, queue: queue)
      case .pause(let id): launcher.send(.pause, toRun: id)
      case .resume(let id): launcher.send(.resume, toRun: id)
      case .stop(let id): launcher.send(.stop, toRun: id)
      case .step(let id, let kind): launcher.send(.step(kind), toRun: id)
      case .setPace(let id, let pace): launcher.send(.pace(pace), toRun: id)
      case .change(let id, let setting, let value): launcher.send(.change(setting, value), toRun: id)
      case .showWeights(let id, let on): launcher.send(.showWeights(on), toRun: id)
      case .export(let request):
        do throws(FileWriteError) {
          send(.exported(paths: try request.write(stamp: exportStamp())))
        } catch {
          send(.exportFailed(message: error.message))
        }
      case .quit: break
      }
    }
  }
}
