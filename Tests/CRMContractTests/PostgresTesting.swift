import CRMCore
import Foundation
import Logging
import PostgresNIO
import Synchronization
import Testing

@testable import CRMPostgres

/// PostgreSQL for tests: `CRM_TEST_POSTGRES_URL` names a server where the tests may create
/// databases (`scripts/postgres start` prints one). Each test gets a database of its own, copied
/// from a migrated template, and dropped when the test ends (`.postgresDatabases`).
enum PostgresTesting {
    static let url = ProcessInfo.processInfo.environment["CRM_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static let logger = Logger(label: "crm.postgres.tests")

    /// The same URL for another database.
    static func url(database: String) -> String {
        var components = URLComponents(string: url!)!
        components.path = "/" + database
        return components.string!
    }

    /// Runs one statement on the server's own database (CREATE and DROP DATABASE run outside one).
    static func admin(_ sql: String) async throws {
        let (settings, location) = try PostgresStore.configuration(url!)
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: location.host, port: location.port, username: settings.username, password: settings.password,
                database: settings.database, tls: settings.connectionTLS),
            id: 1, logger: logger)
        try await closing(connection) { try await $0.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
    }

    /// A migrated database to copy, named after the migrations it holds, made once per process.
    static let template = Task<String, any Error> {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in PostgresSchema.migrations.map(\.sql).joined().utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let name = "crm_template_\(String(hash, radix: 16))"
        do {
            try await admin("CREATE DATABASE \(name)")
        } catch let error as PSQLError where error.sqlState == "42P04" {
            return name  // made by an earlier run
        }
        let store = try PostgresStore(url: url(database: name), poolSize: 1, logger: logger)
        try await store.open()
        return name
    }

    /// A store on a new database copied from the template, running until the test ends.
    static func makeStore(poolSize: Int = 4) async throws -> PostgresStore {
        let name = "crm_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        // Copies of one template at once may find the template busy with another copy: retry.
        for attempt in 1...20 {
            do {
                try await admin("CREATE DATABASE \(name) TEMPLATE \(try await template.value)")
                break
            } catch let error as PSQLError where error.sqlState == "55006" && attempt < 20 {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        let store = try PostgresStore(url: url(database: name), poolSize: poolSize, logger: logger)
        let running = Task { try await store.run() }
        guard let registry = Registry.current else {
            running.cancel()
            Issue.record("a PostgreSQL test needs the .postgresDatabases trait, which drops its databases")
            throw CancellationError()
        }
        registry.add(name, running)
        try await store.open()
        return store
    }

    /// The databases a test made, and their pools' tasks.
    final class Registry: Sendable {
        @TaskLocal static var current: Registry?
        private let made = Mutex<[(name: String, pool: Task<Void, any Error>)]>([])

        func add(_ name: String, _ pool: Task<Void, any Error>) { made.withLock { $0.append((name, pool)) } }

        /// Ends the pools, then drops the databases.
        func dropAll() async {
            let made = made.withLock { $0 }
            for (_, pool) in made {
                pool.cancel()
                _ = await pool.result
            }
            for (name, _) in made { try? await PostgresTesting.admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
    }
}

/// Drops the PostgreSQL databases each test of the suite made, when it ends.
struct PostgresDatabases: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        guard testCase != nil || !test.isSuite else { return try await function() }
        let registry = PostgresTesting.Registry()
        do {
            try await PostgresTesting.Registry.$current.withValue(registry) { try await function() }
        } catch {
            await registry.dropAll()
            throw error
        }
        await registry.dropAll()
    }
}

extension Trait where Self == PostgresDatabases {
    static var postgresDatabases: Self { PostgresDatabases() }
}
