/// A small picture — a 28×28 greyscale image, a unit's weights — fitted into a rect.
///
/// With rich colours each cell is an upper half block `▀` whose foreground is the upper pixel and
/// whose background the lower one, so a cell shows two pixels (the usual trick of terminal image
/// viewers). Without them (8 colours, `NO_COLOR`, `--ascii`) each cell is one character of a
/// density ramp, darker to lighter on a dark terminal: ` .:-=+*#%@`. The source is resampled to
/// the rect by averaging the pixels each target pixel covers, so any size reads.
///
/// ```
/// ▀▀▀▄▄▀▀   (rich colours: two greys per cell)      .:=*#*=:.   (ASCII ramp)
/// ```
public struct Picture: Widget, Sendable {
  /// How values map to what is drawn.
  public enum Palette: Sendable, Equatable {
    /// 0 black … 1 white.
    case grey
    /// −1 blue … 0 dark … +1 red (weights: negative, small, positive); symbols without colour.
    case diverging
  }

  /// Row-major values: 0…1 for `.grey`, −1…1 for `.diverging`.
  public var values: [Float]
  public var rows: Int
  public var columns: Int
  public var palette: Palette
  /// Half blocks in 256 (or more) colours; else density characters.
  public var richColor: Bool
  /// Colour for the diverging symbols without rich colours (blue/red); off for `NO_COLOR`.
  public var basicColor: Bool
  public var ascii: Bool

  public init(
    values: [Float], rows: Int, columns: Int, palette: Palette = .grey, richColor: Bool,
    basicColor: Bool = true,
    ascii: Bool = false
  ) {
    self.values = values
    self.rows = rows
    self.columns = columns
    self.palette = palette
    self.richColor = richColor && !ascii
    self.basicColor = basicColor
    self.ascii = ascii
  }

  /// The density ramp, lightest last (a dark background shows space as black).
  static let ramp: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]

  public func render(in area: Rect, into buffer: inout Buffer) {
    guard !area.isEmpty, rows > 0, columns > 0, values.count >= rows * columns else { return }
    if richColor {
      let pixels = resampled(width: area.width, height: area.height * 2)
      for y in 0..<area.height {
        for x in 0..<area.width {
          let top = pixels[(2 * y) * area.width + x]
          let bottom = pixels[(2 * y + 1) * area.width + x]
          let style = Style.plain.rich(foreground: color(top), background: color(bottom))
          buffer[area.x + x, area.y + y] = Cell("▀", style: style)
        }
      }
    } else {
      let pixels = resampled(width: area.width, height: area.height)
      for y in 0..<area.height {
        for x in 0..<area.width {
          buffer[area.x + x, area.y + y] = symbol(pixels[y * area.width + x])
        }
      }
    }
  }

  /// A rich colour for value `v`.
  func color(_ v: Float) -> RichColor {
    switch palette {
    case .grey:
      return .grey(UInt8((min(max(v, 0), 1) * 255).rounded()))
    case .diverging:
      let m = min(abs(v), 1)
      return v < 0
        ? .rgb(UInt8(40 * m), UInt8(110 * m), UInt8(255 * m))  // blue
        : .rgb(UInt8(255 * m), UInt8(60 * m), UInt8(30 * m))  // red
    }
  }

  /// A character (and basic colour) for value `v`, without rich colours.
  func symbol(_ v: Float) -> Cell {
    switch palette {
    case .grey:
      let i = Int((min(max(v, 0), 1) * Float(Self.ramp.count - 1)).rounded())
      return Cell(Self.ramp[i])
    case .diverging:
      let m = min(abs(v), 1)
      let scalar: Unicode.Scalar = m < 0.15 ? " " : m < 0.5 ? (v < 0 ? "-" : "+") : (v < 0 ? "=" : "#")
      let style = basicColor ? Style.plain.fg(v < 0 ? .blue : .red) : .plain
      return Cell(scalar, style: style)
    }
  }

  /// The picture at `width × height` pixels: each target pixel the mean of the source pixels it
  /// covers (box filter), or the nearest one when enlarging.
  func resampled(width: Int, height: Int) -> [Float] {
    var out = [Float](repeating: 0, count: width * height)
    for ty in 0..<height {
      let y0 = ty * rows / height
      let y1 = max(y0 + 1, (ty + 1) * rows / height)
      for tx in 0..<width {
        let x0 = tx * columns / width
        let x1 = max(x0 + 1, (tx + 1) * columns / width)
        var sum: Float = 0
        for y in y0..<min(y1, rows) {
          for x in x0..<min(x1, columns) { sum += values[y * columns + x] }
        }
        out[ty * width + tx] = sum / Float((min(y1, rows) - y0) * (min(x1, columns) - x0))
      }
    }
    return out
  }
}
