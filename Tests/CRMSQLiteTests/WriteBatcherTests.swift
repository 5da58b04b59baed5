import Foundation
import GRDB
import Testing

@testable import CRMSQLite

@Suite struct WriteBatcherTests {
    struct Refused: Error {}

    /// Concurrent writes share transactions, yet each one's failure undoes only its own rows.
    @Test func aFailingWriteUndoesOnlyItselfAndTheOthersAreCommittedBeforeTheyReturn() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        try await store.pool.write { db in try db.execute(sql: "CREATE TABLE marks (n INTEGER NOT NULL)") }
        let batcher = WriteBatcher<Int, Int64>(pool: store.pool) { db, n in
            try db.execute(sql: "INSERT INTO marks (n) VALUES (?)", arguments: [n])
            if n % 7 == 3 { throw Refused() }
            return db.lastInsertedRowID
        }

        let outcomes = await withTaskGroup(of: (Int, Bool, Bool).self) { group in
            for n in 0..<60 {
                group.addTask {
                    do {
                        let id = try await batcher.write(n)
                        // Committed before it returned: another connection sees the row already.
                        let seen = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT n FROM marks WHERE rowid = ?", arguments: [id]) }
                        return (n, true, seen == n)
                    } catch {
                        return (n, false, error is Refused)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 60)
        for (n, succeeded, checked) in outcomes {
            #expect(succeeded == (n % 7 != 3), "\(n)")
            #expect(checked, "\(n)")
        }
        let kept = try await store.pool.read { db in try Int.fetchAll(db, sql: "SELECT n FROM marks ORDER BY n") }
        #expect(kept == (0..<60).filter { $0 % 7 != 3 })
    }

    /// A batch's savepoint journal outgrows SQLite's in-memory allowance; the writer keeps it in
    /// memory rather than create, write and delete a temporary file per commit.
    @Test func theWriterJournalsSavepointsInMemory() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        #expect(try await store.pool.write { try Int.fetchOne($0, sql: "PRAGMA temp_store") } == 2)
    }
}
