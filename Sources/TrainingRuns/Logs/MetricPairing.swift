/// Which metrics are the train and validation sides of one quantity, across the naming habits
/// of the common frameworks.
///
/// - Keras, our logs: `loss` + `val_loss`.
/// - PyTorch tutorials, tensorboardX: `Loss/train` + `Loss/val` (or `/valid`, `/validation`,
///   `/eval`, `/test`).
/// - TensorBoard scopes, Flax, many scripts: `train/loss` + `eval/loss` (or `val/`, `valid/`,
///   `validation/`, `test/`).
/// - Lightning's `self.log`: `train_loss` + `val_loss`; `train_loss_epoch` (a metric logged
///   both per step and per epoch) pairs with `val_loss` too, `train_loss_step` stays alone.
/// - Hugging Face Trainer: `loss` + `eval_loss`.
///
/// The shared part is the pair's name, lower-cased when it came from such a pattern
/// (`Loss/train` → `loss`), so `loss` and `accuracy` panels come first whatever the framework.
public enum MetricPairing {
  /// A metric's side and the name of the quantity it measures.
  public struct Role: Sendable, Equatable {
    public var base: String
    public var isValidation: Bool
  }

  private static let validationWords = ["val", "valid", "validation", "eval", "test"]
  private static let trainWords = ["train", "training"]

  /// The role `name` plays: a validation series (`val_loss`, `Loss/val`, `eval/loss`), an
  /// explicitly train series (`train_loss`, `Loss/train`), or — for any other name — the train
  /// side of itself.
  public static func role(of name: String) -> Role {
    if let base = strip(name, words: validationWords) { return Role(base: base, isValidation: true) }
    if let base = strip(name, words: trainWords) {
      let perEpoch = base.hasSuffix("_epoch") && base.count > 6
      return Role(base: perEpoch ? String(base.dropLast(6)) : base, isValidation: false)
    }
    return Role(base: name, isValidation: false)
  }

  /// The base of `name` without one of `words` as a `word_`/`word/` prefix or `/word`/`_word`
  /// suffix (case-insensitive), lower-cased; nil when it has none.
  private static func strip(_ name: String, words: [String]) -> String? {
    let lower = name.lowercased()
    for word in words {
      for separator in ["_", "/"] {
        let prefix = word + separator
        if lower.hasPrefix(prefix), lower.count > prefix.count {
          return String(lower.dropFirst(prefix.count))
        }
        let suffix = separator + word
        if lower.hasSuffix(suffix), lower.count > suffix.count { return String(lower.dropLast(suffix.count)) }
      }
    }
    return nil
  }

  /// `names` grouped into (train, validation) pairs, in the order of first appearance; a name
  /// whose side is already taken by another name of the same base stands alone.
  public static func pairs(_ names: [String]) -> [MetricPair] {
    var pairs: [MetricPair] = []
    var indexByBase: [String: Int] = [:]
    for name in names {
      let role = role(of: name)
      if let index = indexByBase[role.base] {
        if role.isValidation, pairs[index].validation == nil {
          pairs[index].validation = name
          continue
        }
        if !role.isValidation, pairs[index].train == nil {
          pairs[index].train = name
          continue
        }
        pairs.append(
          MetricPair(train: role.isValidation ? nil : name, validation: role.isValidation ? name : nil))
        continue
      }
      indexByBase[role.base] = pairs.count
      var pair = MetricPair(train: role.isValidation ? nil : name, validation: role.isValidation ? name : nil)
      pair.baseName = role.base
      pairs.append(pair)
    }
    // Only a name the pair's columns do not already say is kept (`loss` for `Loss/train`).
    for index in pairs.indices {
      let base = pairs[index].baseName
      pairs[index].baseName = nil
      if pairs[index].name != base { pairs[index].baseName = base }
    }
    // Train first, as the existing panels are ordered (validation-only pairs after).
    return pairs.filter { $0.train != nil } + pairs.filter { $0.train == nil }
  }
}
