/// The kinds of training log `watch` can read.
public enum LogFormat: String, Sendable, Equatable, CaseIterable {
  /// Keras `CSVLogger` (and our `metrics.csv`).
  case kerasCSV
  /// One JSON object per line.
  case jsonLines

  /// The format a file's extension promises: `.csv` → CSV; `.jsonl`,
  /// `.ndjson`, `.json` → JSON lines; anything else (`.log`, `.txt`, none) →
  /// nil, meaning "sniff the content".
  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    switch name[name.index(after: dot)...].lowercased() {
    case "csv": self = .kerasCSV
    case "jsonl", "ndjson", "json": self = .jsonLines
    default: return nil
    }
  }

  /// What a non-blank line says about the format, or nil if it says nothing.
  ///
  /// `{` starts JSON lines. A CSV header is two or more comma- (or `;`-, tab-) separated names
  /// without spaces or numbers (`epoch,accuracy,loss`, pandas' `,loss`).
  /// Anything else — `Loading data...`, `Epoch 1/10, loss 0.3` — is the kind
  /// of line a training script prints before its first JSON record on a
  /// pipe, so detection waits for a decisive line instead of guessing.
  public static func sniff(_ line: some StringProtocol) -> LogFormat? {
    let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\u{FEFF}" }
    if trimmed.first == "{" { return .jsonLines }
    // Keras's CSVLogger may use another separator (`separator=";"`).
    let separator: Character =
      trimmed.contains(",") ? "," : (trimmed.contains(";") ? ";" : (trimmed.contains("\t") ? "\t" : ","))
    let fields = trimmed.split(separator: separator, omittingEmptySubsequences: false)
    guard fields.count >= 2 else { return nil }
    let names = fields.map { field in
      field.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
    }.map { String($0) }
    let looksLikeNames = names.allSatisfy { name in
      name.isEmpty || name.first == "\""
        || (!name.contains(where: \.isWhitespace) && LogNumber(field: name) == .invalid)
    }
    return looksLikeNames && names.contains { !$0.isEmpty } ? .kerasCSV : nil
  }
}
