import CRMCore
import Foundation
import HTTPTypes
import Hummingbird

/// Visit plans (拜访计划).
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET, POST | /api/v1/plans | plans |
/// | GET, PATCH, DELETE | /api/v1/plans/{id} | plans |
struct PlanController {
    let service: VisitService
    let timeZone: TimeZone

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

    func addRoutes(to endpoints: Endpoints) {
        endpoints.on(.get, "plans", menu: "plans") { request, context in
            var reader = QueryReader(request, timeZone: timeZone)
            var query = PlanQuery()
            query.userIds = reader.ids("userId")
            query.status = reader.oneOf("status", PlanStatus.self)
            query.from = reader.time("from", endOfDay: false)
            query.to = reader.time("to", endOfDay: true)
            query.customerId = reader.id("customerId")
            let limit = reader.limit()
            query.limit = limit + 1
            query.after = reader.cursor(key: .number).map(VisitController.after)
            try reader.check()
            return ItemList(
                try await service.plans(query, by: context.user), limit: limit,
                cursor: { VisitController.cursor($0.plannedAt, $0.id) }) { PlanDTO($0, overdue: service.isOverdue($0)) }
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
    }
}
