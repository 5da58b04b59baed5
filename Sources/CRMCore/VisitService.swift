import Foundation

public struct VisitInput: Sendable {
    public var visitedAt: Date
    public var method: VisitMethod
    public var contactId: ContactID?
    public var content: String
    public var nextStep: String?
    public var planId: PlanID?

    public init(visitedAt: Date, method: VisitMethod, contactId: ContactID?, content: String, nextStep: String?, planId: PlanID?) {
        self.visitedAt = visitedAt
        self.method = method
        self.contactId = contactId
        self.content = content
        self.nextStep = nextStep
        self.planId = planId
    }
}

public struct VisitSummary: Sendable {
    public var total: Int
    /// Every day of the range, in order, with its count (zeros included).
    public var perDay: [(day: DateComponents, visits: Int)]
    public var workingDays: Int
    public var averagePerWorkingDay: Double
    public var customersVisited: Int
    public var byMethod: [VisitMethod: Int]
    public var byCustomer: [CustomerVisits]
}

/// Visit records, plans and the manager's summaries (docs/visits.md, docs/reports.md).
public final class VisitService: Sendable {
    let repositories: Repositories
    let customers: CustomerService
    let timeZone: TimeZone
    let now: @Sendable () -> Date

    public init(
        repositories: Repositories, customers: CustomerService, timeZone: TimeZone,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.repositories = repositories
        self.customers = customers
        self.timeZone = timeZone
        self.now = now
    }

    var store: any VisitRepository { repositories.visits }

    public func access(for user: User) async throws -> WorkAccess {
        WorkAccess(user: user, scope: try await customers.directory.get().chart.scope(of: user))
    }

    /// The authors a query may name: every one must be in the caller's scope (else 403).
    func authors(_ userIds: Set<UserID>?, access: WorkAccess) throws -> OwnerFilter {
        guard let userIds else { return access.authors }
        let outside = userIds.filter { !access.authors.matches($0) }
        if !outside.isEmpty {
            let users = outside.sorted().map(String.init).joined(separator: ", ")
            throw CRMError.forbidden("You don't manage user \(users).", code: ErrorCode("not-your-team", ["users": .text(users)]))
        }
        return .owners(userIds)
    }

    // MARK: Visits

    public func log(_ input: VisitInput, on customerId: CustomerID, by user: User) async throws -> Visit {
        _ = try await customers.customer(id: customerId, by: user)
        var validation = Validation()
        let content = validation.text("content", input.content, maxLength: 5000, multiline: true)
        let nextStep = validation.optionalText("nextStep", input.nextStep, maxLength: 1000, multiline: true)
        if let contactId = input.contactId {
            let contact = try await repositories.customers.contact(id: contactId)
            if contact?.customerId != customerId { validation.add("contactId", "is not a contact of customer \(customerId)", code: "contact-of-other-customer") }
        }
        if let planId = input.planId {
            let access = try await access(for: user)
            if let plan = try await store.plan(id: planId), access.canModify(authoredBy: plan.userId) {
                if plan.customerId != customerId { validation.add("planId", "is a plan for another customer", code: "plan-of-other-customer") }
                try validation.check()
                if plan.status != .pending {
                    throw CRMError.conflict(
                        "Plan \(planId) is \(plan.status.rawValue) already; log the visit without it.",
                        code: ErrorCode("plan-not-pending", ["id": .text("\(planId)")]))
                }
            } else {
                validation.add("planId", "there is no plan \(planId) of yours", code: .unknown("plan", planId))
            }
        }
        try validation.check()
        let visit = Visit(
            id: 0, customerId: customerId, userId: user.id, visitedAt: input.visitedAt, method: input.method,
            contactId: input.contactId, content: content, nextStep: nextStep, planId: input.planId, createdAt: now())
        return try await store.create(visit)
    }

    public func visits(of customerId: CustomerID, limit: Int, after: (Date, VisitID)?, by user: User) async throws -> [Visit] {
        _ = try await customers.customer(id: customerId, by: user)
        var query = VisitQuery()
        query.customerId = customerId
        query.limit = limit
        query.after = after
        let access = try await access(for: user)
        return try await store.visits(query, authors: access.authors, orOwner: user.id)
    }

