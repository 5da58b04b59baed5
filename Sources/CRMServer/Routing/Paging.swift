import CRMCore
import Foundation

/// The one cursor of every list: the last row's id and the key the list sorts by (none for lists
/// in id order), as URL-safe base64 of a JSON array: `[id]`, `[id, 12.5]` or `[id, "name"]`.
struct Cursor: Equatable {
    enum Key: Equatable {
        case none
        case number(Double)
        case text(String)

        var kind: KeyKind {
            switch self {
            case .none: .none
            case .number: .number
            case .text: .text
            }
        }
    }

    enum KeyKind { case none, number, text }

    var id: Int64
    var key: Key = .none

    init(id: Int64, key: Key = .none) {
        self.id = id
        self.key = key
    }

    init?(_ text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let parts = try? JSONDecoder().decode(Parts.self, from: data), parts.id > 0
        else { return nil }
        (id, key) = (parts.id, parts.key)
    }

    private struct Parts: Decodable {
        var id: Int64
        var key = Key.none

        init(from decoder: any Decoder) throws {
            var array = try decoder.unkeyedContainer()
            id = try array.decode(Int64.self)
            if !array.isAtEnd {
                // A failed decode leaves the element for the next try.
                if let text = try? array.decode(String.self) { key = .text(text) } else { key = .number(try array.decode(Double.self)) }
            }
            guard array.isAtEnd else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "too long")) }
        }
    }

    /// Written by hand, as lists write one per page and JSONSerialization cost 3 % of a list request.
    var text: String {
        var json = "[\(id)"
        switch key {
        case .none: break
        case .number(let number): json += ",\(number)"
        case .text(let text): json += "," + String(decoding: JSONSink.quoted(text), as: UTF8.self)
        }
        json += "]"
        return Data(json.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

extension ItemList {
    /// The first `limit` of `rows` (read with one more), with the cursor after the last when there is more.
    init<Row>(_ rows: [Row], limit: Int, cursor: (Row) -> Cursor, _ item: (Row) -> Item) {
        let page = rows.prefix(limit)
        self.init(page.map(item), nextCursor: rows.count > limit ? page.last.map { cursor($0).text } : nil)
    }
}
