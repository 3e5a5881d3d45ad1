import ArgumentParser
import Foundation
import NeuralEngine
import SafeText
import TrainingRuns

/// `traintop runs`: the stored runs as a comparison table.
struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List the stored runs: the settings that differ, best val accuracy, min val loss, final gap.")

  @Option(help: ArgumentHelp("The runs directory (default traintop-runs).", valueName: "dir"))
  var runs = RunStore.defaultDirectory
  @Option(
    help: "Order: best (highest val accuracy), loss (lowest val loss) or gap (smallest overfitting gap).")
  var sort = "best"

  func run() throws {
    let key: RunComparison.SortKey = try HyperparameterOptions.choice(sort, flag: "sort")
    let store = RunStore(directory: runs)
    let listing = store.list()
    for problem in listing.problems { printError(problem) }
    guard !listing.runs.isEmpty else {
      print("No runs in \(safePath: runs)/ yet: 'traintop train' or the dashboard store each run there.")
      return
    }
    print(RunComparison(runs: listing.runs, sortedBy: key).text)
  }
}
