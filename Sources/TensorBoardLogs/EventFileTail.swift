import TrainingRuns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One event file followed from a remembered offset: reads only what was appended.
///
/// Event files are append-only while their writer lives, so the usual case is a file that grew.
/// A file that shrank or now names another inode was rewritten: `read` says so and the owner
/// starts over. Reads never block (regular files only) and take at most `budget` bytes, so one
/// enormous file loads over several polls rather than freezing the screen.
final class EventFileTail {
  let path: String
  private(set) var reader = EventFileReader()
  private var descriptor: Int32 = -1
  private var device: UInt64 = 0
  private var inode: UInt64 = 0
  private var offset: Int64 = 0

  init(path: String) {
    self.path = path
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  enum Outcome {
    /// Scalars read, the bytes it took, and whether the file was read to its end.
    case read([TaggedScalar], bytes: Int, caughtUp: Bool)
    /// The file shrank or was replaced: what was read from it no longer holds.
    case rewritten
    /// The file is gone (its scalars stay, as TensorBoard keeps them).
    case vanished
  }

  /// Reads what was appended since the last call, at most `budget` bytes.
  func read(budget: Int) throws(LogReadError) -> Outcome {
    var st = stat()
    guard stat(path, &st) == 0 else {
      let code = errno
      if code == ENOENT || code == ENOTDIR { return .vanished }
      throw LogReadError(path: path, reason: String(cString: strerror(code)))
    }
    if descriptor < 0 {
      let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
      guard fd >= 0 else { throw LogReadError(path: path, reason: String(cString: strerror(errno))) }
      var opened = stat()
      guard fstat(fd, &opened) == 0, opened.st_mode & S_IFMT == S_IFREG else {
        close(fd)
        throw LogReadError(path: path, reason: "not a regular file")
      }
      descriptor = fd
      device = UInt64(opened.st_dev)
      inode = UInt64(opened.st_ino)
    } else if UInt64(st.st_dev) != device || UInt64(st.st_ino) != inode || Int64(st.st_size) < offset {
      return .rewritten
    }
    let size = Int64(st.st_size)
    var scalars: [TaggedScalar] = []
    var remaining = budget
    var buffer = [UInt8](repeating: 0, count: min(64 * 1024, max(1, budget)))
    while remaining > 0 && offset < size {
      let wanted = min(buffer.count, remaining, Int(size - offset))
      let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(offset)) }
      if count < 0 {
        if errno == EINTR { continue }
        throw LogReadError(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { break }
      offset += Int64(count)
      remaining -= count
      scalars += reader.consume(buffer[0..<count])
    }
    return .read(scalars, bytes: budget - remaining, caughtUp: offset >= size)
  }
}
