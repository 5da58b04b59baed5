import CRMCore
import Foundation
import GRDB

struct SQLiteOrganisation: OrganisationRepository {
    let pool: DatabasePool
    let quickReads: QuickReads

    func chart() async throws -> OrgChart {
        try await pool.read { db in
            let departments = try Row.fetchAll(
                db, sql: "SELECT id, name, parent_id, sort_order FROM departments ORDER BY sort_order, id"
            ).map { Department(id: $0["id"], name: $0["name"], parentId: $0["parent_id"], sortOrder: $0["sort_order"]) }
            let positions = try Self.positions(db, where: "1")
            var userPositions: [UserID: PositionID?] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, position_id FROM users") {
                userPositions[row["id"]] = .some(row["position_id"])
            }
            return OrgChart(departments: departments, positions: positions, userPositions: userPositions)
        }
    }

    func createDepartment(name: String, parentId: DepartmentID?, sortOrder: Int) async throws -> Department {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO departments (name, parent_id, sort_order) VALUES (?, ?, ?)",
                arguments: [name, parentId, sortOrder])
            return Department(id: db.lastInsertedRowID, name: name, parentId: parentId, sortOrder: sortOrder)
        }
    }

    func updateDepartment(_ department: Department) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE departments SET name = ?, parent_id = ?, sort_order = ? WHERE id = ?",
                arguments: [department.name, department.parentId, department.sortOrder, department.id])
        }
    }

    func deleteDepartment(id: DepartmentID) async throws -> Bool {
        // Foreign keys cascade to sub-departments and positions, and set their users' position to NULL.
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM departments WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    func position(id: PositionID) async throws -> Position? {
        try await quickReads.read(pool) { db in try Self.positions(db, where: "p.id = ?", [id]).first }
    }

    func createPosition(
        departmentId: DepartmentID, name: String, manageSubordinates: Bool, roleIds: [RoleID]
    ) async throws -> Position {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO positions (department_id, name, manage_subordinates) VALUES (?, ?, ?)",
                arguments: [departmentId, name, manageSubordinates])
            let id = db.lastInsertedRowID
            try Self.setRoles(db, position: id, roleIds: roleIds)
            return Position(
                id: id, departmentId: departmentId, name: name, manageSubordinates: manageSubordinates, roleIds: roleIds)
        }
    }

    func updatePosition(_ position: Position) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE positions SET department_id = ?, name = ?, manage_subordinates = ? WHERE id = ?",
                arguments: [position.departmentId, position.name, position.manageSubordinates, position.id])
            try db.execute(sql: "DELETE FROM position_roles WHERE position_id = ?", arguments: [position.id])
            try Self.setRoles(db, position: position.id, roleIds: position.roleIds)
        }
    }

    func deletePosition(id: PositionID) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM positions WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    static func setRoles(_ db: Database, position: PositionID, roleIds: [RoleID]) throws {
        for roleId in roleIds {
            try db.execute(
                sql: "INSERT INTO position_roles (position_id, role_id) VALUES (?, ?)", arguments: [position, roleId])
        }
    }

    static func positions(_ db: Database, where condition: String, _ arguments: StatementArguments = []) throws -> [Position] {
        try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT p.id, p.department_id, p.name, p.manage_subordinates,
                           (SELECT group_concat(role_id) FROM
                              (SELECT role_id FROM position_roles WHERE position_id = p.id ORDER BY role_id)) AS role_ids
                    FROM positions p WHERE \(condition) ORDER BY p.id
                    """),
            arguments: arguments
        ).map { row in
            // "1,4,9" or NULL: splitting it is quicker than decoding a JSON array (every create reads a position).
            let roleIds = ((row["role_ids"] as String?) ?? "").split(separator: ",").compactMap { RoleID($0) }
            return Position(
                id: row["id"], departmentId: row["department_id"], name: row["name"],
                manageSubordinates: row["manage_subordinates"], roleIds: roleIds)
        }
    }
}

struct SQLiteRoles: RoleRepository {
    let pool: DatabasePool

    func roles() async throws -> [Role] {
        try await pool.read { db in try Self.roles(db, where: "1") }
    }

    func role(id: RoleID) async throws -> Role? {
        try await pool.read { db in try Self.roles(db, where: "r.id = ?", [id]).first }
    }

    func createRole(name: String, description: String?) async throws -> Role {
        try await mapConflict(.roleNameTaken(name)) {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO roles (name, name_key, description) VALUES (?, ?, ?)",
                    arguments: [name, User.usernameKey(name), description])
                return Role(id: db.lastInsertedRowID, name: name, description: description, menuIds: [])
            }
        }
    }

    func updateRole(_ role: Role) async throws {
        try await mapConflict(.roleNameTaken(role.name)) {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE roles SET name = ?, name_key = ?, description = ? WHERE id = ?",
                    arguments: [role.name, User.usernameKey(role.name), role.description, role.id])
            }
        }
    }

    func deleteRole(id: RoleID) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM roles WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    func setPages(_ menuIds: [MenuID], for role: RoleID) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM role_pages WHERE role_id = ?", arguments: [role])
            for menuId in menuIds {
                try db.execute(sql: "INSERT INTO role_pages (role_id, menu_id) VALUES (?, ?)", arguments: [role, menuId])
            }
        }
    }

    func allGrants() async throws -> [PositionID: Set<MenuID>] {
        try await pool.read { db in
            var grants: [PositionID: Set<MenuID>] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT DISTINCT pr.position_id, rp.menu_id FROM position_roles pr JOIN role_pages rp ON rp.role_id = pr.role_id")
            {
                grants[row["position_id"], default: []].insert(row["menu_id"])
            }
            return grants
        }
    }

    static func roles(_ db: Database, where condition: String, _ arguments: StatementArguments = []) throws -> [Role] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, r.name, r.description,
                       (SELECT json_group_array(menu_id) FROM
                          (SELECT menu_id FROM role_pages WHERE role_id = r.id ORDER BY menu_id)) AS menu_ids
                FROM roles r WHERE \(condition) ORDER BY r.id
                """,
            arguments: arguments
        ).map { row in
            let menuIds = (try? JSONDecoder().decode([MenuID].self, from: Data((row["menu_ids"] as String).utf8))) ?? []
            return Role(id: row["id"], name: row["name"], description: row["description"], menuIds: menuIds)
        }
    }
}

