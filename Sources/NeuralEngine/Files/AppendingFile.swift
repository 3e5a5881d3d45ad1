#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file that grows one record (a line) at a time, where every record lands whole or not at all.
///
/// Each `append` goes straight to the kernel (no buffer to flush), so a killed process keeps
/// every record appended before. When a write fails part way — a disk that fills up mid-row —
/// the file is cut back to the end of the last whole record, so readers never see a torn row;
/// the error names the path. Not thread-safe: one writer, as a run has one training thread.
public final class AppendingFile {
  /// The path in messages.
  public let path: String
  private var descriptor: Int32
  private let sink: any WriteSink
  /// Bytes known to hold whole records; a failed append truncates back to here.
  private var committedLength: Int64

  init(path: String, descriptor: Int32, sink: any WriteSink, length: Int64) {
    self.path = path
    self.descriptor = descriptor
    self.sink = sink
    self.committedLength = length
  }

  deinit {
    if descriptor >= 0 { _ = closeDescriptor(descriptor) }
  }

  /// Appends `record` whole, or throws naming the path with the file as it was before.
  public func append(_ record: String) throws(FileWriteError) {
    guard descriptor >= 0 else { throw .writing(path, code: EBADF) }
    var text = record
    let (code, count) = text.withUTF8 { bytes in
      (SafeWriter.writeAll(UnsafeRawBufferPointer(bytes), to: descriptor, sink: sink), bytes.count)
    }
    guard code == 0 else {
      // Cut the torn tail off (that needs no space). A device such as /dev/full cannot be
      // truncated and holds nothing to protect, so that failure is ignored.
      _ = ftruncate(descriptor, off_t(committedLength))
      throw .writing(path, code: code)
    }
    committedLength += Int64(count)
  }

  /// Closes the file, reporting an error the kernel kept until now (NFS, some full disks).
  public func close() throws(FileWriteError) {
    guard descriptor >= 0 else { return }
    let result = closeDescriptor(descriptor)
    descriptor = -1
    if result != 0 && errno != EINTR { throw .writing(path, code: errno) }
  }
}

/// `close(2)`, under a name the `close()` method does not shadow.
func closeDescriptor(_ descriptor: Int32) -> Int32 { close(descriptor) }
