import Foundation

public typealias CustomerID = Int64
public typealias CategoryID = Int64
public typealias FileID = Int64
public typealias ContactID = Int64

public enum CustomerType: String, Sendable, CaseIterable, Codable {
    case open, closed
}

public struct Customer: Sendable, Equatable {
    public var id: CustomerID
    public var fields: CustomerFields
    public var ownerId: UserID?
    public var ownerName: String?
    /// When the current owner's protection started; nil while public.
    public var trackingSince: Date?
    public var createdBy: UserID?
    public var createdAt: Date
    public var updatedAt: Date
    public var lastVisitAt: Date?

    public init(
        id: CustomerID, fields: CustomerFields, ownerId: UserID?, ownerName: String? = nil, trackingSince: Date?,
        createdBy: UserID?, createdAt: Date, updatedAt: Date, lastVisitAt: Date?
    ) {
        self.id = id
        self.fields = fields
        self.ownerId = ownerId
        self.ownerName = ownerName
        self.trackingSince = trackingSince
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastVisitAt = lastVisitAt
    }

    /// When the customer falls back into the public pool: never while closed, public or with protection off.
    public func protectionExpiresAt(protectionDays: Int) -> Date? {
        guard protectionDays > 0, fields.type == .open, ownerId != nil, let trackingSince else { return nil }
        return trackingSince.addingTimeInterval(TimeInterval(protectionDays) * 86_400)
    }
}

/// Whose customers a query may touch. The storage turns this, and only this, into SQL.
public enum OwnerFilter: Sendable, Equatable {
    case any
    case publicOnly
    case owners(Set<UserID>)
    case ownersOrPublic(Set<UserID>)

    public func matches(_ owner: UserID?) -> Bool {
        switch self {
        case .any: true
        case .publicOnly: owner == nil
        case .owners(let ids): owner.map(ids.contains) ?? false
        case .ownersOrPublic(let ids): owner.map(ids.contains) ?? true
        }
    }
}

/// The customer rules of docs/customers.md#customer-access: one place decides what a user may see and change.
public struct CustomerAccess: Sendable, Equatable {
    public var user: User
    public var scope: ManagementScope

    public init(user: User, scope: ManagementScope) {
        self.user = user
        self.scope = scope
    }

    /// Owner, the owner's managers, anyone while public, the administrator.
    public var visible: OwnerFilter {
        switch scope {
        case .everyone: .any
        case .users(let ids): .ownersOrPublic(ids)
        }
    }

    /// Owner, the owner's managers, the administrator.
    public var modifiable: OwnerFilter {
        switch scope {
        case .everyone: .any
        case .users(let ids): .owners(ids)
        }
    }

    public func canSee(_ customer: Customer) -> Bool { visible.matches(customer.ownerId) }
    public func canModify(_ customer: Customer) -> Bool { modifiable.matches(customer.ownerId) }

    /// The users this user may hand customers to.
    public func canAssign(to user: UserID) -> Bool { scope.contains(user) }
}

public enum ListScope: String, Sendable, CaseIterable {
    case mine, `public`, team, all

    /// The page whose permission the list needs.
    public var menuId: MenuID {
        switch self {
        case .mine: "customers.mine"
        case .public: "customers.public"
        case .team: "customers.team"
        case .all: "customers.search"
        }
    }
}

public enum CustomerSort: String, Sendable, CaseIterable {
    case newest = "-createdAt", oldest = "createdAt", name = "name", nameDescending = "-name"
    case mostImportant = "-importance", leastImportant = "importance", recentlyUpdated = "-updatedAt"
}

/// Everything a customer list can be narrowed by.
public struct CustomerQuery: Sendable, Equatable {
    public var owners: OwnerFilter = .any
    /// Folded keyword, matched as a substring of the name and the other text fields.
    public var keyword: String?
    public var categoryId: CategoryID?
    public var type: CustomerType?
    public var importance: Int?
    public var ownerId: UserID?
    public var industry: String?
    public var region: String?
    public var createdFrom: Date?
    public var createdTo: Date?
    public var lastVisitFrom: Date?
    public var lastVisitTo: Date?
    public var sort: CustomerSort = .newest
    public var limit = 50
    /// The sort key and id of the last row of the previous page.
    public var after: CustomerCursor?

    public init() {}
}

public struct CustomerCursor: Sendable, Equatable, Codable {
    public var value: SortValue
    public var id: CustomerID

    public init(value: SortValue, id: CustomerID) {
        self.value = value
        self.id = id
    }

    public enum SortValue: Sendable, Equatable, Codable {
        case number(Double)
        case text(String)
    }
}

public struct CustomerPage: Sendable {
    public var items: [Customer]
    public var next: CustomerCursor?
    public var total: Int?

    public init(items: [Customer], next: CustomerCursor?, total: Int?) {
        self.items = items
        self.next = next
        self.total = total
    }
}

public enum OwnershipAction: String, Sendable, Codable {
    case created, assigned, claimed, released
    case autoReleased = "auto-released"
}

public struct OwnershipChange: Sendable, Equatable {
    public var customerId: CustomerID
    public var action: OwnershipAction
    public var actorId: UserID?
    public var fromUserId: UserID?
    public var toUserId: UserID?
    public var at: Date

    public init(customerId: CustomerID, action: OwnershipAction, actorId: UserID?, fromUserId: UserID?, toUserId: UserID?, at: Date) {
        self.customerId = customerId
        self.action = action
        self.actorId = actorId
        self.fromUserId = fromUserId
        self.toUserId = toUserId
        self.at = at
    }
}

public struct Contact: Sendable, Equatable {
    public var id: ContactID
    public var customerId: CustomerID
    public var name: String
    public var title: String?
    public var phone: String?
    public var mobile: String?
    public var email: String?
    public var wechat: String?
    public var notes: String?
    public var primary: Bool

    public init(
        id: ContactID, customerId: CustomerID, name: String, title: String? = nil, phone: String? = nil, mobile: String? = nil,
        email: String? = nil, wechat: String? = nil, notes: String? = nil, primary: Bool = false
    ) {
        self.id = id
        self.customerId = customerId
        self.name = name
        self.title = title
        self.phone = phone
        self.mobile = mobile
        self.email = email
        self.wechat = wechat
        self.notes = notes
        self.primary = primary
    }
}

/// Who holds a company name, as much as the asker may know.
public enum NameHolder: Sendable, Equatable {
    case user(displayName: String)
    case `public`
    case `self`
}

/// The answer to "is this company in the CRM?" (step 1 of adding a customer).
public struct NameCheck: Sendable, Equatable {
    public var holder: NameHolder?
    public var similar: [String]
}

public struct AuditEntry: Sendable, Equatable {
    public var id: Int64
    public var action: String
    public var actorId: UserID?
    public var subject: String
    public var at: Date

    public init(id: Int64, action: String, actorId: UserID?, subject: String, at: Date) {
        self.id = id
        self.action = action
        self.actorId = actorId
        self.subject = subject
        self.at = at
    }
}
