#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A child process started with `posix_spawn` and reaped with `waitpid` on its own pid.
///
/// The end-to-end tests start many short children (the binary, tmux commands)
/// from parallel tests; Foundation's `Process` hung there twice, waiting
/// forever on a child that had already exited (left a zombie). Spawning and
/// reaping by hand has no shared machinery to race on.
public struct ChildProcess: Sendable {
  public let pid: pid_t
  private let stdoutFD: Int32
  private let stderrFD: Int32

  public struct Result: Sendable {
    /// The exit status, or 128 + the signal number when a signal ended it.
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  public enum SpawnError: Error { case failed(Int32) }

  /// Starts `path` with `arguments` (stdin from /dev/null). With `capture`, stdout and stderr
  /// are read by `wait()`; otherwise they go to /dev/null. `directory` is entered first.
  public static func start(
    _ path: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
    capture: Bool = true
  ) throws -> ChildProcess {
    // `sh -c 'cd DIR && exec "$@"'` enters the directory portably.
    let argv =
      directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0, path] + arguments } ?? [path]
      + arguments
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    var outPipe: [Int32] = [-1, -1]
    var errPipe: [Int32] = [-1, -1]
    if capture {
      guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw SpawnError.failed(errno) }
      posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
      posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
      for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    var env = environment ?? currentEnvironment()
    if environment != nil { env.merge(currentEnvironment()) { mine, _ in mine } }
    let envStrings = env.map { "\($0.key)=\($0.value)" }
    var pid: pid_t = 0
    let status = withCStrings(argv) { cArgv in
      withCStrings(envStrings) { cEnv in posix_spawn(&pid, argv[0], &actions, nil, cArgv, cEnv) }
    }
    // (posix_spawn's return value is the error number; errno is not set.)
    if capture {
      close(outPipe[1])
      close(errPipe[1])
    }
    guard status == 0 else {
      if capture {
        close(outPipe[0])
        close(errPipe[0])
      }
      throw SpawnError.failed(status)
    }
    return ChildProcess(pid: pid, stdoutFD: capture ? outPipe[0] : -1, stderrFD: capture ? errPipe[0] : -1)
  }

  /// Runs to completion and returns the status and output.
  public static func run(
    _ path: String, _ arguments: [String], environment: [String: String]? = nil, directory: String? = nil
  ) throws -> Result {
    try start(path, arguments, environment: environment, directory: directory).wait()
  }

  /// Reads the captured output to its end (both pipes at once), then reaps the child.
  public func wait() -> Result {
    var out: [UInt8] = []
    var err: [UInt8] = []
    var fds = [stdoutFD, stderrFD].filter { $0 >= 0 }
    var buffer = [UInt8](repeating: 0, count: 65536)
    while !fds.isEmpty {
      var polls = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      guard poll(&polls, nfds_t(polls.count), -1) >= 0 else {
        if errno == EINTR { continue }
        break
      }
      for p in polls where p.revents != 0 {
        let n = buffer.withUnsafeMutableBytes { read(p.fd, $0.baseAddress, $0.count) }
        if n > 0 {
          if p.fd == stdoutFD { out += buffer[0..<n] } else { err += buffer[0..<n] }
        } else if n == 0 || (n < 0 && errno != EINTR) {
          close(p.fd)
          fds.removeAll { $0 == p.fd }
        }
      }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let code = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Result(
      status: code, stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self)
    )
  }

  /// Whether the child is still running (reaps it if it has ended).
  public var isRunning: Bool {
    var status: Int32 = 0
    return waitpid(pid, &status, WNOHANG) == 0
  }

  public func kill(_ signal: Int32) { _ = Glibc.kill(pid, signal) }
}

private func currentEnvironment() -> [String: String] {
  var result: [String: String] = [:]
  var pointer = environ
  while let entry = pointer.pointee {
    let text = String(cString: entry)
    if let eq = text.firstIndex(of: "=") {
      result[String(text[..<eq])] = String(text[text.index(after: eq)...])
    }
    pointer += 1
  }
  return result
}

/// Calls `body` with a NULL-terminated C array of the strings.
private func withCStrings<R>(
  _ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> R
) -> R {
  var pointers = strings.map { strdup($0) } + [nil]
  defer { for p in pointers { free(p) } }
  return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
}
