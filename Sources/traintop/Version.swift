/// traintop's version, printed by `traintop --version` and in the manual page. Raised with each
/// release (semantic versioning: the CLI flags, the run directory's files and the metrics CSV
/// are the public interface).
enum TraintopVersion {
  static let current = "0.9.0"
}
