import CRMCore
import Foundation
import Testing

/// 总部(1) ─ 销售部(2) ─ 华北区(3) ─ 北京组(4)
///                    └ 华南区(5)
///         └ 财务部(6)
private func chart(moving: (DepartmentID, DepartmentID?)? = nil, userPositions: [UserID: PositionID?]) -> OrgChart {
    var departments = [
        Department(id: 1, name: "总部", parentId: nil, sortOrder: 0),
        Department(id: 2, name: "销售部", parentId: 1, sortOrder: 0),
        Department(id: 3, name: "华北区", parentId: 2, sortOrder: 0),
        Department(id: 4, name: "北京组", parentId: 3, sortOrder: 0),
        Department(id: 5, name: "华南区", parentId: 2, sortOrder: 0),
        Department(id: 6, name: "财务部", parentId: 1, sortOrder: 0),
    ]
    if let (id, parent) = moving, let index = departments.firstIndex(where: { $0.id == id }) {
        departments[index].parentId = parent
    }
    let positions = [
        Position(id: 10, departmentId: 2, name: "销售总监", manageSubordinates: true, roleIds: []),
        Position(id: 20, departmentId: 3, name: "华北经理", manageSubordinates: true, roleIds: []),
        Position(id: 21, departmentId: 3, name: "华北销售", manageSubordinates: false, roleIds: []),
        Position(id: 30, departmentId: 4, name: "北京销售", manageSubordinates: false, roleIds: []),
        Position(id: 40, departmentId: 5, name: "华南销售", manageSubordinates: false, roleIds: []),
        Position(id: 41, departmentId: 5, name: "华南组长", manageSubordinates: false, roleIds: []),
        Position(id: 50, departmentId: 6, name: "会计", manageSubordinates: false, roleIds: []),
    ]
    return OrgChart(departments: departments, positions: positions, userPositions: userPositions)
}

private func user(_ id: UserID, _ position: PositionID?, admin: Bool = false) -> User {
    User(id: id, username: "u\(id)", displayName: "U\(id)", positionId: position, active: true, isAdmin: admin, createdAt: Date())
}

private let everyone: [UserID: PositionID?] = [
    100: 10, 200: 20, 201: 21, 300: 30, 301: 30, 400: 40, 401: 41, 500: 50, 900: nil,
]

@Suite struct ManagementScopeTests {
    @Test func aDirectorManagesTheWholeSubtreeDownToTheDeepestDepartment() {
        let scope = chart(userPositions: everyone).scope(of: user(100, 10))
        #expect(scope == .users([100, 200, 201, 300, 301, 400, 401]))
    }

    @Test func aRegionalManagerManagesTheirDepartmentAndBelowButNotSiblings() {
        let scope = chart(userPositions: everyone).scope(of: user(200, 20))
        #expect(scope == .users([200, 201, 300, 301]))
        #expect(!scope.contains(400))
        #expect(!scope.contains(100))
    }

    @Test func aPositionWithoutTheFlagManagesOnlyItsHolder() {
        let scope = chart(userPositions: everyone).scope(of: user(401, 41))
        #expect(scope == .users([401]))
    }

    @Test func unassignedUsersManageOnlyThemselvesAndFallOutsideEveryScope() {
        let org = chart(userPositions: everyone)
        #expect(org.scope(of: user(900, nil)) == .users([900]))
        #expect(!org.scope(of: user(100, 10)).contains(900))
    }

    @Test func movingADepartmentMovesItsPeopleIntoTheNewManagersScope() {
        let moved = chart(moving: (4, 5), userPositions: everyone)
        #expect(moved.scope(of: user(200, 20)) == .users([200, 201]))
        #expect(moved.scope(of: user(100, 10)).contains(300))
        // A manager over 华南区 (5) now reaches 北京组 as well.
        var withSouthManager = moved
        withSouthManager.positions[5].manageSubordinates = true
        #expect(withSouthManager.scope(of: user(401, 41)) == .users([300, 301, 400, 401]))
    }

    @Test func theAdministratorManagesEveryone() {
        #expect(chart(userPositions: everyone).scope(of: user(1, nil, admin: true)) == .everyone)
    }

    @Test func aDepartmentCannotMoveUnderItselfOrItsDescendants() {
        let org = chart(userPositions: [:])
        #expect(!org.canMove(2, under: 2))
        #expect(!org.canMove(2, under: 4))
        #expect(org.canMove(4, under: 6))
        #expect(org.canMove(3, under: nil))
        #expect(org.subtree(of: 2) == [2, 3, 4, 5])
    }
}

@Suite struct MenuTreeTests {
    private func page(_ id: MenuID, parent: MenuID?, order: Int, check: Bool = true, menu: Bool = true) -> Page {
        Page(menuId: id, title: id, parentId: parent, sortOrder: order, checkPermission: check, showInMenu: menu, builtIn: false)
    }

    @Test func theMenuKeepsPermittedPagesInSortOrderAndDropsEmptyFolders() {
        let pages = [
            page("b", parent: nil, order: 2, check: false),
            page("b.2", parent: "b", order: 2),
            page("b.1", parent: "b", order: 1),
            page("a", parent: nil, order: 1, check: false),
            page("a.1", parent: "a", order: 1),
            page("hidden", parent: "b", order: 3, menu: false),
            page("leaf", parent: nil, order: 3, check: false),
        ]
        let user = User(id: 2, username: "x", displayName: "x", positionId: 1, active: true, isAdmin: false, createdAt: Date())
        let granted: Set<MenuID> = ["b.1", "b.2", "hidden"]
        let tree = MenuNode.tree(of: pages) { $0.showInMenu && AccessService.allows($0, granted: granted, user: user) }
        #expect(tree.map(\.page.menuId) == ["b", "leaf"])
        #expect(tree[0].children.map(\.page.menuId) == ["b.1", "b.2"])
    }

    @Test func builtInPagesHaveUniqueMenuIdsAndExistingParents() {
        let ids = BuiltInPages.all.map(\.menuId)
        #expect(Set(ids).count == ids.count)
        for page in BuiltInPages.all {
            if let parent = page.parentId { #expect(ids.contains(parent)) }
        }
    }
}
