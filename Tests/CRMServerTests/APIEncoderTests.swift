import CRMServer
import Foundation
import Testing

/// The API's streaming encoder must write what Foundation's JSONEncoder would, byte order aside.
@Suite struct APIEncoderTests {
    struct Inner: Codable, Equatable {
        var label: String
        var tags: [String]
        var score: Double?
    }

    struct Sample: Codable, Equatable {
        var id: Int64
        var count: Int
        var active: Bool
        var ratio: Double
        var name: String
        var missing: String?
        var at: Date
        var inner: Inner
        var list: [Inner]
        var empty: [Int]
        var grid: [[Int]]
        var byKey: [String: Int]
        var byNumber: [Int: String]
        var optionals: [Int?]
    }

    static let sample = Sample(
        id: 9_007_199_254_740_000, count: -3, active: true, ratio: 20.5, name: "星辰 \"科技\" \\ /\n\t\u{1}",
        missing: nil, at: Date(timeIntervalSince1970: 1_764_403_509.75),
        inner: Inner(label: "内", tags: ["a", "b"], score: 3), list: [Inner(label: "x", tags: [], score: nil)],
        empty: [], grid: [[1, 2], [], [3]], byKey: ["甲": 1, "b": 2], byNumber: [7: "seven"], optionals: [1, nil, 3])

    static func decoded(_ bytes: some Sequence<UInt8>) throws -> NSDictionary {
        try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
    }

    @Test func writesWhatFoundationWrites() throws {
        let foundation = JSONEncoder()
        foundation.dateEncodingStrategy = .iso8601
        #expect(try Self.decoded(APIEncoder.encode(Self.sample)) == Self.decoded(foundation.encode(Self.sample)))
    }

    @Test func roundTripsThroughFoundationsDecoder() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var expected = Self.sample
        expected.at = Date(timeIntervalSince1970: 1_764_403_509)
        #expect(try decoder.decode(Sample.self, from: Data(APIEncoder.encode(Self.sample))) == expected)
    }

    @Test func writesKeysInOrderWithoutSpaces() throws {
        let text = String(decoding: try APIEncoder.encode(Self.sample.inner), as: UTF8.self)
        #expect(text == #"{"label":"内","tags":["a","b"],"score":3}"#)
        #expect(String(decoding: try APIEncoder.encode(["k": [Inner]()]), as: UTF8.self) == #"{"k":[]}"#)
    }

    @Test func escapesStringsAsJSONRequires() throws {
        let text = String(decoding: try APIEncoder.encode(["s": "a\"b\\c/d\ne\u{1F}f"]), as: UTF8.self)
        #expect(text == #"{"s":"a\"b\\c/d\ne\u001ff"}"#)
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"), (-1.5, "1969-12-31T23:59:58Z"), (951_782_400, "2000-02-29T00:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"), (1_764_403_509.999, "2025-11-29T08:05:09Z"),
    ])
    func writesTimesInUTC(seconds: Double, expected: String) throws {
        let text = String(decoding: try APIEncoder.encode([Date(timeIntervalSince1970: seconds)]), as: UTF8.self)
        #expect(text == "[\"\(expected)\"]")
    }

    @Test func refusesNumbersJSONCannotHold() {
        #expect(throws: EncodingError.self) { try APIEncoder.encode([Double.nan]) }
        #expect(throws: EncodingError.self) { try APIEncoder.encode(["x": Double.infinity]) }
    }
}
