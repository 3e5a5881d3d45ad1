import TerminalUI

/// When the dashboard and `watch` redraw: only after the state changed, and at most
/// `maxFramesPerSecond` times a second, so a burst of batch messages costs one frame, not many.
struct FrameThrottle {
  var maxFramesPerSecond: Double
  private var drawnRevision = -1
  private var lastDraw = -Double.infinity

  init(maxFramesPerSecond: Double) { self.maxFramesPerSecond = maxFramesPerSecond }

  /// True when `revision` is not on screen yet and the last frame is old enough; counts as drawn.
  mutating func shouldDraw(revision: Int, now: Double) -> Bool {
    guard revision != drawnRevision && now - lastDraw >= 1 / maxFramesPerSecond else { return false }
    drawnRevision = revision
    lastDraw = now
    return true
  }
}

extension TerminalBackend {
  /// Waits up to `timeoutMilliseconds` for input, then hands `handle` everything already typed
  /// while `proceed()` holds: at most 64 events a turn, so a held key cannot starve the messages
  /// and the redraw that follow in the same loop turn.
  func readPendingInput(
    timeoutMilliseconds: Int, while proceed: () -> Bool, _ handle: (InputEvent) -> Void
  ) {
    var input = readKey(timeoutMilliseconds: timeoutMilliseconds)
    var count = 0
    while let event = input, proceed() {
      handle(event)
      count += 1
      input = count < 64 ? readKey(timeoutMilliseconds: 0) : nil
    }
  }
}
