import Foundation
import Testing

@testable import TrainingRuns

/// The other frameworks' text logs, as the real writers wrote them (scripts/fixtures/): Keras with
/// another separator and appended runs, Lightning's CSVLogger, Hugging Face's printed dicts and
/// trainer_state.json; metric pairing and the sanitizing of names.
@Suite struct FrameworkLogTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/logs").path

  func fixture(_ path: String) throws -> String {
    try String(contentsOfFile: Self.fixtures + "/" + path, encoding: .utf8)
  }

  /// Keras 3.15's CSVLogger(separator=";", append=True), two runs in one file.
  @Test func kerasSemicolonWithAppendedRun() throws {
    let text = try fixture("keras-csv/semicolon.csv")
    let log = LogParser.parse(text, format: .kerasCSV)
    #expect(log.metricNames == ["accuracy", "loss", "val_accuracy", "val_loss"])
    #expect(log.rows.map(\.step) == [0, 1, 2, 0, 1])
    #expect(log.malformedLines == 0 && !log.xIsStep)
    let runs = log.runsAppended
    #expect(runs.map(\.rows.count) == [3, 2])
    #expect(runs[1].rows[0].values["loss"] == 0.6452645063400269)
    #expect(LogFormat.sniff("epoch;accuracy;loss") == .kerasCSV, "a piped log is recognised too")
  }

  /// Lightning 2.6.6's CSVLogger (scripts/fixtures/real_framework_fixtures.py): sorted header
  /// with epoch and step, sparse rows, CRLF; drawn against the step, epoch not a metric.
  @Test func lightningCSVLogger() throws {
    let text = try fixture("lightning-csv/lightning_logs/version_0/metrics.csv")
    #expect(
      text.hasPrefix(
        "epoch,step,train_loss_epoch,train_loss_step,val_acc,val_loss\r\n0,0,,0.739662230014801,,\r\n"))
    let log = LogParser.parse(text, format: .kerasCSV)
    #expect(log.metricNames == ["train_loss_epoch", "train_loss_step", "val_acc", "val_loss"])
    #expect(log.xIsStep && log.malformedLines == 0)
    #expect(log.rows.count == 18)
    #expect(log.series("val_loss").map(\.x) == [3, 7, 11], "validation ends each epoch of 4 steps")
    #expect(log.series("val_loss").map(\.y) == [0.6872543096542358, 0.6286107301712036, 0.5395758152008057])
    #expect(log.series("val_acc").map(\.y) == [0.5, 0.8125, 0.875])
    #expect(log.series("train_loss_epoch").map(\.x) == [3, 7, 11])
    #expect(
      log.series("train_loss_epoch").map(\.y) == [0.73094242811203, 0.6714347004890442, 0.6126786470413208])
    #expect(log.series("train_loss_step").map(\.x) == (0..<12).map(Double.init))
    #expect(log.rows[0].values == ["train_loss_step": 0.739662230014801], "empty fields are absent, not zero")
    let pairs = MetricPairing.pairs(log.metricNames)
    #expect(pairs.map(\.name) == ["loss", "loss_step", "acc"])
    #expect(pairs[0].train == "train_loss_epoch" && pairs[0].validation == "val_loss")
  }

  /// The real logger's metrics.csv as a follower finds it after each save (the Trainer saves
  /// after every logged row): appended rows, then rewritten whole with a wider header when
  /// val_acc/val_loss first appear and again for train_loss_epoch (each a reset, read again
  /// from the start), then appended again, up to the run's whole file.
  @Test func lightningRealSavesAreFollowed() throws {
    let saves = try (1...7).map { try fixture("lightning-csv/saves-of-version_0/metrics.csv.\($0)") }
    let final = try fixture("lightning-csv/lightning_logs/version_0/metrics.csv")
    #expect(saves.map { $0.prefix { $0 != "\r\n" }.split(separator: ",").count } == [3, 3, 3, 3, 5, 6, 6])
    let dir = NSTemporaryDirectory() + "traintop-lightning-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/metrics.csv"
    let follower = LogFollower(path: path)
    #expect(try follower.poll().status == .waitingForFile)
    var written = ""
    var changes: [LogUpdate.Change] = []
    for state in saves + [final] {
      if state.hasPrefix(written) && !written.isEmpty {
        // csv.DictWriter appending to the file ("a").
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(state.dropFirst(written.count).utf8))
        try handle.close()
      } else {
        // _rewrite_with_new_header: the same file opened with "w", truncated and written anew.
        try state.write(toFile: path, atomically: false, encoding: .utf8)
      }
      written = state
      changes.append(try follower.poll().change)
    }
    #expect(changes == [.appended, .appended, .appended, .appended, .reset, .reset, .appended, .appended])
    let whole = LogParser.parse(final, format: .kerasCSV)
    #expect(follower.log.rows == whole.rows && follower.log.metricNames == whole.metricNames)
    #expect(follower.log.xIsStep && follower.log.malformedLines == 0)
  }

  /// What transformers 5.24's Trainer prints on stdout (ProgressCallback: every float quoted,
  /// as f"{v:.4g}"), piped to watch -. Its "***** Running training *****" banner is logged
  /// to standard error, so every line here is a log.
  @Test func huggingFacePrintedDicts() throws {
    let log = LogParser.parse(try fixture("huggingface/stdout.txt"))
    #expect(log.malformedLines == 0)
    #expect(log.rows.count == 7)
    // Trainer's epochs 0.5, 1, 1.5, 2 (progress): x is the 0-based index, shown 1-based as those.
    #expect(log.series("loss").map(\.x) == [-0.5, 0, 0.5, 1], "x is the fractional epoch less one")
    #expect(log.series("loss").map(\.y) == [0.6937, 0.6939, 0.693, 0.6921])
    #expect(log.series("eval_loss").map(\.x) == [0, 1])
    #expect(log.series("eval_loss").map(\.y) == [0.6913, 0.6906])
    #expect(log.series("learning_rate").map(\.y) == [0.004375, 0.003125, 0.001875, 0.000625])
    #expect(log.series("train_loss").map(\.y) == [0.6932])
    #expect(MetricPairing.pairs(log.metricNames).first { $0.name == "loss" }?.validation == "eval_loss")
    #expect(
      PythonDictLine.numericMembers(
        of: ArraySlice("{'a': 'x', 'b': True, 'c': [1, 2], 'd': 3, 'e': nan}".utf8))?
        .map(\.key) == ["d", "e"])
    #expect(PythonDictLine.numericMembers(of: ArraySlice("{'a': '1'} trailing".utf8)) == nil)
  }

  /// The same training as `python -u train.py 2>&1 | traintop watch -` sees it: tqdm's bars on
  /// standard error redraw with `\r` (and `ESC [A` for the evaluation bar) without a newline,
  /// so most printed dicts share a line with a bar. The dicts read as on stdout alone; the bars'
  /// last redraws before a newline are the malformed lines.
  @Test func huggingFacePrintedDictsBetweenProgressBars() throws {
    let text = try fixture("huggingface/stdout-and-stderr.txt")
    #expect(text.hasPrefix("\r  0%|          | 0/8 [00:00<?, ?it/s]"))
    #expect(text.contains("\r\u{1B}[A{'eval_loss': '0.6913',"))
    let log = LogParser.parse(text)
    let alone = LogParser.parse(try fixture("huggingface/stdout.txt"))
    #expect(log.rows.count == 7 && log.malformedLines == 11)
    #expect(log.metricNames == alone.metricNames)
    for name in ["loss", "grad_norm", "learning_rate", "eval_loss", "train_loss"] {
      #expect(log.series(name).map { [$0.x, $0.y] } == alone.series(name).map { [$0.x, $0.y] }, "\(name)")
    }
    func visible(_ line: String) -> String {
      String(decoding: ArraySlice(line.utf8).afterTerminalRedraws, as: UTF8.self)
    }
    #expect(visible("\r 38%|███▊ | 3/8\r      \r{'loss': '1'}") == "{'loss': '1'}")
    #expect(visible("\r      \r\u{1B}[A\u{1B}[2K{\"a\": 1}") == "{\"a\": 1}")
    #expect(visible("{\"a\": 1}") == "{\"a\": 1}", "a line without \\r is left as it is")
    #expect(visible("bar\r\u{1B}[") == "\u{1B}[", "an escape cut short is kept")
  }

  /// The trainer_state.json the real Trainer saved with each checkpoint: the full-precision
  /// history up to that save. With `save_steps`, a step's checkpoint is saved as the step ends,
  /// before the evaluation at the end of the epoch on that same step, so the last evaluation and
  /// the run's summary are in no checkpoint (stdout has them).
  @Test func huggingFaceTrainerState() throws {
    let path = Self.fixtures + "/huggingface/output/checkpoint-8/trainer_state.json"
    let log = try TrainerState.parse(
      try fixture("huggingface/output/checkpoint-8/trainer_state.json"), path: path)
    #expect(log.rows.count == 5 && !log.xIsStep && log.malformedLines == 0)
    #expect(log.metricNames.first == "grad_norm")
    #expect(log.series("loss").map(\.x) == [-0.5, 0, 0.5, 1], "Trainer's epoch less one")
    #expect(
      log.series("loss").map(\.y) == [
        0.6936555504798889, 0.6938686370849609, 0.6929869651794434, 0.6920967102050781,
      ])
    #expect(log.series("eval_loss").map(\.x) == [0])
    #expect(log.series("eval_loss").map(\.y) == [0.691300094127655])
    #expect(!log.metricNames.contains("train_loss") && !log.metricNames.contains("total_flos"))
    let first = try TrainerState.parse(
      try fixture("huggingface/output/checkpoint-4/trainer_state.json"), path: "checkpoint-4")
    #expect(first.rows == Array(log.rows.prefix(2)), "a later checkpoint extends the earlier history")
    #expect(throws: LogReadError.self) { try TrainerState.parse("{\"a\": 1}", path: "x.json") }
  }

  /// Long fractions read back as the numbers written (Foundation's JSONSerialization hands them
  /// out as NSDecimalNumber, whose doubleValue is off in the last digits).
  @Test func trainerStateNumbersAreExact() throws {
    let numbers = [
      "0.6938686370849609", "1.2345678901234567e-05", "-0.12345678901234567", "3.7500000000000003e-05",
    ]
    let entries = numbers.enumerated().map { "{\"epoch\": \($0.offset + 1), \"loss\": \($0.element)}" }
    let log = try TrainerState.parse(
      "{\"log_history\": [\(entries.joined(separator: ", "))]}", path: "trainer_state.json")
    #expect(log.series("loss").map(\.y) == numbers.map { Double($0)! })
  }

  /// Python's json.dumps writes NaN and Infinity bare (an fp16 run's grad_norm is often inf);
  /// the rows still read, the non-finite values left out, strings untouched.
  @Test func trainerStateWithNonFiniteNumbers() throws {
    let text = """
      {"best_model_checkpoint": "out/NaN-Infinity \\"NaN\\"", "log_history": [
        {"epoch": 0.5, "grad_norm": Infinity, "loss": 0.69, "step": 4},
        {"epoch": 1.0, "grad_norm": NaN, "loss": 0.68, "step": 8},
        {"epoch": 1.0, "eval_loss": -Infinity, "step": 8}]}
      """
    let log = try TrainerState.parse(text, path: "trainer_state.json")
    #expect(log.rows.count == 3 && log.malformedLines == 0)
    #expect(log.series("loss").map(\.y) == [0.69, 0.68])
    #expect(log.series("grad_norm").isEmpty && log.series("eval_loss").isEmpty)
    #expect(TrainerState.nonFiniteAsNull(#"{"a": "NaN", "b": NaN}"#) == #"{"a": "NaN", "b": null}"#)
  }

  /// Trainer rewrites the file at each checkpoint: more history is appended rows, another
  /// history a reset.
  @Test func trainerStateFollower() throws {
    let dir = NSTemporaryDirectory() + "traintop-hf-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/trainer_state.json"
    func write(_ losses: [Double]) throws {
      let entries = losses.enumerated().map { "{\"epoch\": \($0.offset + 1), \"loss\": \($0.element)}" }
      try "{\"log_history\": [\(entries.joined(separator: ","))]}".write(
        toFile: path, atomically: true, encoding: .utf8)
    }
    let follower = TrainerStateFollower(path: path)
    #expect(try follower.poll().status == .waitingForFile)
    try write([0.5])
    #expect(try follower.poll().rows.count == 1)
    try write([0.5, 0.4, 0.3])
    let more = try follower.poll()
    #expect(more.change == .appended && more.rows.map(\.step) == [1, 2])
    try write([0.9])
    #expect(try follower.poll().change == .reset)
  }

  @Test func pairingAcrossFrameworks() {
    func pairs(_ names: [String]) -> [String] {
      MetricPairing.pairs(names).map { "\($0.name):\($0.train ?? "-")|\($0.validation ?? "-")" }
    }
    #expect(
      pairs(["Loss/train", "Loss/val", "Accuracy/train"]) == [
        "loss:Loss/train|Loss/val", "accuracy:Accuracy/train|-",
      ])
    #expect(pairs(["train/loss", "eval/loss"]) == ["loss:train/loss|eval/loss"])
    #expect(pairs(["train_loss", "val_loss"]) == ["loss:train_loss|val_loss"])
    #expect(pairs(["loss", "val_loss", "mae"]) == ["loss:loss|val_loss", "mae:mae|-"])
    #expect(pairs(["loss", "train_loss"]) == ["loss:loss|-", "train_loss:train_loss|-"])
    #expect(pairs(["val"]) == ["val:val|-"], "a bare word is a metric, not a prefix")
  }

  @Test func outsideNamesAreMadeSafe() {
    // The project's one sanitizer (SafeText's TerminalSafe): controls as visible pictures.
    #expect(sanitizedName("\u{1B}]0;pwned\u{07}loss\r") == "␛]0;pwned␇loss␍")
    #expect(sanitizedName("a\u{9B}31mb\u{202E}c\u{7F}") == "a�31mb�c␡")
    #expect(sanitizedName("Loss/train") == "Loss/train")
    let long = sanitizedName(String(repeating: "x", count: 300))
    #expect(long.count == 120 && long.contains("…"))
  }
}
