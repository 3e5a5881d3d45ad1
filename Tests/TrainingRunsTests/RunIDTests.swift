import Foundation
import Synchronization
import Testing

@testable import NeuralEngine
@testable import TrainingRuns

/// Run ids from many processes and machines writing into one runs directory.
@Suite("Run ids and concurrent writers")
struct RunIDTests {
  @Test("an id is the time, the host and the process: 20261125-143005-node17-4821")
  func idNamesTimeHostAndProcess() {
    let date = Date(timeIntervalSince1970: 1_700_000_000)
    let id = RunID.base(at: date, host: "node17", process: 4821)
    #expect(id == RunID.stamp(date) + "-node17-4821")
    #expect(id.wholeMatch(of: /\d{8}-\d{6}-node17-4821/) != nil)
  }

  @Test("host names become short, safe folder-name parts")
  func hostNames() {
    #expect(RunID.sanitizedHost("node17.cluster.example.org") == "node17")
    #expect(RunID.sanitizedHost("gpu_node 3") == "gpu-node-3")
    #expect(RunID.sanitizedHost("") == "host")
    #expect(RunID.sanitizedHost("-") == "host")
    #expect(RunID.sanitizedHost(String(repeating: "a", count: 80)).count == 24)
  }

  @Test("runs created at once from many threads in the same second all get their own whole folder")
  func concurrentCreation() throws {
    let dir = RunStoreSafetyTests.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = RunStore(directory: dir)
    let now = Date()
    let count = 24
    let ids = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: count) { i in
      var h = Hyperparameters()
      h.seed = UInt64(i)
      if let recorder = try? store.create(config: h, now: now) {
        ids.withLock { $0.append(recorder.id) }
      }
    }
    let created = ids.withLock { $0 }
    #expect(created.count == count && Set(created).count == count)
    let base = RunID.base(at: now)
    #expect(Set(created) == Set([base] + (2...count).map { "\(base)-\($0)" }))
    let listing = store.list()
    #expect(listing.problems.isEmpty && listing.runs.count == count)
    #expect(Set(listing.runs.map(\.config.seed)) == Set((0..<count).map(UInt64.init)))
    #expect(RunStoreSafetyTests.visibleEntries(dir).count == count)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.hasPrefix(".") })
  }
}
