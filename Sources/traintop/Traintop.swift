import ArgumentParser
import Foundation
import NeuralEngine

/// The `traintop` command line: parses, then calls the libraries.
struct Traintop: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "traintop",
    abstract: "Train neural networks and watch their learning curves in the terminal.",
    discussion: """
      Hyperparameter flags are shared by every command. Exit status: 0 success, \
      1 runtime failure, 2 bad usage or bad input.
      """,
    version: TraintopVersion.current,
    subcommands: [
      DashboardCommand.self, TrainCommand.self, SweepCommand.self, RunsCommand.self, ExportCommand.self,
      WatchCommand.self,
      BenchCommand.self,
    ],
    defaultSubcommand: DashboardCommand.self)
}

/// Entry point: runs the command and maps failures to the project's exit codes
/// (2 for usage or data errors, 1 for a write the disk refused, each with a one-line message;
/// never a trap).
@main
enum Main {
  static func main() {
    unblockTerminationSignals()
    // OpenBLAS would start a thread per core for its products; traintop splits the work of a
    // step itself (`--threads`), so OpenBLAS's own threads stay at 1 (bench can compare).
    BLAS.setThreads(1)
    do {
      var command = try Traintop.parseAsRoot(negativeValuesJoined(Array(CommandLine.arguments.dropFirst())))
      try command.run()
      // What `print` buffered: a full disk (`> /dev/full`) would otherwise lose it in silence.
      if fflush(nil) != 0 {
        fail("standard output: cannot write (\(String(cString: strerror(errno))))", code: 1)
      }
    } catch let error as DataError {
      fail(error.message, code: 2)
    } catch let error as FileWriteError {
      fail(error.message, code: error.exitCode)
    } catch let code as ExitCode where code != .success {
      exit(code.rawValue)  // the command has said why (a diverged run, a signal) already
    } catch let error as CLIError {
      fail(error.message, code: error.code)
    } catch {
      let code = Traintop.exitCode(for: error)
      if code == .success {
        Traintop.exit(withError: error)  // --help, --version
      }
      let message = Traintop.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
      // ArgumentParser uses 64 (EX_USAGE) for bad usage; the project's contract is 2.
      fail(message + " (see 'traintop --help')", code: code == .validationFailure ? 2 : code.rawValue)
    }
  }

  /// `--epochs -5` as `--epochs=-5`: ArgumentParser reads `-5` as an option and said
  /// "Missing value for '--epochs <epochs>'", hiding what was wrong with the value. Joined, the
  /// value reaches the setting's own check ("epochs -5 must be at least 1").
  static func negativeValuesJoined(_ arguments: [String]) -> [String] {
    var joined: [String] = []
    var i = 0
    while i < arguments.count {
      let argument = arguments[i]
      if argument.hasPrefix("--"), !argument.contains("="), i + 1 < arguments.count,
        isNegativeNumber(arguments[i + 1])
      {
        joined.append(argument + "=" + arguments[i + 1])
        i += 2
        continue
      }
      joined.append(argument)
      i += 1
    }
    return joined
  }

  /// `-5`, `-0.1`, `-.5`, `-1e-3`, `-inf`, `-5,-3` (a sweep list): what only a value can be.
  static func isNegativeNumber(_ text: String) -> Bool {
    guard text.hasPrefix("-"), text.count > 1 else { return false }
    return text.split(separator: ",").allSatisfy { Double($0) != nil }
  }

  /// Unblocks the signals traintop answers (Ctrl-C, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH).
  ///
  /// A process inherits its blocked-signal mask: started from a parent that
  /// blocks them (seen here: every process under one tmux server), SIGTERM
  /// would never stop a run and resizes would never reach ncurses. Threads
  /// started later (the trainer's) inherit this unblocked mask.
  static func unblockTerminationSignals() {
    var signals = sigset_t()
    sigemptyset(&signals)
    for s in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH] { sigaddset(&signals, s) }
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
  }

  static func fail(_ message: String, code: Int32) -> Never {
    var line = message
    if line.hasPrefix("Error: ") { line.removeFirst(7) }
    printError(line)
    exit(code)
  }
}

/// A failure with the exit code it deserves and a one-line message.
struct CLIError: Error {
  var message: String
  var code: Int32 = 1
}
