import Foundation
import Testing
import TrainingRuns

@testable import TensorBoardLogs

/// Scalars from events, and from the fixtures the real writers made, checked against what
/// TensorBoard's own Python reader found in them (expected-scalars.txt, see
/// scripts/fixtures/tensorboard_fixtures.py).
@Suite struct EventFileReaderTests {
  @Test func simpleValuesAndStepZero() throws {
    var reader = EventFileReader()
    let bytes = [
      fileVersionEvent(), scalarEvent(step: 0, [("loss", 1.5)]), scalarEvent(step: 7, [("loss", 0.5)]),
    ]
    .flatMap(tfRecord)
    let scalars = reader.consume(bytes)
    #expect(
      scalars == [
        TaggedScalar(tag: "loss", step: 0, value: 1.5), TaggedScalar(tag: "loss", step: 7, value: 0.5),
      ])
    #expect(reader.malformedRecords == 0)
  }

  @Test func recordThatIsNotAnEventIsMalformed() {
    var reader = EventFileReader()
    let scalars = reader.consume(tfRecord([0xFF, 0xFF, 0xFF]) + tfRecord(scalarEvent(step: 1, [("a", 2)])))
    #expect(scalars.map(\.value) == [2])
    #expect(reader.malformedRecords == 1)
  }

  @Test func truncatedFileCountsItsLastRecordOnlyWhenComplete() {
    let bytes = tfRecord(scalarEvent(step: 1, [("a", 2)])) + tfRecord(scalarEvent(step: 2, [("a", 3)]))
    var reader = EventFileReader()
    #expect(reader.consume(bytes.dropLast(5)).count == 1)
    #expect(reader.malformedRecords == 0, "still being written")
    reader.finish()
    #expect(reader.malformedRecords == 1, "the file ended inside a record")
  }

  @Test func rowsGroupOneStepsTags() {
    let rows = EventFileReader.rows([
      TaggedScalar(tag: "a", step: 1, value: 1), TaggedScalar(tag: "b", step: 1, value: 2),
      TaggedScalar(tag: "a", step: 1, value: 3), TaggedScalar(tag: "a", step: 2, value: 4),
    ])
    #expect(
      rows == [
        MetricRow(step: 1, values: ["a": 1, "b": 2]), MetricRow(step: 1, values: ["a": 3]),
        MetricRow(step: 2, values: ["a": 4]),
      ])
  }

  /// Every writer's fixture: the same scalars, in the same order, as TensorBoard's reader.
  /// torch-summarywriter is PyTorch's own SummaryWriter (real_framework_fixtures.py):
  /// simple_value scalars, a new_style float tensor, and add_scalars' folder per key.
  @Test(arguments: [
    "tensorboardx", "tensorboard-writer", "double-tensor", "tf2-summary", "keras-tensorboard",
    "torch-summarywriter",
  ])
  func fixtureMatchesTensorBoardsReader(_ name: String) throws {
    let root = fixturesDirectory + "/" + name
    let expected = try String(contentsOfFile: root + "/expected-scalars.txt", encoding: .utf8)
      .split(separator: "\n").dropFirst().map { line -> String in
        // run,tag,step,value — the tag may hold anything but commas and newlines here.
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
        return
          "\(fields[0])|\(fields[1...(fields.count - 3)].joined(separator: ","))|\(fields[fields.count - 2])|"
          + "\(Double(fields[fields.count - 1])!)"
      }
    var found: [String] = []
    let enumerator = FileManager.default.enumerator(atPath: root)!
    let files = (enumerator.allObjects as! [String]).filter {
      isEventFileName($0.split(separator: "/").last!)
    }
    .sorted()
    for file in files {
      var reader = EventFileReader()
      let data = try Data(contentsOf: URL(fileURLWithPath: root + "/" + file))
      let run = file.split(separator: "/").dropLast().joined(separator: "/")
      for s in reader.consume([UInt8](data)) {
        found.append("\(run.isEmpty ? "." : run)|\(s.tag)|\(s.step)|\(s.value)")
      }
      reader.finish()
      #expect(reader.malformedRecords == 0, "\(file)")
    }
    #expect(found == expected)
    #expect(!found.isEmpty)
  }
}
