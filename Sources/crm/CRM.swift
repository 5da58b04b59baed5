import ArgumentParser
import CRMCore
import CRMPostgres
import CRMServer
import Foundation
import Hummingbird
import Logging

@main
struct CRM: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm", abstract: "A sales CRM: JSON API server and web app.",
        subcommands: [Serve.self, Migrate.self, Sweep.self, SeedDemo.self, BenchQueries.self], defaultSubcommand: Serve.self)
}

/// Flags shared by the subcommands; each overrides its `CRM_*` environment variable.
struct Options: ParsableArguments {
    @Option(help: "SQLite database file or postgres:// URL (CRM_DATABASE, default ./data/crm.sqlite).")
    var database: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (CRM_LOG_LEVEL, default info).")
    var logLevel: String?

    func config() throws -> AppConfig {
        var config = try AppConfig(environment: ProcessInfo.processInfo.environment)
        if let database { config.database = DatabaseLocation(database) }
        if let logLevel { try config.setLogLevel(logLevel) }
        return config
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server (the default).")

    @OptionGroup var options: Options
    @Option(help: "Address to listen on (CRM_HOST, default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (CRM_PORT, default 8080).") var port: Int?
    @Option(help: "Folder of the web app (CRM_WEBAPP_DIR, default webapp).") var webappDir: String?

    func run() async throws {
        try await failingCleanly {
            var config = try options.config()
            if let host { config.host = host }
            if let port { config.port = port }
            if let webappDir { config.webappDir = webappDir }
            try await OpenStore.with(config, logger: makeLogger(config)) { store in
                let app = try await buildApplication(config, storage: store.storage)
                do {
                    try await app.runService()
                } catch {
                    throw ConfigError(description: "cannot serve on \(config.host):\(config.port): \(error)")
                }
            }
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database, then exit.")

    @OptionGroup var options: Options

    func run() async throws {
        try await failingCleanly {
            let config = try options.config()
            try await OpenStore.with(config, logger: makeLogger(config)) { _ in }
            print("crm: the database \(config.database) is up to date")
        }
    }
}

struct Sweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Release open customers whose protection ran out into the public pool, and print them.")

    @OptionGroup var options: Options
    @Option(help: "Sweep as if it were this RFC 3339 time (default: now).") var asOf: String?
    @Flag(help: "Only print what would be released.") var dryRun = false

    func run() async throws {
        try await failingCleanly {
            let config = try options.config()
            var moment = Date()
            if let asOf {
                guard let parsed = try? Date(asOf, strategy: .iso8601) else {
                    throw ConfigError(description: "--as-of must be an RFC 3339 time such as 2026-11-29T08:00:00Z, not '\(asOf)'")
                }
                moment = parsed
            }
            try await OpenStore.with(config, logger: makeLogger(config)) { store in
                let services = CRMServices(repositories: store.repositories, config: config)
                let released = try await services.customers.sweep(asOf: moment, dryRun: dryRun) { batch in
                    for customer in batch { print("\(customer.id)\t\(customer.fields.name)\t\(customer.ownerName ?? "")") }
                }
                print("crm: \(dryRun ? "would release" : "released") \(released) customers")
            }
        }
    }
}

struct SeedDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo", abstract: "Fill an empty database with a demo company: departments, people, customers, visits.")

    @OptionGroup var options: Options
    @Option(help: "Number of customers.") var customers = 1_000_000
    @Option(help: "Number of salespeople.") var salespeople = 50
    @Option(help: "Visits each salesperson logs per working day.") var visitsPerDay = 20
    @Option(help: "Days of history.") var days = 365

    func validate() throws {
        guard customers >= 0, salespeople >= 1, visitsPerDay >= 0, (1...3650).contains(days) else {
            throw ValidationError("customers and visits-per-day must be at least 0, salespeople at least 1, days 1 to 3650")
        }
    }

    func run() async throws {
        try await failingCleanly {
            let config = try options.config()
            try await OpenStore.with(config, logger: makeLogger(config)) { store in
                let services = CRMServices(repositories: store.repositories, config: config)
                try await bootstrap(services, config: config, logger: Logger(label: "crm"))
                var seeder = DemoSeeder()
                seeder.customers = customers
                seeder.salespeople = salespeople
                seeder.visitsPerDay = visitsPerDay
                seeder.days = days
                try await seeder.run(services: services, loader: store.demoLoader, config: config) { print("crm: \($0)") }
            }
        }
    }
}

/// Startup failures end with one line on standard error and exit status 1, not a backtrace.
func failingCleanly(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as StorageError {
        exit(with: error.description)
    } catch let error as ConfigError {
        exit(with: error.description)
    } catch let error as PostgresStoreError {
        exit(with: error.description)
    } catch {
        exit(with: String(describing: error))
    }
}

func exit(with message: String) -> Never {
    FileHandle.standardError.write(Data("crm: \(message)\n".utf8))
    Foundation.exit(1)
}
