import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Follows a stream — standard input for `watch -`, or any pipe's descriptor.
///
/// `python train.py | traintop watch -` must keep the UI responsive while the
/// script is silent, but reading a pipe blocks until data comes. So a
/// background thread does the blocking reads into a `Mutex`-protected inbox,
/// and `poll()` only takes what has arrived and parses it. At end of stream
/// an unterminated last line is parsed too and the status becomes `.ended`.
/// The format is sniffed from the content unless given (the script's other
/// prints before the first record are counted as malformed).
///
/// Memory and the UI's time stay bounded however fast the writer is (`cat /dev/zero`): the
/// reader thread waits while the inbox holds ``StreamInbox/capacity`` bytes, each `poll()` takes
/// at most ``maxBytesPerPoll``, and lines are capped (see `LineBuffer`).
///
/// The descriptor must stay open while the stream is read; the follower never
/// closes it (standard input belongs to the process).
public final class StandardInputFollower: LogSource {
  public let displayName: String

  private struct State: Sendable {
    var parser: LogParser
    var log = MetricLog()
    var status = LogStatus.following
  }

  private let inbox: StreamInbox
  private let state: Mutex<State>
  /// Upper bound on bytes parsed by one `poll()`, so a tick stays short (as `LogFollower`'s).
  public let maxBytesPerPoll: Int

  /// Follows standard input.
  public convenience init(format: LogFormat? = nil) {
    self.init(fileDescriptor: STDIN_FILENO, displayName: "stdin", format: format)
  }

  /// Follows any readable descriptor (a pipe in tests, or `<(command)`).
  public init(
    fileDescriptor: Int32, displayName: String = "stdin", format: LogFormat? = nil,
    maxBytesPerPoll: Int = 1 << 20
  ) {
    self.displayName = displayName
    self.maxBytesPerPoll = max(1, maxBytesPerPoll)
    self.state = Mutex(State(parser: LogParser(format: format)))
    let inbox = StreamInbox()
    self.inbox = inbox
    let thread = Thread { inbox.readUntilEnd(from: fileDescriptor) }
    thread.name = "traintop log reader (\(displayName))"
    thread.start()
  }

  public var log: MetricLog { state.withLock { $0.log } }
  public var status: LogStatus { state.withLock { $0.status } }

  /// Parses what the reader thread has received; throws once if the read failed.
  public func poll() throws -> LogUpdate {
    let arrived = inbox.take(upTo: maxBytesPerPoll)
    let update = state.withLock { state in
      let before = (state.log.metricNames.count, state.log.malformedLines)
      var rows = state.parser.consume(arrived.bytes)
      if arrived.ended && state.status != .ended {
        rows += state.parser.finish()
        state.status = .ended
      }
      state.log.append(rows, names: state.parser.metricNames, xIsStep: state.parser.xIsStep)
      state.log.malformedLines = state.parser.malformedLines
      let changed = !rows.isEmpty || before != (state.log.metricNames.count, state.log.malformedLines)
      return LogUpdate(
        change: changed ? .appended : .unchanged, rows: rows, malformedLines: state.log.malformedLines,
        status: state.status, isCaughtUp: !arrived.more)
    }
    if let failure = arrived.failure { throw LogReadError(path: displayName, reason: failure) }
    return update
  }
}

/// Bytes handed from a blocking reader thread to the polling thread.
final class StreamInbox: Sendable {
  struct Arrived: Sendable {
    var bytes: [UInt8] = []
    /// The stream has ended and `bytes` are its last.
    var ended = false
    var failure: String?
    /// More bytes wait in the inbox than were taken.
    var more = false
  }

  /// The most bytes waiting: past it the reader thread waits for the poller, so a writer
  /// faster than the parser cannot fill memory.
  static let capacity = 4 << 20

  private let contents = Mutex(Arrived())

  /// Takes everything received so far (the failure is reported only once).
  func takeAll() -> Arrived { take(upTo: Int.max) }

  /// Takes at most `limit` of the bytes received so far, oldest first; the end of the stream
  /// and a failure are reported with the last of them.
  func take(upTo limit: Int) -> Arrived {
    contents.withLock { contents in
      guard contents.bytes.count > limit else {
        let taken = contents
        contents.bytes = []
        contents.failure = nil
        return taken
      }
      let taken = Arrived(bytes: Array(contents.bytes.prefix(limit)), more: true)
      contents.bytes.removeFirst(limit)
      return taken
    }
  }

  private var isFull: Bool { contents.withLock { $0.bytes.count >= Self.capacity } }

  /// Blocks reading `descriptor` until end of stream or an error; run on its own thread.
  func readUntilEnd(from descriptor: Int32) {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        contents.withLock { $0.bytes.append(contentsOf: buffer[0..<count]) }
        // Back-pressure: the writer blocks on its full pipe meanwhile, as it would on a slow reader.
        while isFull { usleep(10_000) }
        continue
      }
      if count < 0 {
        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN {
          // A non-blocking descriptor: wait for data rather than spin.
          var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
          _ = poll(&pollDescriptor, 1, 1000)
          continue
        }
        contents.withLock {
          $0.failure = errnoDescription(code)
          $0.ended = true
        }
        return
      }
      contents.withLock { $0.ended = true }
      return
    }
  }
}
