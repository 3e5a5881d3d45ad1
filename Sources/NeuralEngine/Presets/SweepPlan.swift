import Foundation
import SafeText

/// A study of several runs, written beside the settings of a preset or `--config` file:
///
///     "batch_size": 32,
///     "sweep": {"batch_size": [32, 100, 500, 1000, 3000, 7000]}
///
/// Each key is a setting (the same snake_case keys as the settings), each value
/// the list of its alternatives. The runs are every combination, the first
/// setting varying slowest, exactly as `traintop sweep --batch-size 32,100,…`
/// runs them; the settings' own keys give everything the sweep does not vary.
/// Keeping the study in the file is what lets a preset be "the seed's
/// batch-size study" (or NNDL's quadratic-vs-cross-entropy pair) rather than
/// one run of it, and lets a teacher copy and edit the whole study.
public struct SweepPlan: Sendable, Equatable {
  /// One varied setting and its alternatives.
  public struct Axis: Sendable, Equatable {
    /// The setting's key, e.g. `batch_size` (dashed keys are normalised to this form).
    public var key: String
    /// The alternatives as JSON values (a number, a string, a boolean or a list of layer sizes).
    var fragments: [Fragment]

    /// The command-line flag that sets this key, e.g. `--batch-size`.
    public var flag: String { "--" + key.replacingOccurrences(of: "_", with: "-") }

    /// The alternatives as typed after the flag for one run: `32`, `cross-entropy`, `128,64`, `none`.
    public var values: [String] { fragments.map(\.commandLineText) }
  }

  /// The varied settings, in the settings' canonical order (the JSON object's key order is not kept).
  public private(set) var axes: [Axis]

  /// How many runs the study has (at most ``maximumRuns``: ``read(from:)`` refuses more).
  public var count: Int { Self.runCount(axes.map(\.fragments.count)) ?? Int.max }

  /// The most runs one sweep may have: 10 000, days of training at the seed's pace. A grid of
  /// 10⁸ combinations hung while it was expanded, before the first run.
  public static let maximumRuns = 10_000

  /// The number of combinations of lists of these lengths, multiplied with overflow checks;
  /// nil when it overflows an `Int`.
  public static func runCount(_ listLengths: [Int]) -> Int? {
    var product = 1
    for n in listLengths {
      let (next, overflow) = product.multipliedReportingOverflow(by: n)
      if overflow { return nil }
      product = next
    }
    return product
  }

  /// Refuses lists whose combinations pass ``maximumRuns``, before any is expanded.
  ///
  /// - Parameter lists: each varied setting's name (as the user wrote it) and its value count.
  public static func checkSize(_ lists: [(name: String, count: Int)]) throws(DataError) {
    let total = runCount(lists.map(\.count))
    guard let total, total <= maximumRuns else {
      let factors = lists.filter { $0.count > 1 }.map { "\($0.count) \($0.name)" }.joined(separator: " × ")
      let size = total.map { "\($0) runs" } ?? "more runs than can be counted"
      throw DataError(
        "sweep: \(factors) make \(size); traintop runs at most \(maximumRuns) in one sweep: "
          + "give fewer values")
    }
  }

  /// One line for notices and help, e.g. `batch_size 32,100,500 × loss quadratic,cross-entropy`.
  public var summary: String {
    axes.map { "\($0.key) \($0.values.joined(separator: $0.key == "hidden" ? " | " : ","))" }
      .joined(separator: " × ")
  }

  /// The plan without the axes whose key is in `keys` (settings fixed by flags given on the
  /// command line: a flag overrides the preset, so it also overrides the preset's sweep of it);
  /// nil when nothing is left to vary.
  public func removing(keys: Set<String>) -> SweepPlan? {
    let normalised = Set(keys.map { $0.replacingOccurrences(of: "-", with: "_") })
    let kept = axes.filter { !normalised.contains($0.key) }
    return kept.isEmpty ? nil : SweepPlan(axes: kept)
  }

  /// Every run of the study: `base` with each combination of the alternatives applied, the first
  /// axis varying slowest. Each run is validated.
  ///
  /// - Throws: a one-line ``DataError`` naming the setting and value that does not fit.
  public func runs(from base: Hyperparameters) throws(DataError) -> [Hyperparameters] {
    try Self.checkSize(axes.map { ($0.key, $0.fragments.count) })
    var runs = [base]
    for axis in axes {
      var next: [Hyperparameters] = []
      for run in runs {
        for fragment in axis.fragments {
          next.append(try Self.apply(axis.key, fragment, to: run))
        }
      }
      runs = next
    }
    for run in runs {
      do {
        try run.validate()
      } catch {
        throw DataError("sweep: \(error.message)")
      }
    }
    return runs
  }

