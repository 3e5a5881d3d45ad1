import Foundation
import TestSupport
import Testing

/// Runs the built example programs and checks what they print.
///
/// The examples are executables, so they are tested end to end: the test
/// target depends on them (so `swift test` builds them) and runs the binaries
/// found next to the test bundle.
@Suite("Examples")
struct ExamplesTests {
  // MARK: - Q2: cross-entropy minimum

  /// The seed's table (y, a, −y ln a, −(1−y) ln(1−a), sum), captured once from the assignment.
  static let seedTable: [(y: Double, a: Double, first: Double, second: Double, sum: Double)] = [
    (0.2, 0.1, 0.46051701859, 0.08428841252, 0.54480543111),
    (0.2, 0.2, 0.32188758248, 0.17851484105, 0.50040242353),
    (0.2, 0.3, 0.24079456086, 0.28533995515, 0.52613451601),
    (0.2, 0.4, 0.18325814637, 0.40866049901, 0.59191864538),
    (0.2, 0.5, 0.13862943611, 0.55451774444, 0.69314718055),
    (0.2, 0.6, 0.10216512475, 0.73303258549, 0.83519771024),
    (0.2, 0.7, 0.07133498878, 0.96317824346, 1.03451323224),
    (0.2, 0.8, 0.04462871026, 1.28755032995, 1.33217904021),
    (0.2, 0.9, 0.02107210313, 1.8420680744, 1.86314017753),
    (0.4, 0.1, 0.92103403719, 0.06321630939, 0.98425034658),
    (0.4, 0.2, 0.64377516497, 0.13388613078, 0.77766129575),
    (0.4, 0.3, 0.48158912173, 0.21400496636, 0.69559408809),
    (0.4, 0.4, 0.36651629275, 0.30649537426, 0.67301166701),
    (0.4, 0.5, 0.27725887222, 0.41588830833, 0.69314718055),
    (0.4, 0.6, 0.2043302495, 0.54977443912, 0.75410468862),
    (0.4, 0.7, 0.14266997757, 0.72238368259, 0.86505366016),
    (0.4, 0.8, 0.08925742052, 0.96566274746, 1.05492016798),
    (0.4, 0.9, 0.04214420626, 1.3815510558, 1.42369526206),
    (0.7, 0.1, 1.6118095651, 0.03160815469, 1.64341771979),
    (0.7, 0.2, 1.1266065387, 0.06694306539, 1.19354960409),
    (0.7, 0.3, 0.84278096302, 0.10700248318, 0.9497834462),
    (0.7, 0.4, 0.64140351231, 0.15324768713, 0.79465119944),
    (0.7, 0.5, 0.48520302639, 0.20794415416, 0.69314718055),
    (0.7, 0.6, 0.35757793663, 0.27488721956, 0.63246515619),
    (0.7, 0.7, 0.24967246075, 0.36119184129, 0.61086430204),
    (0.7, 0.8, 0.15620048592, 0.48283137373, 0.63903185965),
    (0.7, 0.9, 0.07375236096, 0.69077552789, 0.76452788885),
  ]

  /// One parsed table row of `cross-entropy-minimum`.
  struct Row {
    var y: Double
    var a: Double
    var first: Double
    var second: Double
    var sum: Double
    var isMarkedMinimum: Bool
  }

