import Dashboard
import Foundation
import NeuralEngine
import Testing

@testable import traintop

/// A run changed live in the dashboard is replayed by the command the dashboard prints.
@Suite("Live changes replay")
struct LiveReplayCLITests {
  @Test("the reproduce command of a run with live changes gives the same metrics to the last digit")
  func replayThroughTheCommandLine() throws {
    BLAS.setThreads(1)  // as the binary does: a product split over threads sums in another order
    var settings = Hyperparameters()
    settings.dataset = "moons"
    settings.hidden = [16, 16]
    settings.batchSize = 40
    settings.epochs = 6
    settings.seed = 11
    var state = DashboardState(settings: settings, width: 120, height: 40)
    #expect(state.update(.key(.character(" "))) == [.startRun(runID: 1, settings: settings)])

    // The run as the dashboard's launcher runs it; the "user" acts between batches.
    let trainer = try Trainer(hyperparameters: settings, data: loadData(for: settings), pace: .full)
    var batches = 0
    let live = trainer.run { event in
      _ = state.update(.training(runID: 1, event))
      guard case .batch = event else { return }
      batches += 1
      let effects: [Effect]
      switch batches {
      case 7: effects = state.update(.key(.character("]")))
      case 23:
        state.selectedField = .dropout
        effects =
          [.enter, .control("u")].flatMap { state.update(.key($0)) }
          + "0.25".flatMap {
            state.update(.key(.character($0)))
          } + state.update(.key(.enter))
      case 40: effects = state.update(.key(.character("[")))
      default: effects = []
      }
      for case .change(_, let setting, let value) in effects { trainer.control.change(setting, to: value) }
    }
    #expect(live.changes.count == 3)
    let arguments = ReproduceCommand.arguments(
      for: try #require(state.currentRun).reproducibleSettings, presets: PresetChoice.available())
    #expect(arguments.filter { $0 == "--change" }.count == 3, "\(arguments)")

    // In process, through the CLI's own parser…
    let replayed = try HyperparameterOptions.parse(arguments).resolve()
    let again = try Trainer(hyperparameters: replayed, data: loadData(for: replayed)).run()
    #expect(again.epochs.map(\.loss) == live.epochs.map(\.loss))
    #expect(again.epochs.map(\.valLoss) == live.epochs.map(\.valLoss))
    #expect(again.changes == live.changes)

    // …and as a user would, with the binary: the JSON's numbers are the live run's.
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let folder = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try TraintopBinary.run(["train"] + arguments + ["-q", "--json", "--runs", folder + "/runs"])
    #expect(result.status == 0, "\(result.stderr)")
    // (JSONDecoder, not JSONSerialization: on Linux the latter reads 0.7118844941258431 as …433.)
    let summary = try JSONDecoder().decode(
      RunSummary.self, from: Data((result.stdout.split(separator: "\n").last ?? "").utf8))
    #expect(summary.epochs.map(\.loss) == live.epochs.map(\.loss))
    #expect(summary.epochs.map(\.valAccuracy) == live.epochs.map(\.valAccuracy))
    #expect(summary.changes == live.changes)
    // The stored metrics.csv has a column per changed setting, changing at the right rows.
    let runs = try FileManager.default.contentsOfDirectory(atPath: folder + "/runs").filter {
      !$0.hasPrefix(".")
    }
    let csv = try String(contentsOfFile: folder + "/runs/\(runs[0])/metrics.csv", encoding: .utf8)
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    #expect(
      lines[0] == ["epoch", "accuracy", "dropout", "learning_rate", "loss", "val_accuracy", "val_loss"])
    let rates = lines.dropFirst().map { Double($0[3])! }
    let dropouts = lines.dropFirst().map { Double($0[2])! }
    // 20 batches an epoch: ] after batch 7 (epoch 0), dropout after batch 23 (epoch 1), [ after 40 (epoch 2).
    #expect(rates == [0.002, 0.002, 0.001, 0.001, 0.001, 0.001])
    #expect(dropouts == [0, 0.25, 0.25, 0.25, 0.25, 0.25])
  }
}
