import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct RobustnessTests {
    @Test func malformedJSONIs400AsProblemJSON() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            for raw in ["{", "not json", "{\"name\": }", ""] {
                let reply = try await server.send(.post, "/api/v1/departments", token: admin, raw: raw)
                #expect(reply.status == .badRequest, "\(raw)")
                #expect(reply.headers[.contentType] == "application/problem+json")
                #expect(reply.json["detail"].string?.isEmpty == false)
            }
            let badUTF8 = try await server.client.executeRequest(
                uri: "/api/v1/departments", method: .post,
                headers: [.authorization: "Bearer \(admin)", .contentType: "application/json"],
                body: ByteBuffer(bytes: Array("{\"name\": \"".utf8) + [0xFF, 0xFE, 0xC3] + Array("\"}".utf8)))
            #expect(badUTF8.status == .badRequest)
        }
    }

    @Test func wrongTypesNullsAndOverflowsAre422NamingTheField() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let cases: [(String, String)] = [
                (#"{"name": 5}"#, "name"),
                (#"{"name": null}"#, "name"),
                (#"{"name": "ok", "parentId": "one"}"#, "parentId"),
                (#"{"name": "ok", "sortOrder": 1e30}"#, "sortOrder"),
                (#"{"name": "ok", "parentId": 1.5}"#, "parentId"),
                ("[]", "body"),
            ]
            for (raw, field) in cases {
                let reply = try await server.send(.post, "/api/v1/departments", token: admin, raw: raw)
                #expect(reply.status == .unprocessableContent, "\(raw): \(reply.text)")
                #expect(reply.errorFields == [field], "\(raw)")
            }
            let pages = try await server.send(.put, "/api/v1/roles/1/pages", token: admin, raw: #"[1, 2]"#)
            #expect(pages.status == .unprocessableContent || pages.status == .notFound)
        }
    }

    @Test func hugeStringsAndBodiesAreRefusedWithoutWriting() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let long = String(repeating: "长", count: 5000)
            let reply = try await server.send(.post, "/api/v1/roles", token: admin, json: ["name": .string(long)])
            #expect(reply.status == .unprocessableContent)
            let huge = String(repeating: "a", count: 2 << 20)
            let tooLarge = try await server.send(.post, "/api/v1/roles", token: admin, json: ["name": .string(huge)])
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.headers[.contentType] == "application/problem+json")
            #expect(try await server.send(.get, "/api/v1/roles", token: admin).json["items"].array.isEmpty)
        }
    }

    @Test func unknownFieldsAreIgnoredAndControlCharactersRefused() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let reply = try await server.send(.post, "/api/v1/roles", token: admin, json: ["name": "客服", "colour": "red", "id": 77])
            #expect(reply.status == .created)
            #expect(reply.json["id"] != 77)
            let control = try await server.send(.post, "/api/v1/roles", token: admin, json: ["name": "a\u{0000}b"])
            #expect(control.status == .unprocessableContent)
        }
    }

    @Test func aFailedRequestChangesNothing() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let department = try await server.create("departments", ["name": "销售部"], token: admin)
            let position = try await server.create("positions", ["departmentId": JSON(department), "name": "销售"], token: admin)
            let reply = try await server.send(
                .patch, "/api/v1/positions/\(position)", token: admin, json: ["name": "改名", "roleIds": [404]])
            #expect(reply.status == .unprocessableContent)
            let after = try await server.send(.get, "/api/v1/positions/\(position)", token: admin)
            #expect(after.json["name"] == "销售")
            let dept = try await server.send(.patch, "/api/v1/departments/\(department)", token: admin, json: ["name": "新名", "parentId": JSON(department)])
            #expect(dept.status == .unprocessableContent)
            #expect(try await server.send(.get, "/api/v1/departments", token: admin).json["items"][0]["name"] == "销售部")
        }
    }

    @Test func unknownRoutesAndMethodsAreProblemJSON() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let missing = try await server.send(.get, "/api/v1/nothing-here", token: admin)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
            let wrongMethod = try await server.send(.delete, "/api/v1/me", token: admin)
            #expect(wrongMethod.status.code >= 400 && wrongMethod.status.code < 500)
            #expect(wrongMethod.headers[.contentType] == "application/problem+json")
        }
    }
}

@Suite struct StaticTests {
    @Test func healthNeedsNoSignIn() async throws {
        try await withServer { server in
            let reply = try await server.send(.get, "/health")
            #expect(reply.status == .ok)
            #expect(reply.json["status"] == "ok")
        }
    }

    @Test func theWebAppIsServedAtTheRootWithItsSecurityHeaders() async throws {
        try await withServer { server in
            let reply = try await server.send(.get, "/")
            #expect(reply.status == .ok)
            #expect(reply.text.contains("<html"))
            #expect(reply.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(reply.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
            #expect(reply.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func theAPIDescriptionIsServed() async throws {
        try await withServer { server in
            let reply = try await server.send(.get, "/openapi.yaml")
            #expect(reply.status == .ok)
            #expect(reply.text.hasPrefix("openapi: 3.1"))
        }
    }

    @Test func listedOriginsMayCallTheAPIFromABrowser() async throws {
        try await withServer { $0.corsOrigins = ["http://localhost:3000"] } _: { server in
            let preflight = try await server.client.executeRequest(
                uri: "/api/v1/me", method: .options,
                headers: [.origin: "http://localhost:3000", .accessControlRequestMethod: "GET"], body: nil)
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "http://localhost:3000")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let other = try await server.client.executeRequest(
                uri: "/health", method: .get, headers: [.origin: "http://evil.example"], body: nil)
            #expect(other.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
