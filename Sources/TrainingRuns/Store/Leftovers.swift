import Foundation

/// What a killed process can leave in a runs directory, and when it is safe to remove.
///
/// - A hidden `.tmp-…` folder: a run being prepared (``RunStore/create(config:now:)``) when
///   the process died. Removed once older than `staleAge`, so a run that another process is
///   preparing right now (a few milliseconds) is never touched.
/// - A hidden `.<file>.tmp-…` file inside a run: a summary being replaced when the process died.
///   Removed once older than `staleAge`.
/// - A visible folder with neither config.json nor metrics.csv, holding at most a summary or
///   temporary files: a run killed while being made by a traintop from before atomic creation.
///   Removed once older than `halfMadeAge`. A folder holding anything else is not ours and is
///   passed over.
/// - A folder with metrics.csv but no config.json: it has data, so it is kept and explained.
enum Leftovers {
  /// Older than this, a hidden staging folder or temporary file belongs to no live process.
  static let staleAge: TimeInterval = 10 * 60
  /// Older than this, a visible folder without config.json or metrics.csv is not being made.
  static let halfMadeAge: TimeInterval = 60

  enum Kind: Equatable { case run, missingConfig, halfMade, notARun }

  static func classify(_ path: String, now: Date) -> Kind {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    if names.contains("config.json") { return .run }
    if names.contains("metrics.csv") { return .missingConfig }
    let onlyOurs = names.allSatisfy { $0 == "summary.json" || isTemporaryFile($0) }
    return onlyOurs && age(of: path, now: now) > halfMadeAge ? .halfMade : .notARun
  }

  static func removeStaleStaging(_ path: String, named name: String, now: Date) {
    guard name.hasPrefix(".tmp-"), age(of: path, now: now) > staleAge else { return }
    try? FileManager.default.removeItem(atPath: path)
  }

  static func removeStaleTemporaryFiles(in run: String, now: Date) {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: run)) ?? [] where isTemporaryFile(name)
    {
      let path = run + "/" + name
      if age(of: path, now: now) > staleAge { unlink(path) }
    }
  }

  /// `.summary.json.tmp-123-456`, as ``SafeWriter`` names the file it is about to rename.
  static func isTemporaryFile(_ name: String) -> Bool {
    name.hasPrefix(".") && name.contains(".tmp-")
  }

  static func isFolder(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
  }

  /// Seconds since `path` last changed (0 when it cannot be read, so it counts as fresh).
  static func age(of path: String, now: Date) -> TimeInterval {
    let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    return modified.map { now.timeIntervalSince($0) } ?? 0
  }
}
