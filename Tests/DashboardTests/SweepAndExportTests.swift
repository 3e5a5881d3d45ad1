import Foundation
import TerminalUI
import Testing
import TrainingRuns

@testable import Dashboard
@testable import NeuralEngine

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A launcher that keeps every run's settings, so a test can see what a sweep started.
final class RecordingLauncher: TrainingLauncher {
  var started: [(id: Int, settings: Hyperparameters)] = []
  var requests: [String] = []
  var queue: MessageQueue?
  func start(runID: Int, settings: Hyperparameters, queue: MessageQueue) {
    started.append((runID, settings))
    requests.append("start \(runID)")
    self.queue = queue
  }
  func send(_ request: RunRequest, toRun runID: Int) { requests.append("\(request) \(runID)") }
  func waitForAll(timeout: Double) { requests.append("wait") }
}

/// The events of a short finished run.
func finishedRun(_ h: Hyperparameters, epochs: Int = 2) -> [TrainingEvent] {
  let history = (0..<epochs).map(Fixtures.epoch)
  return [.started(Fixtures.info)] + history.map { .epochEnded($0) } + [
    .ended(
      RunSummary(
        status: .finished, reason: nil, epochs: history, config: h, trainCount: 800, validationCount: 200))
  ]
}

@Suite struct SweepTests {
  /// Lists whose combinations pass the limit are refused as they are typed: expanding 10⁸
  /// combinations hung the dashboard.
  @Test func aGridBeyondTheLimitIsRefusedWhenTyped() {
    var s = DashboardState(settings: Fixtures.settings, width: 120, height: 40)
    let hundred = (1...100).map(String.init).joined(separator: ",")
    s.edit(.batchSize, to: hundred)
    s.edit(.epochs, to: hundred)
    #expect(s.runsPanel.sweepLists.count == 2)
    s.edit(.seed, to: "1,2")
    #expect(
      s.editor?.error
        == "sweep: 100 batch size × 100 epochs × 2 seed make 20000 runs; traintop runs at most 10000 in one sweep: give fewer values"
    )
    _ = s.press(.escape)
    #expect(s.runsPanel.sweepLists[.seed] == nil)
    #expect(s.sweepGrid().count == 10_000)
  }

  @Test func commaListsBecomeSweepValuesAndGQueuesTheGrid() {
    var s = DashboardState(settings: Fixtures.settings, width: 120, height: 40)
    _ = s.press(.character("g"))
    #expect(s.notice?.contains("comma list") == true)
    s.edit(.batchSize, to: "100, 200")
    #expect(s.editor == nil)
    #expect(s.settings.batchSize == 100)
    #expect(s.runsPanel.sweepLists[.batchSize] == ["100", "200"])
    s.edit(.dropout, to: "0,0.3")
    #expect(s.notice == "dropout: 2 values; g queues all 4 combinations")
    #expect(s.screen.text.contains("batch size  100,200"))
    _ = s.press(.escape)  // the notice gives way to the keys
    #expect(s.screen.text.contains("g queue sweep"))
    // A bad value anywhere in the list is refused like a bad single value.
    s.edit(.learningRate, to: "0.1,-1")
    #expect(s.editor?.error != nil)
    _ = s.press(.escape)
    #expect(s.runsPanel.sweepLists[.learningRate] == nil)

    let effects = s.press(.character("g"))
    #expect(effects.count == 1)
    guard case .startRun(1, let first) = effects.first else {
      Issue.record("expected run 1 to start, got \(effects)")
      return
    }
    // The upper setting in the panel changes slowest.
    #expect(first.batchSize == 100 && first.dropout == 0)
    #expect(
      s.runsPanel.queue.map { [$0.batchSize, Int($0.dropout * 10)] } == [[200, 0], [100, 3], [200, 3]])
    #expect(s.runsPanel.sweepLists.isEmpty)
    let text = s.screen.text
    #expect(text.contains("sweep 1/4"))
    #expect(text.contains("q1 queued"))
  }

  @Test func theQueueRunsOneAfterAnotherAndSStopsIt() {
    var s = DashboardState(settings: Fixtures.settings)
    s.edit(.batchSize, to: "100,200,400")
    var started = s.press(.character("g"))
    for id in 1...2 {
      guard case .startRun(id, let h) = started.first else {
        Issue.record("run \(id) did not start: \(started)")
        return
      }
      started = []
      for event in finishedRun(h) { started += s.update(.training(runID: id, event)) }
    }
    #expect(s.runs.map(\.settings.batchSize) == [100, 200, 400])
    #expect(s.runsPanel.queue.isEmpty)
    // s stops the third run; nothing is queued any more.
    #expect(s.press(.character("s")) == [.stop(runID: 3)])
    s.edit(.batchSize, to: "100,200")
    _ = s.press(.character("g"))  // queued behind the active run 3
    #expect(s.runsPanel.queue.count == 2)
    #expect(s.press(.character("s")) == [.stop(runID: 3)])
    #expect(s.runsPanel.queue.isEmpty)
    #expect(s.notice == "sweep stopped: 2 queued run(s) dropped")
  }

  /// The flow through the runtime: fake launcher, manual clock, scripted keys.
  @Test func sweepThroughTheRuntime() {
    var state = DashboardState(settings: Fixtures.settings)
    state.edit(.batchSize, to: "100,200")
    state.edit(.dropout, to: "0,0.3")
    let terminal = ScriptedTerminal([.key(.character("g"))] + Array(repeating: nil, count: 12))
    let launcher = RecordingLauncher()
    let clock = ManualClock()
    var finished = 0
    terminal.beforePoll = { _ in
      clock.advance(by: 0.5)
      // Each poll, the latest started run finishes.
      guard let last = launcher.started.last, last.id > finished else { return }
      for event in finishedRun(last.settings) { launcher.queue?.push(.training(runID: last.id, event)) }
      finished = last.id
    }
    let runtime = DashboardRuntime(state: state, backend: terminal, clock: clock, launcher: launcher)
    runtime.maxFramesPerSecond = .infinity
    runtime.run()
    #expect(launcher.requests == ["start 1", "start 2", "start 3", "start 4", "wait"])
    #expect(
      launcher.started.map { "\($0.settings.batchSize)/\($0.settings.dropout)" } == [
        "100/0.0", "200/0.0", "100/0.3", "200/0.3",
      ])
    #expect(runtime.state.runs.allSatisfy { $0.phase == .finished })
    #expect(terminal.frames.contains { $0.text.contains("sweep done: 4 runs") })
    #expect(terminal.frames.contains { $0.text.contains("sweep 2/4") })
  }
}

