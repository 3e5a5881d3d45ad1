import Foundation
import SafeText

/// How fast a run may advance, so that a person can follow it: the most epochs per second.
///
/// The engine trains a 2-D toy set at millions of samples a second, which finishes a 300-epoch
/// run before anyone has seen it learn. A pace spreads the batches evenly over time (the
/// trainer waits between batches, never in one pause per epoch), so batch curves and the
/// decision boundary move smoothly. Pacing never changes what is computed: the same seed gives
/// the same metrics at any pace.
///
/// Text form (flag `--pace`, JSON key `pace`, the dashboard's row): `full`, `auto`, or a
/// number of epochs per second such as `0.5`, `2`, `10` (`2/s` is accepted too).
public enum Pace: Sendable, Hashable, CustomStringConvertible {
  /// No limit: as fast as the machine goes (`train` and `sweep` default).
  case full
  /// Full speed when an epoch already takes a perceptible time, else slow enough that the planned
  /// epochs last about half a minute to a minute (the dashboard's default; see ``AutoPace``).
  case auto
  /// At most this many epochs per second.
  case epochsPerSecond(Double)

  /// Parses `full`, `auto`, `2`, `0.5` or `2/s`; throws a one-line error naming the value.
  public init(parsing text: String) throws(DataError) {
    var t = text.trimmingCharacters(in: .whitespaces).lowercased()
    switch t {
    case "full", "max", "off": self = .full
    case "auto": self = .auto
    default:
      if t.hasSuffix("/s") { t.removeLast(2) }
      guard let rate = Double(t), rate.isFinite, rate > 0 else {
        throw DataError(
          "pace '\(safe: text)' must be full, auto or a number of epochs per second > 0 (e.g. 0.5, 2, 10)")
      }
      guard rate >= Self.slowest else {
        throw DataError("pace '\(safe: text)' is below the slowest pace \(Self.slowest) epochs per second")
      }
      self = .epochsPerSecond(rate)
    }
  }

  /// `full`, `auto`, or the rate (`0.5`, `2`).
  public var description: String {
    switch self {
    case .full: "full"
    case .auto: "auto"
    case .epochsPerSecond(let r): r == r.rounded() && r < 1e15 ? String(Int(r)) : "\(r)"
    }
  }

  /// The slowest pace accepted: one epoch every 1000 s.
  public static let slowest = 0.001

  /// The rates `+` and `-` step through, in epochs per second.
  public static let ladder: [Double] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500]

  /// One rung faster than `current` epochs per second (nil: full speed); past the top is `full`.
  public static func faster(than current: Double?) -> Pace {
    guard let current else { return .full }
    if let next = ladder.first(where: { $0 > current * 1.001 }) { return .epochsPerSecond(next) }
    return .full
  }

  /// One rung slower than `current` epochs per second; from full speed (nil), the rung below
  /// `fullSpeed`, the rate the run reaches unpaced (when known), so the first `-` is visible.
  public static func slower(than current: Double?, fullSpeed: Double?) -> Pace {
    let reference = current ?? fullSpeed ?? ladder.last! * 2
    if let next = ladder.last(where: { $0 < reference * 0.999 }) { return .epochsPerSecond(next) }
    return .epochsPerSecond(ladder[0])
  }
}

extension Pace: Codable {
  /// A JSON string (`"auto"`, `"full"`, `"2"`) or number (`2`).
  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let rate = try? c.decode(Double.self) {
      self = try Pace(parsing: "\(rate)")
    } else {
      do {
        self = try Pace(parsing: try c.decode(String.self))
      } catch let error as DataError {
        throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: error.message))
      }
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .epochsPerSecond(let r): try c.encode(r)
    default: try c.encode(description)
    }
  }
}

/// The rule behind ``Pace/auto``.
///
/// 1. A run whose full-speed epoch takes at least ``perceptibleEpochSeconds`` (¼ s) is already
///    at a pace people can follow: it runs at full speed (the seed model on Fashion-MNIST,
///    0.36 s an epoch on one core, stays there).
/// 2. Faster runs are slowed so that their planned epochs take ``plannedSeconds(epochs:)``:
///    0.4 s an epoch, but at least 30 s and at most 60 s in all — long enough to talk over,
///    short enough to keep a class's attention. 10 epochs: 30 s (3 s each); 150 epochs
///    (`overfitting`): 60 s (2.5 epochs/s); 1500 (`spiral-overfit`): 60 s (25 epochs/s).
///
/// The full-speed epoch time is measured as the run goes (the batches' compute time, waits
/// excluded, plus the last validation pass), with a 2× band between the two decisions so a
/// noisy measurement near ¼ s does not flip the pace back and forth.
public enum AutoPace {
  public static let perceptibleEpochSeconds = 0.25
  public static let secondsPerEpoch = 0.4
  public static let shortestRun = 30.0
  public static let longestRun = 60.0

  /// How long `epochs` planned epochs should take in all, in seconds.
  public static func plannedSeconds(epochs: Int) -> Double {
    min(longestRun, max(shortestRun, secondsPerEpoch * Double(epochs)))
  }

  /// The epochs-per-second limit for a run of `epochs` whose full-speed epoch takes
  /// `fullSpeedEpochSeconds`; nil means full speed. `wasLimited` is the previous decision (the
  /// band: start limiting below ¼ s, stop only above ½ s).
  public static func limit(epochs: Int, fullSpeedEpochSeconds: Double, wasLimited: Bool) -> Double? {
    let threshold = wasLimited ? 2 * perceptibleEpochSeconds : perceptibleEpochSeconds
    guard fullSpeedEpochSeconds < threshold else { return nil }
    return Double(max(epochs, 1)) / plannedSeconds(epochs: epochs)
  }
}
