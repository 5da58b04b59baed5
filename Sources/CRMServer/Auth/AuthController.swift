import CRMCore
import Foundation
import Hummingbird

/// Sign-in and the signed-in user's own data.
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | POST | /api/v1/auth/login | (public) |
/// | POST | /api/v1/auth/logout | desktop |
/// | GET | /api/v1/me | desktop |
/// | GET | /api/v1/me/menu | desktop |
/// | GET | /api/v1/me/team | desktop |
/// | PUT | /api/v1/me/password | personal.password |
struct AuthController {
    let auth: AuthService
    let access: AccessService
    let organisation: OrganisationService

    struct LoginRequest: Decodable {
        var username: String
        var password: String
    }

    struct PasswordChange: Decodable {
        var currentPassword: String
        var newPassword: String
    }

    func addPublicRoutes(to group: RouterGroup<AppContext>) {
        group.post("auth/login") { request, _ in
            let body = try await request.decode(as: LoginRequest.self)
            let signedIn = try await auth.login(username: body.username, password: body.password)
            return LoginDTO(token: signedIn.token, expiresAt: signedIn.expiresAt, user: UserDTO(signedIn.user))
        }
    }

    func addRoutes(to endpoints: Endpoints) {
        endpoints.on(.post, "auth/logout", menu: BuiltInPages.desktop) { _, context in
            try await auth.logout(context.actor)
            return HTTPResponse.Status.noContent
        }
        endpoints.on(.get, "me", menu: BuiltInPages.desktop) { _, context in
            let user = context.user
            let (position, department) = try await organisation.placement(of: user)
            return MeDTO(
                user: UserDTO(user), position: position.map { Ref(id: $0.id, name: $0.name) },
                department: department.map { Ref(id: $0.id, name: $0.name) }, isAdmin: user.isAdmin,
                managesSubordinates: user.isAdmin || position?.manageSubordinates == true,
                menuIds: try await access.permittedMenuIds(for: user))
        }
        endpoints.on(.get, "me/menu", menu: BuiltInPages.desktop) { _, context in
            ItemList(try await access.menu(for: context.user).map(MenuNodeDTO.init))
        }
        endpoints.on(.get, "me/team", menu: BuiltInPages.desktop) { _, context in
            ItemList(try await organisation.team(of: context.user).map(TeamMemberDTO.init))
        }
        endpoints.on(.put, "me/password", menu: BuiltInPages.password) { request, context in
            let body = try await request.decode(as: PasswordChange.self)
            try await auth.changePassword(context.actor, current: body.currentPassword, new: body.newPassword)
            return HTTPResponse.Status.noContent
        }
    }
}