    public func visits(_ query: VisitQuery, by user: User) async throws -> [Visit] {
        let access = try await access(for: user)
        let authors = try authors(query.userIds, access: access)
        // Naming authors narrows to them; otherwise the caller also sees all visits of their own customers.
        return try await store.visits(query, authors: authors, orOwner: query.userIds == nil ? user.id : nil)
    }

    public func visit(id: VisitID, by user: User) async throws -> Visit {
        let access = try await access(for: user)
        guard let found = try await store.visit(id: id), access.canSee(found.visit, customerOwner: found.customerOwner) else {
            throw CRMError.notFound("There is no visit \(id) that you may see.", code: .notFound("visit", id))
        }
        return found.visit
    }

    public struct VisitChanges: Sendable {
        public var visitedAt: Date?
        public var method: VisitMethod?
        public var contactId: Patch<ContactID?> = .absent
        public var content: String?
        public var nextStep: Patch<String?> = .absent
        public init() {}
    }

    public func update(visit id: VisitID, _ changes: VisitChanges, by user: User) async throws -> Visit {
        var visit = try await modifiableVisit(id, by: user)
        var validation = Validation()
        if let visitedAt = changes.visitedAt { visit.visitedAt = visitedAt }
        if let method = changes.method { visit.method = method }
        if let content = changes.content { visit.content = validation.text("content", content, maxLength: 5000, multiline: true) }
        if case .set(let text) = changes.nextStep { visit.nextStep = validation.optionalText("nextStep", text, maxLength: 1000, multiline: true) }
        if case .set(let contactId) = changes.contactId {
            if let contactId, try await repositories.customers.contact(id: contactId)?.customerId != visit.customerId {
                validation.add("contactId", "is not a contact of customer \(visit.customerId)", code: "contact-of-other-customer")
            }
            visit.contactId = contactId
        }
        try validation.check()
        try await store.update(visit)
        return try await self.visit(id: id, by: user)
    }

    public func delete(visit id: VisitID, by user: User) async throws {
        _ = try await modifiableVisit(id, by: user)
        try await store.delete(id: id)
    }

    private func modifiableVisit(_ id: VisitID, by user: User) async throws -> Visit {
        let visit = try await visit(id: id, by: user)
        guard try await access(for: user).canModify(authoredBy: visit.userId) else {
            throw CRMError.forbidden(
                "Only the author, their managers and the administrator may change visit \(id).",
                code: ErrorCode("visit-not-modifiable", ["id": .text("\(id)")]))
        }
        return visit
    }

    // MARK: Plans

    public func createPlan(customerId: CustomerID, plannedAt: Date, subject: String, notes: String?, by user: User) async throws -> Plan {
        _ = try await customers.customer(id: customerId, by: user)
        var validation = Validation()
        let subject = validation.text("subject", subject, maxLength: 200)
        let notes = validation.optionalText("notes", notes, maxLength: 5000, multiline: true)
        try validation.check()
        return try await store.createPlan(
            Plan(
                id: 0, customerId: customerId, userId: user.id, plannedAt: plannedAt, subject: subject, notes: notes,
                status: .pending, visitId: nil, createdAt: now()))
    }

    public func plans(_ query: PlanQuery, by user: User) async throws -> [Plan] {
        let access = try await access(for: user)
        return try await store.plans(query, authors: try authors(query.userIds, access: access))
    }

    public func plan(id: PlanID, by user: User) async throws -> Plan {
        let access = try await access(for: user)
        guard let plan = try await store.plan(id: id), access.canModify(authoredBy: plan.userId) else {
            throw CRMError.notFound("There is no plan \(id) that you may see.", code: .notFound("plan", id))
        }
        return plan
    }

    public struct PlanChanges: Sendable {
        public var plannedAt: Date?
        public var subject: String?
        public var notes: Patch<String?> = .absent
        public var status: PlanStatus?
        public init() {}
    }

    public func update(plan id: PlanID, _ changes: PlanChanges, by user: User) async throws -> Plan {
        var plan = try await plan(id: id, by: user)
        var validation = Validation()
        if let plannedAt = changes.plannedAt { plan.plannedAt = plannedAt }
        if let subject = changes.subject { plan.subject = validation.text("subject", subject, maxLength: 200) }
        if case .set(let text) = changes.notes { plan.notes = validation.optionalText("notes", text, maxLength: 5000, multiline: true) }
        if let status = changes.status {
            if plan.visitId != nil && status != .done {
                validation.add("status", "a plan done by a logged visit stays done", code: "plan-stays-done")
            }
            plan.status = status
        }
        try validation.check()
        try await store.updatePlan(plan)
        return plan
    }

