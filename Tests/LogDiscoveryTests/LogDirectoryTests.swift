import Foundation
import TensorBoardLogs
import Testing
import TrainingRuns

@testable import LogDiscovery

/// Run discovery over the fixtures the real writers made, and over folders that change.
@Suite struct LogDirectoryTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/logs").path

  /// Settings and logs come from other programs: a FIFO in their place is refused at once
  /// (reading it blocked until a writer came, which none does).
  @Test func aFIFOInPlaceOfSettingsOrALogDoesNotBlock() throws {
    let dir = NSTemporaryDirectory() + "traintop-fifo-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for name in ["hparams.yaml", "log.jsonl"] { #expect(mkfifo(dir + "/" + name, 0o600) == 0) }
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var settings: [String: String] = ["unread": ""]
    nonisolated(unsafe) var failure: LogReadError?
    Thread {
      settings = RunSettings.read(dir + "/hparams.yaml")
      do throws(LogReadError) { _ = try readText(dir + "/log.jsonl") } catch { failure = error }
      done.signal()
    }.start()
    let finished = done.wait(timeout: .now() + 10) == .success
    #expect(finished, "reading a FIFO blocked")
    guard finished else { return }
    #expect(settings.isEmpty)
    #expect(failure?.reason.contains("named pipe") == true, "\(String(describing: failure))")
  }

  @Test func fixturesAreFoundAsTensorBoardWouldNameThem() {
    let scan = LogDirectory(root: Self.fixtures).scan()
    #expect(scan.problems.isEmpty)
    #expect(
      scan.runs.map(\.name) == [
        "double-tensor", "huggingface/output", "keras-csv", "keras-tensorboard/logs",
        "lightning-csv/lightning_logs/version_0", "lightning-csv/lightning_logs/version_1",
        "tensorboard-writer/run-1", "tensorboardx/pytorch-style", "tf2-summary/run-a",
        // PyTorch's SummaryWriter: add_scalars writes a folder per key beside the run's own file.
        "torch-summarywriter/run", "torch-summarywriter/run/Loss_train", "torch-summarywriter/run/Loss_val",
      ])
    let keras = scan.runs.first { $0.name == "keras-tensorboard/logs" }!
    #expect(
      keras.source
        == .events([
          .init(path: Self.fixtures + "/keras-tensorboard/logs/train", naming: .kerasTrain),
          .init(path: Self.fixtures + "/keras-tensorboard/logs/validation", naming: .kerasValidation),
        ]))
    #expect(!keras.xIsStep, "the Keras callback logs epochs")
    let hf = scan.runs.first { $0.name == "huggingface/output" }!
    #expect(
      hf.source == .trainerState(path: Self.fixtures + "/huggingface/output/checkpoint-8/trainer_state.json"))
    let lightning = scan.runs.first { $0.name == "lightning-csv/lightning_logs/version_1" }!
    #expect(lightning.settingsFile == Self.fixtures + "/lightning-csv/lightning_logs/version_1/hparams.yaml")
  }

  @Test func kerasCallbackJoinsTrainAndValidation() throws {
    let run = LogDirectory(root: Self.fixtures + "/keras-tensorboard").scan().runs[0]
    let log = try run.load()
    #expect(log.metricNames == ["accuracy", "learning_rate", "loss", "val_accuracy", "val_loss"])
    #expect(log.rows.count == 4, "train and validation of one epoch share a row")
    #expect(
      log.metricPairs.map { "\($0.train ?? "-")|\($0.validation ?? "-")" }.first == "accuracy|val_accuracy")
    #expect(TagNaming.kerasValidation.metricName(forTag: "evaluation_loss_vs_iterations") == nil)
  }

  @Test func lightningSettingsNameTheRun() {
    // Lightning's save_hyperparameters(), with a nested optimizer mapping.
    let settings = RunSettings.read(Self.fixtures + "/lightning-csv/lightning_logs/version_0/hparams.yaml")
    #expect(settings == ["lr": "0.1", "batch_size": "8", "hidden": "8"], "nested mappings are skipped")
    let other = RunSettings.read(Self.fixtures + "/lightning-csv/lightning_logs/version_1/hparams.yaml")
    #expect(other == ["lr": "0.5", "batch_size": "8", "hidden": "8"])
    let json = RunSettings.json(#"{"lr": 0.5, "name": "a\u001b[2Jb", "deep": {"x": 1}, "flag": true}"#)
    #expect(json == ["lr": "0.5", "name": "a\u{1B}[2Jb", "flag": "true"])
  }

  /// Runs that start later appear at the next scan; a folder that vanishes is simply gone.
  @Test func rescanFindsNewRunsAndForgetsVanishedOnes() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let directory = LogDirectory(root: root)
    #expect(directory.scan().runs.isEmpty)
    try FileManager.default.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
    try "epoch,loss\n0,1\n".write(toFile: root + "/a/b/metrics.csv", atomically: true, encoding: .utf8)
    try "{\"step\": 1, \"loss\": 2}\n".write(toFile: root + "/a/log.jsonl", atomically: true, encoding: .utf8)
    #expect(directory.scan().runs.map(\.name) == ["a", "a/b"])
    try FileManager.default.removeItem(atPath: root + "/a/b")
    #expect(directory.scan().runs.map(\.name) == ["a"])
  }

  /// A symbolic link to a parent is not a way into an endless walk, and a huge tree is cut off
  /// with a problem to report rather than a frozen screen.
  @Test func walkIsBounded() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.createDirectory(atPath: root + "/x", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: root + "/x/loop", withDestinationPath: root)
    #expect(LogDirectory(root: root).scan().problems.isEmpty)
    for i in 0..<30 {
      try FileManager.default.createDirectory(atPath: root + "/d\(i)", withIntermediateDirectories: true)
    }
    var small = LogDirectory(root: root)
    small.maximumFolders = 10
    let scan = small.scan()
    #expect(scan.problems.count == 1 && scan.problems[0].contains("more than 10 folders"))
  }

  /// A folder that cannot be listed (here: the directory was replaced by a file) is a problem
  /// to report, never a failure.
  @Test func unlistableFolderIsAProblem() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    try FileManager.default.removeItem(atPath: root)
    try "not a folder".write(toFile: root, atomically: true, encoding: .utf8)
    let scan = LogDirectory(root: root).scan()
    #expect(scan.runs.isEmpty)
    #expect(scan.problems == ["cannot read \(root): Not a directory"])
  }
}

func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "traintop-discovery-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}
