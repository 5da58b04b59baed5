import CRMCore
import Foundation
import GRDB
import GRDBSQLite

struct SQLiteCustomers: CustomerRepository {
    let pool: DatabasePool
    let quickReads: QuickReads
    let creates: WriteBatcher<NewCustomer, CustomerID>

    struct NewCustomer: Sendable {
        var fields: CustomerFields
        var owner: UserID
        var at: Date
    }

    func create(_ fields: CustomerFields, owner: UserID, at: Date) async throws -> Customer {
        let id = try await mapConflict(.customerNameTaken) {
            try await creates.write(NewCustomer(fields: fields, owner: owner, at: at))
        }
        return try await customer(id: id)!
    }

    func importCustomers(_ rows: [CustomerFields], owner: UserID, at: Date) async throws -> [CustomerID?] {
        try await pool.write { db in
            try rows.map { fields in
                do {
                    // A savepoint per row, so a name taken meanwhile undoes only that row.
                    var id: CustomerID?
                    try db.inSavepoint {
                        id = try Self.insert(db, fields, owner: owner, at: at)
                        return .commit
                    }
                    return id
                } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                    return nil
                }
            }
        }
    }

    func customers(nameKeys: [String]) async throws -> [String: Customer] {
        try await pool.read { db in
            var found: [String: Customer] = [:]
            try ColumnCursor(
                db.makeStatement(sql: "SELECT \(Self.columns), c.name_key FROM \(Self.from) WHERE c.name_key IN (SELECT value FROM json_each(?))"),
                arguments: [json(nameKeys)]
            ) { row in (row.text(Self.afterColumns), Self.customer(row)) }.forEach { found[$0] = $1 }
            return found
        }
    }

    func customer(id: CustomerID) async throws -> Customer? {
        try await quickReads.read(pool) { db in try Self.customer(id: id, in: db) }
    }

    static func customer(id: CustomerID, in db: Database) throws -> Customer? {
        // Cached: compiling a statement (and GRDB's authorizer) costs more than running this one.
        try customers(db.cachedStatement(sql: "SELECT \(columns) FROM \(from) WHERE c.id = ?"), [id]).next()
    }

    func customers(ids: [CustomerID]) async throws -> [Customer] {
        try await pool.read { db in
            try Array(
                Self.customers(
                    db.makeStatement(sql: "SELECT \(Self.columns) FROM \(Self.from) WHERE c.id IN (SELECT value FROM json_each(?))"),
                    [json(ids)]))
        }
    }

    func customer(nameKey: String) async throws -> Customer? {
        try await quickReads.read(pool) { db in
            try Self.customers(db.cachedStatement(sql: "SELECT \(Self.columns) FROM \(Self.from) WHERE c.name_key = ?"), [nameKey]).next()
        }
    }

    func update(id: CustomerID, _ fields: CustomerFields, restartTracking: Bool, at: Date) async throws {
        let folded = Folded(fields)
        try await mapConflict(.customerNameTaken) {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE customers SET \(Self.fieldColumns.map { "\($0) = ?" }.joined(separator: ", ")), updated_at = ?,
                            tracking_since = CASE WHEN ? THEN ? ELSE tracking_since END
                        WHERE id = ?
                        """,
                    arguments: Self.fieldArguments(fields, folded) + [at.timeIntervalSince1970, restartTracking, at.timeIntervalSince1970, id])
                try Self.writeIndex(db, id: id, folded, replacing: true)
            }
        }
    }

    func history(customer: CustomerID) async throws -> [OwnershipChange] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT customer_id, action, actor_id, from_user_id, to_user_id, at FROM customer_history WHERE customer_id = ? ORDER BY id",
                arguments: [customer]
            ).map { row in
                OwnershipChange(
                    customerId: row["customer_id"], action: OwnershipAction(rawValue: row["action"]) ?? .assigned,
                    actorId: row["actor_id"], fromUserId: row["from_user_id"], toUserId: row["to_user_id"],
                    at: Date(timeIntervalSince1970: row["at"]))
            }
        }
    }

    func auditLog(after: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, action, actor_id, subject, at FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                arguments: [after ?? 0, limit]
            ).map {
                AuditEntry(id: $0["id"], action: $0["action"], actorId: $0["actor_id"], subject: $0["subject"], at: Date(timeIntervalSince1970: $0["at"]))
            }
        }
    }
}
