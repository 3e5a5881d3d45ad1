import Foundation
import NeuralEngine
import TestSupport
import Testing
import TrainingRuns

@testable import traintop

/// Sweeps handed to other runners: `--print-commands` lines (GNU parallel, any queue), a Slurm
/// array (`--slurm`, each task `--index i`), all writing into one runs directory.
@Suite("sweep past one machine")
struct SweepHandOffTests {
  /// Four combinations on a tiny dataset; the runs directory has a blank in its name, so the
  /// printed lines must quote it.
  static let grid = ["--dataset", "xor", "--epochs", "2", "--batch-size", "10,20", "--hidden", "8+4,16"]

  /// The settings of each combination, as `sweep` computes them, in its order, as config JSON.
  static func sweepConfigs(_ tokens: [String]) throws -> [String] {
    try SweepGrid.expand(SweepGrid.addingPlan(to: tokens)).map {
      try configJSON(HyperparameterOptions.parse($0).resolve())
    }
  }

  static func configJSON(_ h: Hyperparameters) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(h), as: UTF8.self)
  }

  /// The words a POSIX shell makes of `line`.
  static func shellWords(_ line: String) throws -> [String] {
    let r = try ChildProcess.run("/bin/sh", ["-c", "set -- \(line); printf '%s\\n' \"$@\""])
    #expect(r.status == 0, "\(r.stderr)")
    return r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
  }

  /// The stored runs' configs, sorted, with every run finished.
  static func storedConfigs(_ dir: String) throws -> [String] {
    let listing = RunStore(directory: dir).list()
    #expect(listing.problems.isEmpty, "\(listing.problems)")
    #expect(listing.runs.allSatisfy { $0.statusText == "finished" && $0.log.rows.count == $0.config.epochs })
    return try listing.runs.map { try configJSON($0.config) }.sorted()
  }

  /// PATH with the built binary's folder first, so the lines' `traintop` is the one under test.
  static var pathWithBinary: [String: String] {
    let folder = TraintopBinary.url.deletingLastPathComponent().path
    return ["PATH": folder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
  }

  // MARK: - --print-commands

  @Test("--print-commands: one train line per combination, each parsing to that combination")
  func printCommandsRoundTrip() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let runs = dir + "/my runs"
    let r = try TraintopBinary.run(["sweep"] + Self.grid + ["--runs", runs, "--print-commands"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: runs), "printing runs nothing")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let expected = try Self.sweepConfigs(Self.grid)
    #expect(lines.count == expected.count)
    for (line, config) in zip(lines, expected) {
      #expect(line.hasPrefix("traintop train --dataset xor "))
      #expect(line.hasSuffix(" --threads 1 --runs '\(runs)'"))
      let words = try Self.shellWords(line)
      #expect(Array(words.prefix(2)) == ["traintop", "train"])
      let command = try TrainCommand.parse(Array(words.dropFirst(2)))
      #expect(command.runs == runs)
      #expect(try Self.configJSON(command.options.resolve()) == config)
    }
  }

  @Test("--print-commands names the default dataset and keeps settings a flag must spell with '='")
  func printCommandsAreSelfContained() throws {
    let r = try TraintopBinary.run([
      "sweep", "--preset", "learning-slowdown", "--initial-bias=-0.5", "--print-commands",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    #expect(lines.allSatisfy { !$0.contains("--preset") && $0.contains("--initial-bias=-0.5") })
    let words = try Self.shellWords(lines[0])
    let h = try TrainCommand.parse(Array(words.dropFirst(2))).options.resolve()
    #expect(h.initialWeight == 2 && h.initialBias == -0.5 && h.loss == .quadratic && h.dataset == "neuron")

    let defaults = try TraintopBinary.run(["sweep", "--epochs", "1,2", "--print-commands"])
    let dataset = DatasetCatalog.standard.defaultDataset().name
    #expect(defaults.stdout.split(separator: "\n").allSatisfy { $0.contains("--dataset \(dataset) ") })
  }

  @Test("each printed line, run by a shell, trains the combination it names into the one runs directory")
  func printedLinesRun() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let runs = dir + "/my runs"
    let r = try TraintopBinary.run(["sweep"] + Self.grid + ["--runs", runs, "--print-commands"])
    for line in r.stdout.split(separator: "\n") {
      let run = try ChildProcess.run(
        "/bin/sh", ["-c", String(line) + " -q"], environment: Self.pathWithBinary, directory: dir)
      #expect(run.status == 0, "\(line): \(run.stderr)")
    }
    #expect(try Self.storedConfigs(runs) == Self.sweepConfigs(Self.grid).sorted())
  }

  /// GNU parallel (Debian `parallel`; moreutils has another program of that name).
  static let gnuParallel: String? = {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      let path = String(folder) + "/parallel"
      guard FileManager.default.isExecutableFile(atPath: path),
        let r = try? ChildProcess.run(path, ["--version"]), r.stdout.contains("GNU parallel")
      else { continue }
      return path
    }
    return nil
  }()

  @Test(
    "GNU parallel runs the printed lines two at a time into one runs directory; runs lists them all",
    .enabled(
      if: gnuParallel != nil,
      "skipped: GNU parallel is not installed (scripts/install-deps installs it: apt-get install parallel)"))
  func gnuParallelRecipe() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let runs = dir + "/my runs"
    let r = try TraintopBinary.run(["sweep"] + Self.grid + ["--runs", runs, "--print-commands"])
    try r.stdout.write(toFile: dir + "/cmds", atomically: true, encoding: .utf8)
    // The README's recipe, on this machine: parallel -j 2 < cmds
    let run = try ChildProcess.run(
      "/bin/sh", ["-c", "\(Self.gnuParallel!) -j 2 < cmds"], environment: Self.pathWithBinary, directory: dir)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try Self.storedConfigs(runs) == Self.sweepConfigs(Self.grid).sorted())
    let ids = RunStore(directory: runs).list().runs.map(\.id)
    #expect(Set(ids).count == 4 && ids.allSatisfy { $0.contains("-\(RunID.currentHost)-") })

    let listed = try TraintopBinary.run(["runs", runs])
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(listed.stdout.split(separator: "\n").count == 5)  // header + 4 runs
    #expect(ids.allSatisfy { listed.stdout.contains($0) })
  }

  // MARK: - --index

  @Test("--index I runs combination I only; an index out of range is exit 2 before anything runs")
  func indexPicksOneCombination() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run(["sweep"] + Self.grid + ["--runs", dir + "/runs", "--index", "2"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("[3/4] --batch-size=20 --hidden=8,4\n"))
    #expect(try Self.storedConfigs(dir + "/runs") == [Self.sweepConfigs(Self.grid)[2]])

    for bad in ["4", "-1"] {
      let out = try TraintopBinary.run(["sweep"] + Self.grid + ["--runs", dir + "/bad", "--index=\(bad)"])
      #expect(out.status == 2)
      #expect(
        out.stderr
          == "traintop: --index \(bad): the sweep has 4 combinations, numbered from 0; use 0 to 3\n")
      #expect(!FileManager.default.fileExists(atPath: dir + "/bad"))
    }
  }

  // MARK: - --slurm

  @Test("--slurm writes a job array over the combinations whose task i runs sweep … --index i")
  func slurmScript() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run(
      ["sweep"] + Self.grid + [
        "--runs", "runs", "--slurm", "sweep.sbatch", "--time", "0:10:00", "--mem", "1g",
      ],
      directory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("sbatch sweep.sbatch"))
    let script = try String(contentsOfFile: dir + "/sweep.sbatch", encoding: .utf8)
    let lines = script.split(separator: "\n").map(String.init)
    #expect(lines.first == "#!/bin/bash")
    let canonical = SafeWriter.canonicalPath(dir)
    for directive in [
      "#SBATCH --array=0-3", "#SBATCH --time=0:10:00", "#SBATCH --mem=1G", "#SBATCH --cpus-per-task=1",
      "#SBATCH --output=\(canonical)/traintop-sweep-%A_%a.out",
    ] {
      #expect(lines.contains(directive), "\(directive) in:\n\(script)")
    }
    let command = try #require(lines.last)
    #expect(
      command
        == "exec \"$TRAINTOP\" sweep " + Self.grid.joined(separator: " ")
        + " --runs \(canonical)/runs --threads \"${SLURM_CPUS_PER_TASK:-1}\" --index \"$SLURM_ARRAY_TASK_ID\""
    )

    // Task 1 of the array, as Slurm would start it (from another folder, with its variables).
    let task = try ChildProcess.run(
      "/bin/bash", [dir + "/sweep.sbatch"],
      environment: ["SLURM_ARRAY_TASK_ID": "1", "TRAINTOP": TraintopBinary.url.path], directory: "/")
    #expect(task.status == 0, "\(task.stderr)")
    #expect(task.stdout.hasPrefix("[2/4] --batch-size=10 --hidden=16\n"))
    #expect(try Self.storedConfigs(dir + "/runs") == [Self.sweepConfigs(Self.grid)[1]])

    // An existing script is kept unless --force; bad resources are refused before writing.
    let again = try TraintopBinary.run(
      ["sweep"] + Self.grid + ["--slurm", "sweep.sbatch"], directory: dir)
    #expect(again.status == 2 && again.stderr.contains("sweep.sbatch: already exists"))
    let forced = try TraintopBinary.run(
      ["sweep"] + Self.grid + ["--slurm", "sweep.sbatch", "--force", "--cpus-per-task", "2"], directory: dir)
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try String(contentsOfFile: dir + "/sweep.sbatch", encoding: .utf8).contains("--cpus-per-task=2"))
    for (flags, message) in [
      (["--slurm", "x.sbatch", "--time", "soon"], "--time soon: not a Slurm time"),
      (["--slurm", "x.sbatch", "--mem", "lots"], "--mem lots: not a Slurm memory size"),
      (["--slurm", "x.sbatch", "--index", "1"], "--index 1: the Slurm script picks"),
      (["--mem", "2G"], "--mem: only used with --slurm FILE"),
    ] {
      let bad = try TraintopBinary.run(["sweep"] + Self.grid + flags, directory: dir)
      #expect(bad.status == 2 && bad.stderr.hasPrefix("traintop: \(message)"), "\(bad.stderr)")
      #expect(bad.stderr.split(separator: "\n").count == 1)
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/x.sbatch"))
  }

  static let sbatch: String? = ["/usr/bin/sbatch", "/usr/local/bin/sbatch"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  @Test(
    "sbatch --test-only accepts the script",
    .enabled(if: sbatch != nil, "skipped: sbatch is not installed here (no Slurm)"))
  func slurmAcceptsTheScript() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run(["sweep"] + Self.grid + ["--slurm", "s.sbatch"], directory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let test = try ChildProcess.run(Self.sbatch!, ["--test-only", "s.sbatch"], directory: dir)
    #expect(test.status == 0, "\(test.stderr)")
  }
}
