import Testing

@testable import TrainingRuns

@Suite("Log format detection")
struct LogFormatTests {
  @Test func byExtension() {
    #expect(LogFormat(path: "runs/a/metrics.csv") == .kerasCSV)
    #expect(LogFormat(path: "log.CSV") == .kerasCSV)
    #expect(LogFormat(path: "/tmp/train.jsonl") == .jsonLines)
    #expect(LogFormat(path: "x.ndjson") == .jsonLines)
    #expect(LogFormat(path: "x.json") == .jsonLines)
    #expect(LogFormat(path: "train.log") == nil)
    #expect(LogFormat(path: "dir.csv/train") == nil)
    #expect(LogFormat(path: ".csv") == nil)
  }

  @Test func bySniffing() {
    #expect(LogFormat.sniff(#"  {"epoch": 0}"#) == .jsonLines)
    #expect(LogFormat.sniff("epoch,accuracy,loss,val_accuracy,val_loss") == .kerasCSV)
    #expect(LogFormat.sniff(",loss,val_loss") == .kerasCSV)
    #expect(LogFormat.sniff("Loading data...") == nil)
    #expect(LogFormat.sniff("Epoch 1/10, loss 0.3") == nil)
    #expect(LogFormat.sniff("0,0.5,0.6") == nil)
  }

  @Test func parserSniffsPastAScriptsOtherOutput() {
    let json = LogParser.parse("Using GPU 0\n\n{\"epoch\": 0, \"loss\": 1.5}\nsaved\n")
    #expect(json.rows == [row(0, ["loss": 1.5])])
    #expect(json.malformedLines == 2)
    let csv = LogParser.parse("\nepoch,loss\n0,0.5\n")
    #expect(csv.metricNames == ["loss"])
    #expect(csv.rows == [row(0, ["loss": 0.5])])
    #expect(LogParser.parse("{\"loss\": 1}\n", format: .kerasCSV).rows == [])
  }
}

@Suite("Log display names")
struct LogDisplayNameTests {
  @Test func shortestDistinctSuffixes() {
    #expect(
      distinctLogNames(for: ["runs/a/metrics.csv", "runs/b/metrics.csv", "/tmp/keras.csv", "-"])
        == ["a/metrics.csv", "b/metrics.csv", "keras.csv", "stdin"])
    #expect(distinctLogNames(for: ["train.log", "./train.log"]) == ["train.log", "./train.log"])
    #expect(makeLogSource(for: "x/y.jsonl", displayName: "run 1").displayName == "run 1")
  }
}
