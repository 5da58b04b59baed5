import Foundation
import Logging

/// Everything the server is configured with, built once from flags and the environment.
public struct AppConfig: Sendable {
    /// `CRM_HOST`: the address to listen on.
    public var host = "127.0.0.1"
    /// `CRM_PORT`: the port to listen on.
    public var port = 8080
    /// `CRM_DATABASE`: the SQLite file (created with its folder) or a PostgreSQL URL.
    public var database = DatabaseLocation.sqlite(path: "./data/crm.sqlite")
    /// `CRM_WEBAPP_DIR`: the web app's static files, served at `/`.
    public var webappDir = "webapp"
    /// `CRM_OPENAPI_FILE`: the API description served at `/openapi.yaml`.
    public var openAPIFile = "openapi.yaml"
    /// `CRM_TOKEN_TTL`: how long a session lasts, in seconds.
    public var tokenLifetime: TimeInterval = 12 * 3600
    /// `CRM_ADMIN_PASSWORD`: the first administrator's password; generated and logged once when unset.
    public var adminPassword: String?
    /// `CRM_LOG_LEVEL`: trace, debug, info, notice, warning, error or critical.
    public var logLevel: Logger.Level = .info
    /// `CRM_CORS_ORIGINS`: comma-separated origins allowed to call the API from a browser.
    public var corsOrigins: [String] = []
    /// `CRM_BCRYPT_COST`: the bcrypt work factor for new password hashes.
    public var bcryptCost = 12
    /// `CRM_SWEEP_INTERVAL`: seconds between automatic releases of customers whose protection ran out.
    public var sweepInterval: TimeInterval = 600
    /// `CRM_MAX_UPLOAD_BYTES`: the largest image accepted.
    public var maxUploadBytes = 5 * 1_048_576
    /// `CRM_TIME_ZONE`: the zone in which dates without a time (`2026-11-29`) are read.
    public var timeZone = TimeZone(identifier: "Asia/Shanghai")!

    public init() {}

    /// Reads the `CRM_*` variables over the defaults; a malformed value is an error naming the variable.
    public init(environment: [String: String]) throws {
        func value(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        func number<N: LosslessStringConvertible>(_ name: String, _ range: ClosedRange<N>) throws -> N? where N: Comparable {
            guard let text = value(name) else { return nil }
            guard let number = N(text), range.contains(number) else {
                throw ConfigError(description: "\(name) must be a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
            }
            return number
        }
        if let host = value("CRM_HOST") { self.host = host }
        if let port: Int = try number("CRM_PORT", 0...65535) { self.port = port }
        if let database = value("CRM_DATABASE") { self.database = DatabaseLocation(database) }
        if let dir = value("CRM_WEBAPP_DIR") { self.webappDir = dir }
        if let file = value("CRM_OPENAPI_FILE") { self.openAPIFile = file }
        if let ttl: Int = try number("CRM_TOKEN_TTL", 60...31_536_000) { self.tokenLifetime = TimeInterval(ttl) }
        self.adminPassword = value("CRM_ADMIN_PASSWORD")
        if let level = value("CRM_LOG_LEVEL") { try setLogLevel(level) }
        if let origins = value("CRM_CORS_ORIGINS") {
            corsOrigins = origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let cost: Int = try number("CRM_BCRYPT_COST", 4...31) { self.bcryptCost = cost }
        if let seconds: Int = try number("CRM_SWEEP_INTERVAL", 10...86_400) { self.sweepInterval = TimeInterval(seconds) }
        if let bytes: Int = try number("CRM_MAX_UPLOAD_BYTES", 1024...104_857_600) { self.maxUploadBytes = bytes }
        if let name = value("CRM_TIME_ZONE") {
            guard let zone = TimeZone(identifier: name) else {
                throw ConfigError(description: "CRM_TIME_ZONE must be a time zone such as Asia/Shanghai, not '\(name)'")
            }
            timeZone = zone
        }
    }

    public mutating func setLogLevel(_ text: String) throws {
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw ConfigError(description: "the log level must be one of trace, debug, info, notice, warning, error, critical, not '\(text)'")
        }
        logLevel = level
    }
}

/// Where the data lives: an SQLite file, or a PostgreSQL server for teams that run several servers.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    /// A `postgres://user:password@host:port/database` or `postgresql://…` URL.
    case postgres(url: String)

    /// A PostgreSQL URL by its scheme; anything else is an SQLite path.
    public init(_ text: String) {
        let lowered = text.lowercased()
        self = lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") ? .postgres(url: text) : .sqlite(path: text)
    }

    /// The location as it may be logged: a URL's password is masked.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url):
            guard var components = URLComponents(string: url), components.password != nil else { return url }
            components.password = "***"
            return components.string ?? "postgres://***"
        }
    }
}

public struct ConfigError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
