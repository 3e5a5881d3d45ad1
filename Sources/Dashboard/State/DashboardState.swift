import NeuralEngine
import TerminalUI

/// Which panel the arrow keys and Enter act on.
public enum Focus: Sendable, Equatable {
  case settings, runs
}

/// The hyperparameter field being typed into, with its inline error.
public struct EditorState: Sendable, Equatable {
  public var field: SettingField
  public var input: TextInput
  /// Why the last Enter was refused; the settings stay unchanged while it is shown.
  public var error: String?
}

/// Everything the dashboard shows, changed only by `update(_:)`.
public struct DashboardState: Sendable, Equatable {
  // MARK: Settings
  /// The settings the next run will use (edited in the panel).
  public var settings: Hyperparameters

  // MARK: Runs
  /// This session's runs, oldest first.
  public var runs: [RunRecord] = []
  /// The run the header, the charts and the run keys follow: the latest still training (a
  /// parallel sweep may end its latest run before an earlier one), else the latest.
  public var currentRun: RunRecord? { runs.last(where: \.phase.isActive) ?? runs.last }
  /// Stored runs, pins, hidden runs, sort order, compare view and sweep queue.
  public var runsPanel = RunsPanelState()

  // MARK: Interaction
  public var focus: Focus = .settings
  public var selectedField: SettingField = .dataset
  /// Index into `panelRuns` of the highlighted row of the runs panel.
  public var selectedRun = 0
  public var editor: EditorState?
  /// A one-line message for the user (refused key, data notice…), cleared by the next key.
  public var notice: String?

  // MARK: Display options
  public var showHelp = false
  public var smoothing = true
  public var logScaleLoss = false
  /// Fit the y axis to the epoch values and the current epoch's batches rather than to every
  /// point: the first batches' loss (2.3 on Fashion-MNIST) would squeeze the curves that matter
  /// into a few rows. `r` shows the full range.
  public var robustRange = true
  public var overlayEarlierRuns = true
  /// ASCII canvas and borders instead of braille and box drawing.
  public var ascii: Bool
  public var color: Bool
  /// The terminal's background, for colours that read on it (see `Theme`).
  public var background = TerminalBackground.dark

  /// Presets, the decision boundary panel and presentation mode.
  public var classroom = ClassroomState()
  /// The insight panel on screen (samples, confusion matrix, weights, speed of learning).
  public var insightPanel: InsightPanel?
  /// Whether pictures can use the terminal's 256 (or more) colours; else density characters.
  public var richColor = false

  // MARK: Terminal and time
  public var width: Int
  public var height: Int
  /// Seconds on the injected clock at the last tick.
  public var now: Double = 0
  /// Bumped whenever something visible changed, so the runtime redraws only then.
  public internal(set) var revision = 0
  public internal(set) var shouldQuit = false

  /// Smoothing weight of the batch-level curves (TensorBoard's slider default is 0.6).
  public static let smoothingWeight = 0.6
  /// Below this size the dashboard shows "terminal too small".
  public static let minimumSize = (width: 60, height: 20)

  public init(
    settings: Hyperparameters, width: Int = 80, height: Int = 24, ascii: Bool = false, color: Bool = true
  ) {
    self.settings = settings
    self.width = width
    self.height = height
    self.ascii = ascii
    self.color = color
  }

  /// The phase shown in the header.
  public var phase: RunPhase { currentRun?.phase ?? .idle }
  /// The current run, when it still has a training thread.
  var activeRun: RunRecord? { currentRun.flatMap { $0.phase.isActive ? $0 : nil } }
  /// Every run that still has a training thread (several while a sweep runs them at once).
  var activeRuns: [RunRecord] { runs.filter(\.phase.isActive) }

  /// The run the charts show: the one selected in the runs panel while it has focus, else the current one.
  public var chartedRun: RunRecord? {
    if focus == .runs {
      let listed = panelRuns
      if listed.indices.contains(selectedRun) { return listed[selectedRun] }
    }
    return currentRun
  }

  /// The settings the panel compares edits against: the running ones while a run is active.
  var runningSettings: Hyperparameters? { activeRun?.currentSettings }
}
