import CRMSQLite
import Foundation
import GRDB
import Testing

@Suite struct SQLiteStoreTests {
    @Test func aDatabaseWrittenByANewerBinaryIsRefusedWithAClearMessage() throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        _ = try SQLiteStore(path: database.path)
        let queue = try DatabaseQueue(path: database.path)
        try queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-future')") }
        try queue.close()
        #expect {
            _ = try SQLiteStore(path: database.path)
        } throws: { error in
            "\(error)".contains("newer crm") && "\(error)".contains("v999-future")
        }
    }

    @Test func anUnwritableFolderIsReportedInOneLine() throws {
        #expect {
            _ = try SQLiteStore(path: "/proc/crm-cannot-be-here/crm.sqlite")
        } throws: { error in
            "\(error)".hasPrefix("cannot create the database folder") && !"\(error)".contains("\n")
        }
    }

    @Test func theDatabaseRunsInWALMode() throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        _ = try SQLiteStore(path: database.path)
        let queue = try DatabaseQueue(path: database.path)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
    }
}
