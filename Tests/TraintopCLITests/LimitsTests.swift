import Foundation
import Testing

/// Values that asked for more than a machine has: each is refused before anything is allocated,
/// with one line that gives the limit, exit 2 — never a trap or an allocation abort.
@Suite("limits on flags and networks")
struct LimitsTests {
  @Test(
    "a value beyond its limit is refused with the limit",
    arguments: [
      // Int32(3000000000) trapped; a huge count under a memory limit made OpenBLAS spin forever.
      (["--threads", "3000000000"], "--threads 3000000000: this machine has"),
      (["--threads", "100000"], "use 1 to"),
      (["--threads", "0"], "--threads 0"),
      // An 80 GB allocation aborted.
      (["--samples", "10000000000"], "at most 10000000 points"),
      // Infinite points, then a run "diverged … try a lower learning rate".
      (["--noise", "1e308"], "noise 1e+308: the built-in 2-D sets lie within ±1"),
      // Terabytes of weights aborted.
      (["--hidden", "1000000000"], "traintop's limit is 4.0 GB"),
      (["--hidden", "100000,100000"], "10000600002 parameters"),
      (["--hidden", "4611686018427387904"], "more parameters than can be counted"),
      (
        ["--dataset", "circles", "--samples", "1000000", "--batch-size", "800000", "--hidden", "1000"],
        "use a smaller --batch-size"
      ),
    ])
  func refused(arguments: [String], expected: String) throws {
    let base = arguments.contains("--dataset") ? [] : ["--dataset", "spiral"]
    let r = try TraintopBinary.run(["train"] + base + arguments + ["--epochs", "1"])
    expectRefusal(r, mentioning: expected)
  }

  /// 10⁸ combinations hung while they were expanded, before the first run.
  @Test("a sweep grid beyond 10 000 runs is refused before it is expanded")
  func sweepGrid() throws {
    let ten = (1...10).map(String.init).joined(separator: ",")
    let flags = [
      "--batch-size", "--epochs", "--seed", "--hidden", "--train-size", "--samples", "--noise", "--momentum",
    ]
    let r = try TraintopBinary.run(["sweep"] + flags.flatMap { [$0, ten] })
    expectRefusal(r, mentioning: "make 100000000 runs; traintop runs at most 10000 in one sweep")
  }

  @Test("bench refuses a thread count beyond the processors too")
  func benchThreads() throws {
    let r = try TraintopBinary.run(["bench", "--dataset", "spiral", "--threads", "3000000000"])
    expectRefusal(r, mentioning: "--threads 3000000000")
  }
}

/// Bad input's contract: exit 2, one line on stderr starting `traintop: ` that names the value,
/// nothing on stdout, no escape character anywhere.
func expectRefusal(
  _ r: TraintopBinary.Result, mentioning expected: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(r.status == 2, "status \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
  #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)", sourceLocation: sourceLocation)
  #expect(r.stderr.hasPrefix("traintop: "), "\(r.stderr)", sourceLocation: sourceLocation)
  #expect(r.stderr.contains(expected), "\(r.stderr)", sourceLocation: sourceLocation)
  #expect(r.stdout.isEmpty, "\(r.stdout)", sourceLocation: sourceLocation)
  #expect(!(r.stderr + r.stdout).contains("\u{1B}"), sourceLocation: sourceLocation)
}
