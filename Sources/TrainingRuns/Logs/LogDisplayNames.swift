/// Short, distinct names for several logs shown side by side.
///
/// `watch runs/a/metrics.csv runs/b/metrics.csv` would label both runs
/// `metrics.csv`; each path instead gets its shortest trailing run of path
/// components that no other path shares (`a/metrics.csv`, `b/metrics.csv`).
/// `-` is named `stdin`.
public func distinctLogNames(for paths: [String]) -> [String] {
  let components = paths.map { path in
    path == "-" ? ["stdin"] : path.split(separator: "/").map(String.init)
  }
  return components.indices.map { index in
    let mine = components[index]
    guard !mine.isEmpty else { return paths[index] }
    for length in 1...mine.count {
      let suffix = mine.suffix(length)
      let clashes = components.indices.contains { other in
        other != index && components[other].suffix(length).elementsEqual(suffix)
      }
      if !clashes { return suffix.joined(separator: "/") }
    }
    return paths[index]
  }
}
