import CRMCore
import Foundation
import GRDB
import Testing

@testable import CRMSQLite

/// Lists in another order than ids first read `sortedBudget` customers on that order's index;
/// a page that fills there is the same page the full sort gives, and one that does not is read
/// the usual way. Page by page, every list holds every match once, in order.
@Suite struct SortedListTests {
    struct Row: Sendable {
        let id: CustomerID, nameKey: String, importance: Int, updatedAt: Double, owner: UserID?, text: String
    }

    @Test func sortedPagesMatchTheFullSortWhetherTheyFillOnTheIndexOrNot() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let count = SQLiteCustomers.sortedBudget * 3
        try SearchIndexTests.populate(store, count: count) { index in
            CustomerFields(name: "客户\(index % 97)号\(index)", importance: 1 + index % 5)
        }
        let all = try await store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (id, username, username_key, display_name, password_hash, created_at)
                    VALUES (7, 'north', 'north', '北', 'x', 0), (8, 'south', 'south', '南', 'x', 0);
                    UPDATE customers SET owner_id = CASE WHEN id % 4 = 0 THEN NULL WHEN id % 3 = 0 THEN 7 ELSE 8 END,
                        updated_at = (id * 7919) % 1000;
                    """)
            return try GRDB.Row.fetchAll(db, sql: "SELECT id, name_key, importance, updated_at, owner_id, search_text FROM customers").map {
                Row(id: $0[0], nameKey: $0[1], importance: $0[2], updatedAt: $0[3], owner: $0[4], text: $0[5])
            }
        }

        func expected(_ query: CustomerQuery) -> [CustomerID] {
            let matches = all.filter { row in
                query.owners.matches(row.owner) && (query.keyword.map { row.text.contains($0) } ?? true)
            }
            let sorted: [Row] =
                switch query.sort {
                case .name: matches.sorted { ($0.nameKey, $0.id) < ($1.nameKey, $1.id) }
                case .nameDescending: matches.sorted { ($0.nameKey, $0.id) > ($1.nameKey, $1.id) }
                case .mostImportant: matches.sorted { ($0.importance, $0.id) > ($1.importance, $1.id) }
                case .recentlyUpdated: matches.sorted { ($0.updatedAt, $0.id) > ($1.updatedAt, $1.id) }
                default: matches
                }
            return sorted.map(\.id)
        }

        let cases: [(OwnerFilter, CustomerSort, String?)] = [
            (.publicOnly, .mostImportant, nil), (.ownersOrPublic([7]), .name, nil), (.owners([7]), .nameDescending, nil),
            (.any, .recentlyUpdated, "客户1"), (.publicOnly, .name, "客户42号"), (.owners([8]), .mostImportant, "号1234"),
        ]
        for (owners, sort, keyword) in cases {
            var query = CustomerQuery()
            query.owners = owners
            query.sort = sort
            query.keyword = keyword
            query.limit = 50
            if keyword == nil {
                let statement = try await store.pool.read { [query] db in
                    try SQLiteCustomers.sortedEnd(db, query).map { SQLiteCustomers.statements(query, sortedWithin: $0).page }
                }
                let (sql, arguments) = try #require(statement)
                let plan = try await store.pool.read { db in
                    try GRDB.Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
                }
                #expect(plan.first?.hasPrefix("SEARCH c USING INDEX") == true && !plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
            }
            let (ids, total) = try await store.pagedIds(query, upTo: count)
            let want = expected(query)
            #expect(ids == want, "\(owners) \(sort) \(keyword ?? ""): \(ids.count) of \(want.count)")
            #expect(total == want.count)
        }
    }

    /// A filter that matched a few of the first `sortedBudget` reads on as far as they say the page
    /// needs, rather than gathering and sorting all its customers.
    @Test func aFewMatchesOnTheIndexReadOnAsFarAsThePageNeeds() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let count = SQLiteCustomers.sortedBudget * 4
        try SearchIndexTests.populate(store, count: count) { index in
            CustomerFields(name: "客户\(index)", importance: 1 + index % 5)
        }
        // One customer in 67 (30 of the first 2,000 on the importance index) is owner 9's.
        let want = try await store.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (id, username, username_key, display_name, password_hash, created_at) VALUES (9, 'few', 'few', '少', 'x', 0);
                    UPDATE customers SET owner_id = 9 WHERE id % 67 = 0;
                    """)
            return try CustomerID.fetchAll(db, sql: "SELECT id FROM customers WHERE owner_id = 9 ORDER BY importance DESC, id DESC LIMIT 50")
        }
        var query = CustomerQuery()
        query.owners = .owners([9])
        query.sort = .mostImportant
        let (page, executed) = try await store.pool.read { [query] db in try SQLiteCustomers.tracedList(db, query, count: false) }
        #expect(page.items.map(\.id) == want)
        let pages = executed.filter { $0.hasPrefix("SELECT c.id, c.name") }
        #expect(pages.count == 2 && pages.allSatisfy { $0.contains("INDEXED BY customers_importance") }, "\(pages)")
    }
}

