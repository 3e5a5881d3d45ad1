import Foundation

/// The name of a run's folder: `20261125-143005-node17-4821`, the local time it was created, the
/// host and the process that created it.
///
/// Many machines may write into one shared runs directory (a Slurm array, GNU parallel over
/// SSH). Creation is atomic anyway (a staged folder renamed into place, which the kernel refuses
/// over a folder that holds anything), but with the time alone every process starting in the
/// same second would race for the same names, retrying a counter against each other; on NFS
/// each retry is a round trip to the server. With the host and the process id in it, a name is
/// taken by one process only, so the rename succeeds first time; a second run the same process
/// starts in the same second (a parallel sweep) gets `-2`, `-3`, …. The time leads, so the names
/// still sort oldest first, and say where a run came from.
public enum RunID {
  /// The id before any counter: `<stamp>-<host>-<pid>`.
  public static func base(at date: Date, host: String = currentHost, process: Int32 = getpid()) -> String {
    "\(stamp(date))-\(host)-\(process)"
  }

  /// `20261125-143005`: sortable and readable (local time, as the user reads their clock).
  public static func stamp(_ date: Date) -> String {
    var t = time_t(date.timeIntervalSince1970)
    var parts = tm()
    localtime_r(&t, &parts)
    return String(
      format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
      parts.tm_hour, parts.tm_min, parts.tm_sec)
  }

  /// This machine's short host name, made safe for a folder name.
  public static let currentHost: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count) == 0 else { return sanitizedHost("") }
    let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return sanitizedHost(name)
  }()

  /// The first label of `name` (`node17` of `node17.cluster.example.org`), keeping letters, digits
  /// and `-` (others become `-`), at most 24 characters; `host` when nothing is left.
  static func sanitizedHost(_ name: String) -> String {
    let label = name.split(separator: ".").first.map(String.init) ?? ""
    let safe = String(
      label.unicodeScalars.map { scalar -> Character in
        scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-")
          ? Character(scalar) : "-"
      }
    ).prefix(24)
    let trimmed = safe.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    return trimmed.isEmpty ? "host" : trimmed
  }
}
