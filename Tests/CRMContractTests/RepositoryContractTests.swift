import CRMCore
import CRMPostgres
import CRMSQLite
import Foundation
import Testing

/// A storage backend the contract runs against: PostgreSQL where `CRM_TEST_POSTGRES_URL` names a server.
enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case sqlite, postgres

    static var allCases: [Backend] { PostgresTesting.url == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    func makeRepositories() async throws -> Repositories {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("crm-contract-\(UUID().uuidString)/crm.sqlite").path
            return try SQLiteStore(path: path).repositories
        case .postgres:
            return try await PostgresTesting.makeStore().repositories
        }
    }
}

private func newUser(_ name: String, position: PositionID? = nil) -> NewUser {
    NewUser(username: name, displayName: name, positionId: position, isAdmin: false, passwordHash: "hash-\(name)")
}

/// The behaviour every repository implementation must have, written against the protocols only.
@Suite(.postgresDatabases) struct RepositoryContractTests {
    @Test(arguments: Backend.allCases)
    func usernamesAreUniqueRegardlessOfCaseAndWidth(_ backend: Backend) async throws {
        let repos = try await backend.makeRepositories()
        let alice = try await repos.users.create(newUser("Alice"), at: Date())
        await #expect(throws: CRMError.self) { try await repos.users.create(newUser("alice"), at: Date()) }
        await #expect(throws: CRMError.self) { try await repos.users.create(newUser("ＡＬＩＣＥ"), at: Date()) }
        let found = try #require(try await repos.users.credentials(username: "ALICE"))
        #expect(found.user.id == alice.id)
        #expect(found.passwordHash == "hash-Alice")
        var renamed = try #require(try await repos.users.user(id: alice.id))
        let bob = try await repos.users.create(newUser("bob"), at: Date())
        renamed.username = "BOB"
        await #expect(throws: CRMError.self) { try await repos.users.update(renamed) }
        #expect(try await repos.users.user(id: bob.id)?.username == "bob")
    }

    @Test(arguments: Backend.allCases)
    func sessionsExpireAndEndWhenTheUserIsDisabledOrThePasswordChanges(_ backend: Backend) async throws {
        let repos = try await backend.makeRepositories()
        let user = try await repos.users.create(newUser("carol"), at: Date())
        let now = Date()
        try await repos.sessions.create(tokenHash: "a", user: user.id, expiresAt: now + 60)
        try await repos.sessions.create(tokenHash: "b", user: user.id, expiresAt: now + 60)
        try await repos.sessions.create(tokenHash: "old", user: user.id, expiresAt: now - 1)
        #expect(try await repos.sessions.user(tokenHash: "a", now: now)?.user.id == user.id)
        #expect(try await repos.sessions.user(tokenHash: "old", now: now) == nil)

        try await repos.users.setPasswordHash("new", for: user.id, keepingSession: "a")
        #expect(try await repos.sessions.user(tokenHash: "a", now: now) != nil)
        #expect(try await repos.sessions.user(tokenHash: "b", now: now) == nil)

        var disabled = user
        disabled.active = false
        try await repos.users.update(disabled)
        #expect(try await repos.sessions.user(tokenHash: "a", now: now) == nil)
    }

    @Test(arguments: Backend.allCases)
    func failedLoginsAreCountedPerUsernameWithinTheWindow(_ backend: Backend) async throws {
        let repos = try await backend.makeRepositories()
        let now = Date()
        for minutes in [20.0, 10, 5, 1] {
            try await repos.sessions.recordFailedLogin(usernameKey: "dave", at: now - minutes * 60)
        }
        try await repos.sessions.recordFailedLogin(usernameKey: "erin", at: now)
        #expect(try await repos.sessions.failedLogins(usernameKey: "dave", since: now - 15 * 60).count == 3)
        try await repos.sessions.clearFailedLogins(usernameKey: "dave")
        #expect(try await repos.sessions.failedLogins(usernameKey: "dave", since: now - 3600).isEmpty)
        #expect(try await repos.sessions.failedLogins(usernameKey: "erin", since: now - 60).count == 1)
    }