    public func delete(plan id: PlanID, by user: User) async throws {
        _ = try await plan(id: id, by: user)
        try await store.deletePlan(id: id)
    }

    public func isOverdue(_ plan: Plan) -> Bool { plan.isOverdue(at: now()) }

    // MARK: Summaries

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Visits of the given users between two dates, both inclusive, in the server's time zone, with
    /// the `customerLimit` most visited customers.
    public func summary(
        userIds: Set<UserID>, from: DateComponents, to: DateComponents, customerLimit: Int, by user: User
    ) async throws -> VisitSummary {
        let access = try await access(for: user)
        let users = userIds.isEmpty ? [user.id] : userIds
        _ = try authors(users, access: access)
        let calendar = calendar
        let (start, end, days) = try range(from: from, to: to, calendar: calendar)
        let data = try await store.summary(authors: users, from: start, to: end, timeZone: timeZone, customerLimit: customerLimit)
        let perDay = eachDay(from: start, count: days, calendar: calendar).map { day, number in
            (day: day, visits: data.perDay[number] ?? 0)
        }
        let workingDays = perDay.filter { !calendar.isDateInWeekend(calendar.date(from: $0.day)!) }.count
        let total = perDay.reduce(0) { $0 + $1.visits }
        return VisitSummary(
            total: total, perDay: perDay, workingDays: workingDays,
            averagePerWorkingDay: workingDays == 0 ? 0 : Double(total) / Double(workingDays),
            customersVisited: data.customersVisited, byMethod: data.byMethod, byCustomer: data.byCustomer)
    }

    public struct PoolSummary: Sendable {
        public var owners: [PoolReport.Owner]
        public var publicCustomers: Int
        /// Every day of the range with its manual and automatic releases.
        public var releases: [(day: DateComponents, manual: Int, automatic: Int)]
    }

    public func poolReport(from: DateComponents, to: DateComponents, by user: User) async throws -> PoolSummary {
        let access = try await access(for: user)
        let calendar = calendar
        let (start, end, days) = try range(from: from, to: to, calendar: calendar)
        let report = try await store.poolReport(owners: access.authors, from: start, to: end, timeZone: timeZone)
        let byDay = Dictionary(uniqueKeysWithValues: report.releases.map { ($0.day, $0) })
        let releases = eachDay(from: start, count: days, calendar: calendar).map { day, number in
            (day, byDay[number]?.manual ?? 0, byDay[number]?.automatic ?? 0)
        }
        return PoolSummary(owners: report.owners, publicCustomers: report.publicCustomers, releases: releases)
    }

    /// Each day from `start`, as a calendar day and as the day number the storage groups by.
    func eachDay(from start: Date, count: Int, calendar: Calendar) -> [(DateComponents, Int)] {
        (0..<count).map { index in
            let date = calendar.date(byAdding: .day, value: index, to: start)!
            return (calendar.dateComponents([.year, .month, .day], from: date), timeZone.dayNumber(of: date))
        }
    }

    /// The start of `from`, the start of the day after `to`, and the number of days.
    func range(from: DateComponents, to: DateComponents, calendar: Calendar) throws -> (Date, Date, Int) {
        guard let start = calendar.date(from: from), let last = calendar.date(from: to) else {
            throw CRMError.invalid("from", "must be a date such as 2026-11-01", code: .format("date"))
        }
        let days = (calendar.dateComponents([.day], from: start, to: last).day ?? -1) + 1
        guard days >= 1 else { throw CRMError.invalid("to", "must not be before from", code: "before-start") }
        guard days <= 366 else { throw CRMError.invalid("to", "a summary covers at most 366 days", code: ErrorCode("range-too-long", ["max": 366])) }
        guard (calendar.dateComponents([.year], from: last).year ?? 0) <= 9998 else {
            throw CRMError.invalid("to", "must be before the year 9999", code: .format("date"))
        }
        return (start, calendar.date(byAdding: .day, value: days, to: start)!, days)
    }
}
