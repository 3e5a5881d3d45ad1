import Foundation
import Testing

/// `traintop train` as a user runs it: the real binary, its output and files.
@Suite("traintop train")
struct TrainCommandTests {
  @Test("prints Keras-like epoch lines, writes a Keras CSV, ends with the JSON summary")
  func happyPath() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let csv = dir + "/metrics.csv"
    let r = try TraintopBinary.run([
      "train", "--dataset", "circles", "--epochs", "3", "--hidden", "16", "--batch-size", "20", "--csv", csv,
      "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let epochLines = lines.filter { $0.hasPrefix("Epoch ") }
    #expect(epochLines.count == 3)
    let pattern =
      #/^Epoch 2/3 - \d+\.\ds - loss: \d\.\d{4} - accuracy: \d\.\d{4} - val_loss: \d\.\d{4} - val_accuracy: \d\.\d{4}$/#
    #expect(epochLines[1].wholeMatch(of: pattern) != nil, "\(epochLines[1])")

    let json = try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as! [String: Any]
    #expect(json["status"] as? String == "finished")
    #expect((json["epochs"] as? [Any])?.count == 3)
    #expect(json["best_val_accuracy"] is Double && json["median_epoch_seconds"] is Double)
    #expect((json["config"] as? [String: Any])?["dataset"] as? String == "circles")

    let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
    #expect(rows.first == "epoch,accuracy,loss,val_accuracy,val_loss")
    #expect(rows.count == 4)
    #expect(rows[1].hasPrefix("0,"))
  }

  @Test("--config supplies settings and flags override them")
  func configFile() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let config = dir + "/run.json"
    try #"{"dataset": "xor", "hidden": [8], "epochs": 5, "learning_rate": 0.05, "optimizer": "sgd"}"#
      .write(toFile: config, atomically: true, encoding: .utf8)
    let r = try TraintopBinary.run(["train", "--config", config, "--epochs", "2", "--json", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    let json =
      try JSONSerialization.jsonObject(with: Data(r.stdout.split(separator: "\n").last!.utf8))
      as! [String: Any]
    let cfg = json["config"] as! [String: Any]
    #expect(cfg["dataset"] as? String == "xor")
    #expect(cfg["optimizer"] as? String == "sgd")
    #expect(cfg["learning_rate"] as? Double == 0.05)
    #expect((json["epochs"] as! [Any]).count == 2)
  }

  /// Each bad input: exit 2, one line on stderr naming the value, nothing on stdout, no trap.
  @Test(
    "bad input gives one clear line and exit 2",
    arguments: [
      (["--learning-rate", "0"], "learning rate 0.0"),
      (["--learning-rate=-0.1"], "learning rate -0.1"),
      (["--dropout", "1"], "dropout 1.0"),
      (["--batch-size", "5000"], "larger than the training set"),
      (["--batch-size", "0"], "batch size 0"),
      (["--hidden", "12,x"], "'x' is not a layer size"),
      (["--activation", "swish"], "--activation 'swish' is not one of"),
      (["--dataset", "/nonexistent/data.csv"], "/nonexistent/data.csv"),
      (["--dataset", "nosuchset"], "nosuchset"),
      (["--config", "/nonexistent.json"], "/nonexistent.json"),
      (["--epochs", "zero"], "zero"),
      (["--train-size", "100000"], "--train-size 100000"),
    ])
  func badInput(arguments: [String], expected: String) throws {
    let base = arguments.contains("--dataset") ? [] : ["--dataset", "spiral"]
    let r = try TraintopBinary.run(
      ["train"] + base + arguments + ["--epochs", "1"].filter { _ in !arguments.contains("--epochs") })
    #expect(r.status == 2, "status \(r.status): \(r.stderr)")
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(r.stderr)")
    #expect(r.stderr.contains(expected), "\(r.stderr)")
    #expect(r.stderr.hasPrefix("traintop: "))
    #expect(r.stdout.isEmpty)
  }

  @Test("a corrupt dataset file is reported by name with exit 2")
  func corruptCSV() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/ragged.csv"
    try "x,y,label\n1,2,a\n3,b\n".write(toFile: path, atomically: true, encoding: .utf8)
    let r = try TraintopBinary.run(["train", "--dataset", path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("ragged.csv") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
  }

  @Test("a diverging run exits 1 and says why")
  func diverged() throws {
    let r = try TraintopBinary.run([
      "train", "--dataset", "spiral", "--optimizer", "sgd", "--learning-rate", "1e30", "--activation",
      "linear",
      "--loss", "quadratic", "--init", "large", "--epochs", "3", "--json",
    ])
    #expect(r.status == 1)
    #expect(r.stderr.contains("diverged"))
    #expect(r.stdout.split(separator: "\n").last?.contains(#""status":"diverged""#) == true)
  }

  @Test("--help documents every hyperparameter flag")
  func help() throws {
    let r = try TraintopBinary.run(["train", "--help"])
    #expect(r.status == 0)
    for flag in [
      "--dataset", "--train-size", "--hidden", "--activation", "--output", "--loss", "--dropout",
      "--l1-hidden",
      "--l2-hidden", "--l1-output", "--l2-output", "--optimizer", "--learning-rate", "--batch-size",
      "--epochs",
      "--init", "--seed", "--config", "--csv", "--force", "--json",
    ] {
      #expect(r.stdout.contains(flag), "missing \(flag)")
    }
  }
}
