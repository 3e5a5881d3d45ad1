/// Pure ASCII for terminals and fonts without UTF-8 (`--ascii`, or a locale that is not UTF-8).
///
/// Widgets draw their ASCII forms where they have one (box corners `+`, `|`, `-`; `*`/`o` plot
/// points; `<` `>` around a choice). This is the net under them, applied to the whole frame: any
/// other character beyond ASCII — an arrow in a message, an ellipsis where text was cut, a
/// symbol in a preset's summary, a file name another program wrote — becomes its nearest ASCII
/// look-alike, or `?`. One cell stays one cell, so the layout does not move.
public enum ASCIIFallback {
  /// The ASCII stand-in for `scalar` (itself when it is printable ASCII).
  public static func character(for scalar: Unicode.Scalar) -> Unicode.Scalar {
    if scalar.value >= 0x20 && scalar.value < 0x7F { return scalar }
    if let mapped = table[scalar] { return mapped }
    switch scalar.value {
    case 0x2500...0x257F: return box(scalar)  // box drawing
    case 0x2800...0x28FF: return scalar.value == 0x2800 ? " " : "."  // braille dots
    case 0x2580...0x259F: return "#"  // block elements
    default: return "?"
    }
  }

  /// Every cell of `buffer` in ASCII.
  public static func apply(to buffer: inout Buffer) {
    for y in 0..<buffer.height {
      for x in 0..<buffer.width {
        let cell = buffer[x, y]
        let ascii = character(for: cell.character)
        if ascii != cell.character { buffer[x, y] = Cell(ascii, style: cell.style) }
      }
    }
  }

  /// `…` becomes `~` (the usual mark of a cut name in ASCII, as in `PROGRA~1`); arrows become
  /// `<` `>` `^` `v`; bullets and markers the letters the ASCII charts already use.
  static let table: [Unicode.Scalar: Unicode.Scalar] = [
    "…": "~", "·": ".", "•": "*", "→": ">", "←": "<", "↑": "^", "↓": "v", "‹": "<", "›": ">",
    "×": "x", "–": "-", "—": "-", "−": "-", "≥": ">", "≤": "<", "≈": "~", "✕": "x", "✓": "v",
    "◆": "@", "●": "o", "○": "o", "▲": "^", "△": "^", "▼": "v", "█": "#", "░": ".", "▉": "#",
    "η": "n", "λ": "l", "μ": "u", "σ": "s", "ε": "e", "β": "b", "ρ": "r", "²": "2", "₁": "1",
    "₂": "2", "ᵗ": "t", "\u{00A0}": " ",
  ]

  private static func box(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    switch scalar {
    case "─", "━", "┈", "┄", "╌", "═": "-"
    case "│", "┃", "┊", "┆", "╎", "║": "|"
    default: "+"
    }
  }
}
