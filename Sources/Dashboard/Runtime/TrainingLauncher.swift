import Foundation
import NeuralEngine
import Synchronization
import TrainingRuns

/// What the dashboard asks of a run's trainer (see `TrainingControl`).
public enum RunRequest: Sendable, Equatable, CustomStringConvertible {
  case pause, resume, stop
  case step(TrainingControl.Step)
  case pace(Pace)
  case change(LiveSetting, Double)
  case showWeights(Bool)

  /// `pause`, `step epoch`, `pace 2`, `change learning_rate=0.05`: how test launchers log it.
  public var description: String {
    switch self {
    case .pause: "pause"
    case .resume: "resume"
    case .stop: "stop"
    case .step(let kind): "step \(kind.rawValue)"
    case .pace(let pace): "pace \(pace)"
    case .change(let setting, let value): "change \(setting.rawValue)=\(setting.formatted(value))"
    case .showWeights(let on): "weights \(on ? "on" : "off")"
    }
  }

  /// Passes the request on to a trainer's control.
  func apply(to control: TrainingControl) {
    switch self {
    case .pause: control.pause()
    case .resume: control.resume()
    case .stop: control.stop()
    case .step(let kind): control.step(kind)
    case .pace(let pace): control.setPace(pace)
    case .change(let setting, let value): control.change(setting, to: value)
    case .showWeights(let on): control.showWeights = on
    }
  }
}

/// Starts runs on background threads and forwards requests (pause, step, pace, live settings…)
/// to their trainers.
///
/// A run first loads its data on its own thread (so the UI never waits for a dataset), then
/// trains; requests that arrive while the data is loading are applied, in order, as soon as the
/// trainer exists.
public protocol TrainingLauncher: AnyObject {
  func start(runID: Int, settings: Hyperparameters, queue: MessageQueue)
  func send(_ request: RunRequest, toRun runID: Int)
  /// Waits up to `timeout` seconds for every training thread to finish.
  func waitForAll(timeout: Double)
}

/// The real launcher: a `Thread` per run, each with a `Trainer`.
public final class ThreadTrainingLauncher: TrainingLauncher {
  /// Where runs are kept (the same store `traintop train` uses); nil keeps nothing on disk.
  public let store: RunStore?
  /// Threads each run trains with: 1 by default, leaving a core to the UI (`--threads`).
  public let threads: Int
  private var handles: [Int: RunHandle] = [:]

  public init(store: RunStore?, threads: Int = 1) {
    self.store = store
    self.threads = threads
  }

  public func start(runID: Int, settings given: Hyperparameters, queue: MessageQueue) {
    let settings = given.resolvingDefaultDataset()
    let handle = RunHandle()
    handles[runID] = handle
    let (store, threads) = (self.store, self.threads)
    let thread = Thread {
      defer { handle.finish() }
      let trainer: Trainer
      do {
        let data = try loadData(for: settings)
        if let notice = data.notice { queue.push(.dataNotice(runID: runID, message: notice)) }
        trainer = try Trainer(
          hyperparameters: settings, data: data, boundaryProbe: DecisionBoundaryProbe(),
          insightProbe: InsightProbe(), pace: .auto, threads: threads)
      } catch let error as DataError {
        queue.push(.runFailed(runID: runID, message: error.message))
        return
      } catch {
        queue.push(.runFailed(runID: runID, message: "\(error)"))
        return
      }
      var recorder: RunRecorder?
      if let store {
        do throws(FileWriteError) {
          recorder = try store.create(config: settings)
        } catch {
          queue.push(.dataNotice(runID: runID, message: "metrics not saved: \(error.message)"))
        }
      }
      guard handle.attach(trainer) else {
        queue.push(.training(runID: runID, .ended(Self.stoppedBeforeStart(settings, data: trainer.data))))
        return
      }
      // A write that fails (a full disk) stops the run: its files keep the complete epochs,
      // and the reason shown and stored names the file.
      var failure: FileWriteError?
      trainer.run { event in
        var event = event
        if case .ended(let summary) = event, let failure {
          event = .ended(summary.stopped(by: .writeFailed(failure)))
        }
        do throws(FileWriteError) {
          try recorder?.record(event)
        } catch {
          if failure == nil {
            failure = error
            trainer.control.stop()
          }
        }
        queue.push(.training(runID: runID, event))
      }
    }
    thread.name = "traintop run \(runID)"
    thread.stackSize = 8 << 20
    thread.start()
  }

  public func send(_ request: RunRequest, toRun runID: Int) { handles[runID]?.request(request) }

  public func waitForAll(timeout: Double) {
    let deadline = Date().addingTimeInterval(timeout)
    while handles.values.contains(where: { !$0.isFinished }) && Date() < deadline {
      usleep(5000)
    }
  }

  private static func stoppedBeforeStart(_ h: Hyperparameters, data: DataSplit) -> RunSummary {
    RunSummary(
      status: .stopped, reason: "stopped before the first batch", epochs: [], config: h,
      trainCount: data.train.count, validationCount: data.validation.count)
  }
}

/// A run's trainer once it exists, and the requests made before it did.
final class RunHandle: Sendable {
  private struct State {
    var trainer: Trainer?
    var early: [RunRequest] = []
    var stopped = false
    var finished = false
  }
  private let state = Mutex(State())

  func request(_ r: RunRequest) {
    state.withLock { s in
      if r == .stop { s.stopped = true }
      if let trainer = s.trainer {
        r.apply(to: trainer.control)
      } else {
        s.early.append(r)
      }
    }
  }

  /// Hands the trainer over and applies earlier requests; false when the run was stopped already.
  func attach(_ trainer: Trainer) -> Bool {
    state.withLock { s in
      s.trainer = trainer
      for r in s.early { r.apply(to: trainer.control) }
      s.early = []
      return !s.stopped
    }
  }

  func finish() { state.withLock { $0.finished = true } }
  var isFinished: Bool { state.withLock { $0.finished } }
}
