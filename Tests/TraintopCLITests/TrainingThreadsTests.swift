import Foundation
import Testing

@testable import traintop

/// The default thread count of headless `train`: two only where a second core is there and free.
@Suite("train's default threads")
struct TrainingThreadsTests {
  @Test("two threads need two cores for the process and a core free while the data loaded")
  func choice() {
    #expect(TrainingThreads.choose(available: 2, freeCores: 0.95) == 2)
    #expect(TrainingThreads.choose(available: 8, freeCores: 5) == 2)
    #expect(TrainingThreads.choose(available: 2, freeCores: 0.4) == 1, "another program keeps a core busy")
    #expect(TrainingThreads.choose(available: 1, freeCores: 3) == 1, "taskset or a Slurm task gave one CPU")
    #expect(TrainingThreads.choose(available: 2, freeCores: nil) == 1, "a load too short to tell")
  }

  @Test("free cores: the CPUs less the loading thread's and less other programs' user time")
  func freeCores() throws {
    let cpus = Double(ProcessInfo.processInfo.activeProcessorCount)
    let ticks = UInt64(100 * cpus)
    let start = CPUTimes(user: 1000, total: 4000, ownUser: 50)
    // Only this process ran user code (100 ticks: one core all along): every other core free.
    let alone = CPUTimes(user: 1100, total: 4000 + ticks, ownUser: 150)
    #expect(try #require(alone.freeCores(since: start)) == cpus - 1)
    // Another program ran user code on one core all along too: one core fewer.
    let shared = CPUTimes(user: 1200, total: 4000 + ticks, ownUser: 150)
    #expect(try #require(shared.freeCores(since: start)) == cpus - 2)
    // Kernel time (system, not in `user`) does not count against the cores: as `alone`.
    let kernelBusy = CPUTimes(user: 1100, total: 4000 + ticks, ownUser: 150)
    #expect(try #require(kernelBusy.freeCores(since: start)) == cpus - 1)
    #expect(
      CPUTimes(user: 1000, total: 4001, ownUser: 50).freeCores(since: start) == nil, "too short to tell")
    #expect(CPUTimes.now() != nil, "/proc/stat and getrusage read")
  }

  @Test("a busy loop in another process takes a core from the count")
  func busyProcessCounts() throws {
    guard ProcessInfo.processInfo.activeProcessorCount >= 2 else {
      print("skipped: needs two CPUs")
      return
    }
    let busy = Process()
    busy.executableURL = URL(fileURLWithPath: "/bin/sh")
    busy.arguments = ["-c", "while :; do :; done"]
    busy.standardOutput = FileHandle.nullDevice  // not the test runner's pipes, which it would hold open
    busy.standardError = FileHandle.nullDevice
    try busy.run()
    // SIGKILL: a shell started where SIGTERM is blocked (as under some terminals here) ignores it.
    defer {
      kill(busy.processIdentifier, SIGKILL)
      busy.waitUntilExit()
    }
    usleep(100_000)
    let start = try #require(CPUTimes.now())
    usleep(500_000)  // this thread sleeps: only the busy loop runs user code
    let free = try #require(CPUTimes.now()?.freeCores(since: start))
    let cpus = Double(ProcessInfo.processInfo.activeProcessorCount)
    // The loading thread's core and the busy loop's: about two fewer than the CPUs.
    #expect(free < cpus - 1.5, "free \(free) of \(cpus)")
  }
}
