import Foundation
import NeuralEngine

/// How many threads a run trains with when `--threads` is not given.
enum TrainingThreads {
  /// Headless `train`: two when this process may use two cores and, while the data loaded, other
  /// programs left at least ¾ of a core free beside the loading thread; else one.
  ///
  /// Measured on the seed model (README, "Two threads"): with the second core free, two threads
  /// are about 1.5 times as fast as one; with another program keeping it busy, two are 10–15 %
  /// slower than one, as a helper the scheduler holds back delays each split step. The load
  /// average cannot tell these apart (it remembers the last minute, this process's own previous
  /// run included); the CPU time other programs ran user code during the load can. Kernel time
  /// is not counted: starting this process (exec, page faults) kept the other core 40 % busy in
  /// kernel code for the first tenth of a second, and counting it made an idle machine look
  /// busy. A load too short to measure means a data set too small for splitting to help, so one
  /// thread. The dashboard and each job of a sweep use one thread, leaving the other core to the
  /// UI or the next job.
  static func headlessDefault(since start: CPUTimes?) -> Int {
    choose(available: Cores.available, freeCores: start.flatMap { CPUTimes.now()?.freeCores(since: $0) })
  }

  /// Two threads for a process that may use two cores while ¾ of a core or more was free.
  static func choose(available: Int, freeCores: Double?) -> Int {
    guard available >= 2, let freeCores else { return 1 }
    return freeCores >= 0.75 ? 2 : 1
  }
}

/// The machine's CPU time so far, from the first line of /proc/stat (Linux), in clock ticks, and
/// this process's own user time.
struct CPUTimes {
  /// Ticks all CPUs ran user code (user + nice), this process's included.
  var user: UInt64
  /// Ticks of every kind (user, nice, system, idle, iowait, irq, softirq, steal).
  var total: UInt64
  /// This process's user time, in ticks (from getrusage, so fractional).
  var ownUser: Double

  static func now() -> CPUTimes? {
    guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
      let line = text.split(separator: "\n").first, line.hasPrefix("cpu ")
    else { return nil }
    let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
    guard fields.count >= 5 else { return nil }
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return nil }
    let seconds = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let ticksPerSecond = Double(max(1, sysconf(Int32(_SC_CLK_TCK))))
    return CPUTimes(
      user: fields[0] + fields[1], total: fields.prefix(8).reduce(0, +), ownUser: seconds * ticksPerSecond)
  }

  /// Cores neither this process nor another program's user code used, on average since
  /// `start` (−1 … online CPUs − 1: the loading thread's core is not free); nil when too little
  /// time passed to tell (under 20 ms a core at the usual 100 ticks a second).
  func freeCores(since start: CPUTimes) -> Double? {
    let cpus = Double(max(1, ProcessInfo.processInfo.activeProcessorCount))
    let ticks = Double(total &- start.total)
    guard ticks >= 2 * cpus else { return nil }
    let others = max(0, Double(user &- start.user) - (ownUser - start.ownUser))
    return cpus - 1 - others / ticks * cpus
  }
}
