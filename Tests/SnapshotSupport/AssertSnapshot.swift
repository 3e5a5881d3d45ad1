import Foundation
import TerminalUI
import Testing

/// Compares `buffer.text` with `Snapshots/<name>.txt` next to the calling test's file (one
/// helper for the widget and the dashboard snapshot tests).
///
/// With `SNAPSHOT_RECORD=1` in the environment the file is (re)written instead, and the test
/// fails on purpose so a recording run can never pass silently; look at the file, then run again.
public func assertSnapshot(
  _ buffer: Buffer, named name: String, filePath: String = #filePath,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent(
    "Snapshots")
  let url = directory.appendingPathComponent("\(name).txt")
  let actual = buffer.text + "\n"
  if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "Recorded snapshot \(url.path); check it, then run without SNAPSHOT_RECORD=1",
        sourceLocation: sourceLocation)
    } catch {
      Issue.record("Could not record snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record(
      "Missing snapshot \(url.path); record it with SNAPSHOT_RECORD=1", sourceLocation: sourceLocation)
    return
  }
  if actual != expected {
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let row = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
    let got = row < a.count ? String(a[row]) : "<none>"
    let want = row < e.count ? String(e[row]) : "<none>"
    Issue.record(
      "Snapshot \(name) differs at row \(row):\n  got:  \(got)\n  want: \(want)\nRe-record with SNAPSHOT_RECORD=1",
      sourceLocation: sourceLocation)
  }
}
