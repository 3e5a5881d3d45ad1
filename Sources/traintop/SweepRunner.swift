import Foundation
import NeuralEngine
import SafeText
import Synchronization
import TrainingRuns

/// Runs a sweep's combinations, up to `jobs` at once, each on its own thread.
///
/// Each run is single-threaded unless `--threads` says otherwise, so `jobs` runs keep `jobs`
/// cores busy: a core per run wastes nothing on handing work between threads. Runs start in combination order; with one job that is exactly
/// the order and output of a sweep run one after another. Every run is stored as it goes.
///
/// Lines are printed whole under one lock: a run's first line when it starts, its result when
/// it ends (prefixed with its number when several run at once). On a terminal, one progress
/// line on standard error shows every running run.
final class SweepRunner: Sendable {
  /// One combination to run.
  struct Job: Sendable {
    /// Its number in the sweep, from 0.
    var index: Int
    /// The varying flags, e.g. `--batch-size=500`.
    var label: String
    var settings: Hyperparameters
  }

  /// What the sweep left: the runs that ended (in the order they ended), and why it stopped early.
  struct Outcome {
    var finished: [RunComparison.Entry] = []
    /// The first write that failed (a full disk): every run was stopped.
    var writeFailure: FileWriteError?
    /// The first other error (data that cannot be loaded, a runs folder that cannot be made):
    /// no run started after it.
    var error: (any Error)?
  }

  private let jobs: [Job]
  private let total: Int
  private let concurrency: Int
  private let threads: Int
  private let store: RunStore
  private let signals: StopSignals
  private let output = SweepOutput()
  private let data: DataCache

  private struct State {
    var next = 0
    var outcome = Outcome()
    var running: [Trainer] = []
  }
  private let state = Mutex(State())

  /// - Parameters:
  ///   - total: the number of combinations in the whole sweep (for `[i/total]`).
  ///   - concurrency: how many runs at once (capped at the number of jobs).
  ///   - threads: threads each run trains with (`--threads`; 1 unless given).
  init(jobs: [Job], total: Int, concurrency: Int, threads: Int, store: RunStore, signals: StopSignals) {
    self.jobs = jobs
    self.total = total
    self.concurrency = max(1, min(concurrency, jobs.count))
    self.threads = threads
    self.store = store
    self.signals = signals
    data = DataCache(capacity: self.concurrency)
  }

  /// Runs every job (or until a signal, a failed write or an error) and returns what it left.
  func run() -> Outcome {
    let done = DispatchGroup()
    for worker in 0..<concurrency {
      done.enter()
      let thread = Thread { [self] in
        while let job = takeJob() { run(job) }
        done.leave()
      }
      thread.name = "traintop sweep \(worker + 1)"
      thread.stackSize = 8 << 20
      thread.start()
    }
    done.wait()
    output.clearProgress()
    return state.withLock { $0.outcome }
  }

  /// The next job, unless the sweep is stopping. Its first line is printed here, under the
  /// lock that hands jobs out, so runs announce themselves in combination order.
  private func takeJob() -> Job? {
    state.withLock { s in
      guard signals.requested == nil, s.outcome.writeFailure == nil, s.outcome.error == nil,
        s.next < jobs.count
      else { return nil }
      s.next += 1
      let job = jobs[s.next - 1]
      output.line("\(number(job)) \(job.label.isEmpty ? "(defaults)" : TerminalSafe.text(job.label))")
      return job
    }
  }

  /// `[i/total]`, counted from 1.
  private func number(_ job: Job) -> String { "[\(job.index + 1)/\(total)]" }

  private func fail(_ error: any Error) {
    state.withLock { s in
      if s.outcome.error == nil { s.outcome.error = error }
    }
  }

