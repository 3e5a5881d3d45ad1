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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
  ],
  targets: [
    // MARK: - System libraries (Debian packages; see README)
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    // No pkgConfig here: ncursesw's pkg-config entry carries -D_DEFAULT_SOURCE and
    // -D_XOPEN_SOURCE=600, which SwiftPM refuses with a warning on every build; the module map
    // links ncursesw and tinfo itself and shim.h defines the wide-character switches
    // (Debian libncurses-dev, installed by scripts/install-deps).
    .systemLibrary(name: "CNcursesw"),

    // MARK: - Libraries
    /// Vectorized elementwise optimizer updates (see CKernels.h for why C).
    .target(name: "CKernels", cSettings: [.unsafeFlags(["-O2", "-fno-math-errno"])]),
    /// The one sanitizer for outside text and terminal column widths (no dependencies: the
    /// engine's messages and the terminal's buffer both use it).
    .target(name: "SafeText"),
    .target(name: "NeuralEngine", dependencies: ["CBLAS", "CZlib", "CKernels", "SafeText"]),
    .target(name: "TrainingRuns", dependencies: ["NeuralEngine", "SafeText"]),
    /// TensorBoard's `Event` protobufs, generated from the trimmed .proto files in Protos/ and
    /// committed (scripts/generate-tensorboard-protos): no protoc or build plugin in a build.
    .target(
      name: "TensorBoardProto", dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")],
      exclude: ["Protos"]),
    /// Event files (TFRecord framing, CRC-32C, scalars): the only reader that needs swift-protobuf.
    .target(
      name: "TensorBoardLogs",
      dependencies: [
        "TrainingRuns", "TensorBoardProto", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ]),
    /// Turns a log directory into runs, as TensorBoard does (event files, CSV, trainer state).
    .target(name: "LogDiscovery", dependencies: ["NeuralEngine", "TrainingRuns", "TensorBoardLogs"]),
    .target(name: "TerminalUI", dependencies: ["SafeText"]),
    .target(name: "Figures", dependencies: ["NeuralEngine", "TrainingRuns", "TerminalUI"]),
    .target(name: "Dashboard", dependencies: ["NeuralEngine", "TrainingRuns", "TerminalUI", "Figures"]),
    .target(name: "CursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),

    // MARK: - Executable
    .executableTarget(
      name: "traintop",
      dependencies: [
        "NeuralEngine", "TrainingRuns", "TensorBoardLogs", "LogDiscovery", "Figures", "Dashboard",
        "CursesBackend", "TerminalUI", "SafeText",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Examples (the seed's exercises; plain Swift in Double, independent of the engine)
    .executableTarget(name: "backprop-walkthrough", path: "Examples/BackpropWalkthrough"),
    .executableTarget(name: "cross-entropy-minimum", path: "Examples/CrossEntropyMinimum"),
    .executableTarget(name: "xj-term", path: "Examples/XjTerm"),

    // MARK: - Benchmarks
    /// `watch` with many runs: writes a logdir of 200 runs × 10 000 steps, prints RSS and frame time.
    .executableTarget(
      name: "watch-scale",
      dependencies: [
        "Dashboard", "LogDiscovery", "TensorBoardLogs", "TensorBoardProto", "TrainingRuns",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ], path: "Benchmarks/WatchScale"),

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
    .testTarget(
      name: "TensorBoardLogsTests",
      dependencies: [
        "TensorBoardLogs", "TensorBoardProto", "TrainingRuns",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ]),
    .testTarget(
      name: "LogDiscoveryTests", dependencies: ["LogDiscovery", "TrainingRuns", "TensorBoardLogs"]),
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
    .testTarget(
      name: "TraintopCLITests", dependencies: ["traintop", "TrainingRuns", "TensorBoardLogs", "TestSupport"]),
    .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "TerminalUI"]),
    .testTarget(
      name: "ExamplesTests",
      dependencies: ["backprop-walkthrough", "cross-entropy-minimum", "xj-term", "TestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
