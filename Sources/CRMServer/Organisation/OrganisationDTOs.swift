import CRMCore
import Foundation
import Hummingbird

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

/// A short reference to a record: its id and name.
struct Ref: Encodable, Sendable {
    var id: Int64
    var name: String
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
