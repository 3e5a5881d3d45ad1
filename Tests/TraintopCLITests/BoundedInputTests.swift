import Foundation
import Testing

/// Paths that name something other than a file, and files that claim far more than they hold:
/// one line and exit 2, at once — no waiting on a FIFO, no reading /dev/zero forever.
@Suite("bounded input from the command line")
struct BoundedInputTests {
  @Test("a FIFO or a device as a dataset, a config, a log or a run file")
  func notRegularFiles() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fifo = dir + "/pipe.csv"
    #expect(mkfifo(fifo, 0o600) == 0)
    try FileManager.default.createSymbolicLink(atPath: dir + "/zero.csv", withDestinationPath: "/dev/zero")
    for (arguments, expected) in [
      (["train", "--dataset", fifo], "pipe.csv: a named pipe (FIFO), not a regular file"),
      (["train", "--dataset", dir + "/zero.csv"], "zero.csv: a character device"),
      (["train", "--config", "/dev/zero"], "/dev/zero: a character device"),
      (["train", "--config", fifo], "give the settings file as a file"),
      (["export", fifo, "--svg", dir + "/x.svg"], "give the log as a file"),
    ] {
      let r = try TraintopBinary.run(arguments)
      expectRefusal(r, mentioning: expected)
    }
  }

  @Test("a run whose metrics.csv is a FIFO is reported and skipped by runs")
  func fifoInARun() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let train = try TraintopBinary.run([
      "train", "--dataset", "xor", "--epochs", "1", "--hidden", "4", "-q", "--runs", dir + "/runs",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let run = try FileManager.default.contentsOfDirectory(atPath: dir + "/runs").first { !$0.hasPrefix(".") }!
    let odd = dir + "/runs/odd"
    try FileManager.default.createDirectory(atPath: odd, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: dir + "/runs/\(run)/config.json", toPath: odd + "/config.json")
    #expect(mkfifo(odd + "/metrics.csv", 0o600) == 0)
    let r = try TraintopBinary.run(["runs", "--runs", dir + "/runs"])
    #expect(r.status == 0)
    #expect(r.stderr.contains("odd/metrics.csv: a named pipe (FIFO)"), "\(r.stderr)")
    #expect(r.stdout.contains(run))
  }

  @Test("an IDX folder whose gzip claims 10⁹ images, and a CSV of a million columns")
  func bombs() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let folder = dir + "/bomb"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    func idx(_ magic: UInt32, _ dims: [UInt32], _ values: Int) -> Data {
      var bytes: [UInt8] = []
      for v in [magic] + dims {
        bytes += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
      }
      return Data(bytes + [UInt8](repeating: 0, count: values))
    }
    try idx(0x803, [1_000_000_000, 28, 28], 0).write(
      to: URL(fileURLWithPath: folder + "/train-images-idx3-ubyte"))
    try idx(0x801, [10], 10).write(to: URL(fileURLWithPath: folder + "/train-labels-idx1-ubyte"))
    try idx(0x803, [10, 28, 28], 7840).write(to: URL(fileURLWithPath: folder + "/t10k-images-idx3-ubyte"))
    try idx(0x801, [10], 10).write(to: URL(fileURLWithPath: folder + "/t10k-labels-idx1-ubyte"))
    expectRefusal(
      try TraintopBinary.run(["train", "--dataset", folder]),
      mentioning: "header says 1000000000×28×28 values")
    let wide = dir + "/wide.csv"
    try ("1" + String(repeating: ",1", count: 1_000_000) + "\n").write(
      toFile: wide, atomically: true, encoding: .utf8)
    expectRefusal(
      try TraintopBinary.run(["train", "--dataset", wide]), mentioning: "more than 65536 columns")
  }
}
