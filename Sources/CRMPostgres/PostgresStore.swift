import CRMCore
import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Why the store could not open; each message is one line a person can act on, without the password.
public struct PostgresStoreError: Error, CustomStringConvertible {
    public var description: String
}

/// A CRM in a PostgreSQL database, through a `PostgresClient` pool.
///
/// The pool works only while `run()` runs (the store is a ServiceLifecycle `Service`: put it in the
/// server's service group, or use `withRunning`); `open()` then checks the connection and applies
/// the migrations, and must succeed before the repositories are used.
public final class PostgresStore: Service, Sendable {
    public let location: Location
    let client: PostgresClient
    let logger: Logger

    /// Where the database is, as a URL names it: everything but the password, for messages.
    public struct Location: Sendable, CustomStringConvertible {
        public var host: String
        public var port: Int
        public var database: String
        public var username: String
        public var description: String { "\(username)@\(host):\(port)/\(database)" }
    }

    /// Whether `text` is a PostgreSQL URL (anything else is a SQLite path).
    public static func isURL(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://")
    }

    /// A store for `postgres://user:password@host:port/database?sslmode=disable|prefer|require`
    /// (`postgresql://` too) with at most `poolSize` connections. Nothing connects yet.
    public init(url: String, poolSize: Int = 10, logger: Logger = Logger(label: "crm.postgres")) throws {
        let (configuration, location) = try Self.configuration(url)
        var options = PostgresClient.Configuration.Options()
        options.maximumConnections = max(poolSize, 1)
        // No parallel workers: the CRM's statements are short, and on a small server a worker's
        // start-up cost more than the whole statement (a keyword page at a million: 13 → 0.8 ms)
        // and took a core from the other requests.
        options.additionalStartupParameters = [("options", "-c max_parallel_workers_per_gather=0")]
        var pooled = PostgresClient.Configuration(
            host: location.host, port: location.port, username: configuration.username, password: configuration.password,
            database: configuration.database, tls: configuration.tls)
        pooled.options = options
        self.location = location
        self.logger = logger
        client = PostgresClient(configuration: pooled, backgroundLogger: logger)
        connectionConfiguration = configuration
    }

    let connectionConfiguration: ConnectionSettings

    struct ConnectionSettings: Sendable {
        var username: String
        var password: String?
        var database: String
        var tls: PostgresClient.Configuration.TLS
        var connectionTLS: PostgresConnection.Configuration.TLS
    }

    static func configuration(_ url: String) throws -> (ConnectionSettings, Location) {
        guard isURL(url), let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            throw PostgresStoreError(description: "the database URL must look like postgres://user:password@host:5432/database")
        }
        let port = components.port ?? 5432
        let username = components.user?.removingPercentEncoding ?? "postgres"
        let password = components.password?.removingPercentEncoding
        var database = String(components.path.drop { $0 == "/" }).removingPercentEncoding ?? ""
        if database.isEmpty { database = username }
        let location = Location(host: host, port: port, database: database, username: username)
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: (PostgresClient.Configuration.TLS, PostgresConnection.Configuration.TLS)
        switch mode {
        case "disable": tls = (.disable, .disable)
        case "prefer": tls = (.prefer(.makeClientConfiguration()), .prefer(try .init(configuration: .makeClientConfiguration())))
        case "require": tls = (.require(.makeClientConfiguration()), .require(try .init(configuration: .makeClientConfiguration())))
        default:
            throw PostgresStoreError(description: "sslmode must be disable, prefer or require, not '\(mode)' (\(location))")
        }
        let settings = ConnectionSettings(
            username: username, password: password, database: database, tls: tls.0, connectionTLS: tls.1)
        return (settings, location)
    }

    /// Runs the connection pool until the task is cancelled or the service group shuts down.
    public func run() async throws {
        await client.run()
    }

    /// Checks that the database answers and brings its schema up to date; refuses one written by a
    /// newer crm. Reports a failure in one line: where, and the server's reason.
    public func open() async throws {
        // One connection of its own rather than the pool's: the pool retries a refused connection
        // for ever, where a server starting against a wrong URL should stop at once and say why.
        let connection: PostgresConnection
        do {
            var configuration = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: connectionConfiguration.username,
                password: connectionConfiguration.password, database: connectionConfiguration.database,
                tls: connectionConfiguration.connectionTLS)
            configuration.options.connectTimeout = .seconds(10)
            connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        } catch {
            throw PostgresStoreError(description: "cannot connect to PostgreSQL at \(location): \(Self.reason(error))")
        }
        do {
            try await closing(connection) { try await PostgresSchema.migrate($0, logger: logger) }
        } catch let error as PostgresStoreError {
            throw PostgresStoreError(description: "\(error.description) (\(location))")
        } catch {
            throw PostgresStoreError(description: "cannot migrate the database at \(location): \(Self.reason(error))")
        }
    }

    /// Runs the pool around `body`, after `open()`; for commands and tests that are no service.
    public func withRunning<T>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.run() }
            defer { group.cancelAll() }
            try await open()
            return try await body(self)
        }
    }

    let roundTrips = RoundTrips()

    /// How many statements (each one round trip to the server) the store's repositories have sent.
    public var statementsSent: Int { roundTrips.count.load(ordering: .relaxed) }

    var db: Database { Database(client: client, logger: logger, roundTrips: roundTrips) }

    public var repositories: Repositories {
        return Repositories(
            users: PostgresUsers(db: db), sessions: PostgresSessions(db: db), organisation: PostgresOrganisation(db: db),
            roles: PostgresRoles(db: db), pages: PostgresPages(db: db), settings: PostgresSettings(db: db),
            customers: PostgresCustomers(db: db), visits: PostgresVisits(db: db))
    }

    public var demoLoader: any DemoLoader { PostgresDemoLoader(db: db) }

    /// The server's own words where there are some, else the connection's failure, in one line.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            }
            if let underlying = error.underlying { return reason(underlying) }
            return oneLine("\(error.code)")
        }
        if let error = error as? NIOConnectionError {
            if let failure = error.connectionErrors.last { return reason(failure.error) }
            return "cannot resolve the host"
        }
        // "Connection refused" rather than NIO's account of the system call.
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)) }
        return oneLine("\(error)")
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// The statements a store has sent, so tests and benchmarks can count round trips per operation.
final class RoundTrips: Sendable {
    let count = Atomic<Int>(0)
}

