import Foundation
import NeuralEngine
import SafeText

/// A side-by-side table of runs, like TensorBoard's hparams view: one row per
/// run, a column for each hyperparameter that differs between them, then
/// best val accuracy @ epoch, min val loss @ epoch and the final overfitting gap.
public struct RunComparison: Sendable {
  /// How rows are ordered, best first.
  public enum SortKey: String, CaseIterable, Sendable {
    /// Highest best validation accuracy first.
    case best
    /// Lowest minimum validation loss first.
    case loss
    /// Smallest final gap (train accuracy − validation accuracy) first.
    case gap
  }

  public struct Entry: Sendable {
    public var id: String
    public var status: String
    public var config: Hyperparameters
    public var summary: RunSummary
    /// The epochs the run trained, when `summary` holds only some of them (the dashboard thins
    /// a long run's); nil means all of `summary.epochs`.
    public var epochCount: Int?

    public init(
      id: String, status: String, config: Hyperparameters, summary: RunSummary, epochCount: Int? = nil
    ) {
      self.id = id
      self.status = status
      self.config = config
      self.summary = summary
      self.epochCount = epochCount
    }

    /// The config's settings, with `changes` the ones the run really had (planned or live).
    var settings: [String: String] {
      var s = RunComparison.settings(config)
      let changes = summary.changes.isEmpty ? config.changes : summary.changes.map(\.withoutPrevious)
      s["changes"] = changes.isEmpty ? nil : changes.map(\.description).joined(separator: " ")
      return s
    }
  }

  public private(set) var entries: [Entry]
  /// Whether a run still training (or killed) shows how far it got, `3/10`, in the epochs column
  /// (`traintop runs` over a directory that other processes are filling).
  public var showsPlannedEpochs = false
  /// The config keys (snake_case, as in config.json) whose values differ between entries.
  public private(set) var differingKeys: [String]

  public init(_ entries: [Entry], sortedBy key: SortKey = .best) {
    let values = entries.map(\.settings)
    let allKeys = values.reduce(into: [String]()) { keys, dict in
      for k in dict.keys.sorted() where !keys.contains(k) { keys.append(k) }
    }
    differingKeys = allKeys.filter { k in Set(values.map { $0[k] ?? "-" }).count > 1 }
    self.entries = entries.sorted { a, b in
      switch key {
      case .best: return (a.summary.bestValAccuracy ?? -1) > (b.summary.bestValAccuracy ?? -1)
      case .loss: return (a.summary.minValLoss ?? .infinity) < (b.summary.minValLoss ?? .infinity)
      case .gap: return abs(a.summary.finalGap ?? .infinity) < abs(b.summary.finalGap ?? .infinity)
      }
    }
  }

  public init(runs: [StoredRun], sortedBy key: SortKey = .best) {
    self.init(
      runs.map { Entry(id: $0.id, status: $0.statusText, config: $0.config, summary: $0.summary) },
      sortedBy: key)
  }

  /// The most columns a run id or a setting's value takes in the table (cut with `…`).
  static let cellColumns = 40

  /// Header then one row per run, all as text. Ids and settings come from the runs directory,
  /// which other programs may write: they are made safe and cut (``TerminalSafe``). The `epochs`
  /// setting (what a run was to train) is headed `max epochs`, apart from `epochs`, what it ran.
  public var table: [[String]] {
    let header =
      ["run", "status"]
      + differingKeys.map { $0 == "epochs" ? "max epochs" : TerminalSafe.value($0, limit: Self.cellColumns) }
      + ["epochs", "best val_acc @ep", "min val_loss @ep", "gap"]
    let rows = entries.map { e -> [String] in
      let settings = e.settings
      let s = e.summary
      let best = s.bestValAccuracy.map { String(format: "%.4f @%d", $0, (s.bestEpoch ?? 0) + 1) } ?? "-"
      let loss = s.minValLoss.map { String(format: "%.4f @%d", $0, (s.minValLossEpoch ?? 0) + 1) } ?? "-"
      let gap = s.finalGap.flatMap { $0.isFinite ? String(format: "%+.4f", $0) : nil } ?? "-"
      let safe = { (text: String) in TerminalSafe.value(text, limit: Self.cellColumns) }
      let trained = e.epochCount ?? s.epochs.count
      let epochs =
        showsPlannedEpochs && s.status == .running ? "\(trained)/\(e.config.epochs)" : String(trained)
      return [safe(e.id), safe(e.status)] + differingKeys.map { safe(settings[$0] ?? "-") } + [
        epochs, best, loss, gap,
      ]
    }
    return [header] + rows
  }

  /// The table as aligned plain text (numbers right-aligned), for the shell.
  public var text: String {
    let t = table
    guard let header = t.first else { return "" }
    let widths = header.indices.map { c in t.map { $0[c].terminalColumns }.max() ?? 0 }
    let numeric = Set(header.indices.filter { c in c >= header.count - 4 })
    return t.map { row in
      row.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - cell.terminalColumns)
        return numeric.contains(c) ? pad + cell : cell + pad
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
  }

  /// A config as the flat key → text map of its config.json, without the pace (which never
  /// alters the metrics, so it is no difference between runs).
  public static func settings(_ h: Hyperparameters) -> [String: String] {
    guard let data = try? JSONEncoder().encode(h),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return object.filter { $0.key != "pace" }.mapValues { value in
      if let list = value as? [Any] { return list.map { "\($0)" }.joined(separator: ",") }
      return "\(value)"
    }
  }
}
