import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Follows one log file like `tail -F`, turning what is appended into rows.
///
/// `watch` runs beside a training process it does not control, so the file
/// may not exist yet, may grow between polls, may be truncated and rewritten
/// (a new Keras run with the same `CSVLogger` path), or replaced by another
/// file (log rotation, an editor's save, an atomic `rename`). Each `poll()`
/// reads only what was appended since the last one from a remembered offset,
/// and detects the other cases:
/// - missing → `.waitingForFile`, rows so far are kept until a file appears;
/// - size below the offset, or the first bytes changed → re-read from the start (`.reset`);
/// - the path now names another inode or device → reopen and re-read (`.reset`).
///
/// Reads never block (regular files only) and each poll reads at most
/// `maxBytesPerPoll`, so a huge existing log loads over several ticks rather
/// than freezing the screen. State is behind a `Mutex`, so any thread may poll.
public final class LogFollower: LogSource {
  public let path: String
  public let displayName: String
  /// The format given or implied by the extension; nil means sniff the content.
  public let format: LogFormat?
  /// Upper bound on bytes read by one `poll()`.
  public let maxBytesPerPoll: Int

  /// Bytes of the file's start remembered to notice a rewrite that is not shorter.
  static let prefixLength = 512
  private static let chunkSize = 64 * 1024

  private struct State: ~Copyable {
    var descriptor: Int32 = -1
    var identity: FileIdentity?
    var offset: Int64 = 0
    var prefix: [UInt8] = []
    var parser: LogParser
    var log = MetricLog()
    var status = LogStatus.waitingForFile
  }

  private let state: Mutex<State>

  /// - Parameters:
  ///   - format: nil → from the extension (`.csv`, `.jsonl`, `.ndjson`, `.json`), else sniffed.
  ///   - displayName: nil → the file name.
  ///   - maxBytesPerPoll: keeps each poll short on large files (1 MiB parses in
  ///     about 30 ms in a release build, so a UI tick stays smooth).
  public init(
    path: String, format: LogFormat? = nil, displayName: String? = nil, maxBytesPerPoll: Int = 1 << 20
  ) {
    self.path = path
    self.displayName = displayName ?? path.split(separator: "/").last.map(String.init) ?? path
    self.format = format ?? LogFormat(path: path)
    self.maxBytesPerPoll = max(1, maxBytesPerPoll)
    self.state = Mutex(State(parser: LogParser(format: self.format)))
  }

  deinit {
    state.withLock { if $0.descriptor >= 0 { close($0.descriptor) } }
  }

  public var log: MetricLog { state.withLock { $0.log } }
  public var status: LogStatus { state.withLock { $0.status } }

  public func poll() throws -> LogUpdate {
    try state.withLock { state in try poll(&state) }
  }

  private func poll(_ state: inout State) throws -> LogUpdate {
    // Not the row count: past `MetricLog.maximumRows` a new row can replace the last in place.
    let before = (state.log.metricNames.count, state.log.malformedLines)
    var reset = false
    guard let current = FileInfo.of(path: path) else {
      let code = errno
      guard code == ENOENT || code == ENOTDIR else {
        throw LogReadError(path: path, reason: errnoDescription(code))
      }
      // Keep the old descriptor (and rows) until a file takes the path again:
      // holding it also keeps its inode from being reused by the new file.
      state.status = .waitingForFile
      return LogUpdate(
        change: .unchanged, rows: [], malformedLines: state.log.malformedLines, status: state.status)
    }
    if state.descriptor < 0 || current.identity != state.identity {
      reset = try reopen(&state) || reset
      if state.descriptor < 0 {
        return LogUpdate(
          change: .unchanged, rows: [], malformedLines: state.log.malformedLines, status: state.status)
      }
    }
    guard let info = FileInfo.of(descriptor: state.descriptor) else {
      throw LogReadError(path: path, reason: errnoDescription(errno))
    }
    if info.size < state.offset || !prefixMatches(state) {
      startOver(&state)
      reset = true
    }
    state.status = .following
    let (rows, caughtUp) = try readAppended(&state, upTo: info.size)
    state.log.malformedLines = state.parser.malformedLines
    let changed = !rows.isEmpty || before != (state.log.metricNames.count, state.log.malformedLines)
    return LogUpdate(
      change: reset ? .reset : (changed ? .appended : .unchanged), rows: rows,
      malformedLines: state.log.malformedLines, status: state.status, isCaughtUp: caughtUp)
  }

  /// Opens the file now at `path`; true if content read from a previous file was dropped.
  private func reopen(_ state: inout State) throws -> Bool {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR {
        state.status = .waitingForFile
        return false
      }
      throw LogReadError(path: path, reason: errnoDescription(code))
    }
    guard let info = FileInfo.of(descriptor: descriptor), info.isRegularFile else {
      close(descriptor)
      throw LogReadError(
        path: path, reason: "not a regular file (to read a pipe, use: command | traintop watch -)")
    }
    if state.descriptor >= 0 { close(state.descriptor) }
    let hadContent = state.offset > 0 || !state.log.rows.isEmpty
    state.descriptor = descriptor
    state.identity = info.identity
    if hadContent { startOver(&state) }
    return hadContent
  }

  private func startOver(_ state: inout State) {
    state.offset = 0
    state.prefix = []
    state.parser = LogParser(format: format)
    state.log = MetricLog()
  }

  /// False if the bytes at the start of the file differ from those read before:
  /// the file was rewritten with content at least as long as what we had.
  private func prefixMatches(_ state: borrowing State) -> Bool {
    guard !state.prefix.isEmpty else { return true }
    var bytes = [UInt8](repeating: 0, count: state.prefix.count)
    let count = bytes.withUnsafeMutableBytes { pread(state.descriptor, $0.baseAddress, $0.count, 0) }
    return count == state.prefix.count && bytes == state.prefix
  }

  /// Reads from the offset to `size` (or the per-poll budget) and parses it.
  private func readAppended(_ state: inout State, upTo size: Int64) throws -> ([MetricRow], Bool) {
    var rows: [MetricRow] = []
    var budget = maxBytesPerPoll
    var buffer = [UInt8](repeating: 0, count: min(Self.chunkSize, budget))
    while budget > 0 {
      let wanted = min(buffer.count, budget)
      let count = buffer.withUnsafeMutableBytes { raw in
        pread(state.descriptor, raw.baseAddress, wanted, off_t(state.offset))
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw LogReadError(path: path, reason: errnoDescription(errno))
      }
      if count == 0 { break }
      let chunk = buffer[0..<count]
      if state.prefix.count < Self.prefixLength {
        state.prefix.append(contentsOf: chunk.prefix(Self.prefixLength - state.prefix.count))
      }
      state.offset += Int64(count)
      budget -= count
      rows.append(contentsOf: state.parser.consume(chunk))
    }
    state.log.append(rows, names: state.parser.metricNames, xIsStep: state.parser.xIsStep)
    return (rows, state.offset >= size || budget > 0)
  }
}
