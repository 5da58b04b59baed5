import Foundation

public typealias UserID = Int64
public typealias DepartmentID = Int64
public typealias PositionID = Int64
public typealias RoleID = Int64
/// A page's menu ID (菜单ID), such as `customers.mine` or `admin.roles`.
public typealias MenuID = String

public struct User: Sendable, Equatable {
    public var id: UserID
    public var username: String
    public var displayName: String
    public var positionId: PositionID?
    public var active: Bool
    /// The bootstrap superuser: passes every permission check and sees all data.
    public var isAdmin: Bool
    public var createdAt: Date

    public init(
        id: UserID, username: String, displayName: String, positionId: PositionID?, active: Bool,
        isAdmin: Bool, createdAt: Date
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.positionId = positionId
        self.active = active
        self.isAdmin = isAdmin
        self.createdAt = createdAt
    }
}

public struct Department: Sendable, Equatable {
    public var id: DepartmentID
    public var name: String
    public var parentId: DepartmentID?
    public var sortOrder: Int

    public init(id: DepartmentID, name: String, parentId: DepartmentID?, sortOrder: Int) {
        self.id = id
        self.name = name
        self.parentId = parentId
        self.sortOrder = sortOrder
    }
}

public struct Position: Sendable, Equatable {
    public var id: PositionID
    public var departmentId: DepartmentID
    public var name: String
    /// 可管理下级业务: its holders manage everyone in the department's subtree.
    public var manageSubordinates: Bool
    public var roleIds: [RoleID]

    public init(
        id: PositionID, departmentId: DepartmentID, name: String, manageSubordinates: Bool, roleIds: [RoleID]
    ) {
        self.id = id
        self.departmentId = departmentId
        self.name = name
        self.manageSubordinates = manageSubordinates
        self.roleIds = roleIds
    }
}

public struct Role: Sendable, Equatable {
    public var id: RoleID
    public var name: String
    public var description: String?
    public var menuIds: [MenuID]

    public init(id: RoleID, name: String, description: String?, menuIds: [MenuID]) {
        self.id = id
        self.name = name
        self.description = description
        self.menuIds = menuIds
    }
}

public struct Page: Sendable, Equatable {
    public var menuId: MenuID
    public var title: String
    public var parentId: MenuID?
    public var sortOrder: Int
    public var icon: String?
    public var url: String?
    /// 是否加载权限判断: when set, only users whose roles grant the page may use it.
    public var checkPermission: Bool
    /// 是否显示在主菜单: the page appears in the START menu for users who may open it.
    public var showInMenu: Bool
    public var builtIn: Bool

    public init(
        menuId: MenuID, title: String, parentId: MenuID?, sortOrder: Int, icon: String? = nil, url: String? = nil,
        checkPermission: Bool, showInMenu: Bool, builtIn: Bool
    ) {
        self.menuId = menuId
        self.title = title
        self.parentId = parentId
        self.sortOrder = sortOrder
        self.icon = icon
        self.url = url
        self.checkPermission = checkPermission
        self.showInMenu = showInMenu
        self.builtIn = builtIn
    }
}

/// A change to a field that may also be set to null: absent leaves it alone.
public enum Patch<Value: Sendable & Equatable>: Sendable, Equatable {
    case absent
    case set(Value)

    public func applied(to current: Value) -> Value {
        if case .set(let value) = self { return value }
        return current
    }
}

/// The signed-in user as every request sees it.
public struct Actor: Sendable, Equatable {
    public var user: User
    /// The hash of the token this request came with, so logout ends exactly this session.
    public var tokenHash: String

    public init(user: User, tokenHash: String) {
        self.user = user
        self.tokenHash = tokenHash
    }
}
