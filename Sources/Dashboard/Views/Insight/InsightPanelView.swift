import NeuralEngine
import TerminalUI

/// The insight panel beside the charts (`i`, `C`, `w`, `d`): a frame titled with the panel and the
/// epoch it shows, and the panel inside. It shows the charted run: this session's runs only
/// (a stored run keeps its metrics, not its images or weights).
struct InsightPanelView: Widget {
  var state: DashboardState
  var panel: InsightPanel
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    let run = state.chartedRun
    var right: String?
    if let epoch = run?.insight?.epoch { right = "epoch \(epoch + 1)" }
    if case .samples(.byClass(let k)) = panel, let matrix = run?.insight?.confusion {
      right = matrix.name(of: k % matrix.classes) + (right.map { " · " + $0 } ?? "")
    }
    let block = Block(title: panel.title, rightTitle: right, ascii: theme.ascii)
    block.render(in: area, into: &buffer)
    let inner = block.inner(area).inset(byColumns: 1)
    guard !inner.isEmpty else { return }
    guard let run, run.storedID == nil else {
      message(
        "Stored runs keep their metrics, not their images: choose a run of this session.", in: inner, &buffer)
      return
    }
    switch panel {
    case .samples(let mode):
      SamplesView(run: run, mode: mode, state: state, theme: theme).render(in: inner, into: &buffer)
    case .confusion:
      ConfusionView(run: run, state: state, theme: theme).render(in: inner, into: &buffer)
    case .weights:
      WeightsView(run: run, state: state, theme: theme).render(in: inner, into: &buffer)
    case .speed:
      SpeedView(run: run, theme: theme).render(in: inner, into: &buffer)
    }
  }

  private func message(_ text: String, in area: Rect, _ buffer: inout Buffer) {
    Paragraph([Line(text, style: theme.dim)], wrap: true).render(in: area, into: &buffer)
  }
}

/// A one-line wrapped message in a panel (waiting for data, why a panel is empty).
func panelMessage(_ text: String, in area: Rect, theme: Theme, into buffer: inout Buffer) {
  Paragraph([Line(text, style: theme.dim)], wrap: true).render(in: area, into: &buffer)
}

/// Places `count` pictures of `shape` in `area` as a grid with `captionRows` text rows under
/// each: the largest picture width (from 28 columns down) that still shows `wanted` of them.
struct PictureGrid {
  var pictureWidth: Int
  var pictureHeight: Int
  var columns: Int
  var rows: Int
  var captionRows: Int

  init?(area: Rect, shape: ImageShape, count: Int, wanted: Int, captionRows: Int) {
    guard count > 0 else { return nil }
    let aspect = Double(shape.rows) / Double(shape.columns)
    for width in [28, 21, 16, 14, 12, 10, 8, 7, 6, 5, 4] {
      let height = max(1, Int((Double(width) * aspect / 2).rounded()))
      let columns = (area.width + 1) / (width + 1)
      let rows = area.height / (height + captionRows)
      guard columns >= 1, rows >= 1 else { continue }
      if columns * rows >= min(count, wanted) || width == 4 {
        (pictureWidth, pictureHeight, self.columns, self.rows) = (width, height, columns, rows)
        self.captionRows = captionRows
        return
      }
    }
    return nil
  }

  var capacity: Int { columns * rows }

  /// The picture's rect and its caption row for item `i`.
  func slot(_ i: Int, in area: Rect) -> (picture: Rect, caption: Rect) {
    let x = area.x + (i % columns) * (pictureWidth + 1)
    let y = area.y + (i / columns) * (pictureHeight + captionRows)
    return (
      Rect(x: x, y: y, width: pictureWidth, height: pictureHeight),
      Rect(x: x, y: y + pictureHeight, width: pictureWidth, height: captionRows)
    )
  }
}