@Suite struct ExportTests {
  @Test func eExportsTheChartedAndOverlaidRuns() {
    var s = Fixtures.state(width: 120, height: 40)
    s.runsPanel.directory = "/tmp/x"
    let effects = s.press(.character("e"))
    guard case .export(let request) = effects.first else {
      Issue.record("expected an export, got \(effects)")
      return
    }
    #expect(request.directory == "/tmp/x")
    #expect(request.runs.map(\.label) == ["run 2", "run 1 (dropout 0, lr 0.001)"])
    #expect(request.runs[0].log.rows.count == 4)
    _ = s.press(.character("o"))
    guard case .export(let alone) = s.press(.character("e")).first else { return }
    #expect(alone.runs.map(\.label) == ["run 2"])
  }

  @Test func nothingToExportBeforeARun() {
    var s = DashboardState(settings: Fixtures.settings)
    #expect(s.press(.character("e")).isEmpty)
    #expect(s.notice?.hasPrefix("nothing to export") == true)
  }

  @Test func theRuntimeWritesAWellFormedSVGAndTheCSV() throws {
    let dir = TempRunsDirectory()
    defer { dir.remove() }
    let terminal = Fixtures.pressExport(runsDirectory: dir.path)
    let svgPath = dir.path + "/export-20261125-120000.svg"
    let csvPath = dir.path + "/export-20261125-120000.csv"
    #expect(terminal.frames.contains { $0.text.contains("exported \(svgPath) + .csv") })
    let svg = try #require(FileManager.default.contents(atPath: svgPath))
    let parser = XMLParser(data: svg)
    let names = ElementNames()
    parser.delegate = names
    #expect(parser.parse(), "the SVG parses as XML")
    #expect(names.root == "svg")
    #expect(names.count["polyline", default: 0] + names.count["path", default: 0] >= 4)
    let text = String(decoding: svg, as: UTF8.self)
    #expect(text.contains("run 1 (dropout 0, lr 0.001)"))
    let csv = try String(contentsOfFile: csvPath, encoding: .utf8)
    #expect(csv.hasPrefix("run,epoch,accuracy,loss,val_accuracy,val_loss\n"))
    #expect(csv.split(separator: "\n").count == 1 + 4 + 12)
  }

  @Test func aFailedExportIsReported() {
    var state = Fixtures.state(width: 120, height: 40)
    state.runsPanel.directory = "/proc/traintop-cannot-write"
    let terminal = ScriptedTerminal([.key(.character("e")), nil])
    let runtime = DashboardRuntime(
      state: state, backend: terminal, clock: ManualClock(), launcher: RecordingLauncher())
    runtime.maxFramesPerSecond = .infinity
    runtime.run()
    #expect(terminal.frames.contains { $0.text.contains("export failed: /proc/traintop-cannot-write") })
  }
}

/// Counts element names while parsing.
final class ElementNames: NSObject, XMLParserDelegate {
  var root: String?
  var count: [String: Int] = [:]
  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String] = [:]
  ) {
    if root == nil { root = name }
    count[name, default: 0] += 1
  }
}
