import Foundation

@testable import NeuralEngine

/// A fresh temporary folder for one test, removed when the value is released.
final class TemporaryFolder {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "traintop-data-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `bytes` to `name` (folders created as needed) and returns the full path.
  @discardableResult
  func write(_ name: String, _ bytes: [UInt8]) throws -> String {
    let full = path + "/" + name
    let folder = (full as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: full))
    return full
  }

  @discardableResult
  func write(_ name: String, text: String) throws -> String {
    try write(name, Array(text.utf8))
  }

  func makeFolder(_ name: String) throws -> String {
    let full = path + "/" + name
    try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: true)
    return full
  }
}

/// An IDX file image: magic, big-endian dimensions, then `values`.
func idxBytes(magic: UInt32, dimensions: [Int], values: [UInt8]) -> [UInt8] {
  func bigEndian(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)]
  }
  return bigEndian(magic) + dimensions.flatMap { bigEndian(UInt32($0)) } + values
}

/// `count` images of `rows × columns` pixels where image i is filled with i.
func idxImages(count: Int, rows: Int = 28, columns: Int = 28) -> [UInt8] {
  idxBytes(
    magic: 0x0803, dimensions: [count, rows, columns],
    values: (0..<count).flatMap { [UInt8](repeating: UInt8($0 % 256), count: rows * columns) })
}

func idxLabels(_ labels: [UInt8]) -> [UInt8] {
  idxBytes(magic: 0x0801, dimensions: [labels.count], values: labels)
}

/// Writes a complete four-file IDX dataset (gzip-compressed when `gzip`) into `folder`.
func writeIDXDataset(
  in folder: TemporaryFolder, under subfolder: String, trainCount: Int = 6, testCount: Int = 4,
  gzip: Bool = true
) throws {
  let ext = gzip ? ".gz" : ""
  func encode(_ b: [UInt8]) -> [UInt8] { gzip ? Gzip.compress(b) : b }
  let prefix = subfolder.isEmpty ? "" : subfolder + "/"
  try folder.write(prefix + "train-images-idx3-ubyte" + ext, encode(idxImages(count: trainCount)))
  try folder.write(
    prefix + "train-labels-idx1-ubyte" + ext, encode(idxLabels((0..<trainCount).map { UInt8($0 % 10) })))
  try folder.write(prefix + "t10k-images-idx3-ubyte" + ext, encode(idxImages(count: testCount)))
  try folder.write(
    prefix + "t10k-labels-idx1-ubyte" + ext, encode(idxLabels((0..<testCount).map { UInt8($0 % 10) })))
}

/// The message of the `DataError` that `body` throws, or nil when it throws nothing.
func dataErrorMessage(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch let error as DataError {
    return error.message
  } catch {
    return "unexpected error: \(error)"
  }
}
