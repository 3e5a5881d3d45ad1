import Foundation
import Testing
import TrainingRuns

/// `traintop watch` as a user runs it: bad usage refused in one line; in tmux, a Keras CSV that
/// grows, is truncated and replaced, and JSON lines piped into standard input.
@Suite struct WatchEndToEndTests {
  /// Generous: in the full suite other tests train on both cores, and every tmux call waits
  /// for `TraintopBinary.processLock` while another test's child process runs.
  static let timeout = 60.0

  @Test func noLogIsBadUsage() throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let result = try TraintopBinary.run(["watch"])
    #expect(result.status == 2)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("traintop watch -"))
  }

  /// A directory without logs yet is a log directory to watch (runs may start later): only the
  /// missing terminal stops it here.
  @Test func emptyDirectoryIsALogDirectory() throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let folder = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "notes".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
    let result = try TraintopBinary.run(["watch", folder])
    #expect(result.status == 2)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("watch needs a terminal"))
  }

  /// A runs directory: the runs in it, and a run that starts later, each named by its id.
  @Test(.enabled(if: tmuxPath != nil, "tmux is not installed; install it to run the end-to-end test"))
  func runsDirectoryShowsEveryRunAndNewOnes() throws {
    let binary = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let folder = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let train = ["train", "--dataset", "xor", "--epochs", "3", "-q", "--runs", folder + "/runs"]
    #expect(try TraintopBinary.run(train).status == 0)
    let tmux = Tmux(path: tmuxPath!)
    tmux.start(width: 120, height: 30, directory: folder)
    defer { tmux.kill() }
    tmux.send(literal: "env LANG=C.UTF-8 \(binary) watch runs; echo EXITED-$?")
    tmux.send("Enter")
    let first = try #require(RunStore(directory: folder + "/runs").metricsFiles().first?.id)
    // Runs are named by their folder, the run id (cut to the runs panel's width).
    try tmux.waitFor("the first run", timeout: Self.timeout) {
      $0.contains("1 run") && $0.contains(String(first.prefix(19)))
    }
    #expect(try TraintopBinary.run(train + ["--seed", "2"]).status == 0)
    let ids = RunStore(directory: folder + "/runs").metricsFiles().map(\.id)
    #expect(ids.count == 2)
    try tmux.waitFor("the second run too", timeout: Self.timeout) { screen in
      screen.contains("2 runs") && ids.allSatisfy { screen.contains(String($0.prefix(19))) }
    }
    tmux.send("q")
    try tmux.waitFor("the shell back", timeout: Self.timeout) { $0.contains("EXITED-0") }
  }

  @Test func runDirectoryIsAcceptedButNeedsATerminal() throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let folder = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "epoch,loss\n0,0.5\n".write(toFile: folder + "/metrics.csv", atomically: true, encoding: .utf8)
    let result = try TraintopBinary.run(["watch", folder])
    #expect(result.status == 2)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("watch needs a terminal"))
    #expect(result.stdout.isEmpty)
  }

  /// Three epochs, two more appended, then the file truncated and rewritten (a new Keras run
  /// with the same `CSVLogger` path), then replaced by a rename.
  @Test(.enabled(if: tmuxPath != nil, "tmux is not installed; install it to run the end-to-end test"))
  func kerasCSVGrowsIsTruncatedAndReplaced() throws {
    let binary = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let folder = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let log = folder + "/training.csv"
    // As Keras's CSVLogger writes it: csv.excel dialect (\r\n), float32 values in full repr.
    let header = "epoch,accuracy,loss,val_accuracy,val_loss\r\n"
    let rows = [
      "0,0.7124999761581421,0.8234567642211914,0.7509999871253967,0.7011234760284424\r\n",
      "1,0.8012499809265137,0.5512345433235168,0.7929999828338623,0.6023456454277039\r\n",
      "2,0.8387500047683716,0.4498765468597412,0.8105000257492065,0.5812345743179321\r\n",
      "3,0.8612499833106995,0.3987654447555542,0.8180000185966492,0.5698765516281128\r\n",
      "4,0.8799999952316284,0.3512345552444458,0.8154999852180481,0.5887654423713684\r\n",
    ]
    try (header + rows[0..<3].joined()).write(toFile: log, atomically: false, encoding: .utf8)

    let tmux = Tmux(path: tmuxPath!)
    tmux.start(width: 80, height: 24, directory: folder)
    defer { tmux.kill() }
    tmux.send(literal: "env LANG=C.UTF-8 \(binary) watch training.csv; echo EXITED-$?")
    tmux.send("Enter")
    try tmux.waitFor("three epochs", timeout: Self.timeout) { screen in
      screen.contains("training.csv following · 3 rows") && screen.contains("val 0.581")
        && screen.contains("┌─ Loss") && screen.contains("┌─ Accuracy")
    }

    let handle = try #require(FileHandle(forWritingAtPath: log))
    handle.seekToEndOfFile()
    handle.write(Data(rows[3..<5].joined().utf8))
    try handle.close()
    // Wait for the chart's footer too: a capture can land between the header's and the chart's
    // updates of one frame (seen once under a loaded full test run).
    let grown = try tmux.waitFor("five epochs", timeout: Self.timeout) {
      $0.contains("5 rows") && $0.contains("val 0.589") && $0.contains("best 0.5")
    }
    #expect(grown.contains("best 0.5699 @4"), "the best val_loss is epoch 3 as logged, the 4th")

    // Truncate and rewrite in place: a new run reusing the path.
    let rewrite = try #require(FileHandle(forWritingAtPath: log))
    try rewrite.truncate(atOffset: 0)
    rewrite.write(Data((header + "0,0.5,1.25,0.5,1.3\r\n").utf8))
    try rewrite.close()
    try tmux.waitFor("the reset after truncation", timeout: Self.timeout) {
      $0.contains("1 row · reset 1x") && $0.contains("val 1.30")
    }

    // Replace: write elsewhere, rename over the log (a new inode).
    try (header + "0,0.6,0.875,0.6,0.9375\r\n1,0.7,0.75,0.65,0.8\r\n").write(
      toFile: log + ".tmp", atomically: false, encoding: .utf8)
    #expect(rename(log + ".tmp", log) == 0)
    try tmux.waitFor("the reset after replacement", timeout: Self.timeout) {
      $0.contains("2 rows · reset 2x") && $0.contains("val 0.80")
    }

    tmux.send("q")
    let after = try tmux.waitFor("the shell back", timeout: Self.timeout) { $0.contains("EXITED-0") }
    #expect(!after.contains("┌─ Loss"), "the charts are gone from the screen")
  }

  /// JSON lines on a pipe, one garbage line among them; keys still reach watch through /dev/tty.
  @Test(.enabled(if: tmuxPath != nil, "tmux is not installed; install it to run the end-to-end test"))
  func jsonLinesOnStandardInput() throws {
    let binary = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let folder = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let tmux = Tmux(path: tmuxPath!)
    tmux.start(width: 80, height: 24, directory: folder)
    defer { tmux.kill() }
    let lines = [
      #"{"epoch":0,"loss":1.0,"val_loss":1.1}"#, #"{"epoch":1,"loss":0.5,"val_loss":0.625}"#,
      "this is not json", #"{"epoch":2,"loss":0.25,"val_loss":0.375}"#,
    ]
    tmux.send(
      literal:
        "printf '\(lines.joined(separator: "\\n"))\\n' | env LANG=C.UTF-8 \(binary) watch -; echo EXITED-$?")
    tmux.send("Enter")
    try tmux.waitFor("three epochs from stdin and one malformed line", timeout: Self.timeout) { screen in
      screen.contains("stdin ended · 3 rows") && screen.contains("malformed lines: stdin 1")
        && screen.contains("val 0.3750")
    }
    tmux.send("l")
    try tmux.waitFor("the log scale, so keys arrive", timeout: Self.timeout) { $0.contains("─ log ─") }
    tmux.send("q")
    try tmux.waitFor("the shell back", timeout: Self.timeout) { $0.contains("EXITED-0") }
  }
}
