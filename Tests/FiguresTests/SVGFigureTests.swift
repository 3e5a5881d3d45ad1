import Foundation
import NeuralEngine
import TerminalUI
import Testing
import TrainingRuns

@testable import Figures

@Suite("SVGFigure")
struct SVGFigureTests {
  static let names = ["accuracy", "loss", "val_accuracy", "val_loss"]
  /// Run A: val_loss lowest at epoch index 2, val_accuracy highest at index 3.
  static let runA = FigureRun(
    label: "baseline",
    log: makeLog(
      names,
      [
        [0.60, 1.20, 0.62, 1.10], [0.75, 0.80, 0.74, 0.70], [0.85, 0.50, 0.80, 0.55],
        [0.90, 0.35, 0.83, 0.58], [0.95, 0.20, 0.81, 0.66],
      ]))
  /// Run B: three epochs, val_loss still falling, val_accuracy best at index 1 (tie with 2 → first).
  static let runB = FigureRun(
    label: "dropout 0.4",
    log: makeLog(names, [[0.55, 1.40, 0.58, 1.30], [0.70, 0.95, 0.71, 0.90], [0.78, 0.75, 0.71, 0.80]]))

  @Test("the figure is well-formed XML with a Loss and an Accuracy panel side by side")
  func structure() throws {
    let svg = try ParsedSVG(SVGFigure(runs: [Self.runA, Self.runB]).render())
    #expect(svg.root.localName == "svg")
    #expect(svg.root.attr("viewBox") == "0 0 1000 420")
    #expect(svg.root.attr("font-family") == "sans-serif")
    #expect(svg.panels.map { $0.attr("data-metric") } == ["loss", "accuracy"])
    let titles = svg.elements("text", classes: ["panel-title"]).map(\.stringValue)
    #expect(titles == ["Loss", "Accuracy"])
    let axisTitles = svg.elements("text", classes: ["axis-title"]).map { $0.stringValue ?? "" }
    #expect(axisTitles == ["epoch", "loss", "epoch", "accuracy"])
    // No external resources.
    #expect(svg.all().allSatisfy { $0.localName != "image" && $0.attr("href") == nil })
  }

