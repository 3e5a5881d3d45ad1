import Foundation
import Testing

/// Messages that pointed the wrong way: each bad input now says what is wrong with it.
@Suite("clear messages for bad input")
struct MisleadingMessageTests {
  /// An IDX dataset folder with `train` and `validation` images of `rows`×`columns` pixels.
  static func idxFolder(
    _ path: String, train: UInt32, validation: UInt32, rows: UInt32 = 2, columns: UInt32 = 2
  )
    throws
  {
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    func file(_ name: String, _ header: [UInt32], values: Int) throws {
      var bytes: [UInt8] = []
      for v in header {
        bytes += [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
      }
      bytes += (0..<values).map { UInt8($0 % 2) }
      try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + name))
    }
    for (split, count) in [("train", train), ("t10k", validation)] {
      try file(
        "\(split)-images-idx3-ubyte", [0x803, count, rows, columns], values: Int(count * rows * columns))
      try file("\(split)-labels-idx1-ubyte", [0x801, count], values: Int(count))
    }
  }

  @Test("empty sets and 0×0 images are named, not reported as a diverged run or batch size 0")
  func emptyData() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Self.idxFolder(dir + "/noval", train: 10, validation: 0)
    try Self.idxFolder(dir + "/notrain", train: 0, validation: 10)
    try Self.idxFolder(dir + "/flat", train: 10, validation: 10, rows: 0, columns: 0)
    for (folder, expected) in [
      ("noval", "noval (t10k validation) has no validation samples"),
      ("notrain", "notrain (train) has no training samples"),
      ("flat", "header says images of 0×0 pixels"),
    ] {
      let r = try TraintopBinary.run([
        "train", "--dataset", dir + "/" + folder, "--batch-size", "5", "--epochs", "1",
      ])
      expectRefusal(r, mentioning: expected)
      #expect(!r.stderr.contains("diverged") && !r.stderr.contains("--batch-size 0"))
    }
  }

  @Test(
    "values that 32-bit floats or the flag parser mangled",
    arguments: [
      (["--learning-rate", "1e-300"], "learning rate 1e-300 rounds to 0 in the 32-bit floats training uses"),
      (["--learning-rate", "1e39"], "learning rate 1e+39 is beyond the 32-bit floats"),
      (["--dropout", "0.99999999999"], "dropout 0.99999999999 rounds to 1"),
      (["--l2-hidden", "1e-50"], "l2-hidden 1e-50 rounds to 0"),
      (["--epochs", "-5"], "epochs -5 must be at least 1"),
      (["--learning-rate", "-0.5"], "learning rate -0.5 must be a positive number"),
    ])
  func flagValues(arguments: [String], expected: String) throws {
    expectRefusal(try TraintopBinary.run(["train", "--dataset", "spiral"] + arguments), mentioning: expected)
  }

  @Test("a well-formed config with a number out of range names the key or the number")
  func configNumbers() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (json, expected) in [
      (#"{"epochs": 1e30}"#, "'epochs' holds 1e+30, not a whole number"),
      (#"{"hidden": [128, 2.5]}"#, "'hidden' holds 2.5"),
      (#"{"learning_rate": 1e400}"#, "a number is out of range (Number 1e400 is not representable"),
      (#"[1, 2]"#, "not an object of settings"),
    ] {
      try json.write(toFile: dir + "/c.json", atomically: true, encoding: .utf8)
      let r = try TraintopBinary.run(["train", "--config", dir + "/c.json"])
      expectRefusal(r, mentioning: expected)
      #expect(!r.stderr.contains("not valid JSON"))
    }
  }

  @Test("a loss that explodes to millions but stays finite is a diverged run")
  func finiteExplosion() throws {
    let r = try TraintopBinary.run([
      "train", "--dataset", "spiral", "--optimizer", "sgd", "--learning-rate", "1", "--l2-hidden", "2",
      "--epochs", "20", "--json", "-q",
    ])
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.contains("run diverged: loss rose to"), "\(r.stderr)")
    #expect(r.stderr.contains("over 100× its start"))
    #expect(r.stdout.contains(#""status":"diverged""#))
  }
}
