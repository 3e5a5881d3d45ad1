import Foundation
import Testing

@testable import Dashboard
@testable import NeuralEngine

/// A long run keeps chart memory bounded and still draws (frame speed is measured by the
/// dashboard benchmark, not here).
@Suite struct ViewCostTests {
  @Test func aFiveThousandEpochRunStaysBounded() {
    var s = DashboardState(settings: Fixtures.settings, width: 120, height: 40)
    _ = s.update(.key(.character(" ")))
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    for e in 0..<5000 {
      for event in Fixtures.batches(epoch: e % 12).prefix(2) {
        guard case .batch(var p) = event else { continue }
        p.epoch = e
        _ = s.update(.training(runID: 1, .batch(p)))
      }
      var m = Fixtures.epoch(e % 12)
      m.epoch = e
      _ = s.update(.training(runID: 1, .epochEnded(m)))
    }
    // Memory stays bounded: every epoch kept (for export), batch points thinned to the cap.
    let run = s.runs[0]
    #expect(run.epochs.count == 5000)
    #expect(run.batchPoints.count <= RunRecord.batchPointCap)
    #expect(run.batchPoints.count > RunRecord.batchPointCap / 4)
    // A frame still draws both charts over the whole run (no timing here: speed is for benchmarks).
    let text = s.screen.text
    #expect(text.contains("Loss") && text.contains("Accuracy") && text.contains("5000"))
  }
}
