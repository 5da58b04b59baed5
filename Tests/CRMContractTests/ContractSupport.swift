import CRMCore
import Foundation
import Testing

/// The moment the tests' times count from (2026-03-01T00:00:00Z). Every time is a whole second
/// from it, which every store keeps exactly.
let t0 = Date(timeIntervalSince1970: 1_772_323_200)
/// The clock's time to the second, for sessions: a store may purge them as they expire by the clock.
func clockNow() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }
let minute: TimeInterval = 60
let hour: TimeInterval = 3_600
let day: TimeInterval = 86_400

func newUser(_ name: String, position: PositionID? = nil) -> NewUser {
    NewUser(username: name, displayName: name, positionId: position, isAdmin: false, passwordHash: "hash-\(name)")
}

extension Repositories {
    /// A new user whose username and display name are `name`.
    func user(_ name: String, position: PositionID? = nil) async throws -> User {
        try await users.create(newUser(name, position: position), at: t0)
    }

    /// A new customer of `owner` named `name`, created at `at`.
    func customer(_ name: String, owner: User, at: Date = t0) async throws -> Customer {
        try await customers.create(CustomerFields(name: name), owner: owner.id, at: at)
    }

    /// A visit by `user` to `customer` at `at`.
    func visit(_ customer: Customer, by user: User, at: Date, method: VisitMethod = .visit, plan: PlanID? = nil) async throws -> Visit {
        try await visits.create(
            Visit(
                id: 0, customerId: customer.id, userId: user.id, visitedAt: at, method: method, contactId: nil,
                content: "拜访 \(customer.fields.name)", nextStep: nil, planId: plan, createdAt: at))
    }

    /// A pending plan of `user` for `customer` at `at`.
    func plan(_ customer: Customer, by user: User, at: Date, subject: String = "回访") async throws -> Plan {
        try await visits.createPlan(
            Plan(
                id: 0, customerId: customer.id, userId: user.id, plannedAt: at, subject: subject, notes: nil, status: .pending,
                visitId: nil, createdAt: t0))
    }
}

/// Every page of a list paged by its last row: pages are read, each after the last row of the one
/// before, while they are full; at most `maxPages`, a walk that never ends.
func pages<Row>(
    limit: Int, maxPages: Int = 100, sourceLocation: SourceLocation = #_sourceLocation, _ read: (_ after: Row?) async throws -> [Row]
) async throws -> [[Row]] {
    var pages: [[Row]] = []
    while pages.count < maxPages {
        let page = try await read(pages.last?.last)
        #expect(page.count <= limit, "a page longer than its limit", sourceLocation: sourceLocation)
        pages.append(page)
        if page.count < limit { return pages }
    }
    Issue.record("the walk did not end after \(maxPages) pages", sourceLocation: sourceLocation)
    return pages
}

/// Whether an owner filter lets a customer's owner (or a visit's or plan's author) through.
func admits(_ filter: OwnerFilter, _ owner: UserID?) -> Bool {
    switch filter {
    case .any: true
    case .publicOnly: owner == nil
    case .owners(let ids): owner.map(ids.contains) ?? false
    case .ownersOrPublic(let ids): owner.map(ids.contains) ?? true
    }
}

/// Expects `body` to throw the domain's conflict (`CRMError.conflict`).
func expectConflict<R>(
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> R
) async {
    let error = await #expect(throws: CRMError.self, comment, sourceLocation: sourceLocation) { _ = try await body() }
    if let error, !isConflict(error) {
        Issue.record("expected a conflict, got \(error)", sourceLocation: sourceLocation)
    }
}

func isConflict(_ error: any Error) -> Bool {
    if case .conflict = error as? CRMError { return true }
    return false
}

let utcZone = TimeZone(identifier: "UTC")!

/// Days since 1970-01-01 of a calendar date: the numbers reports group by.
func dayNumber(_ year: Int, _ month: Int, _ day: Int) -> Int {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = utcZone
    let date = calendar.date(from: DateComponents(year: year, month: month, day: day))!
    return Int(date.timeIntervalSince1970 / 86_400)
}

/// A moment given as a local time in `zone`.
func time(_ zone: TimeZone, _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
}

/// A UTC time given by its parts.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int = 0) -> Date {
    time(utcZone, year, month, day, hour, minute)
}
