import CRMCore
import Foundation
import Testing

/// A store several servers share reports, with every session it reads, versions of the data the
/// servers keep copies of, which grow with each change to it.
@Suite(.postgresDatabases, .enabled(if: PostgresTesting.url != nil, "set CRM_TEST_POSTGRES_URL (scripts/postgres start)"))
struct DataVersionTests {
    @Test func everyChangeToTheDirectoryOrTheSettingsMovesItsVersion() async throws {
        let repos = try await Backend.postgres.makeRepositories()
        let user = try await repos.users.create(
            NewUser(username: "v", displayName: "V", positionId: nil, isAdmin: false, passwordHash: "h"), at: Date())
        try await repos.sessions.create(tokenHash: "t", user: user.id, expiresAt: Date() + 600)
        func versions() async throws -> DataVersions { try #require(try await repos.sessions.user(tokenHash: "t", now: Date())?.versions) }

        var last = try await versions()
        func expectMoved(_ what: String, directory: Bool, settings: Bool, _ change: () async throws -> Void) async throws {
            try await change()
            let now = try await versions()
            #expect((now.directory > last.directory) == directory, "\(what): directory")
            #expect((now.settings > last.settings) == settings, "\(what): settings")
            last = now
        }
        try await expectMoved("a role", directory: true, settings: false) { _ = try await repos.roles.createRole(name: "r", description: nil) }
        let department = try await repos.organisation.createDepartment(name: "d", parentId: nil, sortOrder: 0)
        let position = try await repos.organisation.createPosition(departmentId: department.id, name: "p", manageSubordinates: true, roleIds: [])
        try await expectMoved("a user's position", directory: true, settings: false) {
            var moved = user
            moved.positionId = position.id
            try await repos.users.update(moved)
        }
        try await expectMoved("the settings", directory: false, settings: true) {
            var settings = try await repos.settings.settings()
            settings.protectionDays = 7
            try await repos.settings.save(settings)
        }
        try await expectMoved("a category", directory: false, settings: true) {
            _ = try await repos.settings.createCategory(name: "c", type: .open, iconFileId: nil, sortOrder: 1)
        }
        try await expectMoved("a customer", directory: false, settings: false) {
            _ = try await repos.customers.create(CustomerFields(name: "客户"), owner: user.id, at: Date())
        }
    }

    @Test func aStoreOfOneProcessReportsNone() async throws {
        let repos = try await Backend.sqlite.makeRepositories()
        let user = try await repos.users.create(
            NewUser(username: "v", displayName: "V", positionId: nil, isAdmin: false, passwordHash: "h"), at: Date())
        try await repos.sessions.create(tokenHash: "t", user: user.id, expiresAt: Date() + 600)
        #expect(try await repos.sessions.user(tokenHash: "t", now: Date())?.versions == nil)
    }
}
