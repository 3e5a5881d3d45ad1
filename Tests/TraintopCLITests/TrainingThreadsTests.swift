import Foundation
import Testing

@testable import traintop

/// The default thread count of headless `train`: two only where a second core is there and free.
@Suite("train's default threads")
struct TrainingThreadsTests {
  @Test("two threads need two cores for the process and a core idle while the data loaded")
  func choice() {
    #expect(TrainingThreads.choose(available: 2, idleCores: 0.95) == 2)
    #expect(TrainingThreads.choose(available: 8, idleCores: 5) == 2)
    #expect(TrainingThreads.choose(available: 2, idleCores: 0.4) == 1, "another program keeps a core busy")
    #expect(TrainingThreads.choose(available: 1, idleCores: 3) == 1, "taskset or a Slurm task gave one CPU")
    #expect(TrainingThreads.choose(available: 2, idleCores: nil) == 1, "a load too short to tell")
  }

  @Test("idle cores are the idle share of the ticks between two readings, times the CPUs")
  func idleCores() throws {
    let start = CPUTimes(idle: 1000, total: 4000)
    let cpus = Double(ProcessInfo.processInfo.activeProcessorCount)
    let ticks = UInt64(100 * cpus)
    // Half of the ticks idle: half of the CPUs.
    let later = CPUTimes(idle: 1000 + ticks / 2, total: 4000 + ticks)
    #expect(try #require(later.idleCores(since: start)) == cpus / 2)
    #expect(CPUTimes(idle: 1000, total: 4001).idleCores(since: start) == nil, "too short to tell")
    #expect(CPUTimes.now() != nil, "/proc/stat reads")
  }
}
