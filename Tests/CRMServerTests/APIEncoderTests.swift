import CRMCore
import Foundation
import Testing

@testable import CRMServer

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

    /// A customer's members come in the order of its field list, then the system's, nil ones left out.
    @Test func aCustomerIsWrittenFieldByFieldInTheirOrder() throws {
        let at = Date(timeIntervalSince1970: 1_764_403_509)
        let full = Customer(
            id: 42,
            fields: CustomerFields(
                name: "星辰 \"科技\"\n",
                texts: [
                    .website: "w.cn", .phone: "010", .address: "人民路1号", .region: "北京", .industry: "科技", .source: "展会", .notes: "a\\b",
                ], categoryId: 7, type: .closed, importance: 5),
            ownerId: 3, ownerName: "张三", trackingSince: at, createdBy: 1, createdAt: at, updatedAt: at.addingTimeInterval(60),
            lastVisitAt: at.addingTimeInterval(3600))
        let bare = Customer(
            id: 43, fields: CustomerFields(name: "x"), ownerId: nil, trackingSince: nil, createdBy: nil, createdAt: at, updatedAt: at,
            lastVisitAt: nil)
        let list = CustomerListDTO(items: [CustomerDTO(full, protectionDays: 30), CustomerDTO(bare, protectionDays: 0)], nextCursor: "c1", total: 2)
        let time = "2025-11-29T08:05:09Z"
        #expect(
            String(decoding: try APIEncoder.encode(list), as: UTF8.self)
                == #"{"items":[{"id":42,"name":"星辰 \"科技\"\n","website":"w.cn","phone":"010","address":"人民路1号","region":"北京","#
                + #""industry":"科技","source":"展会","type":"closed","categoryId":7,"importance":5,"notes":"a\\b","ownerId":3,"#
                + #""ownerName":"张三","trackingSince":"\#(time)","createdBy":1,"createdAt":"\#(time)","updatedAt":"2025-11-29T08:06:09Z","#
                + #""lastVisitAt":"2025-11-29T09:05:09Z"},"#
                + #"{"id":43,"name":"x","type":"open","importance":3,"createdAt":"\#(time)","updatedAt":"\#(time)"}],"#
                + #""nextCursor":"c1","total":2}"#)
    }
}
