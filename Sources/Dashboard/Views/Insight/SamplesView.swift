import NeuralEngine
import TerminalUI

/// Validation images with what the network made of them: each picture captioned with its true
/// class, then `→ predicted 97%` in green when right, red when wrong. Modes: a fixed sample
/// mixing the classes, the most confident mistakes, one class at a time.
struct SamplesView: Widget {
  var run: RunRecord
  var mode: InsightPanel.SampleMode
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    guard let set = run.samples else {
      let text =
        run.info == nil
        ? "Waiting for the run to start."
        : "This panel draws images: Fashion-MNIST, MNIST, or a CSV of images (--image-shape 28x28)."
      panelMessage(text, in: area, theme: theme, into: &buffer)
      return
    }
    let items = self.items(set)
    guard !items.isEmpty else {
      let text = mode == .mistakes ? "No mistakes yet (or no epoch finished)." : "No images of this class."
      panelMessage(text, in: area, theme: theme, into: &buffer)
      return
    }
    let hint = mode == .mistakes ? "most confident first" : mode == .sample ? "i: mistakes" : "I: next class"
    buffer.setString(
      x: area.x, y: area.y, truncatedText(hint, to: area.width), style: theme.dim, clippedTo: area)
    let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
    guard let grid = PictureGrid(area: body, shape: set.shape, count: items.count, wanted: 8, captionRows: 2)
    else { return }
    for (i, item) in items.prefix(grid.capacity).enumerated() {
      let (pictureRect, captionRect) = grid.slot(i, in: body)
      Picture(
        values: item.image.pixels.map { Float($0) / 255 }, rows: set.shape.rows, columns: set.shape.columns,
        richColor: state.richColor, basicColor: state.color, ascii: theme.ascii
      ).render(in: pictureRect, into: &buffer)
      caption(item, names: set.classNames, in: captionRect, into: &buffer)
    }
  }

  typealias Item = (image: SampleImage, prediction: SamplePrediction?)

  /// The images this mode shows, with their latest predictions.
  func items(_ set: SampleSet) -> [Item] {
    let predictions = run.insight?.samples ?? []
    let paired: [Item] = set.images.enumerated().map { i, image in
      let p = i < predictions.count && predictions[i].predicted >= 0 ? predictions[i] : nil
      return (image, p)
    }
    switch mode {
    case .sample: return paired
    case .mistakes: return (run.insight?.mistakes ?? []).map { ($0.image, $0.prediction) }
    case .byClass(let k):
      let classes = max(run.insight?.confusion.classes ?? (set.classNames.count), 1)
      return paired.filter { $0.image.label == k % classes }
    }
  }

  private func caption(_ item: Item, names: [String], in rect: Rect, into buffer: inout Buffer) {
    func name(_ c: Int) -> String { c < names.count ? names[c] : String(c) }
    buffer.setString(
      x: rect.x, y: rect.y, truncatedText(name(item.image.label), to: rect.width), style: theme.dim,
      clippedTo: rect)
    guard let p = item.prediction, rect.height > 1 else { return }
    let confidence = "\(Int((p.confidence * 100).rounded()))%"
    let room = rect.width - confidence.count - theme.arrow.count - 2
    let text = "\(theme.arrow) \(truncatedText(name(p.predicted), to: max(1, room))) \(confidence)"
    buffer.setString(
      x: rect.x, y: rect.y + 1, text, style: p.isCorrect ? theme.correct : theme.error, clippedTo: rect)
  }
}
