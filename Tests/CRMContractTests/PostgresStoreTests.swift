import CRMCore
import Foundation
import PostgresNIO
import Testing

@testable import CRMPostgres

/// What only PostgreSQL can get wrong: several servers at once on one database, connections, times.
@Suite(.postgresDatabases, .enabled(if: PostgresTesting.url != nil, "set CRM_TEST_POSTGRES_URL (scripts/postgres start)"))
struct PostgresStoreTests {
    /// An empty database of its own, with no migration applied.
    func emptyDatabase() async throws -> String {
        let name = "crm_empty_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased())"
        try await PostgresTesting.admin("CREATE DATABASE \(name)")
        return name
    }

    func withStores<T: Sendable>(
        _ count: Int, database: String, _ body: @escaping @Sendable ([PostgresStore]) async throws -> T
    ) async throws -> T {
        let stores = try (0..<count).map { _ in
            try PostgresStore(url: PostgresTesting.url(database: database), poolSize: 2, logger: PostgresTesting.logger)
        }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for store in stores { group.addTask { try await store.run() } }
            defer { group.cancelAll() }
            return try await body(stores)
        }
    }

    @Test func serversStartingAtOnceOnAnEmptyDatabaseApplyTheMigrationsOnce() async throws {
        let database = try await emptyDatabase()
        defer { Task { try? await PostgresTesting.admin("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") } }
        try await withStores(6, database: database) { stores in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for store in stores { group.addTask { try await store.open() } }
                try await group.waitForAll()
            }
            let db = stores[0].db
            let applied = try await db.all("SELECT version, name FROM crm_migrations ORDER BY version") {
                (try $0.get(0, as: Int.self), try $0.get(1, as: String.self))
            }
            #expect(applied.map(\.1) == PostgresSchema.migrations.map(\.name))
            #expect(try await stores[5].repositories.settings.categories().count == 4)
        }
    }

    @Test func aDatabaseWrittenByANewerBinaryIsRefusedWithAClearMessage() async throws {
        let store = try await PostgresTesting.makeStore()
        try await store.db.rows(
            "INSERT INTO crm_migrations (version, name) VALUES (999, 'v999-future')")
        await #expect {
            try await store.open()
        } throws: { error in
            "\(error)".contains("newer crm") && "\(error)".contains("v999-future") && !"\(error)".contains("\n")
        }
    }

    @Test func aServerThatCannotBeReachedIsReportedInOneLineWithoutThePassword() async throws {
        let port = try await closedPort()
        let store = try PostgresStore(url: "postgres://crm:s3cret-pw@127.0.0.1:\(port)/sales?sslmode=disable")
        await #expect {
            try await store.open()
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("cannot connect to PostgreSQL at crm@127.0.0.1:\(port)/sales: ") && text.contains("refused")
                && !text.contains("s3cret-pw") && !text.contains("\n")
        }
    }

    @Test func aWrongPasswordGivesTheServersReason() async throws {
        var components = URLComponents(string: PostgresTesting.url!)!
        components.password = "not-the-password"
        let store = try PostgresStore(url: components.string!)
        await #expect {
            try await store.open()
        } throws: { error in
            "\(error)".contains("password authentication failed") && !"\(error)".contains("not-the-password")
        }
    }

    @Test func urlsAreCheckedBeforeConnecting() throws {
        #expect(PostgresStore.isURL("postgresql://u@h/db") && PostgresStore.isURL("postgres://u@h/db"))
        #expect(!PostgresStore.isURL("./data/crm.sqlite"))
        let store = try PostgresStore(url: "postgresql://sales%40crm:p%40ss@db.example:6432/crm_prod?sslmode=require")
        #expect(store.location.description == "sales@crm@db.example:6432/crm_prod")
        #expect(throws: PostgresStoreError.self) { try PostgresStore(url: "postgres://u@h/db?sslmode=sometimes") }
        #expect(throws: PostgresStoreError.self) { try PostgresStore(url: "postgres:///db") }
    }

    @Test func ofAHundredRacingAddsOfOneNameExactlyOneSucceeds() async throws {
        let repos = try await PostgresTesting.makeStore(poolSize: 20).repositories
        let owner = try await repos.users.create(
            NewUser(username: "racer", displayName: "racer", positionId: nil, isAdmin: false, passwordHash: "x"), at: Date())
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<100 {
                // Different spellings of one company: the folded name is what is unique.
                let name = index % 2 == 0 ? "北京星辰科技有限公司" : "北京星辰科技有限公司 ".uppercased()
                group.addTask {
                    do {
                        _ = try await repos.customers.create(CustomerFields(name: name), owner: owner.id, at: Date())
                        return true
                    } catch CRMError.conflict {
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(outcomes.filter { !$0 }.count == 99)
        var query = CustomerQuery()
        query.keyword = "星辰"
        #expect(try await repos.customers.list(query, count: true).total == 1)
    }

    @Test func twoSweepsAtOnceReleaseEachDueCustomerOnce() async throws {
        let repos = try await PostgresTesting.makeStore(poolSize: 8).repositories
        let owner = try await repos.users.create(
            NewUser(username: "seller", displayName: "seller", positionId: nil, isAdmin: false, passwordHash: "x"), at: Date())
        let long = Date(timeIntervalSinceNow: -90 * 86_400)
        var due: Set<CustomerID> = []
        for index in 0..<300 {
            let customer = try await repos.customers.create(CustomerFields(name: "公司\(index)"), owner: owner.id, at: long)
            if index % 3 != 0 { due.insert(customer.id) } else {
                try await repos.customers.update(id: customer.id, customer.fields, restartTracking: true, at: Date())
            }
        }
        let cutoff = Date(timeIntervalSinceNow: -30 * 86_400)
        let seen = try await withThrowingTaskGroup(of: [CustomerID].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    var ids: [CustomerID] = []
                    _ = try await repos.customers.releaseExpired(trackingBefore: cutoff, at: Date(), dryRun: false) { batch in
                        ids += batch.map(\.id)
                    }
                    return ids
                }
            }
            return try await group.reduce(into: [[CustomerID]]()) { $0.append($1) }
        }
        let all = seen.flatMap { $0 }
        #expect(all.count == due.count)
        #expect(Set(all) == due)
        for id in due.prefix(20) {
            #expect(try await repos.customers.history(customer: id).filter { $0.action == .autoReleased }.count == 1)
        }
        var pool = CustomerQuery()
        pool.owners = .publicOnly
        #expect(try await repos.customers.list(pool, count: true).total == due.count)
    }

    @Test func timesKeepTheirWholeSecondsAndMicroseconds() async throws {
        let repos = try await PostgresTesting.makeStore().repositories
        // 0.24 µs before a whole second (the granularity of seconds since 1970, which the API writes
        // and SQLite stores): rounded to the nearest microsecond, it would be stored as the next second.
        let edge = Date(timeIntervalSince1970: 1_795_000_000.999_999_76)
        #expect(edge.timeIntervalSince1970.rounded(.down) == 1_795_000_000)
        let user = try await repos.users.create(
            NewUser(username: "t", displayName: "t", positionId: nil, isAdmin: false, passwordHash: "x"), at: edge)
        let stored = try #require(try await repos.users.user(id: user.id)).createdAt.timeIntervalSince1970
        #expect(stored.rounded(.down) == 1_795_000_000)
        #expect(abs(stored - 1_795_000_000.999_999) < 0.000_000_5)
    }

    @Test func readsTakeOneOrTwoRoundTripsAndWritesOne() async throws {
        let store = try await PostgresTesting.makeStore()
        let repos = store.repositories
        func roundTrips(_ body: () async throws -> Void) async throws -> Int {
            let before = store.statementsSent
            try await body()
            return store.statementsSent - before
        }
        let owner = try await repos.users.create(
            NewUser(username: "seller", displayName: "seller", positionId: nil, isAdmin: false, passwordHash: "x"), at: Date())
        var customer: Customer!
        #expect(try await roundTrips { customer = try await repos.customers.create(CustomerFields(name: "北京星辰科技有限公司"), owner: owner.id, at: Date()) } == 1)
        #expect(try await roundTrips { _ = try await repos.customers.customer(id: customer.id) } == 1)
        #expect(try await roundTrips { try await repos.customers.update(id: customer.id, customer.fields, restartTracking: true, at: Date()) } == 1)
        var query = CustomerQuery()
        query.owners = .ownersOrPublic([owner.id])
        #expect(try await roundTrips { _ = try await repos.customers.list(query, count: true) } == 1)
        query.keyword = "星辰"
        #expect(try await roundTrips { _ = try await repos.customers.list(query, count: true) } == 1)
        query.keyword = "科技有限"
        #expect(try await roundTrips { _ = try await repos.customers.list(query, count: true) } == 2)
        #expect(try await roundTrips { _ = try await repos.customers.similarNames(core: "星辰科技", excludingKey: "", limit: 5) } == 1)
        let moved = [OwnerExpectation(id: customer.id, owner: owner.id)]
        #expect(try await roundTrips { _ = try await repos.customers.transfer(moved, to: nil, action: .released, actor: owner.id, at: Date()) } == 1)
        let visit = Visit(
            id: 0, customerId: customer.id, userId: owner.id, visitedAt: Date(), method: .phone, contactId: nil, content: "call",
            nextStep: nil, planId: nil, createdAt: Date())
        #expect(try await roundTrips { _ = try await repos.visits.create(visit) } == 1)
        try await repos.sessions.create(tokenHash: "t", user: owner.id, expiresAt: Date() + 60)
        #expect(try await roundTrips { _ = try await repos.sessions.user(tokenHash: "t", now: Date()) } == 1)
        #expect(try await roundTrips { _ = try await repos.customers.delete([OwnerExpectation(id: customer.id, owner: nil)], actor: owner.id, at: Date()) } == 1)
    }

    /// A port nothing listens on.
    func closedPort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress!.port!
        try await channel.close()
        return port
    }
}
