import Foundation
import Testing

@testable import TrainingRuns

/// A log another program writes may never end a line, invent a metric per line or go on for
/// ever: memory stays bounded and each poll's work too.
@Suite("Log memory bounds")
struct LogMemoryBoundsTests {
  @Test("a line without end is dropped as it comes and counted once")
  func overlongLine() {
    var lines = LineBuffer()
    let chunk = [UInt8](repeating: 0, count: 256 << 10)
    for _ in 0..<16 {
      #expect(lines.append(chunk).isEmpty)
      #expect(lines.pendingByteCount <= LineBuffer.maximumLineBytes)
    }
    #expect(lines.overlongLines == 1)
    #expect(lines.append(Array("still the long line\nnext\n".utf8)).map { Array($0) } == [Array("next".utf8)])
    #expect(lines.overlongLines == 1)
  }

  @Test("a parser counts an overlong line as malformed and reads on")
  func overlongLineIsMalformed() {
    var parser = LogParser(format: .jsonLines)
    _ = parser.consume([UInt8](repeating: 0x20, count: 3 << 20))
    let rows = parser.consume(Array("\n{\"epoch\": 0, \"loss\": 1}\n".utf8))
    #expect(rows.count == 1 && parser.malformedLines == 1)
  }

  /// `cat /dev/zero | traintop watch -` reached 4 GB in seconds and stopped answering `q`.
  @Test("standard input faster than the parser: each poll takes at most its budget")
  func endlessZeros() throws {
    let pipe = Pipe()
    let follower = StandardInputFollower(
      fileDescriptor: pipe.fileHandleForReading.fileDescriptor, format: .jsonLines, maxBytesPerPoll: 64 << 10)
    let writer = pipe.fileHandleForWriting
    let zeros = Data(count: 1 << 20)
    let done = DispatchSemaphore(value: 0)
    Thread {
      for _ in 0..<24 { writer.write(zeros) }  // 24 MB: blocks while the inbox is full
      writer.write(Data("\n{\"epoch\": 0, \"loss\": 0.5}\n".utf8))
      try? writer.close()
      done.signal()
    }.start()
    var polls = 0
    var partial = 0
    while follower.status != .ended, polls < 100_000 {
      let update = try follower.poll()
      if !update.isCaughtUp { partial += 1 }
      polls += 1
    }
    done.wait()
    #expect(follower.status == .ended)
    #expect(follower.log.rows.map(\.step) == [0])
    #expect(follower.log.malformedLines == 1)
    #expect(partial > 0, "polls that left bytes for the next one")
    withExtendedLifetime(pipe) {}
  }

  @Test("a followed log keeps at most maximumRows, evenly thinned, with the latest row")
  func rowsAreThinned() {
    var log = MetricLog()
    let total = 5 * MetricLog.maximumRows + 17
    for start in stride(from: 0, to: total, by: 1000) {
      let rows = (start..<min(total, start + 1000)).map { MetricRow(step: Double($0), values: ["loss": 1]) }
      log.append(rows, names: ["loss"])
      #expect(log.rows.count <= MetricLog.maximumRows)
    }
    #expect(log.rowsRead == total)
    #expect(log.rows.count > MetricLog.maximumRows / 2)
    #expect(log.rows.last?.step == Double(total - 1))
    let steps = log.rows.dropLast().map(\.step)
    let gaps = Set(zip(steps, steps.dropFirst()).map { $1 - $0 })
    #expect(gaps.count == 1, "evenly spaced: \(gaps)")
  }

  @Test("a JSON log that invents a key per line keeps at most 256 names")
  func metricNamesAreCapped() {
    var parser = JSONLinesParser()
    for i in 0..<1000 { _ = parser.consume(Array("{\"epoch\": \(i), \"m\(i)\": 1, \"loss\": 2}\n".utf8)) }
    #expect(parser.metricNames.count == MetricLog.maximumMetrics)
  }
}
