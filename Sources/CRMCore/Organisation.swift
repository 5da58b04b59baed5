/// The department tree, positions and who holds them: everything the management scope depends on.
public struct OrgChart: Sendable {
    public var departments: [Department]
    public var positions: [Position]
    /// Each user's position; users without one (未分配) are absent or nil.
    public var userPositions: [UserID: PositionID?]

    public init(departments: [Department], positions: [Position], userPositions: [UserID: PositionID?]) {
        self.departments = departments
        self.positions = positions
        self.userPositions = userPositions
    }

    /// The department and every department below it.
    public func subtree(of root: DepartmentID) -> Set<DepartmentID> {
        var children: [DepartmentID: [DepartmentID]] = [:]
        for department in departments {
            if let parent = department.parentId { children[parent, default: []].append(department.id) }
        }
        var result: Set<DepartmentID> = []
        var stack = [root]
        while let next = stack.popLast() {
            guard result.insert(next).inserted else { continue }
            stack.append(contentsOf: children[next] ?? [])
        }
        return result
    }

    /// The management scope (docs/organisation.md#management-scope): the users a user manages. A holder of a position with
    /// *manage subordinates* manages everyone whose position sits in that department's subtree;
    /// everyone else manages only themselves. `nil` means everyone: the administrator.
    public func scope(of user: User) -> ManagementScope {
        if user.isAdmin { return .everyone }
        guard let positionId = user.positionId,
            let position = positions.first(where: { $0.id == positionId }),
            position.manageSubordinates
        else { return .users([user.id]) }
        let departmentIds = subtree(of: position.departmentId)
        let positionIds = Set(positions.filter { departmentIds.contains($0.departmentId) }.map(\.id))
        var managed: Set<UserID> = [user.id]
        for case (let userId, let held?) in userPositions where positionIds.contains(held) {
            managed.insert(userId)
        }
        return .users(managed)
    }

    /// Whether `parent` may become the parent of `department` without closing a loop.
    public func canMove(_ department: DepartmentID, under parent: DepartmentID?) -> Bool {
        guard let parent else { return true }
        return !subtree(of: department).contains(parent)
    }
}

public enum ManagementScope: Sendable, Equatable {
    case everyone
    case users(Set<UserID>)

    public func contains(_ user: UserID) -> Bool {
        switch self {
        case .everyone: true
        case .users(let ids): ids.contains(user)
        }
    }
}
