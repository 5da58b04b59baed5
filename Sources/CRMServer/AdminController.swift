import CRMCore
import Foundation
import Hummingbird

/// The page tree and users.
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET, POST | /api/v1/pages | admin.pages |
/// | PATCH, DELETE | /api/v1/pages/{menuId} | admin.pages |
/// | GET, POST | /api/v1/users | admin.users |
/// | GET, PATCH | /api/v1/users/{id} | admin.users |
/// | POST | /api/v1/users/{id}/password | admin.users |
struct AdminController {
    let service: OrganisationService
    let auth: AuthService

    struct PageCreate: Decodable {
        var menuId: String
        var title: String
        var parentId: String?
        var sortOrder: Int?
        var icon: String?
        var url: String?
        var checkPermission: Bool?
        var showInMenu: Bool?
    }

    struct PageUpdate: Decodable {
        var changes: PageChanges

        enum CodingKeys: String, CodingKey { case title, parentId, sortOrder, icon, url, checkPermission, showInMenu }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            changes = PageChanges(
                title: try c.decodeIfPresent(String.self, forKey: .title),
                parentId: try c.decodePatch(String.self, forKey: .parentId),
                sortOrder: try c.decodeIfPresent(Int.self, forKey: .sortOrder),
                icon: try c.decodePatch(String.self, forKey: .icon),
                url: try c.decodePatch(String.self, forKey: .url),
                checkPermission: try c.decodeIfPresent(Bool.self, forKey: .checkPermission),
                showInMenu: try c.decodeIfPresent(Bool.self, forKey: .showInMenu))
        }
    }

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
        let pages = "admin.pages"
        endpoints.on(.get, "pages", menu: pages) { _, _ in
            ItemList(try await service.pages().map(PageDTO.init))
        }
        endpoints.on(.post, "pages", menu: pages) { request, _ in
            let body = try await request.decode(as: PageCreate.self)
            let page = CRMCore.Page(
                menuId: body.menuId, title: body.title, parentId: body.parentId, sortOrder: body.sortOrder ?? 0,
                icon: body.icon, url: body.url, checkPermission: body.checkPermission ?? true,
                showInMenu: body.showInMenu ?? true, builtIn: false)
            return Created(body: PageDTO(try await service.createPage(page)))
        }
        endpoints.on(.patch, "pages/:menuId", menu: pages) { request, context in
            let menuId = context.parameters.get("menuId") ?? ""
            let body = try await request.decode(as: PageUpdate.self)
            return PageDTO(try await service.updatePage(menuId: menuId, body.changes))
        }
        endpoints.on(.delete, "pages/:menuId", menu: pages) { _, context in
            try await service.deletePage(menuId: context.parameters.get("menuId") ?? "")
            return HTTPResponse.Status.noContent
        }

        let users = "admin.users"
        endpoints.on(.get, "users", menu: users) { request, _ in
            let (limit, after) = try Paging.read(request)
            let found = try await service.users(after: after, limit: limit + 1)
            return Paging.list(found, limit: limit, id: \.id, UserDTO.init)
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

/// `limit` and the opaque `cursor` of keyset-paginated lists.
enum Paging {
    static let defaultLimit = 50
    static let maxLimit = 200

    static func read(_ request: Request) throws -> (limit: Int, after: Int64?) {
        let query = request.uri.queryParameters
        var validation = Validation()
        var limit = defaultLimit
        if let text = query.get("limit") {
            if let value = Int(text), (1...maxLimit).contains(value) {
                limit = value
            } else {
                validation.add("limit", "must be an integer from 1 to \(maxLimit)")
            }
        }
        var after: Int64?
        if let text = query.get("cursor") {
            if let data = Data(base64Encoded: text), let decoded = String(data: data, encoding: .utf8),
                decoded.hasPrefix("id:"), let id = Int64(decoded.dropFirst(3))
            {
                after = id
            } else {
                validation.add("cursor", "is not a cursor this server gave out")
            }
        }
        try validation.check()
        return (limit, after)
    }

    static func cursor(_ id: Int64) -> String {
        Data("id:\(id)".utf8).base64EncodedString()
    }

    /// The first `limit` of `found` (fetched with one extra row), with a cursor when there is more.
    static func list<Row, Item: Encodable & Sendable>(
        _ found: [Row], limit: Int, id: (Row) -> Int64, _ transform: (Row) -> Item
    ) -> ItemList<Item> {
        let items = Array(found.prefix(limit))
        return ItemList(items.map(transform), nextCursor: found.count > limit ? items.last.map { cursor(id($0)) } : nil)
    }
}
