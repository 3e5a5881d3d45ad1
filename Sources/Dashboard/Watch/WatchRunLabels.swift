import TrainingRuns

extension WatchState {
  /// The settings that tell the runs apart: keys whose value is not the same in every run that
  /// has settings (hparams.yaml, config.json), at most `maximumLabelSettings`, sorted.
  public var differingSettingKeys: [String] {
    let withSettings = runs.filter { !$0.settings.isEmpty }
    guard withSettings.count > 1 else { return [] }
    let keys = Set(withSettings.flatMap(\.settings.keys))
    return keys.filter { key in Set(withSettings.map { $0.settings[key] ?? "-" }).count > 1 }.sorted()
      .prefix(Self.maximumLabelSettings).map { $0 }
  }

  /// At most this many settings name a run in the legend.
  public static let maximumLabelSettings = 3

  /// How the legend names `run`: the settings that differ (`lr 0.01, batch_size 32`), else its name.
  public func label(of run: WatchRun, keys: [String]? = nil) -> String {
    let keys = keys ?? differingSettingKeys
    guard !keys.isEmpty, !run.settings.isEmpty else { return run.name }
    return keys.map { "\($0) \(run.settings[$0] ?? "-")" }.joined(separator: ", ")
  }
}
