import CRMCore
import Foundation
import HTTPTypes
import Hummingbird

/// Visit records, plans and the summaries.
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET | /api/v1/customers/{id}/visits | customers.detail |
/// | POST | /api/v1/customers/{id}/visits | visits.mine |
/// | GET | /api/v1/visits | visits.mine for one's own (`userId` = oneself), else visits.query |
/// | GET | /api/v1/visits/export | visits.query |
/// | PATCH, DELETE | /api/v1/visits/{id} | visits.mine |
/// | GET, POST | /api/v1/plans | plans |
/// | GET, PATCH, DELETE | /api/v1/plans/{id} | plans |
/// | GET | /api/v1/reports/visits | reports.visits |
/// | GET | /api/v1/reports/pool | reports.pool |
struct VisitController {
    let service: VisitService
    let timeZone: TimeZone

    struct VisitCreate: Decodable {
        var visitedAt: Date
        var method: VisitMethod
        var contactId: Int64?
        var content: String
        var nextStep: String?
        var planId: Int64?
    }

    struct VisitUpdate: Decodable {
        var changes = VisitService.VisitChanges()

        enum CodingKeys: String, CodingKey { case visitedAt, method, contactId, content, nextStep }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            changes.visitedAt = try c.decodeIfPresent(Date.self, forKey: .visitedAt)
            changes.method = try c.decodeIfPresent(VisitMethod.self, forKey: .method)
            changes.contactId = try c.decodePatch(Int64.self, forKey: .contactId)
            changes.content = try c.decodeIfPresent(String.self, forKey: .content)
            changes.nextStep = try c.decodePatch(String.self, forKey: .nextStep)
        }
    }

    struct PlanCreate: Decodable {
        var customerId: Int64
        var plannedAt: Date
        var subject: String
        var notes: String?
    }

    struct PlanUpdate: Decodable {
        var changes = VisitService.PlanChanges()

        enum CodingKeys: String, CodingKey { case plannedAt, subject, notes, status }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            changes.plannedAt = try c.decodeIfPresent(Date.self, forKey: .plannedAt)
            changes.subject = try c.decodeIfPresent(String.self, forKey: .subject)
            changes.notes = try c.decodePatch(String.self, forKey: .notes)
            changes.status = try c.decodeIfPresent(PlanStatus.self, forKey: .status)
        }
    }

    func page(_ visits: [Visit], limit: Int) -> ItemList<VisitDTO> {
        let items = Array(visits.prefix(limit))
        let next = visits.count > limit ? items.last.map { Self.cursor($0.visitedAt, $0.id) } : nil
        return ItemList(items.map(VisitDTO.init), nextCursor: next)
    }

    func addRoutes(to endpoints: Endpoints) {
        endpoints.on(.get, "customers/:id/visits", menu: "customers.detail") { request, context in
            let id = try context.id("id", of: "customer")
            var reader = QueryReader(request, timeZone: timeZone)
            let limit = reader.limit()
            let after = reader.value("cursor", "is not a cursor this server gave out", Self.decode)
            try reader.check()
            return page(try await service.visits(of: id, limit: limit + 1, after: after, by: context.user), limit: limit)
        }
        endpoints.on(.post, "customers/:id/visits", menu: "visits.mine") { request, context in
            let id = try context.id("id", of: "customer")
            let body = try await request.decode(as: VisitCreate.self)
            let input = VisitInput(
                visitedAt: body.visitedAt, method: body.method, contactId: body.contactId, content: body.content,
                nextStep: body.nextStep, planId: body.planId)
            return Created(body: VisitDTO(try await service.log(input, on: id, by: context.user)))
        }
        endpoints.on(.get, "visits", menu: Self.visitsPage) { request, context in
            var query = try Self.visitQuery(request, timeZone: timeZone)
            let limit = query.limit
            query.limit += 1
            return page(try await service.visits(query, by: context.user), limit: limit)
        }
        endpoints.on(.get, "visits/export", menu: "visits.query") { request, context in
            var first = try Self.visitQuery(request, timeZone: timeZone)
            first.limit = 500
            let user = context.user
            // Refuse a user outside the scope now, while the status can still say so.
            _ = try await service.visits(VisitQuery(userIds: first.userIds, limit: 1), by: user)
            return CSVFiles.download("visits.csv") { [first] write in
                var query = first
                try await write(ByteBuffer(string: CSVFiles.byteOrderMark))
                try await write(CSVFiles.encode([CSVFiles.visitHeader]))
                while true {
                    let visits = try await service.visits(query, by: user)
                    try await write(CSVFiles.encode(visits.map(CSVFiles.visitRow)))
                    guard visits.count == query.limit, let last = visits.last else { return }
                    query.after = (last.visitedAt, last.id)
                }
            }
        }
        endpoints.on(.patch, "visits/:id", menu: "visits.mine") { request, context in
            let id = try context.id("id", of: "visit")
            let body = try await request.decode(as: VisitUpdate.self)
            return VisitDTO(try await service.update(visit: id, body.changes, by: context.user))
        }
        endpoints.on(.delete, "visits/:id", menu: "visits.mine") { _, context in
            try await service.delete(visit: try context.id("id", of: "visit"), by: context.user)
            return HTTPResponse.Status.noContent
        }

        endpoints.on(.get, "plans", menu: "plans") { request, context in
            var reader = QueryReader(request, timeZone: timeZone)
            var query = PlanQuery()
            query.userIds = reader.ids("userId")
            query.status = reader.value("status", "must be pending, done or cancelled") { PlanStatus(rawValue: $0) }
            query.from = reader.time("from", endOfDay: false)
            query.to = reader.time("to", endOfDay: true)
            query.customerId = reader.id("customerId")
            let limit = reader.limit()
            query.limit = limit + 1
            query.after = reader.value("cursor", "is not a cursor this server gave out", Self.decode)
            try reader.check()
            let plans = try await service.plans(query, by: context.user)
            let items = Array(plans.prefix(limit))
            return ItemList(
                items.map { PlanDTO($0, overdue: service.isOverdue($0)) },
                nextCursor: plans.count > limit ? items.last.map { Self.cursor($0.plannedAt, $0.id) } : nil)
        }
        endpoints.on(.post, "plans", menu: "plans") { request, context in
            let body = try await request.decode(as: PlanCreate.self)
            let plan = try await service.createPlan(
                customerId: body.customerId, plannedAt: body.plannedAt, subject: body.subject, notes: body.notes,
                by: context.user)
            return Created(body: PlanDTO(plan, overdue: service.isOverdue(plan)))
        }
        endpoints.on(.get, "plans/:id", menu: "plans") { _, context in
            let plan = try await service.plan(id: try context.id("id", of: "plan"), by: context.user)
            return PlanDTO(plan, overdue: service.isOverdue(plan))
        }
        endpoints.on(.patch, "plans/:id", menu: "plans") { request, context in
            let id = try context.id("id", of: "plan")
            let body = try await request.decode(as: PlanUpdate.self)
            let plan = try await service.update(plan: id, body.changes, by: context.user)
            return PlanDTO(plan, overdue: service.isOverdue(plan))
        }
        endpoints.on(.delete, "plans/:id", menu: "plans") { _, context in
            try await service.delete(plan: try context.id("id", of: "plan"), by: context.user)
            return HTTPResponse.Status.noContent
        }

        endpoints.on(.get, "reports/visits", menu: "reports.visits") { request, context in
            var reader = QueryReader(request, timeZone: timeZone)
            let userIds = reader.ids("userId") ?? []
            let (from, to) = Self.range(&reader)
            let customerLimit = reader.limit()
            try reader.check()
            let summary = try await service.summary(
                userIds: userIds, from: from, to: to, customerLimit: customerLimit, by: context.user)
            return VisitSummaryDTO(summary, userIds: (userIds.isEmpty ? [context.user.id] : userIds).sorted())
        }
        endpoints.on(.get, "reports/pool", menu: "reports.pool") { request, context in
            var reader = QueryReader(request, timeZone: timeZone)
            let (from, to) = Self.range(&reader)
            try reader.check()
            return PoolReportDTO(try await service.poolReport(from: from, to: to, by: context.user))
        }
    }

    /// `from` and `to` (inclusive dates); by default the current month, or the month from `from`.
    static func range(_ reader: inout QueryReader) -> (DateComponents, DateComponents) {
        let calendar = reader.calendar
        let today = calendar.dateComponents([.year, .month, .day], from: Date())
        let from = reader.day("from") ?? DateComponents(year: today.year, month: today.month, day: 1)
        let monthEnd = calendar.date(from: from)
            .flatMap { calendar.date(byAdding: DateComponents(month: 1, day: -1), to: $0) }
            .map { calendar.dateComponents([.year, .month, .day], from: $0) }
        return (from, reader.day("to") ?? monthEnd ?? from)
    }

    static func visitQuery(_ request: Request, timeZone: TimeZone) throws -> VisitQuery {
        var reader = QueryReader(request, timeZone: timeZone)
        var query = VisitQuery()
        query.userIds = reader.ids("userId")
        query.customerId = reader.id("customerId")
        query.from = reader.time("from", endOfDay: false)
        query.to = reader.time("to", endOfDay: true)
        query.method = reader.value("method", "must be visit, phone, wechat, email or other") { VisitMethod(rawValue: $0) }
        query.limit = reader.limit()
        query.after = reader.value("cursor", "is not a cursor this server gave out", Self.decode)
        try reader.check()
        return query
    }

    /// One's own records are the 拜访记录 page; anyone else's, the query page.
    static func visitsPage(_ request: Request, _ context: AuthContext) -> MenuID {
        request.uri.queryParameters.getAll("userId") == [String(context.user.id)] ? "visits.mine" : "visits.query"
    }

    static func cursor(_ time: Date, _ id: Int64) -> String {
        Data("t:\(time.timeIntervalSince1970):\(id)".utf8).base64EncodedString()
    }

    static func decode(_ text: String) -> (Date, Int64)? {
        guard let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8) else { return nil }
        let parts = decoded.split(separator: ":")
        guard parts.count == 3, parts[0] == "t", let time = Double(parts[1]), time.isFinite, let id = Int64(parts[2]) else {
            return nil
        }
        return (Date(timeIntervalSince1970: time), id)
    }
}
