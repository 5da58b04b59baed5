import CRMCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// What the server runs on, chosen by the `crm` command: the repositories of one backend and the
/// work that backend needs done in the background while the server runs.
public struct Storage: Sendable {
    public var repositories: Repositories
    public var services: [any Service]

    public init(repositories: Repositories, services: [any Service] = []) {
        self.repositories = repositories
        self.services = services
    }
}

/// The server's pieces that tests reach into: the router, the store and the services.
public struct CRMServices: Sendable {
    public let repositories: Repositories
    public let auth: AuthService
    public let access: AccessService
    public let organisation: OrganisationService
    public let settings: SettingsService
    public let customers: CustomerService
    public let visits: VisitService

    /// `now` is the clock of every rule that depends on time; tests move it.
    public init(repositories: Repositories, config: AppConfig, now: @escaping @Sendable () -> Date = Date.init) {
        let hasher = BcryptHasher(cost: UInt8(config.bcryptCost))
        let directory = Snapshot<Directory>(repositories: repositories)
        let sessions = SessionCache()
        self.repositories = repositories
        auth = AuthService(
            repositories: repositories, hasher: hasher, tokens: RandomTokens(), tokenLifetime: config.tokenLifetime,
            cache: sessions)
        access = AccessService(directory: directory)
        organisation = OrganisationService(repositories: repositories, hasher: hasher, directory: directory, sessions: sessions)
        settings = SettingsService(repositories: repositories, directory: directory, maxUploadBytes: config.maxUploadBytes, now: now)
        customers = CustomerService(repositories: repositories, settings: settings, directory: directory, now: now)
        visits = VisitService(repositories: repositories, customers: customers, timeZone: config.timeZone, now: now)
    }
}

/// The server on `storage`: makes sure the database has its administrator and pages, and builds
/// the routes and the background services. `services` defaults to new ones on `storage`.
public func buildApplication(
    _ config: AppConfig, storage: Storage, services: CRMServices? = nil
) async throws -> some ApplicationProtocol {
    let logger = makeLogger(config)
    let services = services ?? CRMServices(repositories: storage.repositories, config: config)
    try await bootstrap(services, config: config, logger: logger)
    let router = buildRouter(services, config: config, logger: logger)
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "crm"),
        services: storage.services + [
            ProtectionSweep(customers: services.customers, interval: config.sweepInterval, logger: logger)
        ],
        onServerRunning: { _ in logger.notice("crm listening on http://\(config.host):\(config.port)") },
        logger: logger)
}

/// The server's logger, at the configured level.
public func makeLogger(_ config: AppConfig) -> Logger {
    var logger = Logger(label: "crm", factory: { LazyLogHandler(label: $0) })
    logger.logLevel = config.logLevel
    return logger
}

/// Creates the built-in pages and, on an empty database, the administrator.
public func bootstrap(_ services: CRMServices, config: AppConfig, logger: Logger) async throws {
    let result = try await Bootstrap.run(
        repositories: services.repositories, hasher: BcryptHasher(cost: UInt8(config.bcryptCost)),
        adminPassword: config.adminPassword)
    if result.createdAdmin {
        if let password = result.generatedPassword {
            logger.notice(
                "created the administrator '\(Bootstrap.adminUsername)' with the generated password \(password); change it after signing in")
        } else {
            logger.notice("created the administrator '\(Bootstrap.adminUsername)' with the password from CRM_ADMIN_PASSWORD")
        }
    }
}

public func buildRouter(_ services: CRMServices, config: AppConfig, logger: Logger) -> Router<AppContext> {
    let router = Router(context: AppContext.self)
    if !config.corsOrigins.isEmpty { router.add(middleware: CORSOrigins(origins: Set(config.corsOrigins))) }
    router.add(middleware: SecurityHeaders())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: FileMiddleware(config.webappDir, searchForIndexHtml: true, logger: logger))

    router.get("health") { _, _ in ["status": "ok"] }
    let openAPI = try? String(contentsOfFile: config.openAPIFile, encoding: .utf8)
    if openAPI == nil { logger.warning("no API description at \(config.openAPIFile); /openapi.yaml will answer 404") }
    router.get("openapi.yaml") { _, _ in
        guard let openAPI else {
            throw CRMError.notFound("This server has no openapi.yaml at \(config.openAPIFile).", code: "no-route")
        }
        return Response(
            status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: openAPI)))
    }

    let auth = AuthController(auth: services.auth, access: services.access, organisation: services.organisation)
    let files = FilesController(service: services.settings, access: services.access)
    auth.addPublicRoutes(to: router.group("api/v1"))
    files.addPublicRoutes(to: router.group("api/v1"))
    let endpoints = Endpoints(
        group: router.group("api/v1").add(middleware: BearerAuthenticator(auth: services.auth))
            .group(context: AuthContext.self),
        access: services.access)
    auth.addRoutes(to: endpoints)
    OrganisationController(service: services.organisation).addRoutes(to: endpoints)
    PagesController(service: services.organisation).addRoutes(to: endpoints)
    UsersController(service: services.organisation, auth: services.auth).addRoutes(to: endpoints)
    SettingsController(service: services.settings, timeZone: config.timeZone).addRoutes(to: endpoints)
    files.addRoutes(to: endpoints)
    CustomerController(
        service: services.customers, settings: services.settings, access: services.access, timeZone: config.timeZone
    ).addRoutes(to: endpoints)
    AuditController(service: services.customers).addRoutes(to: endpoints)
    VisitController(service: services.visits, timeZone: config.timeZone).addRoutes(to: endpoints)
    PlanController(service: services.visits, timeZone: config.timeZone).addRoutes(to: endpoints)
    ReportController(service: services.visits, timeZone: config.timeZone).addRoutes(to: endpoints)
    return router
}
