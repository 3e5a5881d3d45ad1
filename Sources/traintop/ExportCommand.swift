import ArgumentParser
import Figures
import Foundation
import LogDiscovery
import NeuralEngine
import SafeText
import TensorBoardLogs
import TrainingRuns

/// `traintop export`: figures and tables from stored runs (or any training log).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract:
      "Write stored runs as an SVG figure (Loss and Accuracy, train vs validation) and/or one CSV table.",
    discussion: """
      RUN is a run id in the runs directory, a run directory, a training log file \
      (Keras CSVLogger .csv, JSON lines, a TensorBoard event file, trainer_state.json), or a log \
      directory, whose every run is exported (as 'traintop watch DIR' finds them). Example:
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
  @Option(
    help: ArgumentHelp(
      "Write the first run's final confusion matrix (validation) as a CSV table.", valueName: "file"))
  var confusion: String?
  @Flag(
    help:
      "Add the first run's confusion matrix and most confident mistakes under the --svg figure (a handout).")
  var insight = false
  @Flag(help: "Replace --svg / --csv / --confusion files that already exist.")
  var force = false

  func run() throws {
    guard !runs.isEmpty else { throw DataError("export: name at least one run (see 'traintop runs')") }
    guard svg != nil || csv != nil || confusion != nil else {
      throw DataError("export: give --svg FILE, --csv FILE and/or --confusion FILE")
    }
    if insight && svg == nil { throw DataError("export: --insight adds to the figure; give --svg FILE too") }
    let store = RunStore(directory: runsDirectory)
    try checkOutputs(store: store)
    let sources = try runs.flatMap { try Self.sources($0, store: store) }
    let figureRuns = Self.label(sources)
    let writer = SafeWriter()
    let existing: SafeWriter.Existing = force ? .replace : .refuse
    // The first run named, as the help says: a log of another program has no matrix.
    let firstStored: StoredRun? = if case .stored(let run) = sources.first { run } else { nil }
    if confusion != nil || insight, firstStored?.summary.confusion == nil {
      throw DataError(
        "export: \(safePath: runs[0]) has no confusion matrix; it is kept by runs that finished an epoch "
          + "with traintop 0.9 or later (not by logs of other programs)")
    }
    if let confusion, let matrix = firstStored?.summary.confusion {
      try writer.write(ConfusionTableExport.csv(matrix), to: confusion, existing: existing)
      print("Wrote \(safePath: confusion)")
    }
    if let svg {
      var figure = SVGFigure(runs: figureRuns, title: title, logScaleLoss: logLoss)
      if insight, let run = firstStored, let matrix = run.summary.confusion {
        figure.handout = Self.handout(for: run, matrix: matrix, label: figureRuns.first?.label ?? run.id)
      }
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
    let outputs = [svg, csv, confusion].compactMap { $0 }
    if Set(outputs.map(SafeWriter.canonicalPath)).count < outputs.count {
      throw DataError("export: two outputs name the same file; give each its own path")
    }
    for path in outputs {
      if let folder = store.runFolder(containing: path) {
        throw DataError(
          "\(path): inside the run folder \(folder), whose files belong to the run store; "
            + "export somewhere else")
      }
      try SafeWriter.checkWritable(path, existing: force ? .replace : .refuse)
    }
  }

  /// The handout of `run`: its matrix, and its most confident mistakes drawn from its validation
  /// data, read again (when that fails — the data moved — the figure has the matrix only, and a
  /// line says why).
  static func handout(for run: StoredRun, matrix: ConfusionMatrix, label: String) -> Handout {
    var handout = Handout(runLabel: label, confusion: matrix)
    guard !run.summary.mistakes.isEmpty else { return handout }
    do {
      let data = try loadData(for: run.config)
      guard let shape = data.validation.imageShape else { return handout }
      handout.shape = shape
      handout.mistakes = run.summary.mistakes.filter { $0.index < data.validation.count }.map {
        ($0, SampleImage(data.validation, at: $0.index, shape: shape))
      }
    } catch {
      printError(
        "\(run.id): the mistakes' images are left out: \((error as? DataError)?.message ?? "\(error)")")
    }
    return handout
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

  /// What RUN names: a log file, a stored run (id or directory), or a log directory's runs.
  static func sources(_ name: String, store: RunStore) throws -> [Source] {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory)
    if exists, !isDirectory.boolValue {
      return appendedRuns(try fileRun(name)).map { .file($0) }
    }
    // One of our runs has config.json and metrics.csv; any other folder is a log directory.
    let isStoredRun = ["config.json", "metrics.csv"].allSatisfy {
      FileManager.default.fileExists(atPath: (name as NSString).appendingPathComponent($0))
    }
    if exists, !isStoredRun {
      return try directoryRuns(name)
    }
    return [.stored(try store.load(name))]
  }

  /// One log file: CSV, JSON lines, an event file or a `trainer_state.json`.
  static func fileRun(_ name: String) throws -> FigureRun {
    let fileName = (name as NSString).lastPathComponent
    let log: MetricLog
    do {
      if isEventFileName(fileName) {
        log = try EventFileLog.load(files: [name])
      } else {
        let data = try InputFile.contents(of: name, kind: "log", limit: InputFile.logLimit)
        let text = String(decoding: data, as: UTF8.self)
        log =
          fileName == "trainer_state.json"
          ? try TrainerState.parse(text, path: name) : LogParser.parse(text, format: LogFormat(path: name))
      }
    } catch let error as LogReadError {
      throw DataError(error.description)
    }
    guard !log.rows.isEmpty else {
      throw DataError(
        "\(safePath: name): no metric rows found; expected a Keras CSVLogger file, JSON lines, a TensorBoard "
          + "event file or trainer_state.json")
    }
    // An event file is named by its folder: the file names all look alike.
    let label =
      isEventFileName(fileName)
      ? ((name as NSString).deletingLastPathComponent as NSString).lastPathComponent : fileName
    return FigureRun(label: sanitizedName(label.isEmpty ? fileName : label), log: log.withSanitizedNames())
  }

  /// Every run of a log directory, named by its path inside it.
  static func directoryRuns(_ directory: String) throws -> [Source] {
    let scan = LogDirectory(root: directory).scan()
    guard !scan.runs.isEmpty else {
      let why = scan.problems.first.map { " (\($0))" } ?? ""
      throw DataError(
        "\(directory) holds no training logs\(why); expected event files, metrics.csv, CSV or JSON-lines "
          + "logs, or trainer_state.json in it or its folders")
    }
    let runs = try scan.runs.compactMap { run -> FigureRun? in
      let log: MetricLog
      do {
        log = try run.load()
      } catch let error as LogReadError {
        throw DataError(error.description)
      }
      return log.rows.isEmpty ? nil : FigureRun(label: sanitizedName(run.name), log: log.withSanitizedNames())
    }
    return runs.flatMap(appendedRuns).map { .file($0) }
  }

  /// A Keras CSV holding several runs (appended, epochs restarting) as one run each: `name`,
  /// `name #2`, …
  static func appendedRuns(_ run: FigureRun) -> [FigureRun] {
    let parts = run.log.runsAppended
    guard parts.count > 1 else { return [run] }
    return parts.enumerated().map { index, log in
      FigureRun(label: index == 0 ? run.label : "\(run.label) #\(index + 1)", log: log)
    }
  }
}
