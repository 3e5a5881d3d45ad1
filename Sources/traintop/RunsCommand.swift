import ArgumentParser
import Foundation
import NeuralEngine
import SafeText
import TrainingRuns

/// `traintop runs`: the stored runs as a comparison table.
struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List the stored runs: the settings that differ, best val accuracy, min val loss, final gap.",
    discussion: """
      A runs directory shared by many machines (a Slurm array, GNU parallel) lists every run in it; \
      a run still training shows its epochs so far, e.g. 3/10, with status incomplete.
      """)

  @Argument(
    help: ArgumentHelp("The runs directory (the same as --runs; default traintop-runs).", valueName: "dir"))
  var directory: String?
  @Option(help: ArgumentHelp("The runs directory (default traintop-runs).", valueName: "dir"))
  var runs = RunStore.defaultDirectory
  @Option(
    help: "Order: best (highest val accuracy), loss (lowest val loss) or gap (smallest overfitting gap).")
  var sort = "best"

  func run() throws {
    let key: RunComparison.SortKey = try HyperparameterOptions.choice(sort, flag: "sort")
    if let directory, runs != RunStore.defaultDirectory, directory != runs {
      throw DataError("\(directory): two runs directories given (also --runs \(runs)); give one")
    }
    let runs = directory ?? runs
    let store = RunStore(directory: runs)
    let listing = store.list()
    for problem in listing.problems { printError(problem) }
    guard !listing.runs.isEmpty else {
      print("No runs in \(safePath: runs)/ yet: 'traintop train' or the dashboard store each run there.")
      return
    }
    var table = RunComparison(runs: listing.runs, sortedBy: key)
    table.showsPlannedEpochs = true
    print(table.text)
  }
}
