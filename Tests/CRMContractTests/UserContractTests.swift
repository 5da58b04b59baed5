import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// Users and sessions.
    @Suite struct UserTests {
        @Test(arguments: Backend.allCases)
        func usernamesAreUniqueRegardlessOfCaseAndWidth(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let alice = try await repos.users.create(newUser("Alice"), at: Date())
            await expectConflict { try await repos.users.create(newUser("alice"), at: Date()) }
            await expectConflict { try await repos.users.create(newUser("ＡＬＩＣＥ"), at: Date()) }
            let found = try #require(try await repos.users.credentials(username: "ALICE"))
            #expect(found.user.id == alice.id)
            #expect(found.passwordHash == "hash-Alice")
            var renamed = try #require(try await repos.users.user(id: alice.id))
            let bob = try await repos.users.create(newUser("bob"), at: Date())
            renamed.username = "BOB"
            await expectConflict { try await repos.users.update(renamed) }
            #expect(try await repos.users.user(id: bob.id)?.username == "bob")
            #expect(try await repos.users.user(id: alice.id)?.username == "Alice")
        }

        @Test(arguments: Backend.allCases)
        func aNewUserIsActiveAndReadBackAsCreated(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let admin = try await repos.users.create(
                NewUser(username: "Root", displayName: "管理员", positionId: nil, isAdmin: true, passwordHash: "h"), at: t0)
            #expect(admin == User(id: admin.id, username: "Root", displayName: "管理员", positionId: nil, active: true, isAdmin: true, createdAt: t0))
            #expect(try await repos.users.user(id: admin.id) == admin)
            #expect(try await repos.users.user(id: admin.id + 1000) == nil)
            #expect(try await repos.users.credentials(username: "nobody") == nil)
        }

        @Test(arguments: Backend.allCases)
        func usersAreListedInIdOrderPageByPageAndReadByIdsAndCounted(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            #expect(try await repos.users.count() == 0)
            var created: [User] = []
            for name in ["u1", "u2", "u3", "u4", "u5"] { created.append(try await repos.user(name)) }
            #expect(try await repos.users.count() == 5)
            #expect(created.map(\.id) == created.map(\.id).sorted())

            let listed = try await pages(limit: 2) { last in try await repos.users.list(after: last?.id, limit: 2) }
            #expect(listed.map(\.count) == [2, 2, 1])
            #expect(listed.flatMap { $0 } == created)
            #expect(try await repos.users.list(after: created[4].id, limit: 10).isEmpty)

            let some = try await repos.users.users(ids: [created[1].id, created[3].id, created[4].id + 1000])
            #expect(Set(some.map(\.id)) == [created[1].id, created[3].id])
            #expect(some.first { $0.id == created[1].id } == created[1])
            #expect(try await repos.users.users(ids: []).isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func anUpdateSavesTheUsernameDisplayNamePositionAndActiveFlag(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let department = try await repos.organisation.createDepartment(name: "销售部", parentId: nil, sortOrder: 0)
            let position = try await repos.organisation.createPosition(
                departmentId: department.id, name: "销售", manageSubordinates: false, roleIds: [])
            var user = try await repos.user("dave")
            user.username = "David"
            user.displayName = "大卫"
            user.positionId = position.id
            user.active = false
            try await repos.users.update(user)
            #expect(try await repos.users.user(id: user.id) == user)
            #expect(try await repos.users.credentials(username: "dave") == nil)
            let found = try #require(try await repos.users.credentials(username: "david"))
            #expect(found.user == user)
            #expect(found.passwordHash == "hash-dave")
            #expect(try await repos.organisation.chart().userPositions[user.id] == .some(position.id))
        }

        @Test(arguments: Backend.allCases)
        func sessionsExpireAndEndWhenTheUserIsDisabledOrThePasswordChanges(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let user = try await repos.users.create(newUser("carol"), at: Date())
            let now = clockNow()
            try await repos.sessions.create(tokenHash: "a", user: user.id, expiresAt: now + 60)
            try await repos.sessions.create(tokenHash: "b", user: user.id, expiresAt: now + 60)
            try await repos.sessions.create(tokenHash: "old", user: user.id, expiresAt: now - 1)
            let session = try #require(try await repos.sessions.user(tokenHash: "a", now: now))
            #expect(session.user == user)
            #expect(session.expiresAt == now + 60)
            #expect(try await repos.sessions.user(tokenHash: "old", now: now) == nil)
            #expect(try await repos.sessions.user(tokenHash: "a", now: now + 60) == nil)
            #expect(try await repos.sessions.user(tokenHash: "unknown", now: now) == nil)

            try await repos.users.setPasswordHash("new", for: user.id, keepingSession: "a")
            #expect(try await repos.users.credentials(username: "carol")?.passwordHash == "new")
            #expect(try await repos.sessions.user(tokenHash: "a", now: now) != nil)
            #expect(try await repos.sessions.user(tokenHash: "b", now: now) == nil)

            var disabled = user
            disabled.active = false
            try await repos.users.update(disabled)
            #expect(try await repos.sessions.user(tokenHash: "a", now: now) == nil)
        }

        @Test(arguments: Backend.allCases)
        func aNewPasswordWithoutASessionToKeepEndsEverySession(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let user = try await repos.user("erin")
            let other = try await repos.user("frank")
            let now = clockNow()
            try await repos.sessions.create(tokenHash: "e1", user: user.id, expiresAt: now + hour)
            try await repos.sessions.create(tokenHash: "e2", user: user.id, expiresAt: now + hour)
            try await repos.sessions.create(tokenHash: "f1", user: other.id, expiresAt: now + hour)
            #expect(try await repos.sessions.user(tokenHash: "e1", now: now)?.user.id == user.id)
            try await repos.users.setPasswordHash("new", for: user.id, keepingSession: nil)
            #expect(try await repos.sessions.user(tokenHash: "e1", now: now) == nil)
            #expect(try await repos.sessions.user(tokenHash: "e2", now: now) == nil)
            #expect(try await repos.sessions.user(tokenHash: "f1", now: now)?.user.id == other.id)
        }

        @Test(arguments: Backend.allCases)
        func loggingOutEndsThatSessionOnly(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let user = try await repos.user("gina")
            let now = clockNow()
            try await repos.sessions.create(tokenHash: "one", user: user.id, expiresAt: now + hour)
            try await repos.sessions.create(tokenHash: "two", user: user.id, expiresAt: now + hour)
            #expect(try await repos.sessions.user(tokenHash: "one", now: now)?.user.id == user.id)
            try await repos.sessions.delete(tokenHash: "one")
            try await repos.sessions.delete(tokenHash: "never-issued")
            #expect(try await repos.sessions.user(tokenHash: "one", now: now) == nil)
            #expect(try await repos.sessions.user(tokenHash: "two", now: now)?.user.id == user.id)
        }

        @Test(arguments: Backend.allCases)
        func failedLoginsAreCountedPerUsernameWithinTheWindow(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let now = t0
            for minutes in [20.0, 10, 5, 1] {
                try await repos.sessions.recordFailedLogin(usernameKey: "dave", at: now - minutes * 60)
            }
            try await repos.sessions.recordFailedLogin(usernameKey: "erin", at: now)
            #expect(try await repos.sessions.failedLogins(usernameKey: "dave", since: now - 15 * 60) == [now - 600, now - 300, now - 60])
            try await repos.sessions.clearFailedLogins(usernameKey: "dave")
            #expect(try await repos.sessions.failedLogins(usernameKey: "dave", since: now - 3600).isEmpty)
            #expect(try await repos.sessions.failedLogins(usernameKey: "erin", since: now - 60).count == 1)
        }
    }
}