  private func run(_ job: Job) {
    let h = job.settings.resolvingDefaultDataset()
    let number = number(job)
    let trainer: Trainer
    let recorder: RunRecorder
    do {
      trainer = try Trainer(hyperparameters: h, data: data.load(for: h), threads: threads)
      if signals.requested != nil { return }
      recorder = try store.create(config: h)
    } catch {
      fail(error)
      return
    }
    signals.attach(trainer)
    state.withLock { $0.running.append(trainer) }
    var failure: FileWriteError?
    var summary: RunSummary?
    trainer.run { event in
      var event = event
      if case .ended(var s) = event {
        // A run the sweep stopped for another run's failed write says so, not "by the user".
        let cause = failure ?? (s.status == .stopped ? state.withLock { $0.outcome.writeFailure } : nil)
        s = s.stopped(afterFailedWrite: cause, signal: signals.stoppedBy)
        event = .ended(s)
        summary = s
      }
      do throws(FileWriteError) {
        try recorder.record(event)
      } catch {
        if failure == nil {
          failure = error
          stopAll(after: error)
        }
      }
      if case .batch(let p) = event {
        output.progress(
          job.index,
          "\(concurrency > 1 ? number + " " : "  ")epoch \(p.epoch + 1)/\(h.epochs) "
            + "\(p.batch)/\(p.batchesPerEpoch) - loss: \(fmt(p.loss))")
      }
    }
    signals.detach(trainer)
    state.withLock { s in s.running.removeAll { $0 === trainer } }
    output.progressEnded(job.index)
    guard let summary else { return }
    let best = summary.bestValAccuracy.map { "best val_accuracy \(fmt($0)) @\((summary.bestEpoch ?? 0) + 1)" }
    let prefix = concurrency > 1 ? number + " " : "  "
    var lines = ["\(prefix)\(summary.status.rawValue), \(best ?? "no epochs") — run \(recorder.id)"]
    if let reason = summary.reason, summary.status == .stopped, failure == nil { lines.append("  \(reason)") }
    output.line(lines.joined(separator: "\n"))
    state.withLock {
      $0.outcome.finished.append(
        .init(id: recorder.id, status: summary.status.rawValue, config: h, summary: summary))
    }
  }

  /// A failed write stops the sweep: this run (its files keep the complete epochs) and the
  /// others, whose files are likely on the same full disk.
  private func stopAll(after error: FileWriteError) {
    let running = state.withLock { s -> [Trainer] in
      if s.outcome.writeFailure == nil { s.outcome.writeFailure = error }
      return s.running
    }
    for trainer in running { trainer.control.stop() }
  }
}

/// The sweep's standard output and its progress line, shared by the runs' threads.
private final class SweepOutput: Sendable {
  private struct State {
    var progress = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
    /// Each running run's progress text, by combination number.
    var texts: [Int: String] = [:]
  }
  private let state = Mutex(State())

  /// Prints `text` as whole lines (clearing the progress line first).
  func line(_ text: String) {
    state.withLock { s in
      s.progress.clear()
      print(text)
      fflush(nil)
    }
  }

  func progress(_ index: Int, _ text: String) {
    state.withLock { s in
      s.texts[index] = text
      let texts = s.texts.sorted { $0.key < $1.key }.map(\.value)
      s.progress.show(texts.joined(separator: " · "))
    }
  }

  func progressEnded(_ index: Int) {
    state.withLock { $0.texts[index] = nil }
  }

  func clearProgress() {
    state.withLock { $0.progress.clear() }
  }
}

/// The data of each distinct data setting, loaded once per sweep: a batch-size study's six
/// runs share one Fashion-MNIST. Loads happen one at a time, so two runs starting together do
/// not inflate the same files twice.
private final class DataCache: Sendable {
  private let loaded = Mutex<[(DataOptions, DataSplit)]>([])
  private let loading = NSLock()
  /// The most data sets kept: as many as runs train at once. A sweep over seeds loads one set a
  /// seed (the seed draws 2-D data and validation splits); keeping them all held 220 MB per
  /// Fashion-MNIST seed to the end. A run that trains on an evicted set keeps its own copy.
  private let capacity: Int

  init(capacity: Int) { self.capacity = max(1, capacity) }

  func load(for h: Hyperparameters) throws -> DataSplit {
    let options = h.dataOptions
    loading.lock()
    defer { loading.unlock() }
    if let hit = loaded.withLock({ $0.first { $0.0 == options }?.1 }) { return hit }
    let data = try loadData(options)
    loaded.withLock {
      $0.append((options, data))
      if $0.count > capacity { $0.removeFirst($0.count - capacity) }
    }
    return data
  }
}
