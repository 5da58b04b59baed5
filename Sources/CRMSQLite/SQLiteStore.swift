import CRMCore
import Foundation
import GRDB
import Synchronization

/// The embedded SQLite database: a WAL-mode pool, so reads run beside the single writer.
public final class SQLiteStore: Sendable {
    let pool: DatabasePool
    let quickReads: QuickReads
    let customerCreates: WriteBatcher<SQLiteCustomers.NewCustomer, CustomerID>
    let visitCreates: WriteBatcher<Visit, VisitID>

    /// Opens (creating it and its folder when missing) and migrates the database at `path`.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError(description: "cannot create the database folder \(folder.path): \(Self.reason(error))")
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.cachePages()
        }
        do {
            pool = try DatabasePool(path: url.path, configuration: configuration)
        } catch {
            throw StorageError(description: "cannot open the database \(url.path): \(Self.reason(error))")
        }
        try Self.migrate(pool)
        try pool.writeWithoutTransaction { db in
            try db.journalInMemory()
            // Copies the WAL into the database after 40 MB rather than SQLite's 4 MB: a create
            // changes some 45 pages of the search pairs' index, many of them again in the next
            // creates, and each checkpoint copied them and synced twice. Creates at 16 connections
            // ran 16 % faster, six pairs alternating.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
        }
        quickReads = try QuickReads(path: url.path, count: ProcessInfo.processInfo.activeProcessorCount)
        customerCreates = WriteBatcher(pool: pool) { db, new in try SQLiteCustomers.insert(db, new.fields, owner: new.owner, at: new.at) }
        visitCreates = WriteBatcher(pool: pool, body: SQLiteVisits.insert)
    }

    /// Applies pending migrations; refuses a database written by a newer binary.
    static func migrate(_ pool: DatabasePool) throws {
        let migrator = Schema.migrator
        do {
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                let applied = try pool.read { try migrator.appliedIdentifiers($0) }
                let unknown = applied.subtracting(migrator.migrations).sorted().joined(separator: ", ")
                throw StorageError(
                    description: "the database was written by a newer crm (unknown migrations: \(unknown)); run a newer crm")
            }
            try migrator.migrate(pool)
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(description: "cannot migrate the database: \(Self.reason(error))")
        }
    }

    public var repositories: Repositories {
        Repositories(
            users: SQLiteUsers(pool: pool), sessions: SQLiteSessions(pool: pool),
            organisation: SQLiteOrganisation(pool: pool, quickReads: quickReads), roles: SQLiteRoles(pool: pool),
            pages: SQLitePages(pool: pool), settings: SQLiteSettings(pool: pool, quickReads: quickReads),
            customers: SQLiteCustomers(pool: pool, quickReads: quickReads, creates: customerCreates),
            visits: SQLiteVisits(pool: pool, creates: visitCreates))
    }

    /// Whether the query planner's statistics are missing while there are customers, or the
    /// customers have more than doubled since (a new database filled by imports).
    public func statisticsAreStale() async throws -> Bool {
        try await pool.read { db in
            let customers = try Int.fetchOne(db, sql: "SELECT coalesce(sum(customers), 0) FROM customer_counts") ?? 0
            guard try db.tableExists("sqlite_stat1"),
                let stat = try String.fetchOne(db, sql: "SELECT stat FROM sqlite_stat1 WHERE tbl = 'customers' LIMIT 1"),
                let analyzed = Int(stat.prefix { $0 != " " })
            else { return customers > 0 }
            return customers > 2 * analyzed + 1000
        }
    }

    /// Gathers the query planner's statistics afresh, a table at a time, and has every connection
    /// plan with them. Without them SQLite lists the customers a salesperson may see (their own and
    /// the pool) by gathering and sorting 290,000 ids, a second at a million customers, where it
    /// reads them newest first and stops at the page's end. The pairs' index is left out: its
    /// queries fix their own plans, and reading it takes a minute.
    public func analyze() async throws {
        let tables = try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'customer_grams'")
        }
        for table in tables {
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "ANALYZE \(table.quotedDatabaseIdentifier)") }
        }
        pool.invalidateReadOnlyConnections()
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return (error as NSError).localizedDescription
    }
}

