import CRMCore
import CRMServer
import CRMSQLite
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing

/// A JSON value for test bodies and replies, independent of the app's own DTOs.
enum JSON: Sendable, Equatable, Codable, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([String: JSON])

    init(dictionaryLiteral elements: (String, JSON)...) { self = .object(Dictionary(uniqueKeysWithValues: elements)) }
    init(arrayLiteral elements: JSON...) { self = .array(elements) }
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .number(Double(value)) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(nilLiteral: ()) { self = .null }
    init(_ id: Int64) { self = .number(Double(id)) }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSON].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    subscript(key: String) -> JSON {
        if case .object(let o) = self { return o[key] ?? .null }
        return .null
    }
    subscript(index: Int) -> JSON {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return .null
    }
    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int64? { if case .number(let n) = self { Int64(n) } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    var array: [JSON] { if case .array(let a) = self { a } else { [] } }
    var isNull: Bool { self == .null }
}

struct Reply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String
    var json: JSON { (try? JSONDecoder().decode(JSON.self, from: Data(text.utf8))) ?? .null }
    /// The fields named in a problem's `errors`.
    var errorFields: [String] { json["errors"].array.compactMap { $0["field"].string } }
}

/// A server on a fresh SQLite file, driven through the real router and middleware.
struct TestServer {
    static let adminPassword = "admin-password"
    let client: any TestClientProtocol
    let services: CRMServices

    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: JSON? = nil, raw: String? = nil)
        async throws -> Reply
    {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONEncoder().encode(json))
        } else if let raw {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: raw)
        }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    func login(_ username: String, _ password: String) async throws -> String {
        let reply = try await send(.post, "/api/v1/auth/login", json: ["username": .string(username), "password": .string(password)])
        #expect(reply.status == .ok, "login \(username): \(reply.text)")
        return try #require(reply.json["token"].string)
    }

    func adminToken() async throws -> String { try await login("admin", Self.adminPassword) }

    /// Creates a record as the administrator and returns its id.
    @discardableResult
    func create(_ path: String, _ body: JSON, token: String) async throws -> Int64 {
        let reply = try await send(.post, "/api/v1/\(path)", token: token, json: body)
        #expect(reply.status == .created, "POST \(path): \(reply.text)")
        return try #require(reply.json["id"].int)
    }

    /// A user with the given position, password `password-<username>`; returns the id.
    func createUser(_ username: String, position: Int64? = nil, token: String) async throws -> Int64 {
        try await create(
            "users",
            [
                "username": .string(username), "displayName": .string("User \(username)"),
                "password": .string("password-\(username)"), "positionId": position.map(JSON.init) ?? .null,
            ], token: token)
    }

    func loginUser(_ username: String) async throws -> String {
        try await login(username, "password-\(username)")
    }
}

func testConfig(database: DatabaseLocation) -> AppConfig {
    var config = AppConfig()
    config.database = database
    config.port = 0
    config.adminPassword = TestServer.adminPassword
    config.bcryptCost = 4
    config.webappDir = packageRoot + "/webapp"
    config.openAPIFile = packageRoot + "/openapi.yaml"
    config.logLevel = .warning
    return config
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// A new, empty store for one test, removed by `close`.
struct TestStore {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crm-test-\(UUID().uuidString)")
    let config: AppConfig
    let storage: Storage
    let demoLoader: any DemoLoader

    init(_ adjust: (inout AppConfig) -> Void = { _ in }) throws {
        var config = testConfig(database: .sqlite(path: folder.appendingPathComponent("crm.sqlite").path))
        adjust(&config)
        self.config = config
        let store = try SQLiteStore(path: folder.appendingPathComponent("crm.sqlite").path)
        storage = Storage(repositories: store.repositories, services: [PlannerStatistics(store: store, logger: makeLogger(config))])
        demoLoader = store.demoLoader
    }

    func close() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `body` against a server on a new store, built as `crm serve` builds it and driven through
/// the real router, middleware and background services (`live`: over a real socket).
func withServer(
    _ adjust: (inout AppConfig) -> Void = { _ in }, live: Bool = false,
    _ body: @escaping @Sendable (TestServer) async throws -> Void
) async throws {
    let store = try TestStore(adjust)
    defer { store.close() }
    let services = CRMServices(repositories: store.storage.repositories, config: store.config)
    let app = try await buildApplication(store.config, storage: store.storage, services: services)
    try await app.test(live ? .live : .router) { client in
        try await body(TestServer(client: client, services: services))
    }
}
