import ArgumentParser
import CursesBackend
import Dashboard
import Foundation
import TrainingRuns

/// `traintop watch PATH… | -`: the dashboard's charts over logs written by other programs.
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Follow training logs live (Keras CSVLogger files, JSON lines, or - for stdin).",
    discussion: """
      Each log is a run; charts show every metric with its val_ twin. Files are followed like \
      'tail -F' (they may not exist yet, grow, be truncated or replaced); malformed lines are \
      counted, never fatal. A run directory of traintop's means its metrics.csv; a runs directory \
      (--runs DIR, e.g. one a Slurm array or GNU parallel fills) means all its runs, and the runs \
      that appear in it later. Example: python train.py | traintop watch -
      """)

  @Argument(
    help: ArgumentHelp(
      "Log files, run directories or runs directories; - reads standard input.", valueName: "path"))
  var paths: [String] = []

  @Flag(help: "Draw with ASCII characters instead of braille and box drawing.")
  var ascii = false

  func run() throws {
    let (logs, folders) = try Self.resolve(paths)
    guard isatty(STDOUT_FILENO) == 1 else {
      throw CLIError(
        message: "watch needs a terminal on standard output (it has no text-only mode); run it in a terminal",
        code: 2)
    }
    let names = distinctLogNames(for: logs)
    var sources = zip(logs, names).map { makeLogSource(for: $0, displayName: $1) }
    // Each runs directory: its runs now, then any that appear (named by run id).
    let stores = folders.map { RunStore(directory: $0) }
    var followed = Set<String>()
    func newRuns() -> [(name: String, source: any LogSource)] {
      stores.flatMap { store in
        store.metricsFiles().filter { followed.insert($0.path).inserted }.map { run in
          (run.id, makeLogSource(for: run.path, displayName: run.id))
        }
      }
    }
    sources += newRuns().map(\.source)
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(
        options: .init(color: CursesTerminal.environmentAllowsColor, keysFromControllingTerminal: true))
    } catch .notATerminal {
      throw CLIError(
        message:
          "watch needs a terminal to read keys from (/dev/tty could not be opened); run it in a terminal",
        code: 2)
    } catch {
      throw CLIError(message: error.description, code: 2)
    }
    let state = WatchState(
      runNames: sources.map(\.displayName), ascii: ascii || !terminal.supportsUnicode,
      color: terminal.colorEnabled)
    var initial = state
    initial.runsDirectory = folders.count == 1 ? folders[0] : nil
    let runtime = WatchRuntime(state: initial, sources: sources, backend: terminal, clock: SystemClock())
    if !stores.isEmpty { runtime.discover = newRuns }
    runtime.run()
    terminal.stop()
  }

  /// The log each argument names — a file (existing or not yet), `-`, or a run directory's
  /// metrics.csv — and the runs directories among them: a folder of run folders, or an empty one
  /// (runs about to start, e.g. a Slurm array just submitted).
  static func resolve(_ paths: [String]) throws -> (logs: [String], runsDirectories: [String]) {
    guard !paths.isEmpty else {
      throw CLIError(
        message:
          "watch needs a log to follow: traintop watch FILE.csv|FILE.jsonl|RUN_DIR… or command | traintop watch -",
        code: 2)
    }
    guard paths.filter({ $0 == "-" }).count <= 1 else {
      throw CLIError(message: "'-' (standard input) can be given only once", code: 2)
    }
    if paths.contains("-") && isatty(STDIN_FILENO) == 1 {
      throw CLIError(
        message:
          "'-' reads a log from standard input, which is a terminal here; pipe one in: command | traintop watch -",
        code: 2)
    }
    var logs: [String] = []
    var folders: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        logs.append(path)
        continue
      }
      let metrics = (path.hasSuffix("/") ? path : path + "/") + "metrics.csv"
      if FileManager.default.fileExists(atPath: metrics) {
        logs.append(metrics)
        continue
      }
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      guard entries.allSatisfy({ $0.hasPrefix(".") }) || !RunStore(directory: path).metricsFiles().isEmpty
      else {
        throw CLIError(
          message: "\(path) is a directory without a metrics.csv or run folders; give a log file, a run "
            + "directory or a runs directory", code: 2)
      }
      folders.append(path)
    }
    return (logs, folders)
  }
}
