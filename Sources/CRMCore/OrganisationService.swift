import Foundation

public struct DepartmentChanges: Sendable {
    public var name: String?
    public var parentId: Patch<DepartmentID?> = .absent
    public var sortOrder: Int?
    public init(name: String? = nil, parentId: Patch<DepartmentID?> = .absent, sortOrder: Int? = nil) {
        self.name = name
        self.parentId = parentId
        self.sortOrder = sortOrder
    }
}

public struct PositionChanges: Sendable {
    public var departmentId: DepartmentID?
    public var name: String?
    public var manageSubordinates: Bool?
    public var roleIds: [RoleID]?
    public init(departmentId: DepartmentID? = nil, name: String? = nil, manageSubordinates: Bool? = nil, roleIds: [RoleID]? = nil) {
        self.departmentId = departmentId
        self.name = name
        self.manageSubordinates = manageSubordinates
        self.roleIds = roleIds
    }
}

public struct PageChanges: Sendable {
    public var title: String?
    public var parentId: Patch<MenuID?> = .absent
    public var sortOrder: Int?
    public var icon: Patch<String?> = .absent
    public var url: Patch<String?> = .absent
    public var checkPermission: Bool?
    public var showInMenu: Bool?
    public init(
        title: String? = nil, parentId: Patch<MenuID?> = .absent, sortOrder: Int? = nil, icon: Patch<String?> = .absent,
        url: Patch<String?> = .absent, checkPermission: Bool? = nil, showInMenu: Bool? = nil
    ) {
        self.title = title
        self.parentId = parentId
        self.sortOrder = sortOrder
        self.icon = icon
        self.url = url
        self.checkPermission = checkPermission
        self.showInMenu = showInMenu
    }
}

public struct UserChanges: Sendable {
    public var username: String?
    public var displayName: String?
    public var positionId: Patch<PositionID?> = .absent
    public var active: Bool?
    public init(username: String? = nil, displayName: String? = nil, positionId: Patch<PositionID?> = .absent, active: Bool? = nil) {
        self.username = username
        self.displayName = displayName
        self.positionId = positionId
        self.active = active
    }
}

/// A user seen by their manager: where they sit in the organisation.
public struct TeamMember: Sendable, Equatable {
    public var user: User
    public var position: Position?
    public var department: Department?
}

/// Administration of departments, positions, roles, pages and users (docs/organisation.md, docs/permissions.md, docs/users.md).
public final class OrganisationService: Sendable {
    let repositories: Repositories
    let hasher: any PasswordHasher
    let directory: Snapshot<Directory>
    let sessions: SessionCache

    public init(repositories: Repositories, hasher: any PasswordHasher, directory: Snapshot<Directory>, sessions: SessionCache) {
        self.repositories = repositories
        self.hasher = hasher
        self.directory = directory
        self.sessions = sessions
    }

    var organisation: any OrganisationRepository { repositories.organisation }

    /// Runs a change to the organisation, roles or pages; this server's checks see it at once.
    private func changing<T>(_ change: () async throws -> T) async throws -> T {
        defer { directory.invalidate() }
        return try await change()
    }

    // MARK: Departments

    public func departments() async throws -> [Department] {
        try await directory.get().chart.departments
    }

    public func createDepartment(name: String, parentId: DepartmentID?, sortOrder: Int?) async throws -> Department {
        var validation = Validation()
        let name = validation.text("name", name)
        if let parentId, try await !departmentExists(parentId) {
            validation.add("parentId", "there is no department \(parentId)", code: .unknown("department", parentId))
        }
        try validation.check()
        return try await changing { try await organisation.createDepartment(name: name, parentId: parentId, sortOrder: sortOrder ?? 0) }
    }

