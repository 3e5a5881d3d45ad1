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
      counted, never fatal. A run directory of traintop's means its metrics.csv. \
      Example: python train.py | traintop watch -
      """)

  @Argument(help: ArgumentHelp("Log files or run directories; - reads standard input.", valueName: "path"))
  var paths: [String] = []

  @Flag(help: "Draw with ASCII characters instead of braille and box drawing.")
  var ascii = false

  func run() throws {
    let logs = try Self.resolve(paths)
    guard isatty(STDOUT_FILENO) == 1 else {
      throw CLIError(
        message: "watch needs a terminal on standard output (it has no text-only mode); run it in a terminal",
        code: 2)
    }
    let names = distinctLogNames(for: logs)
    let sources = zip(logs, names).map { makeLogSource(for: $0, displayName: $1) }
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
    var state = WatchState(
      runNames: sources.map(\.displayName), ascii: ascii || !terminal.supportsUnicode,
      color: terminal.colorEnabled)
    state.background = TerminalBackground.detect(environment: ProcessInfo.processInfo.environment)
    let runtime = WatchRuntime(state: state, sources: sources, backend: terminal, clock: SystemClock())
    runtime.run()
    terminal.stop()
  }

  /// The log each argument names: a file (existing or not yet), `-`, or a run directory's metrics.csv.
  static func resolve(_ paths: [String]) throws -> [String] {
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
    return try paths.map { path in
      var isDirectory: ObjCBool = false
      guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else { return path }
      let metrics = (path.hasSuffix("/") ? path : path + "/") + "metrics.csv"
      guard FileManager.default.fileExists(atPath: metrics) else {
        throw CLIError(
          message: "\(path) is a directory without a metrics.csv; give a log file or a run directory", code: 2
        )
      }
      return metrics
    }
  }
}
