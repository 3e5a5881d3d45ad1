import Foundation
import Testing

@testable import NeuralEngine

@Suite("CSV loader")
struct DataCSVTests {
  func parse(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> Dataset {
    try CSVLoader.parse(Array(text.utf8), source: "data.csv", options: options)
  }

  func floats(_ d: Dataset) -> [Float] {
    if case .floats(let f) = d.storage { return f }
    return []
  }

  @Test func headerWithStringLabels() throws {
    let d = try parse("width,height,label\n1,2,cat\n3,4,dog\r\n5,6,cat\n\n7,8,ant\n")
    #expect(d.count == 4)
    #expect(d.featureCount == 2)
    #expect(d.classNames == ["ant", "cat", "dog"])
    #expect(d.labels == [1, 2, 1, 0])
    #expect(floats(d) == [1, 2, 3, 4, 5, 6, 7, 8])
  }

  @Test func noHeaderIntegerLabelsInLastColumn() throws {
    let d = try parse("0.5,1e-3,2\n-1,2,0\n")
    #expect(d.labels == [2, 0])
    #expect(d.classCount == 3)
    #expect(d.classNames.isEmpty)
    #expect(floats(d) == [0.5, 0.001, -1, 2])
  }

  @Test func labelColumnFoundByNameOrGiven() throws {
    let byName = try parse("class,a,b\n1,10,20\n0,30,40\n")
    #expect(byName.labels == [1, 0])
    #expect(floats(byName) == [10, 20, 30, 40])
    let byIndex = try parse("1,10,20\n0,30,40\n", CSVOptions(labelColumn: "0"))
    #expect(byIndex.labels == [1, 0])
    let named = try parse("a,kind,b\n1,x,2\n3,y,4\n", CSVOptions(labelColumn: "KIND"))
    #expect(named.classNames == ["x", "y"])
    #expect(floats(named) == [1, 2, 3, 4])
  }

  @Test func quotedFieldsMayHoldCommas() throws {
    let d = try parse("x,y\n1,\"Smith, J.\"\n2,\"say \"\"hi\"\"\"\n")
    #expect(d.classNames == ["Smith, J.", "say \"hi\""])
  }

  @Test func raggedRow() {
    let message = dataErrorMessage { _ = try parse("a,b,label\n1,2,0\n3,4,1\n5,6\n") }
    #expect(message == "data.csv line 4: expected 3 fields, found 2")
  }

  @Test func nonNumericFeature() {
    let message = dataErrorMessage { _ = try parse("1,2,0\n3,4,1\n5,abc,0\n") }
    #expect(message == "data.csv line 3, column 2: 'abc' is not a number")
  }

  @Test func emptyFileAndHeaderOnly() {
    #expect(dataErrorMessage { _ = try parse("") }?.hasPrefix("data.csv: the file is empty") == true)
    #expect(dataErrorMessage { _ = try parse("\n\n") }?.hasPrefix("data.csv: the file is empty") == true)
    #expect(
      dataErrorMessage { _ = try parse("a,b,label\n") } == "data.csv: has a header row but no data rows")
  }

  @Test func negativeAndFractionalLabels() {
    let negative = dataErrorMessage { _ = try parse("1,2,0\n3,4,-1\n") }
    #expect(negative?.hasPrefix("data.csv line 2: label -1 is negative") == true, "\(negative ?? "")")
    let fractional = dataErrorMessage { _ = try parse("1,2,0\n3,4,0.5\n") }
    #expect(fractional?.hasPrefix("data.csv line 2: label '0.5' is not a whole number") == true)
  }

  @Test(arguments: [0.0, 1.0, 1.5, -0.2])
  func validationSplitOutsideZeroOne(split: Double) {
    let message = dataErrorMessage { _ = try parse("1,2,0\n3,4,1\n", CSVOptions(valSplit: split)) }
    #expect(message == "validation split \(split) is outside (0, 1): use a fraction such as 0.2")
  }

  @Test func tooFewRowsForTheSplit() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("one.csv", text: "1,2,0\n")
    let message = dataErrorMessage { _ = try CSVLoader.load(path: path) }
    #expect(message?.hasPrefix("\(path): 1 sample is too few for a validation split of 0.2") == true)
  }

  @Test func seededHoldOut() throws {
    let folder = try TemporaryFolder()
    let rows = (0..<100).map { "\($0),\($0 % 2)" }.joined(separator: "\n")
    let path = try folder.write("data.csv", text: "x,label\n" + rows)
    let a = try CSVLoader.load(path: path, options: CSVOptions(valSplit: 0.25, seed: 3))
    let b = try CSVLoader.load(path: path, options: CSVOptions(valSplit: 0.25, seed: 3))
    let c = try CSVLoader.load(path: path, options: CSVOptions(valSplit: 0.25, seed: 4))
    #expect(a.train.count == 75)
    #expect(a.validation.count == 25)
    #expect(floats(a.validation) == floats(b.validation))
    #expect(floats(a.validation) != floats(c.validation))
    #expect(Set(floats(a.train) + floats(a.validation)) == Set((0..<100).map(Float.init)))
    #expect(a.train.name == "data.csv (train)")
  }

  @Test func loadDataReadsCSVPaths() throws {
    let folder = try TemporaryFolder()
    let rows = (0..<10).map { "\($0),\($0 * 2),\($0 < 5 ? "lo" : "hi")" }.joined(separator: "\n")
    let path = try folder.write("points.csv", text: rows)
    let split = try loadData(DataOptions(dataset: path, trainSize: 3, valSplit: 0.2))
    #expect(split.train.count == 3)
    #expect(split.validation.count == 2)
    #expect(split.train.classNames == ["hi", "lo"])
    #expect(split.notice == nil)
  }
}
