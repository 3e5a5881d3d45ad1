/// The `/` filter of `watch`: a glob or a regular expression, matched anywhere in a name,
/// ignoring case.
///
/// A sweep's runs are named by their settings (`lr0.01_bs32/version_0`): `*bs32*` or `bs32`
/// keeps one batch size, `lr0\.0[12]` two learning rates, `loss` only the loss charts. A pattern
/// with only `*`, `?` and `[…]` as special characters is a glob, the shell's habit; anything
/// else is a regular expression (TensorBoard's filter), and one that does not compile is
/// plain text.
struct NameFilter {
  private enum Kind {
    case everything
    case glob(Regex<AnyRegexOutput>)
    case regex(Regex<AnyRegexOutput>)
    case text(String)
  }

  private let kind: Kind

  init(_ pattern: String) {
    if pattern.isEmpty {
      kind = .everything
    } else if pattern.contains(where: { "*?[".contains($0) })
      && !pattern.contains(where: { "^$|()+\\{}".contains($0) }),
      let regex = try? Regex(Self.regexSource(forGlob: pattern))
    {
      kind = .glob(regex.ignoresCase())
    } else if let regex = try? Regex(pattern) {
      kind = .regex(regex.ignoresCase())
    } else {
      kind = .text(pattern.lowercased())
    }
  }

  var isEmpty: Bool {
    if case .everything = kind { return true }
    return false
  }

  func matches(_ name: String) -> Bool {
    switch kind {
    case .everything: true
    case .glob(let regex), .regex(let regex): name.contains(regex)
    case .text(let text): name.lowercased().contains(text)
    }
  }

  /// `*` → `.*`, `?` → `.`, `[…]` kept, everything else literal.
  private static func regexSource(forGlob glob: String) -> String {
    var source = ""
    var inClass = false
    for character in glob {
      switch character {
      case "*" where !inClass: source += ".*"
      case "?" where !inClass: source += "."
      case "[":
        inClass = true
        source += "["
      case "]":
        inClass = false
        source += "]"
      default:
        source +=
          inClass || character.isLetter || character.isNumber ? String(character) : "\\" + String(character)
      }
    }
    return source
  }
}
