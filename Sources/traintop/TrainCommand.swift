import ArgumentParser
import Foundation
import NeuralEngine
import SafeText
import TrainingRuns

/// `traintop train`: a headless run that prints Keras-like epoch lines.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train without the dashboard, printing one line per epoch (like Keras's fit).")

  @OptionGroup var options: HyperparameterOptions

  @Option(
    help: ArgumentHelp(
      "Also write the metrics in Keras CSVLogger format to this file (not an existing one unless --force).",
      valueName: "path"))
  var csv: String?

  @Flag(help: "Let --csv replace an existing file (Keras's CSVLogger truncates it too).")
  var force = false

  @Flag(help: "End standard output with one JSON object summarising the run (see README).")
  var json = false

  @Flag(name: .shortAndLong, help: "Print only the final summary (and the JSON with --json).")
  var quiet = false

  @Option(help: ArgumentHelp("Store the run in this directory (default traintop-runs).", valueName: "dir"))
  var runs = RunStore.defaultDirectory

  func run() throws {
    var h = try options.resolve()
    let given = HyperparameterOptions.settingKeys(in: CommandLine.arguments)
    if let (plan, source, option) = try options.sweepPlan(over: h, flagsGiven: given) {
      // A study of several runs: train its first, and say how to run them all.
      h = try plan.runs(from: h).first ?? h
      printError(
        "\(source) is a study of \(plan.count) runs (\(plan.summary)); training the first. "
          + "'traintop sweep \(option)' runs them all")
    }
    let store = RunStore(directory: runs)
    if let csv { try Self.checkCSVPath(csv, store: store, force: force) }
    let signals = StopSignals()
    let loadStart = CPUTimes.now()
    let data = try loadData(for: h)
    let threads = options.threads ?? TrainingThreads.headlessDefault(since: loadStart)
    if let notice = data.notice { printError(notice) }
    h = h.resolvingDefaultDataset()
    let trainer = try Trainer(hyperparameters: h, data: data, threads: threads)
    if let signal = signals.requested { throw ExitCode(128 + signal) }  // before any file exists
    let csvIsNew = csv.map { !FileManager.default.fileExists(atPath: $0) } ?? false
    let csvWriter = try csv.map { path throws(FileWriteError) in
      try MetricsCSVWriter(
        path: path, columns: MetricsCSVWriter.columns(for: h), existing: force ? .replace : .refuse)
    }
    let recorder: RunRecorder
    do {
      recorder = try store.create(config: h)
    } catch {
      // No run, so no log of it either: a re-run must not find this file in its way.
      if let csv, csvIsNew { try? FileManager.default.removeItem(atPath: csv) }
      throw error
    }
    signals.attach(trainer)
    let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)

    var plannedEpochs = h.epochs  // a `--change …:epochs=N` moves the end
    var live = LiveValues(h)  // the setting columns of --csv
    // The first write that failed: it stops the run, and is the one line printed at the end.
    var failure: FileWriteError?
    func check(_ write: () throws(FileWriteError) -> Void) {
      do throws(FileWriteError) {
        try write()
      } catch {
        if failure == nil {
          failure = error
          trainer.control.stop()
        }
      }
    }
    var summary: RunSummary?
    trainer.run { event in
      var event = event
      if case .ended(var s) = event {
        check { () throws(FileWriteError) in try csvWriter?.close() }
        s = s.stopped(afterFailedWrite: failure, signal: signals.stoppedBy)
        event = .ended(s)
        summary = s
      }
      check { () throws(FileWriteError) in try recorder.record(event) }
      switch event {
      case .started(let info):
        if !quiet {
          print(
            "Training on \(info.trainCount) samples of \(safe: info.datasetName), validating on "
              + "\(info.validationCount); \(info.parameterCount) parameters, "
              + "\(info.batchesPerEpoch) batches per epoch, \(threads) thread\(threads == 1 ? "" : "s")")
        }
      case .batch(let p):
        progress.show(
          "Epoch \(p.epoch + 1)/\(plannedEpochs) \(p.batch)/\(p.batchesPerEpoch) - loss: \(fmt(p.loss))"
            + " - accuracy: \(fmt(p.accuracy))")
      case .epochEnded(let m):
        progress.clear()
        if failure == nil {
          check { () throws(FileWriteError) in try csvWriter?.append(m, settings: live.byKey) }
        }
        if !quiet { print(Self.epochLine(m, of: plannedEpochs)) }
      case .settingChanged(let change):
        progress.clear()
        if change.setting == .epochs { plannedEpochs = Int(change.value) }
        live.apply(change)
        if !quiet { print(Self.changeLine(change)) }
      case .paused, .resumed, .decisionBoundary, .stepping, .pace, .samples, .insight:
        break
      case .ended(let s):
        progress.clear()
        // A failed write is told once, at the end, as the one line naming the file.
        if let reason = s.reason, failure == nil { printError("run \(s.status.rawValue): \(reason)") }
      }
      fflush(nil)
    }
    guard let summary else { return }

    if !quiet || json {
      if let best = summary.bestEpoch, let acc = summary.bestValAccuracy, !json {
        print(
          "Best val_accuracy \(fmt(acc)) at epoch \(best + 1); median epoch "
            + "\(String(format: "%.3f", summary.medianEpochSeconds ?? 0))s; "
            + "\(Int(summary.samplesPerSecond ?? 0)) samples/s")
      }
    }
    if !quiet { print("Run stored in \(safePath: recorder.path)") }
    if json {
      fflush(nil)  // the lines `print` buffered come first
      // A megabyte at a time: a million epochs are 140 MB of JSON.
      var code: Int32?
      try summary.writeJSON(pretty: false) { chunk in
        code = StandardStreams.write(chunk, to: STDOUT_FILENO)
        return code == nil
      }
      code = code ?? StandardStreams.write(Data("\n".utf8), to: STDOUT_FILENO)
      if let code {
        throw CLIError(
          message: "standard output: cannot write the JSON summary (\(String(cString: strerror(code)))); "
            + "the run is stored in \(safePath: recorder.path)", code: 1)
      }
    }
    if let failure {
      let kept = recorder.failure == nil ? "all its epochs" : "its complete epochs"
      throw CLIError(
        message: "\(failure.message) (the run stopped; \(recorder.path) keeps \(kept))", code: 1)
    }
    if let signal = signals.stoppedBy, summary.status == .stopped { throw ExitCode(128 + signal) }
    if summary.status == .diverged { throw ExitCode(1) }
  }

  /// `Epoch 6, batch 1: learning_rate 0.5 → 0.05` (a planned `--change`, as it applies).
  static func changeLine(_ c: SettingChange) -> String {
    let from = c.previous.map { c.setting.formatted($0) } ?? "?"
    return
      "Epoch \(c.epoch + 1), batch \(c.batch + 1): \(c.setting.rawValue) \(from) → \(c.setting.formatted(c.value))"
  }

  /// Refuses a `--csv` path inside a run folder (the store's files, even with `--force`) or an
  /// existing file without `--force`, before any data is loaded.
  static func checkCSVPath(_ path: String, store: RunStore, force: Bool) throws {
    if let folder = store.runFolder(containing: path) {
      throw DataError(
        "\(path): inside the run folder \(folder), whose files belong to the run store; "
          + "write the CSV elsewhere (the run keeps its own metrics.csv)")
    }
    try SafeWriter.checkWritable(path, existing: force ? .replace : .refuse)
  }

  /// `Epoch 3/10 - 1.2s - loss: 0.4123 - accuracy: 0.8512 - val_loss: 0.4012 - val_accuracy: 0.8590`
  static func epochLine(_ m: EpochMetrics, of epochs: Int) -> String {
    "Epoch \(m.epoch + 1)/\(epochs) - \(String(format: "%.1f", m.seconds))s - loss: \(fmt(m.loss))"
      + " - accuracy: \(fmt(m.accuracy)) - val_loss: \(fmt(m.valLoss)) - val_accuracy: \(fmt(m.valAccuracy))"
  }
}

/// Four decimals, like Keras's progress output.
func fmt(_ x: Double) -> String { String(format: "%.4f", x) }

/// Prints `traintop: message` on standard error as one line, made safe (``TerminalSafe``):
/// the last step before the terminal, whatever the message echoes (ArgumentParser's errors
/// quote the arguments as typed).
func printError(_ message: String) {
  StandardStreams.error("traintop: \(TerminalSafe.text(message))\n")
}

/// A single self-overwriting status line on standard error, drawn at most 10 times a second.
final class ProgressLine {
  private let enabled: Bool
  private var last = ContinuousClock.now
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  func show(_ text: @autoclosure () -> String) {
    guard enabled, ContinuousClock.now - last > .milliseconds(100) else { return }
    last = .now
    StandardStreams.error("\r\u{1B}[K\(text())")
    shown = true
  }

  func clear() {
    guard shown else { return }
    StandardStreams.error("\r\u{1B}[K")
    shown = false
  }
}
