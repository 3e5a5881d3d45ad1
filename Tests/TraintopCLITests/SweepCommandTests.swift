import Foundation
import Testing

@testable import traintop

@Suite("traintop sweep")
struct SweepCommandTests {
  @Test("the grid expands in flag order, first flag slowest; --hidden uses + inside one alternative")
  func expansion() throws {
    let combos = try SweepGrid.expand([
      "--batch-size", "10,20", "--dropout=0.3,0.4", "--hidden", "8+4,16", "--nesterov",
    ])
    #expect(combos.count == 8)
    #expect(combos[0] == ["--batch-size=10", "--dropout=0.3", "--hidden=8,4", "--nesterov"])
    #expect(combos[1] == ["--batch-size=10", "--dropout=0.3", "--hidden=16", "--nesterov"])
    #expect(combos[7] == ["--batch-size=20", "--dropout=0.4", "--hidden=16", "--nesterov"])
    #expect(SweepGrid.label(combos[1], of: ["--batch-size", "10,20", "--epochs", "3"]) == "--batch-size=10")
  }

  @Test("a sweep runs each combination, stores it, and prints the table best first")
  func runsGrid() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run([
      "sweep", "--runs", dir, "--dataset", "moons", "--epochs", "2", "--hidden", "16", "--batch-size",
      "10,50",
      "--learning-rate", "0.01,0.001",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("[4/4]"))
    let stored = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(stored.count == 4)
    let table = r.stdout.components(separatedBy: "\n\n").last!.split(separator: "\n")
    #expect(table.count == 5)
    #expect(
      table[0].contains("batch_size") && table[0].contains("learning_rate") && !table[0].contains("hidden"))
    // Best first: the best val accuracy column is non-increasing.
    func cells(_ line: Substring) -> [String] {
      line.split(separator: /\s{2,}/).map(String.init)
    }
    let column = try #require(cells(table[0]).firstIndex(of: "best val_acc @ep"))
    let best = table.dropFirst().map { Double(cells($0)[column].split(separator: " ")[0])! }
    #expect(best == best.sorted(by: >))
  }

  @Test("a bad value in any combination stops the sweep before it starts, exit 2")
  func badValue() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run(["sweep", "--runs", dir, "--dataset", "xor", "--dropout", "0.2,1.5"])
    #expect(r.status == 2)
    #expect(r.stderr.contains("dropout 1.5"))
    #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).isEmpty)
  }
}
