import Testing

@testable import TrainingRuns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Following a log file")
struct LogFollowerTests {
  static let header = "epoch,accuracy,loss,val_accuracy,val_loss\n"
  static let row0 = "0,0.7891166806221008,0.6087,0.8372,0.4570\n"
  static let row1 = "1,0.8512333631515503,0.4132,0.8493,0.4188\n"
  static let expected0 = row(
    0, ["accuracy": 0.7891166806221008, "loss": 0.6087, "val_accuracy": 0.8372, "val_loss": 0.4570])
  static let expected1 = row(
    1, ["accuracy": 0.8512333631515503, "loss": 0.4132, "val_accuracy": 0.8493, "val_loss": 0.4188])

  /// Past `MetricLog.maximumRows` a new row may replace the last kept one in place, so the row
  /// count stays put: the poll must still say it appended (watch drops rows of an unchanged poll).
  @Test func rowsPastTheCapStillCountAsAppended() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let path = dir.file("long.csv")
    let rows = (0..<MetricLog.maximumRows + 1).map { "\($0),0.5,0.5,0.5,0.5\n" }
    logWrite(Self.header + rows.joined(), to: path)
    let follower = LogFollower(path: path)
    while !(try follower.poll().isCaughtUp) {}
    for n in 1...4 {
      logAppend("\(MetricLog.maximumRows + n),0.4,0.4,0.4,0.4\n", to: path)
      let update = try follower.poll()
      #expect(update.change == .appended && update.rows.count == 1, "row \(n) after the cap")
    }
  }

  @Test func growingFile() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let path = dir.file("training.csv")
    logWrite(Self.header + Self.row0, to: path)
    let follower = LogFollower(path: path)
    #expect(follower.displayName == "training.csv")

    let first = try follower.poll()
    #expect(first.change == .appended && first.status == .following && first.isCaughtUp)
    #expect(first.rows == [Self.expected0])

    // Keras flushes row by row; a poll may land mid-row.
    logAppend(Self.row1 + "2,0.86,0.36", to: path)
    let second = try follower.poll()
    #expect(second.change == .appended)
    #expect(second.rows == [Self.expected1])

    logAppend("83,0.86,0.39\n", to: path)
    let third = try follower.poll()
    #expect(
      third.rows == [row(2, ["accuracy": 0.86, "loss": 0.3683, "val_accuracy": 0.86, "val_loss": 0.39])])

    let idle = try follower.poll()
    #expect(idle.change == .unchanged && idle.rows.isEmpty)
    #expect(follower.log.rows.count == 3)
    #expect(follower.log.metricNames == ["accuracy", "loss", "val_accuracy", "val_loss"])
  }

  @Test func malformedLinesAreARunningCount() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let path = dir.file("train.jsonl")
    logWrite("{\"epoch\": 0, \"loss\": 1}\nWARNING: slow\n", to: path)
    let follower = LogFollower(path: path)
    let first = try follower.poll()
    #expect(first.rows == [row(0, ["loss": 1])] && first.malformedLines == 1)
    logAppend("oops\n", to: path)
    let second = try follower.poll()
    #expect(second.change == .appended && second.rows.isEmpty && second.malformedLines == 2)
    #expect(follower.log.malformedLines == 2)
  }

  @Test func truncatedAndRewrittenFileResets() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let path = dir.file("training.csv")
    logWrite(Self.header + Self.row0 + Self.row1, to: path)
    let follower = LogFollower(path: path)
    #expect(try follower.poll().rows == [Self.expected0, Self.expected1])

    // A new Keras run opens the same CSVLogger path with mode "w".
    logWrite("epoch,loss\n0,2.5\n", to: path)
    let update = try follower.poll()
    #expect(update.change == .reset)
    #expect(update.rows == [row(0, ["loss": 2.5])])
    #expect(follower.log == MetricLog(metricNames: ["loss"], rows: [row(0, ["loss": 2.5])]))

    // Rewritten in place with content at least as long: the start differs.
    logWrite("epoch,loss\n0,9.5\n1,8.5\n", to: path)
    let rewritten = try follower.poll()
    #expect(rewritten.change == .reset)
    #expect(rewritten.rows == [row(0, ["loss": 9.5]), row(1, ["loss": 8.5])])

    logAppend("2,7.5\n", to: path)
    let appended = try follower.poll()
    #expect(appended.change == .appended && appended.rows == [row(2, ["loss": 7.5])])
  }

  @Test func replacedFileResetsToTheNewContent() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let path = dir.file("metrics.csv")
    logWrite(Self.header + Self.row0 + Self.row1, to: path)
    let follower = LogFollower(path: path)
    #expect(try follower.poll().rows.count == 2)

    // An atomic rewrite (temp file + rename) with longer content: a new inode.
    let newContent = "epoch,loss,val_loss\n0,1.5,1.6\n1,1.25,1.375\n2,1.0,1.125\n3,0.5,0.75\n"
    logReplace(path, with: newContent)
    let update = try follower.poll()
    #expect(update.change == .reset)
    let expected = [
      row(0, ["loss": 1.5, "val_loss": 1.6]), row(1, ["loss": 1.25, "val_loss": 1.375]),
      row(2, ["loss": 1.0, "val_loss": 1.125]), row(3, ["loss": 0.5, "val_loss": 0.75]),
    ]
    #expect(update.rows == expected)
    #expect(follower.log == MetricLog(metricNames: ["loss", "val_loss"], rows: expected))
    #expect(try follower.poll().change == .unchanged)

    // Same start, one more row, new inode: only the identity shows it is another file.
    logReplace(path, with: newContent + "4,0.25,0.5\n")
    let again = try follower.poll()
    #expect(again.change == .reset)
    #expect(again.rows == expected + [row(4, ["loss": 0.25, "val_loss": 0.5])])
    #expect(follower.log.rows.count == 5)
  }

  @Test func fileCreatedAfterTheFollowerStarts() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let path = dir.file("later.csv")
    let follower = LogFollower(path: path)
    let waiting = try follower.poll()
    #expect(waiting.status == .waitingForFile && waiting.change == .unchanged && waiting.rows.isEmpty)
    #expect(waiting.status.description == "waiting for the file to appear")

    logWrite(Self.header, to: path)
    let headerOnly = try follower.poll()
    #expect(headerOnly.status == .following && headerOnly.rows.isEmpty)
    #expect(follower.log.metricNames == ["accuracy", "loss", "val_accuracy", "val_loss"])

    logAppend(Self.row0, to: path)
    let update = try follower.poll()
    #expect(update.change == .appended && update.rows == [Self.expected0])
  }

  @Test func deletedFileKeepsRowsUntilANewOneAppears() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let path = dir.file("rotating.log")
    logWrite("{\"step\": 10, \"loss\": 4}\n", to: path)
    let follower = LogFollower(path: path)
    #expect(try follower.poll().rows == [row(10, ["loss": 4])])

    #expect(unlink(path) == 0)
    let gone = try follower.poll()
    #expect(gone.status == .waitingForFile && gone.change == .unchanged)
    #expect(follower.log.rows == [row(10, ["loss": 4])])

    logWrite("{\"step\": 20, \"loss\": 3}\n", to: path)
    let back = try follower.poll()
    #expect(back.change == .reset && back.status == .following)
    #expect(back.rows == [row(20, ["loss": 3])])
  }

  @Test func largeFileLoadsOverSeveralPolls() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let path = dir.file("big.csv")
    let lines = (0..<200).map { "\($0),\(Double($0) / 8)\n" }
    logWrite("epoch,loss\n" + lines.joined(), to: path)
    let follower = LogFollower(path: path, maxBytesPerPoll: 256)
    let updates = try pollUntil(follower) { _, updates in updates.last?.isCaughtUp == true }
    #expect(updates.count > 5)
    #expect(updates.dropLast().allSatisfy { !$0.isCaughtUp })
    let rows = updates.flatMap(\.rows)
    #expect(rows == (0..<200).map { row(Double($0), ["loss": Double($0) / 8]) })
    #expect(follower.log.rows == rows)
  }

  @Test func namedPipeIsAnErrorThatSaysWhatToDo() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let path = dir.file("fifo")
    #expect(mkfifo(path, 0o600) == 0)
    let follower = LogFollower(path: path)
    let error = #expect(throws: LogReadError.self) { try follower.poll() }
    #expect(
      error?.description
        == "cannot read \(path): not a regular file (to read a pipe, use: command | traintop watch -)")
  }

  @Test func directoryIsAnError() throws {
    let dir = try LogTempDirectory()
    defer { dir.remove() }
    let follower = LogFollower(path: dir.path)
    #expect(throws: LogReadError.self) { try follower.poll() }
  }
}
