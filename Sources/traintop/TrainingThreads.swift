import Foundation
import NeuralEngine

/// How many threads a run trains with when `--threads` is not given.
enum TrainingThreads {
  /// Headless `train`: two when this process may use two cores and a second core was free while
  /// the data loaded (at least ¾ of a core idle machine-wide, beside the loading thread), else one.
  ///
  /// Measured on the seed model (README, "Two threads"): with the second core free, two threads
  /// are about 1.5 times as fast as one; with another program keeping it busy, two are 10–15 %
  /// slower than one, as a helper the scheduler holds back delays each split step. The load
  /// average cannot tell these apart (it remembers the last minute, this process's own previous
  /// run included); the CPU time the kernel counts as idle during the load can. A load too short
  /// to measure means a data set too small for splitting to help, so one thread. The dashboard
  /// and each job of a sweep use one thread, leaving the other core to the UI or the next job.
  static func headlessDefault(idleSince start: CPUTimes?) -> Int {
    choose(available: Cores.available, idleCores: start.flatMap { CPUTimes.now()?.idleCores(since: $0) })
  }

  /// Two threads for a process that may use two cores while ¾ of a core or more was idle.
  static func choose(available: Int, idleCores: Double?) -> Int {
    guard available >= 2, let idleCores else { return 1 }
    return idleCores >= 0.75 ? 2 : 1
  }
}

/// The machine's CPU time so far, from the first line of /proc/stat (Linux), in clock ticks.
struct CPUTimes {
  var idle: UInt64
  var total: UInt64

  static func now() -> CPUTimes? {
    guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
      let line = text.split(separator: "\n").first, line.hasPrefix("cpu ")
    else { return nil }
    let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
    guard fields.count >= 5 else { return nil }
    // user nice system idle iowait irq softirq steal: idle and iowait are time nobody ran.
    return CPUTimes(idle: fields[3] + fields[4], total: fields.prefix(8).reduce(0, +))
  }

  /// Cores idle on average since `start` (0 … online CPUs); nil when too little time passed to
  /// tell (under 20 ms a core at the usual 100 ticks a second).
  func idleCores(since start: CPUTimes) -> Double? {
    let cpus = Double(max(1, ProcessInfo.processInfo.activeProcessorCount))
    let ticks = Double(total &- start.total)
    guard ticks >= 2 * cpus else { return nil }
    return Double(idle &- start.idle) / ticks * cpus
  }
}
