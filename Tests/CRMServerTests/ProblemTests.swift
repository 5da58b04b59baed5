import CRMCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

@testable import CRMServer

/// The one mapping of domain errors to HTTP, tested on its own, and the answer to an error the
/// domain does not know.
@Suite struct ProblemTests {
    @Test(arguments: [
        (CRMError.malformed("m"), HTTPResponse.Status.badRequest, "malformed"),
        (.unauthenticated("u", code: "session-ended"), .unauthorized, "session-ended"),
        (.forbidden("f", code: ErrorCode("page-forbidden", ["menuId": "admin.roles"])), .forbidden, "page-forbidden"),
        (.notFound("n", code: .notFound("customer", 7)), .notFound, "not-found"),
        (.conflict("c", code: "changed-meanwhile"), .conflict, "changed-meanwhile"),
        (.duplicateCustomer(.public), .conflict, "duplicate-customer"),
        (.invalid("name", "must not be empty", code: "empty"), .unprocessableContent, "validation-failed"),
        (.tooManyAttempts(retryAfter: 30), .tooManyRequests, "too-many-attempts"),
        (.tooLarge("t"), .contentTooLarge, "too-large"),
        (.unsupportedMediaType("u", code: "not-an-image"), .unsupportedMediaType, "not-an-image"),
    ])
    func everyDomainErrorHasItsStatusAndCode(_ error: CRMError, _ status: HTTPResponse.Status, _ code: String) throws {
        let problem = Problem(error)
        #expect(problem.status == status.code)
        #expect(problem.title == status.reasonPhrase)
        #expect(problem.code == code)
        #expect(!problem.detail.isEmpty)
    }

    @Test func aProblemCarriesItsParamsAndEachFieldsCode() throws {
        let problem = Problem(
            .invalid([
                FieldError("name", "must be at most 200 characters", code: ErrorCode("too-long", ["max": 200])),
                FieldError("categoryId", "there is no category 9", code: .unknown("category", 9)),
            ]))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(APIEncoder.encode(problem))) as? [String: Any])
        let errors = try #require(json["errors"] as? [[String: Any]])
        #expect(errors[0]["code"] as? String == "too-long")
        #expect((errors[0]["params"] as? [String: Any])?["max"] as? Int == 200)
        #expect((errors[1]["params"] as? [String: Any])?["kind"] as? String == "category")
        #expect(json["params"] == nil)
        let retry = try #require(
            try JSONSerialization.jsonObject(with: Data(APIEncoder.encode(Problem(.tooManyAttempts(retryAfter: 30))))) as? [String: Any])
        #expect((retry["params"] as? [String: Any])?["retryAfter"] as? Int == 30)
    }

    final class Lines: TextOutputStream, Sendable {
        let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
    }

    struct Boom: Error, CustomStringConvertible {
        var description: String { "the disk caught fire" }
    }

    /// An error the domain does not know is logged in full and answered with a 500 that tells nothing.
    @Test func anUnknownErrorIsLoggedAndAnsweredWithAPlain500() async throws {
        let lines = Lines()
        var logger = Logger(label: "crm") { LazyLogHandler(label: $0, stream: lines) }
        logger.logLevel = .error
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.get("boom") { _, _ -> String in throw Boom() }
        let app = Application(router: router, logger: logger)
        try await app.test(.router) { client in
            let response = try await client.executeRequest(uri: "/boom", method: .get, headers: [:], body: nil)
            #expect(response.status == .internalServerError)
            #expect(response.headers[.contentType] == "application/problem+json")
            let body = String(buffer: response.body)
            #expect(body.contains(#""code":"internal-error""#))
            #expect(!body.contains("fire"))
            let missing = try await client.executeRequest(uri: "/nowhere", method: .get, headers: [:], body: nil)
            #expect(missing.status == .notFound)
            #expect(String(buffer: missing.body).contains(#""code":"no-route""#))
        }
        #expect(lines.text.withLock { $0 }.contains("the disk caught fire"))
    }

    /// Through the whole server: a field error names its field, code and limit.
    @Test func aValidationFailureNamesEachFieldWithItsCode() async throws {
        try await withServer { server in
            let admin = try await server.adminToken()
            let reply = try await server.send(
                .post, "/api/v1/customers", token: admin, json: ["name": .string(String(repeating: "长", count: 201)), "importance": 9])
            #expect(reply.status == .unprocessableContent)
            #expect(reply.json["code"] == "validation-failed")
            let errors = reply.json["errors"].array
            #expect(errors.contains { $0["field"] == "name" && $0["code"] == "too-long" && $0["params"]["max"] == 200 })
            #expect(errors.contains { $0["field"] == "importance" && $0["code"] == "out-of-range" && $0["params"]["max"] == 5 })
            let forbidden = try await server.send(.get, "/api/v1/customers?scope=nonsense", token: admin)
            #expect(forbidden.json["errors"][0]["code"] == "not-one-of")
        }
    }
}

