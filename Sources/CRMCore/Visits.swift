import Foundation

public typealias VisitID = Int64
public typealias PlanID = Int64

public enum VisitMethod: String, Sendable, CaseIterable, Codable {
    case visit, phone, wechat, email, other
}

public struct Visit: Sendable, Equatable {
    public var id: VisitID
    public var customerId: CustomerID
    public var customerName: String?
    public var userId: UserID
    public var userName: String?
    public var visitedAt: Date
    public var method: VisitMethod
    public var contactId: ContactID?
    public var content: String
    public var nextStep: String?
    public var planId: PlanID?
    public var createdAt: Date

    public init(
        id: VisitID, customerId: CustomerID, customerName: String? = nil, userId: UserID, userName: String? = nil,
        visitedAt: Date, method: VisitMethod, contactId: ContactID?, content: String, nextStep: String?, planId: PlanID?,
        createdAt: Date
    ) {
        self.id = id
        self.customerId = customerId
        self.customerName = customerName
        self.userId = userId
        self.userName = userName
        self.visitedAt = visitedAt
        self.method = method
        self.contactId = contactId
        self.content = content
        self.nextStep = nextStep
        self.planId = planId
        self.createdAt = createdAt
    }
}

public enum PlanStatus: String, Sendable, CaseIterable, Codable {
    case pending, done, cancelled
}

public struct Plan: Sendable, Equatable {
    public var id: PlanID
    public var customerId: CustomerID
    public var customerName: String?
    public var userId: UserID
    public var plannedAt: Date
    public var subject: String
    public var notes: String?
    public var status: PlanStatus
    public var visitId: VisitID?
    public var createdAt: Date

    public init(
        id: PlanID, customerId: CustomerID, customerName: String? = nil, userId: UserID, plannedAt: Date, subject: String,
        notes: String?, status: PlanStatus, visitId: VisitID?, createdAt: Date
    ) {
        self.id = id
        self.customerId = customerId
        self.customerName = customerName
        self.userId = userId
        self.plannedAt = plannedAt
        self.subject = subject
        self.notes = notes
        self.status = status
        self.visitId = visitId
        self.createdAt = createdAt
    }

    /// A pending plan whose time has passed.
    public func isOverdue(at now: Date) -> Bool { status == .pending && plannedAt < now }
}

/// Which visits and plans a user may see and change (docs/visits.md#visit-access).
public struct WorkAccess: Sendable, Equatable {
    public var user: User
    public var scope: ManagementScope

    public init(user: User, scope: ManagementScope) {
        self.user = user
        self.scope = scope
    }

    /// Authors whose visits and plans the user sees and changes: themselves and those they manage.
    public var authors: OwnerFilter {
        switch scope {
        case .everyone: .any
        case .users(let ids): .owners(ids)
        }
    }

    /// Besides those authors' visits, the current owner sees every visit of their customers.
    public func canSee(_ visit: Visit, customerOwner: UserID?) -> Bool {
        authors.matches(visit.userId) || customerOwner == user.id
    }

    public func canModify(authoredBy author: UserID) -> Bool { authors.matches(author) }
}

public struct VisitQuery: Sendable {
    /// Authors to include; nil for everyone the caller may see.
    public var userIds: Set<UserID>?
    public var customerId: CustomerID?
    public var from: Date?
    public var to: Date?
    public var method: VisitMethod?
    public var limit = 50
    /// (visitedAt, id) of the last row of the previous page; newest first.
    public var after: (Date, VisitID)?

    public init(userIds: Set<UserID>? = nil, limit: Int = 50) {
        self.userIds = userIds
        self.limit = limit
    }
}

public struct PlanQuery: Sendable {
    public var userIds: Set<UserID>?
    public var status: PlanStatus?
    public var from: Date?
    public var to: Date?
    public var customerId: CustomerID?
    public var limit = 50
    /// (plannedAt, id) of the last row of the previous page; soonest first.
    public var after: (Date, PlanID)?

    public init() {}
}