  static func crossEntropyRows(_ output: String) -> [Row] {
    var rows: [Row] = []
    var y: Double?
    for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("y = "), let value = Double(line.dropFirst(4)) {
        y = value
        continue
      }
      let fields = line.split(separator: " ")
      guard let y, fields.count >= 4, line.hasPrefix("  "),
        let numbers = Optional(fields.prefix(4).compactMap { Double($0) }), numbers.count == 4
      else { continue }
      rows.append(
        Row(
          y: y, a: numbers[0], first: numbers[1], second: numbers[2], sum: numbers[3],
          isMarkedMinimum: line.contains("◀ minimum")))
    }
    return rows
  }

  @Test("Q2: the table matches the seed's values to 3e-11")
  func crossEntropyTable() throws {
    let rows = Self.crossEntropyRows(try Self.run("cross-entropy-minimum"))
    try #require(rows.count == Self.seedTable.count, "parsed \(rows.count) rows")
    for (row, seed) in zip(rows, Self.seedTable) {
      #expect(row.y == seed.y && row.a == seed.a)
      #expect(abs(row.first - seed.first) < 3e-11, "y=\(seed.y) a=\(seed.a): −y ln a \(row.first)")
      #expect(abs(row.second - seed.second) < 3e-11, "y=\(seed.y) a=\(seed.a): −(1−y) ln(1−a) \(row.second)")
      #expect(abs(row.sum - seed.sum) < 3e-11, "y=\(seed.y) a=\(seed.a): sum \(row.sum)")
      #expect(abs(row.first + row.second - row.sum) < 2e-11)
    }
  }

  @Test("Q2: the minimum is marked at a = y and equals eq. 64's closed form")
  func crossEntropyMinimum() throws {
    let output = try Self.run("cross-entropy-minimum")
    let rows = Self.crossEntropyRows(output)
    for y in [0.2, 0.4, 0.7] {
      let marked = rows.filter { $0.y == y && $0.isMarkedMinimum }
      try #require(marked.count == 1, "y = \(y): \(marked.count) rows marked")
      #expect(marked[0].a == y)
      let closedForm = -(y * log(y) + (1 - y) * log(1 - y))
      #expect(abs(marked[0].sum - closedForm) < 1e-11)
      #expect(rows.filter { $0.y == y }.allSatisfy { $0.sum >= marked[0].sum })
    }
    #expect(output.contains("0.61086430205"), "y = 0.7's minimum, as in the seed (…204 there, rounded down)")
    #expect(output.contains("C(a) for y = 0.2") && output.contains("C(a) for y = 0.7"), "a plot per y")
    #expect(output.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille curve")
  }

  @Test("Q2: --ascii draws the curves without braille")
  func crossEntropyASCII() throws {
    let output = try Self.run("cross-entropy-minimum", arguments: ["--ascii"])
    let plot = try #require(output.components(separatedBy: "C(a) for y = 0.2").last)
    #expect(!plot.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) })
    #expect(plot.contains("*"))
  }

  // MARK: - Q1: backprop walkthrough

  @Test("Q1: every BP line is printed with its shape, and finite differences agree below 1e-6")
  func backpropWalkthrough() throws {
    let output = try Self.run("backprop-walkthrough")
    for label in [
      "BP1  δᴸ = ∇ₐC ⊙ σ′(zᴸ)", "BP2  δˡ = ((wˡ⁺¹)ᵀδˡ⁺¹) ⊙ σ′(zˡ)", "BP3  ∂C/∂bˡ = δˡ",
      "BP4  ∂C/∂wˡ = δˡ·(aˡ⁻¹)ᵀ",
    ] {
      #expect(output.contains(label), "missing \(label)")
    }
    #expect(output.contains("(2,1)·(1,4) → (2,4)"), "BP4's shapes at the output layer")
    #expect(output.contains("(4,2)·(2,1) → (4,1)"), "BP2's shapes")
    #expect(output.contains("nabla_w[-1] = np.dot(delta, activations[-2].transpose())"))
    let summary = try #require(
      output.split(separator: "\n").last { $0.contains("max relative error over all") })
    #expect(summary.hasSuffix("OK"))
    let error = try #require(Self.number(after: "derivatives: ", in: summary))
    #expect(error < 1e-6)
    #expect(summary.contains("26 derivatives"), "3·4 + 4 + 4·2 + 2 parameters")
  }

  @Test("Q1: the printed values match numbers computed once in Python (plain floats, no numpy)")
  func backpropFixture() throws {
    let lines = try Self.run("backprop-walkthrough").split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    // (label the line starts with, the first bracketed row of values)
    let fixture: [(String, [Double])] = [
      ("δ³ = ∇ₐC ⊙ σ′(z³)", [-0.09187377912982755, 0.1481479768947718]),
      ("δ²", [-0.01846628600215508, 0.03013344200627045, -0.011262487244307796, 0.03048222893267834]),
      ("∂C/∂w²", [-0.01661965740193957, -0.003693257200431016, -0.011079771601293047]),
      ("∂C/∂w³", [-0.05973803531778884, -0.034040786734978616, -0.06378211617498504, -0.04754402450650518]),
    ]
    for (label, expected) in fixture {
      let line = try #require(lines.first { $0.hasPrefix(label + " ") }, "no line for \(label)")
      let values = try #require(Self.bracketed(line), "no values on \(line)")
      #expect(values.count == expected.count, "\(label)")
      for (value, reference) in zip(values, expected) {
        #expect(abs(value - reference) < 1e-6, "\(label): \(value) vs \(reference)")
      }
    }
    let cost = try #require(lines.first { $0.hasPrefix("C = ½‖a³ − y‖² = ") })
    #expect(abs(Double(cost.split(separator: " ").last!)! - 0.2969088223396342) < 1e-10)
  }

  // MARK: - Q3: the x_j term

  @Test("Q3: each weight's change shrinks with its input, under both costs, in proportion to x_j")
  func xjTerm() throws {
    let output = try Self.run("xj-term")
    let lines = output.split(separator: "\n").map(String.init)
    let header = try #require(lines.firstIndex { $0.hasPrefix("Total change after") })
    let rows = lines[(header + 2)...].prefix { $0.hasPrefix("  w") }.map { line in
      line.split(separator: " ").dropFirst().compactMap { Double($0) }
    }
    try #require(rows.count == 4 && rows.allSatisfy { $0.count == 5 }, "rows \(rows)")
    let x = rows.map { $0[0] }
    #expect(x == [1.0, 0.5, 0.1, 0.01])
    for column in [1, 2] {  // Δw cross-entropy, Δw quadratic
      let changes = rows.map { abs($0[column]) }
      #expect(zip(changes, changes.dropFirst()).allSatisfy { $0 > $1 }, "column \(column): \(changes)")
      #expect(changes[3] < changes[0] / 50, "the weight fed by 0.01 barely moves")
      let perInput = rows.map { $0[column + 2] }
      #expect(perInput.allSatisfy { abs($0 - perInput[0]) < 1e-5 }, "Δw/x is one number: \(perInput)")
    }
    #expect(output.contains("chain rule") && output.contains("z = Σⱼ wⱼxⱼ + b"))
  }

  // MARK: - Running the examples

  /// Runs the example `name` and returns its standard output; fails on a nonzero exit.
  static func run(_ name: String, arguments: [String] = []) throws -> String {
    let result = try ChildProcess.run(try executable(name).path, arguments)
    try #require(result.status == 0, "\(name) exited with \(result.status)")
    return result.stdout
  }

  /// The built example: in the test bundle's folder or one of its parents (SwiftPM puts
  /// products and the `.xctest` bundle side by side; on macOS the bundle is a folder).
  static func executable(_ name: String) throws -> URL {
    var folders: [URL] = []
    for start in [CommandLine.arguments[0], "/proc/self/exe"] {
      var folder = URL(fileURLWithPath: start).resolvingSymlinksInPath().deletingLastPathComponent()
      for _ in 0..<4 {
        folders.append(folder)
        folder = folder.deletingLastPathComponent()
      }
    }
    for folder in folders {
      let candidate = folder.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    throw ExampleNotFound(name: name, searched: folders.map(\.path))
  }

  struct ExampleNotFound: Error, CustomStringConvertible {
    var name: String
    var searched: [String]
    var description: String {
      "\(name) not found in \(searched.joined(separator: ", ")); build it with `swift build --product \(name)`"
    }
  }

  /// The numbers between the first `[` and `]` of `line`.
  static func bracketed(_ line: String) -> [Double]? {
    guard let open = line.firstIndex(of: "["), let close = line[open...].firstIndex(of: "]") else {
      return nil
    }
    let values = line[line.index(after: open)..<close].split(separator: ",").map {
      Double($0.trimmingCharacters(in: .whitespaces))
    }
    return values.contains(nil) ? nil : values.map { $0! }
  }

  static func number(after marker: String, in line: Substring) -> Double? {
    guard let range = line.range(of: marker) else { return nil }
    return Double(line[range.upperBound...].prefix { !$0.isWhitespace })
  }
}
