import NeuralEngine
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A disk with a few bytes free, for tests: writes go to the real file until `freeBytes` are
/// used, the write that crosses the limit is cut short (as `write(2)` does), and every write
/// after that fails with `ENOSPC`. No tmpfs or root needed.
public final class FullDisk: WriteSink {
  private let free: Mutex<Int>
  private let failures = Mutex(0)

  public init(freeBytes: Int) {
    free = Mutex(freeBytes)
  }

  /// Makes the next `count` writes fail with `ENOSPC` whatever the free bytes: a disk with no
  /// room for a new file that can still rewrite a file's own blocks.
  public func failNextWrites(_ count: Int) { failures.withLock { $0 = count } }

  /// Bytes still free.
  public var freeBytes: Int { free.withLock { $0 } }

  /// Frees (or uses up) space, as another process deleting or writing files would.
  public func setFreeBytes(_ n: Int) { free.withLock { $0 = n } }

  public func write(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> WriteOutcome {
    let failing = failures.withLock { n in
      defer { n = max(0, n - 1) }
      return n > 0
    }
    if failing { return .failed(ENOSPC) }
    let allowed = free.withLock { f in
      let n = min(f, bytes.count)
      f -= n
      return n
    }
    guard allowed > 0 else { return .failed(ENOSPC) }
    let outcome = SystemWriteSink().write(UnsafeRawBufferPointer(rebasing: bytes[..<allowed]), to: descriptor)
    if case .wrote(let n) = outcome, n < allowed { free.withLock { $0 += allowed - n } }
    return outcome
  }
}

extension SafeWriter {
  /// A writer whose disk has `freeBytes` left.
  public static func onFullDisk(freeBytes: Int) -> (SafeWriter, FullDisk) {
    let disk = FullDisk(freeBytes: freeBytes)
    return (SafeWriter(sink: disk), disk)
  }
}
