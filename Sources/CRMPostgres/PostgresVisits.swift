import CRMCore
import Foundation
import PostgresNIO

struct PostgresVisits: VisitRepository {
    let db: Database

    static let columns = """
        v.id, v.customer_id, c.name, v.user_id, u.display_name, v.visited_at, v.method, v.contact_id, v.content, v.next_step,
        v.plan_id, v.created_at
        """
    static let from = "visits v JOIN customers c ON c.id = v.customer_id JOIN users u ON u.id = v.user_id"

    static func visit(_ row: PostgresRandomAccessRow) throws -> Visit {
        Visit(
            id: try row.get(0), customerId: try row.get(1), customerName: try row.get(2), userId: try row.get(3),
            userName: try row.get(4), visitedAt: try row.get(5), method: VisitMethod(rawValue: try row.get(6)) ?? .other,
            contactId: try row.get(7), content: try row.get(8), nextStep: try row.get(9), planId: try row.get(10),
            createdAt: try row.get(11))
    }

    /// The customer's last visit is its latest visit, whatever order visits are logged or removed
    /// in. A statement sees the visits as they were before it: `without` leaves out the visit it
    /// changes or removes, `with` adds the time it writes.
    static func lastVisit(customer: String, without: String? = nil, with time: String? = nil) -> String {
        var times = "SELECT visited_at FROM visits WHERE customer_id = \(customer)"
        if let without { times += " AND id <> \(without)" }
        if let time { times += " UNION ALL SELECT \(time)" }
        return "UPDATE customers SET last_visit_at = (SELECT max(visited_at) FROM (\(times)) times) WHERE id = \(customer)"
    }

    /// Logs the visit, marks its plan done, moves the customer's last visit and reads the visit
    /// back, in one statement; a plan no longer pending makes the statement fail whole.
    func create(_ visit: Visit) async throws -> Visit {
        var binds = PostgresBindings()
        let customer = binds.add(visit.customerId)
        let time = binds.add(visit.visitedAt.pg)
        let plan = binds.add(visit.planId)
        let values = [
            customer, binds.add(visit.userId), time, binds.add(visit.method.rawValue), binds.add(visit.contactId),
            binds.add(visit.content), binds.add(visit.nextStep), plan, binds.add(visit.createdAt.pg),
        ].joined(separator: ", ")
        let sql = """
            WITH v AS (
                INSERT INTO visits (customer_id, user_id, visited_at, method, contact_id, content, next_step, plan_id, created_at)
                VALUES (\(values)) RETURNING *
            ), done AS (
                UPDATE plans SET status = 'done', visit_id = (SELECT id FROM v)
                WHERE id = \(plan)::int8 AND customer_id = \(customer) AND status = 'pending' RETURNING id
            ), last AS (
                \(Self.lastVisit(customer: customer, with: time))
            )
            SELECT \(Self.columns), crm_check(\(plan)::int8 IS NULL OR EXISTS (SELECT 1 FROM done), 'plan')
            FROM v JOIN customers c ON c.id = v.customer_id JOIN users u ON u.id = v.user_id
            """
        do {
            return try await db.first(PostgresQuery(unsafeSQL: sql, binds: binds), Self.visit)!
        } catch let error as PSQLError where error.sqlState == PostgresSchema.checkFailed {
            throw CRMError.conflict("Plan \(visit.planId ?? 0) is no longer pending; log the visit without it.")
        }
    }

    func visit(id: VisitID) async throws -> (visit: Visit, customerOwner: UserID?)? {
        try await db.first("SELECT \(unescaped: Self.columns), c.owner_id FROM \(unescaped: Self.from) WHERE v.id = \(id)") {
            (try Self.visit($0), try $0.get(12, as: Int64?.self))
        }
    }

    func visits(_ query: VisitQuery, authors: OwnerFilter, orOwner: UserID?) async throws -> [Visit] {
        var binds = PostgresBindings()
        var conditions: [String] = []
        let author = authors.sql("v.user_id", &binds)
        if let owner = orOwner, authors != .any {
            conditions.append("(\(author) OR c.owner_id = \(binds.add(owner)))")
        } else {
            conditions.append(author)
        }
        if let customer = query.customerId { conditions.append("v.customer_id = \(binds.add(customer))") }
        if let from = query.from { conditions.append("v.visited_at >= \(binds.add(from.pg))") }
        if let to = query.to { conditions.append("v.visited_at < \(binds.add(to.pg))") }
        if let method = query.method { conditions.append("v.method = \(binds.add(method.rawValue))") }
        if let (time, id) = query.after { conditions.append("(v.visited_at, v.id) < (\(binds.add(time.pg)), \(binds.add(id)))") }
        let sql = """
            SELECT \(Self.columns) FROM \(Self.from) WHERE \(conditions.joined(separator: " AND "))
            ORDER BY v.visited_at DESC, v.id DESC LIMIT \(binds.add(query.limit))
            """
        return try await db.all(PostgresQuery(unsafeSQL: sql, binds: binds), Self.visit)
    }

