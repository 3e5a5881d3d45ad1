import Foundation
import TensorBoardLogs
import TrainingRuns

/// One run found in a log directory: its name (the folder's path relative to the directory,
/// as TensorBoard names runs), where its metrics are, and where its settings are.
public struct DiscoveredRun: Sendable, Equatable {
  /// Where a run's metrics are written.
  public enum Source: Sendable, Equatable {
    /// TensorBoard event files: one folder, or the Keras callback's `train/` and `validation/`.
    case events([EventFolder])
    /// A text log `LogFollower` reads: Keras/Lightning CSV, our `metrics.csv`, JSON lines.
    case textLog(path: String)
    /// Hugging Face Trainer's `trainer_state.json` (its `log_history`).
    case trainerState(path: String)
  }

  /// A folder of event files and how its tags become metric names.
  public struct EventFolder: Sendable, Equatable {
    public var path: String
    public var naming: TagNaming
  }

  /// The run's name: its folder relative to the watched directory (`.` for the directory itself).
  public var name: String
  public var source: Source
  /// `hparams.yaml` (Lightning) or `config.json` (ours, Hugging Face) beside the log, if any.
  public var settingsFile: String?

  /// Whether the x values are steps (TensorBoard's global step) rather than 0-based epochs.
  public var xIsStep: Bool {
    switch source {
    case .events(let folders): !folders.contains { $0.naming != .asWritten }
    case .textLog, .trainerState: false  // decided by the content
    }
  }

  /// A follower for `watch`.
  public func makeSource() -> any LogSource {
    switch source {
    case .events(let folders):
      return EventDirectoryFollower(
        displayName: name,
        parts: folders.map { folder in
          let naming = folder.naming
          return EventDirectoryFollower.Part(directory: folder.path) { naming.metricName(forTag: $0) }
        }, stepsAreEpochs: !xIsStep)
    case .textLog(let path):
      return LogFollower(path: path, displayName: name)
    case .trainerState(let path):
      return TrainerStateFollower(path: path, displayName: name)
    }
  }

  /// The whole log as it is now, for `export`.
  public func load() throws -> MetricLog {
    switch source {
    case .events(let folders):
      var log = MetricLog()
      for folder in folders {
        let naming = folder.naming
        let part = try EventFileLog.load(files: try EventFileLog.files(in: folder.path)) {
          naming.metricName(forTag: $0)
        }
        for name in part.metricNames where !log.metricNames.contains(name) { log.metricNames.append(name) }
        log.rows = folders.count == 1 ? part.rows : mergedByStep(log.rows, part.rows)
        log.malformedLines += part.malformedLines
      }
      log.xIsStep = xIsStep
      return log
    case .textLog(let path):
      return LogParser.parse(try readText(path), format: LogFormat(path: path))
    case .trainerState(let path):
      return try TrainerState.parse(try readText(path), path: path)
    }
  }
}

/// `rows` with `more` folded in: a row of `more` joins the first row at its step that lacks its
/// metrics (the Keras callback's train and validation values of one epoch become one row).
func mergedByStep(_ rows: [MetricRow], _ more: [MetricRow]) -> [MetricRow] {
  var merged = rows
  var byStep: [Double: [Int]] = [:]
  for (index, row) in rows.enumerated() { byStep[row.step, default: []].append(index) }
  for row in more {
    if let index = byStep[row.step]?.first(where: { i in
      row.values.keys.allSatisfy { merged[i].values[$0] == nil }
    }) {
      merged[index].values.merge(row.values) { a, _ in a }
    } else {
      merged.append(row)
    }
  }
  return merged
}

/// How an event folder's tags become metric names.
public enum TagNaming: Sendable, Equatable {
  /// As written (`Loss/train`, `train_loss`): pairs are found by `MetricPairing`.
  case asWritten
  /// The Keras TensorBoard callback's `train/` folder: `epoch_loss` → `loss`.
  case kerasTrain
  /// Its `validation/` folder: `epoch_loss` → `val_loss`; the `evaluation_*_vs_iterations` tags
  /// (the same values against the optimizer's iterations, another x axis) are left out.
  case kerasValidation

  public func metricName(forTag tag: String) -> String? {
    switch self {
    case .asWritten:
      return tag
    case .kerasTrain:
      return tag.hasPrefix("epoch_") ? String(tag.dropFirst(6)) : tag
    case .kerasValidation:
      if tag.hasPrefix("evaluation_") && tag.hasSuffix("_vs_iterations") { return nil }
      return "val_" + (tag.hasPrefix("epoch_") ? String(tag.dropFirst(6)) : tag)
    }
  }
}

/// The text of a log file, or a `LogReadError` naming it.
func readText(_ path: String) throws(LogReadError) -> String {
  String(decoding: try LogReadError.contents(of: path), as: UTF8.self)
}
