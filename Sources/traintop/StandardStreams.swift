import Foundation

/// Writing to standard output and standard error with every failure handled.
///
/// Foundation's `FileHandle.write(_:)` traps when a write fails: `traintop train 2>/dev/full`
/// crashed on its first message, and `traintop train --json >/dev/full` on its summary.
/// These loop over short writes and give the failure back instead.
enum StandardStreams {
  /// Writes all of `data` to `descriptor`; the `errno` when a write failed, else nil.
  @discardableResult
  static func write(_ data: Data, to descriptor: Int32) -> Int32? {
    data.withUnsafeBytes { bytes in
      var offset = 0
      while offset < bytes.count {
        let n = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += n
      }
      return nil
    }
  }

  /// Writes `text` to standard error, ignoring a failure: there is nowhere left to report it.
  static func error(_ text: String) {
    write(Data(text.utf8), to: STDERR_FILENO)
  }
}
