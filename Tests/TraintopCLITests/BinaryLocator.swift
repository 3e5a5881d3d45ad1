import Foundation

/// Finds the built `traintop` executable and runs it.
enum TraintopBinary {
  /// The binary next to the test bundle, or in `.build/debug` of this package.
  static let path: String? = {
    let fm = FileManager.default
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      URL(fileURLWithPath: Bundle.main.bundlePath).deletingLastPathComponent(),
      URL(fileURLWithPath: Bundle.main.bundlePath),
      packageRoot.appendingPathComponent(".build/debug"),
    ].map { $0.appendingPathComponent("traintop").path }
    return candidates.first { fm.isExecutableFile(atPath: $0) }
  }()

  /// Runs the binary with stdout and stderr captured through pipes (so stdout is not a terminal).
  static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path ?? "traintop")
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (
      process.terminationStatus, String(decoding: stdout, as: UTF8.self),
      String(decoding: stderr, as: UTF8.self)
    )
  }
}
