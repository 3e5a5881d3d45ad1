import ArgumentParser
import Dispatch
import Foundation
import NeuralEngine
import SafeText
import TrainingRuns

/// `traintop sweep`: runs a grid of settings one after another and compares them.
struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run every combination of comma-separated flag values, store each run, and compare them.",
    discussion: """
      Takes every hyperparameter flag of 'traintop train' (see 'traintop train --help'); a comma list \
      gives alternatives, e.g.
        traintop sweep --batch-size 100,500,1000,3000,7000 --dropout 0.3,0.4 --epochs 10
      For --hidden, separate the layers of one alternative with '+': --hidden 128,256+128.
      A preset or --config file with a "sweep" key brings its own alternatives, e.g.
        traintop sweep --preset batch-size          (the seed's study: batch 32 … 7000)
      and a flag given for the same setting replaces them.
      Ctrl-C finishes the current run and stops; press it again to stop the current run too. \
      SIGTERM or SIGHUP stop the current run at once (stored as stopped). Either way the runs \
      so far are kept and the exit status is 128 + the signal number (130 for Ctrl-C).
      """)

  @Option(help: ArgumentHelp("The runs directory (default traintop-runs).", valueName: "dir"))
  var runs = RunStore.defaultDirectory
  @Option(help: "Order of the final table: best, loss or gap.")
  var sort = "best"
  @Argument(parsing: .allUnrecognized, help: "Hyperparameter flags, with comma-separated alternatives.")
  var grid: [String] = []

  func run() throws {
    let key: RunComparison.SortKey = try HyperparameterOptions.choice(sort, flag: "sort")
    let grid = try SweepGrid.addingPlan(to: self.grid)
    let combinations = try SweepGrid.expand(grid)
    // Validate every combination before running any.
    let settings = try combinations.map { args -> (HyperparameterOptions, Hyperparameters) in
      let options = try HyperparameterOptions.parse(args)
      return (options, try options.resolve())
    }
    BLAS.setThreads(settings.first?.0.threads ?? 1)
    let store = RunStore(directory: runs)
    let signals = StopSignals(finishCurrentOnFirstInterrupt: true)
    var finished: [RunComparison.Entry] = []
    var failure: FileWriteError?
    for (index, (_, h)) in settings.enumerated() {
      if signals.requested != nil { break }
      let label = SweepGrid.label(combinations[index], of: grid)
      print("[\(index + 1)/\(settings.count)] \(label.isEmpty ? "(defaults)" : TerminalSafe.text(label))")
      let data = try loadData(for: h)
      let trainer = try Trainer(hyperparameters: h, data: data)
      if signals.requested != nil { break }
      let recorder = try store.create(config: h)
      signals.attach(trainer)
      let progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
      var summary: RunSummary?
      trainer.run { event in
        var event = event
        if case .ended(var s) = event {
          if let failure {
            s = s.stopped(by: .writeFailed(failure))
          } else if let signal = signals.stoppedBy {
            s = s.stopped(by: .signal(signal))
          }
          event = .ended(s)
          summary = s
        }
        do throws(FileWriteError) {
          try recorder.record(event)
        } catch {
          if failure == nil {
            failure = error
            trainer.control.stop()
          }
        }
        if case .batch(let p) = event {
          progress.show(
            "  epoch \(p.epoch + 1)/\(h.epochs) \(p.batch)/\(p.batchesPerEpoch) - loss: \(fmt(p.loss))")
        }
      }
      progress.clear()
      signals.attach(nil)
      guard let summary else { break }
      let best = summary.bestValAccuracy.map {
        "best val_accuracy \(fmt($0)) @\((summary.bestEpoch ?? 0) + 1)"
      }
      print("  \(summary.status.rawValue), \(best ?? "no epochs") — run \(recorder.id)")
      if let reason = summary.reason, summary.status == .stopped, failure == nil {
        print("  \(TerminalSafe.text(reason))")
      }
      fflush(nil)
      finished.append(.init(id: recorder.id, status: summary.status.rawValue, config: h, summary: summary))
      if failure != nil { break }
    }
    if signals.requested != nil {
      print("Sweep interrupted: \(finished.count) of \(settings.count) runs kept.")
    }
    if !finished.isEmpty { print("\n" + RunComparison(finished, sortedBy: key).text) }
    if let failure {
      throw CLIError(message: "\(failure.message) (the sweep stopped; the runs so far are kept)", code: 1)
    }
    if let signal = signals.requested { throw ExitCode(128 + signal) }
  }
}