/// Writes that arrive while the writer is busy go in together: one transaction and one commit for
/// all, each in its own savepoint so that a failure undoes only itself. Every caller returns after
/// the commit, as with a transaction of its own. A new customer dirties some sixty index pages;
/// written together, the busiest of them (common pairs, the tables' ends) are written once.
final class WriteBatcher<Item: Sendable, Output: Sendable>: Sendable {
    private struct Waiting: Sendable {
        let item: Item
        let continuation: CheckedContinuation<Output, any Error>
    }

    private let queue = Mutex<(waiting: [Waiting], draining: Bool)>(([], false))
    private let pool: DatabasePool
    private let body: @Sendable (Database, Item) throws -> Output

    init(pool: DatabasePool, body: @escaping @Sendable (Database, Item) throws -> Output) {
        self.pool = pool
        self.body = body
    }

    func write(_ item: Item) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let start = queue.withLock { state in
                state.waiting.append(Waiting(item: item, continuation: continuation))
                defer { state.draining = true }
                return !state.draining
            }
            if start { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = queue.withLock { state in
                let batch = state.waiting
                state.waiting.removeAll()
                if batch.isEmpty { state.draining = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            let results: [Result<Output, any Error>]
            do {
                results = try await pool.write { [body] db in
                    batch.map { waiting in
                        Result {
                            var output: Output?
                            try db.inSavepoint {
                                output = try body(db, waiting.item)
                                return .commit
                            }
                            return output!
                        }
                    }
                }
            } catch {
                results = batch.map { _ in .failure(error) }
            }
            for (waiting, result) in zip(batch, results) { waiting.continuation.resume(with: result) }
        }
    }
}

/// Read-only connections for reads of one short statement, run on the caller's thread: the hop to
/// a pool reader's queue and back cost more than reading a customer by id. A caller that finds
/// every connection taken reads through the pool instead, so nobody waits for one.
final class QuickReads: Sendable {
    private let idle: Mutex<[DatabaseQueue]>

    init(path: String, count: Int) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { try $0.cachePages() }
        idle = Mutex(try (0..<max(count, 1)).map { _ in try DatabaseQueue(path: path, configuration: configuration) })
    }

    /// `body` (one statement, which needs no transaction) on an idle connection, or on a pool
    /// reader when none is idle.
    func read<T: Sendable>(_ pool: DatabasePool, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard let connection = idle.withLock({ $0.popLast() }) else { return try await pool.unsafeRead(body) }
        defer { idle.withLock { $0.append(connection) } }
        return try connection.inDatabase(body)
    }
}

extension Database {
    /// Reads pages straight from the file mapped into memory, up to SQLite's limit (2 GB in
    /// Debian's build), and caches 8 MB of the pages past it. With SQLite's default 2 MB cache,
    /// searches at a million customers spent a fifth of the server's time copying pages in with
    /// pread.
    func cachePages() throws {
        try execute(sql: "PRAGMA mmap_size = \(Int64.max)")
        try execute(sql: "PRAGMA cache_size = -8000")
    }

    /// Keeps the writer's statement and savepoint journals in memory: a batch of creates (a
    /// savepoint each) outgrows SQLite's in-memory allowance and would otherwise spill to a
    /// temporary file created, written and deleted per commit.
    func journalInMemory() throws {
        try execute(sql: "PRAGMA temp_store = MEMORY")
    }
}

/// Turns a unique-constraint failure into the domain's `conflict`, leaving other errors alone.
func mapConflict<T>(_ conflict: CRMError, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
        || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
    {
        throw conflict
    }
}