  @Test("one path per series, train solid and validation dashed, one point per epoch")
  func seriesPaths() throws {
    let svg = try ParsedSVG(SVGFigure(runs: [Self.runA, Self.runB]).render())
    for metric in ["loss", "accuracy"] {
      let paths = svg.elements("path", in: try svg.panel(metric))
      #expect(paths.count == 4)
      let described = paths.map { "\($0.attr("data-run")!)/\($0.attr("data-series")!)" }
      #expect(
        described == [
          "baseline/\(metric)", "baseline/val_\(metric)", "dropout 0.4/\(metric)",
          "dropout 0.4/val_\(metric)",
        ])
      for path in paths {
        let expected = path.attr("data-run") == "baseline" ? 5 : 3
        let parts = subpaths(path.attr("d")!)
        #expect(parts.count == 1)
        #expect(parts[0].count == expected)
        let isValidation = path.attr("data-series")!.hasPrefix("val_")
        #expect((path.attr("stroke-dasharray") != nil) == isValidation)
        #expect(path.attr("class") == (isValidation ? "line validation" : "line train"))
      }
      // Same hue within a run, different hues between runs.
      let colors = paths.map { $0.attr("stroke")! }
      #expect(colors[0] == colors[1] && colors[2] == colors[3] && colors[0] != colors[2])
    }
  }

  @Test("tick labels are NiceTicks' labels for the data range; epochs are shown 1-based")
  func tickLabels() throws {
    let svg = try ParsedSVG(SVGFigure(runs: [Self.runA, Self.runB]).render())
    let loss = try svg.panel("loss")
    // Nice ticks at whole epochs only (1…5 would get half epochs).
    let xTicks = NiceTicks.ticks(lower: 1, upper: 5, count: 6).filter { $0 == $0.rounded() }
    #expect(svg.tickLabels("x-axis", in: loss) == NiceTicks.labels(for: xTicks))
    #expect(svg.tickLabels("x-axis", in: loss) == ["1", "2", "3", "4", "5"])
    let bounds = NiceTicks.niceBounds(lower: 0.20, upper: 1.40, count: 5)
    let expected = NiceTicks.labels(for: NiceTicks.ticks(lower: bounds.lower, upper: bounds.upper, count: 5))
    #expect(svg.tickLabels("y-axis", in: loss) == expected)
    #expect(expected == ["0.2", "0.4", "0.6", "0.8", "1.0", "1.2", "1.4"])
    let accuracy = try svg.panel("accuracy")
    #expect(svg.tickLabels("y-axis", in: accuracy) == ["0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
  }

  @Test("30 epochs get ticks every 5 epochs, at 5 … 30")
  func epochTicks() throws {
    let rows: [[Double]] = (1...30).map { (e: Int) -> [Double] in [1 / Double(e), 1.2 / Double(e)] }
    let run = FigureRun(label: "r", log: makeLog(["loss", "val_loss"], rows))
    let svg = try ParsedSVG(SVGFigure(runs: [run]).render())
    #expect(svg.tickLabels("x-axis", in: try svg.panel("loss")) == ["5", "10", "15", "20", "25", "30"])
  }

  @Test("the legend names each run, the line styles and the marker")
  func legend() throws {
    let svg = try ParsedSVG(SVGFigure(runs: [Self.runA, Self.runB]).render())
    let legend = try #require(svg.elements("g", classes: ["legend"]).first)
    let texts = svg.elements("text", in: legend).map { $0.stringValue ?? "" }
    #expect(texts == ["baseline", "dropout 0.4", "train", "validation", "best validation epoch"])
    let runLines = svg.elements("line", in: legend).prefix(2).map { $0.attr("stroke") }
    #expect(runLines == [Palette.color(0), Palette.color(1)])
  }

  @Test("best-epoch markers: min val_loss on Loss, max val_accuracy on Accuracy, first on ties")
  func markers() throws {
    let svg = try ParsedSVG(SVGFigure(runs: [Self.runA, Self.runB]).render())
    func markers(_ metric: String) throws -> [String: String] {
      let groups = svg.elements("g", classes: ["best-marker"], in: try svg.panel(metric))
      return Dictionary(uniqueKeysWithValues: groups.map { ($0.attr("data-run")!, $0.attr("data-epoch")!) })
    }
    // 0-based index 2 is epoch 3 on screen.
    #expect(try markers("loss") == ["baseline": "3", "dropout 0.4": "3"])
    #expect(try markers("accuracy") == ["baseline": "4", "dropout 0.4": "2"])
    // The marker sits on the validation line's point for that epoch, labelled with it.
    let loss = try svg.panel("loss")
    let marker = try #require(svg.elements("g", classes: ["best-marker"], in: loss).first)
    let circle = try #require(svg.elements("circle", in: marker).first)
    let path = try #require(svg.elements("path", in: loss).first { $0.attr("data-series") == "val_loss" })
    let point = subpaths(path.attr("d")!)[0][2]
    #expect(Double(circle.attr("cx")!) == point.x)
    #expect(Double(circle.attr("cy")!) == point.y)
    #expect(svg.elements("text", in: marker).first?.stringValue == "epoch 3")
  }

  @Test("settings changed mid-run: a dashed line at the point, labelled, in the run's colour")
  func changeMarks() throws {
    var run = Self.runA
    run.marks = FigureMark.changes(
      [SettingChange(epoch: 2, batch: 5, setting: .learningRate, value: 0.05, previous: 0.5)],
      batchesPerEpoch: 10)
    #expect(run.marks == [FigureMark(x: 2.5, label: "lr 0.5→0.05")])
    let svg = try ParsedSVG(SVGFigure(runs: [run, Self.runB]).render())
    for metric in ["loss", "accuracy"] {
      let panel = try svg.panel(metric)
      let line = try #require(svg.elements("line", classes: ["change"], in: panel).first)
      #expect(line.attr("stroke") == "#0072B2")
      #expect(line.attr("x1") == line.attr("x2"))
      #expect(
        svg.elements("text", classes: ["change-label"], in: panel).map(\.stringValue) == ["lr 0.5→0.05"])
      // Halfway between the points of epochs 2 and 3 (x = 2 and 3 on the axis).
      let path = try #require(
        svg.elements("path", in: panel).first { $0.attr("data-series") == "val_\(metric)" })
      let points = subpaths(path.attr("d")!)[0]
      #expect(abs(Double(line.attr("x1")!)! - (points[1].x + points[2].x) / 2) < 0.01)
    }
  }

  @Test("run labels are escaped and read back unchanged")
  func escaping() throws {
    let label = "a<b & \"c\" 'd'"
    let run = FigureRun(label: label, log: Self.runA.log)
    let text = SVGFigure(runs: [run], title: "<Fig & 1>").render()
    #expect(text.contains("a&lt;b &amp; &quot;c&quot; &apos;d&apos;"))
    #expect(!text.contains("a<b"))
    let svg = try ParsedSVG(text)
    let legend = try #require(svg.elements("g", classes: ["legend"]).first)
    #expect(svg.elements("text", in: legend).first?.stringValue == label)
    #expect(svg.elements("path").allSatisfy { $0.attr("data-run") == label })
    #expect(svg.elements("text", classes: ["figure-title"]).first?.stringValue == "<Fig & 1>")
    #expect(escapeXML("bell\u{07}") == "bell\u{FFFD}")
  }

  @Test("NaN and infinite values break the line into subpaths; a lone point becomes a dot")
  func gaps() throws {
    let losses = [1.0, 0.8, .nan, 0.6, 0.5, 0.45, .infinity, 0.4, -.infinity]
    let run = FigureRun(label: "r", log: makeLog(["loss"], losses.map { [$0] }))
    let svg = try ParsedSVG(SVGFigure(runs: [run]).render())
    let path = try #require(svg.elements("path").first)
    #expect(subpaths(path.attr("d")!).map(\.count) == [2, 3, 1])
    #expect(svg.elements("circle", classes: ["dot"]).count == 1)
    // The axis covers only the finite values.
    #expect(svg.tickLabels("y-axis", in: try svg.panel("loss")).first == "0.4")
  }

  @Test("any metric pairs: a watched log with mae/val_mae gets one MAE panel")
  func otherMetrics() throws {
    let run = FigureRun(
      label: "keras",
      log: makeLog(
        ["mae", "val_mae", "learning_rate"], [[3, 3.5, 0.01], [2, 2.2, 0.01], [1.5, 2.4, 0.001]]))
    let figure = SVGFigure(runs: [run])
    #expect(figure.metrics.map(\.train) == ["mae"])
    #expect(figure.metrics.map(\.validation) == ["val_mae"])
    let svg = try ParsedSVG(figure.render())
    #expect(svg.root.attr("viewBox") == "0 0 500 420")
    #expect(svg.elements("text", classes: ["panel-title"]).first?.stringValue == "MAE")
    let marker = try #require(svg.elements("g", classes: ["best-marker"]).first)
    #expect(marker.attr("data-epoch") == "2")
    // Explicit pairs, including an unpaired metric, in the given order.
    let explicit = try ParsedSVG(
      SVGFigure(
        runs: [run],
        metrics: [(train: "learning_rate", validation: nil), (train: "mae", validation: "val_mae")]
      ).render())
    #expect(explicit.panels.map { $0.attr("data-metric") } == ["learning_rate", "mae"])
    #expect(explicit.elements("g", classes: ["best-marker"], in: try explicit.panel("learning_rate")).isEmpty)
  }

  @Test("log-scale loss uses NiceTicks' log ticks; accuracy stays linear")
  func logScale() throws {
    let svg = try ParsedSVG(SVGFigure(runs: [Self.runA, Self.runB], logScaleLoss: true).render())
    let loss = try svg.panel("loss")
    let labels = svg.tickLabels("y-axis", in: loss)
    let axis = FigureAxis.log(lower: 0.2, upper: 1.4)
    #expect(
      labels == NiceTicks.logLabels(for: NiceTicks.logTicks(lower: axis.lower, upper: axis.upper, count: 5)))
    #expect(labels == ["0.2", "0.5", "1"])
    #expect(svg.elements("text", classes: ["axis-title"], in: loss).last?.stringValue == "loss (log scale)")
    #expect(svg.tickLabels("y-axis", in: try svg.panel("accuracy")).first == "0.5")
  }

  @Test("rendering is a pure function: the same input gives the same text")
  func deterministic() {
    let figure = SVGFigure(runs: [Self.runA, Self.runB], title: "Runs")
    #expect(figure.render() == figure.render())
  }

  @Test("marker labels stay inside the plot and do not overlap each other")
  func markerLabelsPlaced() {
    let series = [Self.runA, Self.runB].enumerated().flatMap { i, run in
      ["loss", "val_loss"].map { name in
        SeriesLine(
          runIndex: i, runLabel: run.label, metric: name, isValidation: name.hasPrefix("val_"),
          points: run.log.series(name).map { Point(x: $0.x + 1, y: $0.y) })
      }
    }
    let panel = PanelDrawing(
      spec: PanelSpec(train: "loss", validation: "val_loss"), lines: series,
      xAxis: .wholeNumbers(lower: 1, upper: 5),
      xAxisTitle: "epoch", logScale: false, cell: Box(x: 0, y: 0, width: SVGFigure.panelWidth, height: 380))
    #expect(panel.markers.count == 2)
    #expect(panel.markers.allSatisfy { panel.plot.contains($0.labelBox) })
    #expect(!panel.markers[0].labelBox.intersects(panel.markers[1].labelBox))
  }

  @Test("a label pushed away from a crowded spot still lies inside the plot")
  func crowdedPlacement() {
    let plot = Box(x: 0, y: 0, width: 200, height: 100)
    let anchor = Point(x: 100, y: 50)
    let first = LabelPlacement.place(
      width: 40, height: 11, near: anchor, preferAbove: false, within: plot, avoiding: [], segments: [])
    #expect(first == Box(x: 80, y: 58, width: 40, height: 11))
    let second = LabelPlacement.place(
      width: 40, height: 11, near: anchor, preferAbove: false, within: plot, avoiding: [first], segments: [])
    #expect(!second.intersects(first) && plot.contains(second))
    // A segment through the preferred spot sends the label elsewhere.
    let third = LabelPlacement.place(
      width: 40, height: 11, near: anchor, preferAbove: false, within: plot, avoiding: [],
      segments: [(Point(x: 0, y: 63), Point(x: 200, y: 63))])
    #expect(third != first && !third.intersects(segmentFrom: Point(x: 0, y: 63), to: Point(x: 200, y: 63)))
  }

  @Test("step-indexed logs keep their x values and say 'step'")
  func steps() throws {
    let log = MetricLog(
      metricNames: ["loss", "val_loss"],
      rows: [100, 200, 300].map { MetricRow(step: $0, values: ["loss": 1 / $0, "val_loss": 2 / $0]) })
    let svg = try ParsedSVG(SVGFigure(runs: [FigureRun(label: "s", log: log)], xAxis: .steps).render())
    let loss = try svg.panel("loss")
    #expect(
      svg.tickLabels("x-axis", in: loss)
        == NiceTicks.labels(for: NiceTicks.ticks(lower: 100, upper: 300, count: 6)))
    #expect(svg.elements("text", classes: ["axis-title"], in: loss).first?.stringValue == "step")
    #expect(svg.elements("g", classes: ["best-marker"], in: loss).first?.attr("data-epoch") == "300")
  }

  @Test("a run from the engine's epoch rows draws loss and accuracy")
  func fromEpochMetrics() throws {
    let epochs = (0..<4).map { (e: Int) -> EpochMetrics in
      let t = Double(e)
      return
        EpochMetrics(
          epoch: e, loss: 1 / (t + 1), accuracy: 0.5 + 0.1 * t, valLoss: 1.1 / (t + 1),
          valAccuracy: 0.5 + 0.08 * t, seconds: 1, learningRate: 0.01)
    }
    let svg = try ParsedSVG(SVGFigure(runs: [FigureRun(label: "engine", epochs: epochs)]).render())
    #expect(svg.panels.map { $0.attr("data-metric") } == ["loss", "accuracy"])
    #expect(svg.elements("path").map { subpaths($0.attr("d")!)[0].count } == [4, 4, 4, 4])
  }

  @Test("runs without data draw empty panels that say so")
  func empty() throws {
    let svg = try ParsedSVG(SVGFigure(runs: []).render())
    #expect(svg.panels.count == 1)
    #expect(svg.elements("text", classes: ["no-data"]).count == 1)
    let nan = FigureRun(label: "x", log: makeLog(["loss", "val_loss"], [[.nan, .nan]]))
    let svg2 = try ParsedSVG(SVGFigure(runs: [nan]).render())
    #expect(svg2.elements("text", classes: ["no-data"]).count == 1)
  }
}

