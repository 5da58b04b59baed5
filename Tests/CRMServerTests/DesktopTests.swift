import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct DesktopTests {
    private func upload(_ server: TestServer, token: String, purpose: String) async throws -> Int64 {
        let response = try await server.client.executeRequest(
            uri: "/api/v1/files?purpose=\(purpose)", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "image/png"], body: ByteBuffer(bytes: FileTests.png))
        let reply = Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
        return try #require(reply.json["id"].int)
    }

    /// The web app names today in the zone the server reads dates in, not the browser's.
    @Test func theSettingsNameTheServersTimeZone() async throws {
        try await withServer({ $0.timeZone = TimeZone(identifier: "Europe/Berlin")! }) { server in
            let org = try await Org.make(server)
            #expect(try await server.send(.get, "/api/v1/settings", token: org.token("north")).json["timeZone"] == "Europe/Berlin")
        }
    }

    @Test func theDesktopIsTheUsersOwnElseTheSystemDefaultWithoutClosedPages() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            let systemBackground = try await upload(server, token: org.admin, purpose: "background")
            let icon = try await upload(server, token: org.admin, purpose: "icon")
            let defaults = try await server.send(
                .patch, "/api/v1/settings", token: org.admin,
                json: [
                    "defaultBackgroundFileId": JSON(systemBackground),
                    "defaultShortcuts": [["menuId": "customers.mine", "title": " 我的客户 ", "iconFileId": JSON(icon)], ["menuId": "admin.users"]],
                ])
            #expect(defaults.status == .ok)
            #expect(defaults.json["defaultShortcuts"][0]["title"] == "我的客户")

            let seller = try await server.send(.get, "/api/v1/me/desktop", token: org.token("north"))
            #expect(seller.json["custom"] == false)
            #expect(seller.json["customShortcuts"] == false)
            // Choosing only a background keeps the default shortcuts as defaults.
            let backgroundOnly = try await server.send(
                .put, "/api/v1/me/desktop", token: org.token("south"), json: ["backgroundFileId": JSON(systemBackground), "shortcuts": []])
            #expect(backgroundOnly.json["customBackground"] == true)
            #expect(backgroundOnly.json["customShortcuts"] == false)
            #expect(backgroundOnly.json["shortcuts"].array.compactMap { $0["menuId"].string } == ["customers.mine"])
            #expect(seller.json["background"]["fileId"].int == systemBackground)
            // admin.users is not north's to open, so its shortcut is left out.
            #expect(seller.json["shortcuts"].array.compactMap { $0["menuId"].string } == ["customers.mine"])
            #expect(seller.json["shortcuts"][0]["iconUrl"].string == "/api/v1/files/\(icon)")
            #expect(try await server.send(.get, "/api/v1/me/desktop", token: org.admin).json["shortcuts"].array.count == 2)

            let mine = try await upload(server, token: org.token("north"), purpose: "background")
            _ = try await upload(server, token: org.token("north"), purpose: "icon")
            let files = try await server.send(.get, "/api/v1/me/files?purpose=background", token: org.token("north"))
            #expect(files.json["items"].array.compactMap { $0["id"].int } == [mine])
            #expect(try await server.send(.get, "/api/v1/me/files?purpose=x", token: org.token("north")).errorFields == ["purpose"])

            let chosen = try await server.send(
                .put, "/api/v1/me/desktop", token: org.token("north"),
                json: ["backgroundFileId": JSON(mine), "shortcuts": [["menuId": "plans", "title": "计划"]]])
            #expect(chosen.status == .ok)
            #expect(chosen.json["custom"] == true)
            #expect(chosen.json["customBackground"] == true)
            #expect(chosen.json["customShortcuts"] == true)
            #expect(chosen.json["background"]["fileId"].int == mine)
            #expect(chosen.json["shortcuts"].array.compactMap { $0["menuId"].string } == [])  // plans is not granted to north
            let bad = try await server.send(
                .put, "/api/v1/me/desktop", token: org.token("north"), json: ["backgroundFileId": 999, "shortcuts": [["menuId": "nope"]]])
            #expect(Set(bad.errorFields) == ["backgroundFileId", "shortcuts[0].menuId"])
            let reset = try await server.send(.put, "/api/v1/me/desktop", token: org.token("north"), json: ["backgroundFileId": nil, "shortcuts": []])
            #expect(reset.json["custom"] == false)
            #expect(reset.json["background"]["fileId"].int == systemBackground)
            _ = try await server.send(.put, "/api/v1/me/desktop", token: org.token("south"), json: ["backgroundFileId": nil, "shortcuts": []])
            #expect(try await server.send(.get, "/api/v1/me/desktop", token: org.token("south")).json["background"]["fileId"].int == systemBackground)
        }
    }
}
