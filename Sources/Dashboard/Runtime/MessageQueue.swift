import Synchronization

/// Messages from training threads to the UI thread, behind a `Mutex`.
///
/// A training thread may report thousands of batches a second; the UI needs only the latest,
/// so a batch event replaces a batch event of the same run still waiting at the end of the
/// queue. Epoch ends and every other event are always kept, in order.
public final class MessageQueue: Sendable {
  private let pending = Mutex<[Message]>([])

  public init() {}

  public func push(_ message: Message) {
    pending.withLock { queue in
      if case .training(let id, .batch) = message, let last = queue.last,
        case .training(id, .batch) = last
      {
        queue[queue.count - 1] = message
      } else {
        queue.append(message)
      }
    }
  }

  /// Everything pushed since the last drain, oldest first.
  public func drain() -> [Message] {
    pending.withLock { queue in
      defer { queue.removeAll(keepingCapacity: true) }
      return queue
    }
  }
}
