import CRMCore
import CRMSQLite
import CRMServer
import Logging

/// The store `config.database` names, opened and migrated: the one place that chooses a backend.
struct OpenStore {
    let storage: Storage
    let demoLoader: any DemoLoader

    init(_ config: AppConfig, logger: Logger) throws {
        switch config.database {
        case .sqlite(let path):
            let store = try SQLiteStore(path: path)
            storage = Storage(repositories: store.repositories, services: [PlannerStatistics(store: store, logger: logger)])
            demoLoader = store.demoLoader
        case .postgres:
            throw ConfigError(description: "this crm is built without PostgreSQL; CRM_DATABASE must be an SQLite file")
        }
    }

    var repositories: Repositories { storage.repositories }
}
