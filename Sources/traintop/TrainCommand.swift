import ArgumentParser
import Foundation
import NeuralEngine
import TrainingRuns

/// `traintop train`: a headless run that prints Keras-like epoch lines.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train without the dashboard, printing one line per epoch (like Keras's fit).")

  @OptionGroup var options: HyperparameterOptions

  @Option(
    help: ArgumentHelp("Also write the metrics in Keras CSVLogger format to this file.", valueName: "path"))
  var csv: String?

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
    BLAS.setThreads(options.threads)
    let data = try loadData(for: h)
    if let notice = data.notice { printError(notice) }
    let trainer = try Trainer(hyperparameters: h, data: data)
    let csvWriter = try csv.map { path throws(DataError) in
      try MetricsCSVWriter(path: path, includesLearningRate: h.reduceLROnPlateau)
    }
    let recorder = try RunStore(directory: runs).create(config: h)
    let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)

    var plannedEpochs = h.epochs  // a `--change …:epochs=N` moves the end
    let summary = trainer.run { event in
      recorder.record(event)
      switch event {
      case .started(let info):
        if !quiet {
          print(
            "Training on \(info.trainCount) samples of \(info.datasetName), validating on "
              + "\(info.validationCount); \(info.parameterCount) parameters, "
              + "\(info.batchesPerEpoch) batches per epoch")
        }
      case .batch(let p):
        progress.show(
          "Epoch \(p.epoch + 1)/\(plannedEpochs) \(p.batch)/\(p.batchesPerEpoch) - loss: \(fmt(p.loss))"
            + " - accuracy: \(fmt(p.accuracy))")
      case .epochEnded(let m):
        progress.clear()
        csvWriter?.append(m)
        if !quiet { print(Self.epochLine(m, of: plannedEpochs)) }
      case .settingChanged(let change):
        progress.clear()
        if change.setting == .epochs { plannedEpochs = Int(change.value) }
        if !quiet { print(Self.changeLine(change)) }
      case .paused, .resumed, .decisionBoundary, .stepping, .pace:
        break
      case .ended(let s):
        progress.clear()
        if let reason = s.reason { printError("run \(s.status.rawValue): \(reason)") }
      }
      fflush(nil)
    }

    if !quiet || json {
      if let best = summary.bestEpoch, let acc = summary.bestValAccuracy, !json {
        print(
          "Best val_accuracy \(fmt(acc)) at epoch \(best + 1); median epoch "
            + "\(String(format: "%.3f", summary.medianEpochSeconds ?? 0))s; "
            + "\(Int(summary.samplesPerSecond ?? 0)) samples/s")
      }
    }
    if !quiet { print("Run stored in \(recorder.path)") }
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys]
      print(String(decoding: try encoder.encode(summary), as: UTF8.self))
    }
    if summary.status == .diverged { throw ExitCode(1) }
  }

  /// `Epoch 6, batch 1: learning_rate 0.5 → 0.05` (a planned `--change`, as it applies).
  static func changeLine(_ c: SettingChange) -> String {
    let from = c.previous.map { c.setting.formatted($0) } ?? "?"
    return
      "Epoch \(c.epoch + 1), batch \(c.batch + 1): \(c.setting.rawValue) \(from) → \(c.setting.formatted(c.value))"
  }

  /// `Epoch 3/10 - 1.2s - loss: 0.4123 - accuracy: 0.8512 - val_loss: 0.4012 - val_accuracy: 0.8590`
  static func epochLine(_ m: EpochMetrics, of epochs: Int) -> String {
    "Epoch \(m.epoch + 1)/\(epochs) - \(String(format: "%.1f", m.seconds))s - loss: \(fmt(m.loss))"
      + " - accuracy: \(fmt(m.accuracy)) - val_loss: \(fmt(m.valLoss)) - val_accuracy: \(fmt(m.valAccuracy))"
  }
}

/// Four decimals, like Keras's progress output.
func fmt(_ x: Double) -> String { String(format: "%.4f", x) }

func printError(_ message: String) {
  FileHandle.standardError.write(Data("traintop: \(message)\n".utf8))
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
    FileHandle.standardError.write(Data("\r\u{1B}[K\(text())".utf8))
    shown = true
  }

  func clear() {
    guard shown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    shown = false
  }
}
