import TensorBoardLogs
import TrainingRuns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns a log directory into runs, the way TensorBoard does: every folder that directly holds
/// a log is a run, named by its path relative to the directory.
///
/// What counts as a log, in a folder:
/// - event files (`*tfevents*`): one run of all of them (PyTorch, tensorboardX, Lightning's
///   `TensorBoardLogger`, Hugging Face, TF2, Flax);
/// - `train/` and `validation/` folders of event files side by side (the Keras TensorBoard
///   callback): one run, named by their parent, with `loss` and `val_loss`;
/// - `metrics.csv` (Lightning's `CSVLogger`, our runs), else each `*.csv`, `*.jsonl`,
///   `*.ndjson` file (a Keras `CSVLogger`, JSON lines; named `folder/file` when a folder has
///   several);
/// - `trainer_state.json` (Hugging Face): the latest `checkpoint-N/` of a folder stands for it.
///
/// Hidden folders and symbolic links are not entered, nor anything deeper than `maximumDepth`
/// or past `maximumFolders` (a logdir pointed at `/` must not hang the screen); a folder that
/// cannot be read is a problem to report, and the rest of the scan goes on.
public struct LogDirectory: Sendable {
  public let root: String
  public var maximumDepth = 10
  public var maximumFolders = 20_000

  public init(root: String) {
    self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
  }

  /// What one scan found.
  public struct Scan: Sendable, Equatable {
    /// In name order.
    public var runs: [DiscoveredRun] = []
    /// One line per folder that could not be read (`path: reason`).
    public var problems: [String] = []
  }

  /// Walks the directory now.
  public func scan() -> Scan {
    var scan = Scan()
    var folders = 0
    var checkpoints: [String: (number: Int, path: String)] = [:]
    var pending: [(path: String, relative: String, depth: Int)] = [(root, ".", 0)]
    while let (path, relative, depth) = pending.popLast() {
      folders += 1
      guard folders <= maximumFolders else {
        scan.problems.append("\(root): more than \(maximumFolders) folders; watch a smaller directory")
        break
      }
      let entries: [Entry]
      do {
        entries = try listFolder(path)
      } catch {
        scan.problems.append(error.description)
        continue
      }
      let files = entries.filter { !$0.isDirectory }.map(\.name)
      let subfolders = entries.filter(\.isDirectory).map(\.name)
      scan.runs += runs(in: path, relative: relative, files: files, subfolders: subfolders)
      if files.contains("trainer_state.json"), let number = checkpointNumber(relative) {
        let parent = parentPath(relative)
        if number >= checkpoints[parent]?.number ?? -1 {
          checkpoints[parent] = (number, path + "/trainer_state.json")
        }
      }
      guard depth < maximumDepth else { continue }
      for folder in subfolders.sorted().reversed() where !folder.hasPrefix(".") {
        // The Keras callback's folders belong to their parent's run.
        if isKerasPart(folder, at: path) { continue }
        pending.append((path + "/" + folder, relative == "." ? folder : relative + "/" + folder, depth + 1))
      }
    }
    for (parent, checkpoint) in checkpoints where !scan.runs.contains(where: { $0.name == parent }) {
      scan.runs.append(
        DiscoveredRun(
          name: parent, source: .trainerState(path: checkpoint.path),
          settingsFile: settingsFile(in: parent == "." ? root : root + "/" + parent)))
    }
    // The directory itself is named like the directory, not `.`.
    let rootName = root.split(separator: "/").last.map(String.init) ?? root
    for index in scan.runs.indices where scan.runs[index].name == "." { scan.runs[index].name = rootName }
    scan.runs.sort { $0.name < $1.name }
    return scan
  }

  /// The runs a folder holds directly.
  private func runs(in path: String, relative: String, files: [String], subfolders: [String])
    -> [DiscoveredRun]
  {
    let settings = settingsFile(in: path, files: files)
    var runs: [DiscoveredRun] = []
    if files.contains(where: { isEventFileName($0) }) {
      runs.append(
        DiscoveredRun(
          name: relative, source: .events([.init(path: path, naming: .asWritten)]), settingsFile: settings))
    }
    // Keras writes validation/ only after the first epoch: the run has both parts from the start.
    if subfolders.contains(where: { isKerasPart($0, at: path) }) {
      runs.append(
        DiscoveredRun(
          name: relative,
          source: .events([
            .init(path: path + "/train", naming: .kerasTrain),
            .init(path: path + "/validation", naming: .kerasValidation),
          ]), settingsFile: settings))
    }
    if files.contains("trainer_state.json") && checkpointNumber(relative) == nil {
      runs.append(
        DiscoveredRun(
          name: relative, source: .trainerState(path: path + "/trainer_state.json"), settingsFile: settings))
    }
    let textLogs =
      files.contains("metrics.csv")
      ? ["metrics.csv"]
      : files.filter { name in
        !name.hasPrefix(".")
          && ["csv", "jsonl", "ndjson"].contains(name.split(separator: ".").last.map(String.init))
      }.sorted()
    for file in textLogs {
      let name =
        textLogs.count == 1 && runs.isEmpty ? relative : (relative == "." ? file : relative + "/" + file)
      runs.append(
        DiscoveredRun(name: name, source: .textLog(path: path + "/" + file), settingsFile: settings))
    }
    return runs
  }

  /// Whether `folder` is the Keras callback's `train`/`validation` with event files in it.
  private func isKerasPart(_ folder: String, at path: String) -> Bool {
    (folder == "train" || folder == "validation") && folderHasEventFiles(path + "/" + folder)
  }

  private func folderHasEventFiles(_ path: String) -> Bool {
    ((try? EventFileLog.files(in: path)) ?? []).isEmpty == false
  }

  /// `hparams.yaml` (Lightning) or `config.json` beside the log.
  private func settingsFile(in path: String, files: [String]? = nil) -> String? {
    let names = files ?? ((try? listFolder(path)) ?? []).filter { !$0.isDirectory }.map(\.name)
    return ["hparams.yaml", "config.json"].first(where: names.contains).map { path + "/" + $0 }
  }

  /// N for a folder named `checkpoint-N` (Hugging Face's checkpoints).
  private func checkpointNumber(_ relative: String) -> Int? {
    let last = relative.split(separator: "/").last.map(String.init) ?? relative
    guard last.hasPrefix("checkpoint-") else { return nil }
    return Int(last.dropFirst("checkpoint-".count))
  }

  private func parentPath(_ relative: String) -> String {
    let parts = relative.split(separator: "/").dropLast()
    return parts.isEmpty ? "." : parts.joined(separator: "/")
  }
}

/// A folder entry: name and whether it is a directory (symbolic links are neither followed nor
/// listed as directories).
struct Entry {
  var name: String
  var isDirectory: Bool
}

/// The entries of a folder, without `.` and `..`.
func listFolder(_ path: String) throws(LogReadError) -> [Entry] {
  guard let handle = opendir(path) else {
    throw LogReadError(path: path, reason: String(cString: strerror(errno)))
  }
  defer { closedir(handle) }
  var entries: [Entry] = []
  while let entry = readdir(handle) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    guard name != "." && name != ".." else { continue }
    var isDirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
    if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
      var st = stat()
      isDirectory = lstat(path + "/" + name, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
    }
    entries.append(Entry(name: name, isDirectory: isDirectory))
  }
  return entries
}
