import ArgumentParser
import Dashboard
import Dispatch
import Foundation
import NeuralEngine
import SafeText
import TrainingRuns

/// `traintop sweep`: runs a grid of settings and compares them, or hands the grid to another
/// runner: one `traintop train` line per combination (GNU parallel, any queue) or a Slurm array.
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
      Up to --jobs runs go at once (default: one per core), each on one core; --jobs 1 runs them \
      one after another. Ctrl-C finishes the running runs and stops; press it again to stop them \
      too. SIGTERM or SIGHUP stop them at once (stored as stopped). Either way the runs so far \
      are kept and the exit status is 128 + the signal number (130 for Ctrl-C).
      Past one machine (see README, "Beyond one machine"):
        traintop sweep … --print-commands | parallel -j 8 -S host1,host2
        traintop sweep … --slurm sweep.sbatch && sbatch sweep.sbatch
      Combinations are numbered from 0 in the order they run; --index I runs only combination I.
      """)

  @Option(help: ArgumentHelp("The runs directory (default traintop-runs).", valueName: "dir"))
  var runs = RunStore.defaultDirectory
  @Option(help: "Order of the final table: best, loss or gap.")
  var sort = "best"
  @Option(
    help: ArgumentHelp(
      "Run up to N combinations at once, each single-threaded (default: the cores this process may use).",
      valueName: "n"))
  var jobs: Int?
  @Option(
    help: ArgumentHelp(
      "Run only combination I of the sweep (0-based, like $SLURM_ARRAY_TASK_ID).", valueName: "i"))
  var index: Int?
  @Flag(help: "Print one complete 'traintop train …' line per combination instead of running them.")
  var printCommands = false
  @Option(
    help: ArgumentHelp(
      "Write a Slurm batch script running the sweep as a job array (task i runs combination i).",
      valueName: "file"))
  var slurm: String?
  @Option(help: ArgumentHelp("With --slurm: each task's time limit (default 1:00:00).", valueName: "time"))
  var time: String?
  @Option(help: ArgumentHelp("With --slurm: each task's memory (default 2G).", valueName: "size"))
  var mem: String?
  @Option(help: ArgumentHelp("With --slurm: CPUs per task (default 1).", valueName: "n"))
  var cpusPerTask: Int?
  @Flag(help: "With --slurm: replace an existing script.")
  var force = false
  @Argument(parsing: .allUnrecognized, help: "Hyperparameter flags, with comma-separated alternatives.")
  var grid: [String] = []

  func run() throws {
    let key: RunComparison.SortKey = try HyperparameterOptions.choice(sort, flag: "sort")
    let slurmOptions = try checkModes()
    let grid = try SweepGrid.addingPlan(to: self.grid)
    let combinations = try SweepGrid.expand(grid)
    // Validate every combination before running any.
    let settings = try combinations.map { args -> (HyperparameterOptions, Hyperparameters) in
      let options = try HyperparameterOptions.parse(args)
      return (options, try options.resolve())
    }
    let chosen = try chosenIndices(of: settings.count)
    if printCommands {
      let lines = SweepCommandLines(runs: runs).lines(for: chosen.map { settings[$0].1 })
      for line in lines { print(line) }
      return
    }
    if let slurm, let slurmOptions {
      try writeSlurmScript(slurm, options: slurmOptions, count: settings.count, settings: settings.map(\.1))
      return
    }
    let signals = StopSignals(finishCurrentOnFirstInterrupt: true)
    let jobs = chosen.map {
      SweepRunner.Job(index: $0, label: SweepGrid.label(combinations[$0], of: grid), settings: settings[$0].1)
    }
    let outcome = SweepRunner(
      jobs: jobs, total: settings.count, concurrency: self.jobs ?? Cores.available,
      threads: settings.first?.0.threads ?? 1, store: RunStore(directory: runs), signals: signals
    ).run()
    let finished = outcome.finished
    let failure = outcome.writeFailure
    if let error = outcome.error, failure == nil { throw error }
    if signals.requested != nil {
      print("Sweep interrupted: \(finished.count) of \(chosen.count) runs kept.")
    }
    if !finished.isEmpty { print("\n" + RunComparison(finished, sortedBy: key).text) }
    if let failure {
      throw CLIError(message: "\(failure.message) (the sweep stopped; the runs so far are kept)", code: 1)
    }
    if let signal = signals.requested { throw ExitCode(128 + signal) }
  }

  // MARK: - Modes

  /// Refuses flags that do not go together; returns the Slurm settings when `--slurm` is given.
  private func checkModes() throws -> SlurmScript.Resources? {
    if printCommands && slurm != nil {
      throw DataError(
        "--print-commands and --slurm: choose one; each hands the whole sweep to another runner")
    }
    if slurm != nil && index != nil {
      throw DataError(
        "--index \(index!): the Slurm script picks each task's combination itself; leave --index out")
    }
    if let jobs {
      if jobs < 1 { throw DataError("--jobs \(jobs): must be at least 1") }
      if printCommands || slurm != nil {
        throw DataError(
          "--jobs \(jobs): the sweep is handed to another runner, which decides how many run at once "
            + "(parallel -j \(jobs), or the array's tasks); leave --jobs out")
      }
    }
    guard slurm != nil else {
      for (flag, given) in [
        ("--time", time != nil), ("--mem", mem != nil), ("--cpus-per-task", cpusPerTask != nil),
      ]
      where given {
        throw DataError("\(flag): only used with --slurm FILE; add --slurm or leave \(flag) out")
      }
      if force { throw DataError("--force: only used with --slurm FILE (to replace the script)") }
      return nil
    }
    return try SlurmScript.Resources(time: time, memory: mem, cpusPerTask: cpusPerTask)
  }

  /// The combinations to run: all of them, or the one `--index` names.
  private func chosenIndices(of count: Int) throws -> [Int] {
    guard let index else { return Array(0..<count) }
    guard (0..<count).contains(index) else {
      let range = count == 1 ? "only 0" : "0 to \(count - 1)"
      throw DataError(
        "--index \(index): the sweep has \(count) combination\(count == 1 ? "" : "s"), numbered from 0; "
          + "use \(range)")
    }
    return [index]
  }

  private func writeSlurmScript(
    _ path: String, options: SlurmScript.Resources, count: Int, settings: [Hyperparameters]
  ) throws {
    var tokens = grid
    // A node without Fashion-MNIST would quietly fall back to the spiral: name the dataset.
    if settings.contains(where: { $0.dataset == nil }) {
      tokens.append("--dataset=" + DatasetCatalog.standard.defaultDataset().name)
    }
    let script = SlurmScript(
      tokens: tokens, count: count, runs: SafeWriter.canonicalPath(runs),
      directory: FileManager.default.currentDirectoryPath, executable: Self.executablePath,
      resources: options, path: path)
    // So `traintop watch DIR` can follow it before the first task starts.
    try SafeWriter().makeFolders(runs, advice: "choose another with --runs DIR")
    try SafeWriter().write(script.text, to: path, existing: force ? .replace : .refuse)
    print(
      """
      Wrote \(path): a Slurm job array of \(count) run\(count == 1 ? "" : "s") (tasks 0-\(count - 1)).
      Submit it with:    sbatch \(ReproduceCommand.shellQuoted(path))
      Follow the runs:   traintop runs \(ReproduceCommand.shellQuoted(script.runs))
      """)
  }

  /// This traintop's absolute path (what the Slurm script runs unless $TRAINTOP says otherwise).
  static var executablePath: String {
    if let resolved = realpath("/proc/self/exe", nil) {
      defer { free(resolved) }
      return String(cString: resolved)
    }
    return SafeWriter.canonicalPath(CommandLine.arguments[0])
  }
}
