import Foundation

/// How company names are compared (docs/customers.md#name-comparison): the full registered name, folded so that case,
/// white space and full-/half-width forms don't make two names of one company.
public enum CustomerName {
    /// Unicode NFKC (so `（）` → `()` and `Ａ` → `A`), case-folded, white space trimmed and collapsed.
    public static func key(_ name: String) -> String {
        fold(name)
    }

    /// The same folding for any searchable text.
    public static func fold(_ text: String) -> String {
        if isFolded(text) { return text }
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether folding leaves `text` as it is: it holds only characters that NFKC and lower-casing
    /// keep (lower-case ASCII, digits, punctuation, CJK ideographs) and single spaces between words.
    /// Most names and addresses do, and the scan costs far less than normalising, which took 3 % of
    /// a create's server CPU.
    static func isFolded(_ text: String) -> Bool {
        var afterSpace = true
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20:
                if afterSpace { return false }
                afterSpace = true
            case 0x21...0x40, 0x5B...0x7E, 0x3400...0x4DBF, 0x4E00...0x9FFF:
                afterSpace = false
            default:
                return false
            }
        }
        return !afterSpace || text.isEmpty
    }

    /// The distinctive part of a name: without legal forms (有限公司, Co., Ltd., Inc.) and a leading
    /// region in brackets, so `（北京）星辰科技有限公司` and `星辰科技` share `星辰科技`.
    public static func core(_ name: String) -> String {
        core(key: key(name))
    }

    /// `core` of a name already folded to its `key`.
    public static func core(key: String) -> String {
        var text = key
        if text.hasPrefix("("), let close = text.firstIndex(of: ")"), text.distance(from: text.startIndex, to: close) <= 12 {
            text = String(text[text.index(after: close)...])
        }
        var changed = true
        while changed {
            changed = false
            text = text.trimmingCharacters(in: trimmed)
            // Compared as bytes: both sides are folded already, and comparing by Character
            // (canonical equivalence) is many times slower.
            for form in legalForms where text.utf8.count > form.utf8.count && text.utf8.reversed().starts(with: form.utf8.reversed()) {
                text = String(decoding: text.utf8.dropLast(form.utf8.count), as: UTF8.self)
                changed = true
                break
            }
        }
        return text.replacingOccurrences(of: " ", with: "")
    }

    static let trimmed = CharacterSet.whitespaces.union(.punctuationCharacters)

    /// Longest first, so 股份有限公司 is removed whole before 有限公司 could match.
    static let legalForms = [
        "股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "分公司", "集团", "公司",
        "company limited", "co., ltd.", "co.,ltd.", "co. ltd.", "co ltd", "limited", "ltd.", "ltd", "inc.", "inc",
        "corporation", "corp.", "corp", "co.", "llc", "gmbh",
    ]
}
