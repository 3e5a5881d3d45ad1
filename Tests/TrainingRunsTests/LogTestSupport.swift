import Foundation
import Testing

@testable import TrainingRuns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fresh directory for one test's files, removed by `remove()`.
struct LogTempDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "traintop-logs-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> String { path + "/" + name }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Writes `text` in place (same inode: `O_TRUNC`), like a logger reopening with mode "w".
func logWrite(_ text: String, to path: String) {
  logRawWrite(text, to: path, flags: O_WRONLY | O_CREAT | O_TRUNC)
}

/// Appends `text`, like a logger flushing one more row.
func logAppend(_ text: String, to path: String) {
  logRawWrite(text, to: path, flags: O_WRONLY | O_CREAT | O_APPEND)
}

/// Writes a new file beside `path` and renames it over `path` (a new inode).
func logReplace(_ path: String, with text: String) {
  let temporary = path + ".tmp"
  logWrite(text, to: temporary)
  #expect(rename(temporary, path) == 0)
}

private func logRawWrite(_ text: String, to path: String, flags: Int32) {
  let descriptor = open(path, flags, 0o644)
  #expect(descriptor >= 0, "open \(path)")
  let bytes = Array(text.utf8)
  let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  #expect(written == bytes.count)
  close(descriptor)
}

/// A row from a step and name/value pairs, to keep expectations short.
func row(_ step: Double, _ values: KeyValuePairs<String, Double>) -> MetricRow {
  MetricRow(step: step, values: Dictionary(uniqueKeysWithValues: values.map { ($0.key, $0.value) }))
}

/// Row equality where NaN equals NaN: logs carry real NaNs (a diverged loss, `NA`),
/// and `MetricRow ==` follows IEEE, under which no row with a NaN equals itself.
func sameRows(_ a: [MetricRow], _ b: [MetricRow]) -> Bool {
  a.count == b.count
    && zip(a, b).allSatisfy { x, y in
      sameNumber(x.step, y.step) && x.values.keys.sorted() == y.values.keys.sorted()
        && x.values.allSatisfy { key, value in sameNumber(value, y.values[key]!) }
    }
}

func sameNumber(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

/// Polls until `done` holds or five seconds pass, for followers fed by other threads.
func pollUntil(
  _ source: some LogSource, _ done: (LogSource, [LogUpdate]) -> Bool
) throws -> [LogUpdate] {
  var updates: [LogUpdate] = []
  let deadline = Date().addingTimeInterval(5)
  while Date() < deadline {
    updates.append(try source.poll())
    if done(source, updates) { return updates }
    usleep(5000)
  }
  Issue.record("timed out polling \(source.displayName)")
  return updates
}
