import Foundation
import Testing
import TrainingRuns

@testable import Figures

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed SVG figure with the queries the tests need.
struct ParsedSVG {
  let root: XMLElement

  /// Parses `text` as XML, failing the test if it is not well-formed.
  init(_ text: String) throws {
    let document = try XMLDocument(xmlString: text, options: [])
    root = try #require(document.rootElement())
  }

  /// Every element below `element` (or the root), in document order.
  func all(in element: XMLElement? = nil) -> [XMLElement] {
    let start = element ?? root
    return (start.children ?? []).compactMap { $0 as? XMLElement }.flatMap { [$0] + all(in: $0) }
  }

  /// Elements named `name` whose `class` attribute contains every one of `classes`.
  func elements(_ name: String, classes: [String] = [], in element: XMLElement? = nil) -> [XMLElement] {
    all(in: element).filter { e in
      e.localName == name
        && Set(classes).isSubset(of: Set(e.attr("class")?.split(separator: " ").map(String.init) ?? []))
    }
  }

  var panels: [XMLElement] { elements("g", classes: ["panel"]) }

  func panel(_ metric: String) throws -> XMLElement {
    try #require(panels.first { $0.attr("data-metric") == metric })
  }

  /// The texts of the tick labels on one axis ("x-axis" or "y-axis") of a panel.
  func tickLabels(_ axis: String, in panel: XMLElement) -> [String] {
    let group = elements("g", classes: ["axis", axis], in: panel).first
    return group.map { elements("text", classes: ["tick-label"], in: $0).map { $0.stringValue ?? "" } } ?? []
  }
}

extension XMLElement {
  /// An attribute's value by name (looked up in `attributes`: `attribute(forName:)` misses
  /// un-prefixed attributes of elements in a default namespace on Linux).
  func attr(_ name: String) -> String? {
    (attributes ?? []).first { $0.name == name || $0.localName == name }?.stringValue
  }
}

/// The subpaths of an SVG path's `d` (`M x,y L x,y …`), each as its points.
func subpaths(_ d: String) -> [[(x: Double, y: Double)]] {
  var result: [[(x: Double, y: Double)]] = []
  for token in d.split(separator: " ") {
    let command = token.first!
    let coordinates = token.dropFirst().split(separator: ",").compactMap { Double($0) }
    let point = (x: coordinates[0], y: coordinates[1])
    if command == "M" { result.append([point]) } else { result[result.count - 1].append(point) }
  }
  return result
}

/// A log with the given columns; `rows[i]` is epoch i's values in `names` order.
func makeLog(_ names: [String], _ rows: [[Double]]) -> MetricLog {
  MetricLog(
    metricNames: names,
    rows: rows.enumerated().map { i, values in
      MetricRow(step: Double(i), values: Dictionary(uniqueKeysWithValues: zip(names, values)))
    })
}
