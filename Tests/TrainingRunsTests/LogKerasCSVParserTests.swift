import Testing

@testable import TrainingRuns

@Suite("Keras CSVLogger parsing")
struct LogKerasCSVParserTests {
  /// As Keras 3's CSVLogger writes it: sorted keys, Python float repr.
  static let keras = """
    epoch,accuracy,loss,val_accuracy,val_loss
    0,0.7891166806221008,0.6087,0.8372,0.4570
    1,0.8512333631515503,0.4132,0.8493,0.4188
    2,0.8661999702453613,0.3683,0.8601,0.3925

    """

  @Test func readsKerasFile() {
    let log = KerasCSVParser.parse(Self.keras)
    #expect(log.metricNames == ["accuracy", "loss", "val_accuracy", "val_loss"])
    #expect(log.malformedLines == 0)
    #expect(
      log.rows == [
        row(0, ["accuracy": 0.7891166806221008, "loss": 0.6087, "val_accuracy": 0.8372, "val_loss": 0.4570]),
        row(1, ["accuracy": 0.8512333631515503, "loss": 0.4132, "val_accuracy": 0.8493, "val_loss": 0.4188]),
        row(2, ["accuracy": 0.8661999702453613, "loss": 0.3683, "val_accuracy": 0.8601, "val_loss": 0.3925]),
      ])
    #expect(log.series("val_loss").map(\.y) == [0.4570, 0.4188, 0.3925])
    #expect(log.epochMetrics.map(\.valAccuracy) == [0.8372, 0.8493, 0.8601])
  }

  @Test func readsLearningRateColumnAndPairsByValPrefix() {
    let text = """
      epoch,accuracy,learning_rate,loss,val_accuracy,val_loss
      0,0.7891166806221008,0.0010000000474974513,0.6087,0.8372,0.4570
      1,0.8512333631515503,1e-05,0.4132,0.8493,0.4188

      """
    let log = KerasCSVParser.parse(text)
    #expect(log.metricNames == ["accuracy", "learning_rate", "loss", "val_accuracy", "val_loss"])
    #expect(log.series("learning_rate").map(\.y) == [0.0010000000474974513, 1e-05])
    #expect(log.rows[1].step == 1)
    let pairs = log.metricPairs.map { "\($0.train ?? "-")|\($0.validation ?? "-")" }
    #expect(pairs == ["accuracy|val_accuracy", "learning_rate|-", "loss|val_loss"])
    #expect(log.epochMetrics.map(\.learningRate) == [0.0010000000474974513, 1e-05])
  }

  /// `Int(1e300)` trapped when another program's log (or a run's edited metrics.csv) held such
  /// an epoch: `runs`, `export` and the dashboard read runs through `epochMetrics`.
  @Test func epochsNoIntHoldsAreLeftOut() {
    let log = KerasCSVParser.parse("epoch,loss\n0,1\n1e300,2\n-1.7e308,3\n2.5,4\n")
    #expect(log.rows.count == 4)
    #expect(log.epochMetrics.map(\.epoch) == [0, 2])
  }

  @Test func nonFiniteAndMissingValues() {
    let text = """
      epoch,loss,val_loss,val_top5
      0,nan,NA,
      1,inf,-inf,0.5
      2,1e-05,NaN,Infinity

      """
    let log = KerasCSVParser.parse(text)
    #expect(log.malformedLines == 0)
    let expected = [
      row(0, ["loss": .nan, "val_loss": .nan]),
      row(1, ["loss": .infinity, "val_loss": -.infinity, "val_top5": 0.5]),
      row(2, ["loss": 1e-05, "val_loss": .nan, "val_top5": .infinity]),
    ]
    #expect(sameRows(log.rows, expected))
    #expect(log.rows[0].values["val_top5"] == nil, "an empty field is missing, not NaN")
  }

  @Test func malformedRowsAreCountedAndSkipped() {
    let text = """
      epoch,loss,val_loss
      0,0.5,0.6
      1,0.4
      2,0.3,oops
      3,0.2,0.25,9
      4,0.1,0.15

      """
    let log = KerasCSVParser.parse(text)
    #expect(log.malformedLines == 3)
    #expect(log.rows == [row(0, ["loss": 0.5, "val_loss": 0.6]), row(4, ["loss": 0.1, "val_loss": 0.15])])
  }

  @Test func listValuedMetricIsSkippedNotMalformed() {
    // Keras' CSVLogger writes a vector metric (F1Score(average=None)) as a quoted list.
    let text = #"0,"""[0.5, 0.25]""",0.75"# + "\n" + #"1,"[0.5, 0.5]",0.5"# + "\n"
    let log = KerasCSVParser.parse("epoch,f1_score,loss\n" + text)
    #expect(log.malformedLines == 0)
    #expect(log.rows == [row(0, ["loss": 0.75]), row(1, ["loss": 0.5])])
  }

  @Test func withoutEpochColumnUsesRowIndex() {
    let log = KerasCSVParser.parse("val_loss,loss\n0.9,1.0\n0.7,0.8\n")
    #expect(log.metricNames == ["val_loss", "loss"])
    #expect(log.rows == [row(0, ["loss": 1.0, "val_loss": 0.9]), row(1, ["loss": 0.8, "val_loss": 0.7])])
  }

  @Test func stepColumnPandasIndexQuotingAndRepeatedHeader() {
    let text = """
      ,step,"top,1",loss
      0,100,0.5,2.0
      ,step,"top,1",loss
      1,200,0.6,1.5
      """
    let log = KerasCSVParser.parse(text)
    #expect(log.metricNames == ["top,1", "loss"])
    #expect(log.malformedLines == 0)
    #expect(log.rows == [row(100, ["top,1": 0.5, "loss": 2.0]), row(200, ["top,1": 0.6, "loss": 1.5])])
  }

  @Test func windowsLineEndingsAndByteOrderMark() {
    let log = KerasCSVParser.parse("\u{FEFF}epoch,loss\r\n0,0.5\r\n1,0.25\r\n")
    #expect(log.metricNames == ["loss"])
    #expect(log.rows == [row(0, ["loss": 0.5]), row(1, ["loss": 0.25])])
  }

  @Test func partialLineWaitsForItsNewline() {
    var parser = KerasCSVParser()
    #expect(parser.consume(Array("epoch,loss\n0,0.5\n1,0.2".utf8)) == [row(0, ["loss": 0.5])])
    #expect(parser.consume(Array("5".utf8)) == [])
    #expect(parser.consume(Array("\n".utf8)) == [row(1, ["loss": 0.25])])
    #expect(parser.consume(Array("2,0.125".utf8)) == [])
    #expect(parser.finish() == [row(2, ["loss": 0.125])])
  }

  @Test func splittingAtEveryByteGivesTheWholeFileRows() {
    let text = Self.keras + "3,nan,NA,0.87,\r\n4,0.3,0.2,bad,0.1\n5,0.29,0.19,0.88,0.38"
    let bytes = Array(text.utf8)
    let whole = KerasCSVParser.parse(text)
    #expect(whole.rows.count == 5)
    #expect(whole.malformedLines == 1)
    for split in 0...bytes.count {
      var parser = KerasCSVParser()
      let rows = parser.consume(bytes[..<split]) + parser.consume(bytes[split...]) + parser.finish()
      #expect(sameRows(rows, whole.rows), "split at \(split)")
      #expect(parser.malformedLines == 1 && parser.metricNames == whole.metricNames)
    }
    var bytewise = KerasCSVParser()
    var rows: [MetricRow] = []
    for byte in bytes { rows += bytewise.consume(CollectionOfOne(byte)) }
    #expect(sameRows(rows + bytewise.finish(), whole.rows))
  }
}
