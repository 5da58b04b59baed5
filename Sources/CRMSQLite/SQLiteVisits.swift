import CRMCore
import Foundation
import GRDB

struct SQLiteVisits: VisitRepository {
    let pool: DatabasePool
    let creates: WriteBatcher<Visit, VisitID>

    static let columns = """
        v.id, v.customer_id, c.name AS customer_name, v.user_id, u.display_name AS user_name, v.visited_at, v.method,
        v.contact_id, v.content, v.next_step, v.plan_id, v.created_at
        """
    /// Visits lead: joined the other way round, the planner reads every visit of every user to sort them.
    static let from = "visits v CROSS JOIN customers c ON c.id = v.customer_id CROSS JOIN users u ON u.id = v.user_id"

    static func visit(_ row: Row) -> Visit {
        Visit(
            id: row["id"], customerId: row["customer_id"], customerName: row["customer_name"], userId: row["user_id"],
            userName: row["user_name"], visitedAt: Date(timeIntervalSince1970: row["visited_at"]),
            method: VisitMethod(rawValue: row["method"]) ?? .other, contactId: row["contact_id"], content: row["content"],
            nextStep: row["next_step"], planId: row["plan_id"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    /// The customer's last visit is its latest visit, whatever order visits are logged or removed in.
    static func refreshLastVisit(_ db: Database, customer: CustomerID) throws {
        try db.cachedStatement(
            sql: "UPDATE customers SET last_visit_at = (SELECT max(visited_at) FROM visits WHERE customer_id = ?1) WHERE id = ?1"
        ).execute(arguments: [customer])
    }

    func create(_ visit: Visit) async throws -> Visit {
        try await self.visit(id: try await creates.write(visit))!.visit
    }

    /// Logs the visit, marks its plan done and moves the customer's last visit. Its statements are
    /// cached, as a customer create's are (`SQLiteCustomers.writeIndex`).
    static func insert(_ db: Database, _ visit: Visit) throws -> VisitID {
        try db.cachedStatement(
            sql: """
                INSERT INTO visits (customer_id, user_id, visited_at, method, contact_id, content, next_step, plan_id, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                visit.customerId, visit.userId, visit.visitedAt.timeIntervalSince1970, visit.method.rawValue,
                visit.contactId, visit.content, visit.nextStep, visit.planId, visit.createdAt.timeIntervalSince1970,
            ])
        let id = db.lastInsertedRowID
        if let planId = visit.planId {
            try db.cachedStatement(
                sql: "UPDATE plans SET status = 'done', visit_id = ? WHERE id = ? AND customer_id = ? AND status = 'pending'"
            ).execute(arguments: [id, planId, visit.customerId])
            if db.changesCount == 0 {
                throw CRMError.conflict(
                    "Plan \(planId) is no longer pending; log the visit without it.",
                    code: ErrorCode("plan-not-pending", ["id": .text("\(planId)")]))
            }
        }
        try refreshLastVisit(db, customer: visit.customerId)
        return id
    }

    func visit(id: VisitID) async throws -> (visit: Visit, customerOwner: UserID?)? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns), c.owner_id FROM \(Self.from) WHERE v.id = ?", arguments: [id])
                .map { (Self.visit($0), $0["owner_id"]) }
        }
    }

    func visits(_ query: VisitQuery, authors: OwnerFilter, orOwner: UserID?) async throws -> [Visit] {
        let (sql, arguments) = Self.list(query, authors: authors, orOwner: orOwner)
        return try await pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.visit) }
    }

    /// The query of a page of visits, newest first.
    static func list(_ query: VisitQuery, authors: OwnerFilter, orOwner: UserID?) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        let (authorSQL, authorArguments) = authors.sql("v.user_id")
        if let owner = orOwner, authors != .any {
            conditions.append("(\(authorSQL) OR c.owner_id = ?)")
            arguments += authorArguments + [owner]
        } else {
            conditions.append(authorSQL)
            arguments += authorArguments
        }
        if let customer = query.customerId {
            conditions.append("v.customer_id = ?")
            arguments += [customer]
        }
        if let from = query.from {
            conditions.append("v.visited_at >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let to = query.to {
            conditions.append("v.visited_at < ?")
            arguments += [to.timeIntervalSince1970]
        }
        if let method = query.method {
            conditions.append("v.method = ?")
            arguments += [method.rawValue]
        }
        if let (time, id) = query.after {
            conditions.append("(v.visited_at, v.id) < (?, ?)")
            arguments += [time.timeIntervalSince1970, id]
        }
        let sql = """
            SELECT \(columns) FROM \(from) WHERE \(conditions.joined(separator: " AND "))
            ORDER BY v.visited_at DESC, v.id DESC LIMIT ?
            """
        return (sql, arguments + [query.limit])
    }

    func update(_ visit: Visit) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE visits SET visited_at = ?, method = ?, contact_id = ?, content = ?, next_step = ? WHERE id = ?",
                arguments: [
                    visit.visitedAt.timeIntervalSince1970, visit.method.rawValue, visit.contactId, visit.content,
                    visit.nextStep, visit.id,
                ])
            try Self.refreshLastVisit(db, customer: visit.customerId)
        }
    }

    func delete(id: VisitID) async throws {
        try await pool.write { db in
            guard let customer = try CustomerID.fetchOne(db, sql: "SELECT customer_id FROM visits WHERE id = ?", arguments: [id])
            else { return }
            try db.execute(sql: "DELETE FROM visits WHERE id = ?", arguments: [id])
            try Self.refreshLastVisit(db, customer: customer)
        }
    }

    static let planColumns = """
        p.id, p.customer_id, c.name AS customer_name, p.user_id, p.planned_at, p.subject, p.notes, p.status, p.visit_id,
        p.created_at
        """

    static func plan(_ row: Row) -> Plan {
        Plan(
            id: row["id"], customerId: row["customer_id"], customerName: row["customer_name"], userId: row["user_id"],
            plannedAt: Date(timeIntervalSince1970: row["planned_at"]), subject: row["subject"], notes: row["notes"],
            status: PlanStatus(rawValue: row["status"]) ?? .pending, visitId: row["visit_id"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    func createPlan(_ plan: Plan) async throws -> Plan {
        let id = try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO plans (customer_id, user_id, planned_at, subject, notes, status, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    plan.customerId, plan.userId, plan.plannedAt.timeIntervalSince1970, plan.subject, plan.notes,
                    plan.status.rawValue, plan.createdAt.timeIntervalSince1970,
                ])
            return db.lastInsertedRowID
        }
        return try await self.plan(id: id)!
    }

    func plan(id: PlanID) async throws -> Plan? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.planColumns) FROM plans p JOIN customers c ON c.id = p.customer_id WHERE p.id = ?",
                arguments: [id]
            ).map(Self.plan)
        }
    }

    func plans(_ query: PlanQuery, authors: OwnerFilter) async throws -> [Plan] {
        let (authorSQL, authorArguments) = authors.sql("p.user_id")
        var conditions = [authorSQL]
        var arguments = authorArguments
        if let status = query.status {
            conditions.append("p.status = ?")
            arguments += [status.rawValue]
        }
        if let from = query.from {
            conditions.append("p.planned_at >= ?")
            arguments += [from.timeIntervalSince1970]
        }
        if let to = query.to {
            conditions.append("p.planned_at < ?")
            arguments += [to.timeIntervalSince1970]
        }
        if let customer = query.customerId {
            conditions.append("p.customer_id = ?")
            arguments += [customer]
        }
        if let (time, id) = query.after {
            conditions.append("(p.planned_at, p.id) > (?, ?)")
            arguments += [time.timeIntervalSince1970, id]
        }
        let sql = """
            SELECT \(Self.planColumns) FROM plans p JOIN customers c ON c.id = p.customer_id
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.planned_at, p.id LIMIT ?
            """
        let all = arguments + [query.limit]
        return try await pool.read { db in try Row.fetchAll(db, sql: sql, arguments: all).map(Self.plan) }
    }

    func updatePlan(_ plan: Plan) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE plans SET planned_at = ?, subject = ?, notes = ?, status = ? WHERE id = ?",
                arguments: [plan.plannedAt.timeIntervalSince1970, plan.subject, plan.notes, plan.status.rawValue, plan.id])
        }
    }

    func deletePlan(id: PlanID) async throws {
        try await pool.write { db in try db.execute(sql: "DELETE FROM plans WHERE id = ?", arguments: [id]) }
    }

    func summary(authors: Set<UserID>, from: Date, to: Date, timeZone: TimeZone, customerLimit: Int) async throws -> VisitSummaryData {
        let scope: StatementArguments = [json(authors), from.timeIntervalSince1970, to.timeIntervalSince1970]
        let range = "user_id IN (SELECT value FROM json_each(?)) AND visited_at >= ? AND visited_at < ?"
        return try await pool.read { db in
            var perDay: [Int: Int] = [:]
            var byMethod: [VisitMethod: Int] = [:]
            for span in timeZone.offsetSpans(from: from, to: to) {
                let days = try Row.fetchCursor(
                    db, sql: "SELECT CAST((visited_at + ?) / 86400 AS INTEGER), method, count(*) FROM visits WHERE \(range) GROUP BY 1, 2",
                    arguments: [span.offset, json(authors), span.from.timeIntervalSince1970, span.to.timeIntervalSince1970])
                while let row = try days.next() {
                    let visits: Int = row[2]
                    perDay[row[0], default: 0] += visits
                    if let method = VisitMethod(rawValue: row[1]) { byMethod[method, default: 0] += visits }
                }
            }
            // Names are joined to the page only; the window counts every customer before the limit.
            let top = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.customer_id, c.name, t.n, t.last, t.customers FROM (
                        SELECT customer_id, count(*) AS n, max(visited_at) AS last, count(*) OVER () AS customers
                        FROM visits WHERE \(range) GROUP BY customer_id ORDER BY n DESC, last DESC, customer_id LIMIT ?
                    ) t JOIN customers c ON c.id = t.customer_id ORDER BY t.n DESC, t.last DESC, t.customer_id
                    """,
                arguments: scope + [customerLimit])
            return VisitSummaryData(
                perDay: perDay, byMethod: byMethod, customersVisited: top.first?[4] ?? 0,
                byCustomer: top.map {
                    CustomerVisits(customerId: $0[0], name: $0[1], visits: $0[2], lastVisitAt: Date(timeIntervalSince1970: $0[3]))
                })
        }
    }

    func poolReport(owners: OwnerFilter, from: Date, to: Date, timeZone: TimeZone) async throws -> PoolReport {
        let (ownerSQL, ownerArguments) = owners.sql("c.owner_id")
        let (releasedBySQL, releasedByArguments) = owners.sql("h.from_user_id")
        return try await pool.read { db in
            let perOwner = try Row.fetchAll(
                db,
                sql: """
                    SELECT c.owner_id, u.display_name, count(*) AS n FROM customers c JOIN users u ON u.id = c.owner_id
                    WHERE c.owner_id IS NOT NULL AND \(ownerSQL) GROUP BY c.owner_id ORDER BY n DESC, c.owner_id
                    """,
                arguments: ownerArguments
            ).map { PoolReport.Owner(userId: $0["owner_id"], displayName: $0["display_name"], customers: $0["n"]) }
            let publicCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE owner_id IS NULL") ?? 0
            var releases: [Int: PoolReport.Releases] = [:]
            for span in timeZone.offsetSpans(from: from, to: to) {
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT CAST((h.at + ?) / 86400 AS INTEGER) AS day, sum(h.action = 'released') AS manual,
                               sum(h.action = 'auto-released') AS automatic
                        FROM customer_history h
                        WHERE h.action IN ('released', 'auto-released') AND h.at >= ? AND h.at < ? AND \(releasedBySQL)
                        GROUP BY day
                        """,
                    arguments: [span.offset, span.from.timeIntervalSince1970, span.to.timeIntervalSince1970] + releasedByArguments)
                {
                    let day: Int = row["day"]
                    var total = releases[day] ?? PoolReport.Releases(day: day, manual: 0, automatic: 0)
                    total.manual += row["manual"]
                    total.automatic += row["automatic"]
                    releases[day] = total
                }
            }
            return PoolReport(owners: perOwner, publicCustomers: publicCount, releases: releases.values.sorted { $0.day < $1.day })
        }
    }
}
