/// Something that draws itself into a rectangle of a `Buffer`.
///
/// Widgets are plain values: they never touch the terminal, so every widget
/// (and the whole screen) can be tested as text.
public protocol Widget {
  func render(in area: Rect, into buffer: inout Buffer)
}
