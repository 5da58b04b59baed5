import CRMCore
import Foundation
import Hummingbird

// Wire shapes of the API; the core's models never go on the wire directly.

struct UserDTO: ResponseEncodable, Sendable {
    var id: Int64
    var username: String
    var displayName: String
    var positionId: Int64?
    var active: Bool
    var isAdmin: Bool
    var createdAt: Date

    init(_ user: User) {
        id = user.id
        username = user.username
        displayName = user.displayName
        positionId = user.positionId
        active = user.active
        isAdmin = user.isAdmin
        createdAt = user.createdAt
    }
}

struct DepartmentDTO: ResponseEncodable, Sendable {
    var id: Int64
    var name: String
    var parentId: Int64?
    var sortOrder: Int

    init(_ department: Department) {
        id = department.id
        name = department.name
        parentId = department.parentId
        sortOrder = department.sortOrder
    }
}

struct PositionDTO: ResponseEncodable, Sendable {
    var id: Int64
    var departmentId: Int64
    var name: String
    var manageSubordinates: Bool
    var roleIds: [Int64]

    init(_ position: Position) {
        id = position.id
        departmentId = position.departmentId
        name = position.name
        manageSubordinates = position.manageSubordinates
        roleIds = position.roleIds
    }
}

struct RoleDTO: ResponseEncodable, Sendable {
    var id: Int64
    var name: String
    var description: String?
    var menuIds: [String]

    init(_ role: Role) {
        id = role.id
        name = role.name
        description = role.description
        menuIds = role.menuIds
    }
}

struct PageDTO: ResponseEncodable, Sendable {
    var menuId: String
    var title: String
    var parentId: String?
    var sortOrder: Int
    var icon: String?
    var url: String?
    var checkPermission: Bool
    var showInMenu: Bool
    var builtIn: Bool

    init(_ page: CRMCore.Page) {
        menuId = page.menuId
        title = page.title
        parentId = page.parentId
        sortOrder = page.sortOrder
        icon = page.icon
        url = page.url
        checkPermission = page.checkPermission
        showInMenu = page.showInMenu
        builtIn = page.builtIn
    }
}

struct MenuNodeDTO: ResponseEncodable, Sendable {
    var menuId: String
    var title: String
    var icon: String?
    var url: String?
    var children: [MenuNodeDTO]

    init(_ node: MenuNode) {
        menuId = node.page.menuId
        title = node.page.title
        icon = node.page.icon
        url = node.page.url
        children = node.children.map(MenuNodeDTO.init)
    }
}

/// A short reference to a record: its id and name.
struct Ref: Encodable, Sendable {
    var id: Int64
    var name: String
}

struct MeDTO: ResponseEncodable, Sendable {
    var user: UserDTO
    var position: Ref?
    var department: Ref?
    var isAdmin: Bool
    var managesSubordinates: Bool
    var menuIds: [String]
}

struct TeamMemberDTO: Encodable, Sendable {
    var id: Int64
    var username: String
    var displayName: String
    var position: Ref?
    var department: Ref?

    init(_ member: TeamMember) {
        id = member.user.id
        username = member.user.username
        displayName = member.user.displayName
        position = member.position.map { Ref(id: $0.id, name: $0.name) }
        department = member.department.map { Ref(id: $0.id, name: $0.name) }
    }
}

struct LoginDTO: ResponseEncodable, Sendable {
    var token: String
    var expiresAt: Date
    var user: UserDTO
}