@Suite("Handout")
struct HandoutTests {
  static func matrix() -> ConfusionMatrix {
    var m = ConfusionMatrix(classes: 3, classNames: ["cat", "dog", "e,l"])
    for (a, p, n) in [(0, 0, 8), (0, 1, 2), (1, 1, 5), (1, 0, 4), (2, 2, 9), (2, 1, 1)] {
      for _ in 0..<n { m.add(actual: a, predicted: p) }
    }
    return m
  }

  @Test("the handout draws every cell of the matrix with its count, and each mistake's picture")
  func svgHandout() throws {
    let pixels = (0..<16).map { UInt8($0 * 16) }
    var figure = SVGFigure(runs: [SVGFigureTests.runA])
    figure.handout = Handout(
      runLabel: "run 1", confusion: Self.matrix(),
      mistakes: [
        (
          SamplePrediction(index: 7, label: 1, predicted: 0, confidence: 0.9),
          SampleImage(index: 7, label: 1, pixels: pixels)
        )
      ], shape: ImageShape(rows: 4, columns: 4))
    let svg = try ParsedSVG(figure.render())
    #expect(Double(svg.root.attr("height")!) == SVGFigure.height + 330)
    let cells = svg.elements("rect", classes: ["cell"])
    #expect(cells.count == 9)
    #expect(cells.compactMap { Int($0.attr("data-count") ?? "") }.reduce(0, +) == 29)
    #expect(svg.elements("rect", classes: ["diagonal"]).map { $0.attr("data-count") } == ["8", "5", "9"])
    let mistake = try #require(svg.elements("g", classes: ["mistake"]).first)
    #expect(mistake.attr("data-index") == "7")
    // The black ground and a square per pixel brighter than 16 (pixels 2…15).
    #expect(svg.elements("rect", in: mistake).count == 1 + 14)
    #expect(svg.elements("text", in: mistake).map(\.stringValue) == ["dog", "→ cat 90%"])
  }

