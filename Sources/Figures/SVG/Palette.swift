/// Run colours: the Okabe–Ito palette, which stays distinguishable for the common colour-vision
/// deficiencies; ordered for contrast on white (yellow last).
/// - SeeAlso: Okabe & Ito 2008, "Color Universal Design"; Wong 2011, Nature Methods 8:441.
enum Palette {
  static let colors = [
    "#0072B2",  // blue
    "#D55E00",  // vermillion
    "#009E73",  // bluish green
    "#CC79A7",  // reddish purple
    "#E69F00",  // orange
    "#56B4E9",  // sky blue
    "#000000",  // black
    "#F0E442",  // yellow
  ]

  /// The colour of the `index`-th run (repeats after eight runs).
  static func color(_ index: Int) -> String { colors[index % colors.count] }

  /// A darker shade of `hex` (each channel × `factor`), for small text in a run's colour.
  static func darker(_ hex: String, by factor: Double = 0.72) -> String {
    guard hex.count == 7, let v = Int(hex.dropFirst(), radix: 16) else { return hex }
    let channels = [(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF].map { Int((Double($0) * factor).rounded()) }
    let digits = channels.map { c in
      let h = String(c, radix: 16, uppercase: true)
      return h.count == 1 ? "0" + h : h
    }
    return "#" + digits.joined()
  }
}
