import Figures
import Foundation

/// What `e` asks the runtime to write: the runs on screen, as a figure and a metrics table.
public struct ExportRequest: Sendable, Equatable {
  public var runs: [FigureRun]
  /// The runs directory; the files go straight into it.
  public var directory: String
  public var logScaleLoss: Bool

  public init(runs: [FigureRun], directory: String, logScaleLoss: Bool) {
    self.runs = runs
    self.directory = directory
    self.logScaleLoss = logScaleLoss
  }

  /// Writes `export-<stamp>.svg` and `export-<stamp>.csv` and returns their paths.
  public func write(stamp: String) throws -> [String] {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let base = (directory as NSString).appendingPathComponent("export-\(stamp)")
    let svg = SVGFigure(runs: runs, title: "traintop", logScaleLoss: logScaleLoss).render()
    try Data(svg.utf8).write(to: URL(fileURLWithPath: base + ".svg"), options: .atomic)
    try MetricsTableExport(runs: runs).write(to: URL(fileURLWithPath: base + ".csv"))
    return [base + ".svg", base + ".csv"]
  }

  /// `20261125-143005`: the local wall-clock time, sortable.
  public static func stamp(_ date: Date = Date()) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.dateFormat = "yyyyMMdd-HHmmss"
    return f.string(from: date)
  }
}
