import Foundation

/// Folders: made checked, and made whole (prepared under a hidden name, then renamed into place).
extension SafeWriter {
  /// Creates `path` and any missing parents (like `mkdir -p`); `advice` ends the error line.
  public func makeFolders(_ path: String, advice: String) throws(FileWriteError) {
    let code = Self.makeFolders(path)
    guard code == 0 else {
      throw FileWriteError(
        path: path, code: code, detail: "cannot create the folder (\(FileWriteError.reason(code))); \(advice)"
      )
    }
  }

  private static func makeFolders(_ path: String) -> Int32 {
    if mkdir(path, 0o777) == 0 { return 0 }
    switch errno {
    case EEXIST:
      var info = stat()
      return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR ? 0 : ENOTDIR
    case ENOENT:
      let parent = (path as NSString).deletingLastPathComponent
      guard !parent.isEmpty, parent != path else { return ENOENT }
      let code = makeFolders(parent)
      if code != 0 { return code }
      return mkdir(path, 0o777) == 0 || errno == EEXIST ? 0 : errno
    default:
      return errno
    }
  }

  /// Makes a folder whole: `fill` writes into a hidden `.tmp-…` folder in `parent`, which is
  /// then renamed to the first of `names(1)`, `names(2)`, … not taken; returns its path.
  ///
  /// A process killed meanwhile leaves only the hidden folder (readers skip dot-names and
  /// remove stale ones), never a visible folder missing its files. The rename never replaces a
  /// folder holding anything (the kernel refuses); at most an empty one, which loses nothing.
  /// On failure the hidden folder is removed, and errors name `parent`.
  public func createFolder(
    in parent: String, names: (Int) -> String, fill: (String) throws(FileWriteError) -> Void
  ) throws(FileWriteError) -> String {
    let staging = parent + "/.tmp-\(names(1))-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    guard mkdir(staging, 0o777) == 0 else { throw .creating(parent, code: errno) }
    do throws(FileWriteError) {
      try fill(staging)
      for n in 1...1000 {
        let path = parent + "/" + names(n)
        if rename(staging, path) == 0 { return path }
        guard [EEXIST, ENOTEMPTY, ENOTDIR, EISDIR].contains(errno) else {
          throw FileWriteError.writing(parent, code: errno)
        }
      }
      throw FileWriteError.creating(parent, code: EEXIST)
    } catch {
      try? FileManager.default.removeItem(atPath: staging)
      throw FileWriteError(path: parent, code: error.code, detail: error.detail)
    }
  }

  /// The absolute path with `.`, `..` and symbolic links resolved as far as the path exists, so
  /// two spellings of one file compare equal (`out.svg`, `./out.svg`, `link/out.svg`).
  public static func canonicalPath(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var head = (absolute as NSString).standardizingPath
    var tail: [String] = []
    while true {
      if let resolved = realpath(head, nil) {
        defer { free(resolved) }
        let base = String(cString: resolved)
        return tail.isEmpty ? base : (base == "/" ? "" : base) + "/" + tail.reversed().joined(separator: "/")
      }
      let parent = (head as NSString).deletingLastPathComponent
      if parent == head || parent.isEmpty { return absolute }
      tail.append((head as NSString).lastPathComponent)
      head = parent
    }
  }

  /// Throws what writing `path` would throw before anything is written, so a command with
  /// several outputs fails whole: an existing file (unless `.replace`), a folder, a missing folder.
  public static func checkWritable(_ path: String, existing: Existing) throws(FileWriteError) {
    switch try kind(of: path) {
    case .special: return
    case .regular: if existing == .refuse { throw .creating(path, code: EEXIST) }
    case .missing:
      var info = stat()
      let folder = (canonicalPath(path) as NSString).deletingLastPathComponent
      guard stat(folder.isEmpty ? "/" : folder, &info) == 0 else { throw .creating(path, code: errno) }
      guard info.st_mode & S_IFMT == S_IFDIR else { throw .creating(path, code: ENOTDIR) }
    }
  }
}
