import Foundation
import NeuralEngine
import Testing
import TrainingRuns

@testable import traintop

@Suite("traintop sweep")
struct SweepCommandTests {
  @Test("the grid expands in flag order, first flag slowest; --hidden uses + inside one alternative")
  func expansion() throws {
    let combos = try SweepGrid.expand([
      "--batch-size", "10,20", "--dropout=0.3,0.4", "--hidden", "8+4,16", "--nesterov",
    ])
    #expect(combos.count == 8)
    #expect(combos[0] == ["--batch-size=10", "--dropout=0.3", "--hidden=8,4", "--nesterov"])
    #expect(combos[1] == ["--batch-size=10", "--dropout=0.3", "--hidden=16", "--nesterov"])
    #expect(combos[7] == ["--batch-size=20", "--dropout=0.4", "--hidden=16", "--nesterov"])
    #expect(SweepGrid.label(combos[1], of: ["--batch-size", "10,20", "--epochs", "3"]) == "--batch-size=10")
  }

  @Test("a sweep runs each combination, stores it, and prints the table best first")
  func runsGrid() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run([
      "sweep", "--runs", dir, "--dataset", "moons", "--epochs", "2", "--hidden", "16", "--batch-size",
      "10,50",
      "--learning-rate", "0.01,0.001",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("[4/4]"))
    let stored = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(stored.count == 4)
    let table = r.stdout.components(separatedBy: "\n\n").last!.split(separator: "\n")
    #expect(table.count == 5)
    #expect(
      table[0].contains("batch_size") && table[0].contains("learning_rate") && !table[0].contains("hidden"))
    // Best first: the best val accuracy column is non-increasing.
    func cells(_ line: Substring) -> [String] {
      line.split(separator: /\s{2,}/).map(String.init)
    }
    let column = try #require(cells(table[0]).firstIndex(of: "best val_acc @ep"))
    let best = table.dropFirst().map { Double(cells($0)[column].split(separator: " ")[0])! }
    #expect(best == best.sorted(by: >))
  }

  @Test("a bad value in any combination stops the sweep before it starts, exit 2")
  func badValue() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run(["sweep", "--runs", dir, "--dataset", "xor", "--dropout", "0.2,1.5"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("dropout 1.5"))
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).isEmpty)
  }

  // MARK: - Studies carried by a preset or config (`"sweep"`)

  @Test("a switch given values is present for true/on and absent for false/off")
  func switchValues() throws {
    #expect(try SweepGrid.expand(["--restore-best=on,off"]) == [["--restore-best"], []])
    #expect(try SweepGrid.expand(["--nesterov=false,true"]) == [[], ["--nesterov"]])
  }

  @Test("a preset's sweep goes first in the grid, unless a flag sets the same setting")
  func planTokens() throws {
    #expect(
      try SweepGrid.addingPlan(to: ["--preset", "batch-size", "--epochs", "2"])
        == ["--batch-size=32,100,500,1000,3000,7000", "--preset", "batch-size", "--epochs", "2"])
    #expect(
      try SweepGrid.addingPlan(to: ["--preset", "batch-size", "--batch-size", "64,128"])
        == ["--preset", "batch-size", "--batch-size", "64,128"])
    #expect(try SweepGrid.addingPlan(to: ["--preset", "spiral-overfit"]) == ["--preset", "spiral-overfit"])
  }

  @Test("sweep --preset learning-slowdown runs quadratic then cross-entropy; --loss replaces the pair")
  func presetStudy() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // One after another (--jobs 1), so the run ids' order is the combinations' order.
    let r = try TraintopBinary.run([
      "sweep", "--preset", "learning-slowdown", "--epochs", "3", "--runs", dir, "--jobs", "1",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("[1/2] --loss=quadratic") && r.stdout.contains("[2/2] --loss=cross-entropy"))
    let runs = RunStore(directory: dir).list().runs.sorted { $0.id < $1.id }
    #expect(runs.map(\.config.loss) == [.quadratic, .crossEntropy])
    #expect(
      runs.allSatisfy {
        $0.config.epochs == 3 && $0.config.initialWeight == 2 && $0.summary.epochs.count == 3
      })

    let single = try TraintopBinary.run([
      "sweep", "--preset", "learning-slowdown", "--epochs", "2", "--loss", "cross-entropy", "--runs", dir,
    ])
    #expect(single.status == 0, "\(single.stderr)")
    #expect(single.stdout.contains("[1/1]") && !single.stdout.contains("[2/"))
  }

  @Test("a --config file's sweep runs its grid; a bad one stops before any run, naming the file")
  func configStudy() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let config = dir + "/study.json"
    try
      #"{"dataset": "xor", "epochs": 2, "optimizer": "momentum", "sweep": {"nesterov": [true, false], "hidden": [[8], [4, 4]]}}"#
      .write(toFile: config, atomically: true, encoding: .utf8)
    let r = try TraintopBinary.run(["sweep", "--config", config, "--runs", dir + "/runs", "--jobs", "1"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("[4/4]"))
    let runs = RunStore(directory: dir + "/runs").list().runs.sorted { $0.id < $1.id }
    #expect(runs.map(\.config.hidden) == [[8], [8], [4, 4], [4, 4]])
    #expect(runs.map(\.config.nesterov) == [true, false, true, false])

    try #"{"dataset": "xor", "sweep": {"batch_size": [10, 0]}}"#.write(
      toFile: config, atomically: true, encoding: .utf8)
    let bad = try TraintopBinary.run(["sweep", "--config", config, "--runs", dir + "/bad"])
    #expect(bad.status == 2)
    #expect(bad.stderr == "traintop: \(config): sweep: batch size 0 must be at least 1\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/bad"))
  }

  @Test("train with a study trains its first run and says how to run them all")
  func trainNotesTheStudy() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run([
      "train", "--preset", "learning-slowdown", "--epochs", "2", "--json", "-q", "--runs", dir,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr
        == "traintop: preset 'learning-slowdown' is a study of 2 runs (loss quadratic,cross-entropy); "
        + "training the first. 'traintop sweep --preset learning-slowdown' runs them all\n")
    #expect(r.stdout.contains(#""loss":"quadratic""#))
    let overridden = try TraintopBinary.run([
      "train", "--preset", "learning-slowdown", "--loss", "cross-entropy", "--epochs", "2", "-q", "--runs",
      dir,
    ])
    #expect(overridden.status == 0 && overridden.stderr.isEmpty, "\(overridden.stderr)")
  }
}