  // MARK: - Reading

  /// The `sweep` object of a settings file, or nil when it has none.
  ///
  /// - Throws: a one-line ``DataError`` for a sweep that is not an object of non-empty lists,
  ///   names an unknown setting, or lists a value the setting does not take.
  public static func read(from json: Data) throws(DataError) -> SweepPlan? {
    struct File: Decodable { var sweep: [String: [Fragment]]? }
    let lists: [String: [Fragment]]
    do {
      guard let sweep = try JSONDecoder().decode(File.self, from: json).sweep else { return nil }
      lists = sweep
    } catch let error as DecodingError {
      throw DataError(
        "sweep: \(error.oneLineDescription); write it as an object of lists, e.g. \"sweep\": {\"batch_size\": [32, 100]}"
      )
    } catch {
      throw DataError("sweep: not valid JSON (\(error))")
    }
    let order = Hyperparameters.CodingKeys.allCases.map(\.rawValue)
    var axes: [Axis] = []
    for (rawKey, fragments) in lists {
      let key = rawKey.replacingOccurrences(of: "-", with: "_")
      guard order.contains(key) else {
        throw DataError(
          "sweep: unknown setting '\(safe: rawKey)'; use a settings key such as batch_size, loss or dropout")
      }
      guard !fragments.isEmpty else {
        throw DataError("sweep: '\(safe: rawKey)' lists no values; give at least one, e.g. [32, 100]")
      }
      guard !axes.contains(where: { $0.key == key }) else {
        throw DataError("sweep: '\(safe: rawKey)' is listed twice")
      }
      // Check each value against the setting now, so a typo is reported when the file is read.
      for fragment in fragments { _ = try apply(key, fragment, to: Hyperparameters()) }
      axes.append(Axis(key: key, fragments: fragments))
    }
    guard !axes.isEmpty else {
      throw DataError("sweep: lists no settings; remove it or add one, e.g. \"batch_size\": [32, 100]")
    }
    axes.sort { order.firstIndex(of: $0.key)! < order.firstIndex(of: $1.key)! }
    try checkSize(axes.map { ($0.key, $0.fragments.count) })
    return SweepPlan(axes: axes)
  }

  /// `settings` with `key` set to `fragment`, decoded as the settings file would decode it.
  private static func apply(
    _ key: String, _ fragment: Fragment, to settings: Hyperparameters
  ) throws(DataError) -> Hyperparameters {
    do {
      let json = try JSONEncoder().encode([key: fragment])
      let decoder = JSONDecoder()
      decoder.userInfo[.hyperparametersBase] = settings
      return try decoder.decode(Hyperparameters.self, from: json)
    } catch let error as DecodingError {
      throw DataError("sweep: \(error.oneLineDescription)")
    } catch {
      throw DataError("sweep: \(safe: key) \(safe: fragment.commandLineText): \(error)")
    }
  }

  /// One alternative: the JSON value types settings take.
  enum Fragment: Codable, Sendable, Equatable {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case layers([Int])

    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let v = try? c.decode(Bool.self) {
        self = .bool(v)
      } else if let v = try? c.decode(Int.self) {
        self = .int(v)
      } else if let v = try? c.decode(Double.self) {
        self = .double(v)
      } else if let v = try? c.decode(String.self) {
        self = .string(v)
      } else if let v = try? c.decode([Int].self) {
        self = .layers(v)
      } else {
        throw DecodingError.dataCorruptedError(
          in: c,
          debugDescription: "a sweep value must be a number, a string, true/false or a list of layer sizes")
      }
    }

    func encode(to encoder: Encoder) throws {
      var c = encoder.singleValueContainer()
      switch self {
      case .bool(let v): try c.encode(v)
      case .int(let v): try c.encode(v)
      case .double(let v): try c.encode(v)
      case .string(let v): try c.encode(v)
      case .layers(let v): try c.encode(v)
      }
    }

    /// The value as typed after its flag.
    var commandLineText: String {
      switch self {
      case .bool(let v): "\(v)"
      case .int(let v): "\(v)"
      case .double(let v): "\(v)"
      case .string(let v): v
      case .layers(let v): v.isEmpty ? "none" : v.map(String.init).joined(separator: ",")
      }
    }
  }
}
