import Foundation
import SafeText

/// A file traintop could not write, as one line: the path, what went wrong, and what to do.
///
/// The exit code follows the project's contract. A path the user gave that cannot be used (it
/// exists and may not be overwritten, its folder is missing, no permission) is bad input: 2. The
/// disk failing under a usable path (full, over quota, an I/O error) is a runtime failure: 1.
public struct FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file (or folder) that could not be written.
  public var path: String
  /// The `errno` behind it; `EEXIST` for an overwrite that was refused.
  public var code: Int32
  /// What went wrong and what to do, after the path.
  public var detail: String

  public init(path: String, code: Int32, detail: String) {
    self.path = path
    self.code = code
    self.detail = detail
  }

  /// `path: detail`, the line printed after `traintop: `, made safe (``TerminalSafe``).
  public var message: String { TerminalSafe.text("\(safePath: path): \(detail)") }
  public var description: String { message }

  /// True when the disk failed rather than the path given: the run stops and traintop exits 1.
  public var isRuntimeFailure: Bool { Self.runtimeCodes.contains(code) }

  /// 1 for a failing disk, 2 for a path that cannot be used.
  public var exitCode: Int32 { isRuntimeFailure ? 1 : 2 }

  private static let runtimeCodes: Set<Int32> = [ENOSPC, EDQUOT, EIO, EFBIG, ENOMEM, EROFS, ESTALE]

  /// A write (or the close that completes it) failed after the file was opened.
  static func writing(_ path: String, code: Int32) -> FileWriteError {
    FileWriteError(path: path, code: code, detail: "cannot write (\(reason(code))); \(advice(code))")
  }

  /// The file could not be created or opened.
  static func creating(_ path: String, code: Int32) -> FileWriteError {
    switch code {
    case EEXIST:
      return FileWriteError(
        path: path, code: code, detail: "already exists; add --force to overwrite it, or choose another path")
    case EISDIR:
      return FileWriteError(path: path, code: code, detail: "is a folder; give a file path")
    case ENOENT, ENOTDIR:
      return FileWriteError(
        path: path, code: code, detail: "cannot create (its folder does not exist); create the folder first")
    default:
      return FileWriteError(
        path: path, code: code, detail: "cannot create (\(reason(code))); \(advice(code))")
    }
  }

  /// `No space left on device`, from the C library.
  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

  private static func advice(_ code: Int32) -> String {
    switch code {
    case ENOSPC, EDQUOT, EFBIG: "free some space or write somewhere else"
    case EIO, ESTALE: "check the disk, then write somewhere else"
    case EROFS: "the file system is read-only; write somewhere else"
    default: "check the folder exists and is writable"
    }
  }
}
