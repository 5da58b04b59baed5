import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@Suite struct DemoSeedTests {
    @Test func seedDemoFillsAnEmptyDatabaseWithACompanyOnce() async throws {
        let store = try TestStore()
        defer { store.close() }
        let config = store.config
        let services = CRMServices(repositories: store.storage.repositories, config: config)
        try await bootstrap(services, config: config, logger: .init(label: "test"))
        var seeder = DemoSeeder()
        seeder.customers = 3000
        seeder.salespeople = 8
        seeder.visitsPerDay = 5
        seeder.days = 14
        var lines: [String] = []
        try await seeder.run(services: services, loader: store.demoLoader, config: config) { lines.append($0) }
        #expect(lines.last?.contains("3000 customers") == true)

        let admin = try #require(try await services.repositories.users.user(id: 1))
        let all = try await services.customers.list(.all, CustomerQuery(), count: true, by: admin)
        #expect(all.total == 3000)
        let publicCount = try #require(try await services.customers.list(.public, CustomerQuery(), count: true, by: admin).total)
        #expect(publicCount > 300 && publicCount < 900)
        // Owned customers are within their protection, so a sweep now releases nothing.
        #expect(try await services.customers.sweep(asOf: Date(), dryRun: false) == 0)

        let signedIn = try await services.auth.login(username: "sales01", password: DemoSeeder.password)
        let mine = try await services.customers.list(.mine, CustomerQuery(), count: true, by: signedIn.user)
        #expect((mine.total ?? 0) > 200)
        var visits = VisitQuery()
        visits.limit = 200
        #expect(try await services.visits.visits(visits, by: signedIn.user).count > 0)
        let manager = try await services.auth.login(username: "manager1", password: DemoSeeder.password)
        let team = try await services.customers.list(.team, CustomerQuery(), count: true, by: manager.user)
        #expect((team.total ?? 0) > 0)

        await #expect(throws: (any Error).self) {
            try await seeder.run(services: services, loader: store.demoLoader, config: config) { _ in }
        }
    }
}
