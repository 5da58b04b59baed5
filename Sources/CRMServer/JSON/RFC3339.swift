import Foundation

/// Strict RFC 3339 times: Foundation's parser quietly rolls `12:99` over into the next hour, and
/// accepts offsets such as `+0800`; a time a person typed wrong should be refused instead.
enum RFC3339 {
    /// Times the API accepts: 1970 to 9998, so every day number and every date it prints stays valid.
    static let range = Date(timeIntervalSince1970: 0)..<Date(timeIntervalSince1970: 253_370_764_800)

    static func parse(_ text: String) -> Date? {
        let pattern = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/
        guard let match = text.wholeMatch(of: pattern),
            let year = Int(match.1), let month = Int(match.2), let day = Int(match.3),
            let hour = Int(match.4), let minute = Int(match.5), let second = Int(match.6),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var offset = 0
        if match.8 == nil {
            guard let sign = match.9, let hours = Int(match.10 ?? ""), let minutes = Int(match.11 ?? ""), hours < 24, minutes < 60
            else { return nil }
            offset = (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard components.isValidDate(in: calendar), let base = calendar.date(from: components) else { return nil }
        let fraction = match.7.flatMap { Double("0" + $0) } ?? 0
        let date = base.addingTimeInterval(fraction - Double(offset))
        return range.contains(date) ? date : nil
    }
}
