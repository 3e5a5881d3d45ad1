import Foundation
import Testing

/// `traintop export` of logs other programs wrote: each fixture the real writers made
/// (Tests/Fixtures/logs, scripts/fixtures/) comes out with every scalar it holds.
@Suite struct ExportLogsCommandTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/logs").path

  /// The scalars TensorBoard's own reader found: "run|tag|step|value" (see expected-scalars.txt).
  static func expected(_ name: String, rename: (String, String) -> (String, String)? = { ($0, $1) }) throws
    -> Set<String>
  {
    let text = try String(contentsOfFile: fixtures + "/\(name)/expected-scalars.txt", encoding: .utf8)
    return Set(
      text.split(separator: "\n").dropFirst().compactMap { line -> String? in
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard let (run, tag) = rename(f[0], f[1...(f.count - 3)].joined(separator: ",")) else { return nil }
        return "\(run)|\(tag)|\(f[f.count - 2])|\(Double(f[f.count - 1])!)"
      })
  }

  /// Every non-NA cell of an exported long table as "run|metric|step|value".
  static func cells(_ csv: String) -> Set<String> {
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    let header = lines[0]
    return Set(
      lines.dropFirst().flatMap { row in
        (2..<row.count).compactMap { i in
          row[i] == "NA" ? nil : "\(row[0])|\(header[i])|\(row[1])|\(Double(row[i])!)"
        }
      })
  }

  func export(_ name: String) throws -> String {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run(["export", Self.fixtures + "/" + name, "--csv", dir + "/out.csv"])
    #expect(r.status == 0, "\(r.stderr)")
    return try String(contentsOfFile: dir + "/out.csv", encoding: .utf8)
  }

  @Test(arguments: ["tensorboardx", "tensorboard-writer", "tf2-summary", "torch-summarywriter"])
  func everyScalarOfAnEventFileFixture(_ name: String) throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    #expect(Self.cells(try export(name)) == (try Self.expected(name)))
  }

  /// The Keras callback's train/ and validation/ become one run, `logs`, with loss and val_loss;
  /// the evaluation_*_vs_iterations tags (another x axis) are left out.
  @Test func kerasTensorBoardCallbackIsOneRun() throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let expected = try Self.expected("keras-tensorboard") { run, tag in
      guard tag.hasPrefix("epoch_") else { return nil }
      let metric = String(tag.dropFirst(6))
      return ("logs", run.hasSuffix("validation") ? "val_" + metric : metric)
    }
    let csv = try export("keras-tensorboard")
    #expect(Self.cells(csv) == expected)
    #expect(csv.hasPrefix("run,epoch,accuracy,learning_rate,loss,val_accuracy,val_loss\n"))
  }

  /// A tag full of terminal escapes comes out visible and inert, in the CSV and the SVG.
  @Test func hostileTagIsEscaped() throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run([
      "export", Self.fixtures + "/double-tensor", "--csv", dir + "/out.csv", "--svg", dir + "/out.svg",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let csv = try String(contentsOfFile: dir + "/out.csv", encoding: .utf8)
    let svg = try String(contentsOfFile: dir + "/out.svg", encoding: .utf8)
    #expect(csv.contains("␛]0;pwned␇evil␛[31m_loss␍"))
    #expect(Self.cells(csv).contains("double-tensor|train_loss|1|0.375"), "double_val")
    for text in [csv, svg] {
      #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no control characters")
    }
  }

  @Test func directoryWithoutLogsIsOneLine() throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
    let r = try TraintopBinary.run(["export", dir + "/empty", "--csv", dir + "/out.csv"])
    #expect(r.status == 2)
    #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("holds no training logs"))
  }

  /// A truncated event file still exports what it holds; a file of garbage is no run at all.
  @Test func truncatedAndGarbageEventFiles() throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let source = Self.fixtures + "/tf2-summary/run-a"
    let file = try #require(try FileManager.default.contentsOfDirectory(atPath: source).first)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: source + "/" + file))
    try FileManager.default.createDirectory(atPath: dir + "/cut", withIntermediateDirectories: true)
    try bytes.dropLast(7).write(to: URL(fileURLWithPath: dir + "/cut/" + file))
    let r = try TraintopBinary.run(["export", dir + "/cut/" + file, "--csv", dir + "/cut.csv"])
    #expect(r.status == 0, "\(r.stderr)")
    let cells = Self.cells(try String(contentsOfFile: dir + "/cut.csv", encoding: .utf8))
    #expect(cells.count == 7, "all but the last scalar")

    try Data("this is not an event file".utf8).write(
      to: URL(fileURLWithPath: dir + "/events.out.tfevents.1.x"))
    let g = try TraintopBinary.run(["export", dir + "/events.out.tfevents.1.x", "--csv", dir + "/g.csv"])
    #expect(g.status == 2)
    #expect(g.stderr.split(separator: "\n").count == 1 && g.stderr.contains("no metric rows"))
  }
}