  @Test("the confusion CSV: predicted classes across, true classes down, accuracy last, fields quoted")
  func confusionCSV() {
    let csv = ConfusionTableExport.csv(Self.matrix())
    #expect(
      csv == """
        true\\predicted,cat,dog,"e,l",accuracy
        cat,8,2,0,0.8
        dog,4,5,0,0.5555555555555556
        "e,l",0,1,9,0.9

        """)
  }
}

/// Logs from other programs may hold any finite double: a step column from -1.7e308 to 1.7e308
/// made the x axis fall back to one tick per whole number between them, a loop that never ended.
@Suite struct SVGFigureExtremeValuesTests {
  @Test("values near ±Double.greatestFiniteMagnitude give a finished, well-formed figure")
  func extremeValues() throws {
    let log = MetricLog(
      metricNames: ["loss", "val_loss"],
      rows: [
        MetricRow(step: -1.7e308, values: ["loss": 1.7e308, "val_loss": 0.5]),
        MetricRow(step: 1.7e308, values: ["loss": -1.7e308, "val_loss": .leastNonzeroMagnitude * 2024]),
      ])
    for logScale in [false, true] {
      let text = SVGFigure(runs: [FigureRun(label: "x", log: log)], logScaleLoss: logScale, xAxis: .steps)
        .render()
      let svg = try ParsedSVG(text)
      #expect(!svg.elements("path").isEmpty || !svg.elements("polyline").isEmpty)
      #expect(!text.contains("nan") && !text.contains("inf"))
    }
  }
}