/// Visit records and plans.
public protocol VisitRepository: Sendable {
    /// Stores the visit, moves the customer's last visit forward and, with a plan, marks the plan
    /// done and links the visit — all in one transaction. A plan no longer pending throws `conflict`.
    func create(_ visit: Visit) async throws -> Visit
    func visit(id: VisitID) async throws -> (visit: Visit, customerOwner: UserID?)?
    /// Visits by the given authors, or on customers owned by `orOwner`, newest first.
    func visits(_ query: VisitQuery, authors: OwnerFilter, orOwner: UserID?) async throws -> [Visit]
    func update(_ visit: Visit) async throws
    func delete(id: VisitID) async throws

    func createPlan(_ plan: Plan) async throws -> Plan
    func plan(id: PlanID) async throws -> Plan?
    func plans(_ query: PlanQuery, authors: OwnerFilter) async throws -> [Plan]
    func updatePlan(_ plan: Plan) async throws
    func deletePlan(id: PlanID) async throws

    /// Visits per day (`TimeZone.dayNumber`) and method, and the `customerLimit` most visited
    /// customers, for the summary.
    func summary(authors: Set<UserID>, from: Date, to: Date, timeZone: TimeZone, customerLimit: Int) async throws -> VisitSummaryData
    /// Customers per owner, the pool's size and releases per day (`TimeZone.dayNumber`).
    func poolReport(owners: OwnerFilter, from: Date, to: Date, timeZone: TimeZone) async throws -> PoolReport
}

public struct VisitSummaryData: Sendable, Equatable {
    /// Days since 1970-01-01 in the report's zone (`TimeZone.dayNumber`), and the visits on each.
    public var perDay: [Int: Int]
    public var byMethod: [VisitMethod: Int]
    public var customersVisited: Int
    /// The most visited first; ties: the most recently visited first.
    public var byCustomer: [CustomerVisits]

    public init(perDay: [Int: Int], byMethod: [VisitMethod: Int], customersVisited: Int, byCustomer: [CustomerVisits]) {
        self.perDay = perDay
        self.byMethod = byMethod
        self.customersVisited = customersVisited
        self.byCustomer = byCustomer
    }
}

public struct CustomerVisits: Sendable, Equatable {
    public var customerId: CustomerID
    public var name: String
    public var visits: Int
    public var lastVisitAt: Date

    public init(customerId: CustomerID, name: String, visits: Int, lastVisitAt: Date) {
        self.customerId = customerId
        self.name = name
        self.visits = visits
        self.lastVisitAt = lastVisitAt
    }
}

public struct PoolReport: Sendable, Equatable {
    public struct Owner: Sendable, Equatable {
        public var userId: UserID
        public var displayName: String
        public var customers: Int
        public init(userId: UserID, displayName: String, customers: Int) {
            self.userId = userId
            self.displayName = displayName
            self.customers = customers
        }
    }

    public struct Releases: Sendable, Equatable {
        public var day: Int
        public var manual: Int
        public var automatic: Int
        public init(day: Int, manual: Int, automatic: Int) {
            self.day = day
            self.manual = manual
            self.automatic = automatic
        }
    }

    public var owners: [Owner]
    public var publicCustomers: Int
    public var releases: [Releases]

    public init(owners: [Owner], publicCustomers: Int, releases: [Releases]) {
        self.owners = owners
        self.publicCustomers = publicCustomers
        self.releases = releases
    }
}

extension TimeZone {
    /// The day `date` falls on in this zone, as days since 1970-01-01: the number reports group by.
    public func dayNumber(of date: Date) -> Int {
        Int(((date.timeIntervalSince1970 + Double(secondsFromGMT(for: date))) / 86_400).rounded(.down))
    }

    /// `from..<to` cut where the zone's offset from UTC changes (daylight saving), each stretch with
    /// its offset in seconds, so a store can number days with one offset per stretch.
    public func offsetSpans(from: Date, to: Date) -> [(from: Date, to: Date, offset: Int)] {
        var spans: [(from: Date, to: Date, offset: Int)] = []
        var start = from
        while start < to {
            let end = nextDaylightSavingTimeTransition(after: start).map { min($0, to) } ?? to
            spans.append((start, end, secondsFromGMT(for: start)))
            start = end
        }
        return spans
    }
}
