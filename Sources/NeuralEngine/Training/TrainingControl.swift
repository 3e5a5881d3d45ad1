import Foundation
import Synchronization

/// Pause, resume and stop requests for a running `Trainer`, safe from any thread.
///
/// The trainer checks between batches, so a request takes effect within one
/// batch. While paused the training thread sleeps in short naps (1 ms) rather
/// than spinning, and wakes within a millisecond of `resume` or `stop`.
public final class TrainingControl: Sendable {
  private enum Request: Sendable { case run, pause, stop }
  private let request = Mutex(Request.run)

  public init() {}

  public func pause() { request.withLock { if $0 == .run { $0 = .pause } } }
  public func resume() { request.withLock { if $0 == .pause { $0 = .run } } }
  public func stop() { request.withLock { $0 = .stop } }

  public var isStopRequested: Bool { request.withLock { $0 == .stop } }
  public var isPauseRequested: Bool { request.withLock { $0 == .pause } }

  /// Called by the trainer between batches: returns false when the run must
  /// stop; blocks while paused, calling `onPause`/`onResume` around the wait.
  func shouldContinue(onPause: () -> Void, onResume: () -> Void) -> Bool {
    switch request.withLock({ $0 }) {
    case .run: return true
    case .stop: return false
    case .pause:
      onPause()
      while true {
        usleep(1000)
        switch request.withLock({ $0 }) {
        case .pause: continue
        case .run:
          onResume()
          return true
        case .stop: return false
        }
      }
    }
  }
}
