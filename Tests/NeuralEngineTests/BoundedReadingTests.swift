import Foundation
import Testing

@testable import NeuralEngine

/// Files from outside cannot block traintop or make it read or allocate without bound: a few
/// kilobytes that claim gigabytes are refused from their header, a FIFO or a device from what it
/// is, and every cap is told in the message.
@Suite("Bounded reading of data files")
struct BoundedReadingTests {
  // MARK: - gzip bombs

  @Test("a gzip IDX file of a few KB claiming 10⁹ images is refused from its header")
  func headerClaimingAGigapixelSet() throws {
    let folder = try TemporaryFolder()
    let bomb = Gzip.compress(
      idxBytes(magic: IDXReader.imagesMagic, dimensions: [1_000_000_000, 28, 28], values: []))
    #expect(bomb.count < 100)
    let path = try folder.write("train-images-idx3-ubyte.gz", bomb)
    let message = dataErrorMessage { _ = try IDXReader.readImages(at: path) } ?? ""
    #expect(message.hasPrefix(path + ": header says 1000000000×28×28 values"), "\(message)")
    #expect(message.contains("more than the 1.0 GB traintop reads"), "\(message)")
  }

  @Test("an honest header followed by more data stops inflating right after the values")
  func honestHeaderThenMoreData() throws {
    let folder = try TemporaryFolder()
    // 32 MB of zeros after ten images, and the stream cut short at its very end: reading it whole
    // would find the cut; stopping after the header's 7840 values finds the surplus first.
    var bytes = Gzip.compress(idxImages(count: 10) + [UInt8](repeating: 0, count: 32 << 20))
    bytes.removeLast(64)
    let path = try folder.write("images.gz", bytes)
    let message = dataErrorMessage { _ = try IDXReader.readImages(at: path) } ?? ""
    #expect(message.contains("longer than its header says"), "\(message)")
    #expect(message.contains("more than \(16 + 10 * 784) bytes"), "\(message)")
  }

  @Test("inflating a whole file stops at its limit")
  func inflateLimit() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("zeros.gz", Gzip.compress([UInt8](repeating: 0, count: 3 << 20)))
    let message = dataErrorMessage { _ = try Gzip.inflate(contentsOf: path, limit: 1 << 20) } ?? ""
    #expect(
      message == path
        + ": inflates to more than 1.0 MB, the most traintop reads from a dataset file; use a smaller file")
    #expect(try Gzip.inflate(contentsOf: path, limit: 3 << 20).count == 3 << 20)
  }

  // MARK: - CSV caps

  @Test("a CSV line of a million commas is refused at the column cap")
  func millionCommas() throws {
    let line = "1" + String(repeating: ",1", count: 1_000_000) + "\n"
    let message = dataErrorMessage { _ = try CSVLoader.parse(Array((line + line).utf8), source: "wide.csv") }
    #expect(
      message == "wide.csv line 1: more than 65536 columns, the most traintop reads; use fewer features")
  }

  @Test("a record longer than 8 MB is refused, inside quotes too")
  func longRecords() throws {
    let long = String(repeating: "9", count: 9 << 20)
    let plain = dataErrorMessage {
      _ = try CSVLoader.parse(Array("x,label\n\(long),1\n".utf8), source: "a.csv")
    }
    #expect(plain?.hasPrefix("a.csv line 2: longer than 8.0 MB") == true, "\(plain ?? "")")
    let quoted = dataErrorMessage {
      _ = try CSVLoader.parse(Array("x,label\n\"\(long)".utf8), source: "b.csv")
    }
    #expect(quoted?.hasPrefix("b.csv line 2: longer than 8.0 MB") == true, "\(quoted ?? "")")
  }

  @Test("the file size cap is told before reading")
  func fileSizeCap() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("big.csv", [UInt8](repeating: 0x31, count: 3000))
    let message = dataErrorMessage { _ = try InputFile.contents(of: path, kind: "dataset", limit: 1024) }
    #expect(
      message == path + ": 2.9 KB, more than the 1.0 KB traintop reads for a dataset; use a smaller file")
  }

  // MARK: - Not regular files

  @Test("a FIFO is refused at once, not waited on")
  func fifo() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/pipe.csv"
    #expect(mkfifo(path, 0o600) == 0)
    for read in [{ _ = try CSVLoader.load(path: path) }, { _ = try IDXReader.readLabels(at: path) }] {
      #expect(
        dataErrorMessage(read) == path
          + ": a named pipe (FIFO), not a regular file; give the dataset as a file")
    }
  }

  @Test("/dev/zero is refused, not read forever")
  func devZero() {
    let message = dataErrorMessage { _ = try CSVLoader.load(path: "/dev/zero") }
    #expect(message?.hasPrefix("/dev/zero: a character device") == true, "\(message ?? "")")
    #expect(
      dataErrorMessage { _ = try Gzip.inflate(contentsOf: "/dev/zero") }?.contains("not a regular file")
        == true)
  }
}
