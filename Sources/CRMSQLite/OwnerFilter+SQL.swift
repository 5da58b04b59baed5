import CRMCore
import GRDB

extension OwnerFilter {
    /// The one translation of an owner filter into SQL, over the user-id column `column`.
    func sql(_ column: String) -> (String, StatementArguments) {
        switch self {
        case .any: ("1", [])
        case .publicOnly: ("\(column) IS NULL", [])
        case .owners(let ids) where ids.count == 1: ("\(column) = ?", [ids.first!])
        case .owners(let ids): ("\(column) IN (SELECT value FROM json_each(?))", [json(ids)])
        case .ownersOrPublic(let ids): ("(\(column) IS NULL OR \(column) IN (SELECT value FROM json_each(?)))", [json(ids)])
        }
    }
}

/// Ids as a JSON array, for `json_each`: one bound value however many ids.
func json(_ ids: some Collection<Int64>) -> String {
    "[" + ids.map(String.init).joined(separator: ",") + "]"
}

/// Texts as a JSON array, for `json_each`; JSONEncoder took a twentieth of a customer create's
/// server time for its pairs.
func json(_ texts: some Collection<String>) -> String {
    var out = "["
    for (index, text) in texts.enumerated() {
        out += index == 0 ? "\"" : ",\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
    return out + "]"
}
