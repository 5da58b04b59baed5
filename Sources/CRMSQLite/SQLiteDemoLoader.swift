import CRMCore
import Foundation
import GRDB

/// Bulk writes for `crm seed-demo`: large transactions of prepared statements.
struct SQLiteDemoLoader: DemoLoader {
    let pool: DatabasePool

    func isEmpty() async throws -> Bool {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") == 0 }
    }

    func insertCustomers(_ rows: [(fields: CustomerFields, owner: UserID?, createdAt: Date, trackingSince: Date?)]) async throws -> [CustomerID] {
        try await pool.write { db in
            // A large page cache keeps the growing index in memory while it loads.
            try db.execute(sql: "PRAGMA cache_size = -1000000")
            let insert = try db.cachedStatement(sql: SQLiteCustomers.insertSQL)
            var ids: [CustomerID] = []
            var grams: [(String, CustomerID)] = []
            for row in rows {
                let created = row.createdAt.timeIntervalSince1970
                let folded = SQLiteCustomers.Folded(row.fields)
                try insert.execute(
                    arguments: SQLiteCustomers.fieldArguments(row.fields, folded)
                        + [row.owner, row.trackingSince?.timeIntervalSince1970, row.owner, created, created])
                let id = db.lastInsertedRowID
                ids.append(id)
                for gram in folded.grams { grams.append((gram, id)) }
            }
            // In index order, so the B-tree fills page by page.
            grams.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            let index = try db.cachedStatement(sql: "INSERT INTO customer_grams (gram, customer_id) VALUES (?, ?)")
            for (gram, id) in grams { try index.execute(arguments: [gram, id]) }
            return ids
        }
    }

    func insertContacts(_ contacts: [Contact]) async throws {
        try await pool.write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO contacts (customer_id, name, title, mobile, is_primary) VALUES (?, ?, ?, ?, ?)")
            for contact in contacts {
                try insert.execute(arguments: [contact.customerId, contact.name, contact.title, contact.mobile, contact.primary])
            }
        }
    }

    func insertVisits(_ visits: [Visit]) async throws {
        try await pool.write { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO visits (customer_id, user_id, visited_at, method, contact_id, content, next_step, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for visit in visits {
                try insert.execute(
                    arguments: [
                        visit.customerId, visit.userId, visit.visitedAt.timeIntervalSince1970, visit.method.rawValue,
                        visit.contactId, visit.content, visit.nextStep, visit.createdAt.timeIntervalSince1970,
                    ])
            }
        }
    }

    func insertPlans(_ plans: [Plan]) async throws {
        try await pool.write { db in
            let insert = try db.cachedStatement(
                sql: "INSERT INTO plans (customer_id, user_id, planned_at, subject, notes, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
            for plan in plans {
                try insert.execute(
                    arguments: [
                        plan.customerId, plan.userId, plan.plannedAt.timeIntervalSince1970, plan.subject, plan.notes,
                        plan.status.rawValue, plan.createdAt.timeIntervalSince1970,
                    ])
            }
        }
    }

    func finish() async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE customers SET last_visit_at = v.last
                    FROM (SELECT customer_id, max(visited_at) AS last FROM visits GROUP BY customer_id) AS v
                    WHERE customers.id = v.customer_id
                    """)
        }
        try await pool.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE") }
    }
}

extension SQLiteStore {
    public var demoLoader: any DemoLoader { SQLiteDemoLoader(pool: pool) }
}
