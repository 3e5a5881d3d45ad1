import Foundation
import NeuralEngine
import Testing
import TrainingRuns

@testable import Figures

@Suite("MetricsTableExport")
struct MetricsTableExportTests {
  @Test("long format: run, epoch, the union of metrics sorted; NA for missing, nan/inf as Keras")
  func exactText() {
    let a = FigureRun(
      label: "baseline",
      log: makeLog(
        ["loss", "accuracy", "val_loss", "val_accuracy"], [[0.82, 0.71, 0.7, 0.74], [0.5, 1, 0.6, 0.8]]))
    let b = FigureRun(
      label: "l2, \"small\"",
      log: MetricLog(
        metricNames: ["loss", "learning_rate"],
        rows: [
          MetricRow(step: 0, values: ["loss": .nan, "learning_rate": 1e-05]),
          MetricRow(step: 1, values: ["loss": .infinity]),
        ]))
    let csv = MetricsTableExport(runs: [a, b]).csv()
    #expect(
      csv == #"""
        run,epoch,accuracy,learning_rate,loss,val_accuracy,val_loss
        baseline,0,0.71,NA,0.82,0.74,0.7
        baseline,1,1.0,NA,0.5,0.8,0.6
        "l2, ""small""",0,NA,1e-05,nan,NA,NA
        "l2, ""small""",1,NA,NA,inf,NA,NA

        """#)
  }

  @Test("no runs give just the header; write(to:) writes the same text, over a file only when told")
  func writeFile() throws {
    #expect(MetricsTableExport(runs: []).csv() == "run,epoch\n")
    let run = FigureRun(label: "r", log: makeLog(["loss"], [[0.5]]))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "figures-\(UUID().uuidString).csv"
    ).path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try MetricsTableExport(runs: [run]).write(to: path, existing: .refuse)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "run,epoch,loss\nr,0,0.5\n")
    let other = FigureRun(label: "s", log: makeLog(["loss"], [[0.25]]))
    #expect(throws: FileWriteError.self) {
      try MetricsTableExport(runs: [other]).write(to: path, existing: .refuse)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "run,epoch,loss\nr,0,0.5\n")
    try MetricsTableExport(runs: [other]).write(to: path, existing: .replace)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "run,epoch,loss\ns,0,0.25\n")
  }
}
