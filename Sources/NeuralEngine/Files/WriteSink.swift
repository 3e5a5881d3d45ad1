#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `write(2)` beneath every checked write, injectable so tests can fill the disk.
///
/// A full disk cannot be arranged portably in a test (no tmpfs, no root); a sink that accepts a
/// few bytes and then answers `ENOSPC` exercises exactly the code paths a real one does, short
/// write included.
public protocol WriteSink: Sendable {
  /// Writes a prefix of `bytes` (possibly shorter, as `write(2)` may) to `descriptor`.
  func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> WriteOutcome
}

/// What one `write(2)` did.
public enum WriteOutcome: Sendable, Equatable {
  /// This many bytes went out (at least one).
  case wrote(Int)
  /// Nothing went out; the `errno`.
  case failed(Int32)
}

/// The real system call, retried when a signal interrupts it.
public struct SystemWriteSink: WriteSink {
  public init() {}

  public func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> WriteOutcome {
    while true {
      #if canImport(Glibc)
        let n = Glibc.write(descriptor, bytes.baseAddress, bytes.count)
      #else
        let n = Darwin.write(descriptor, bytes.baseAddress, bytes.count)
      #endif
      if n > 0 { return .wrote(n) }
      if n == 0 { return .failed(EIO) }  // no progress on a non-empty write: never loop forever
      if errno != EINTR { return .failed(errno) }
    }
  }
}
