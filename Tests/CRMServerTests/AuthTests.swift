import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    @Test func theAdministratorSignsInAndSeesThemselves() async throws {
        try await withServer { server in
            let login = try await server.send(.post, "/api/v1/auth/login", json: ["username": "ADMIN", "password": "admin-password"])
            #expect(login.status == .ok)
            let token = try #require(login.json["token"].string)
            #expect(token.count >= 43)
            #expect(login.json["user"]["username"] == "admin")
            #expect(login.json["expiresAt"].string?.hasSuffix("Z") == true)

            let me = try await server.send(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.json["isAdmin"] == true)
            #expect(me.json["managesSubordinates"] == true)
            #expect(me.json["menuIds"].array.contains("admin.roles"))
        }
    }

    @Test func wrongCredentialsAre401AndMissingOrBadTokensToo() async throws {
        try await withServer { server in
            let wrong = try await server.send(.post, "/api/v1/auth/login", json: ["username": "admin", "password": "nope-nope"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.contentType] == "application/problem+json")
            #expect(wrong.json["status"] == 401)
            let unknown = try await server.send(.post, "/api/v1/auth/login", json: ["username": "ghost", "password": "whatever1"])
            #expect(unknown.status == .unauthorized)
            #expect(try await server.send(.get, "/api/v1/me").status == .unauthorized)
            #expect(try await server.send(.get, "/api/v1/me", token: "not-a-token").status == .unauthorized)
            let basic = try await server.client.executeRequest(
                uri: "/api/v1/me", method: .get, headers: [.authorization: "Basic YWRtaW46eA=="], body: nil)
            #expect(basic.status == .unauthorized)
            let token = try await server.adminToken()
            for (header, status) in [
                ("bearer \(token)", HTTPResponse.Status.ok), ("Bearer\t\(token)", .ok), ("Bearer \(token) more", .unauthorized),
            ] {
                let reply = try await server.client.executeRequest(uri: "/api/v1/me", method: .get, headers: [.authorization: header], body: nil)
                #expect(reply.status == status, "\(header)")
            }
        }
    }

    @Test func fiveFailuresWithinFifteenMinutesLockTheUsernameWith429AndRetryAfter() async throws {
        try await withServer { server in
            try await server.createUser("other", token: try await server.adminToken())
            for _ in 0..<5 {
                let reply = try await server.send(.post, "/api/v1/auth/login", json: ["username": "admin", "password": "wrong-password"])
                #expect(reply.status == .unauthorized)
            }
            let locked = try await server.send(.post, "/api/v1/auth/login", json: ["username": "Admin", "password": "admin-password"])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.contentType] == "application/problem+json")
            let retryAfter = try #require(locked.headers[.retryAfter].flatMap(Int.init))
            #expect(retryAfter > 800 && retryAfter <= 900)
            #expect(try await server.loginUser("other").isEmpty == false)
            // Once the window has passed, the right password works again.
            let later = try await server.services.auth.login(
                username: "admin", password: TestServer.adminPassword, now: Date() + 15 * 60 + 1)
            #expect(later.user.username == "admin")
        }
    }

    @Test func logoutRevokesTheTokenAndOnlyThatOne() async throws {
        try await withServer { server in
            let first = try await server.adminToken()
            let second = try await server.adminToken()
            #expect(try await server.send(.post, "/api/v1/auth/logout", token: first).status == .noContent)
            #expect(try await server.send(.get, "/api/v1/me", token: first).status == .unauthorized)
            #expect(try await server.send(.get, "/api/v1/me", token: second).status == .ok)
        }
    }

    @Test func anExpiredTokenIs401() async throws {
        try await withServer { $0.tokenLifetime = 3600 } _: { server in
            let old = try await server.services.auth.login(
                username: "admin", password: TestServer.adminPassword, now: Date() - 3601)
            let reply = try await server.send(.get, "/api/v1/me", token: old.token)
            #expect(reply.status == .unauthorized)
            #expect(reply.headers[.wwwAuthenticate] == "Bearer")
            let fresh = try await server.services.auth.login(
                username: "admin", password: TestServer.adminPassword, now: Date() - 3500)
            #expect(try await server.send(.get, "/api/v1/me", token: fresh.token).status == .ok)
        }
    }

    @Test func disablingAUserEndsTheirSessionsAtOnceAndBlocksSignIn() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let id = try await server.createUser("sales1", token: admin)
            let token = try await server.loginUser("sales1")
            #expect(try await server.send(.get, "/api/v1/me", token: token).status == .ok)
            let patch = try await server.send(.patch, "/api/v1/users/\(id)", token: admin, json: ["active": false])
            #expect(patch.status == .ok)
            #expect(patch.json["active"] == false)
            #expect(try await server.send(.get, "/api/v1/me", token: token).status == .unauthorized)
            let again = try await server.send(.post, "/api/v1/auth/login", json: ["username": "sales1", "password": "password-sales1"])
            #expect(again.status == .unauthorized)
            #expect(again.json["detail"].string?.contains("disabled") == true)
            #expect(try await server.send(.patch, "/api/v1/users/\(id)", token: admin, json: ["active": true]).status == .ok)
            #expect(try await server.loginUser("sales1").isEmpty == false)
        }
    }

    @Test func anAdminPasswordResetEndsTheUsersSessions() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let id = try await server.createUser("sales2", token: admin)
            let token = try await server.loginUser("sales2")
            let short = try await server.send(.post, "/api/v1/users/\(id)/password", token: admin, json: ["password": "short"])
            #expect(short.status == .unprocessableContent)
            #expect(short.errorFields == ["password"])
            let reset = try await server.send(.post, "/api/v1/users/\(id)/password", token: admin, json: ["password": "brand-new-pass"])
            #expect(reset.status == .noContent)
            #expect(try await server.send(.get, "/api/v1/me", token: token).status == .unauthorized)
            #expect(try await server.login("sales2", "brand-new-pass").isEmpty == false)
            #expect(try await server.send(.post, "/api/v1/users/999/password", token: admin, json: ["password": "brand-new-pass"]).status == .notFound)
        }
    }

    @Test func usersChangeTheirOwnPasswordKeepingThisSessionAndEndingOthers() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            try await server.createUser("sales3", token: admin)
            let here = try await server.loginUser("sales3")
            let elsewhere = try await server.loginUser("sales3")
            let wrong = try await server.send(
                .put, "/api/v1/me/password", token: here, json: ["currentPassword": "guess-guess", "newPassword": "another-pass"])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.errorFields == ["currentPassword"])
            let changed = try await server.send(
                .put, "/api/v1/me/password", token: here, json: ["currentPassword": "password-sales3", "newPassword": "another-pass"])
            #expect(changed.status == .noContent)
            #expect(try await server.send(.get, "/api/v1/me", token: here).status == .ok)
            #expect(try await server.send(.get, "/api/v1/me", token: elsewhere).status == .unauthorized)
            #expect(try await server.login("sales3", "another-pass").isEmpty == false)
        }
    }

    @Test func aGeneratedAdministratorPasswordIsCreatedOnlyOnce() async throws {
        try await withServer { $0.adminPassword = nil } _: { server in
            // The test server was bootstrapped without a password: admin exists, its password unknown.
            let reply = try await server.send(.post, "/api/v1/auth/login", json: ["username": "admin", "password": "admin-password"])
            #expect(reply.status == .unauthorized)
            let again = try await Bootstrap.run(
                repositories: server.services.repositories, hasher: FakeHasher(), adminPassword: nil)
            #expect(again.createdAdmin == false)
            #expect(again.generatedPassword == nil)
        }
    }
}

struct FakeHasher: PasswordHasher {
    func hash(_ password: String) async throws -> String { "plain:" + password }
    func verify(_ password: String, hash: String) async throws -> Bool { hash == "plain:" + password }
    var decoyHash: String { "decoy" }
}