    public func updateDepartment(id: DepartmentID, _ changes: DepartmentChanges) async throws -> Department {
        let chart = try await organisation.chart()
        guard var department = chart.departments.first(where: { $0.id == id }) else { throw notFound("department", id) }
        var validation = Validation()
        if let name = changes.name { department.name = validation.text("name", name) }
        if let order = changes.sortOrder { department.sortOrder = order }
        if case .set(let parentId) = changes.parentId {
            if let parentId, !chart.departments.contains(where: { $0.id == parentId }) {
                validation.add("parentId", "there is no department \(parentId)", code: .unknown("department", parentId))
            } else if !chart.canMove(id, under: parentId) {
                validation.add("parentId", "a department can't move under itself or one of its sub-departments", code: "department-cycle")
            }
            department.parentId = parentId
        }
        try validation.check()
        try await changing { try await organisation.updateDepartment(department) }
        return department
    }

    public func deleteDepartment(id: DepartmentID) async throws {
        guard try await changing({ try await organisation.deleteDepartment(id: id) }) else { throw notFound("department", id) }
    }

    // MARK: Positions

    public func positions(departmentId: DepartmentID?) async throws -> [Position] {
        let positions = try await organisation.chart().positions
        guard let departmentId else { return positions }
        return positions.filter { $0.departmentId == departmentId }
    }

    public func position(id: PositionID) async throws -> Position {
        guard let position = try await organisation.position(id: id) else { throw notFound("position", id) }
        return position
    }

    public func createPosition(
        departmentId: DepartmentID, name: String, manageSubordinates: Bool, roleIds: [RoleID]
    ) async throws -> Position {
        var validation = Validation()
        let name = validation.text("name", name)
        if try await !departmentExists(departmentId) {
            validation.add("departmentId", "there is no department \(departmentId)", code: .unknown("department", departmentId))
        }
        try await checkRoles(roleIds, into: &validation)
        try validation.check()
        return try await changing {
            try await organisation.createPosition(
                departmentId: departmentId, name: name, manageSubordinates: manageSubordinates,
                roleIds: Array(Set(roleIds)).sorted())
        }
    }

    public func updatePosition(id: PositionID, _ changes: PositionChanges) async throws -> Position {
        var position = try await position(id: id)
        var validation = Validation()
        if let name = changes.name { position.name = validation.text("name", name) }
        if let manage = changes.manageSubordinates { position.manageSubordinates = manage }
        if let departmentId = changes.departmentId {
            if try await !departmentExists(departmentId) {
                validation.add("departmentId", "there is no department \(departmentId)", code: .unknown("department", departmentId))
            }
            position.departmentId = departmentId
        }
        if let roleIds = changes.roleIds {
            try await checkRoles(roleIds, into: &validation)
            position.roleIds = Array(Set(roleIds)).sorted()
        }
        try validation.check()
        try await changing { try await organisation.updatePosition(position) }
        return position
    }

    public func deletePosition(id: PositionID) async throws {
        guard try await changing({ try await organisation.deletePosition(id: id) }) else { throw notFound("position", id) }
    }

    // MARK: Roles

    public func roles() async throws -> [Role] { try await repositories.roles.roles() }

    public func role(id: RoleID) async throws -> Role {
        guard let role = try await repositories.roles.role(id: id) else { throw notFound("role", id) }
        return role
    }

    public func createRole(name: String, description: String?) async throws -> Role {
        var validation = Validation()
        let name = validation.text("name", name)
        let description = validation.optionalText("description", description, maxLength: 500, multiline: true)
        try validation.check()
        return try await changing { try await repositories.roles.createRole(name: name, description: description) }
    }

    public func updateRole(id: RoleID, name: String?, description: Patch<String?>) async throws -> Role {
        var role = try await role(id: id)
        var validation = Validation()
        if let name { role.name = validation.text("name", name) }
        if case .set(let text) = description {
            role.description = validation.optionalText("description", text, maxLength: 500, multiline: true)
        }
        try validation.check()
        try await changing { try await repositories.roles.updateRole(role) }
        return role
    }

    public func deleteRole(id: RoleID) async throws {
        guard try await changing({ try await repositories.roles.deleteRole(id: id) }) else { throw notFound("role", id) }
    }

