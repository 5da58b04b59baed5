import Foundation

/// A user about to be stored; the password is already hashed.
public struct NewUser: Sendable {
    public var username: String
    public var displayName: String
    public var positionId: PositionID?
    public var isAdmin: Bool
    public var passwordHash: String

    public init(username: String, displayName: String, positionId: PositionID?, isAdmin: Bool, passwordHash: String) {
        self.username = username
        self.displayName = displayName
        self.positionId = positionId
        self.isAdmin = isAdmin
        self.passwordHash = passwordHash
    }
}

/// Users and their credentials. Usernames are unique by `User.usernameKey`; a clash throws `CRMError.conflict`.
public protocol UserRepository: Sendable {
    func create(_ user: NewUser, at now: Date) async throws -> User
    func user(id: UserID) async throws -> User?
    /// The user and password hash for a username, compared by `User.usernameKey`.
    func credentials(username: String) async throws -> (user: User, passwordHash: String)?
    /// Users in id order after `after`, at most `limit`.
    func list(after: UserID?, limit: Int) async throws -> [User]
    func users(ids: Set<UserID>) async throws -> [User]
    /// Saves username, display name, position and active flag; deactivating ends the user's sessions.
    func update(_ user: User) async throws
    /// Replaces the password hash and ends every session of the user except `keepingSession`.
    func setPasswordHash(_ hash: String, for user: UserID, keepingSession: String?) async throws
    func count() async throws -> Int
}

/// How current the data is that servers keep copies of: counts that grow with every change.
public struct DataVersions: Sendable, Equatable {
    /// Pages, roles, departments, positions and who holds which: what permission and scope checks read.
    public var directory: Int64
    /// Settings, categories and required fields.
    public var settings: Int64

    public init(directory: Int64, settings: Int64) {
        self.directory = directory
        self.settings = settings
    }
}

/// A signed-in session as a request finds it.
public struct Session: Sendable, Equatable {
    public var user: User
    public var expiresAt: Date
    /// From a store that several servers share, the versions of the data current as the session
    /// was read, so that a server drops copies another server's change made stale; nil from a
    /// store that only this process writes.
    public var versions: DataVersions?

    public init(user: User, expiresAt: Date, versions: DataVersions?) {
        self.user = user
        self.expiresAt = expiresAt
        self.versions = versions
    }
}

/// Sign-in sessions and failed sign-in attempts.
public protocol SessionRepository: Sendable {
    func create(tokenHash: String, user: UserID, expiresAt: Date) async throws
    /// The active user holding an unexpired session with this token hash, in one read.
    func user(tokenHash: String, now: Date) async throws -> Session?
    func delete(tokenHash: String) async throws
    func recordFailedLogin(usernameKey: String, at: Date) async throws
    /// Times of failed sign-ins for the username since `since`, oldest first.
    func failedLogins(usernameKey: String, since: Date) async throws -> [Date]
    func clearFailedLogins(usernameKey: String) async throws
}

/// Departments and positions.
public protocol OrganisationRepository: Sendable {
    /// Departments, positions and every user's position, read in one consistent snapshot.
    func chart() async throws -> OrgChart
    func createDepartment(name: String, parentId: DepartmentID?, sortOrder: Int) async throws -> Department
    func updateDepartment(_ department: Department) async throws
    /// Deletes the department, its subtree and their positions; their users become unassigned.
    func deleteDepartment(id: DepartmentID) async throws -> Bool
    func position(id: PositionID) async throws -> Position?
    func createPosition(
        departmentId: DepartmentID, name: String, manageSubordinates: Bool, roleIds: [RoleID]
    ) async throws -> Position
    func updatePosition(_ position: Position) async throws
    /// Deletes the position; its users become unassigned.
    func deletePosition(id: PositionID) async throws -> Bool
}

/// Roles and the pages they grant. Role names are unique case-insensitively (`CRMError.conflict`).
public protocol RoleRepository: Sendable {
    func roles() async throws -> [Role]
    func role(id: RoleID) async throws -> Role?
    func createRole(name: String, description: String?) async throws -> Role
    func updateRole(_ role: Role) async throws
    func deleteRole(id: RoleID) async throws -> Bool
    func setPages(_ menuIds: [MenuID], for role: RoleID) async throws
    /// The menu IDs granted to every position that has any.
    func allGrants() async throws -> [PositionID: Set<MenuID>]
}

/// The page tree. Menu IDs are unique (`CRMError.conflict`).
public protocol PageRepository: Sendable {
    func pages() async throws -> [Page]
    func create(_ page: Page) async throws
    func update(_ page: Page) async throws
    func delete(menuId: MenuID) async throws -> Bool
}

/// Every repository of one backend.
public struct Repositories: Sendable {
    public var users: any UserRepository
    public var sessions: any SessionRepository
    public var organisation: any OrganisationRepository
    public var roles: any RoleRepository
    public var pages: any PageRepository
    public var settings: any SettingsRepository
    public var customers: any CustomerRepository
    public var visits: any VisitRepository

    public init(
        users: any UserRepository, sessions: any SessionRepository, organisation: any OrganisationRepository,
        roles: any RoleRepository, pages: any PageRepository, settings: any SettingsRepository,
        customers: any CustomerRepository, visits: any VisitRepository
    ) {
        self.users = users
        self.sessions = sessions
        self.organisation = organisation
        self.roles = roles
        self.pages = pages
        self.settings = settings
        self.customers = customers
        self.visits = visits
    }
}

extension User {
    /// The form usernames are compared in: compatibility-normalised and case-folded.
    public static func usernameKey(_ username: String) -> String {
        username.precomposedStringWithCompatibilityMapping.lowercased()
    }
}
