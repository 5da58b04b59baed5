import Foundation
import Hummingbird
import NIOCore

/// The API's JSON encoder: writes each value straight into bytes, in the order its properties
/// encode. Foundation's JSONEncoder first builds a tree of boxed values and then serialises it,
/// which took half the time of a customer list response. Times are RFC 3339 in UTC, whole seconds.
public struct APIEncoder: ResponseEncoder, Sendable {
    public init() {}

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let bytes = try Self.encode(value)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(bytes.count)],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        let sink = JSONSink()
        try sink.value(value, level: -1)
        sink.close(above: -1)
        return sink.bytes
    }
}

/// The output and the containers still open. Codable gives no "container finished" call, so a
/// container is closed when its parent writes its next element or when the value that opened it
/// returns; synthesised `encode(to:)` always finishes one nested value before starting the next.
final class JSONSink {
    // Unchecked: a sink lives within one encode call on one thread, and never hands out an access
    // that overlaps another; the runtime's checks on every append were a fifth of a list's time.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) private var open: [(closer: UInt8, hasElements: Bool)] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    /// `text` as a JSON string, quoted and escaped.
    static func quoted(_ text: String) -> [UInt8] {
        let sink = JSONSink()
        sink.string(text)
        return sink.bytes
    }

    var depth: Int { open.count }

    func close(above level: Int) {
        while open.count > level + 1 {
            bytes.append(open.removeLast().closer)
        }
    }

    /// Starts the next element of the container at `level`: closes what its previous element left
    /// open and writes the separating comma.
    func nextElement(at level: Int) {
        close(above: level)
        if open[level].hasElements { bytes.append(UInt8(ascii: ",")) }
        open[level].hasElements = true
    }

