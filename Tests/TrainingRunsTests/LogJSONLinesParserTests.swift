import Testing

@testable import TrainingRuns

@Suite("JSON-lines log parsing")
struct LogJSONLinesParserTests {
  @Test func epochKeyedLines() {
    let text = """
      {"epoch": 0, "loss": 0.62, "val_loss": 0.55, "accuracy": 0.78}
      {"epoch": 1, "loss": 0.41, "val_loss": 0.44, "accuracy": 0.85}

      """
    let log = JSONLinesParser.parse(text)
    #expect(log.metricNames == ["loss", "val_loss", "accuracy"])
    #expect(log.malformedLines == 0)
    #expect(
      log.rows == [
        row(0, ["loss": 0.62, "val_loss": 0.55, "accuracy": 0.78]),
        row(1, ["loss": 0.41, "val_loss": 0.44, "accuracy": 0.85]),
      ])
    #expect(
      log.metricPairs.map { "\($0.train ?? "-")|\($0.validation ?? "-")" } == ["loss|val_loss", "accuracy|-"])
  }

  @Test func stepKeyedLinesIgnoreNonNumbers() {
    let text = """
      {"step": 100, "train/loss": 2.5, "phase": "train", "done": false, "hist": [1, 2], "cfg": {"lr": 3}}
      {"step": 200, "train/loss": 1.25e-1, "note": null, "lr": -3E-4}
      """
    let log = JSONLinesParser.parse(text)
    #expect(log.metricNames == ["train/loss", "lr"])
    #expect(log.rows == [row(100, ["train/loss": 2.5]), row(200, ["train/loss": 0.125, "lr": -3e-4])])
  }

  @Test func pythonNonFiniteLiterals() {
    let log = JSONLinesParser.parse(
      "{\"epoch\": 0, \"loss\": NaN, \"val_loss\": Infinity, \"delta\": -Infinity}\n")
    #expect(log.malformedLines == 0)
    #expect(sameRows(log.rows, [row(0, ["loss": .nan, "val_loss": .infinity, "delta": -.infinity])]))
  }

  @Test func garbageLinesAreCountedBlankLinesSkipped() {
    let text = """
      Loading data...
      {"epoch": 0, "loss": 0.9}

      Epoch 2/10, loss 0.3
      {"epoch": 1, "loss": 0.7
      [1, 2]
      {"epoch": 1, "loss": 0.5} trailing
      \t
      {"epoch": 1, "loss": 0.5}
      Done.
      """
    let log = JSONLinesParser.parse(text)
    #expect(log.malformedLines == 6)
    #expect(log.rows == [row(0, ["loss": 0.9]), row(1, ["loss": 0.5])])
  }

  @Test func withoutEpochOrStepUsesRowIndex() {
    let log = JSONLinesParser.parse("{\"loss\": 3}\nnoise\n{\"loss\": 2}\r\n{\"loss\": 1}\n")
    #expect(log.malformedLines == 1)
    #expect(log.rows == [row(0, ["loss": 3]), row(1, ["loss": 2]), row(2, ["loss": 1])])
  }

  @Test func escapedKeysAndEpochPreferredOverStep() {
    let log = JSONLinesParser.parse(
      #"{"step": 500, "epoch": 0.5, "acc\u00e9\"x": 1, "\ud83d\ude00": 2}"# + "\n")
    #expect(log.rows == [row(0.5, ["accé\"x": 1, "😀": 2])])
  }

  @Test func splittingAtEveryByteGivesTheWholeLogRows() {
    let text =
      "{\"epoch\": 0, \"loss\": NaN}\r\nprint é\n\n{\"epoch\": 1, \"loss\": 0.5, \"k\": \"a}b\"}\n{\"step\": 7"
      + ", \"loss\": 1e-3}"
    let bytes = Array(text.utf8)
    let whole = JSONLinesParser.parse(text)
    #expect(sameRows(whole.rows, [row(0, ["loss": .nan]), row(1, ["loss": 0.5]), row(7, ["loss": 0.001])]))
    #expect(whole.malformedLines == 1)
    for split in 0...bytes.count {
      var parser = JSONLinesParser()
      let rows = parser.consume(bytes[..<split]) + parser.consume(bytes[split...]) + parser.finish()
      #expect(sameRows(rows, whole.rows), "split at \(split)")
      #expect(parser.malformedLines == 1)
    }
  }
}
