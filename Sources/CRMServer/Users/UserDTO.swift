import CRMCore
import Foundation
import Hummingbird

struct UserDTO: ResponseEncodable, Sendable {
    var id: Int64
    var username: String
    var displayName: String
    var positionId: Int64?
    var active: Bool
    var isAdmin: Bool
    var createdAt: Date

    init(_ user: User) {
        id = user.id
        username = user.username
        displayName = user.displayName
        positionId = user.positionId
        active = user.active
        isAdmin = user.isAdmin
        createdAt = user.createdAt
    }
}
