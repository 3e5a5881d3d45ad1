import Foundation
import SafeText

/// Resolves `--dataset NAME|PATH` to something loadable, and knows where
/// the IDX datasets live.
///
/// `fashion-mnist` and `mnist` are searched for, in order, in
/// `$TRAINTOP_DATA/<name>`, `$TRAINTOP_DATA`, `./data/<name>` and
/// `/usr/share/datasets/<name>` (where Debian's `dataset-fashion-mnist`
/// installs). The first folder holding all four IDX files wins.
///
/// The environment, working directory and system folder are injected so
/// tests can point them at temporary folders without touching the process.
public struct DatasetCatalog: Sendable {
  /// Where a dataset comes from.
  public enum Source: Equatable, Sendable {
    /// A folder of `train-*` and `t10k-*` IDX files; `name` is the dataset's display name.
    case idxFolder(path: String, name: String)
    /// A CSV file of labelled rows.
    case csv(path: String)
    /// A built-in generated set.
    case synthetic(SyntheticDataset)
  }

  /// The datasets found by name in the search folders.
  public static let idxDatasetNames = ["fashion-mnist", "mnist"]

  /// Fashion-MNIST's classes, indexed by label.
  public static let fashionMNISTClassNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]

  public var environment: [String: String]
  public var currentDirectory: String
  public var systemDirectory: String

  public init(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    systemDirectory: String = "/usr/share/datasets"
  ) {
    self.environment = environment
    self.currentDirectory = currentDirectory
    self.systemDirectory = systemDirectory
  }

  /// The catalog of this process (its environment and working directory).
  public static var standard: DatasetCatalog { DatasetCatalog() }

  /// What `--dataset` means: a built-in name (these win over a folder of
  /// the same name; write `./spiral` for the folder), `fashion-mnist` or
  /// `mnist`, a path ending in `.csv`, or a folder of IDX files.
  public func resolve(_ nameOrPath: String) throws -> Source {
    let key = nameOrPath.lowercased()
    if let synthetic = SyntheticDataset(rawValue: key) { return .synthetic(synthetic) }
    if Self.idxDatasetNames.contains(key) { return .idxFolder(path: try locate(key), name: key) }
    let path = absolute(nameOrPath)
    if key.hasSuffix(".csv") {
      guard FileManager.default.fileExists(atPath: path) else {
        throw DataError("\(safePath: nameOrPath): no such CSV file")
      }
      return .csv(path: nameOrPath)
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      let missing = IDXFiles.missing(in: path)
      guard missing.isEmpty else {
        throw DataError(
          "\(safePath: nameOrPath): not a dataset folder; it lacks \(missing.joined(separator: ", "))")
      }
      let folderName = DataFile.fileName(path)
      return .idxFolder(path: path, name: folderName.isEmpty ? nameOrPath : folderName)
    }
    if nameOrPath.contains("/") {
      throw DataError(
        "\(safePath: nameOrPath): no such dataset folder; give a folder of IDX files or a .csv file")
    }
    let builtIns = (Self.idxDatasetNames + SyntheticDataset.allCases.map(\.rawValue) + [Dataset.neuronName])
      .joined(separator: ", ")
    throw DataError(
      "unknown dataset '\(safePath: nameOrPath)': use one of \(builtIns), a folder of IDX files, or a .csv file"
    )
  }

  /// The folders searched for `name`, in order.
  public func searchDirectories(for name: String) -> [String] {
    var folders = [String]()
    if let root = environment["TRAINTOP_DATA"], !root.isEmpty {
      let rootPath = absolute(root)
      folders += [rootPath + "/" + name, rootPath]
    }
    folders.append(currentDirectory + "/data/" + name)
    folders.append(systemDirectory + "/" + name)
    return folders
  }

  /// The first search folder holding all four IDX files of `name`.
  ///
  /// - Throws: a one-line ``DataError`` listing where it looked and how to
  ///   install the dataset.
  public func locate(_ name: String) throws -> String {
    let folders = searchDirectories(for: name)
    var partial: (folder: String, missing: [String])?
    for folder in folders {
      let missing = IDXFiles.missing(in: folder)
      if missing.isEmpty { return folder }
      if partial == nil && missing.count < 4 { partial = (folder, missing) }
    }
    let unset = environment["TRAINTOP_DATA", default: ""].isEmpty ? " (TRAINTOP_DATA is not set)" : ""
    let install =
      name == "fashion-mnist"
      ? "install it with `apt-get install dataset-fashion-mnist`, or put its IDX files in ./data/\(name) "
        + "or set TRAINTOP_DATA"
      : "put its four IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, "
        + "t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) in ./data/\(name) or set TRAINTOP_DATA"
    var message = "\(name) not found; looked in \(folders.joined(separator: ", "))\(unset); \(install)"
    if let partial {
      message += " (\(safePath: partial.folder) lacks \(partial.missing.joined(separator: ", ")))"
    }
    throw DataError(message)
  }

  /// Whether `name` (`fashion-mnist` or `mnist`) is in a search folder.
  public func isInstalled(_ name: String) -> Bool {
    (try? locate(name)) != nil
  }

  /// The dataset used when `--dataset` is not given: Fashion-MNIST, the
  /// seed assignment's dataset, when installed; otherwise the built-in
  /// spiral, so traintop always starts, with a notice saying why and how
  /// to get Fashion-MNIST.
  public func defaultDataset() -> (name: String, notice: String?) {
    if isInstalled("fashion-mnist") { return ("fashion-mnist", nil) }
    return (
      "spiral",
      "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist, or set TRAINTOP_DATA); "
        + "using the built-in spiral dataset"
    )
  }

  /// Loads a folder of IDX files: train-* as the training set, the 10 000
  /// t10k-* samples as the validation set.
  public func loadIDXFolder(_ folder: String, name: String) throws -> DataSplit {
    func file(_ split: String, _ kind: IDXFiles.Kind) throws -> String {
      guard let path = IDXFiles.find(split, kind, in: folder) else {
        throw DataError("\(safePath: folder): lacks \(IDXFiles.displayName(split, kind))")
      }
      return path
    }
    let classNames = name.lowercased().contains("fashion") ? Self.fashionMNISTClassNames : []
    var train = try IDXReader.loadDataset(
      images: file("train", .images), labels: file("train", .labels), name: "\(name) (train)",
      classNames: classNames)
    var validation = try IDXReader.loadDataset(
      images: file("t10k", .images), labels: file("t10k", .labels), name: "\(name) (t10k validation)",
      classNames: classNames)
    guard train.featureCount == validation.featureCount else {
      throw DataError(
        "\(safePath: folder): train images have \(train.featureCount) pixels but t10k images have "
          + "\(validation.featureCount); the files are from different datasets")
    }
    let classes = max(train.classCount, validation.classCount)
    train.classCount = classes
    validation.classCount = classes
    return DataSplit(train: train, validation: validation)
  }

  private func absolute(_ path: String) -> String {
    path.hasPrefix("/") ? path : currentDirectory + "/" + path
  }
}

