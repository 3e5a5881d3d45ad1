import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("traintop export")
struct ExportCommandTests {
  @Test("stored runs and a Keras log become one SVG figure and one CSV table")
  func exportRuns() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for lr in ["0.01", "0.001"] {
      let r = try TraintopBinary.run([
        "train", "--dataset", "xor", "--epochs", "3", "--hidden", "8", "--learning-rate", lr, "--runs", dir,
        "-q",
      ])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let keras = dir + "/keras.csv"
    try "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.5,0.9,0.55,0.8\n1,0.7,0.6,0.65,0.7\n"
      .write(toFile: keras, atomically: true, encoding: .utf8)
    let ids = try FileManager.default.contentsOfDirectory(atPath: dir).filter { !$0.hasSuffix(".csv") }
      .sorted()
    #expect(ids.count == 2)
    let r = try TraintopBinary.run(
      ["export"] + ids + [
        keras, "--runs", dir, "--svg", dir + "/fig.svg", "--csv", dir + "/all.csv", "--title", "a<b",
      ])
    #expect(r.status == 0, "\(r.stderr)")

    let svg = try XMLDocument(contentsOf: URL(fileURLWithPath: dir + "/fig.svg"))
    #expect(svg.rootElement()?.name == "svg")
    let text = svg.rootElement()?.stringValue ?? ""
    #expect(
      text.contains("learning rate 0.01") && text.contains("learning rate 0.001")
        && text.contains("keras.csv"))
    #expect(text.contains("a<b"))  // the title survives XML escaping

    let rows = try String(contentsOfFile: dir + "/all.csv", encoding: .utf8).split(separator: "\n")
    #expect(rows.first == "run,epoch,accuracy,loss,val_accuracy,val_loss")
    #expect(rows.count == 1 + 3 + 3 + 2)
    #expect(rows.last == "keras.csv,1,0.7,0.6,0.65,0.7")
  }

  @Test("an unknown run is one line naming it, exit 2")
  func unknownRun() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run(["export", "nope", "--runs", dir, "--svg", dir + "/x.svg"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("run 'nope' not found") && r.stderr.split(separator: "\n").count == 1)
  }
}

@Suite("traintop export: the insight handout")
struct ExportInsightTests {
  @Test("--confusion writes the final matrix; --insight adds it under the figure; a log has none")
  func confusionAndHandout() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let trained = try TraintopBinary.run([
      "train", "--dataset", "spiral", "--epochs", "3", "--hidden", "8", "--runs", dir, "-q", "--json",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    let id = try #require(
      try FileManager.default.contentsOfDirectory(atPath: dir).first { !$0.hasPrefix(".") })
    let r = try TraintopBinary.run([
      "export", id, "--runs", dir, "--confusion", dir + "/m.csv", "--svg", dir + "/h.svg", "--insight",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let csv = try String(contentsOfFile: dir + "/m.csv", encoding: .utf8)
    let rows = csv.split(separator: "\n")
    #expect(rows.first == "true\\predicted,class 0,class 1,accuracy")
    // Every validation sample counted once: 200 of spiral's 1000 points.
    let counts = rows.dropFirst().flatMap {
      $0.split(separator: ",").dropFirst().dropLast().compactMap { Int($0) }
    }
    #expect(counts.reduce(0, +) == 200)
    let svg = try XMLDocument(contentsOf: URL(fileURLWithPath: dir + "/h.svg"))
    #expect(try svg.nodes(forXPath: "//*[local-name()='rect'][contains(@class,'cell')]").count == 4)

    let log = dir + "/keras.csv"
    try "epoch,loss,val_loss\n0,0.9,0.8\n".write(toFile: log, atomically: true, encoding: .utf8)
    let none = try TraintopBinary.run(["export", log, "--confusion", dir + "/n.csv"])
    #expect(none.status == 2)
    #expect(none.stderr.contains("has no confusion matrix") && none.stderr.split(separator: "\n").count == 1)
    let alone = try TraintopBinary.run(["export", id, "--runs", dir, "--insight", "--csv", dir + "/x.csv"])
    #expect(alone.status == 2 && alone.stderr.contains("--insight adds to the figure"))
  }

  @Test(
    "Fashion-MNIST: the handout draws the run's most confident mistakes from the data",
    .enabled(
      if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"),
      "needs dataset-fashion-mnist (CI installs it)"))
  func mistakesFromTheData() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let trained = try TraintopBinary.run([
      "train", "--dataset", "fashion-mnist", "--train-size", "500", "--epochs", "1", "--runs", dir, "-q",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    let id = try #require(
      try FileManager.default.contentsOfDirectory(atPath: dir).first { !$0.hasPrefix(".") })
    let r = try TraintopBinary.run(["export", id, "--runs", dir, "--svg", dir + "/h.svg", "--insight"])
    #expect(r.status == 0, "\(r.stderr)")
    let svg = try XMLDocument(contentsOf: URL(fileURLWithPath: dir + "/h.svg"))
    let mistakes = try svg.nodes(forXPath: "//*[local-name()='g'][@class='mistake']")
    #expect(mistakes.count == 8)
    #expect(try svg.nodes(forXPath: "//*[local-name()='rect'][contains(@class,'cell')]").count == 100)
  }
}
