import CRMCore
import CRMStorage
import Foundation
import Logging
import Testing

@testable import CRMServer

@Suite struct PlannerStatisticsServiceTests {
    /// A database that has never been analyzed (any created before this service) gets statistics
    /// as the server starts, not a day later.
    @Test func aDatabaseWithoutStatisticsIsAnalyzedAsTheServerStarts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crm-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = testConfig(database: folder.appendingPathComponent("crm.sqlite").path)
        let (_, services) = try await makeRouter(config)
        let admin = try #require(try await services.repositories.users.credentials(username: "admin")?.user)
        _ = try await services.repositories.customers.create(CustomerFields(name: "统计有限公司"), owner: admin.id, at: Date())
        let store = try SQLiteStore(path: config.database)
        #expect(try await store.statisticsAreStale())

        let service = Task { try await PlannerStatistics(store: store, check: .seconds(3600), refresh: .seconds(86_400), logger: Logger(label: "test")).run() }
        defer { service.cancel() }
        var analyzed = false
        for _ in 0..<200 where !analyzed {
            try await Task.sleep(for: .milliseconds(25))
            analyzed = try await !store.statisticsAreStale()
        }
        #expect(analyzed)
    }
}
