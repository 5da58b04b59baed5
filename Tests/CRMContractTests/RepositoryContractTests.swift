import CRMCore
import CRMPostgres
import CRMSQLite
import Foundation
import Testing

/// A storage backend the contract runs against: PostgreSQL where `CRM_TEST_POSTGRES_URL` names a server.
enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    static var allCases: [Backend] { PostgresTesting.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// A new, empty store: its repositories and its bulk loader.
    func makeStore() async throws -> (repositories: Repositories, demoLoader: any DemoLoader) {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("crm-contract-\(UUID().uuidString)/crm.sqlite").path
            let store = try SQLiteStore(path: path)
            return (store.repositories, store.demoLoader)
        case .postgres:
            let store = try await PostgresTesting.makeStore()
            return (store.repositories, store.demoLoader)
        }
    }

    func makeRepositories() async throws -> Repositories { try await makeStore().repositories }
}

/// The behaviour every repository implementation must have, written against the protocols only:
/// no SQL and no store's own types outside `Backend`. Each area's tests are a suite nested in this
/// one, in a file of its own, so the trait given here (each PostgreSQL test's database dropped
/// when it ends) reaches them all.
@Suite(.postgresDatabases) struct RepositoryContractTests {}
