// swift-tools-version:6.0
import PackageDescription

/// traintop: a terminal dashboard for live training curves.
///
/// One direction of flow (see DESIGN.md): data → NeuralEngine → Dashboard → TerminalUI Buffer → CursesBackend.
let package = Package(
  name: "traintop",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "traintop", targets: ["traintop"]),
    .library(name: "NeuralEngine", targets: ["NeuralEngine"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // MARK: - System libraries (Debian packages; see README)
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CNcursesw", pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]),

    // MARK: - Libraries
    /// Vectorized elementwise optimizer updates (see CKernels.h for why C).
    .target(name: "CKernels", cSettings: [.unsafeFlags(["-O2", "-fno-math-errno"])]),
    /// The one sanitizer for outside text and terminal column widths (no dependencies: the
    /// engine's messages and the terminal's buffer both use it).
    .target(name: "SafeText"),
    .target(name: "NeuralEngine", dependencies: ["CBLAS", "CZlib", "CKernels", "SafeText"]),
    .target(name: "TrainingRuns", dependencies: ["NeuralEngine", "SafeText"]),
    .target(name: "TerminalUI", dependencies: ["SafeText"]),
    .target(name: "Figures", dependencies: ["NeuralEngine", "TrainingRuns", "TerminalUI"]),
    .target(name: "Dashboard", dependencies: ["NeuralEngine", "TrainingRuns", "TerminalUI", "Figures"]),
    .target(name: "CursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),

    // MARK: - Executable
    .executableTarget(
      name: "traintop",
      dependencies: [
        "NeuralEngine", "TrainingRuns", "Figures", "Dashboard", "CursesBackend", "TerminalUI", "SafeText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Examples (the seed's exercises; plain Swift in Double, independent of the engine)
    .executableTarget(name: "backprop-walkthrough", path: "Examples/BackpropWalkthrough"),
    .executableTarget(name: "cross-entropy-minimum", path: "Examples/CrossEntropyMinimum"),
    .executableTarget(name: "xj-term", path: "Examples/XjTerm"),

    // MARK: - Tests
    /// Spawning and reaping child processes for the end-to-end tests (see ChildProcess).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    /// `assertSnapshot`: screens compared with text files under each test target's Snapshots/.
    .target(name: "SnapshotSupport", dependencies: ["TerminalUI"], path: "Tests/SnapshotSupport"),
    /// `FullDisk`: a write sink that runs out of space, to test every write path against a full disk.
    .target(name: "FullDiskSupport", dependencies: ["NeuralEngine"], path: "Tests/FullDiskSupport"),
    .testTarget(name: "NeuralEngineTests", dependencies: ["NeuralEngine", "FullDiskSupport"]),
    .testTarget(
      name: "TrainingRunsTests", dependencies: ["TrainingRuns", "NeuralEngine", "FullDiskSupport"]),
    .testTarget(name: "FiguresTests", dependencies: ["Figures", "TrainingRuns", "NeuralEngine"]),
    .testTarget(name: "SafeTextTests", dependencies: ["SafeText"]),
    .testTarget(
      name: "TerminalUITests", dependencies: ["TerminalUI", "SnapshotSupport"], exclude: ["Snapshots"]),
    .testTarget(
      name: "DashboardTests",
      dependencies: [
        "Dashboard", "TerminalUI", "NeuralEngine", "TrainingRuns", "SnapshotSupport", "FullDiskSupport",
      ],
      exclude: ["Snapshots"]),
    .testTarget(name: "TraintopCLITests", dependencies: ["traintop", "TrainingRuns", "TestSupport"]),
    .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalUI"]),
    .testTarget(
      name: "ExamplesTests",
      dependencies: ["backprop-walkthrough", "cross-entropy-minimum", "xj-term", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
