import CRMCore
import Foundation
import GRDB

/// Ownership: moves between owners and the pool, deletes, and the protection sweep.
extension SQLiteCustomers {
    func transfer(
        _ customers: [OwnerExpectation], to owner: UserID?, action: OwnershipAction, actor: UserID?, at: Date
    ) async throws -> Set<CustomerID> {
        guard !customers.isEmpty else { return [] }
        return try await pool.write { db in
            var moved: Set<CustomerID> = []
            let time = at.timeIntervalSince1970
            let statement = try db.cachedStatement(
                sql: "UPDATE customers SET owner_id = ?, tracking_since = ?, updated_at = ? WHERE id = ? AND owner_id IS ?")
            for expected in customers {
                try statement.execute(arguments: [owner, owner == nil ? nil : time, time, expected.id, expected.owner])
                guard db.changesCount > 0 else { continue }
                moved.insert(expected.id)
                try Self.logChange(
                    db,
                    OwnershipChange(
                        customerId: expected.id, action: action, actorId: actor, fromUserId: expected.owner, toUserId: owner,
                        at: at))
            }
            return moved
        }
    }

    func delete(_ customers: [OwnerExpectation], actor: UserID, at: Date) async throws -> Set<CustomerID> {
        guard !customers.isEmpty else { return [] }
        return try await pool.write { db in
            var deleted: Set<CustomerID> = []
            for expected in customers {
                guard
                    let name = try String.fetchOne(
                        db, sql: "SELECT name FROM customers WHERE id = ? AND owner_id IS ?", arguments: [expected.id, expected.owner])
                else { continue }
                try db.execute(sql: "DELETE FROM customers WHERE id = ?", arguments: [expected.id])
                try db.execute(
                    sql: "INSERT INTO audit_log (action, actor_id, subject, at) VALUES ('customer.deleted', ?, ?, ?)",
                    arguments: [actor, "\(expected.id) \(name)", at.timeIntervalSince1970])
                deleted.insert(expected.id)
            }
            return deleted
        }
    }

    static let sweepBatch = 10_000

    /// Open customers with an owner, tracked since before the cutoff bound to `?`: the partial
    /// index customers_protection holds exactly these.
    static let due = "c.owner_id IS NOT NULL AND c.type = 'open' AND c.tracking_since < ?"

    func releaseExpired(
        trackingBefore cutoff: Date, at: Date, dryRun: Bool, each: ([Customer]) async throws -> Void
    ) async throws -> Int {
        // Batches of neighbouring ids rather than oldest first: then each batch rewrites table and
        // index pages of its own, where batches in tracking order rewrote the same pages again.
        let due = try await pool.read { db in
            try CustomerID.fetchAll(
                db.makeStatement(sql: "SELECT id FROM customers c WHERE \(Self.due)"), arguments: [cutoff.timeIntervalSince1970])
        }.sorted()
        // Read again for each batch, and checked again by its UPDATE: a visit may have renewed a
        // customer meanwhile.
        let stillDue = """
            SELECT \(Self.columns) FROM \(Self.from)
            WHERE c.id IN (SELECT value FROM json_each(?)) AND \(Self.due)
            ORDER BY c.id
            """
        let time = at.timeIntervalSince1970
        var released = 0
        for start in stride(from: 0, to: due.count, by: Self.sweepBatch) {
            let arguments: StatementArguments = [
                json(due[start..<min(start + Self.sweepBatch, due.count)]), cutoff.timeIntervalSince1970,
            ]
            let batch: [Customer]
            if dryRun {
                batch = try await pool.read { db in try Array(Self.customers(db.makeStatement(sql: stillDue), arguments)) }
            } else {
                batch = try await pool.writeWithoutTransaction { db in
                    // What `transfer(_:to: nil, action: .autoReleased, …)` does row by row, set-based:
                    // a day's due at a million customers took a second longer row by row. One UPDATE
                    // outside a transaction, logging through a trigger of its own: inside one, SQLite
                    // also journalled every page the UPDATE changed to a temporary file (63,000 page
                    // writes for a day's backlog) in case the statement alone failed.
                    let before = try Array(Self.customers(db.makeStatement(sql: stillDue), arguments))
                    try db.execute(
                        sql: """
                            CREATE TEMP TRIGGER sweep_log AFTER UPDATE OF owner_id ON main.customers BEGIN
                                INSERT INTO customer_history (customer_id, action, actor_id, from_user_id, to_user_id, at)
                                VALUES (OLD.id, '\(OwnershipAction.autoReleased.rawValue)', NULL, OLD.owner_id, NULL, NEW.updated_at);
                            END
                            """)
                    defer { try? db.execute(sql: "DROP TRIGGER temp.sweep_log") }
                    let released = Set(
                        try CustomerID.fetchAll(
                            db,
                            sql: """
                                UPDATE customers AS c SET owner_id = NULL, tracking_since = NULL, updated_at = ?
                                WHERE c.id IN (SELECT value FROM json_each(?)) AND \(Self.due)
                                RETURNING id
                                """,
                            arguments: [time, json(before.map(\.id)), cutoff.timeIntervalSince1970]))
                    // Another process may have renewed one of them between the read and the UPDATE.
                    return before.filter { released.contains($0.id) }
                }
            }
            released += batch.count
            if !batch.isEmpty { try await each(batch) }
        }
        return released
    }
}
