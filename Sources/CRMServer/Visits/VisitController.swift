import CRMCore
import Foundation
import HTTPTypes
import Hummingbird

/// Visit records.
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET | /api/v1/customers/{id}/visits | customers.detail |
/// | POST | /api/v1/customers/{id}/visits | visits.mine |
/// | GET | /api/v1/visits | visits.mine for one's own (`userId` = oneself), else visits.query |
/// | GET | /api/v1/visits/export | visits.query |
/// | PATCH, DELETE | /api/v1/visits/{id} | visits.mine |
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

    func page(_ visits: [Visit], limit: Int) -> ItemList<VisitDTO> {
        ItemList(visits, limit: limit, cursor: { Self.cursor($0.visitedAt, $0.id) }, VisitDTO.init)
    }

    func addRoutes(to endpoints: Endpoints) {
        endpoints.on(.get, "customers/:id/visits", menu: "customers.detail") { request, context in
            let id = try context.id("id", of: "customer")
            var reader = QueryReader(request)
            let limit = reader.limit()
            let after = reader.cursor(key: .number).map(Self.after)
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
                try await write(CSVFiles.encode([Self.csvHeader]))
                while true {
                    let visits = try await service.visits(query, by: user)
                    try await write(CSVFiles.encode(visits.map(Self.csvRow)))
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
    }

    static func visitQuery(_ request: Request, timeZone: TimeZone) throws -> VisitQuery {
        var reader = QueryReader(request, timeZone: timeZone)
        var query = VisitQuery()
        query.userIds = reader.ids("userId")
        query.customerId = reader.id("customerId")
        query.from = reader.time("from", endOfDay: false)
        query.to = reader.time("to", endOfDay: true)
        query.method = reader.oneOf("method", VisitMethod.self)
        query.limit = reader.limit()
        query.after = reader.cursor(key: .number).map(Self.after)
        try reader.check()
        return query
    }

    /// One's own records are the 拜访记录 page; anyone else's, the query page.
    static func visitsPage(_ request: Request, _ context: AuthContext) -> MenuID {
        request.uri.queryParameters.getAll("userId") == [String(context.user.id)] ? "visits.mine" : "visits.query"
    }

    static let csvHeader = ["visitedAt", "user", "customer", "customerId", "method", "content", "nextStep", "id"]

    static func csvRow(_ visit: Visit) -> [String] {
        [
            CSVFiles.time(visit.visitedAt), visit.userName ?? "", visit.customerName ?? "", String(visit.customerId),
            visit.method.rawValue, visit.content, visit.nextStep ?? "", String(visit.id),
        ]
    }

    /// A list in time order carries the last row's time as its cursor's key.
    static func cursor(_ time: Date, _ id: Int64) -> Cursor {
        Cursor(id: id, key: .number(time.timeIntervalSince1970))
    }

    static func after(_ cursor: Cursor) -> (Date, Int64) {
        guard case .number(let seconds) = cursor.key else { return (.distantPast, cursor.id) }
        return (Date(timeIntervalSince1970: seconds), cursor.id)
    }
}
