import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ProtectionTests {
    @Test func openCustomersFallIntoThePoolAfterTheProtectionDaysOnceAndLogged() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            _ = try await server.send(.patch, "/api/v1/settings", token: org.admin, json: ["protectionDays": 10])
            let open = try await org.add("保护期测试有限公司", by: "north")
            let closedCategory = try #require(
                try await server.send(.get, "/api/v1/categories", token: org.admin).json["items"].array.first { $0["type"] == "closed" }?["id"].int)
            let closed = try await org.add("已成交有限公司", by: "north", extra: ["type": "closed", "categoryId": JSON(closedCategory)])

            let detail = try await server.send(.get, "/api/v1/customers/\(open)", token: org.token("north"))
            let since = try #require(detail.json["trackingSince"].string.flatMap { try? Date($0, strategy: .iso8601) })
            let expires = try #require(detail.json["protectionExpiresAt"].string.flatMap { try? Date($0, strategy: .iso8601) })
            #expect(abs(expires.timeIntervalSince(since) - 10 * 86_400) < 1)
            #expect(try await server.send(.get, "/api/v1/customers/\(closed)", token: org.token("north")).json["protectionExpiresAt"].isNull)

            let service = server.services.customers
            func sweep(asOf: Date, dryRun: Bool) async throws -> [Int64] {
                var ids: [Int64] = []
                let count = try await service.sweep(asOf: asOf, dryRun: dryRun) { ids += $0.map(\.id) }
                #expect(count == ids.count)
                return ids
            }
            #expect(try await sweep(asOf: since + 9 * 86_400, dryRun: false).isEmpty)
            #expect(try await sweep(asOf: since + 11 * 86_400, dryRun: true) == [open])
            #expect(try await org.list("north", "scope=public").isEmpty)
            #expect(try await sweep(asOf: since + 11 * 86_400, dryRun: false) == [open])
            #expect(try await sweep(asOf: since + 400 * 86_400, dryRun: false).isEmpty)
            #expect(try await org.list("north", "scope=public") == ["保护期测试有限公司"])
            #expect(try await org.list("north", "scope=mine") == ["已成交有限公司"])
            let history = try await server.send(.get, "/api/v1/customers/\(open)/history", token: org.token("north"))
            let last = history.json["items"].array.last
            #expect(last?["action"] == "auto-released")
            #expect(last?["actorId"].isNull == true)
            #expect(last?["fromUserId"].int == org.ids["north"])

            // Claiming restarts tracking: the next sweep counts from the claim.
            #expect(try await org.bulk("claim", [open], by: "south") == ["ok"])
            let claimed = try await server.send(.get, "/api/v1/customers/\(open)", token: org.token("south"))
            let restarted = try #require(claimed.json["trackingSince"].string.flatMap { try? Date($0, strategy: .iso8601) })
            #expect(try await sweep(asOf: restarted + 9 * 86_400, dryRun: false).isEmpty)
        }
    }

    @Test func zeroProtectionDaysTurnsAutomaticReleaseOff() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            #expect(try await server.send(.patch, "/api/v1/settings", token: org.admin, json: ["protectionDays": 0]).json["protectionDays"] == 0)
            let id = try await org.add("不保护有限公司", by: "north")
            #expect(try await server.send(.get, "/api/v1/customers/\(id)", token: org.token("north")).json["protectionExpiresAt"].isNull)
            #expect(try await server.services.customers.sweep(asOf: Date() + 10_000 * 86_400, dryRun: false) == 0)
            #expect(try await server.send(.patch, "/api/v1/settings", token: org.admin, json: ["protectionDays": -1]).errorFields == ["protectionDays"])
            #expect(try await server.send(.patch, "/api/v1/settings", token: org.token("north"), json: ["protectionDays": 5]).status == .forbidden)
            let settings = try await server.send(.get, "/api/v1/settings", token: org.token("north"))
            #expect(settings.json["systemTitle"] == "销售客户管理系统")
        }
    }
}

@Suite struct FileTests {
    /// A 2×3 PNG header is enough for the type and size checks.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 2, 0, 0, 0, 3, 8, 6, 0, 0, 0,
        0, 0, 0, 0,
    ]

    private func upload(_ server: TestServer, _ bytes: [UInt8], type: String, token: String, query: String = "") async throws -> Reply {
        let response = try await server.client.executeRequest(
            uri: "/api/v1/files\(query)", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: type],
            body: ByteBuffer(bytes: bytes))
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    @Test func imagesAreStoredWithTheTypeReadFromTheirBytesAndServedWithNosniff() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let created = try await upload(server, Self.png, type: "image/jpeg", token: admin, query: "?purpose=icon")
            #expect(created.status == .created)
            #expect(created.json["width"] == 2)
            #expect(created.json["height"] == 3)
            #expect(created.json["mediaType"] == "image/png")
            let url = try #require(created.json["url"].string)
            let served = try await server.client.executeRequest(uri: url, method: .get, headers: [:], body: nil)
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/png")
            #expect(served.headers[.xContentTypeOptions] == "nosniff")
            #expect(Array(served.body.readableBytesView) == Self.png)
            let category = try await server.send(
                .post, "/api/v1/categories", token: admin, json: ["name": "带图标", "type": "open", "iconFileId": created.json["id"]])
            #expect(category.json["iconUrl"].string == url)
        }
    }

    @Test func svgHTMLAndOversizedUploadsAreRefused() async throws {
        try await withServer { $0.maxUploadBytes = 1024 } _: { server in
            let admin = try await server.adminToken()
            let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.utf8)
            #expect(try await upload(server, svg, type: "image/svg+xml", token: admin).status == .unsupportedMediaType)
            #expect(try await upload(server, Array("<html>".utf8), type: "image/png", token: admin).status == .unsupportedMediaType)
            let big = Self.png + [UInt8](repeating: 0, count: 2000)
            #expect(try await upload(server, big, type: "image/png", token: admin).status == .contentTooLarge)
            #expect(try await upload(server, Self.png, type: "image/png", token: admin, query: "?purpose=evil").status == .unprocessableContent)
            #expect(try await server.send(.get, "/api/v1/files/999").status == .notFound)
        }
    }
}