@Suite struct AppConfigTests {
    @Test func everyVariableIsReadOverTheDefaults() throws {
        let config = try AppConfig(environment: [
            "CRM_HOST": "0.0.0.0", "CRM_PORT": "9000", "CRM_DATABASE": "/tmp/x.sqlite", "CRM_WEBAPP_DIR": "/srv/web",
            "CRM_OPENAPI_FILE": "/srv/openapi.yaml", "CRM_TOKEN_TTL": "600", "CRM_ADMIN_PASSWORD": "secret-pass",
            "CRM_LOG_LEVEL": "DEBUG", "CRM_CORS_ORIGINS": " https://a.example , ,https://b.example", "CRM_BCRYPT_COST": "10",
            "CRM_SWEEP_INTERVAL": "60", "CRM_MAX_UPLOAD_BYTES": "2048", "CRM_TIME_ZONE": "Europe/Berlin",
        ])
        #expect(config.host == "0.0.0.0")
        #expect(config.port == 9000)
        #expect(config.database == .sqlite(path: "/tmp/x.sqlite"))
        #expect(config.webappDir == "/srv/web")
        #expect(config.openAPIFile == "/srv/openapi.yaml")
        #expect(config.tokenLifetime == 600)
        #expect(config.adminPassword == "secret-pass")
        #expect(config.logLevel == .debug)
        #expect(config.corsOrigins == ["https://a.example", "https://b.example"])
        #expect(config.bcryptCost == 10)
        #expect(config.sweepInterval == 60)
        #expect(config.maxUploadBytes == 2048)
        #expect(config.timeZone.identifier == "Europe/Berlin")
        let defaults = try AppConfig(environment: ["CRM_PORT": "", "CRM_ADMIN_PASSWORD": ""])
        #expect(defaults.port == 8080)
        #expect(defaults.adminPassword == nil)
        #expect(defaults.database == .sqlite(path: "./data/crm.sqlite"))
    }

    @Test(arguments: [
        ("CRM_PORT", "70000"), ("CRM_PORT", "eighty"), ("CRM_TOKEN_TTL", "5"), ("CRM_BCRYPT_COST", "40"),
        ("CRM_SWEEP_INTERVAL", "1"), ("CRM_MAX_UPLOAD_BYTES", "10"), ("CRM_TIME_ZONE", "Mars/Olympus"), ("CRM_LOG_LEVEL", "loud"),
    ])
    func aMalformedValueIsAnErrorNamingIt(_ name: String, _ value: String) {
        #expect {
            _ = try AppConfig(environment: [name: value])
        } throws: { error in
            let text = "\(error)"
            return (text.contains(name) || name == "CRM_LOG_LEVEL") && text.contains(value) && !text.contains("\n")
        }
    }

    @Test func aPostgresURLIsADatabaseWhosePasswordIsNeverShown() {
        let url = "postgres://crm:s3cret@db.example:5432/crm?sslmode=require"
        #expect(DatabaseLocation(url) == .postgres(url: url))
        #expect(DatabaseLocation("POSTGRESQL://db/crm") == .postgres(url: "POSTGRESQL://db/crm"))
        #expect(DatabaseLocation("./postgres/crm.sqlite") == .sqlite(path: "./postgres/crm.sqlite"))
        #expect(!DatabaseLocation(url).description.contains("s3cret"))
        #expect(DatabaseLocation(url).description.contains("db.example:5432/crm"))
    }
}
