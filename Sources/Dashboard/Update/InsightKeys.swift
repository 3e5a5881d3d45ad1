import NeuralEngine
import TerminalUI

extension DashboardState {
  /// The keys of the insight panels: `i` samples (again: the most confident mistakes, one class,
  /// off), `I` the next class, `C` the confusion matrix, `w` the first layer's weights, `d` the
  /// speed of learning per layer. Nil when `key` is not theirs.
  mutating func handleInsightKey(_ key: Key) -> [Effect]? {
    let before = insightPanel
    switch key {
    case .character("i"):
      switch insightPanel {
      case .samples(.sample): insightPanel = .samples(.mistakes)
      case .samples(.mistakes): insightPanel = .samples(.byClass(0))
      case .samples(.byClass): insightPanel = nil
      default: insightPanel = .samples(.sample)
      }
    case .character("I"):
      let classes = max(chartedRun?.insight?.confusion.classes ?? 10, 1)
      if case .samples(.byClass(let k)) = insightPanel {
        insightPanel = .samples(.byClass((k + 1) % classes))
      } else {
        insightPanel = .samples(.byClass(0))
      }
    case .character("C"): insightPanel = insightPanel == .confusion ? nil : .confusion
    case .character("w"): insightPanel = insightPanel == .weights ? nil : .weights
    case .character("d"): insightPanel = insightPanel == .speed ? nil : .speed
    default: return nil
    }
    if insightPanel != nil { classroom.boundaryShown = false }
    if let panel = insightPanel, let missing = missingData(for: panel) { notice = missing }
    return weightsEffects(from: before)
  }

  /// `showWeights` for every active run (several in a parallel sweep; the charted one may be any)
  /// when the weights panel opens or closes.
  func weightsEffects(from before: InsightPanel?) -> [Effect] {
    guard (before == .weights) != (insightPanel == .weights) else { return [] }
    return activeRuns.map { .showWeights(runID: $0.id, insightPanel == .weights) }
  }

  /// Why the panel will stay empty for the charted run, if it will.
  private func missingData(for panel: InsightPanel) -> String? {
    guard let run = chartedRun else { return nil }
    if run.storedID != nil {
      return "insight panels show this session's runs (stored runs keep metrics only)"
    }
    switch panel {
    case .samples, .weights:
      if run.info != nil && run.samples == nil {
        return "\(panel.title.lowercased()) need images (Fashion-MNIST, MNIST, or a CSV with --image-shape)"
      }
    case .confusion, .speed: break
    }
    return nil
  }
}
