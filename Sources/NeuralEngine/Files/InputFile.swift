import Foundation
import SafeText

/// A file traintop reads that came from outside — a dataset, a settings file, a run's files —
/// opened so that whatever the path names cannot block traintop or make it read without end.
///
/// - It opens without blocking (`O_NONBLOCK`): opening a FIFO nobody writes to waits forever.
/// - It reads regular files only. A FIFO, `/dev/zero`, a terminal or a socket has no end to
///   wait for; such a path gets one line saying what it is.
/// - ``contents(limit:)`` refuses a file larger than the limit from its size before reading a
///   byte, and stops at the limit should the file grow while it is read.
///
/// Every error is a ``DataError`` naming the path: the user gave it, so it is bad input (exit 2).
public final class InputFile {
  /// The largest settings file (`--config`, a preset) traintop reads: 1 MB, a thousand times a
  /// real one.
  public static let settingsLimit = 1 << 20
  /// The largest file of a run or a log traintop reads whole (`metrics.csv`, `summary.json`, a log
  /// to export): 1 GB, several million epochs.
  public static let logLimit = 1 << 30

  public let path: String
  /// The size when opened.
  public let size: Int
  /// What the file is for, in messages: "dataset", "settings file", "run file".
  let kind: String
  private let descriptor: Int32

  public init(path: String, kind: String) throws(DataError) {
    self.path = path
    self.kind = kind
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw DataError("\(safePath: path): cannot open (\(String(cString: strerror(errno))))")
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      let code = errno
      close(descriptor)
      throw DataError("\(safePath: path): cannot read (\(String(cString: strerror(code))))")
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw DataError(
        "\(safePath: path): \(Self.describe(mode: info.st_mode)), not a regular file; give the \(kind) as a file"
      )
    }
    self.descriptor = descriptor
    size = Int(info.st_size)
  }

  deinit { close(descriptor) }

  /// Reads up to `buffer.count` bytes at the current position; 0 at the end of the file.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
    while true {
      let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw DataError("\(safePath: path): read error (\(String(cString: strerror(errno))))")
    }
  }

  /// Up to `count` bytes from the current position (fewer only at the end of the file).
  public func read(_ count: Int) throws(DataError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var filled = 0
    var failure: DataError?
    bytes.withUnsafeMutableBytes { raw in
      while filled < count {
        do throws(DataError) {
          let n = try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
          if n == 0 { break }
          filled += n
        } catch {
          failure = error
          break
        }
      }
    }
    if let failure { throw failure }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// The rest of the file, refused when it holds more than `limit` bytes.
  public func contents(limit: Int) throws(DataError) -> [UInt8] {
    guard size <= limit else { throw tooLarge(limit: limit, size: ByteCount.text(size)) }
    var bytes = try read(size)
    // A file that grows while read: take the rest, up to one byte past the limit.
    while bytes.count <= limit {
      let more = try read(min(64 * 1024, limit + 1 - bytes.count))
      if more.isEmpty { return bytes }
      bytes += more
    }
    throw tooLarge(limit: limit, size: "more than \(ByteCount.text(limit))")
  }

  /// The whole file at `path`, refused beyond `limit` bytes (see the type's documentation).
  public static func contents(of path: String, kind: String, limit: Int) throws(DataError) -> [UInt8] {
    try InputFile(path: path, kind: kind).contents(limit: limit)
  }

  /// Moves back to the start of the file.
  func rewind() {
    lseek(descriptor, 0, SEEK_SET)
  }

  private func tooLarge(limit: Int, size: String) -> DataError {
    DataError(
      "\(safePath: path): \(size), more than the \(ByteCount.text(limit)) traintop reads for a \(kind); use a smaller file"
    )
  }

  /// "a named pipe (FIFO)", "a character device (like /dev/zero)", …
  static func describe(mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: "a named pipe (FIFO)"
    case S_IFCHR: "a character device (like /dev/zero or a terminal)"
    case S_IFBLK: "a block device"
    case S_IFDIR: "a directory"
    case S_IFSOCK: "a socket"
    default: "not a plain file"
    }
  }
}
