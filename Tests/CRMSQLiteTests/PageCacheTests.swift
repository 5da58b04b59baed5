import GRDB
import Testing

@testable import CRMSQLite

struct PageCacheTests {
    @Test func everyConnectionReadsTheMappedFileAndCachesEightMegabytes() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let settings: @Sendable (Database) throws -> (mapped: Int, cache: Int) = { db in
            (try Int.fetchOne(db, sql: "PRAGMA mmap_size") ?? 0, try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0)
        }
        for (connection, (mapped, cache)) in [
            ("writer", try await store.pool.write(settings)),
            ("pool reader", try await store.pool.read(settings)),
            ("quick read", try await store.quickReads.read(store.pool, settings)),
        ] {
            #expect(mapped > 0, "\(connection)")
            #expect(cache == -8000, "\(connection)")
        }
    }

    @Test func theWriterCopiesTheWALIntoTheDatabaseEveryTenThousandPages() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        #expect(try await store.pool.write { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == 10_000)
    }
}
