#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Which file a path named when it was opened: device and inode.
///
/// A logger that rotates, an editor that saves by writing a new file, or our
/// own run store's atomic rewrite (temp file + `rename`) all leave the path
/// naming a different inode; comparing identities is how a follower notices.
struct FileIdentity: Equatable, Sendable {
  var device: UInt64
  var inode: UInt64
}

/// What `stat`/`fstat` say about a file, in the terms a follower needs.
struct FileInfo: Sendable {
  var identity: FileIdentity
  var size: Int64
  var isRegularFile: Bool

  init(_ st: stat) {
    identity = FileIdentity(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    size = Int64(st.st_size)
    isRegularFile = (st.st_mode & S_IFMT) == S_IFREG
  }

  /// Information about the file at `path`; nil with `errno` set if `stat` fails.
  static func of(path: String) -> FileInfo? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return FileInfo(st)
  }

  /// Information about an open descriptor; nil with `errno` set if `fstat` fails.
  static func of(descriptor: Int32) -> FileInfo? {
    var st = stat()
    guard fstat(descriptor, &st) == 0 else { return nil }
    return FileInfo(st)
  }
}

/// The text for an `errno` value, for messages that name the file and the cause.
func errnoDescription(_ code: Int32) -> String {
  String(cString: strerror(code))
}
