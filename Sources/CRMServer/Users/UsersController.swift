import CRMCore
import Foundation
import Hummingbird

/// Users (用户管理).
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET, POST | /api/v1/users | admin.users |
/// | GET, PATCH | /api/v1/users/{id} | admin.users |
/// | POST | /api/v1/users/{id}/password | admin.users |
struct UsersController {
    let service: OrganisationService
    let auth: AuthService

    struct UserCreate: Decodable {
        var username: String
        var displayName: String
        var password: String
        var positionId: Int64?
    }

    struct UserUpdate: Decodable {
        var changes: UserChanges

        enum CodingKeys: String, CodingKey { case username, displayName, positionId, active }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            changes = UserChanges(
                username: try c.decodeIfPresent(String.self, forKey: .username),
                displayName: try c.decodeIfPresent(String.self, forKey: .displayName),
                positionId: try c.decodePatch(Int64.self, forKey: .positionId),
                active: try c.decodeIfPresent(Bool.self, forKey: .active))
        }
    }

    struct PasswordReset: Decodable {
        var password: String
    }

    func addRoutes(to endpoints: Endpoints) {
        let users = "admin.users"
        endpoints.on(.get, "users", menu: users) { request, _ in
            var reader = QueryReader(request)
            let limit = reader.limit()
            let after = reader.cursor(key: .none)
            try reader.check()
            let found = try await service.users(after: after?.id, limit: limit + 1)
            return ItemList(found, limit: limit, cursor: { Cursor(id: $0.id) }, UserDTO.init)
        }
        endpoints.on(.post, "users", menu: users) { request, _ in
            let body = try await request.decode(as: UserCreate.self)
            let user = try await service.createUser(
                username: body.username, displayName: body.displayName, password: body.password,
                positionId: body.positionId)
            return Created(body: UserDTO(user))
        }
        endpoints.on(.get, "users/:id", menu: users) { _, context in
            UserDTO(try await service.user(id: try context.id("id", of: "user")))
        }
        endpoints.on(.patch, "users/:id", menu: users) { request, context in
            let id = try context.id("id", of: "user")
            let body = try await request.decode(as: UserUpdate.self)
            return UserDTO(try await service.updateUser(id: id, body.changes))
        }
        endpoints.on(.post, "users/:id/password", menu: users) { request, context in
            let id = try context.id("id", of: "user")
            let body = try await request.decode(as: PasswordReset.self)
            try await auth.resetPassword(of: id, to: body.password, by: context.actor)
            return HTTPResponse.Status.noContent
        }
    }
}
