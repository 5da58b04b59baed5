import CRMCore
import Foundation
import Hummingbird

struct AuditDTO: Encodable, Sendable {
    var id: Int64
    var action: String
    var actorId: Int64?
    var subject: String
    var at: Date

    init(_ entry: AuditEntry) {
        id = entry.id
        action = entry.action
        actorId = entry.actorId
        subject = entry.subject
        at = entry.at
    }
}