/// Runs `body` on `connection`, then closes it, whether `body` threw or not.
func closing<T: Sendable>(_ connection: PostgresConnection, _ body: (PostgresConnection) async throws -> T) async throws -> T {
    do {
        let value = try await body(connection)
        try await connection.close()
        return value
    } catch {
        try? await connection.close()
        throw error
    }
}

/// The pool and how statements run on it: each is one round trip, and counted.
struct Database: Sendable {
    let client: PostgresClient
    let logger: Logger
    let roundTrips: RoundTrips

    /// Runs a statement and collects its rows.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        roundTrips.count.add(1, ordering: .relaxed)
        return try await client.query(query, logger: logger).collect()
    }

    /// Runs a statement and maps its first row.
    func first<T>(_ query: PostgresQuery, _ map: (PostgresRandomAccessRow) throws -> T) async throws -> T? {
        try await rows(query).first.map { try map($0.makeRandomAccess()) }
    }

    /// Runs a statement and maps every row.
    func all<T>(_ query: PostgresQuery, _ map: (PostgresRandomAccessRow) throws -> T) async throws -> [T] {
        try await rows(query).map { try map($0.makeRandomAccess()) }
    }

    /// Runs `body` in a transaction on one connection; an error rolls it back and is rethrown as it was.
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        roundTrips.count.add(2, ordering: .relaxed)  // BEGIN and COMMIT; the body's own are not counted
        return try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: logger)
            do {
                let value = try await body(connection)
                try await connection.query("COMMIT", logger: logger)
                return value
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
    }
}

extension PostgresRandomAccessRow {
    func get<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        try self[index].decode(T.self, context: .default)
    }
}

/// A time as PostgreSQL's `timestamptz` holds it: microseconds, truncated, never rounded up, so
/// the whole seconds the API writes are those of the time given, as on SQLite.
struct Timestamp: PostgresNonThrowingEncodable, Sendable {
    let microseconds: Int64

    init(_ date: Date) {
        let time = date.timeIntervalSince1970
        let seconds = time.rounded(.down)
        // The fraction apart from the seconds: time × 10⁶ could round up to the next second.
        microseconds = (Int64(seconds) - Self.epoch2000) * 1_000_000 + Int64(((time - seconds) * 1_000_000).rounded(.down))
    }

    static let epoch2000: Int64 = 946_684_800
    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(microseconds)
    }
}

extension Date {
    var pg: Timestamp { Timestamp(self) }
}

extension PSQLError {
    var sqlState: String? { serverInfo?[.sqlState] }
}

/// SQLSTATE 23505: a unique index refused the row.
func isUniqueViolation(_ error: any Error) -> Bool { (error as? PSQLError)?.sqlState == "23505" }

/// Turns a unique-index violation into the domain's conflict, leaving other errors alone.
func mapConflict<T>(_ message: String, _ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch where isUniqueViolation(error) {
        throw CRMError.conflict(message)
    }
}

extension OwnerFilter {
    /// The one translation of an owner filter into PostgreSQL, over the user-id column `column`.
    func sql(_ column: String, _ binds: inout PostgresBindings) -> String {
        let branches = branches(column, &binds)
        return branches.count == 1 ? branches[0] : "(\(branches.joined(separator: " OR ")))"
    }

    /// The filter as conditions no two of which hold for one row, any of which may: a count adds
    /// up each one's, where one count of their OR read every match's row (113 → 28 ms for a
    /// salesperson's 星辰 at a million).
    func branches(_ column: String, _ binds: inout PostgresBindings) -> [String] {
        switch self {
        case .any: return ["true"]
        case .publicOnly: return ["\(column) IS NULL"]
        case .owners(let ids):
            binds.append(Array(ids))
            return ["\(column) = ANY($\(binds.count))"]
        case .ownersOrPublic(let ids):
            binds.append(Array(ids))
            return ["\(column) IS NULL", "\(column) = ANY($\(binds.count))"]
        }
    }
}

extension PostgresBindings {
    /// Appends a value and answers its placeholder.
    mutating func add<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
        append(value)
        return "$\(count)"
    }

    mutating func add<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
        append(value)
        return "$\(count)"
    }
}

/// Text a user typed that PostgreSQL cannot hold (a NUL character) matches nothing stored.
func storable(_ text: String) -> Bool { !text.utf8.contains(0) }
