import ArgumentParser
import CursesBackend
import Dashboard
import Foundation
import NeuralEngine
import SafeText
import TrainingRuns

/// `traintop` / `traintop dashboard`: the live dashboard.
struct DashboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract: "Open the live dashboard: train, watch the curves, edit settings, compare runs.")

  @OptionGroup var options: HyperparameterOptions

  @Flag(help: "Draw with ASCII characters instead of braille and box drawing.")
  var ascii = false

  @Flag(help: "Presentation mode: the charts on the whole screen, thick lines, no editor (toggle with P).")
  var present = false

  @Option(help: ArgumentHelp("Folder for each run's config.json and metrics.csv.", valueName: "dir"))
  var runs = "traintop-runs"

  @Option(
    help: ArgumentHelp(
      "Runs of a sweep (g) that train at once, one core each (default: the cores this process may use).",
      valueName: "n"))
  var jobs: Int?

  func run() throws {
    guard isatty(STDOUT_FILENO) == 1 else {
      throw CLIError(
        message:
          "the dashboard needs a terminal on standard output; use 'traintop train' to train without it",
        code: 2)
    }
    if let jobs, jobs < 1 { throw DataError("--jobs \(jobs): must be at least 1") }
    let settings = try options.resolve()
    // Read before the terminal switches to the dashboard, so a broken sweep is a one-line error.
    let planned = try options.sweepPlan(
      over: settings, flagsGiven: HyperparameterOptions.settingKeys(in: CommandLine.arguments))
    let terminal: CursesTerminal
    do {
      terminal = try CursesTerminal(options: .init(color: CursesTerminal.environmentAllowsColor))
    } catch {
      throw CLIError(message: error.description, code: 2)
    }
    var state = DashboardState(
      settings: settings, ascii: ascii || !terminal.supportsUnicode, color: terminal.colorEnabled)
    state.runsPanel.directory = runs
    state.background = TerminalBackground.detect(environment: ProcessInfo.processInfo.environment)
    state.richColor = terminal.richColors
    state.runsPanel.jobs = jobs ?? Cores.available
    let store = RunStore(directory: runs)
    state.classroom.presets = PresetChoice.available()
    state.classroom.presenting = present
    if let (plan, source, _) = planned {
      state.notice = "\(source): " + state.loadSweepPlan(plan)
    }
    let runtime = DashboardRuntime(
      state: state, backend: terminal, clock: SystemClock(),
      launcher: ThreadTrainingLauncher(store: store, threads: options.threads ?? 1))
    // Earlier runs load off the UI thread and arrive as a message (about 1 ms a run).
    let inbox = runtime.inbox
    Thread {
      let listed = store.list()
      inbox.push(.storedRunsLoaded(runs: listed.runs, problems: listed.problems))
    }.start()
    runtime.run()
    terminal.stop()
    let saved = runtime.state.runs.filter { !$0.epochs.isEmpty }.count
    if saved > 0 { print("traintop: metrics of \(saved) run(s) saved in \(safePath: runs)/") }
    if !runtime.state.runs.isEmpty {
      print("traintop: reproduce with: \(TerminalSafe.text(runtime.state.reproduceCommand))")
    }
  }
}
