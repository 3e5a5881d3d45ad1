/// What one `poll()` of a followed log found.
///
/// The dashboard polls every tick and only redraws when something changed, so
/// an update says exactly that: nothing new, rows appended, or the log was
/// reset (truncated, replaced, rewritten) and the curves must be redrawn from
/// `rows` alone.
public struct LogUpdate: Sendable, Equatable {
  public enum Change: Sendable, Equatable {
    /// Nothing new since the last poll (not `none`, which would read as `Optional.none`).
    case unchanged
    /// `rows` follow the rows already seen.
    case appended
    /// The earlier rows are gone; `rows` start the log afresh.
    case reset
  }

  /// What happened to the rows. A status change alone (e.g. the file was
  /// deleted) comes with `.unchanged`: compare `status` with the last update's.
  public var change: Change
  /// New rows since the last poll (after `.reset`: the first rows of the new content).
  public var rows: [MetricRow]
  /// Running count of unreadable lines in the current content (for the status line).
  public var malformedLines: Int
  public var status: LogStatus
  /// False when a poll stopped early to stay responsive; the rest comes with the next poll.
  public var isCaughtUp: Bool

  public init(
    change: Change, rows: [MetricRow], malformedLines: Int, status: LogStatus, isCaughtUp: Bool = true
  ) {
    self.change = change
    self.rows = rows
    self.malformedLines = malformedLines
    self.status = status
    self.isCaughtUp = isCaughtUp
  }
}

/// Where a followed log stands, for the status line.
public enum LogStatus: Sendable, Equatable, CustomStringConvertible {
  /// The file does not exist (yet, or any more): `watch` may start before training does.
  case waitingForFile
  /// Reading as the writer appends.
  case following
  /// The writer closed the stream (end of standard input); nothing more will come.
  case ended

  public var description: String {
    switch self {
    case .waitingForFile: "waiting for the file to appear"
    case .following: "following"
    case .ended: "ended"
    }
  }
}

/// A live training log: a file or a stream that `watch` shows as one run.
///
/// Followers are `Sendable` and lock internally, so the UI may poll on any
/// thread; `poll()` never blocks on the writer.
public protocol LogSource: AnyObject, Sendable {
  /// The name to show for this run: the file name, or "stdin".
  var displayName: String { get }
  /// What the source keeps of the current content: text-log followers keep every row; event-file
  /// followers keep only the names (their rows go out with each update, and only the view keeps
  /// them, so a long run is held once).
  var log: MetricLog { get }
  /// The metric names seen so far, in first-seen order.
  var metricNames: [String] { get }
  /// Whether x values are steps rather than 0-based epochs (see ``MetricLog/xIsStep``).
  var xIsStep: Bool { get }
  /// Reads whatever arrived since the last poll.
  func poll() throws -> LogUpdate
}

extension LogSource {
  public var metricNames: [String] { log.metricNames }
  public var xIsStep: Bool { log.xIsStep }
}

/// A follower for a command-line argument: `-` is standard input, anything else a file path.
///
/// - Parameter displayName: overrides the file name, e.g. with `distinctLogNames(for:)`
///   when several runs' files are all called `metrics.csv`.
public func makeLogSource(for argument: String, displayName: String? = nil) -> any LogSource {
  argument == "-"
    ? StandardInputFollower(fileDescriptor: 0, displayName: displayName ?? "stdin")
    : LogFollower(path: argument, displayName: displayName)
}

/// A log that exists but cannot be read, naming the file and the reason.
public struct LogReadError: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  public var description: String { "cannot read \(safePath: path): \(reason)" }
}
