import CRMCore
import Foundation
import PostgresNIO

struct PostgresOrganisation: OrganisationRepository {
    let db: Database

    /// A position's roles, in id order, as "1,4,9" (NULL for none).
    static let positionColumns = """
        p.id, p.department_id, p.name, p.manage_subordinates,
        (SELECT string_agg(role_id::text, ',' ORDER BY role_id) FROM position_roles WHERE position_id = p.id)
        """

    static func position(_ row: PostgresRandomAccessRow) throws -> Position {
        let roleIds = (try row.get(4, as: String?.self) ?? "").split(separator: ",").compactMap { RoleID($0) }
        return Position(
            id: try row.get(0), departmentId: try row.get(1), name: try row.get(2), manageSubordinates: try row.get(3),
            roleIds: roleIds)
    }

    func chart() async throws -> OrgChart {
        // One statement, so departments, positions and users come from one snapshot: each table
        // as parallel arrays in one row.
        let row = try await db.first(
            """
            SELECT
                ARRAY(SELECT id FROM departments ORDER BY sort_order, id),
                ARRAY(SELECT name FROM departments ORDER BY sort_order, id),
                ARRAY(SELECT coalesce(parent_id, 0) FROM departments ORDER BY sort_order, id),
                ARRAY(SELECT sort_order FROM departments ORDER BY sort_order, id),
                ARRAY(SELECT id FROM users ORDER BY id),
                ARRAY(SELECT coalesce(position_id, 0) FROM users ORDER BY id),
                ARRAY(SELECT array_to_string(ARRAY[p.id::text, p.department_id::text, p.manage_subordinates::text,
                    coalesce((SELECT string_agg(role_id::text, ',' ORDER BY role_id) FROM position_roles WHERE position_id = p.id), '')],
                    ';') FROM positions p ORDER BY p.id),
                ARRAY(SELECT name FROM positions ORDER BY id)
            """
        ) { $0 }!
        let ids: [Int64] = try row.get(0)
        let names: [String] = try row.get(1)
        let parents: [Int64] = try row.get(2)
        let orders: [Int32] = try row.get(3)
        let departments = ids.indices.map { index in
            Department(id: ids[index], name: names[index], parentId: parents[index] == 0 ? nil : parents[index], sortOrder: Int(orders[index]))
        }
        let users: [Int64] = try row.get(4)
        let held: [Int64] = try row.get(5)
        var userPositions: [UserID: PositionID?] = [:]
        for (user, position) in zip(users, held) { userPositions[user] = .some(position == 0 ? nil : position) }
        let described: [String] = try row.get(6)
        let positionNames: [String] = try row.get(7)
        let positions = zip(described, positionNames).map { description, name in
            let parts = description.split(separator: ";", omittingEmptySubsequences: false)
            return Position(
                id: Int64(parts[0])!, departmentId: Int64(parts[1])!, name: name, manageSubordinates: parts[2] == "true",
                roleIds: parts[3].split(separator: ",").compactMap { RoleID($0) })
        }
        return OrgChart(departments: departments, positions: positions, userPositions: userPositions)
    }

    func createDepartment(name: String, parentId: DepartmentID?, sortOrder: Int) async throws -> Department {
        let id = try await db.first(
            "INSERT INTO departments (name, parent_id, sort_order) VALUES (\(name), \(parentId), \(sortOrder)) RETURNING id"
        ) { try $0.get(0, as: Int64.self) }!
        return Department(id: id, name: name, parentId: parentId, sortOrder: sortOrder)
    }

    func updateDepartment(_ department: Department) async throws {
        try await db.rows(
            """
            UPDATE departments SET name = \(department.name), parent_id = \(department.parentId), sort_order = \(department.sortOrder)
            WHERE id = \(department.id)
            """)
    }

    func deleteDepartment(id: DepartmentID) async throws -> Bool {
        // Foreign keys cascade to sub-departments and positions, and set their users' position to NULL.
        try await !db.rows("DELETE FROM departments WHERE id = \(id) RETURNING id").isEmpty
    }

    func position(id: PositionID) async throws -> Position? {
        try await db.first("SELECT \(unescaped: Self.positionColumns) FROM positions p WHERE p.id = \(id)", Self.position)
    }

    func createPosition(
        departmentId: DepartmentID, name: String, manageSubordinates: Bool, roleIds: [RoleID]
    ) async throws -> Position {
        let id = try await db.first(
            """
            WITH p AS (
                INSERT INTO positions (department_id, name, manage_subordinates)
                VALUES (\(departmentId), \(name), \(manageSubordinates)) RETURNING id
            ), r AS (
                INSERT INTO position_roles (position_id, role_id) SELECT p.id, role FROM p, unnest(\(roleIds)) AS role
            )
            SELECT id FROM p
            """
        ) { try $0.get(0, as: Int64.self) }!
        return Position(id: id, departmentId: departmentId, name: name, manageSubordinates: manageSubordinates, roleIds: roleIds)
    }

