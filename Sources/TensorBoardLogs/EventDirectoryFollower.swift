import Synchronization
import TrainingRuns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Follows a TensorBoard run: every event file directly inside one directory (or several, when
/// one run's scalars are spread over sibling folders, as the Keras callback writes them).
///
/// TensorBoard treats all `events.out.tfevents.*` files of a directory as one run (a restarted
/// trainer adds a file), read in name order, which is creation-time order. The directory is
/// listed again every `listInterval` seconds, so a file that appears later is picked up.
/// Tags are renamed per directory by `rename` (the Keras join turns `epoch_loss` of
/// `validation/` into `val_loss`). A directory that vanishes leaves the run's scalars in place
/// and the run waiting; a file that is rewritten (shorter, or another inode) makes the run start
/// over from the files as they are now.
public final class EventDirectoryFollower: LogSource {
  /// One folder of the run and how its tags are named.
  public struct Part: Sendable {
    public var directory: String
    /// The metric name for a tag; nil leaves the tag out.
    public var rename: @Sendable (String) -> String?

    public init(directory: String, rename: @escaping @Sendable (String) -> String? = { $0 }) {
      self.directory = directory
      self.rename = rename
    }
  }

  public let displayName: String
  public let parts: [Part]
  /// Whether steps are epochs (the Keras callback logs `epoch_*` at the epoch) rather than
  /// steps, for the x axis.
  public let stepsAreEpochs: Bool
  /// Upper bound on the bytes one `poll()` reads, over all files.
  public let maxBytesPerPoll: Int
  /// Seconds between listings of the directories.
  public let listInterval: Double

  private struct State {
    var tails: [[EventFileTail]]
    var metricNames: [String] = []
    var knownNames: Set<String> = []
    var status = LogStatus.waitingForFile
    var lastListing = -Double.infinity
    var rowCount = 0
  }

  private let state: Mutex<State>

  public init(
    displayName: String, parts: [Part], stepsAreEpochs: Bool = false, maxBytesPerPoll: Int = 1 << 20,
    listInterval: Double = 2
  ) {
    self.displayName = displayName
    self.parts = parts
    self.stepsAreEpochs = stepsAreEpochs
    self.maxBytesPerPoll = max(1, maxBytesPerPoll)
    self.listInterval = listInterval
    self.state = Mutex(State(tails: parts.map { _ in [] }))
  }

  /// Follows one directory's event files with their tags as written.
  public convenience init(directory: String, displayName: String? = nil) {
    self.init(
      displayName: displayName ?? directory.split(separator: "/").last.map(String.init) ?? directory,
      parts: [Part(directory: directory)])
  }

  public var metricNames: [String] { state.withLock { $0.metricNames } }
  public var xIsStep: Bool { !stepsAreEpochs }
  public var status: LogStatus { state.withLock { $0.status } }

  /// The metric names only: the rows go to the caller with each update and are not kept here,
  /// so a run of 10 000 steps is held once (by the view), not twice.
  public var log: MetricLog {
    var log = MetricLog(metricNames: metricNames, malformedLines: malformedRecords)
    log.xIsStep = xIsStep
    return log
  }

  /// Records that could not be read, over all files.
  public var malformedRecords: Int {
    state.withLock { state in state.tails.joined().reduce(0) { $0 + $1.reader.malformedRecords } }
  }

  public func poll() throws -> LogUpdate {
    try state.withLock { state in try poll(&state) }
  }

  private func poll(_ state: inout State) throws -> LogUpdate {
    let now = monotonicSeconds()
    if now - state.lastListing >= listInterval || state.tails.allSatisfy(\.isEmpty) {
      state.lastListing = now
      try list(&state)
    }
    var rows: [MetricRow] = []
    var budget = maxBytesPerPoll
    var caughtUp = true
    var reset = false
    var anyPresent = false
    partLoop: for (index, part) in parts.enumerated() {
      for tail in state.tails[index] {
        switch try tail.read(budget: budget) {
        case .vanished:
          continue
        case .rewritten:
          reset = true
          break partLoop
        case .read(let scalars, let bytes, let done):
          anyPresent = true
          rows += EventFileReader.rows(scalars, rename: part.rename)
          budget -= bytes
          if !done || budget <= 0 {
            caughtUp = false
            break partLoop
          }
        }
      }
    }
    if reset {
      state = State(tails: parts.map { _ in [] })
      try list(&state)
      let update = try poll(&state)
      return LogUpdate(
        change: .reset, rows: update.rows, malformedLines: update.malformedLines, status: update.status,
        isCaughtUp: update.isCaughtUp)
    }
    if anyPresent { state.status = .following }
    for row in rows {
      for name in row.values.keys.sorted() where state.knownNames.insert(name).inserted {
        state.metricNames.append(name)
      }
    }
    state.rowCount += rows.count
    let malformed = state.tails.joined().reduce(0) { $0 + $1.reader.malformedRecords }
    return LogUpdate(
      change: rows.isEmpty ? .unchanged : .appended, rows: rows, malformedLines: malformed,
      status: state.status, isCaughtUp: caughtUp)
  }

  /// Adds the event files that appeared since the last listing, in name order.
  private func list(_ state: inout State) throws {
    var anyDirectory = false
    for (index, part) in parts.enumerated() {
      guard let names = try eventFileNames(in: part.directory) else { continue }
      anyDirectory = true
      let known = Set(state.tails[index].map(\.path))
      for name in names {
        let path = part.directory.hasSuffix("/") ? part.directory + name : part.directory + "/" + name
        if !known.contains(path) { state.tails[index].append(EventFileTail(path: path)) }
      }
      state.tails[index].sort { $0.path < $1.path }
    }
    if !anyDirectory { state.status = .waitingForFile }
  }
}

/// The names of the event files directly inside `directory`, sorted (TensorBoard's order);
/// nil when the directory does not exist (yet, or any more).
///
/// TensorBoard's `io_wrapper.IsTensorFlowEventsFile`: the name contains `tfevents`. Hidden files
/// and Python's temporary names are skipped.
func eventFileNames(in directory: String) throws(LogReadError) -> [String]? {
  guard let handle = opendir(directory) else {
    let code = errno
    if code == ENOENT || code == ENOTDIR { return nil }
    throw LogReadError(path: directory, reason: String(cString: strerror(code)))
  }
  defer { closedir(handle) }
  var names: [String] = []
  while let entry = readdir(handle) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    if isEventFileName(name) { names.append(name) }
  }
  return names.sorted()
}

/// Whether a file name is a TensorBoard event file (`events.out.tfevents.<time>.<host>…`).
public func isEventFileName(_ name: some StringProtocol) -> Bool {
  !name.hasPrefix(".") && name.contains("tfevents")
}

/// Seconds on a clock that never jumps (for listing intervals).
func monotonicSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
