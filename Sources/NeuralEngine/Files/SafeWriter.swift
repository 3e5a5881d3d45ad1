import Foundation

/// The one way traintop writes files: every write checked, whole files replaced atomically,
/// nothing overwritten unless the caller says so.
///
/// Every write goes through a ``WriteSink`` and its result is checked, short writes included, so
/// a full disk is an error naming the path rather than a trap or a silently missing file. Whole
/// files (a run's config and summary, an exported figure) are written to a temporary file beside
/// the target and renamed into place, so a reader sees the old file or the new one, never half;
/// when the target must not be overwritten, the temporary file is linked into place, which fails
/// atomically if a file appeared there meanwhile. Logs that grow a row at a time are
/// ``AppendingFile``s. A path naming a device or a pipe (`/dev/full`, `/dev/stdout`) is written
/// directly: there is nothing there to replace and nowhere beside it to stage a copy.
public struct SafeWriter: Sendable {
  /// What to do when the target already exists as a regular file.
  public enum Existing: Sendable {
    /// Fail with `EEXIST` (the default for anything a user names).
    case refuse
    /// Replace it (the run store's own files; `--force`).
    case replace
  }

  /// Where the bytes go; tests inject one that fails like a full disk.
  public var sink: any WriteSink

  public init(sink: any WriteSink = SystemWriteSink()) {
    self.sink = sink
  }

  // MARK: - Whole files

  /// Writes `text` (UTF-8) as the whole content of `path`.
  public func write(_ text: String, to path: String, existing: Existing) throws(FileWriteError) {
    var text = text
    if let error = text.withUTF8({ attempt(UnsafeRawBufferPointer($0), to: path, existing: existing) }) {
      throw error
    }
  }

  /// Writes `data` as the whole content of `path`.
  public func write(_ data: Data, to path: String, existing: Existing) throws(FileWriteError) {
    if let error = data.withUnsafeBytes({ attempt($0, to: path, existing: existing) }) { throw error }
  }

  /// `write` with the error returned, for the untyped `withUnsafeBytes`-style closures.
  private func attempt(_ bytes: UnsafeRawBufferPointer, to path: String, existing: Existing)
    -> FileWriteError?
  {
    do throws(FileWriteError) {
      try write(bytes, to: path, existing: existing)
      return nil
    } catch {
      return error
    }
  }