    func update(_ visit: Visit) async throws {
        var binds = PostgresBindings()
        let (id, customer, time) = (binds.add(visit.id), binds.add(visit.customerId), binds.add(visit.visitedAt.pg))
        let sql = """
            WITH changed AS (
                UPDATE visits SET visited_at = \(time), method = \(binds.add(visit.method.rawValue)),
                    contact_id = \(binds.add(visit.contactId)), content = \(binds.add(visit.content)),
                    next_step = \(binds.add(visit.nextStep))
                WHERE id = \(id)
            )
            \(Self.lastVisit(customer: customer, without: id, with: "(SELECT \(time)::timestamptz WHERE EXISTS (SELECT 1 FROM visits WHERE id = \(id)))"))
            """
        try await db.rows(PostgresQuery(unsafeSQL: sql, binds: binds))
    }

    func delete(id: VisitID) async throws {
        try await db.rows(
            """
            WITH gone AS (DELETE FROM visits WHERE id = \(id) RETURNING customer_id)
            UPDATE customers c SET last_visit_at = (
                SELECT max(visited_at) FROM visits WHERE customer_id = c.id AND id <> \(id)
            ) FROM gone WHERE c.id = gone.customer_id
            """)
    }

    static let planColumns = "p.id, p.customer_id, c.name, p.user_id, p.planned_at, p.subject, p.notes, p.status, p.visit_id, p.created_at"

    static func plan(_ row: PostgresRandomAccessRow) throws -> Plan {
        Plan(
            id: try row.get(0), customerId: try row.get(1), customerName: try row.get(2), userId: try row.get(3),
            plannedAt: try row.get(4), subject: try row.get(5), notes: try row.get(6),
            status: PlanStatus(rawValue: try row.get(7)) ?? .pending, visitId: try row.get(8), createdAt: try row.get(9))
    }

    func createPlan(_ plan: Plan) async throws -> Plan {
        try await db.first(
            """
            WITH p AS (
                INSERT INTO plans (customer_id, user_id, planned_at, subject, notes, status, created_at)
                VALUES (\(plan.customerId), \(plan.userId), \(plan.plannedAt.pg), \(plan.subject), \(plan.notes),
                        \(plan.status.rawValue), \(plan.createdAt.pg))
                RETURNING *
            )
            SELECT \(unescaped: Self.planColumns) FROM p JOIN customers c ON c.id = p.customer_id
            """, Self.plan)!
    }

    func plan(id: PlanID) async throws -> Plan? {
        try await db.first(
            "SELECT \(unescaped: Self.planColumns) FROM plans p JOIN customers c ON c.id = p.customer_id WHERE p.id = \(id)", Self.plan)
    }

    func plans(_ query: PlanQuery, authors: OwnerFilter) async throws -> [Plan] {
        var binds = PostgresBindings()
        var conditions = [authors.sql("p.user_id", &binds)]
        if let status = query.status { conditions.append("p.status = \(binds.add(status.rawValue))") }
        if let from = query.from { conditions.append("p.planned_at >= \(binds.add(from.pg))") }
        if let to = query.to { conditions.append("p.planned_at < \(binds.add(to.pg))") }
        if let customer = query.customerId { conditions.append("p.customer_id = \(binds.add(customer))") }
        if let (time, id) = query.after { conditions.append("(p.planned_at, p.id) > (\(binds.add(time.pg)), \(binds.add(id)))") }
        let sql = """
            SELECT \(Self.planColumns) FROM plans p JOIN customers c ON c.id = p.customer_id
            WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.planned_at, p.id LIMIT \(binds.add(query.limit))
            """
        return try await db.all(PostgresQuery(unsafeSQL: sql, binds: binds), Self.plan)
    }

    func updatePlan(_ plan: Plan) async throws {
        try await db.rows(
            """
            UPDATE plans SET planned_at = \(plan.plannedAt.pg), subject = \(plan.subject), notes = \(plan.notes),
                status = \(plan.status.rawValue)
            WHERE id = \(plan.id)
            """)
    }

    func deletePlan(id: PlanID) async throws {
        try await db.rows("DELETE FROM plans WHERE id = \(id)")
    }

    /// Days since 1970-01-01 in the report's zone (`TimeZone.dayNumber`) of the time in `column`:
    /// each stretch of the range between changes of the zone's offset numbers days with its own.
    static func day(_ column: String, zone: TimeZone, from: Date, to: Date, _ binds: inout PostgresBindings) -> String {
        let spans = zone.offsetSpans(from: from, to: to)
        var offset = binds.add(spans.last?.offset ?? zone.secondsFromGMT(for: from))
        if spans.count > 1 {
            let cases = spans.dropLast().map { "WHEN \(column) < \(binds.add($0.to.pg)) THEN \(binds.add($0.offset))" }
            offset = "CASE \(cases.joined(separator: " ")) ELSE \(offset) END"
        }
        return "floor((extract(epoch FROM \(column)) + \(offset)) / 86400)::int8"
    }

