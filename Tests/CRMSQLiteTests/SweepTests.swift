import CRMCore
import Foundation
import GRDB
import Testing

@testable import CRMSQLite

@Suite struct SweepTests {
    /// More customers due than one batch: every one is released and logged, each batch at
    /// once, in id order whatever their tracking order; the dry run finds the same and
    /// changes nothing; a customer renewed before its batch stays.
    @Test func dueCustomersAreReleasedAndLoggedABatchAtATime() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let count = 2 * SQLiteCustomers.sweepBatch + 15
        try SearchIndexTests.populate(store, count: count)
        try await store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (id, username, username_key, display_name, password_hash, created_at)
                    VALUES (7, 'north', 'north', '北', 'x', 0);
                    UPDATE customers SET owner_id = 7, tracking_since = ? - id;
                    """, arguments: [count])
        }
        let customers = store.repositories.customers
        let cutoff = Date(timeIntervalSince1970: Double(count - 10))
        let due = count - 10

        var found: [[CustomerID]] = []
        #expect(try await customers.releaseExpired(trackingBefore: cutoff, at: Date(), dryRun: true) { found.append($0.map(\.id)) } == due)
        #expect(found.map(\.count) == [SQLiteCustomers.sweepBatch, SQLiteCustomers.sweepBatch, due - 2 * SQLiteCustomers.sweepBatch])
        #expect(found.flatMap { $0 } == Array(11...Int64(count)))

        let renewed = CustomerID(count)
        var released: [[CustomerID]] = []
        let releasedCount = try await customers.releaseExpired(trackingBefore: cutoff, at: Date(), dryRun: false) { batch in
            if released.isEmpty {
                try await store.pool.write { try $0.execute(sql: "UPDATE customers SET tracking_since = ? WHERE id = ?", arguments: [count, renewed]) }
            }
            released.append(batch.map(\.id))
        }
        #expect(releasedCount == due - 1)
        #expect(released.flatMap { $0 } == found.flatMap { $0 }.filter { $0 != renewed })
        // The trigger that logged each release is gone with it.
        #expect(try await store.pool.write { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_temp_schema") } == 0)
        let (owned, logged) = try await store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE owner_id = 7")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM customer_history WHERE action = 'auto-released' AND from_user_id = 7")!)
        }
        #expect(owned == count - due + 1)
        #expect(logged == due - 1)
        #expect(try await customers.releaseExpired(trackingBefore: cutoff, at: Date(), dryRun: false) { _ in } == 0)
    }
}
