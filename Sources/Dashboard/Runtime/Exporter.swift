import Figures
import Foundation
import NeuralEngine

/// What `e` asks the runtime to write: the runs on screen, as a figure and a metrics table.
public struct ExportRequest: Sendable, Equatable {
  public var runs: [FigureRun]
  /// The runs directory; the files go straight into it (never into a run's folder).
  public var directory: String
  public var logScaleLoss: Bool

  public init(runs: [FigureRun], directory: String, logScaleLoss: Bool) {
    self.runs = runs
    self.directory = directory
    self.logScaleLoss = logScaleLoss
  }

  /// Writes `export-<stamp>.svg` and `export-<stamp>.csv` and returns their paths. Nothing is
  /// overwritten: when either name is taken (two exports in one second) the pair becomes
  /// `export-<stamp>-2.*`, and so on, and the returned paths say which.
  public func write(stamp: String, writer: SafeWriter = SafeWriter()) throws(FileWriteError) -> [String] {
    try writer.makeFolders(directory, advice: "choose another runs directory with --runs DIR")
    let svg = SVGFigure(runs: runs, title: "traintop", logScaleLoss: logScaleLoss).render()
    let table = MetricsTableExport(runs: runs)
    for n in 1...1000 {
      let base = (directory as NSString).appendingPathComponent(
        n == 1 ? "export-\(stamp)" : "export-\(stamp)-\(n)")
      do {
        try writer.write(svg, to: base + ".svg", existing: .refuse)
      } catch  where error.code == EEXIST {
        continue
      }
      do {
        try table.write(to: base + ".csv", existing: .refuse, writer: writer)
      } catch {
        unlink(base + ".svg")
        if error.code == EEXIST { continue }
        throw error
      }
      return [base + ".svg", base + ".csv"]
    }
    throw FileWriteError(
      path: directory, code: EEXIST, detail: "every export-\(stamp) name is taken; remove old exports")
  }

  /// `20261125-143005`: the local wall-clock time, sortable.
  public static func stamp(_ date: Date = Date()) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.dateFormat = "yyyyMMdd-HHmmss"
    return f.string(from: date)
  }
}
