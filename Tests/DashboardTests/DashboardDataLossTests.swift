import Foundation
import FullDiskSupport
import Testing
import TrainingRuns

@testable import Dashboard
@testable import NeuralEngine

/// The dashboard's writes: `e` never overwrites an export, and a full disk stops a run with the
/// file named, its stored epochs complete.
@Suite("Dashboard data loss")
struct DashboardDataLossTests {
  @Test("e never overwrites: a taken export name moves the pair to the next free one and says so")
  func exportPicksANewName() throws {
    let dir = TempRunsDirectory()
    defer { dir.remove() }
    let taken = dir.path + "/export-20261125-120000.svg"
    try "someone's figure".write(toFile: taken, atomically: true, encoding: .utf8)
    let terminal = Fixtures.pressExport(runsDirectory: dir.path)
    #expect(try String(contentsOfFile: taken, encoding: .utf8) == "someone's figure")
    let svg = dir.path + "/export-20261125-120000-2.svg"
    #expect(terminal.frames.contains { $0.text.contains("exported \(svg) + .csv") })
    #expect(FileManager.default.fileExists(atPath: svg))
    #expect(FileManager.default.fileExists(atPath: dir.path + "/export-20261125-120000-2.csv"))
    #expect(!FileManager.default.fileExists(atPath: dir.path + "/export-20261125-120000.csv"))
  }

  @Test("a full disk stops a dashboard run; its reason names the file and the store keeps whole epochs")
  func fullDiskStopsTheRun() throws {
    let dir = TempRunsDirectory()
    defer { dir.remove() }
    // Room for the run's files and a few rows, not for all 500 epochs.
    let (writer, _) = SafeWriter.onFullDisk(freeBytes: 2500)
    let launcher = ThreadTrainingLauncher(store: RunStore(directory: dir.path, writer: writer))
    var settings = Fixtures.settings
    settings.dataset = "xor"
    settings.samples = 100
    settings.batchSize = 80
    settings.hidden = [4]
    settings.epochs = 500
    settings.pace = .full  // the dashboard's auto pace would spread these epochs over a minute
    let queue = MessageQueue()
    launcher.start(runID: 1, settings: settings, queue: queue)
    launcher.waitForAll(timeout: 120)
    let messages = queue.drain()
    let summaries = messages.compactMap { message -> RunSummary? in
      if case .training(1, .ended(let s)) = message { s } else { nil }
    }
    let trained = messages.filter { if case .training(1, .epochEnded) = $0 { true } else { false } }.count
    let summary = try #require(summaries.last)
    #expect(trained < 500)  // the trainer was stopped, not merely relabelled at the end
    #expect(summary.status == .stopped)
    #expect(summary.reason?.contains("metrics.csv: cannot write (No space left on device)") == true)
    let run = try #require(dir.store.list().runs.first)
    #expect(run.log.rows.count >= 1 && run.log.rows.count < 500)
    let csv = try String(contentsOfFile: run.path + "/metrics.csv", encoding: .utf8)
    #expect(csv.hasSuffix("\n") && csv.split(separator: "\n").count == 1 + run.log.rows.count)
  }
}