/// The file names of an IDX dataset folder.
///
/// Accepts the official names (`train-images-idx3-ubyte`), the dotted
/// variant some unpackers produce (`train-images.idx3-ubyte`), each with or
/// without `.gz`.
enum IDXFiles {
  enum Kind {
    case images, labels
    var stem: (String, String) { self == .images ? ("images", "idx3") : ("labels", "idx1") }
  }

  static let splits = ["train", "t10k"]

  static func candidates(_ split: String, _ kind: Kind) -> [String] {
    let (what, idx) = kind.stem
    let bases = ["\(split)-\(what)-\(idx)-ubyte", "\(split)-\(what).\(idx)-ubyte"]
    return bases.flatMap { [$0 + ".gz", $0] }
  }

  static func find(_ split: String, _ kind: Kind, in folder: String) -> String? {
    for name in candidates(split, kind) {
      let path = folder + "/" + name
      if FileManager.default.isReadableFile(atPath: path) { return path }
    }
    return nil
  }

  static func displayName(_ split: String, _ kind: Kind) -> String {
    let (what, idx) = kind.stem
    return "\(split)-\(what)-\(idx)-ubyte[.gz]"
  }

  /// The display names of the files `folder` lacks (all four when it does not exist).
  static func missing(in folder: String) -> [String] {
    var missing = [String]()
    for split in splits {
      for kind in [Kind.images, .labels] where find(split, kind, in: folder) == nil {
        missing.append(displayName(split, kind))
      }
    }
    return missing
  }
}
