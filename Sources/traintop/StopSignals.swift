import Dispatch
import Foundation
import NeuralEngine
import Synchronization
import TrainingRuns

/// SIGINT (Ctrl-C), SIGTERM and SIGHUP while `train` or `sweep` runs: stop the current runs
/// between batches, so its summary ends `stopped` with the signal in its reason instead of the
/// process dying with the run `incomplete`.
///
/// A signal after the current run was told to stop ends the process at once (the signal's
/// default action), for a run that does not stop quickly enough. With
/// `finishCurrentOnFirstInterrupt` (sweep), the first Ctrl-C only keeps the next run from
/// starting; SIGTERM and SIGHUP always stop the current run, as a service manager or a closed
/// terminal will not wait for a whole run.
final class StopSignals: @unchecked Sendable {
  private struct State {
    /// The first signal: no new run should start.
    var requested: Int32?
    /// The signal that stopped (or will stop) the current runs.
    var stopping: Int32?
    /// The trainers running now (several in a parallel sweep).
    var trainers: [ObjectIdentifier: Trainer] = [:]
    /// Ctrl-C presses so far.
    var interrupts = 0
  }
  private let state = Mutex(State())
  private let finishCurrentOnFirstInterrupt: Bool
  private var sources: [DispatchSourceSignal] = []

  static let handled = [SIGINT, SIGTERM, SIGHUP]

  init(finishCurrentOnFirstInterrupt: Bool = false) {
    self.finishCurrentOnFirstInterrupt = finishCurrentOnFirstInterrupt
    for number in Self.handled {
      signal(number, SIG_IGN)  // the dispatch source below sees it instead
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [weak self] in self?.received(number) }
      source.resume()
      sources.append(source)
    }
  }

  /// The first signal received, if any: the command should start no new run.
  var requested: Int32? { state.withLock { $0.requested } }

  /// The signal that stopped the current run, if one did.
  var stoppedBy: Int32? { state.withLock { $0.stopping } }

  /// A trainer a signal should stop from now on, until it is detached. A trainer attached after
  /// a stopping signal arrived is stopped at once (before its first batch).
  func attach(_ trainer: Trainer) {
    state.withLock { s in
      s.trainers[ObjectIdentifier(trainer)] = trainer
      if s.stopping != nil { trainer.control.stop() }
    }
  }

  /// A trainer whose run ended.
  func detach(_ trainer: Trainer) {
    _ = state.withLock { $0.trainers.removeValue(forKey: ObjectIdentifier(trainer)) }
  }

  private enum Action { case finishCurrent, stop([Trainer]), exitNow }

  private func received(_ number: Int32) {
    let action = state.withLock { s -> Action in
      if s.stopping != nil { return .exitNow }
      s.requested = s.requested ?? number
      if number == SIGINT { s.interrupts += 1 }
      if finishCurrentOnFirstInterrupt && number == SIGINT && s.interrupts == 1 { return .finishCurrent }
      s.stopping = number
      return .stop(Array(s.trainers.values))
    }
    switch action {
    case .finishCurrent:
      StandardStreams.error(
        "\ntraintop: finishing the current run(s), then stopping (Ctrl-C again to stop them now)\n")
    case .stop(let trainers):
      for trainer in trainers { trainer.control.stop() }
    case .exitNow:
      signal(number, SIG_DFL)
      kill(getpid(), number)
    }
  }
}
