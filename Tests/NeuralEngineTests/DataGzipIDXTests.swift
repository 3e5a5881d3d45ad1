import Foundation
import Testing

@testable import NeuralEngine

@Suite("Gzip")
struct DataGzipTests {
  @Test func roundTripAcrossChunks() throws {
    let folder = try TemporaryFolder()
    var random = Xoshiro256(seed: 7)
    // 3 MiB of compressible bytes: several 1 MiB chunks in and out.
    let original = (0..<(3 << 20)).map { _ in UInt8(random.next() % 16) }
    let path = try folder.write("blob.gz", Gzip.compress(original))
    #expect(try Gzip.inflate(contentsOf: path) == original)
  }

  @Test func concatenatedMembersAreJoined() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "two.gz", Gzip.compress(Array("hello ".utf8)) + Gzip.compress(Array("world".utf8)))
    #expect(try Gzip.inflate(contentsOf: path) == Array("hello world".utf8))
  }

  @Test func truncatedDataNamesTheFile() throws {
    let folder = try TemporaryFolder()
    let full = Gzip.compress(idxImages(count: 50))
    let path = try folder.write("train-images-idx3-ubyte.gz", Array(full[0..<(full.count / 2)]))
    let message = dataErrorMessage { _ = try Gzip.inflate(contentsOf: path) }
    #expect(message?.hasPrefix(path + ": truncated or corrupt gzip data (") == true, "\(message ?? "")")
    #expect(message?.contains("re-download or reinstall the dataset") == true)
  }

  @Test func corruptDataNamesTheFile() throws {
    let folder = try TemporaryFolder()
    var bytes = Gzip.compress(Array(repeating: 7, count: 10_000))
    for i in 10..<(bytes.count - 8) { bytes[i] ^= 0x5a }
    let path = try folder.write("labels.gz", bytes)
    let message = dataErrorMessage { _ = try Gzip.inflate(contentsOf: path) }
    #expect(message?.contains(path + ": truncated or corrupt gzip data") == true, "\(message ?? "")")
  }

  @Test func emptyAndMissingFiles() throws {
    let folder = try TemporaryFolder()
    let empty = try folder.write("empty.gz", [])
    #expect(dataErrorMessage { _ = try Gzip.inflate(contentsOf: empty) }?.contains("(empty file)") == true)
    let missing = folder.path + "/nope.gz"
    #expect(
      dataErrorMessage { _ = try Gzip.inflate(contentsOf: missing) }?.hasPrefix(missing + ": cannot open")
        == true)
  }
}

@Suite("IDX reader")
struct DataIDXTests {
  @Test(arguments: [false, true])
  func validImagesAndLabels(gzip: Bool) throws {
    let folder = try TemporaryFolder()
    let ext = gzip ? ".gz" : ""
    let images = idxImages(count: 5)
    let labels = idxLabels([3, 1, 4, 1, 5])
    let imagesPath = try folder.write("img-idx3-ubyte" + ext, gzip ? Gzip.compress(images) : images)
    let labelsPath = try folder.write("lbl-idx1-ubyte" + ext, gzip ? Gzip.compress(labels) : labels)
    let data = try IDXReader.loadDataset(images: imagesPath, labels: labelsPath, name: "t")
    #expect(data.count == 5)
    #expect(data.featureCount == 784)
    #expect(data.labels == [3, 1, 4, 1, 5])
    #expect(data.classCount == 10)  // MNIST layout
    guard case .bytes(let pixels, let scale) = data.storage else {
      Issue.record("expected byte storage")
      return
    }
    #expect(pixels.count == 5 * 784)
    #expect(pixels[784 * 2] == 2)
    #expect(scale == Float(1) / 255)
  }

  @Test func gzipDetectedByMagicWithoutExtension() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("labels-idx1-ubyte", Gzip.compress(idxLabels([1, 2])))
    #expect(try IDXReader.readLabels(at: path) == [1, 2])
  }

  @Test func otherLayoutsCountClassesFromLabels() throws {
    let folder = try TemporaryFolder()
    let imagesPath = try folder.write("i", idxImages(count: 4, rows: 3, columns: 2))
    let labelsPath = try folder.write("l", idxLabels([0, 2, 1, 2]))
    let data = try IDXReader.loadDataset(images: imagesPath, labels: labelsPath, name: "t")
    #expect(data.featureCount == 6)
    #expect(data.classCount == 3)
  }

  @Test func wrongMagicNamesTheFileAndBothNumbers() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("train-labels-idx1-ubyte", idxLabels([1, 2, 3]))
    let message = dataErrorMessage { _ = try IDXReader.readImages(at: path) }
    #expect(
      message == "\(path): bad IDX magic number 0x00000801, expected 0x00000803 for an image file; "
        + "this is a label file, not an image file")
  }

  @Test func headerDimensionsDisagreeingWithFileLength() throws {
    let folder = try TemporaryFolder()
    var bytes = idxImages(count: 5)
    bytes[7] = 10  // header now claims 10 images
    let path = try folder.write("train-images-idx3-ubyte", bytes)
    let message = dataErrorMessage { _ = try IDXReader.readImages(at: path) } ?? ""
    #expect(message.hasPrefix(path + ": header says 10×28×28 values"), "\(message)")
    #expect(message.contains("\(16 + 10 * 784) bytes"))
    #expect(message.contains("holds \(16 + 5 * 784) bytes"))
    #expect(message.contains("truncated"))
  }

  @Test func labelCountMustMatchImageCount() throws {
    let folder = try TemporaryFolder()
    let imagesPath = try folder.write("images", idxImages(count: 5))
    let labelsPath = try folder.write("labels", idxLabels([1, 2, 3, 4]))
    let message = dataErrorMessage {
      _ = try IDXReader.loadDataset(images: imagesPath, labels: labelsPath, name: "t")
    }
    #expect(
      message
        == "\(labelsPath) has 4 labels but \(imagesPath) has 5 images; the two files do not belong together")
  }

  @Test func labelsOutOfRange() throws {
    let folder = try TemporaryFolder()
    let imagesPath = try folder.write("images", idxImages(count: 4))
    let labelsPath = try folder.write("labels", idxLabels([1, 2, 3, 10]))
    let message = dataErrorMessage {
      _ = try IDXReader.loadDataset(images: imagesPath, labels: labelsPath, name: "t")
    }
    #expect(
      message?.hasPrefix("\(labelsPath): label 10 at index 3 is outside 0..<10") == true, "\(message ?? "")")
  }

  @Test func tooShortFile() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("x", [0, 0])
    #expect(
      dataErrorMessage { _ = try IDXReader.readLabels(at: path) }?.hasPrefix(path + ": only 2 bytes") == true)
  }
}
