import ArgumentParser
import Figures
import Foundation
import NeuralEngine
import SafeText
import TrainingRuns

/// `traintop export`: figures and tables from stored runs (or any training log).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Write stored runs as an SVG figure (Loss and Accuracy, train vs validation) and/or one CSV table.",
    discussion: """
      RUN is a run id in the runs directory, a run directory, or a training log file \
      (Keras CSVLogger .csv or JSON lines). Example:
        traintop export 20261125-143005 20261125-150112 --svg report.svg --csv runs.csv
      An existing file is replaced only with --force; nothing is written into a run's folder, \
      and --svg and --csv must name two different files.
      """)

  @Argument(help: ArgumentHelp("Runs to export.", valueName: "run"))
  var runs: [String] = []
  @Option(help: ArgumentHelp("Write the figure to this SVG file.", valueName: "file"))
  var svg: String?
  @Option(
    help: ArgumentHelp("Write the runs' metrics as one CSV table (run,epoch,metrics…).", valueName: "file"))
  var csv: String?
  @Option(
    name: .customLong("runs"),
    help: ArgumentHelp("The runs directory (default traintop-runs).", valueName: "dir"))
  var runsDirectory = RunStore.defaultDirectory
  @Option(help: "A title above the figure.")
  var title: String?
  @Flag(help: "Log-scale y axis for the loss panel.")
  var logLoss = false
  @Flag(help: "Replace --svg / --csv files that already exist.")
  var force = false

  func run() throws {
    guard !runs.isEmpty else { throw DataError("export: name at least one run (see 'traintop runs')") }
    guard svg != nil || csv != nil else { throw DataError("export: give --svg FILE and/or --csv FILE") }
    let store = RunStore(directory: runsDirectory)
    try checkOutputs(store: store)
    let sources = try runs.map { try Self.source($0, store: store) }
    let figureRuns = Self.label(sources)
    let writer = SafeWriter()
    let existing: SafeWriter.Existing = force ? .replace : .refuse
    if let svg {
      let figure = SVGFigure(runs: figureRuns, title: title, logScaleLoss: logLoss)
      try writer.write(figure.render(), to: svg, existing: existing)
      print("Wrote \(safePath: svg)")
    }
    if let csv {
      try MetricsTableExport(runs: figureRuns).write(to: csv, existing: existing, writer: writer)
      print("Wrote \(safePath: csv)")
    }
  }

  /// Refuses, before reading or writing anything: one file for both outputs, an output inside
  /// a run's folder (even with `--force`: those files belong to the run store), and an existing
  /// file without `--force`.
  func checkOutputs(store: RunStore) throws {
    if let svg, let csv, SafeWriter.canonicalPath(svg) == SafeWriter.canonicalPath(csv) {
      throw DataError(
        "export: --svg \(safePath: svg) and --csv \(safePath: csv) name the same file; give two different paths"
      )
    }
    for path in [svg, csv].compactMap({ $0 }) {
      if let folder = store.runFolder(containing: path) {
        throw DataError(
          "\(path): inside the run folder \(folder), whose files belong to the run store; "
            + "export somewhere else")
      }
      try SafeWriter.checkWritable(path, existing: force ? .replace : .refuse)
    }
  }

  /// A stored run or a log file, not yet labelled.
  enum Source {
    case stored(StoredRun)
    case file(FigureRun)
  }

  /// Labels stored runs by the settings that tell them apart (their id when none do).
  static func label(_ sources: [Source]) -> [FigureRun] {
    let stored = sources.compactMap { if case .stored(let r) = $0 { r } else { nil } }
    let keys = RunComparison(runs: stored).differingKeys
    return sources.map { source in
      switch source {
      case .file(let run): return run
      case .stored(let run):
        let settings = RunComparison.settings(run.config)
        let parts = keys.map { "\($0.replacingOccurrences(of: "_", with: " ")) \(settings[$0] ?? "-")" }
        return FigureRun(
          label: parts.isEmpty ? run.id : parts.joined(separator: ", "), log: run.log,
          marks: FigureMark.changes(run.summary.changes, batchesPerEpoch: run.summary.batchesPerEpoch))
      }
    }
  }

  static func source(_ name: String, store: RunStore) throws -> Source {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), !isDirectory.boolValue {
      let data = try InputFile.contents(of: name, kind: "log", limit: InputFile.logLimit)
      let text = String(decoding: data, as: UTF8.self)
      let log = LogParser.parse(text, format: LogFormat(path: name))
      guard !log.rows.isEmpty else {
        throw DataError(
          "\(safePath: name): no metric rows found; expected a Keras CSVLogger file or JSON lines")
      }
      return .file(FigureRun(label: (name as NSString).lastPathComponent, log: log))
    }
    return .stored(try store.load(name))
  }
}