  private func write(_ bytes: UnsafeRawBufferPointer, to path: String, existing: Existing)
    throws(FileWriteError)
  {
    var target = path
    switch try Self.kind(of: path) {
    case .missing:
      break
    case .special:
      let descriptor = open(path, O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else { throw .creating(path, code: errno) }
      try finish(descriptor, writing: bytes, path: path, temporary: nil)
      return
    case .regular:
      guard existing == .replace else { throw .creating(path, code: EEXIST) }
      target = Self.resolvingSymlinks(path)  // replace the file a link points to, not the link
    }
    let (temporary, descriptor) = try Self.createTemporary(beside: target, naming: path)
    try finish(descriptor, writing: bytes, path: path, temporary: temporary)
    try Self.moveIntoPlace(temporary, target, path: path, replacing: existing == .replace)
  }

  /// Writes, closes, and on failure removes the temporary file.
  private func finish(
    _ descriptor: Int32, writing bytes: UnsafeRawBufferPointer, path: String, temporary: String?
  )
    throws(FileWriteError)
  {
    let code = Self.writeAll(bytes, to: descriptor, sink: sink)
    let closed = closeDescriptor(descriptor) == 0 ? 0 : errno
    if code != 0 || closed != 0 {
      if let temporary { unlink(temporary) }
      throw .writing(path, code: code != 0 ? code : closed)
    }
  }

  /// Rewrites the existing regular file `path` in place, within the space it already holds: for
  /// a disk too full to stage a replacement beside it. Not atomic, so only for a file whose
  /// readers survive a torn copy (a run's summary.json: the run then reads from metrics.csv).
  /// Throws `ENOSPC` without writing when `data` is larger than the space the file holds.
  public func overwriteInPlace(_ data: Data, at path: String) throws(FileWriteError) {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC)  // not O_TRUNC: that would give the space away
    guard descriptor >= 0 else { throw .creating(path, code: errno) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
      data.count <= Int(info.st_blocks) * 512
    else {
      _ = closeDescriptor(descriptor)
      throw .writing(path, code: ENOSPC)
    }
    let code = data.withUnsafeBytes { Self.writeAll($0, to: descriptor, sink: sink) }
    let truncated = code == 0 && ftruncate(descriptor, off_t(data.count)) != 0 ? errno : 0
    let closed = closeDescriptor(descriptor) == 0 ? 0 : errno
    if code != 0 || truncated != 0 || closed != 0 {
      throw .writing(path, code: code != 0 ? code : (truncated != 0 ? truncated : closed))
    }
  }

  // MARK: - Logs

  /// Creates `path` for appending rows (truncating a regular file only with `.replace`).
  public func createLog(at path: String, existing: Existing) throws(FileWriteError) -> AppendingFile {
    let flags: Int32
    switch try Self.kind(of: path) {
    case .missing: flags = O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC
    case .special: flags = O_WRONLY | O_CLOEXEC
    case .regular:
      guard existing == .replace else { throw .creating(path, code: EEXIST) }
      flags = O_WRONLY | O_TRUNC | O_APPEND | O_CLOEXEC
    }
    let descriptor = open(path, flags, 0o666)
    guard descriptor >= 0 else { throw .creating(path, code: errno) }
    return AppendingFile(path: path, descriptor: descriptor, sink: sink, length: 0)
  }

  /// Opens an existing log to append more rows after its current end.
  public func openLog(appendingTo path: String) throws(FileWriteError) -> AppendingFile {
    let descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
    guard descriptor >= 0 else { throw .creating(path, code: errno) }
    var info = stat()
    let length = fstat(descriptor, &info) == 0 ? Int64(info.st_size) : 0
    return AppendingFile(path: path, descriptor: descriptor, sink: sink, length: length)
  }

  // MARK: - System calls

  /// Writes every byte, looping over short writes; 0 on success, else the `errno`.
  static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, sink: any WriteSink) -> Int32 {
    var offset = 0
    while offset < bytes.count {
      switch sink.write(UnsafeRawBufferPointer(rebasing: bytes[offset...]), to: descriptor) {
      case .wrote(let n): offset += n
      case .failed(let code): return code
      }
    }
    return 0
  }

  enum Kind { case missing, regular, special }

  /// What is at `path` now (following symlinks); a folder or an unusable path throws.
  static func kind(of path: String) throws(FileWriteError) -> Kind {
    var info = stat()
    guard stat(path, &info) == 0 else {
      if errno == ENOENT { return .missing }
      throw .creating(path, code: errno)
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .regular
    case S_IFDIR: throw .creating(path, code: EISDIR)
    default: return .special
    }
  }

  static func resolvingSymlinks(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { return path }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// A new file `.<name>.tmp-<pid>-<random>` in the target's folder (same file system, so the
  /// rename is atomic); the dot keeps it out of listings while it exists.
  static func createTemporary(beside target: String, naming path: String) throws(FileWriteError)
    -> (String, Int32)
  {
    let folder = (target as NSString).deletingLastPathComponent
    let name = (target as NSString).lastPathComponent
    for _ in 0..<100 {
      let temporary =
        (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
      if descriptor >= 0 { return (temporary, descriptor) }
      if errno != EEXIST { throw .creating(path, code: errno) }
    }
    throw .creating(path, code: EEXIST)
  }

  /// Renames (replacing) or links (never replacing) the finished temporary file into place.
  static func moveIntoPlace(_ temporary: String, _ target: String, path: String, replacing: Bool)
    throws(FileWriteError)
  {
    defer { unlink(temporary) }  // after a link, or a failure: the name is no longer needed
    if replacing {
      if rename(temporary, target) != 0 { throw .writing(path, code: errno) }
      return
    }
    if link(temporary, target) == 0 { return }
    let code = errno
    if code == EEXIST { throw .creating(path, code: EEXIST) }
    // A file system without hard links: check, then rename (a race here can only replace a
    // file created in the last microseconds by someone else writing the same path).
    guard [EPERM, EOPNOTSUPP, EXDEV, EMLINK, ENOSYS].contains(code) else { throw .writing(path, code: code) }
    if access(target, F_OK) == 0 { throw .creating(path, code: EEXIST) }
    if rename(temporary, target) != 0 { throw .writing(path, code: errno) }
  }
}
