import CRMCore
import Foundation
import Hummingbird

/// Reads query parameters, collecting every malformed one so one 422 names them all.
struct QueryReader {
    let parameters: Hummingbird.Parameters
    let timeZone: TimeZone
    private(set) var validation = Validation()

    init(_ request: Request, timeZone: TimeZone) {
        parameters = request.uri.queryParameters
        self.timeZone = timeZone
    }

    func text(_ name: String) -> String? {
        parameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    mutating func value<T>(_ name: String, _ message: String, _ parse: (String) -> T?) -> T? {
        guard let text = parameters.get(name) else { return nil }
        guard let parsed = parse(text) else {
            validation.add(name, message)
            return nil
        }
        return parsed
    }

    mutating func id(_ name: String) -> Int64? {
        value(name, "must be a positive integer") { Int64($0).flatMap { $0 > 0 ? $0 : nil } }
    }

    /// Every value of a repeatable id parameter (`userId=1&userId=2`).
    mutating func ids(_ name: String) -> Set<Int64>? {
        let texts = parameters.getAll(name)
        guard !texts.isEmpty else { return nil }
        let ids = texts.compactMap { Int64($0).flatMap { $0 > 0 ? $0 : nil } }
        if ids.count != texts.count { validation.add(name, "must be positive integers") }
        return Set(ids)
    }

    mutating func limit() -> Int {
        value("limit", "must be an integer from 1 to \(Paging.maxLimit)") {
            Int($0).flatMap { (1...Paging.maxLimit).contains($0) ? $0 : nil }
        } ?? Paging.defaultLimit
    }

    /// A time: RFC 3339, or a date alone meaning that day in the server's zone (`endOfDay`: the next midnight).
    mutating func time(_ name: String, endOfDay: Bool) -> Date? {
        let calendar = calendar
        return value(name, "must be a date (2026-11-29) or an RFC 3339 time") { text in
            if let time = RFC3339.parse(text) { return time }
            guard let day = Self.day(text), let start = calendar.date(from: day) else { return nil }
            return endOfDay ? calendar.date(byAdding: .day, value: 1, to: start) : start
        }
    }

    /// A calendar date such as `2026-11-29`.
    mutating func day(_ name: String) -> DateComponents? {
        value(name, "must be a date such as 2026-11-29") { Self.day($0) }
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    static func day(_ text: String) -> DateComponents? {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/) else { return nil }
        let parts = [Int(match.1)!, Int(match.2)!, Int(match.3)!]
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        return (1970...9998).contains(parts[0]) && components.isValidDate(in: Calendar(identifier: .gregorian)) ? components : nil
    }

    func check() throws { try validation.check() }
}
