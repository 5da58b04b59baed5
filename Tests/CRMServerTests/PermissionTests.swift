import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PermissionTests {
    @Test func aPageGrantedToARoleAtRunTimeOpensItsOperationsAndRevokingClosesThem() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let department = try await server.create("departments", ["name": "人事部"], token: admin)
            let role = try await server.create("roles", ["name": "人事"], token: admin)
            let position = try await server.create(
                "positions", ["departmentId": JSON(department), "name": "专员", "roleIds": [JSON(role)]], token: admin)
            try await server.createUser("hr1", position: position, token: admin)
            let hr = try await server.loginUser("hr1")

            let before = try await server.send(.get, "/api/v1/users", token: hr)
            #expect(before.status == .forbidden)
            #expect(before.json["detail"].string?.contains("admin.users") == true)

            let grant = try await server.send(.put, "/api/v1/roles/\(role)/pages", token: admin, json: ["admin.users"])
            #expect(grant.status == .ok)
            #expect(grant.json["menuIds"] == ["admin.users"])
            #expect(try await server.send(.get, "/api/v1/users", token: hr).status == .ok)
            #expect(try await server.send(.get, "/api/v1/roles", token: hr).status == .forbidden)

            #expect(try await server.send(.put, "/api/v1/roles/\(role)/pages", token: admin, json: []).status == .ok)
            #expect(try await server.send(.get, "/api/v1/users", token: hr).status == .forbidden)
        }
    }

    @Test func turningAPagesCheckOffOpensItToEveryoneAndOnClosesIt() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            try await server.createUser("plain", token: admin)
            let plain = try await server.loginUser("plain")
            #expect(try await server.send(.get, "/api/v1/roles", token: plain).status == .forbidden)
            #expect(try await server.send(.patch, "/api/v1/pages/admin.roles", token: admin, json: ["checkPermission": false]).status == .ok)
            #expect(try await server.send(.get, "/api/v1/roles", token: plain).status == .ok)
            #expect(try await server.send(.patch, "/api/v1/pages/desktop", token: admin, json: ["checkPermission": true]).status == .ok)
            #expect(try await server.send(.get, "/api/v1/me", token: plain).status == .forbidden)
            // The administrator passes every check.
            #expect(try await server.send(.get, "/api/v1/me", token: admin).status == .ok)
        }
    }

    @Test func anUnassignedUserSeesOnlyPagesWithoutChecksInMeAndTheMenu() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            try await server.createUser("nobody", token: admin)
            let token = try await server.loginUser("nobody")
            let me = try await server.send(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.json["isAdmin"] == false)
            #expect(me.json["managesSubordinates"] == false)
            #expect(me.json["position"].isNull)
            let menuIds = Set(me.json["menuIds"].array.compactMap(\.string))
            #expect(menuIds.contains("desktop"))
            #expect(menuIds.contains("personal.password"))
            #expect(!menuIds.contains("admin.users"))
            #expect(!menuIds.contains("customers.mine"))

            let menu = try await server.send(.get, "/api/v1/me/menu", token: token)
            #expect(menu.status == .ok)
            // Folders whose children are all closed are dropped; 个人设置 keeps its open pages.
            #expect(menu.json["items"].array.compactMap { $0["menuId"].string } == ["personal"])
            #expect(menu.json["items"][0]["children"].array.compactMap { $0["menuId"].string }
                == ["personal.background", "personal.shortcuts", "personal.password"])
        }
    }

    @Test func theStartMenuShowsExactlyThePermittedPagesShownInTheMenuInTreeOrder() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let department = try await server.create("departments", ["name": "销售部"], token: admin)
            let role = try await server.create("roles", ["name": "销售员"], token: admin)
            _ = try await server.send(
                .put, "/api/v1/roles/\(role)/pages", token: admin,
                json: ["customers.mine", "customers.assign", "customers.add", "plans"])
            let position = try await server.create(
                "positions", ["departmentId": JSON(department), "name": "销售", "roleIds": [JSON(role)]], token: admin)
            try await server.createUser("seller", position: position, token: admin)
            let seller = try await server.loginUser("seller")
            _ = try await server.send(.patch, "/api/v1/pages/customers.add", token: admin, json: ["sortOrder": 999])

            let menu = try await server.send(.get, "/api/v1/me/menu", token: seller).json["items"]
            #expect(menu.array.compactMap { $0["menuId"].string } == ["customers", "visits", "personal"])
            // customers.assign is granted but not shown in the menu; customers.add moved to the end.
            #expect(menu[0]["children"].array.compactMap { $0["menuId"].string } == ["customers.mine", "customers.add"])
            #expect(menu[1]["children"].array.compactMap { $0["menuId"].string } == ["plans"])

            let adminMenu = try await server.send(.get, "/api/v1/me/menu", token: admin).json["items"]
            #expect(adminMenu.array.compactMap { $0["menuId"].string } == ["customers", "visits", "reports", "admin", "personal"])
            #expect(adminMenu[3]["children"].array.count == 6)
        }
    }
}
