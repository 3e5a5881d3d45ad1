import Foundation
import TestSupport

/// Runs the real `traintop` executable that `swift test` built beside the test bundle.
enum TraintopBinary {
  /// The built executable: next to the test bundle (`.build/<config>/`).
  static let url: URL = {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("traintop")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/traintop")
  }()

  /// The executable's path, or nil when it has not been built.
  static var path: String? { FileManager.default.isExecutableFile(atPath: url.path) ? url.path : nil }

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// Runs `traintop arguments…` to completion with stdin from /dev/null.
  static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws
    -> Result
  {
    try processLock.withLock { try runUnlocked(arguments, environment: environment, directory: directory) }
  }

  /// Child processes are started and reaped one at a time, so the tmux
  /// session and the binaries of parallel tests never compete mid-launch.
  static let processLock = NSLock()

  private static func runUnlocked(_ arguments: [String], environment: [String: String], directory: String?)
    throws
    -> Result
  {
    // Runs are stored under the working directory: keep them out of the checkout.
    let r = try ChildProcess.run(
      url.path, arguments, environment: environment, directory: directory ?? scratchDirectory)
    return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
  }

  /// Where runs go when a test does not choose a directory.
  static let scratchDirectory: String = (try? temporaryFolder()) ?? NSTemporaryDirectory()

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "traintop-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
