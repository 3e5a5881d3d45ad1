import Synchronization

/// Where the runtime gets the time from: the system's monotonic clock, or a manual one in tests.
public protocol DashboardClock: Sendable {
  /// Seconds since some fixed start.
  func now() -> Double
}

/// The system's monotonic clock, in seconds since this value was made.
public struct SystemClock: DashboardClock {
  private let start = ContinuousClock.now
  public init() {}
  public func now() -> Double {
    let c = (ContinuousClock.now - start).components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}

/// A clock that moves only when told to, for tests.
public final class ManualClock: DashboardClock {
  private let time = Mutex(0.0)
  public init(_ start: Double = 0) { time.withLock { $0 = start } }
  public func now() -> Double { time.withLock { $0 } }
  public func advance(by seconds: Double) { time.withLock { $0 += seconds } }
}
