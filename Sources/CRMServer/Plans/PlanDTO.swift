import CRMCore
import Foundation
import Hummingbird

struct PlanDTO: ResponseEncodable, Sendable {
    var id: Int64
    var customerId: Int64
    var customerName: String?
    var userId: Int64
    var plannedAt: Date
    var subject: String
    var notes: String?
    var status: String
    var visitId: Int64?
    var overdue: Bool
    var createdAt: Date

    init(_ plan: Plan, overdue: Bool) {
        id = plan.id
        customerId = plan.customerId
        customerName = plan.customerName
        userId = plan.userId
        plannedAt = plan.plannedAt
        subject = plan.subject
        notes = plan.notes
        status = plan.status.rawValue
        visitId = plan.visitId
        self.overdue = overdue
        createdAt = plan.createdAt
    }
}
