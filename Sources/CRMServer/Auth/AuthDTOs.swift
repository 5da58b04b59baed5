import CRMCore
import Foundation
import Hummingbird

struct MeDTO: ResponseEncodable, Sendable {
    var user: UserDTO
    var position: Ref?
    var department: Ref?
    var isAdmin: Bool
    var managesSubordinates: Bool
    var menuIds: [String]
}

struct LoginDTO: ResponseEncodable, Sendable {
    var token: String
    var expiresAt: Date
    var user: UserDTO
}
