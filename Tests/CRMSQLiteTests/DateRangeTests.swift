import CRMCore
import Foundation
import GRDB
import Testing

@testable import CRMSQLite

/// A list filtered by a narrow range of creation or last visit dates gathers its ids on that
/// date's index and reads a wide one in the list's order, never sorting the wide range; page by
/// page both hold every match once, in order, also where the dates do not grow with ids.
@Suite struct DateRangeTests {
    struct Row: Sendable {
        let id: CustomerID, created: Double, lastVisit: Double?, name: String
    }

    @Test func narrowRangesAreGatheredOnTheirIndexAndWideOnesReadInOrder() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let count = SQLiteCustomers.dateBudget + 20_000
        // Created one a second, except every seventh customer (a clock set back, say); visited
        // in no order, every tenth never.
        let rows = try await store.pool.write { db in
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
                    INSERT INTO customers (id, name, name_key, name_core, type, importance, created_at, updated_at, last_visit_at, search_text)
                    SELECT i, 'c' || i, 'c' || i, 'c' || i, 'open', 1 + i % 5, CASE WHEN i % 7 = 0 THEN (i * 7919) % ?1 ELSE i END, 0,
                        CASE WHEN i % 10 = 0 THEN NULL ELSE (i * 104729) % ?1 END, 'c' || i FROM n;
                    ANALYZE sqlite_schema;
                    INSERT INTO sqlite_stat1 VALUES ('customers', 'customers_created', '1000000 1'),
                        ('customers', 'customers_last_visit', '1000000 4'), ('customers', 'sqlite_autoindex_customers_1', '1000000 1');
                    """, arguments: [count])
            return try GRDB.Row.fetchAll(db, sql: "SELECT id, created_at, last_visit_at, name_key FROM customers").map {
                Row(id: $0[0], created: $0[1], lastVisit: $0[2], name: $0[3])
            }
        }
        store.pool.invalidateReadOnlyConnections()  // so that readers plan with the statistics

        let narrow = (Double(50_000), Double(51_500))
        let wide = (Double(100), Double(count - 100))
        let cases: [(column: String, range: (Double, Double), sort: CustomerSort, isNarrow: Bool)] = [
            ("created_at", narrow, .newest, true), ("created_at", narrow, .oldest, true), ("created_at", narrow, .name, true),
            ("created_at", wide, .newest, false), ("created_at", wide, .oldest, false),
            ("last_visit_at", narrow, .newest, true), ("last_visit_at", narrow, .name, true), ("last_visit_at", wide, .newest, false),
        ]
        for (column, range, sort, isNarrow) in cases {
            let from = Date(timeIntervalSince1970: range.0), to = Date(timeIntervalSince1970: range.1)
            var query = CustomerQuery()
            if column == "created_at" { (query.createdFrom, query.createdTo) = (from, to) } else { (query.lastVisitFrom, query.lastVisitTo) = (from, to) }
            query.sort = sort
            query.limit = 200
            let (narrowed, plan) = try await store.pool.read { [query] db in
                let narrowed = try SQLiteCustomers.narrowDateRange(db, query)
                let (sql, arguments) = SQLiteCustomers.statements(query, gathered: narrowed).page
                let plan = try GRDB.Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
                return (narrowed?.column, plan)
            }
            let executed = try await store.pool.read { [query] db in try SQLiteCustomers.tracedList(db, query, count: true).statements }
            let label = "\(column) \(range) \(sort)"
            #expect(narrowed == (isNarrow ? column : nil), "\(label)")
            // The page and the count both gather a narrow range's ids.
            #expect(executed.filter { $0.contains("c.id IN (SELECT id FROM customers INDEXED BY") }.count == (isNarrow ? 2 : 0), "\(label): \(executed)")
            #expect(plan.contains { $0.contains("customers_created") || $0.contains("customers_last_visit") } == isNarrow, "\(label): \(plan)")
            if sort != .name { #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(label): \(plan)") }

            let matches = rows.filter { row in
                guard let date = column == "created_at" ? row.created : row.lastVisit else { return false }
                return date >= range.0 && date < range.1
            }
            let want: [CustomerID] =
                switch sort {
                case .newest: matches.map(\.id).sorted(by: >)
                case .name: matches.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map(\.id)
                default: matches.map(\.id).sorted()
                }
            let (ids, total) = try await store.pagedIds(query, upTo: isNarrow ? count : 1_000)
            #expect(ids == Array(want.prefix(ids.count)) && ids.count >= min(want.count, 1_000), "\(label)")
            #expect(total == want.count, "\(label)")
        }
    }
}
