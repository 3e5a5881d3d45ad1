import Dashboard
import Foundation
import NeuralEngine

/// `sweep --slurm FILE`: a Slurm batch script that runs a sweep as a job array.
///
/// Task *i* of `#SBATCH --array=0-(N-1)` runs `traintop sweep <the same flags> --index i`:
/// every task expands the same grid in the same order and runs its one combination, storing it
/// in the shared runs directory (run ids are unique across hosts and processes, see `RunID`).
/// traintop hands the work to the scheduler the cluster already runs rather than growing one
/// of its own; `sbatch` queues it, `traintop runs DIR` and `traintop watch DIR` follow it.
struct SlurmScript {
  /// Each task's `#SBATCH` resources.
  struct Resources {
    /// `--time`: minutes, `MM:SS`, `HH:MM:SS`, `D-HH`, `D-HH:MM` or `D-HH:MM:SS`.
    var time = "1:00:00"
    /// `--mem`: a number with an optional K, M, G or T suffix.
    var memory = "2G"
    var cpusPerTask = 1

    /// Checks the values as Slurm would, so a typo is exit 2 here and not a rejected job later.
    init(time: String? = nil, memory: String? = nil, cpusPerTask: Int? = nil) throws(DataError) {
      if let time {
        guard time.wholeMatch(of: /(\d+-)?\d+(:\d+){0,2}/) != nil else {
          throw DataError(
            "--time \(time): not a Slurm time; use minutes (90), HH:MM:SS (1:30:00) or D-HH:MM:SS (2-00:00:00)"
          )
        }
        self.time = time
      }
      if let memory {
        guard memory.wholeMatch(of: /\d+[KMGTkmgt]?/) != nil, memory.first != "0" else {
          throw DataError("--mem \(memory): not a Slurm memory size; use e.g. 2G or 500M")
        }
        self.memory = memory.uppercased()
      }
      if let cpusPerTask {
        guard cpusPerTask >= 1 else {
          throw DataError("--cpus-per-task \(cpusPerTask): must be at least 1")
        }
        self.cpusPerTask = cpusPerTask
      }
    }
  }

  /// The sweep's flags as given (with the dataset named when it was left to the default).
  var tokens: [String]
  /// Combinations in the sweep: the array is `0-(count-1)`.
  var count: Int
  /// The runs directory, absolute: every task writes there, wherever Slurm starts it.
  var runs: String
  /// Where the tasks start, so relative paths in the flags mean what they meant here.
  var directory: String
  /// The traintop binary the tasks run, unless `$TRAINTOP` names another.
  var executable: String
  var resources: Resources
  /// Where the script is written (for the comment saying how to submit it).
  var path: String

  /// The script. Each task's output goes to `traintop-sweep-<job>_<task>.out` in `directory`.
  ///
  /// `#SBATCH` lines are read by `sbatch`, not by a shell, so they carry no quoting: the task's
  /// folder is entered with `cd` in the script, and named in `--output` only when it has no
  /// blanks (otherwise Slurm's default, `slurm-<job>_<task>.out` where `sbatch` ran).
  var text: String {
    let q = ReproduceCommand.shellQuoted
    var command = ["exec", "\"$TRAINTOP\""] + (["sweep"] + tokens + ["--runs", runs]).map(q)
    // One BLAS thread per CPU Slurm gives the task, unless the flags choose.
    if !tokens.contains(where: { $0 == "--threads" || $0.hasPrefix("--threads=") }) {
      command += ["--threads", "\"${SLURM_CPUS_PER_TASK:-1}\""]
    }
    command += ["--index", "\"$SLURM_ARRAY_TASK_ID\""]
    var lines = [
      "#!/bin/bash",
      "# traintop sweep as a Slurm job array: task i runs combination i of \(count).",
      "# Submit:  sbatch \(q(path))",
      "# Follow:  traintop runs \(q(runs))   or   traintop watch \(q(runs))",
      "# TRAINTOP=/path/to/traintop sbatch … runs another copy of the binary (one copied to the nodes).",
      "#SBATCH --job-name=traintop-sweep",
      "#SBATCH --array=0-\(count - 1)",
      "#SBATCH --time=\(resources.time)",
      "#SBATCH --mem=\(resources.memory)",
      "#SBATCH --cpus-per-task=\(resources.cpusPerTask)",
    ]
    if !directory.contains(where: \.isWhitespace) {
      lines.append("#SBATCH --output=\(directory)/traintop-sweep-%A_%a.out")
    }
    lines += [
      "set -eu",
      "TRAINTOP=\"${TRAINTOP:-\(executable)}\"",
      "cd \(q(directory))",
      command.joined(separator: " "),
    ]
    return lines.joined(separator: "\n") + "\n"
  }
}
