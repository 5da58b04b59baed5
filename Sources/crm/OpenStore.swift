import CRMCore
import CRMPostgres
import CRMSQLite
import CRMServer
import Foundation
import Logging

/// The store `config.database` names, opened and migrated: the one place that chooses a backend.
struct OpenStore {
    let storage: Storage
    let demoLoader: any DemoLoader

    var repositories: Repositories { storage.repositories }

    /// Runs `body` with the store open. A PostgreSQL store's connection pool runs around it, and
    /// `open()` has checked the connection and migrated before `body` starts.
    static func with<T>(_ config: AppConfig, logger: Logger, _ body: (OpenStore) async throws -> T) async throws -> T {
        switch config.database {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            return try await body(
                OpenStore(
                    storage: Storage(repositories: store.repositories, services: [PlannerStatistics(store: store, logger: logger)]),
                    demoLoader: store.demoLoader))
        case .postgres(let url):
            let store = try PostgresStore(url: url, poolSize: try poolSize(), logger: logger)
            return try await store.withRunning { store in
                try await body(OpenStore(storage: Storage(repositories: store.repositories), demoLoader: store.demoLoader))
            }
        }
    }

    /// `CRM_DATABASE_POOL`: at most this many PostgreSQL connections per server (default 10).
    static func poolSize() throws -> Int {
        guard let text = ProcessInfo.processInfo.environment["CRM_DATABASE_POOL"], !text.isEmpty else { return 10 }
        guard let size = Int(text), (1...1000).contains(size) else {
            throw ConfigError(description: "CRM_DATABASE_POOL must be a number from 1 to 1000, not '\(text)'")
        }
        return size
    }
}
