import Foundation
import Synchronization

/// Follows a `trainer_state.json`, which Hugging Face's Trainer rewrites whole at each save.
///
/// The file is small (one entry per logging step) and replaced, not appended to, so each poll
/// that sees a new size or modification time reads it again: the rows that extend the ones
/// already shown come as `.appended`, a history that no longer starts the same (a new run in
/// the same folder) as `.reset`. A file caught half-written fails to parse and is simply read
/// again at the next change; only a file that stays unreadable is reported.
public final class TrainerStateFollower: LogSource {
  public let path: String
  public let displayName: String

  private struct State {
    var rows: [MetricRow] = []
    var names: [String] = []
    var xIsStep = false
    var stamp: (size: Int, modified: Date)?
    var status = LogStatus.waitingForFile
    var failures = 0
  }

  private let state = Mutex(State())

  public init(path: String, displayName: String? = nil) {
    self.path = path
    self.displayName = displayName ?? path
  }

  public var metricNames: [String] { state.withLock { $0.names } }
  public var xIsStep: Bool { state.withLock { $0.xIsStep } }
  public var log: MetricLog {
    state.withLock { s in
      var log = MetricLog(metricNames: s.names, rows: s.rows)
      log.xIsStep = s.xIsStep
      return log
    }
  }

  public func poll() throws -> LogUpdate {
    try state.withLock { state in
      guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
        let size = (attributes[.size] as? NSNumber)?.intValue,
        let modified = attributes[.modificationDate] as? Date
      else {
        state.status = .waitingForFile
        return LogUpdate(change: .unchanged, rows: [], malformedLines: 0, status: state.status)
      }
      state.status = .following
      if let stamp = state.stamp, stamp.size == size, stamp.modified == modified {
        return LogUpdate(change: .unchanged, rows: [], malformedLines: 0, status: state.status)
      }
      guard let data = try? LogReadError.contents(of: path),
        let log = try? TrainerState.parse(String(decoding: data, as: UTF8.self), path: path)
      else {
        // Half-written, or not the file we expect: try again at the next change, and say so
        // only if it stays that way.
        state.failures += 1
        state.stamp = (size, modified)
        if state.failures >= 3 {
          throw LogReadError(path: path, reason: "not a trainer_state.json (no log_history list)")
        }
        return LogUpdate(change: .unchanged, rows: [], malformedLines: 0, status: state.status)
      }
      state.failures = 0
      state.stamp = (size, modified)
      state.names = log.metricNames
      state.xIsStep = log.xIsStep
      let extends = log.rows.count >= state.rows.count && log.rows.starts(with: state.rows)
      let change: LogUpdate.Change =
        extends ? (log.rows.count > state.rows.count ? .appended : .unchanged) : .reset
      let rows = extends ? Array(log.rows[state.rows.count...]) : log.rows
      state.rows = log.rows
      return LogUpdate(change: change, rows: rows, malformedLines: log.malformedLines, status: state.status)
    }
  }
}
