import NeuralEngine
import TerminalUI

extension DashboardState {
  /// The keys of the classroom features (`p` presets, `b` boundary, `P` presentation, `x` command
  /// line) and of their popups; nil when `key` is not theirs and the usual keys apply.
  mutating func handleClassroomKey(_ key: Key) -> [Effect]? {
    if classroom.picker != nil { return pickerKey(key) }
    if classroom.showCommandLine {
      // Any key closes the command line; q still quits.
      classroom.showCommandLine = false
      return key == .character("q") ? nil : []
    }
    let editingKeys: [Key] = [.enter, .left, .right, .tab, .backTab, .up, .down]
    if classroom.presenting && editingKeys.contains(key) {
      notice = "press P to leave presentation mode and edit the settings"
      return []
    }
    switch key {
    case .character("p"):
      if classroom.presets.isEmpty {
        notice = "no presets found (see Examples/presets/README.md)"
      } else {
        let current = classroom.presets.firstIndex { $0.settings == settings } ?? 0
        classroom.picker = PresetPicker(selected: current)
      }
    case .character("b"):
      let shown = !boundaryPanelVisible || insightPanel != nil
      classroom.boundaryShown = shown
      if shown && chartedRun?.boundary == nil {
        notice =
          "the decision boundary shows for 2-D datasets (spiral, circles, xor, gaussian, moons) once a run starts"
      }
      let before = insightPanel
      if shown { insightPanel = nil }
      return weightsEffects(from: before)
    case .character("P"):
      classroom.presenting.toggle()
    case .character("x"):
      classroom.showCommandLine = true
    default:
      return nil
    }
    return []
  }

  private mutating func pickerKey(_ key: Key) -> [Effect]? {
    guard var picker = classroom.picker else { return nil }
    let count = classroom.presets.count
    switch key {
    case .up, .character("k"): picker.selected = max(0, picker.selected - 1)
    case .down, .character("j"): picker.selected = min(count - 1, picker.selected + 1)
    case .home: picker.selected = 0
    case .end: picker.selected = count - 1
    case .escape, .character("p"):
      classroom.picker = nil
      return []
    case .character("q"):
      classroom.picker = nil
      return nil
    case .enter:
      classroom.picker = nil
      loadPreset(classroom.presets[picker.selected])
      return []
    default: break
    }
    classroom.picker = picker
    return []
  }

  /// Puts the preset's settings in the editor (they apply to the next run, like any edit); a
  /// preset that is a study of several runs also fills the sweep lists, so `g` queues them all.
  private mutating func loadPreset(_ preset: PresetChoice) {
    guard let h = preset.settings else {
      notice = preset.problem ?? "preset \(preset.name) cannot be loaded"
      return
    }
    settings = h
    editor = nil
    runsPanel.sweepLists = [:]
    var loaded = "preset \(preset.name) loaded"
    if let plan = preset.sweep {
      loaded += ": " + loadSweepPlan(plan)
    } else {
      loaded += ": " + (activeRun != nil ? "n starts it (the current run stops)" : "Space starts it")
    }
    notice = preset.problem.map { "\(loaded), but: \($0)" } ?? loaded
  }
}
