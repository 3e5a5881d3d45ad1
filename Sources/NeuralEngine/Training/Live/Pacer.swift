/// Spreads a paced run's batches evenly over time: the trainer asks it when the next batch may
/// start, and tells it when batches and validation passes finish.
///
/// With a limit of r epochs per second and B batches an epoch, batch k starts at `k / (r·B)`
/// seconds on a schedule: the compute time is absorbed by the wait rather than added to it, and
/// a batch a little late (the validation pass at an epoch's end, a slow wake-up) is made up over
/// the next ones, so the run keeps the pace on average. A batch later than one epoch's time (or
/// ½ s) — after a pause or a step — starts a new schedule instead of catching up in a burst.
struct Pacer {
  var pace: Pace {
    didSet { decide() }
  }
  /// The planned epochs (``Pace/auto`` depends on them; a live `epochs` change updates them).
  var epochs: Int {
    didSet { decide() }
  }
  let batchesPerEpoch: Int
  /// The limit in force, in epochs per second; nil means full speed.
  private(set) var limit: Double?
  /// When the previous batch was due (or started, when it began a new schedule).
  private var lastStart: Double?
  /// Moving average of one batch's compute time, waits excluded.
  private var batchSeconds: Double?
  private var validationSeconds = 0.0

  init(pace: Pace, epochs: Int, batchesPerEpoch: Int) {
    self.pace = pace
    self.epochs = epochs
    self.batchesPerEpoch = max(1, batchesPerEpoch)
    decide()
  }

  /// The measured time of one epoch at full speed (training plus validation), once a batch ran.
  var fullSpeedEpochSeconds: Double? {
    batchSeconds.map { $0 * Double(batchesPerEpoch) + validationSeconds }
  }

  /// The time before which the next batch must not start; nil when it may start now.
  var nextStart: Double? {
    guard let limit, let lastStart else { return nil }
    return lastStart + 1 / (limit * Double(batchesPerEpoch))
  }

  /// Forgets the schedule: the next batch starts at once (after a pause or for a step).
  mutating func restart() { lastStart = nil }

  /// Records when a batch started: on schedule (its due time) when it was at most a little late.
  mutating func batchStarted(at time: Double) {
    if let due = nextStart, let limit, time - due <= min(0.5, 1 / limit) {
      lastStart = due
    } else {
      lastStart = time
    }
  }

  /// Records a batch's compute time (an exponential moving average, weight 0.2 on the newest).
  mutating func batchFinished(computeSeconds: Double) {
    batchSeconds = batchSeconds.map { 0.8 * $0 + 0.2 * computeSeconds } ?? computeSeconds
    if pace == .auto { decide() }
  }

  mutating func validationFinished(seconds: Double) {
    validationSeconds = seconds
    if pace == .auto { decide() }
  }

  private mutating func decide() {
    switch pace {
    case .full: limit = nil
    case .epochsPerSecond(let rate): limit = rate
    case .auto:
      // The first batch runs at full speed: it is the measurement.
      limit = fullSpeedEpochSeconds.flatMap {
        AutoPace.limit(epochs: epochs, fullSpeedEpochSeconds: $0, wasLimited: limit != nil)
      }
    }
  }
}

/// The time a `Trainer` runs on: the system's in use, a manual one in tests, so that pacing is
/// tested by the waits it asks for rather than by the time it takes.
public protocol TrainingClock: Sendable {
  /// Seconds since an arbitrary origin.
  func now() -> Double
  /// Waits until `deadline` (on this clock), or less when `control` gets a request (pause,
  /// stop, step, a new pace or setting), which the trainer then handles before waiting again.
  func wait(until deadline: Double, control: TrainingControl)
}

/// The monotonic system clock; waits wake early on any control request.
public struct SystemTrainingClock: TrainingClock {
  private let origin = ContinuousClock.now

  public init() {}

  public func now() -> Double { (ContinuousClock.now - origin).seconds }

  public func wait(until deadline: Double, control: TrainingControl) {
    let seconds = deadline - now()
    if seconds > 0 { control.waitForRequest(seconds: seconds) }
  }
}
