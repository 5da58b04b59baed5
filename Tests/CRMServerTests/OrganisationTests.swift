import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OrganisationTests {
    @Test func departmentsFormATreeThatCannotLoop() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let sales = try await server.create("departments", ["name": "销售部"], token: admin)
            let north = try await server.create("departments", ["name": "华北区", "parentId": JSON(sales)], token: admin)
            let beijing = try await server.create("departments", ["name": "北京组", "parentId": JSON(north), "sortOrder": 3], token: admin)

            let list = try await server.send(.get, "/api/v1/departments", token: admin)
            #expect(list.json["items"].array.count == 3)

            let loop = try await server.send(.patch, "/api/v1/departments/\(sales)", token: admin, json: ["parentId": JSON(beijing)])
            #expect(loop.status == .unprocessableContent)
            #expect(loop.errorFields == ["parentId"])
            let own = try await server.send(.patch, "/api/v1/departments/\(sales)", token: admin, json: ["parentId": JSON(sales)])
            #expect(own.status == .unprocessableContent)
            let missing = try await server.send(.post, "/api/v1/departments", token: admin, json: ["name": "x", "parentId": 999])
            #expect(missing.status == .unprocessableContent)

            let moved = try await server.send(.patch, "/api/v1/departments/\(beijing)", token: admin, json: ["parentId": nil, "name": "北京分公司"])
            #expect(moved.status == .ok)
            #expect(moved.json["parentId"].isNull)
            #expect(moved.json["name"] == "北京分公司")
            #expect(moved.json["sortOrder"] == 3)

            let blank = try await server.send(.post, "/api/v1/departments", token: admin, json: ["name": "   "])
            #expect(blank.errorFields == ["name"])
            #expect(try await server.send(.patch, "/api/v1/departments/999", token: admin, json: ["name": "x"]).status == .notFound)
            #expect(try await server.send(.delete, "/api/v1/departments/999", token: admin).status == .notFound)
        }
    }

    @Test func deletingADepartmentDeletesItsSubtreeAndPositionsAndUnassignsUsersKeepingThem() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let sales = try await server.create("departments", ["name": "销售部"], token: admin)
            let north = try await server.create("departments", ["name": "华北区", "parentId": JSON(sales)], token: admin)
            let other = try await server.create("departments", ["name": "财务部"], token: admin)
            let p1 = try await server.create("positions", ["departmentId": JSON(sales), "name": "经理", "manageSubordinates": true], token: admin)
            let p2 = try await server.create("positions", ["departmentId": JSON(north), "name": "销售"], token: admin)
            let p3 = try await server.create("positions", ["departmentId": JSON(other), "name": "会计"], token: admin)
            let u1 = try await server.createUser("boss", position: p1, token: admin)
            let u2 = try await server.createUser("seller", position: p2, token: admin)
            let u3 = try await server.createUser("accountant", position: p3, token: admin)

            #expect(try await server.send(.delete, "/api/v1/departments/\(sales)", token: admin).status == .noContent)
            #expect(try await server.send(.get, "/api/v1/departments", token: admin).json["items"].array.map { $0["id"].int } == [other])
            #expect(try await server.send(.get, "/api/v1/positions/\(p2)", token: admin).status == .notFound)
            for (id, position) in [(u1, nil), (u2, nil), (u3, p3)] as [(Int64, Int64?)] {
                let user = try await server.send(.get, "/api/v1/users/\(id)", token: admin)
                #expect(user.status == .ok)
                #expect(user.json["positionId"].int == position)
            }
            // An unassigned user still signs in.
            #expect(try await server.loginUser("seller").isEmpty == false)
        }
    }

    @Test func positionsCarryRolesAndTheManageFlagAndDeletingOneUnassignsItsUsers() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let sales = try await server.create("departments", ["name": "销售部"], token: admin)
            let other = try await server.create("departments", ["name": "市场部"], token: admin)
            let r1 = try await server.create("roles", ["name": "销售员"], token: admin)
            let r2 = try await server.create("roles", ["name": "经理", "description": "可分配客户"], token: admin)
            let unknownRole = try await server.send(.post, "/api/v1/positions", token: admin, json: ["departmentId": JSON(sales), "name": "x", "roleIds": [999]])
            #expect(unknownRole.errorFields == ["roleIds"])
            let both = try await server.send(.post, "/api/v1/positions", token: admin, json: ["departmentId": 999, "name": ""])
            #expect(Set(both.errorFields) == ["name", "departmentId"])

            let position = try await server.create(
                "positions", ["departmentId": JSON(sales), "name": "销售经理", "manageSubordinates": true, "roleIds": [JSON(r2), JSON(r1)]],
                token: admin)
            let got = try await server.send(.get, "/api/v1/positions/\(position)", token: admin)
            #expect(got.json["roleIds"] == [JSON(r1), JSON(r2)])
            #expect(got.json["manageSubordinates"] == true)

            let patched = try await server.send(
                .patch, "/api/v1/positions/\(position)", token: admin,
                json: ["departmentId": JSON(other), "roleIds": [JSON(r1)], "manageSubordinates": false])
            #expect(patched.status == .ok)
            #expect(patched.json["departmentId"].int == other)
            #expect(patched.json["roleIds"] == [JSON(r1)])
            #expect(try await server.send(.get, "/api/v1/positions?departmentId=\(other)", token: admin).json["items"].array.count == 1)
            #expect(try await server.send(.get, "/api/v1/positions?departmentId=\(sales)", token: admin).json["items"].array.isEmpty)
            #expect(try await server.send(.get, "/api/v1/positions?departmentId=abc", token: admin).status == .unprocessableContent)

            let user = try await server.createUser("holder", position: position, token: admin)
            #expect(try await server.send(.delete, "/api/v1/positions/\(position)", token: admin).status == .noContent)
            #expect(try await server.send(.get, "/api/v1/users/\(user)", token: admin).json["positionId"].isNull)
            #expect(try await server.send(.delete, "/api/v1/positions/\(position)", token: admin).status == .notFound)
        }
    }

    @Test func rolesAreNamedSetsOfPages() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let role = try await server.create("roles", ["name": "销售员", "description": "一线销售"], token: admin)
            #expect(try await server.send(.post, "/api/v1/roles", token: admin, json: ["name": "销售员"]).status == .conflict)
            let unknown = try await server.send(.put, "/api/v1/roles/\(role)/pages", token: admin, json: ["customers.mine", "no.such.page"])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.json["errors"][0]["message"].string?.contains("no.such.page") == true)
            #expect(try await server.send(.get, "/api/v1/roles/\(role)", token: admin).json["menuIds"] == [])

            let renamed = try await server.send(.patch, "/api/v1/roles/\(role)", token: admin, json: ["name": "资深销售", "description": nil])
            #expect(renamed.status == .ok)
            #expect(renamed.json["name"] == "资深销售")
            #expect(renamed.json["description"].isNull)
            #expect(try await server.send(.get, "/api/v1/roles", token: admin).json["items"].array.count == 1)
            #expect(try await server.send(.delete, "/api/v1/roles/\(role)", token: admin).status == .noContent)
            #expect(try await server.send(.get, "/api/v1/roles/\(role)", token: admin).status == .notFound)
            #expect(try await server.send(.put, "/api/v1/roles/\(role)/pages", token: admin, json: []).status == .notFound)
        }
    }

    @Test func theTeamIsEveryoneInTheManagersDepartmentSubtree() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let sales = try await server.create("departments", ["name": "销售部"], token: admin)
            let north = try await server.create("departments", ["name": "华北区", "parentId": JSON(sales)], token: admin)
            let south = try await server.create("departments", ["name": "华南区", "parentId": JSON(sales)], token: admin)
            let director = try await server.create("positions", ["departmentId": JSON(sales), "name": "总监", "manageSubordinates": true], token: admin)
            let northLead = try await server.create("positions", ["departmentId": JSON(north), "name": "经理", "manageSubordinates": true], token: admin)
            let northSeller = try await server.create("positions", ["departmentId": JSON(north), "name": "销售"], token: admin)
            let southSeller = try await server.create("positions", ["departmentId": JSON(south), "name": "销售"], token: admin)
            try await server.createUser("director", position: director, token: admin)
            try await server.createUser("lead", position: northLead, token: admin)
            try await server.createUser("n1", position: northSeller, token: admin)
            try await server.createUser("s1", position: southSeller, token: admin)
            try await server.createUser("floating", token: admin)

            func team(_ username: String) async throws -> [String] {
                let reply = try await server.send(.get, "/api/v1/me/team", token: try await server.loginUser(username))
                #expect(reply.status == .ok)
                return reply.json["items"].array.compactMap { $0["username"].string }.sorted()
            }
            #expect(try await team("director") == ["lead", "n1", "s1"])
            #expect(try await team("lead") == ["n1"])
            #expect(try await team("n1") == [])
            let lead = try await server.send(.get, "/api/v1/me/team", token: try await server.loginUser("director"))
            let n1 = try #require(lead.json["items"].array.first { $0["username"] == "n1" })
            #expect(n1["department"]["name"] == "华北区")
            #expect(n1["position"]["name"] == "销售")

            let me = try await server.send(.get, "/api/v1/me", token: try await server.loginUser("lead"))
            #expect(me.json["managesSubordinates"] == true)
            #expect(me.json["department"]["name"] == "华北区")
            #expect(me.json["position"]["name"] == "经理")

            // Moving 华南区 under 华北区 brings s1 into the lead's team.
            _ = try await server.send(.patch, "/api/v1/departments/\(south)", token: admin, json: ["parentId": JSON(north)])
            #expect(try await team("lead") == ["n1", "s1"])
        }
    }
}