/// Expands `--flag a,b --other x,y` into the argument lists of every combination.
enum SweepGrid {
  static let booleanFlags: Set<String> = ["--nesterov", "--restore-best", "--reduce-lr-on-plateau"]

  /// Each flag with its alternatives, in the order given.
  static func parse(_ tokens: [String]) throws -> [(flag: String, values: [String?])] {
    var result: [(String, [String?])] = []
    var i = 0
    while i < tokens.count {
      var token = tokens[i]
      guard token.hasPrefix("--") else {
        throw DataError("sweep: unexpected '\(safe: token)'; give flags with values, e.g. --dropout 0.3,0.4")
      }
      var value: String?
      if let eq = token.firstIndex(of: "=") {
        value = String(token[token.index(after: eq)...])
        token = String(token[..<eq])
      } else if !booleanFlags.contains(token), i + 1 < tokens.count {
        value = tokens[i + 1]
        i += 1
      } else if !booleanFlags.contains(token) {
        throw DataError("sweep: \(safe: token) needs a value, e.g. \(safe: token) 1,2")
      }
      if let value {
        let alternatives = value.split(separator: ",", omittingEmptySubsequences: false).map {
          token == "--hidden" ? $0.replacingOccurrences(of: "+", with: ",") : String($0)
        }
        result.append((token, alternatives))
      } else {
        result.append((token, [nil]))
      }
      i += 1
    }
    return result
  }

  /// Every combination, first flag varying slowest (like nested loops in the order given).
  /// A switch given values (`--nesterov=true,false`, `--restore-best=on,off`) is present for
  /// `true`/`on` and absent for `false`/`off`.
  static func expand(_ tokens: [String]) throws -> [[String]] {
    let lists = try parse(tokens)
    try SweepPlan.checkSize(lists.map { ($0.flag, $0.values.count) })
    var combos: [[String]] = [[]]
    for (flag, values) in lists {
      combos = combos.flatMap { prefix in
        values.map { v in prefix + arguments(flag, v) }
      }
    }
    return combos
  }

  private static func arguments(_ flag: String, _ value: String?) -> [String] {
    guard let value else { return [flag] }
    guard booleanFlags.contains(flag) else { return [flag + "=" + value] }
    return ["false", "off", "no", "0"].contains(value.lowercased()) ? [] : [flag]
  }

  /// `tokens` preceded by the alternatives of the preset's or config's `sweep` (``SweepPlan``),
  /// except for the settings `tokens` give themselves.
  static func addingPlan(to tokens: [String]) throws -> [String] {
    let first = try expand(tokens).first ?? []
    let given = HyperparameterOptions.settingKeys(in: tokens)
    let options = try HyperparameterOptions.parse(first)
    guard let (plan, _, _) = try options.sweepPlan(over: options.resolve(), flagsGiven: given) else {
      return tokens
    }
    let planned = plan.axes.map { axis in
      let values = axis.values.map { axis.key == "hidden" ? $0.replacingOccurrences(of: ",", with: "+") : $0 }
      return axis.flag + "=" + values.joined(separator: ",")
    }
    return planned + tokens
  }

  /// The varying part of one combination, e.g. `--batch-size=500 --dropout=0.3`.
  static func label(_ combination: [String], of tokens: [String]) -> String {
    let varying = Set(((try? parse(tokens)) ?? []).filter { $0.values.count > 1 }.map(\.flag))
    return combination.filter { arg in varying.contains(String(arg.prefix { $0 != "=" })) }.joined(
      separator: " ")
  }
}
