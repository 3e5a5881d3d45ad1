import Foundation
import NeuralEngine

/// A preset the picker offers: its name, one-line summary and settings, or why it cannot run here.
public struct PresetChoice: Sendable, Equatable {
  public var name: String
  public var summary: String
  /// nil when the preset's file could not be read (`problem` says why).
  public var settings: Hyperparameters?
  /// The runs the preset queues besides its settings (its `sweep` key); nil for a single run.
  public var sweep: SweepPlan?
  /// Why the preset cannot run as it is: a broken file, or a dataset that is not installed
  /// (with how to install it).
  public var problem: String?

  public init(
    name: String, summary: String, settings: Hyperparameters?, sweep: SweepPlan? = nil, problem: String? = nil
  ) {
    self.name = name
    self.summary = summary
    self.settings = settings
    self.sweep = sweep
    self.problem = problem
  }

  /// Every preset `Presets` knows, loaded once (when the dashboard starts), with a note for those
  /// whose dataset is missing: the loader's message, which says how to install it.
  public static func available(catalog: DatasetCatalog = .standard) -> [PresetChoice] {
    Presets.names().map { name in
      let summary = Presets.summary(of: name) ?? "your preset (\(name).json)"
      do {
        let (settings, sweep) = try Presets.study(name)
        var problem: String?
        if let dataset = settings.dataset, DatasetCatalog.idxDatasetNames.contains(dataset) {
          do {
            _ = try catalog.resolve(dataset)
          } catch {
            problem = (error as? DataError)?.message ?? "\(error)"
          }
        }
        return PresetChoice(name: name, summary: summary, settings: settings, sweep: sweep, problem: problem)
      } catch {
        return PresetChoice(
          name: name, summary: summary, settings: nil, problem: (error as? DataError)?.message ?? "\(error)")
      }
    }
  }
}

/// The open preset picker (`p`): which row is highlighted.
public struct PresetPicker: Sendable, Equatable {
  public var selected = 0
}

/// The state of the classroom features: presets, the decision boundary panel, presentation mode.
public struct ClassroomState: Sendable, Equatable {
  /// What the picker lists (set by the command from `PresetChoice.available()`).
  public var presets: [PresetChoice] = []
  /// The picker, while it is open.
  public var picker: PresetPicker?
  /// The decision boundary panel: nil shows it automatically (2-D data, room for it).
  public var boundaryShown: Bool?
  /// Charts on the whole screen, thick lines, bold labels, no editor (`--present`, `P`).
  public var presenting = false
  /// The `traintop train …` popup (`x`).
  public var showCommandLine = false

  public init() {}
}
