import Foundation
import NeuralEngine

/// A confusion matrix as a CSV table a spreadsheet opens: a header of the predicted classes,
/// then a row per true class with its counts and its accuracy (recall).
///
/// ```
/// true\predicted,T-shirt/top,Trouser,…,accuracy
/// T-shirt/top,812,2,…,0.812
/// ```
public enum ConfusionTableExport {
  public static func csv(_ matrix: ConfusionMatrix) -> String {
    let names = (0..<matrix.classes).map(matrix.name(of:))
    var lines = [(["true\\predicted"] + names + ["accuracy"]).map(field).joined(separator: ",")]
    for a in 0..<matrix.classes {
      let counts = (0..<matrix.classes).map { String(matrix[a, $0]) }
      let accuracy = matrix.accuracy(of: a).map { "\($0)" } ?? "NA"
      lines.append(([field(names[a])] + counts + [accuracy]).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
  static func field(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
