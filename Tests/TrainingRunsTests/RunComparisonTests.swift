import Testing

@testable import NeuralEngine
@testable import TrainingRuns

/// The `runs` table: one header per column, ids in the order runs were made, and cells from the
/// runs directory (which other programs may write) made safe.
@Suite("Run comparison table")
struct RunComparisonTests {
  static func entry(_ id: String, epochs: Int, trained: Int, dataset: String = "xor") -> RunComparison.Entry {
    var h = Hyperparameters()
    h.dataset = dataset
    h.epochs = epochs
    let history = (0..<trained).map {
      EpochMetrics(
        epoch: $0, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, seconds: 0.1, learningRate: 0.001)
    }
    let summary = RunSummary(
      status: .finished, reason: nil, epochs: history, config: h, trainCount: 10, validationCount: 10)
    return .init(id: id, status: "finished", config: h, summary: summary)
  }

  @Test("the epochs setting and the epochs trained have different headers")
  func headers() {
    let table = RunComparison([
      Self.entry("a", epochs: 10, trained: 10), Self.entry("b", epochs: 20, trained: 7),
    ])
    .table
    #expect(
      table[0] == ["run", "status", "max epochs", "epochs", "best val_acc @ep", "min val_loss @ep", "gap"])
    #expect(Set(table[0]).count == table[0].count)
    #expect(table.dropFirst().map { [$0[2], $0[3]] } == [["10", "10"], ["20", "7"]])
  }

  @Test("run ids in natural order: -10 after -2")
  func naturalOrder() {
    let ids = [
      "20261125-143005-10", "20261125-143005", "20261125-143005-2", "20261125-143005-9", "run10", "run9",
    ]
    #expect(
      ids.sorted(by: RunStore.naturalOrder) == [
        "20261125-143005", "20261125-143005-2", "20261125-143005-9", "20261125-143005-10", "run9", "run10",
      ])
    #expect(
      !RunStore.naturalOrder("a", "a") && RunStore.naturalOrder("a", "a1")
        && RunStore.naturalOrder("a1", "a01"))
  }

  @Test("ids and settings from the runs directory are made safe, cut, and aligned by columns")
  func outsideCells() {
    let text = RunComparison([
      Self.entry("\u{1B}]0;pwned\u{07}" + String(repeating: "x", count: 100), epochs: 10, trained: 10),
      Self.entry("学习", epochs: 10, trained: 10, dataset: "\u{1B}[2J"),
    ]).text
    #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
    #expect(text.contains("␛]0;pwned␇") && text.contains("…") && text.contains("␛[2J"))
    let widths = text.split(separator: "\n").map { line in
      line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x3000 && $1.value < 0xA000 ? 2 : 1) }
    }
    #expect(widths.allSatisfy { $0 <= 40 + 2 + 8 + 2 + 100 })
    #expect(text.split(separator: "\n").allSatisfy { $0.count < 160 })
  }
}

/// Reading a long run back: summary.json's epochs array is skipped (metrics.csv holds them).
@Suite("Stored summaries")
struct StoredSummaryTests {
  @Test func theEpochsArrayIsEmptiedBeforeDecoding() throws {
    let json = #"""
      {"changes": [{"setting": "epochs", "to": 3}], "config": {"epochs": 3, "dataset": "a [\"]"},
       "epochs" : [ {"epoch": 0, "loss": 1}, {"epoch": 1, "loss": [2]} ], "status": "finished"}
      """#
    let out = String(decoding: StoredRun.withoutEpochs(Array(json.utf8)), as: UTF8.self)
    #expect(out.contains(#""epochs" : [], "status""#))
    #expect(out.contains(#""config": {"epochs": 3, "dataset": "a [\"]"}"#))
    #expect(out.contains(#"{"setting": "epochs", "to": 3}"#))
    #expect(StoredRun.withoutEpochs(Array(#"{"epochs": [1, 2"#.utf8)) == Array(#"{"epochs": [1, 2"#.utf8))
  }
}
