import Foundation

extension SafeWriter {
  /// Writes the whole content of `path` a chunk at a time, as `produce` hands the chunks over,
  /// with the checks and the atomic replacement of `write(_:to:existing:)`.
  ///
  /// For a file too large to build in memory first: the final summary of a million-epoch run is
  /// 180 MB of text. `produce` calls `emit` with each chunk; `emit` returns false once a write
  /// has failed, and the producer should then stop.
  public func write(to path: String, existing: Existing, producing produce: (_ emit: (Data) -> Bool) -> Void)
    throws(FileWriteError)
  {
    var target = path
    var temporary: String?
    let descriptor: Int32
    let kind = try Self.kind(of: path)
    if kind == .special {
      descriptor = open(path, O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else { throw .creating(path, code: errno) }
    } else {
      if kind == .regular {
        guard existing == .replace else { throw .creating(path, code: EEXIST) }
        target = Self.resolvingSymlinks(path)  // replace the file a link points to, not the link
      }
      let created = try Self.createTemporary(beside: target, naming: path)
      temporary = created.0
      descriptor = created.1
    }
    var code: Int32 = 0
    produce { chunk in
      guard code == 0 else { return false }
      code = chunk.withUnsafeBytes { Self.writeAll($0, to: descriptor, sink: sink) }
      return code == 0
    }
    let closed = closeDescriptor(descriptor) == 0 ? 0 : errno
    if code != 0 || closed != 0 {
      if let temporary { unlink(temporary) }
      throw .writing(path, code: code != 0 ? code : closed)
    }
    if let temporary {
      try Self.moveIntoPlace(temporary, target, path: path, replacing: existing == .replace)
    }
  }
}
