// swift-tools-version:6.1
import PackageDescription

/// Shared by every target: Swift 6 strict concurrency plus the upcoming features the models use.
var swiftSettings: [SwiftSetting] {
    [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
    ]
}

let package = Package(
    name: "crm",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "crm", targets: ["crm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        /// Domain models, rules, repository protocols and services; no server or database imports.
        .target(
            name: "CRMCore",
            swiftSettings: swiftSettings
        ),
        /// All SQL: the SQLite store on GRDB, its migrations and repositories.
        .target(
            name: "CRMSQLite",
            dependencies: [
                "CRMCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        /// All PostgreSQL SQL: the PostgreSQL store on PostgresNIO, its migrations and repositories.
        .target(
            name: "CRMPostgres",
            dependencies: [
                "CRMCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        /// HTTP: routes, DTOs, authentication, permissions, problem+json errors, static files.
        .target(
            name: "CRMServer",
            dependencies: [
                "CRMCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The `crm` command (serve, migrate, sweep, seed-demo): the only place that chooses the store.
        .executableTarget(
            name: "crm",
            dependencies: [
                "CRMCore",
                "CRMServer",
                "CRMSQLite",
                "CRMPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CRMCoreTests",
            dependencies: ["CRMCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CRMSQLiteTests",
            dependencies: [
                "CRMCore", "CRMSQLite", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        /// The behaviour every storage backend must have, run against each; and what only PostgreSQL can get wrong.
        .testTarget(
            name: "CRMContractTests",
            dependencies: [
                "CRMCore", "CRMSQLite", "CRMPostgres", .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CRMServerTests",
            dependencies: [
                "CRMServer",
                "CRMSQLite",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