    public func setRolePages(id: RoleID, menuIds: [MenuID]) async throws -> Role {
        _ = try await role(id: id)
        let known = Set(try await repositories.pages.pages().map(\.menuId))
        let unknown = menuIds.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw CRMError.invalid(
                "menuIds", "unknown menu IDs: \(unknown.joined(separator: ", "))", code: .unknown("page", unknown.joined(separator: ", ")))
        }
        try await changing { try await repositories.roles.setPages(Array(Set(menuIds)).sorted(), for: id) }
        return try await role(id: id)
    }

    // MARK: Pages

    public func pages() async throws -> [Page] { try await repositories.pages.pages() }

    public func createPage(_ page: Page) async throws -> Page {
        var page = page
        page.builtIn = false
        var validation = Validation()
        let menuId = page.menuId
        if menuId.isEmpty || menuId.count > 64
            || !menuId.unicodeScalars.allSatisfy({ Self.menuIdCharacters.contains($0) })
            || !(menuId.first?.isLetter == true || menuId.first?.isNumber == true)
        {
            validation.add(
                "menuId", "must be 1 to 64 characters of a-z, A-Z, 0-9, '.', '_' or '-', starting with a letter or digit",
                code: .format("menu-id"))
        }
        let pages = try await repositories.pages.pages()
        validatePage(&page, parentId: .set(page.parentId), icon: .set(page.icon), url: .set(page.url), among: pages, into: &validation)
        try validation.check()
        if pages.contains(where: { $0.menuId == menuId }) {
            throw CRMError.menuIdTaken(menuId)
        }
        try await changing { try await repositories.pages.create(page) }
        return page
    }

    public func updatePage(menuId: MenuID, _ changes: PageChanges) async throws -> Page {
        let pages = try await repositories.pages.pages()
        guard var page = pages.first(where: { $0.menuId == menuId }) else { throw notFound("page", menuId) }
        var validation = Validation()
        if let title = changes.title { page.title = title }
        if let order = changes.sortOrder { page.sortOrder = order }
        if let check = changes.checkPermission { page.checkPermission = check }
        if let show = changes.showInMenu { page.showInMenu = show }
        validatePage(&page, parentId: changes.parentId, icon: changes.icon, url: changes.url, among: pages, into: &validation)
        try validation.check()
        try await changing { try await repositories.pages.update(page) }
        return page
    }

    public func deletePage(menuId: MenuID) async throws {
        let pages = try await repositories.pages.pages()
        guard let page = pages.first(where: { $0.menuId == menuId }) else { throw notFound("page", menuId) }
        if page.builtIn {
            throw CRMError.conflict(
                "The page \(menuId) is built in; hide it or turn its permission check on instead.",
                code: ErrorCode("page-built-in", ["menuId": .text(menuId)]))
        }
        if pages.contains(where: { $0.parentId == menuId }) {
            throw CRMError.conflict(
                "The page \(menuId) has child pages; move or delete them first.",
                code: ErrorCode("page-has-children", ["menuId": .text(menuId)]))
        }
        _ = try await changing { try await repositories.pages.delete(menuId: menuId) }
    }

    private func validatePage(
        _ page: inout Page, parentId: Patch<MenuID?>, icon: Patch<String?>, url: Patch<String?>, among pages: [Page],
        into validation: inout Validation
    ) {
        page.title = validation.text("title", page.title)
        if case .set(let text) = icon { page.icon = validation.optionalText("icon", text, maxLength: 200) }
        if case .set(let text) = url { page.url = validation.optionalText("url", text, maxLength: 2000) }
        if case .set(let parent) = parentId {
            if let parent {
                if !pages.contains(where: { $0.menuId == parent }) {
                    validation.add("parentId", "there is no page \(parent)", code: .unknown("page", parent))
                } else if Self.isAncestor(page.menuId, of: parent, in: pages) {
                    validation.add("parentId", "a page can't become its own ancestor", code: "page-cycle")
                }
            }
            page.parentId = parent
        }
    }

    /// Whether `ancestor` is `page` itself or lies on the path from `page` up to the root.
    static func isAncestor(_ ancestor: MenuID, of page: MenuID, in pages: [Page]) -> Bool {
        let parents = Dictionary(pages.map { ($0.menuId, $0.parentId) }, uniquingKeysWith: { first, _ in first })
        var current: MenuID? = page
        var seen: Set<MenuID> = []
        while let id = current, seen.insert(id).inserted {
            if id == ancestor { return true }
            current = parents[id] ?? nil
        }
        return false
    }

    static let menuIdCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")

    // MARK: Users

    public func users(after: UserID?, limit: Int) async throws -> [User] {
        try await repositories.users.list(after: after, limit: limit)
    }

    public func user(id: UserID) async throws -> User {
        guard let user = try await repositories.users.user(id: id) else { throw notFound("user", id) }
        return user
    }

    public func createUser(username: String, displayName: String, password: String, positionId: PositionID?) async throws -> User {
        var validation = Validation()
        let username = Self.validateUsername(username, into: &validation)
        let displayName = validation.text("displayName", displayName)
        AuthService.validatePassword(password, field: "password", into: &validation)
        try await checkPosition(positionId, into: &validation)
        try validation.check()
        let hash = try await hasher.hash(password)
        let new = NewUser(username: username, displayName: displayName, positionId: positionId, isAdmin: false, passwordHash: hash)
        return try await changing { try await repositories.users.create(new, at: Date()) }
    }

    public func updateUser(id: UserID, _ changes: UserChanges) async throws -> User {
        var user = try await user(id: id)
        var validation = Validation()
        if let username = changes.username { user.username = Self.validateUsername(username, into: &validation) }
        if let name = changes.displayName { user.displayName = validation.text("displayName", name) }
        if case .set(let positionId) = changes.positionId {
            try await checkPosition(positionId, into: &validation)
            user.positionId = positionId
        }
        try validation.check()
        if let active = changes.active {
            if user.isAdmin && !active { throw CRMError.conflict("The administrator can't be disabled.", code: "administrator-stays-active") }
            user.active = active
        }
        try await changing { try await repositories.users.update(user) }
        sessions.remove(user: id)
        return user
    }

    /// The users `actor` manages, themselves excluded, with where each sits.
    public func team(of user: User) async throws -> [TeamMember] {
        let chart = try await directory.get().chart
        let scope = chart.scope(of: user)
        let ids: Set<UserID>
        switch scope {
        case .everyone: ids = Set(chart.userPositions.keys)
        case .users(let managed): ids = managed
        }
        let members = try await repositories.users.users(ids: ids.subtracting([user.id]))
        return members.map { member in
            let position = chart.positions.first { $0.id == member.positionId }
            let department = chart.departments.first { $0.id == position?.departmentId }
            return TeamMember(user: member, position: position, department: department)
        }
    }

    /// Where the user sits: their position and its department.
    public func placement(of user: User) async throws -> (position: Position?, department: Department?) {
        guard let positionId = user.positionId else { return (nil, nil) }
        let chart = try await directory.get().chart
        let position = chart.positions.first { $0.id == positionId }
        return (position, chart.departments.first { $0.id == position?.departmentId })
    }

    static func validateUsername(_ username: String, into validation: inout Validation) -> String {
        let trimmed = username.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        if trimmed.isEmpty || trimmed.count > 64 || !trimmed.unicodeScalars.allSatisfy({ allowed.contains($0) }) {
            validation.add("username", "must be 1 to 64 letters, digits, '.', '_', '-' or '@'", code: .format("username"))
        }
        return trimmed
    }

    private func departmentExists(_ id: DepartmentID) async throws -> Bool {
        try await organisation.chart().departments.contains { $0.id == id }
    }

    private func checkRoles(_ ids: [RoleID], into validation: inout Validation) async throws {
        let known = Set(try await repositories.roles.roles().map(\.id))
        let unknown = ids.filter { !known.contains($0) }
        if !unknown.isEmpty {
            let roles = unknown.map(String.init).joined(separator: ", ")
            validation.add("roleIds", "unknown roles: \(roles)", code: .unknown("role", roles))
        }
    }

    private func checkPosition(_ id: PositionID?, into validation: inout Validation) async throws {
        if let id, try await organisation.position(id: id) == nil {
            validation.add("positionId", "there is no position \(id)", code: .unknown("position", id))
        }
    }

    private func notFound(_ kind: String, _ id: some CustomStringConvertible) -> CRMError {
        .notFound("There is no \(kind) \(id).")
    }
}
