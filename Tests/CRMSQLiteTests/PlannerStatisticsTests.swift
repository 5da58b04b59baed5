import CRMCore
import Foundation
import GRDB
import Testing

@testable import CRMSQLite

@Suite struct PlannerStatisticsTests {
    /// Without statistics the customers a salesperson may see (their own and the pool's) are
    /// gathered through the owners' index and sorted; with them, read newest first until the page
    /// is full. Connections opened before the analysis plan with it too, though no schema changed.
    @Test func statisticsTurnAListOfOwnAndPoolCustomersIntoAReadNewestFirstAndGoStaleAsCustomersGrow() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        #expect(try await store.statisticsAreStale() == false, "no customers, nothing to plan")
        try SearchIndexTests.populate(store, count: 5000)
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO users (id, username, username_key, display_name, password_hash, created_at) VALUES (7, 'north', 'north', '北', 'x', 0)")
            try db.execute(sql: "INSERT INTO users (id, username, username_key, display_name, password_hash, created_at) VALUES (8, 'south', 'south', '南', 'x', 0)")
            try db.execute(sql: "UPDATE customers SET owner_id = CASE WHEN id % 4 = 0 THEN NULL WHEN id % 3 = 0 THEN 7 ELSE 8 END")
            // The statistics table exists, as after an earlier analysis: refreshing it changes no schema.
            try db.execute(sql: "ANALYZE sqlite_schema")
        }
        var query = CustomerQuery()
        query.owners = .ownersOrPublic([7])
        let (sql, arguments) = SQLiteCustomers.statements(query).page
        func plan() async throws -> [String] {
            try await store.pool.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
        }

        #expect(try await store.statisticsAreStale())
        #expect(try await plan().contains { $0.contains("TEMP B-TREE") })
        try await store.analyze()
        #expect(try await store.statisticsAreStale() == false)
        let analyzed = try await plan()
        #expect(analyzed.first == "SCAN c" && !analyzed.contains { $0.contains("TEMP B-TREE") }, "\(analyzed)")
        let grams = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'customer_grams'") }
        #expect(grams == 0)

        // Customers more than doubled since (an import into a new database): stale again.
        try SearchIndexTests.populate(store, count: 6001) { CustomerFields(name: "追加\($0)号") }
        #expect(try await store.statisticsAreStale())
    }
}
