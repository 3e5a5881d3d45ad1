import Foundation
import Testing

/// Nothing another program wrote can take over the terminal: names and values from outside are
/// printed with their controls made visible, and long ones are cut.
@Suite("escape sequences from outside")
struct EscapeSequenceTests {
  static let title = "\u{1B}]0;pwned\u{07}\u{1B}[2J"

  @Test("runs prints a run folder named with escape sequences as visible text")
  func runFolderName() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let runs = dir + "/runs"
    let train = try TraintopBinary.run([
      "train", "--dataset", "xor", "--epochs", "1", "--hidden", "4", "-q", "--runs", runs,
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let id = try FileManager.default.contentsOfDirectory(atPath: runs).first { !$0.hasPrefix(".") }!
    try FileManager.default.copyItem(atPath: runs + "/" + id, toPath: runs + "/" + Self.title + "evil")
    // A config value from outside too: the dataset's name.
    let config = runs + "/" + Self.title + "evil/config.json"
    let text = try String(contentsOfFile: config, encoding: .utf8)
      .replacingOccurrences(of: "\"xor\"", with: "\"\\u001b]0;x\\u0007xor\"")
    try text.write(toFile: config, atomically: true, encoding: .utf8)
    let r = try TraintopBinary.run(["runs", "--runs", runs])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      !(r.stdout + r.stderr).unicodeScalars.contains {
        $0.properties.generalCategory == .control && $0 != "\n"
      })
    #expect(r.stdout.contains("␛]0;pwned␇␛[2Jevil"))
    #expect(r.stdout.contains("␛]0;x␇xor"))
  }

  @Test(
    "error messages echo outside text with visible controls",
    arguments: [
      (["--activation", "\u{1B}[2J"], "--activation '␛[2J' is not one of"),
      (["--preset", "x\u{1B}]0;t\u{07}"], "unknown preset 'x␛]0;t␇'"),
      (["--dataset", "a\u{1B}[31mb.csv"], "a␛[31mb.csv: no such CSV file"),
      (["--\u{1B}[2J"], "Unknown option '--␛[2J'"),
      (["--hidden", "12,\u{9B}2J"], "'\u{FFFD}2J' is not a layer size"),
      (["--change", "1:lr=\u{1B}c"], "'␛c' is not a number"),
    ])
  func flagValues(arguments: [String], expected: String) throws {
    let r = try TraintopBinary.run(["train", "--epochs", "1"] + arguments)
    expectRefusal(r, mentioning: expected)
  }

  @Test("CSV fields, config keys and values, and long values")
  func fileContents() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try "x,y,label\n1,\u{1B}[2J,0\n".write(toFile: dir + "/esc.csv", atomically: true, encoding: .utf8)
    expectRefusal(
      try TraintopBinary.run(["train", "--dataset", dir + "/esc.csv"]),
      mentioning: "column 2: '␛[2J' is not a number")
    try #"{"activation": "\u001b]0;t\u0007"}"#.write(
      toFile: dir + "/v.json", atomically: true, encoding: .utf8)
    expectRefusal(
      try TraintopBinary.run(["train", "--config", dir + "/v.json"]), mentioning: "activation '␛]0;t␇'")
    try #"{"\u001b[2Jkey": 1}"#.write(toFile: dir + "/k.json", atomically: true, encoding: .utf8)
    expectRefusal(try TraintopBinary.run(["train", "--config", dir + "/k.json"]), mentioning: "'␛[2Jkey'")
    // A 5000-character value is cut to 80 columns around an ellipsis.
    let long = String(repeating: "7", count: 5000)
    try "x,y,label\n1,\(long)x,0\n".write(toFile: dir + "/long.csv", atomically: true, encoding: .utf8)
    let r = try TraintopBinary.run(["train", "--dataset", dir + "/long.csv"])
    expectRefusal(r, mentioning: "…")
    #expect(r.stderr.count < 400, "\(r.stderr.count) characters")
    #expect(r.stderr.contains("7x' is not a number"))
  }
}
