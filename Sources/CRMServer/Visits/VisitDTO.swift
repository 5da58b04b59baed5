import CRMCore
import Foundation
import Hummingbird

struct VisitDTO: ResponseEncodable, Sendable {
    var id: Int64
    var customerId: Int64
    var customerName: String?
    var userId: Int64
    var userName: String?
    var visitedAt: Date
    var method: String
    var contactId: Int64?
    var content: String
    var nextStep: String?
    var planId: Int64?
    var createdAt: Date

    init(_ visit: Visit) {
        id = visit.id
        customerId = visit.customerId
        customerName = visit.customerName
        userId = visit.userId
        userName = visit.userName
        visitedAt = visit.visitedAt
        method = visit.method.rawValue
        contactId = visit.contactId
        content = visit.content
        nextStep = visit.nextStep
        planId = visit.planId
        createdAt = visit.createdAt
    }
}
