import NeuralEngine
import SafeText

extension LogReadError {
  /// The whole regular file at `path`, at most `limit` bytes, through ``InputFile`` (which
  /// refuses a FIFO, a device or a directory instead of blocking or reading forever), or an
  /// error naming the file. Logs and settings found in a directory come from other programs:
  /// a FIFO named `config.json` blocked a directory scan.
  public static func contents(of path: String, limit: Int = InputFile.logLimit) throws(LogReadError)
    -> [UInt8]
  {
    do {
      return try InputFile.contents(of: path, kind: "log", limit: limit)
    } catch {
      // InputFile's messages start with the path, which a LogReadError names itself.
      let prefix = "\(safePath: path): "
      let message = error.message
      throw LogReadError(
        path: path, reason: message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message)
    }
  }
}
