/// The figure's legend, below the panels so it never covers data: one entry per run in its colour,
/// then the key to the line styles (solid train, dashed validation) and the best-epoch marker.
/// Entries wrap onto further rows when they do not fit the width; each row is centred.
struct Legend {
  enum Sample: Equatable {
    /// A run: a thick solid line in its colour.
    case run(color: String)
    /// A line style in neutral grey: solid for train, dashed for validation.
    case style(dashed: Bool)
    /// The best-epoch marker, in grey.
    case marker
  }

  static let keyColor = "#555555"

  struct Item: Equatable {
    var sample: Sample
    var label: String
    /// Extra space before this entry (separates the runs from the style key).
    var gapBefore = 0.0
  }

  static let font = 12.0
  static let rowHeight = 20.0
  static let sampleWidth = 26.0
  static let spacing = 18.0
  /// Run labels longer than this are shortened with an ellipsis.
  static let maxLabelLength = 40

  /// Placed entries: `rows[r]` holds each item with the x where its sample starts.
  var rows: [[(item: Item, x: Double)]]

  var height: Double { Double(rows.count) * Self.rowHeight }

  init(runLabels: [String], showsMarker: Bool, width: Double) {
    var items = runLabels.enumerated().map { i, label in
      let short = label.count > Self.maxLabelLength ? label.prefix(Self.maxLabelLength - 1) + "…" : label
      return Item(sample: .run(color: Palette.color(i)), label: String(short))
    }
    items.append(Item(sample: .style(dashed: false), label: "train", gapBefore: 14))
    items.append(Item(sample: .style(dashed: true), label: "validation"))
    if showsMarker { items.append(Item(sample: .marker, label: "best validation epoch")) }

    func itemWidth(_ item: Item) -> Double { Self.sampleWidth + 6 + textWidth(item.label, size: Self.font) }
    var rows: [[Item]] = [[]]
    var rowWidth = 0.0
    for item in items {
      let added = (rows[rows.count - 1].isEmpty ? 0 : Self.spacing + item.gapBefore) + itemWidth(item)
      if !rows[rows.count - 1].isEmpty && rowWidth + added > width - 40 {
        rows.append([item])
        rowWidth = itemWidth(item)
      } else {
        rows[rows.count - 1].append(item)
        rowWidth += added
      }
    }
    self.rows = rows.map { row in
      let total = row.enumerated().reduce(0.0) { sum, e in
        sum + (e.offset == 0 ? 0 : Self.spacing + e.element.gapBefore) + itemWidth(e.element)
      }
      var x = (width - total) / 2
      return row.enumerated().map { i, item in
        if i > 0 { x += Self.spacing + item.gapBefore }
        defer { x += itemWidth(item) }
        return (item, x)
      }
    }
  }

  /// Draws the legend with its first row's centre line at `top + rowHeight / 2`.
  func draw(into svg: inout SVGWriter, top: Double) {
    svg.open(
      "g", [("class", "legend"), ("font-size", svgNumber(Self.font)), ("fill", PanelDrawing.textColor)])
    for (r, row) in rows.enumerated() {
      let y = top + (Double(r) + 0.5) * Self.rowHeight
      for (item, x) in row {
        svg.open("g", [("class", "legend-item")])
        switch item.sample {
        case .run(let color):
          svg.element("line", sampleLine(x: x, y: y) + [("stroke", color), ("stroke-width", "3")])
        case .style(let dashed):
          let dash = dashed ? [("stroke-dasharray", "7 4")] : []
          svg.element(
            "line", sampleLine(x: x, y: y) + [("stroke", Self.keyColor), ("stroke-width", "2")] + dash)
        case .marker:
          svg.element(
            "circle",
            [("cx", svgNumber(x + Self.sampleWidth / 2)), ("cy", svgNumber(y)), ("r", "4.5")]
              + [("fill", "white"), ("stroke", Self.keyColor), ("stroke-width", "2")])
        }
        svg.element(
          "text", [("x", svgNumber(x + Self.sampleWidth + 6)), ("y", svgNumber(y + 4))], text: item.label)
        svg.close("g")
      }
    }
    svg.close("g")
  }

  private func sampleLine(x: Double, y: Double) -> [(String, String)] {
    [
      ("x1", svgNumber(x)), ("y1", svgNumber(y)), ("x2", svgNumber(x + Self.sampleWidth)),
      ("y2", svgNumber(y)),
    ]
  }
}
