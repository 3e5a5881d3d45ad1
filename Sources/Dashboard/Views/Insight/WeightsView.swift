import NeuralEngine
import TerminalUI

/// The first layer's incoming weights, one picture per unit in the input's shape: blue negative,
/// red positive (symbols without colour), each unit scaled by its own largest weight. At the
/// start they are noise; as training goes strokes and blobs form — the features the units look for.
struct WeightsView: Widget {
  var run: RunRecord
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    guard let weights = run.insight?.weights else {
      let text =
        run.samples == nil && run.info != nil
        ? "This panel draws the first layer's weights as pictures of the input: it needs image data."
        : run.phase.isActive
          ? "The weights arrive with the next epoch's end."
          : "This run ended before its last epoch: open this panel (w) during a run to follow them."
      panelMessage(text, in: area, theme: theme, into: &buffer)
      return
    }
    let legend =
      theme.ascii || !state.richColor ? "- = negative  + # positive" : "blue negative · red positive"
    buffer.setString(
      x: area.x, y: area.y, truncatedText(legend, to: area.width), style: theme.dim, clippedTo: area)
    let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    guard
      let grid = PictureGrid(
        area: body, shape: weights.shape, count: weights.units.count, wanted: 8, captionRows: 1)
    else { return }
    for (j, unit) in weights.units.prefix(grid.capacity).enumerated() {
      let (pictureRect, captionRect) = grid.slot(j, in: body)
      let scale = unit.map(abs).max().map { $0 > 0 ? 1 / $0 : 1 } ?? 1
      Picture(
        values: unit.map { $0 * scale }, rows: weights.shape.rows, columns: weights.shape.columns,
        palette: .diverging, richColor: state.richColor, basicColor: state.color, ascii: theme.ascii
      ).render(in: pictureRect, into: &buffer)
      buffer.setString(
        x: captionRect.x, y: captionRect.y, "unit \(j + 1)", style: theme.dim, clippedTo: captionRect)
    }
  }
}
