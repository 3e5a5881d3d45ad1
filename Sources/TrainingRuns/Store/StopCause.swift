import Foundation
import NeuralEngine

/// Why a run was stopped from outside its trainer, for the reason stored in its summary.
///
/// The trainer only knows that a stop was requested ("stopped by the user at epoch 3, batch 12
/// of 60"); the command that requested it knows why: a signal, or a write that failed.
public enum StopCause: Sendable, Equatable {
  /// SIGINT, SIGTERM or SIGHUP.
  case signal(Int32)
  /// A file of the run (or `train --csv`) could not be written.
  case writeFailed(FileWriteError)

  /// `SIGTERM`, or the number for a signal without a usual name here.
  public static func name(ofSignal signal: Int32) -> String {
    switch signal {
    case SIGINT: "SIGINT"
    case SIGTERM: "SIGTERM"
    case SIGHUP: "SIGHUP"
    case SIGQUIT: "SIGQUIT"
    default: "signal \(signal)"
    }
  }
}

extension RunSummary {
  /// The summary stopped by what a command saw while its run trained: a failed write first (it
  /// explains the stop best), else a signal, else unchanged.
  public func stopped(afterFailedWrite failure: FileWriteError?, signal: Int32?) -> RunSummary {
    if let failure { return stopped(by: .writeFailed(failure)) }
    if let signal { return stopped(by: .signal(signal)) }
    return self
  }

  /// The summary with its reason naming `cause`: "stopped by SIGTERM at epoch 3, batch 12 of 60".
  ///
  /// A signal only explains a run the trainer actually stopped (one that had already finished
  /// stays finished). A failed write makes any finished run `stopped`: its files lack what could
  /// not be written, so it must not read back as complete. A diverged run keeps its own reason.
  public func stopped(by cause: StopCause) -> RunSummary {
    var s = self
    let who: String
    var detail = ""
    switch cause {
    case .signal(let signal):
      guard status == .stopped else { return self }
      who = StopCause.name(ofSignal: signal)
    case .writeFailed(let error):
      guard status != .diverged else { return self }
      who = "a failed write"
      detail = ": " + error.message
    }
    s.status = .stopped
    let position =
      status == .stopped
      ? reason.flatMap { r in r.range(of: " at epoch ").map { String(r[$0.lowerBound...]) } }
      : nil
    s.reason = "stopped by \(who)\(position ?? " after \(epochs.count) epochs")\(detail)"
    return s
  }
}
