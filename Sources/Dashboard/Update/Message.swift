import Figures
import NeuralEngine
import TerminalUI
import TrainingRuns

/// Every input the dashboard reacts to: keys, resizes, time, and what training threads report.
public enum Message: Sendable {
  case key(Key)
  case resize(width: Int, height: Int)
  /// The injected clock's time, in seconds.
  case tick(now: Double)
  /// An event of run `runID` (1-based).
  case training(runID: Int, TrainingEvent)
  /// The training thread of `runID` could not load the data or start the trainer.
  case runFailed(runID: Int, message: String)
  /// A notice from the training thread about the data (e.g. a default dataset was chosen).
  case dataNotice(runID: Int, message: String)
  /// The runs directory was read: its runs, and one line per directory that could not be read.
  case storedRunsLoaded(runs: [StoredRun], problems: [String])
  /// `e` wrote these files (or failed with a one-line message).
  case exported(paths: [String])
  case exportFailed(message: String)
}

/// What `update` asks the runtime to do; the runtime performs it (threads, trainers, exit).
public enum Effect: Sendable, Equatable {
  /// Load the data and train run `runID` with `settings` on a background thread.
  case startRun(runID: Int, settings: Hyperparameters)
  case pause(runID: Int)
  case resume(runID: Int)
  case stop(runID: Int)
  /// Train one batch or to the end of the epoch, then pause.
  case step(runID: Int, TrainingControl.Step)
  /// The pace of the run from its next batch on.
  case setPace(runID: Int, Pace)
  /// A live setting of the run, from its next batch on.
  case change(runID: Int, LiveSetting, Double)
  /// Whether the run's epoch insight should carry its first-layer weights (the weights panel).
  case showWeights(runID: Int, Bool)
  /// Write the charted runs as an SVG figure and a metrics CSV into the runs directory.
  case export(ExportRequest)
  /// Leave the loop (after stopping the active run).
  case quit
}
