import NeuralEngine

/// The status shown in the header: of the session when no run exists, else of the latest run.
public enum RunPhase: String, Sendable, Equatable {
  case idle = "IDLE"
  /// Data is loading on the training thread; the trainer has not started yet.
  case loading = "LOADING"
  case running = "RUNNING"
  case paused = "PAUSED"
  /// Taking one step (`.` an epoch, `,` a batch) before pausing again.
  case stepping = "STEP"
  case finished = "FINISHED"
  case stopped = "STOPPED"
  case diverged = "DIVERGED"
  /// The data or the settings could not be used (message in `RunRecord.message`).
  case failed = "FAILED"

  /// A run in this phase still has a training thread.
  public var isActive: Bool { self == .loading || self == .running || self == .paused || self == .stepping }
}

/// A point of a batch-level curve: x in (fractional) epochs.
public struct BatchPoint: Equatable, Sendable {
  public var x: Double
  public var loss: Double
  public var accuracy: Double
}

/// One run of this session: its settings, what the trainer said so far, and its curves.
///
/// Memory stays bounded however long a run goes: epochs are kept in full up to
/// `EpochSeries.cap`, then thinned keeping each stretch's extremes (see ``EpochSeries``); batch
/// points are thinned to at most `batchPointCap` by dropping every other point and doubling the
/// least x distance between two points kept from then on.
public struct RunRecord: Equatable, Sendable {
  /// 1-based run number in this session.
  public let id: Int
  /// The settings the run started with (the dataset filled in once the trainer names it).
  public internal(set) var settings: Hyperparameters
  public var phase: RunPhase = .loading
  public var info: RunInfo?
  /// The epochs: every one for a run of up to `EpochSeries.cap` epochs, then the extremes of
  /// each stretch and the latest (what charts show; the run's metrics.csv holds them all).
  public var epochs: [EpochMetrics] { series.kept }
  /// Epochs trained (or read back).
  public var epochCount: Int { series.count }
  private(set) var series = EpochSeries()
  public private(set) var batchPoints: [BatchPoint] = []
  /// The latest batch progress (cleared at the end of each epoch).
  public var lastBatch: BatchProgress?
  /// Samples per second of the latest batch or epoch.
  public var samplesPerSecond: Double?
  public var summary: RunSummary?
  /// Why the run stopped, diverged or failed, or a notice about the data.
  public var message: String?
  /// The run's directory name when it was read from the runs directory (see `RunsPanelState`).
  public var storedID: String?
  /// The latest prediction over the plane, for 2-D datasets (see `DecisionBoundaryView`).
  public var boundary: DecisionBoundary?
  /// The live settings changed so far, in the order they applied (marks on the charts).
  public internal(set) var changes: [SettingChange] = []
  /// Live values asked for that the trainer has not taken up yet (it does at the next batch).
  var pendingChanges: [LiveSetting: Double] = [:]
  /// The pace the trainer reports (nil until it starts).
  public var pace: PaceReport?
  /// The validation images the samples panel shows (image data only).
  public var samples: SampleSet?
  /// What the network learned by its latest epoch (see `EpochInsight`).
  public var insight: EpochInsight?

  /// Batch points kept per run at most.
  public static let batchPointCap = 4000
  /// The least x distance (in epochs) from the last point kept to the next one; grows as the
  /// points are thinned. A distance, not a count of events to skip: it stays near
  /// span / `batchPointCap` however long the run, where a doubling count overflowed after
  /// 63 thinnings (about 128 000 one-batch epochs).
  private var minimumGap = 0.0

  public init(id: Int, settings: Hyperparameters) {
    self.id = id
    self.settings = settings
  }

  mutating func append(_ p: BatchProgress) {
    lastBatch = p
    samplesPerSecond = p.samplesPerSecond
    appendPoint(BatchPoint(x: p.fractionalEpoch, loss: p.loss, accuracy: p.accuracy))
  }

  /// Appends `point` when it lies at least `minimumGap` after the last one; past the cap, keeps
  /// every other point and sets the gap to the mean distance between those left.
  private mutating func appendPoint(_ point: BatchPoint) {
    if let last = batchPoints.last, !(point.x > last.x && point.x - last.x >= minimumGap) { return }
    batchPoints.append(point)
    if batchPoints.count > Self.batchPointCap {
      batchPoints = batchPoints.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
      if let first = batchPoints.first, let last = batchPoints.last, batchPoints.count > 1 {
        minimumGap = max(minimumGap, (last.x - first.x) / Double(batchPoints.count - 1))
      }
    }
  }

  mutating func append(_ m: EpochMetrics) {
    // The epoch's exact train value ends its batch curve (the last batch may have been coalesced away).
    appendPoint(BatchPoint(x: Double(m.epoch + 1), loss: m.loss, accuracy: m.accuracy))
    series.append(m)
    lastBatch = nil
    if m.seconds > 0, let n = info?.trainCount { samplesPerSecond = Double(n) / m.seconds }
  }

  /// The settings in force now: the starting ones with every change applied (and those asked
  /// for but not yet taken up), e.g. the epochs the run will end with.
  public var currentSettings: Hyperparameters {
    var h = settings.applying(changes)
    for (setting, value) in pendingChanges { setting.apply(value, to: &h) }
    return h
  }

  /// Records a change the trainer made (and forgets it as pending).
  mutating func applied(_ change: SettingChange) {
    changes.append(change)
    if pendingChanges[change.setting] == change.value { pendingChanges[change.setting] = nil }
  }

  /// The run's starting settings with every change it had (planned or live) as a plan: what
  /// `traintop train` needs to replay it.
  public var reproducibleSettings: Hyperparameters {
    var h = settings
    h.changes = replayChanges
    return h
  }

  /// The changes that reproduce this run: those applied, then the planned ones still ahead.
  public var replayChanges: [SettingChange] {
    let done = changes.map(\.withoutPrevious)
    let last = changes.last.map { ($0.epoch, $0.batch) } ?? (-1, -1)
    let ahead = settings.changes.filter { ($0.epoch, $0.batch) > last && !done.contains($0) }
    return done + ahead
  }

  /// The epoch (0-based) with the highest validation accuracy (the first on ties); tracked as
  /// epochs come, so a frame does not scan them.
  public var bestAccuracyEpoch: EpochMetrics? { series.bestAccuracy }

  /// The epoch (0-based) with the lowest validation loss (the first on ties).
  public var bestLossEpoch: EpochMetrics? { series.bestLoss }

  /// How far the run is, in epochs (e.g. 2.5 halfway through the third epoch).
  public var progressEpochs: Double {
    if let b = lastBatch { return b.fractionalEpoch }
    return Double(epochCount)
  }

  /// Seconds left at the current speed, when known.
  public var etaSeconds: Double? {
    guard phase.isActive, let info, let sps = samplesPerSecond, sps > 0 else { return nil }
    let remainingEpochs = Double(currentSettings.epochs) - progressEpochs
    return max(0, remainingEpochs) * Double(info.trainCount) / sps
  }
}