    @Test(arguments: Backend.allCases)
    func deletingADepartmentRemovesItsSubtreeAndPositionsAndUnassignsTheirUsers(_ backend: Backend) async throws {
        let repos = try await backend.makeRepositories()
        let org = repos.organisation
        let sales = try await org.createDepartment(name: "销售部", parentId: nil, sortOrder: 0)
        let north = try await org.createDepartment(name: "华北区", parentId: sales.id, sortOrder: 0)
        let finance = try await org.createDepartment(name: "财务部", parentId: nil, sortOrder: 1)
        let role = try await repos.roles.createRole(name: "销售", description: nil)
        let manager = try await org.createPosition(departmentId: sales.id, name: "经理", manageSubordinates: true, roleIds: [role.id])
        let seller = try await org.createPosition(departmentId: north.id, name: "销售", manageSubordinates: false, roleIds: [])
        let accountant = try await org.createPosition(departmentId: finance.id, name: "会计", manageSubordinates: false, roleIds: [])
        let u1 = try await repos.users.create(newUser("u1", position: manager.id), at: Date())
        let u2 = try await repos.users.create(newUser("u2", position: seller.id), at: Date())
        let u3 = try await repos.users.create(newUser("u3", position: accountant.id), at: Date())

        #expect(try await org.deleteDepartment(id: sales.id))
        let chart = try await org.chart()
        #expect(chart.departments.map(\.id) == [finance.id])
        #expect(chart.positions.map(\.id) == [accountant.id])
        #expect(try await repos.users.user(id: u1.id)?.positionId == nil)
        #expect(try await repos.users.user(id: u2.id)?.positionId == nil)
        #expect(try await repos.users.user(id: u3.id)?.positionId == accountant.id)
        #expect(try await repos.roles.role(id: role.id) != nil)
        #expect(try await org.deleteDepartment(id: sales.id) == false)
    }

    @Test(arguments: Backend.allCases)
    func deletingAPositionUnassignsItsUsersAndRolesGrantPagesThroughPositions(_ backend: Backend) async throws {
        let repos = try await backend.makeRepositories()
        for page in BuiltInPages.all { try await repos.pages.create(page) }
        let department = try await repos.organisation.createDepartment(name: "销售部", parentId: nil, sortOrder: 0)
        let r1 = try await repos.roles.createRole(name: "A", description: "first")
        let r2 = try await repos.roles.createRole(name: "B", description: nil)
        await #expect(throws: CRMError.self) { try await repos.roles.createRole(name: "a", description: nil) }
        try await repos.roles.setPages(["customers.mine", "plans"], for: r1.id)
        try await repos.roles.setPages(["plans", "reports.visits"], for: r2.id)
        let position = try await repos.organisation.createPosition(
            departmentId: department.id, name: "销售", manageSubordinates: false, roleIds: [r1.id, r2.id])
        #expect(try await repos.organisation.position(id: position.id)?.roleIds == [r1.id, r2.id])
        #expect(try await repos.roles.allGrants() == [position.id: ["customers.mine", "plans", "reports.visits"]])

        #expect(try await repos.roles.deleteRole(id: r2.id))
        #expect(try await repos.roles.allGrants() == [position.id: ["customers.mine", "plans"]])
        #expect(try await repos.organisation.position(id: position.id)?.roleIds == [r1.id])

        let user = try await repos.users.create(newUser("seller", position: position.id), at: Date())
        #expect(try await repos.organisation.deletePosition(id: position.id))
        #expect(try await repos.users.user(id: user.id)?.positionId == nil)
    }

    @Test(arguments: Backend.allCases)
    func builtInPagesCannotBeDeletedAndMenuIdsAreUnique(_ backend: Backend) async throws {
        let repos = try await backend.makeRepositories()
        let builtIn = BuiltInPages.all[0]
        try await repos.pages.create(builtIn)
        await #expect(throws: CRMError.self) { try await repos.pages.create(builtIn) }
        #expect(try await repos.pages.delete(menuId: builtIn.menuId) == false)
        let custom = Page(menuId: "x.link", title: "链接", parentId: builtIn.menuId, sortOrder: 5, url: "https://example.com",
                          checkPermission: false, showInMenu: true, builtIn: false)
        try await repos.pages.create(custom)
        #expect(try await repos.pages.pages().first { $0.menuId == "x.link" } == custom)
        #expect(try await repos.pages.delete(menuId: "x.link"))
        #expect(try await repos.pages.pages().contains { $0.menuId == "x.link" } == false)
    }
}