    func key(_ key: some CodingKey, at level: Int) {
        nextElement(at: level)
        string(key.stringValue)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Opens a container for the value whose encoder starts at `base`, or returns the one it opened already.
    func container(opener: UInt8, closer: UInt8, base: Int) -> Int {
        close(above: base)
        if open.count > base { return base }
        bytes.append(opener)
        open.append((closer, false))
        return open.count - 1
    }

    /// Strings, numbers and flags arrive through the containers' own overloads; dates are written
    /// here because `Date.encode(to:)` would write seconds since 2001.
    func value<T: Encodable>(_ value: T, level: Int) throws {
        // Comparing types is cheap; a dynamic cast on every nested value was not.
        if T.self == Date.self { return time(unsafeBitCast(value, to: Date.self)) }
        let start = bytes.count
        try value.encode(to: StreamingEncoder(sink: self, base: level + 1))
        close(above: level)
        if bytes.count == start { ascii("{}") }
    }

    func null() {
        ascii("null")
    }

    func integer(_ number: some FixedWidthInteger) {
        ascii(String(number))
    }

    func bool(_ flag: Bool) {
        ascii(flag ? "true" : "false")
    }

    func ascii(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    func double(_ number: Double) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "JSON has no \(number)"))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        ascii(text)
    }

    func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        // Scanned and copied through the string's own buffer; through its UTF-8 view both went
        // byte by byte, for every key and value.
        var text = text
        let plain = text.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                bytes.append(contentsOf: utf8)
                return true
            }
            return false
        }
        if plain { return }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): ascii("\\\"")
            case UInt8(ascii: "\\"): ascii("\\\\")
            case UInt8(ascii: "\n"): ascii("\\n")
            case UInt8(ascii: "\r"): ascii("\\r")
            case UInt8(ascii: "\t"): ascii("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
    }

    /// `2026-11-29T08:05:09Z`, computed from the day number (Foundation's formatters cost microseconds each).
    func time(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        let (year, month, day) = civil(days: days)
        // The template is appended and its digits filled in place: no array of its own per time.
        let start = bytes.count
        bytes.append(contentsOf: Self.timeTemplate)
        func put(_ number: Int, at end: Int, count: Int) {
            var number = number
            for index in stride(from: start + end, to: start + end - count, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(number % 10)
                number /= 10
            }
        }
        put(Int(year), at: 4, count: 4)
        put(month, at: 7, count: 2)
        put(day, at: 10, count: 2)
        put(secondOfDay / 3600, at: 13, count: 2)
        put(secondOfDay / 60 % 60, at: 16, count: 2)
        put(secondOfDay % 60, at: 19, count: 2)
    }

    private static let timeTemplate: [UInt8] = Array(#""0000-00-00T00:00:00Z""#.utf8)

    /// The proleptic Gregorian date of a day number since 1970-01-01 (Howard Hinnant's civil_from_days).
    private func civil(days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * shifted + 2) / 5 + 1)
        let month = Int(shifted < 10 ? shifted + 3 : shifted - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// The `Encoder` handed to each value; `base` is the level its own container opens at.
struct StreamingEncoder: Encoder {
    let sink: JSONSink
    let base: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedSink(sink: sink, level: sink.container(opener: UInt8(ascii: "{"), closer: UInt8(ascii: "}"), base: base)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedSink(sink: sink, level: sink.container(opener: UInt8(ascii: "["), closer: UInt8(ascii: "]"), base: base))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueSink(sink: sink, level: base - 1)
    }
}

struct KeyedSink<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: JSONSink
    let level: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        sink.key(key, at: level)
        sink.null()
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        sink.key(key, at: level)
        try sink.value(value, level: level)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        sink.key(key, at: level)
        sink.string(value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        sink.key(key, at: level)
        sink.integer(value)
    }

    mutating func encode(_ value: Int64, forKey key: Key) throws {
        sink.key(key, at: level)
        sink.integer(value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        sink.key(key, at: level)
        sink.bool(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        sink.key(key, at: level)
        try sink.double(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        sink.key(key, at: level)
        return StreamingEncoder(sink: sink, base: level + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        sink.key(key, at: level)
        return StreamingEncoder(sink: sink, base: level + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        sink.key(SuperKey.super, at: level)
        return StreamingEncoder(sink: sink, base: level + 1)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        sink.key(key, at: level)
        return StreamingEncoder(sink: sink, base: level + 1)
    }

    private enum SuperKey: String, CodingKey { case `super` }
}

struct UnkeyedSink: UnkeyedEncodingContainer {
    let sink: JSONSink
    let level: Int
    var count = 0
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {
        sink.nextElement(at: level)
        sink.null()
        count += 1
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        sink.nextElement(at: level)
        try sink.value(value, level: level)
        count += 1
    }

    mutating func encode(_ value: String) throws {
        sink.nextElement(at: level)
        sink.string(value)
        count += 1
    }

    mutating func encode(_ value: Int) throws {
        sink.nextElement(at: level)
        sink.integer(value)
        count += 1
    }

    mutating func encode(_ value: Int64) throws {
        sink.nextElement(at: level)
        sink.integer(value)
        count += 1
    }

    mutating func encode(_ value: Bool) throws {
        sink.nextElement(at: level)
        sink.bool(value)
        count += 1
    }

    mutating func encode(_ value: Double) throws {
        sink.nextElement(at: level)
        try sink.double(value)
        count += 1
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        sink.nextElement(at: level)
        count += 1
        return StreamingEncoder(sink: sink, base: level + 1).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.nextElement(at: level)
        count += 1
        return StreamingEncoder(sink: sink, base: level + 1).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        sink.nextElement(at: level)
        count += 1
        return StreamingEncoder(sink: sink, base: level + 1)
    }
}

/// A single value in the place its parent already opened (after a key, a comma or at the top).
struct SingleValueSink: SingleValueEncodingContainer {
    let sink: JSONSink
    let level: Int
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws {
        sink.null()
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try sink.value(value, level: level)
    }

    mutating func encode(_ value: String) throws {
        sink.string(value)
    }

    mutating func encode(_ value: Int) throws {
        sink.integer(value)
    }

    mutating func encode(_ value: Int64) throws {
        sink.integer(value)
    }

    mutating func encode(_ value: Bool) throws {
        sink.bool(value)
    }

    mutating func encode(_ value: Double) throws {
        try sink.double(value)
    }
}
