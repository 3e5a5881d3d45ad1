import Foundation
import Testing

@testable import NeuralEngine

@Suite("Dataset catalog")
struct DataCatalogTests {
  /// A catalog whose environment, working directory and system folder all live in `folder`.
  func catalog(_ folder: TemporaryFolder, traintopData: String? = "root") throws -> DatasetCatalog {
    var environment = ["HOME": "/nonexistent"]
    if let traintopData { environment["TRAINTOP_DATA"] = folder.path + "/" + traintopData }
    return DatasetCatalog(
      environment: environment, currentDirectory: try folder.makeFolder("cwd"),
      systemDirectory: try folder.makeFolder("system"))
  }

  @Test func searchOrder() throws {
    let folder = try TemporaryFolder()
    let c = try catalog(folder)
    let p = folder.path
    #expect(
      c.searchDirectories(for: "mnist") == [
        "\(p)/root/mnist", "\(p)/root", "\(p)/cwd/data/mnist", "\(p)/system/mnist",
      ])

    try writeIDXDataset(in: folder, under: "system/mnist")
    #expect(try c.locate("mnist") == "\(p)/system/mnist")
    try writeIDXDataset(in: folder, under: "cwd/data/mnist", gzip: false)
    #expect(try c.locate("mnist") == "\(p)/cwd/data/mnist")
    try writeIDXDataset(in: folder, under: "root")
    #expect(try c.locate("mnist") == "\(p)/root")
    try writeIDXDataset(in: folder, under: "root/mnist")
    #expect(try c.locate("mnist") == "\(p)/root/mnist")
  }

  @Test func missingFashionMNISTSaysWhereAndHow() throws {
    let folder = try TemporaryFolder()
    let c = try catalog(folder, traintopData: nil)
    let message = dataErrorMessage { _ = try c.locate("fashion-mnist") } ?? ""
    #expect(message.hasPrefix("fashion-mnist not found; looked in "))
    #expect(message.contains("\(folder.path)/cwd/data/fashion-mnist, \(folder.path)/system/fashion-mnist"))
    #expect(message.contains("TRAINTOP_DATA is not set"))
    #expect(message.contains("apt-get install dataset-fashion-mnist"))
    #expect(!message.contains("\n"))
  }

  @Test func missingMNISTSaysWhereToPutTheFiles() throws {
    let folder = try TemporaryFolder()
    let c = try catalog(folder)
    try folder.write("root/mnist/train-images-idx3-ubyte.gz", Gzip.compress(idxImages(count: 1)))
    let message = dataErrorMessage { _ = try c.resolve("mnist") } ?? ""
    #expect(message.hasPrefix("mnist not found; looked in \(folder.path)/root/mnist, \(folder.path)/root, "))
    #expect(message.contains("in ./data/mnist or set TRAINTOP_DATA"))
    #expect(message.contains("(\(folder.path)/root/mnist lacks train-labels-idx1-ubyte[.gz]"))
    #expect(!message.contains("apt-get"))
  }

  @Test func defaultDatasetFallsBackToSpiral() throws {
    let folder = try TemporaryFolder()
    let c = try catalog(folder)
    let fallback = c.defaultDataset()
    #expect(fallback.name == "spiral")
    let notice = fallback.notice ?? ""
    #expect(notice.contains("Fashion-MNIST is not installed"))
    #expect(notice.contains("apt-get install dataset-fashion-mnist"))
    #expect(notice.contains("using the built-in spiral dataset"))

    let split = try loadData(DataOptions(), catalog: c)
    #expect(split.train.name == "spiral (train)")
    #expect(split.notice == notice)

    try writeIDXDataset(in: folder, under: "system/fashion-mnist")
    #expect(c.defaultDataset().name == "fashion-mnist")
    #expect(c.defaultDataset().notice == nil)
  }

  @Test func namedIDXDatasetLoadsTrainAndT10k() throws {
    let folder = try TemporaryFolder()
    let c = try catalog(folder)
    try writeIDXDataset(in: folder, under: "root/fashion-mnist", trainCount: 12, testCount: 5)
    let split = try loadData(DataOptions(dataset: "fashion-mnist", trainSize: 7), catalog: c)
    #expect(split.train.count == 7)
    #expect(split.validation.count == 5)
    #expect(split.train.classNames[9] == "Ankle boot")
    #expect(split.validation.classCount == 10)
    let tooMany = dataErrorMessage {
      _ = try loadData(DataOptions(dataset: "fashion-mnist", trainSize: 13), catalog: c)
    }
    #expect(tooMany == "--train-size 13 is more than the 12 training samples of fashion-mnist")
  }

  @Test func folderPathsWork() throws {
    let folder = try TemporaryFolder()
    let c = try catalog(folder)
    try writeIDXDataset(in: folder, under: "cwd/my-digits", gzip: false)
    let split = try loadData(DataOptions(dataset: "my-digits"), catalog: c)
    #expect(split.train.name == "my-digits (train)")
    #expect(split.train.classNames.isEmpty)

    _ = try folder.makeFolder("cwd/empty")
    let message = dataErrorMessage { _ = try c.resolve("empty") } ?? ""
    #expect(message.hasPrefix("empty: not a dataset folder; it lacks train-images-idx3-ubyte[.gz]"))
  }

  @Test func unknownNamesAndMissingCSV() throws {
    let folder = try TemporaryFolder()
    let c = try catalog(folder)
    #expect(
      dataErrorMessage { _ = try c.resolve("cifar") }?.hasPrefix("unknown dataset 'cifar': use one of")
        == true)
    #expect(dataErrorMessage { _ = try c.resolve("nope.csv") } == "nope.csv: no such CSV file")
    #expect(try c.resolve("Spiral") == .synthetic(.spiral))
    #expect(
      dataErrorMessage { _ = try c.resolve("data/x") }?.hasPrefix("data/x: no such dataset folder") == true)
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"),
      "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)"))
  func realFashionMNIST() throws {
    let c = DatasetCatalog(environment: [:], currentDirectory: "/nonexistent")
    let split = try loadData(DataOptions(dataset: "fashion-mnist"), catalog: c)
    #expect(split.train.count == 60_000)
    #expect(split.train.featureCount == 784)
    #expect(split.validation.count == 10_000)
    #expect(Set(split.train.labels) == Set(0...9))
    #expect(Set(split.validation.labels) == Set(0...9))
    #expect(split.train.classCount == 10)
    #expect(split.train.classNames.first == "T-shirt/top")
  }
}
