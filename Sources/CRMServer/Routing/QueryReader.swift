import CRMCore
import Foundation
import Hummingbird

/// The one reader of query parameters: the same rules and messages for every list and filter,
/// collecting every malformed parameter so that one 422 names them all.
struct QueryReader {
    static let defaultLimit = 50
    static let maxLimit = 200

    let parameters: Hummingbird.Parameters
    let timeZone: TimeZone
    private(set) var validation = Validation()

    init(_ request: Request, timeZone: TimeZone = .gmt) {
        parameters = request.uri.queryParameters
        self.timeZone = timeZone
    }

    /// A parameter's text; empty counts as absent.
    func text(_ name: String) -> String? {
        parameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A text of at most `maxLength` characters.
    mutating func text(_ name: String, maxLength: Int) -> String? {
        value(name, "must be at most \(maxLength) characters", code: ErrorCode("too-long", ["max": ErrorParam(maxLength)])) {
            $0.count <= maxLength ? $0 : nil
        }
    }

    mutating func bool(_ name: String) -> Bool? {
        value(name, "must be true or false", code: .format("boolean")) { ["true": true, "false": false][$0] }
    }

    mutating func id(_ name: String) -> Int64? {
        value(name, "must be a positive integer", code: .format("positive-integer"), Self.id)
    }

    /// Every value of a repeatable id parameter (`userId=1&userId=2`).
    mutating func ids(_ name: String) -> Set<Int64>? {
        let texts = parameters.getAll(name)
        guard !texts.isEmpty else { return nil }
        let ids = texts.compactMap(Self.id)
        if ids.count != texts.count { validation.add(name, "must be positive integers", code: .format("positive-integer")) }
        return Set(ids)
    }

    mutating func integer(_ name: String, in range: ClosedRange<Int>) -> Int? {
        value(name, "must be an integer from \(range.lowerBound) to \(range.upperBound)", code: .outOfRange(range)) {
            Int($0).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// One of a fixed set of words, such as a status or a sort order.
    mutating func oneOf<Choice: RawRepresentable & CaseIterable>(_ name: String, _ type: Choice.Type) -> Choice?
    where Choice.RawValue == String {
        let allowed = Choice.allCases.map(\.rawValue)
        return value(name, "must be one of \(allowed.joined(separator: ", "))", code: .oneOf(allowed)) { Choice(rawValue: $0) }
    }

    /// A page's size: 1 to `maxLimit`, `defaultLimit` when absent.
    mutating func limit() -> Int {
        integer("limit", in: 1...Self.maxLimit) ?? Self.defaultLimit
    }

    /// The cursor of the next page, as `Cursor` wrote it, with a key of the kind the list sorts by.
    mutating func cursor(key kind: Cursor.KeyKind) -> Cursor? {
        value("cursor", "is not a cursor this server gave out", code: "invalid-cursor") { text in
            Cursor(text).flatMap { $0.key.kind == kind ? $0 : nil }
        }
    }

    /// A time: RFC 3339, or a date alone meaning that day in the server's zone (`endOfDay`: the next midnight).
    mutating func time(_ name: String, endOfDay: Bool) -> Date? {
        let calendar = calendar
        return value(name, "must be a date (2026-11-29) or an RFC 3339 time", code: .format("date-or-time")) { text in
            if let time = RFC3339.parse(text) { return time }
            guard let day = Self.day(text), let start = calendar.date(from: day) else { return nil }
            return endOfDay ? calendar.date(byAdding: .day, value: 1, to: start) : start
        }
    }

    /// A calendar date such as `2026-11-29`.
    mutating func day(_ name: String) -> DateComponents? {
        value(name, "must be a date such as 2026-11-29", code: .format("date"), Self.day)
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    func check() throws { try validation.check() }

    private mutating func value<T>(_ name: String, _ message: String, code: ErrorCode, _ parse: (String) -> T?) -> T? {
        guard let text = parameters.get(name) else { return nil }
        guard let parsed = parse(text) else {
            validation.add(name, message, code: code)
            return nil
        }
        return parsed
    }

    static func id(_ text: String) -> Int64? {
        Int64(text).flatMap { $0 > 0 ? $0 : nil }
    }

    static func day(_ text: String) -> DateComponents? {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/) else { return nil }
        let parts = [Int(match.1)!, Int(match.2)!, Int(match.3)!]
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        return (1970...9998).contains(parts[0]) && components.isValidDate(in: Calendar(identifier: .gregorian)) ? components : nil
    }
}
