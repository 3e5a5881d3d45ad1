import Dashboard
import Foundation
import LogDiscovery
import TrainingRuns

/// `watch DIR`: the runs of a log directory, found again every few seconds (see `LogDirectory`),
/// each handed out once with its follower and its settings.
final class DirectoryRunFinder: WatchRunFinder {
  let directory: LogDirectory
  /// Run names (and sources) already handed out.
  private var known: Set<String> = []
  /// More runs than this are not followed (memory and file descriptors stay bounded); the
  /// status line says how many were left out.
  let maximumRuns: Int

  init(root: String, maximumRuns: Int = 1000) {
    directory = LogDirectory(root: root)
    self.maximumRuns = maximumRuns
  }

  func findRuns() -> (runs: [(run: WatchRun, source: any LogSource)], problems: [String]) {
    let scan = directory.scan()
    var found: [(run: WatchRun, source: any LogSource)] = []
    var problems = scan.problems
    var leftOut = 0
    for run in scan.runs where !known.contains(key(run)) {
      guard known.count < maximumRuns else {
        leftOut += 1
        continue
      }
      known.insert(key(run))
      let settings = run.settingsFile.map(RunSettings.read) ?? [:]
      found.append((WatchRun(name: sanitizedName(run.name), settings: settings), run.makeSource()))
    }
    if leftOut > 0 { problems.append("\(leftOut) more runs not followed (at most \(maximumRuns))") }
    return (found, problems)
  }

  private func key(_ run: DiscoveredRun) -> String { "\(run.name)\u{0}\(run.source)" }
}
