import Foundation
import TensorBoardLogs
import Testing

/// `traintop watch DIR` as a user runs it over a sweep: in tmux, while a writer adds epochs to
/// two runs of a log directory laid out as the Keras TensorBoard callback lays it out (one run
/// starting after watch did), then the `/` filter.
@Suite struct WatchDirectoryEndToEndTests {
  static let timeout = 60.0

  @Test(.enabled(if: tmuxPath != nil, "tmux is not installed; install it to run the end-to-end test"))
  func writerAddsEpochsToTwoRuns() throws {
    let binary = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let root = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let logdir = root + "/logs"
    let fast = KerasRun(folder: logdir + "/lr_0.1", learningRate: 0.1)
    let slow = KerasRun(folder: logdir + "/lr_0.01", learningRate: 0.01)
    try fast.writeEpoch(0, loss: 0.9, valLoss: 1.0)
    try fast.writeEpoch(1, loss: 0.7, valLoss: 0.8)

    let tmux = Tmux(path: tmuxPath!)
    tmux.start(width: 120, height: 32, directory: root)
    defer { tmux.kill() }
    tmux.send(literal: "env LANG=C.UTF-8 \(binary) watch logs; echo EXITED-$?")
    tmux.send("Enter")
    try tmux.waitFor("the first run", timeout: Self.timeout) { screen in
      screen.contains("Runs 1/1") && screen.contains("lr_0.1") && screen.contains("┌─ Loss")
        && screen.contains("0.8000")
    }

    // A second run starts later: the next scan (every 3 s) finds it.
    try slow.writeEpoch(0, loss: 1.25, valLoss: 1.5)
    try tmux.waitFor("the second run", timeout: Self.timeout) { screen in
      screen.contains("Runs 2/2") && screen.contains("learning_rate 0.01") && screen.contains("1.5000")
    }

    // Both runs grow, epoch by epoch.
    try fast.writeEpoch(2, loss: 0.5, valLoss: 0.625)
    try slow.writeEpoch(1, loss: 1.0, valLoss: 1.125)
    try slow.writeEpoch(2, loss: 0.75, valLoss: 0.875)
    let grown = try tmux.waitFor("both runs at epoch 3", timeout: Self.timeout) { screen in
      screen.contains("learning_rate 0.1 0.6250") && screen.contains("learning_rate 0.01 0.8750")
    }
    #expect(grown.contains("2 runs · 2 following"))
    #expect(grown.contains("epoch"), "Keras logs epochs: the axis says so")

    // The filter, live: a regular expression over the runs' names.
    tmux.send("/")
    tmux.send(literal: "0\\.01")
    tmux.send("Enter")
    let filtered = try tmux.waitFor("the filter", timeout: Self.timeout) { screen in
      screen.contains("Runs 1/2") && screen.contains("/0\\.01")
    }
    #expect(!filtered.contains("learning_rate 0.1 0.6250"), "the other run left the chart")
    tmux.send("Escape")
    try tmux.waitFor("the filter cleared", timeout: Self.timeout) { $0.contains("Runs 2/2") }

    tmux.send("q")
    try tmux.waitFor("the shell back", timeout: Self.timeout) { $0.contains("EXITED-0") }
  }
}

/// A run as the Keras TensorBoard callback writes it: `train/` and `validation/` event files with
/// `epoch_loss` at step = epoch, plus a config.json with its learning rate. The events are
/// encoded here by hand (protobuf wire format) — a second, independent writer beside the real
/// ones that made the fixtures.
struct KerasRun {
  var folder: String
  var learningRate: Double

  init(folder: String, learningRate: Double) {
    self.folder = folder
    self.learningRate = learningRate
  }

  func writeEpoch(_ epoch: Int, loss: Float, valLoss: Float) throws {
    for (part, value) in [("train", loss), ("validation", valLoss)] {
      let dir = folder + "/" + part
      if !FileManager.default.fileExists(atPath: dir) {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try #"{"learning_rate": \#(learningRate)}"#.write(
          toFile: folder + "/config.json", atomically: true, encoding: .utf8)
      }
      let path = dir + "/events.out.tfevents.1700000000.host.1.\(part == "train" ? 1 : 2).v2"
      if !FileManager.default.fileExists(atPath: path) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
      }
      let handle = try #require(FileHandle(forWritingAtPath: path))
      handle.seekToEndOfFile()
      handle.write(Data(Self.record(Self.event(step: epoch, tag: "epoch_loss", value: value))))
      try handle.close()
    }
  }

  static func record(_ data: [UInt8]) -> [UInt8] {
    let length = withUnsafeBytes(of: UInt64(data.count).littleEndian) { Array($0) }
    func crc(_ bytes: [UInt8]) -> [UInt8] {
      withUnsafeBytes(of: CRC32C.maskedChecksum(bytes).littleEndian) { Array($0) }
    }
    return length + crc(length) + data + crc(data)
  }

  /// Event { wall_time = 1; step = 2; summary = 5 { value = 1 { tag = 1; simple_value = 2 } } }.
  static func event(step: Int, tag: String, value: Float) -> [UInt8] {
    func varint(_ v: Int) -> [UInt8] {
      var v = UInt64(v)
      var out: [UInt8] = []
      repeat {
        out.append(UInt8(v & 0x7F) | (v >= 0x80 ? 0x80 : 0))
        v >>= 7
      } while v > 0
      return out
    }
    let tagBytes = Array(tag.utf8)
    let summaryValue =
      [0x0A] + varint(tagBytes.count) + tagBytes + [0x15]
      + withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
    let summary = [0x0A] + varint(summaryValue.count) + summaryValue
    let wallTime = withUnsafeBytes(of: (1_700_000_000.0 + Double(step)).bitPattern.littleEndian) { Array($0) }
    let stepField: [UInt8] = step == 0 ? [] : [0x10] + varint(step)
    return [0x09] + wallTime + stepField + [0x2A] + varint(summary.count) + summary
  }
}
