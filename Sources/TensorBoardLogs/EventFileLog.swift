import TrainingRuns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole event files read at once, for `export` (watch follows them with `EventDirectoryFollower`).
public enum EventFileLog {
  /// Every scalar of `files` (read in the given order) as one run's log, the step as x; tags
  /// renamed by `rename` (nil drops a tag). Records that cannot be read — a bad CRC, a file cut
  /// short — are counted in `malformedLines`.
  public static func load(
    files: [String], rename: (String) -> String? = { $0 }
  ) throws(LogReadError) -> MetricLog {
    var log = MetricLog()
    log.xIsStep = true
    var known = Set<String>()
    for path in files {
      var reader = EventFileReader()
      try forEachChunk(of: path) { reader.consume($0) }.forEach { scalars in
        let kept = scalars.compactMap { s in
          rename(s.tag).map { TaggedScalar(tag: $0, step: s.step, value: s.value) }
        }
        for row in EventFileReader.rows(kept) {
          for name in row.values.keys.sorted() where known.insert(name).inserted {
            log.metricNames.append(name)
          }
          log.rows.append(row)
        }
      }
      reader.finish()
      log.malformedLines += reader.malformedRecords
    }
    return log
  }

  /// The event files directly inside `directory`, in TensorBoard's order; empty when none.
  public static func files(in directory: String) throws(LogReadError) -> [String] {
    let prefix = directory.hasSuffix("/") ? directory : directory + "/"
    return (try eventFileNames(in: directory) ?? []).map { prefix + $0 }
  }

  /// Calls `body` with each 1 MiB chunk of the file; returns what it returned, in order.
  private static func forEachChunk<T>(
    of path: String, _ body: (ArraySlice<UInt8>) -> T
  ) throws(LogReadError) -> [T] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw LogReadError(path: path, reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var results: [T] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw LogReadError(path: path, reason: String(cString: strerror(errno)))
      }
      if count == 0 { return results }
      results.append(body(buffer[0..<count]))
    }
  }
}