    func summary(authors: Set<UserID>, from: Date, to: Date, timeZone: TimeZone, customerLimit: Int) async throws -> VisitSummaryData {
        var binds = PostgresBindings()
        let (users, start, end, limit) = (binds.add(Array(authors)), binds.add(from.pg), binds.add(to.pg), binds.add(customerLimit))
        let day = Self.day("visited_at", zone: timeZone, from: from, to: to, &binds)
        let range = "user_id = ANY(\(users)) AND visited_at >= \(start) AND visited_at < \(end)"
        // Both parts in one statement, one snapshot: the days and methods as rows with a NULL
        // customer, then the most visited customers (names joined to the page only; the window
        // counts every customer before the limit).
        let sql = """
            SELECT 0 AS part, \(day), method, count(*), NULL::int8, NULL::text, NULL::timestamptz, NULL::int8
            FROM visits WHERE \(range) GROUP BY 2, 3
            UNION ALL
            SELECT 1, NULL, NULL, t.n, t.customer_id, c.name, t.last, t.customers FROM (
                SELECT customer_id, count(*) AS n, max(visited_at) AS last, count(*) OVER () AS customers
                FROM visits WHERE \(range) GROUP BY customer_id ORDER BY n DESC, last DESC, customer_id LIMIT \(limit)
            ) t JOIN customers c ON c.id = t.customer_id
            ORDER BY 1, 4 DESC, 7 DESC, 5
            """
        var perDay: [Int: Int] = [:]
        var byMethod: [VisitMethod: Int] = [:]
        var byCustomer: [CustomerVisits] = []
        var customersVisited = 0
        for row in try await db.rows(PostgresQuery(unsafeSQL: sql, binds: binds)) {
            let cells = row.makeRandomAccess()
            let visits = try cells.get(3, as: Int.self)
            if try cells.get(0, as: Int32.self) == 0 {
                perDay[Int(try cells.get(1, as: Int64.self)), default: 0] += visits
                if let method = VisitMethod(rawValue: try cells.get(2, as: String.self)) { byMethod[method, default: 0] += visits }
            } else {
                byCustomer.append(
                    CustomerVisits(customerId: try cells.get(4), name: try cells.get(5), visits: visits, lastVisitAt: try cells.get(6)))
                customersVisited = try cells.get(7, as: Int.self)
            }
        }
        return VisitSummaryData(perDay: perDay, byMethod: byMethod, customersVisited: customersVisited, byCustomer: byCustomer)
    }

    func poolReport(owners: OwnerFilter, from: Date, to: Date, timeZone: TimeZone) async throws -> PoolReport {
        var binds = PostgresBindings()
        let ownerCondition = owners.sql("c.owner_id", &binds)
        let releasedBy = owners.sql("h.from_user_id", &binds)
        let (start, end) = (binds.add(from.pg), binds.add(to.pg))
        let day = Self.day("h.at", zone: timeZone, from: from, to: to, &binds)
        // One statement, one snapshot: owners (part 0), the pool (1) and releases per day (2).
        let sql = """
            SELECT * FROM (
                SELECT 0 AS part, c.owner_id AS key, u.display_name AS name, count(*) AS n, 0::int8 AS automatic
                FROM customers c JOIN users u ON u.id = c.owner_id
                WHERE c.owner_id IS NOT NULL AND \(ownerCondition) GROUP BY c.owner_id, u.display_name
                UNION ALL
                SELECT 1, 0, NULL, coalesce((SELECT customers FROM customer_counts WHERE owner = 0), 0), 0
                UNION ALL
                SELECT 2, \(day), NULL, count(*) FILTER (WHERE h.action = 'released'),
                    count(*) FILTER (WHERE h.action = 'auto-released')
                FROM customer_history h
                WHERE h.action IN ('released', 'auto-released') AND h.at >= \(start) AND h.at < \(end) AND \(releasedBy)
                GROUP BY 2
            ) report ORDER BY part, CASE WHEN part = 0 THEN -n END, key
            """
        var report = PoolReport(owners: [], publicCustomers: 0, releases: [])
        for row in try await db.rows(PostgresQuery(unsafeSQL: sql, binds: binds)) {
            let cells = row.makeRandomAccess()
            let (key, count) = (try cells.get(1, as: Int64.self), try cells.get(3, as: Int.self))
            switch try cells.get(0, as: Int32.self) {
            case 0: report.owners.append(PoolReport.Owner(userId: key, displayName: try cells.get(2), customers: count))
            case 1: report.publicCustomers = count
            default: report.releases.append(PoolReport.Releases(day: Int(key), manual: count, automatic: try cells.get(4, as: Int.self)))
            }
        }
        return report
    }
}
