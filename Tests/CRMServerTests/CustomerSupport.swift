import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Testing

/// 总部 (boss) ─ 销售部 (director) ─ 华北区 (lead, north)
///                              └ 华南区 (south)
/// plus `floater`, who holds no position. Everyone with a position has every customer page.
struct Org {
    let server: TestServer
    let admin: String
    var tokens: [String: String] = [:]
    var ids: [String: Int64] = [:]

    static let people = ["boss", "director", "lead", "north", "south"]

    static func make(_ server: TestServer) async throws -> Org {
        let admin = try await server.adminToken()
        var org = Org(server: server, admin: admin)
        let role = try await server.create("roles", ["name": "销售"], token: admin)
        let pages: [String] = [
            "customers.add", "customers.mine", "customers.public", "customers.team", "customers.search",
            "customers.detail", "customers.edit", "customers.release", "customers.assign", "customers.claim",
            "customers.delete",
        ]
        _ = try await server.send(.put, "/api/v1/roles/\(role)/pages", token: admin, json: .array(pages.map(JSON.string)))
        let hq = try await server.create("departments", ["name": "总部"], token: admin)
        let sales = try await server.create("departments", ["name": "销售部", "parentId": JSON(hq)], token: admin)
        let north = try await server.create("departments", ["name": "华北区", "parentId": JSON(sales)], token: admin)
        let south = try await server.create("departments", ["name": "华南区", "parentId": JSON(sales)], token: admin)
        func position(_ department: Int64, _ name: String, manages: Bool) async throws -> Int64 {
            try await server.create(
                "positions",
                ["departmentId": JSON(department), "name": .string(name), "manageSubordinates": .bool(manages), "roleIds": [JSON(role)]],
                token: admin)
        }
        let placements: [(String, Int64?)] = [
            ("boss", try await position(hq, "总经理", manages: true)),
            ("director", try await position(sales, "销售总监", manages: true)),
            ("lead", try await position(north, "华北经理", manages: true)),
            ("north", try await position(north, "华北销售", manages: false)),
            ("south", try await position(south, "华南销售", manages: false)),
            ("floater", nil),
        ]
        for (name, position) in placements {
            org.ids[name] = try await server.createUser(name, position: position, token: admin)
            org.tokens[name] = try await server.loginUser(name)
        }
        org.tokens["admin"] = admin
        return org
    }

    func token(_ who: String) -> String { tokens[who]! }

    /// Adds a customer as `who` (with the default required fields) and returns its id.
    @discardableResult
    func add(_ name: String, by who: String, extra: [String: JSON] = [:]) async throws -> Int64 {
        var body: [String: JSON] = ["name": .string(name), "website": "https://example.cn"]
        body.merge(extra) { $1 }
        let reply = try await server.send(.post, "/api/v1/customers", token: token(who), json: .object(body))
        #expect(reply.status == .created, "add \(name) by \(who): \(reply.text)")
        return try #require(reply.json["id"].int)
    }

    func list(_ who: String, _ query: String) async throws -> [String] {
        let reply = try await server.send(.get, "/api/v1/customers?\(query)", token: token(who))
        #expect(reply.status == .ok, "\(who) \(query): \(reply.text)")
        return reply.json["items"].array.compactMap { $0["name"].string }.sorted()
    }

    func bulk(_ action: String, _ ids: [Int64], by who: String, extra: [String: JSON] = [:]) async throws -> [String] {
        var body: [String: JSON] = ["ids": .array(ids.map(JSON.init))]
        body.merge(extra) { $1 }
        let reply = try await server.send(.post, "/api/v1/customers/\(action)", token: token(who), json: .object(body))
        #expect(reply.status == .ok, "\(action) by \(who): \(reply.text)")
        return reply.json["results"].array.compactMap { $0["status"].string }
    }
}
