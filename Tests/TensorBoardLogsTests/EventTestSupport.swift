import Foundation
import SwiftProtobuf
import TensorBoardProto

@testable import TensorBoardLogs

/// `Tests/Fixtures/logs`, the event files and logs the real writers made
/// (scripts/fixtures/*.py).
let fixturesDirectory: String = {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/logs").path
}()

/// `data` framed as one TFRecord: length, masked CRC of the length, data, masked CRC of the data.
func tfRecord(_ data: [UInt8]) -> [UInt8] {
  let length = withUnsafeBytes(of: UInt64(data.count).littleEndian) { Array($0) }
  func crc(_ bytes: [UInt8]) -> [UInt8] {
    withUnsafeBytes(of: CRC32C.maskedChecksum(bytes).littleEndian) { Array($0) }
  }
  return length + crc(length) + data + crc(data)
}

/// A serialized `Event` with `simple_value` scalars, as PyTorch's SummaryWriter writes them.
func scalarEvent(step: Int64, _ values: [(String, Float)]) -> [UInt8] {
  var event = Tensorboard_Event()
  event.step = step
  event.wallTime = 1_700_000_000 + Double(step)
  var summary = Tensorboard_Summary()
  summary.value = values.map { tag, value in
    var v = Tensorboard_Summary.Value()
    v.tag = tag
    v.simpleValue = value
    return v
  }
  event.summary = summary
  return try! event.serializedBytes()
}

/// The first event of every file: `file_version`, no summary.
func fileVersionEvent() -> [UInt8] {
  var event = Tensorboard_Event()
  event.wallTime = 1_700_000_000
  event.fileVersion = "brain.Event:2"
  return try! event.serializedBytes()
}

/// A fresh temporary folder.
func temporaryFolder() throws -> String {
  let path = NSTemporaryDirectory() + "traintop-tb-" + UUID().uuidString
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Appends `bytes` to the file at `path` (creating it).
func append(_ bytes: [UInt8], to path: String) throws {
  if !FileManager.default.fileExists(atPath: path) {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
  }
  guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
  handle.seekToEndOfFile()
  handle.write(Data(bytes))
  try handle.close()
}
