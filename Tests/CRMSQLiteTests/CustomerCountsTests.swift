import CRMCore
import Foundation
import GRDB
import Testing

@testable import CRMSQLite

/// Each owner's running count of customers (the pool's too) follows every create, import,
/// change of hands and delete, starts from the customers already there, and counts the lists
/// narrowed by owners alone; any other list is counted on the customers themselves.
@Suite struct CustomerCountsTests {
    @Test func listsNarrowedByOwnersAloneAreCountedFromTheRunningCounts() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        // Customers from before the counts: the migration counts them.
        let queue = try DatabaseQueue(path: database.path)
        try Schema.migrator.migrate(queue, upTo: "v7-customer-dates")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (id, username, username_key, display_name, password_hash, created_at)
                    VALUES (7, 'north', 'north', '北', 'x', 0), (8, 'south', 'south', '南', 'x', 0);
                    INSERT INTO customers (name, name_key, name_core, type, importance, owner_id, created_at, updated_at, search_text)
                    VALUES ('a', 'a', 'a', 'open', 3, 7, 0, 0, 'a'), ('b', 'b', 'b', 'open', 3, NULL, 0, 0, 'b');
                    """)
        }
        try queue.close()
        let store = try SQLiteStore(path: database.path)
        let customers = store.repositories.customers
        let now = Date()
        var created: [Customer] = []
        for index in 0..<6 {
            created.append(try await customers.create(CustomerFields(name: "客户\(index)", importance: 1 + index % 2), owner: index < 4 ? 7 : 8, at: now))
        }
        _ = try await customers.importCustomers([CustomerFields(name: "导入"), CustomerFields(name: "客户0")], owner: 8, at: now)
        _ = try await customers.transfer(
            [OwnerExpectation(id: created[0].id, owner: 7), OwnerExpectation(id: created[1].id, owner: 7)], to: nil, action: .released,
            actor: 7, at: now)
        _ = try await customers.transfer([OwnerExpectation(id: created[4].id, owner: 8)], to: 7, action: .assigned, actor: 8, at: now)
        _ = try await customers.delete([OwnerExpectation(id: created[2].id, owner: 7)], actor: 7, at: now)

        let filters: [OwnerFilter] = [.any, .publicOnly, .owners([7]), .owners([7, 8]), .ownersOrPublic([8]), .owners([99])]
        for owners in filters {
            var query = CustomerQuery()
            query.owners = owners
            query.sort = .name
            var narrowed = query
            narrowed.importance = 1
            let (want, wantNarrowed) = try await store.pool.read { db in
                let (condition, arguments) = owners.sql("owner_id")
                return (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE \(condition)", arguments: arguments),
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE importance = 1 AND \(condition)", arguments: arguments)
                )
            }
            let (page, statements) = try await store.pool.read { [query] db in try SQLiteCustomers.tracedList(db, query, count: true) }
            let (narrowedPage, narrowedStatements) = try await store.pool.read { [narrowed] db in
                try SQLiteCustomers.tracedList(db, narrowed, count: true)
            }
            #expect(page.total == want, "\(owners)")
            #expect(statements.contains { $0.contains("FROM customer_counts") } && !statements.contains { $0.contains("count(*)") }, "\(statements)")
            #expect(narrowedPage.total == wantNarrowed, "\(owners) importance 1")
            #expect(!narrowedStatements.contains { $0.contains("FROM customer_counts") }, "\(narrowedStatements)")
        }
    }
}