    func updatePosition(_ position: Position) async throws {
        // One statement: the roles it no longer has go, the new ones come, the others stay.
        try await db.rows(
            """
            WITH changed AS (
                UPDATE positions SET department_id = \(position.departmentId), name = \(position.name),
                    manage_subordinates = \(position.manageSubordinates)
                WHERE id = \(position.id) RETURNING id
            ), gone AS (
                DELETE FROM position_roles WHERE position_id = \(position.id) AND role_id <> ALL(\(position.roleIds))
            )
            INSERT INTO position_roles (position_id, role_id) SELECT changed.id, unnest(\(position.roleIds)) FROM changed
            ON CONFLICT DO NOTHING
            """)
    }

    func deletePosition(id: PositionID) async throws -> Bool {
        try await !db.rows("DELETE FROM positions WHERE id = \(id) RETURNING id").isEmpty
    }
}

struct PostgresRoles: RoleRepository {
    let db: Database

    static let columns = "r.id, r.name, r.description, ARRAY(SELECT menu_id FROM role_pages WHERE role_id = r.id ORDER BY menu_id)"

    static func role(_ row: PostgresRandomAccessRow) throws -> Role {
        Role(id: try row.get(0), name: try row.get(1), description: try row.get(2), menuIds: try row.get(3))
    }

    func roles() async throws -> [Role] {
        try await db.all("SELECT \(unescaped: Self.columns) FROM roles r ORDER BY r.id", Self.role)
    }

    func role(id: RoleID) async throws -> Role? {
        try await db.first("SELECT \(unescaped: Self.columns) FROM roles r WHERE r.id = \(id)", Self.role)
    }

    func createRole(name: String, description: String?) async throws -> Role {
        try await mapConflict("A role named \(name) exists already.") {
            let id = try await db.first(
                "INSERT INTO roles (name, name_key, description) VALUES (\(name), \(User.usernameKey(name)), \(description)) RETURNING id"
            ) { try $0.get(0, as: Int64.self) }!
            return Role(id: id, name: name, description: description, menuIds: [])
        }
    }

    func updateRole(_ role: Role) async throws {
        try await mapConflict("A role named \(role.name) exists already.") {
            try await db.rows(
                """
                UPDATE roles SET name = \(role.name), name_key = \(User.usernameKey(role.name)), description = \(role.description)
                WHERE id = \(role.id)
                """)
        }
    }

    func deleteRole(id: RoleID) async throws -> Bool {
        try await !db.rows("DELETE FROM roles WHERE id = \(id) RETURNING id").isEmpty
    }

    func setPages(_ menuIds: [MenuID], for role: RoleID) async throws {
        try await db.rows(
            """
            WITH gone AS (DELETE FROM role_pages WHERE role_id = \(role) AND menu_id <> ALL(\(menuIds)::text[]))
            INSERT INTO role_pages (role_id, menu_id) SELECT \(role), unnest(\(menuIds)::text[]) ON CONFLICT DO NOTHING
            """)
    }

    func allGrants() async throws -> [PositionID: Set<MenuID>] {
        var grants: [PositionID: Set<MenuID>] = [:]
        for (position, menuId) in try await db.all(
            "SELECT DISTINCT pr.position_id, rp.menu_id FROM position_roles pr JOIN role_pages rp ON rp.role_id = pr.role_id",
            { (try $0.get(0, as: Int64.self), try $0.get(1, as: String.self)) })
        {
            grants[position, default: []].insert(menuId)
        }
        return grants
    }
}

struct PostgresPages: PageRepository {
    let db: Database

    static let columns = "menu_id, title, parent_id, sort_order, icon, url, check_permission, show_in_menu, built_in"

    static func page(_ row: PostgresRandomAccessRow) throws -> Page {
        Page(
            menuId: try row.get(0), title: try row.get(1), parentId: try row.get(2), sortOrder: Int(try row.get(3, as: Int32.self)),
            icon: try row.get(4), url: try row.get(5), checkPermission: try row.get(6), showInMenu: try row.get(7),
            builtIn: try row.get(8))
    }

    func pages() async throws -> [Page] {
        try await db.all("SELECT \(unescaped: Self.columns) FROM pages ORDER BY sort_order, menu_id", Self.page)
    }

    func create(_ page: Page) async throws {
        try await mapConflict("A page with the menu ID \(page.menuId) exists already.") {
            try await db.rows(
                """
                INSERT INTO pages (\(unescaped: Self.columns))
                VALUES (\(page.menuId), \(page.title), \(page.parentId), \(page.sortOrder), \(page.icon), \(page.url),
                        \(page.checkPermission), \(page.showInMenu), \(page.builtIn))
                """)
        }
    }

    func update(_ page: Page) async throws {
        try await db.rows(
            """
            UPDATE pages SET title = \(page.title), parent_id = \(page.parentId), sort_order = \(page.sortOrder), icon = \(page.icon),
                url = \(page.url), check_permission = \(page.checkPermission), show_in_menu = \(page.showInMenu)
            WHERE menu_id = \(page.menuId)
            """)
    }

    func delete(menuId: MenuID) async throws -> Bool {
        guard storable(menuId) else { return false }
        return try await !db.rows("DELETE FROM pages WHERE menu_id = \(menuId) AND NOT built_in RETURNING menu_id").isEmpty
    }
}
