import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PageTreeTests {
    @Test func builtInPagesCanBeRenamedAndMovedButNotDeleted() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let pages = try await server.send(.get, "/api/v1/pages", token: admin)
            #expect(pages.status == .ok)
            let roles = try #require(pages.json["items"].array.first { $0["menuId"] == "admin.roles" })
            #expect(roles["title"] == "角色维护")
            #expect(roles["builtIn"] == true)
            #expect(roles["checkPermission"] == true)

            let renamed = try await server.send(
                .patch, "/api/v1/pages/admin.roles", token: admin, json: ["title": "Roles", "showInMenu": false, "parentId": "personal"])
            #expect(renamed.status == .ok)
            #expect(renamed.json["parentId"] == "personal")
            #expect(renamed.json["showInMenu"] == false)
            let deleted = try await server.send(.delete, "/api/v1/pages/admin.roles", token: admin)
            #expect(deleted.status == .conflict)
            #expect(deleted.headers[.contentType] == "application/problem+json")
            #expect(try await server.send(.patch, "/api/v1/pages/nope", token: admin, json: ["title": "x"]).status == .notFound)
        }
    }

    @Test func aPageCannotBecomeItsOwnAncestor() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let own = try await server.send(.patch, "/api/v1/pages/admin", token: admin, json: ["parentId": "admin"])
            #expect(own.status == .unprocessableContent)
            #expect(own.errorFields == ["parentId"])
            let below = try await server.send(.patch, "/api/v1/pages/admin", token: admin, json: ["parentId": "admin.users"])
            #expect(below.status == .unprocessableContent)
            let ghost = try await server.send(.patch, "/api/v1/pages/admin", token: admin, json: ["parentId": "ghost"])
            #expect(ghost.status == .unprocessableContent)
            #expect(try await server.send(.patch, "/api/v1/pages/admin.users", token: admin, json: ["parentId": nil]).status == .ok)
        }
    }

    @Test func customPagesAreAddedAndDeleted() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let created = try await server.send(
                .post, "/api/v1/pages", token: admin,
                json: ["menuId": "links", "title": "常用链接", "checkPermission": false, "sortOrder": 100])
            #expect(created.status == .created)
            #expect(created.json["builtIn"] == false)
            #expect(created.json["showInMenu"] == true)
            let child = try await server.send(
                .post, "/api/v1/pages", token: admin,
                json: ["menuId": "links.gov", "title": "工商查询", "parentId": "links", "url": "https://www.gsxt.gov.cn"])
            #expect(child.status == .created)
            #expect(try await server.send(.post, "/api/v1/pages", token: admin, json: ["menuId": "links", "title": "again"]).status == .conflict)
            let bad = try await server.send(.post, "/api/v1/pages", token: admin, json: ["menuId": "bad id!", "title": ""])
            #expect(Set(bad.errorFields) == ["menuId", "title"])
            for menuId in [".", "..", "-x"] {
                let dots = try await server.send(.post, "/api/v1/pages", token: admin, json: ["menuId": .string(menuId), "title": "t"])
                #expect(dots.errorFields == ["menuId"])
            }

            #expect(try await server.send(.delete, "/api/v1/pages/links", token: admin).status == .conflict)
            #expect(try await server.send(.delete, "/api/v1/pages/links.gov", token: admin).status == .noContent)
            #expect(try await server.send(.delete, "/api/v1/pages/links", token: admin).status == .noContent)
            #expect(try await server.send(.delete, "/api/v1/pages/links", token: admin).status == .notFound)
        }
    }
}

@Suite struct UserAdminTests {
    @Test func usernamesAreUniqueCaseInsensitively() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            try await server.createUser("Zhang.Wei", token: admin)
            let again = try await server.send(
                .post, "/api/v1/users", token: admin, json: ["username": "zhang.wei", "displayName": "张伟", "password": "password-1"])
            #expect(again.status == .conflict)
            #expect(again.json["detail"].string?.contains("taken") == true)
            let other = try await server.createUser("li.na", token: admin)
            let rename = try await server.send(.patch, "/api/v1/users/\(other)", token: admin, json: ["username": "ZHANG.WEI"])
            #expect(rename.status == .conflict)
            #expect(try await server.send(.get, "/api/v1/users/\(other)", token: admin).json["username"] == "li.na")
        }
    }

    @Test func invalidUsersNameEveryFieldAtFaultAndNothingIsCreated() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let bad = try await server.send(
                .post, "/api/v1/users", token: admin,
                json: ["username": "has space", "displayName": "", "password": "short", "positionId": 42])
            #expect(bad.status == .unprocessableContent)
            #expect(Set(bad.errorFields) == ["username", "displayName", "password", "positionId"])
            let nul = try await server.send(
                .post, "/api/v1/users", token: admin, json: ["username": "nul", "displayName": "N", "password": "a\u{0000}bcdefgh"])
            #expect(nul.errorFields == ["password"])
            let missing = try await server.send(.post, "/api/v1/users", token: admin, json: ["username": "x"])
            #expect(missing.status == .unprocessableContent)
            #expect(try await server.send(.get, "/api/v1/users", token: admin).json["items"].array.count == 1)
        }
    }

    @Test func usersAreListedInPagesWithAnOpaqueCursor() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            for index in 1...5 { try await server.createUser("user\(index)", token: admin) }
            var names: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let uri = "/api/v1/users?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                let reply = try await server.send(.get, uri, token: admin)
                #expect(reply.status == .ok)
                names += reply.json["items"].array.compactMap { $0["username"].string }
                cursor = reply.json["nextCursor"].string
                pages += 1
            } while cursor != nil && pages < 10
            #expect(names == ["admin", "user1", "user2", "user3", "user4", "user5"])
            #expect(pages == 3)
            #expect(try await server.send(.get, "/api/v1/users?limit=0", token: admin).errorFields == ["limit"])
            #expect(try await server.send(.get, "/api/v1/users?limit=201", token: admin).errorFields == ["limit"])
            #expect(try await server.send(.get, "/api/v1/users?cursor=zzz", token: admin).errorFields == ["cursor"])
        }
    }

    @Test func usersAreEditedAndTheAdministratorCannotBeDisabled() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let department = try await server.create("departments", ["name": "销售部"], token: admin)
            let position = try await server.create("positions", ["departmentId": JSON(department), "name": "销售"], token: admin)
            let id = try await server.createUser("wang", token: admin)
            let edited = try await server.send(
                .patch, "/api/v1/users/\(id)", token: admin, json: ["displayName": "王芳", "positionId": JSON(position)])
            #expect(edited.json["displayName"] == "王芳")
            #expect(edited.json["positionId"].int == position)
            let cleared = try await server.send(.patch, "/api/v1/users/\(id)", token: admin, json: ["positionId": nil])
            #expect(cleared.json["positionId"].isNull)
            #expect(try await server.send(.patch, "/api/v1/users/1", token: admin, json: ["active": false]).status == .conflict)
            #expect(try await server.send(.get, "/api/v1/users/999", token: admin).status == .notFound)
            #expect(try await server.send(.get, "/api/v1/users/-3", token: admin).status == .notFound)
            #expect(try await server.send(.get, "/api/v1/users/99999999999999999999", token: admin).status == .notFound)
        }
    }
}
