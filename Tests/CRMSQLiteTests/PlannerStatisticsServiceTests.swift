import CRMCore
import CRMSQLite
import Foundation
import Logging
import Testing

@Suite struct PlannerStatisticsServiceTests {
    /// A database that has never been analyzed (any created before this service) gets statistics
    /// as the server starts, not a day later.
    @Test func aDatabaseWithoutStatisticsIsAnalyzedAsTheServerStarts() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let owner = try await store.repositories.users.create(
            NewUser(username: "owner", displayName: "Owner", positionId: nil, isAdmin: false, passwordHash: "x"), at: Date())
        _ = try await store.repositories.customers.create(CustomerFields(name: "统计有限公司"), owner: owner.id, at: Date())
        #expect(try await store.statisticsAreStale())

        let service = Task {
            try await PlannerStatistics(store: store, check: .seconds(3600), refresh: .seconds(86_400), logger: Logger(label: "test")).run()
        }
        defer { service.cancel() }
        var analyzed = false
        for _ in 0..<200 where !analyzed {
            try await Task.sleep(for: .milliseconds(25))
            analyzed = try await !store.statisticsAreStale()
        }
        #expect(analyzed)
    }
}
