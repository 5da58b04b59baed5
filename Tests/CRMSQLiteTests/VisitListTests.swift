import CRMCore
import Foundation
import GRDB
import Testing

@testable import CRMSQLite

/// A page of visits, newest first, reads them in time order and stops at the page's end, whoever
/// asks and with or without a range; the planner otherwise read every visit of every user the
/// caller may see and sorted them all (0.7 s at 250,000 visits).
@Suite struct VisitListTests {
    @Test func aPageOfVisitsReadsTheTimeIndexInOrder() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        // Statistics as at a million customers: knowing there are few users, the planner would
        // rather read each user's visits and sort them than read visits in order.
        try await store.pool.write { db in
            try db.execute(
                sql: """
                    ANALYZE sqlite_schema;
                    INSERT INTO sqlite_stat1 VALUES ('users', 'sqlite_autoindex_users_1', '57 1'),
                        ('visits', 'visits_customer', '260000 2 1'), ('customers', 'customers_owner', '1000000 19608 1');
                    """)
        }
        let page = VisitQuery(limit: 50)
        var month = page
        month.from = Date(timeIntervalSince1970: 1_700_000_000)
        month.to = Date(timeIntervalSince1970: 1_702_592_000)
        var later = page
        later.after = (Date(timeIntervalSince1970: 1_701_000_000), 42)
        let cases: [(VisitQuery, OwnerFilter, UserID?)] = [
            (page, .owners([3, 4, 5]), 3), (page, .owners([3]), 3), (page, .any, nil), (month, .owners([3, 4, 5]), 3), (later, .any, nil),
        ]
        for (query, authors, orOwner) in cases {
            let (sql, arguments) = SQLiteVisits.list(query, authors: authors, orOwner: orOwner)
            let plan = try await store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "ANALYZE sqlite_schema")  // loads the statistics
                return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
            }
            #expect(plan.first?.contains("v USING INDEX visits_time") == true, "\(authors): \(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(authors): \(plan)")
        }
    }
}
