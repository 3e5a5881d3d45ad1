// watch-scale: how `traintop watch` holds up with many runs (issue 11).
//
//   swift run -c release watch-scale write DIR [RUNS] [STEPS]   writes a TensorBoard logdir
//   swift run -c release watch-scale measure DIR [FRAMES]       loads it, prints RSS and frame time
//
// `write` makes RUNS runs (default 200) of STEPS steps (10 000): `train/loss` every step,
// `eval/loss` every 10th, as PyTorch's SummaryWriter writes them (simple_value events,
// TFRecord framing with masked CRC-32C), with an hparams.yaml per run so legends name the
// settings. `measure` reads them with the same followers `watch` uses (a per-poll budget, as
// the UI would), then renders the whole screen FRAMES times at 160x48 and prints the median
// and worst frame, the load time and the process's resident memory.

import Dashboard
import Foundation
import LogDiscovery
import SwiftProtobuf
import TensorBoardLogs
import TensorBoardProto
import TrainingRuns

func record(_ data: [UInt8]) -> [UInt8] {
  let length = withUnsafeBytes(of: UInt64(data.count).littleEndian) { Array($0) }
  func crc(_ bytes: [UInt8]) -> [UInt8] {
    withUnsafeBytes(of: CRC32C.maskedChecksum(bytes).littleEndian) { Array($0) }
  }
  return length + crc(length) + data + crc(data)
}

func event(step: Int64, tag: String, value: Float) -> [UInt8] {
  var value1 = Tensorboard_Summary.Value()
  value1.tag = tag
  value1.simpleValue = value
  var summary = Tensorboard_Summary()
  summary.value = [value1]
  var event = Tensorboard_Event()
  event.step = step
  event.wallTime = 1_700_000_000 + Double(step)
  event.summary = summary
  return try! event.serializedBytes()
}

func write(_ root: String, runs: Int, steps: Int) throws {
  for run in 0..<runs {
    let lr = [0.1, 0.03, 0.01, 0.003][run % 4]
    let batch = 32 << (run / 4 % 5)
    let folder = "\(root)/lr\(lr)_bs\(batch)/version_\(run)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try "lr: \(lr)\nbatch_size: \(batch)\nseed: 1\n".write(
      toFile: folder + "/hparams.yaml", atomically: true, encoding: .utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(steps * 60)
    for step in 0..<steps {
      let t = Double(step + 1)
      let loss = Float(2.3 * exp(-t * lr / 300) + 0.1 + 0.05 * sin(t / 7 + Double(run)))
      bytes += record(event(step: Int64(step), tag: "train/loss", value: loss))
      if step % 10 == 9 {
        bytes += record(event(step: Int64(step), tag: "eval/loss", value: loss * 1.1 + 0.05))
      }
    }
    _ = FileManager.default.createFile(
      atPath: folder + "/events.out.tfevents.1700000000.bench.\(run).0", contents: Data(bytes))
  }
}

func residentMegabytes() -> (now: Double, peak: Double) {
  let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
  func field(_ name: String) -> Double {
    let line = status.split(separator: "\n").first { $0.hasPrefix(name) } ?? ""
    return Double(line.split(separator: " ").dropFirst().first ?? "0").map { $0 / 1024 } ?? 0
  }
  return (field("VmRSS:"), field("VmHWM:"))
}

func seconds(_ body: () -> Void) -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func measure(_ root: String, frames: Int) {
  let before = residentMegabytes().now
  var state = WatchState(runNames: [], width: 160, height: 48)
  state.followsDirectory = true
  var sources: [any LogSource] = []
  let load = seconds {
    let scan = LogDirectory(root: root).scan()
    state.update(
      .runsFound(
        scan.runs.map { WatchRun(name: $0.name, settings: $0.settingsFile.map(RunSettings.read) ?? [:]) }))
    sources = scan.runs.map { $0.makeSource() }
    var behind = true
    while behind {
      behind = false
      for (index, source) in sources.enumerated() {
        guard let update = try? source.poll() else { continue }
        behind = behind || !update.isCaughtUp
        state.update(.logUpdate(run: index, update, metricNames: source.metricNames, xIsStep: source.xIsStep))
      }
    }
  }
  let points = state.runs.reduce(0) { $0 + $1.columns.values.reduce(0) { $0 + $1.count } }
  let memory = residentMegabytes()
  var times: [Double] = []
  for i in 0..<frames {
    if i == frames / 2 { state.update(.key(.character("m"))) }  // half the frames smoothed
    times.append(seconds { _ = state.screen })
  }
  times.sort()
  let ms = { (s: Double) in String(format: "%.1f ms", s * 1000) }
  print("runs: \(state.runs.count), points: \(points), load: \(String(format: "%.1f s", load))")
  print(
    "RSS: \(String(format: "%.0f", memory.now)) MB (\(String(format: "%.0f", memory.now - before)) MB for the runs), peak \(String(format: "%.0f", memory.peak)) MB"
  )
  print(
    "frame at 160x48, all runs shown: median \(ms(times[times.count / 2])), worst \(ms(times.last!)) over \(frames) frames"
  )
  state.filter = "version_1[0-9]$"
  let filtered = (0..<10).map { _ in seconds { _ = state.screen } }.sorted()
  print(
    "frame with the filter /version_1[0-9]$ (\(state.visibleRunIndices.count) runs): median \(ms(filtered[5]))"
  )
}

let arguments = CommandLine.arguments
switch arguments.count > 2 ? arguments[1] : "" {
case "write":
  let runs = arguments.count > 3 ? Int(arguments[3]) ?? 200 : 200
  let steps = arguments.count > 4 ? Int(arguments[4]) ?? 10_000 : 10_000
  try write(arguments[2], runs: runs, steps: steps)
  print("wrote \(runs) runs of \(steps) steps under \(arguments[2])")
case "measure":
  measure(arguments[2], frames: arguments.count > 3 ? Int(arguments[3]) ?? 20 : 20)
default:
  print("usage: watch-scale write DIR [RUNS] [STEPS] | watch-scale measure DIR [FRAMES]")
  exit(2)
}