struct SQLitePages: PageRepository {
    let pool: DatabasePool

    static let columns = "menu_id, title, parent_id, sort_order, icon, url, check_permission, show_in_menu, built_in"

    static func page(_ row: Row) -> Page {
        Page(
            menuId: row["menu_id"], title: row["title"], parentId: row["parent_id"], sortOrder: row["sort_order"],
            icon: row["icon"], url: row["url"], checkPermission: row["check_permission"],
            showInMenu: row["show_in_menu"], builtIn: row["built_in"])
    }

    static func arguments(_ page: Page) -> StatementArguments {
        [
            page.menuId, page.title, page.parentId, page.sortOrder, page.icon, page.url, page.checkPermission,
            page.showInMenu, page.builtIn,
        ]
    }

    func pages() async throws -> [Page] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM pages ORDER BY sort_order, menu_id").map(Self.page)
        }
    }

    func create(_ page: Page) async throws {
        try await mapConflict(.menuIdTaken(page.menuId)) {
            try await pool.write { db in
                try db.execute(
                    sql: "INSERT INTO pages (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: Self.arguments(page))
            }
        }
    }

    func update(_ page: Page) async throws {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE pages SET title = ?, parent_id = ?, sort_order = ?, icon = ?, url = ?,
                        check_permission = ?, show_in_menu = ? WHERE menu_id = ?
                    """,
                arguments: [
                    page.title, page.parentId, page.sortOrder, page.icon, page.url, page.checkPermission,
                    page.showInMenu, page.menuId,
                ])
        }
    }

    func delete(menuId: MenuID) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM pages WHERE menu_id = ? AND NOT built_in", arguments: [menuId])
            return db.changesCount > 0
        }
    }
}
