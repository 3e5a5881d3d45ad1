import Foundation
import NeuralEngine
import SafeText

/// Expands `--flag a,b --other x,y` into the argument lists of every combination.
enum SweepGrid {
  static let booleanFlags: Set<String> = ["--nesterov", "--restore-best", "--reduce-lr-on-plateau"]

  /// Each flag with its alternatives, in the order given.
  static func parse(_ tokens: [String]) throws -> [(flag: String, values: [String?])] {
    var result: [(String, [String?])] = []
    var i = 0
    while i < tokens.count {
      var token = tokens[i]
      guard token.hasPrefix("--") else {
        throw DataError("sweep: unexpected '\(safe: token)'; give flags with values, e.g. --dropout 0.3,0.4")
      }
      var value: String?
      if let eq = token.firstIndex(of: "=") {
        value = String(token[token.index(after: eq)...])
        token = String(token[..<eq])
      } else if !booleanFlags.contains(token), i + 1 < tokens.count {
        value = tokens[i + 1]
        i += 1
      } else if !booleanFlags.contains(token) {
        throw DataError("sweep: \(safe: token) needs a value, e.g. \(safe: token) 1,2")
      }
      if let value {
        let alternatives = value.split(separator: ",", omittingEmptySubsequences: false).map {
          token == "--hidden" ? $0.replacingOccurrences(of: "+", with: ",") : String($0)
        }
        result.append((token, alternatives))
      } else {
        result.append((token, [nil]))
      }
      i += 1
    }
    return result
  }

  /// Every combination, first flag varying slowest (like nested loops in the order given).
  /// A switch given values (`--nesterov=true,false`, `--restore-best=on,off`) is present for
  /// `true`/`on` and absent for `false`/`off`.
  static func expand(_ tokens: [String]) throws -> [[String]] {
    let lists = try parse(tokens)
    try SweepPlan.checkSize(lists.map { ($0.flag, $0.values.count) })
    var combos: [[String]] = [[]]
    for (flag, values) in lists {
      combos = combos.flatMap { prefix in
        values.map { v in prefix + arguments(flag, v) }
      }
    }
    return combos
  }

  private static func arguments(_ flag: String, _ value: String?) -> [String] {
    guard let value else { return [flag] }
    guard booleanFlags.contains(flag) else { return [flag + "=" + value] }
    return ["false", "off", "no", "0"].contains(value.lowercased()) ? [] : [flag]
  }

  /// `tokens` preceded by the alternatives of the preset's or config's `sweep` (``SweepPlan``),
  /// except for the settings `tokens` give themselves.
  static func addingPlan(to tokens: [String]) throws -> [String] {
    let first = try expand(tokens).first ?? []
    let given = HyperparameterOptions.settingKeys(in: tokens)
    let options = try HyperparameterOptions.parse(first)
    guard let (plan, _, _) = try options.sweepPlan(over: options.resolve(), flagsGiven: given) else {
      return tokens
    }
    let planned = plan.axes.map { axis in
      let values = axis.values.map { axis.key == "hidden" ? $0.replacingOccurrences(of: ",", with: "+") : $0 }
      return axis.flag + "=" + values.joined(separator: ",")
    }
    return planned + tokens
  }

  /// The varying part of one combination, e.g. `--batch-size=500 --dropout=0.3`.
  static func label(_ combination: [String], of tokens: [String]) -> String {
    let varying = Set(((try? parse(tokens)) ?? []).filter { $0.values.count > 1 }.map(\.flag))
    return combination.filter { arg in varying.contains(String(arg.prefix { $0 != "=" })) }.joined(
      separator: " ")
  }
}
