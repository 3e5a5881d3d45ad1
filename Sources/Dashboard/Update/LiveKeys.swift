import NeuralEngine
import TerminalUI

extension DashboardState {
  /// The keys that act on the run as it trains: `+`/`-` pace (`0` back to auto), `.` one epoch
  /// and `,` one batch, `[`/`]` halve and double the learning rate. Nil when `key` is not theirs.
  ///
  /// Without an active run they set up the next one instead (the pace, the learning rate), and a
  /// step starts a run that pauses after it: TensorFlow Playground's step button.
  mutating func handleLiveKey(_ key: Key) -> [Effect]? {
    switch key {
    case .character("+"), .character("="): return stepPace(faster: true)
    case .character("-"): return stepPace(faster: false)
    case .character("0"): return setPace(.auto)
    case .character("."): return step(.epoch)
    case .character(","): return step(.batch)
    case .character("["): return scaleLearningRate(by: 0.5)
    case .character("]"): return scaleLearningRate(by: 2)
    default: return nil
    }
  }

  // MARK: - Pace

  private mutating func stepPace(faster: Bool) -> [Effect] {
    let report = activeRun?.pace ?? runs.last?.pace
    let current: Double?
    switch settings.pace ?? .auto {
    case .full: current = nil
    case .epochsPerSecond(let rate): current = rate
    case .auto: current = report.map { $0.limit } ?? 5
    }
    let next =
      faster ? Pace.faster(than: current) : Pace.slower(than: current, fullSpeed: report?.fullSpeed)
    return setPace(next)
  }

  private mutating func setPace(_ pace: Pace) -> [Effect] {
    settings.pace = pace
    guard let run = activeRun else {
      notice = "pace \(paceText(pace)) for the next run"
      return []
    }
    notice = "pace \(paceText(pace)) from the next batch"
    return [.setPace(runID: run.id, pace)]
  }

  private func paceText(_ pace: Pace) -> String {
    switch pace {
    case .full: "full speed"
    case .auto: "auto"
    case .epochsPerSecond: "\(pace) epochs/s"
    }
  }

  // MARK: - Steps

  private mutating func step(_ kind: TrainingControl.Step) -> [Effect] {
    if let run = activeRun {
      if run.phase == .running {
        notice = kind == .epoch ? "pausing at the end of this epoch" : "pausing after this batch"
      }
      return [.step(runID: run.id, kind)]
    }
    let start = startRun()
    guard case .startRun(let id, _)? = start.first else { return start }
    return start + [.step(runID: id, kind)]
  }

  // MARK: - Live settings

  private mutating func scaleLearningRate(by factor: Double) -> [Effect] {
    let base = activeRun?.currentSettings ?? settings
    var candidate = settings
    candidate.learningRate = base.effectiveLearningRate * factor
    do {
      try candidate.validate()
      guard let effects = try liveEdit(.learningRate, candidate) else {
        settings = candidate
        notice = "learning rate \(formatNumber(candidate.effectiveLearningRate)) for the next run"
        return []
      }
      settings = candidate
      return effects
    } catch {
      notice = error.message
      return []
    }
  }

  /// The effects of confirming `candidate` (the settings with `field` edited) while a run is
  /// active: a live field changes the run at its next batch; nil for other fields and when no
  /// run is active (the edit is for the next run only). Throws when the run cannot take the value.
  mutating func liveEdit(_ field: SettingField, _ candidate: Hyperparameters) throws(DataError) -> [Effect]? {
    guard let run = activeRun else { return nil }
    if field == .pace {
      let pace = candidate.pace ?? .auto
      notice = "pace \(paceText(pace)) from the next batch"
      return [.setPace(runID: run.id, pace)]
    }
    guard let setting = field.liveSetting else { return nil }
    let value = setting.value(in: candidate)
    let current = run.currentSettings
    if setting == .epochs {
      let trained = run.epochCount + (run.lastBatch != nil ? 1 : 0)
      guard Int(value) >= max(1, trained) else {
        throw DataError("epochs: run \(run.id) has reached epoch \(trained); type \(max(1, trained)) or more")
      }
    }
    try setting.validate(value, in: current)
    guard value != setting.value(in: current) else { return [] }
    updateRun(run.id) { $0.pendingChanges[setting] = value }
    notice =
      "\(field.label) \(setting.formatted(setting.value(in: current)))→\(setting.formatted(value)): "
      + "run \(run.id) takes it at the next batch"
    return [.change(runID: run.id, setting, value)]
  }
}
