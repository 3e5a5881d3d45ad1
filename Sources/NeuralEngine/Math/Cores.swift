import CKernels

/// How many cores this process may run on.
public enum Cores {
  /// The CPUs in this process's affinity mask (what `taskset`, a container's cpuset or a Slurm
  /// task's binding leave it), else the online CPUs. Foundation's `activeProcessorCount` counts
  /// every online CPU (measured: 2 under `taskset -c 0` here), which would oversubscribe a task
  /// that was given two CPUs of sixty-four.
  public static let available = Int(tt_available_cpus())
}
