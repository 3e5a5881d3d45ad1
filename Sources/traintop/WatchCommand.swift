import ArgumentParser
import CursesBackend
import Dashboard
import Foundation
import TensorBoardLogs
import TrainingRuns

/// `traintop watch PATH… | -`: the dashboard's charts over logs written by other programs.
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract:
      "Follow training logs live: TensorBoard event files, Keras/Lightning CSV, JSON lines, Hugging Face, or a whole log directory.",
    discussion: """
      Each log is a run; charts show every metric with its validation twin (val_loss, Loss/val, \
      eval/loss…). Files are followed like 'tail -F' (they may not exist yet, grow, be truncated \
      or replaced); malformed lines are counted, never fatal. A directory is a log directory, as \
      TensorBoard reads one: every folder in it that holds event files, a metrics.csv or another \
      log is a run, and runs that start later appear. Keys: / filter runs and metrics (glob or \
      regular expression), up/down select a run, v pin, h hide, H show hidden. \
      Examples: traintop watch lightning_logs; python train.py | traintop watch -
      """)

  @Argument(
    help: ArgumentHelp(
      "Log files (event files, .csv, .jsonl, trainer_state.json) or log directories; - reads standard input.",
      valueName: "path"))
  var paths: [String] = []

  @Flag(help: "Draw with ASCII characters instead of braille and box drawing.")
  var ascii = false

  func run() throws {
    let (logs, directories) = try Self.resolve(paths)
    guard isatty(STDOUT_FILENO) == 1 else {
      throw CLIError(
        message: "watch needs a terminal on standard output (it has no text-only mode); run it in a terminal",
        code: 2)
    }
    let names = distinctLogNames(for: logs)
    let sources = zip(logs, names).map { Self.source(for: $0, displayName: sanitizedName($1)) }
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
    state.followsDirectory = !directories.isEmpty
    if !directories.isEmpty { Self.raiseOpenFileLimit() }
    let finder = directories.isEmpty ? nil : MultiDirectoryRunFinder(roots: directories)
    let runtime = WatchRuntime(
      state: state, sources: sources, finder: finder, backend: terminal, clock: SystemClock())
    runtime.run()
    terminal.stop()
  }

  /// Each followed file keeps a descriptor open (so a rotated file can be noticed); a logdir of
  /// hundreds of runs would hit the usual soft limit of 1024, so it is raised to the hard limit,
  /// as servers do. A run that still cannot open its file shows the error; the others go on.
  static func raiseOpenFileLimit() {
    var limit = rlimit()
    guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0, limit.rlim_cur < min(limit.rlim_max, 65_536) else {
      return
    }
    limit.rlim_cur = min(limit.rlim_max, 65_536)
    _ = setrlimit(RLIMIT_NOFILE_VALUE, &limit)
  }

  /// A follower for one log argument: `-`, an event file, a `trainer_state.json`, or a text log.
  static func source(for path: String, displayName: String) -> any LogSource {
    let file = (path as NSString).lastPathComponent
    if isEventFileName(file) {
      // One event file: its folder is the run (the others in it belong to the same run).
      return EventDirectoryFollower(
        directory: (path as NSString).deletingLastPathComponent.isEmpty
          ? "." : (path as NSString).deletingLastPathComponent, displayName: displayName)
    }
    if file == "trainer_state.json" { return TrainerStateFollower(path: path, displayName: displayName) }
    return makeLogSource(for: path, displayName: displayName)
  }

  /// The log files the arguments name (a file, existing or not yet, or `-`; one of our run
  /// directories means its metrics.csv) and the log directories among them.
  static func resolve(_ paths: [String]) throws -> (logs: [String], directories: [String]) {
    guard !paths.isEmpty else {
      throw CLIError(
        message:
          "watch needs a log to follow: traintop watch FILE|LOG_DIR… or command | traintop watch -",
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
    var directories: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        logs.append(path)
        continue
      }
      guard access(path, R_OK | X_OK) == 0 else {
        throw CLIError(
          message: "\(path): cannot read this directory (\(String(cString: strerror(errno))))", code: 2)
      }
      let folder = path.hasSuffix("/") ? path : path + "/"
      // One of our runs (config.json beside metrics.csv) is its metrics.csv, as before.
      if ["config.json", "metrics.csv"].allSatisfy({ FileManager.default.fileExists(atPath: folder + $0) }) {
        logs.append(folder + "metrics.csv")
      } else {
        directories.append(path)
      }
    }
    return (logs, directories)
  }
}

#if canImport(Glibc)
  private let RLIMIT_NOFILE_VALUE = Int32(RLIMIT_NOFILE.rawValue)
#else
  private let RLIMIT_NOFILE_VALUE = RLIMIT_NOFILE
#endif

/// Several `watch DIR` arguments: each directory's runs, named by the directory too when there
/// is more than one.
final class MultiDirectoryRunFinder: WatchRunFinder {
  private let finders: [(prefix: String, finder: DirectoryRunFinder)]

  init(roots: [String]) {
    let names = distinctLogNames(for: roots)
    finders = zip(roots, names).map { root, name in
      (roots.count > 1 ? sanitizedName(name) + "/" : "", DirectoryRunFinder(root: root))
    }
  }

  func findRuns() -> (runs: [(run: WatchRun, source: any LogSource)], problems: [String]) {
    var runs: [(run: WatchRun, source: any LogSource)] = []
    var problems: [String] = []
    for (prefix, finder) in finders {
      let found = finder.findRuns()
      runs += found.runs.map { found in
        var run = found.run
        run.name = prefix + run.name
        return (run, found.source)
      }
      problems += found.problems.map { sanitizedName($0, maximumLength: 200) }
    }
    return (runs, problems)
  }
}
