import CRMCore
import HTTPTypes
import Hummingbird

/// Registers authenticated operations, each under the menu ID whose permission it needs.
struct Endpoints {
    let group: RouterGroup<AuthContext>
    let access: AccessService

    /// Adds `handler` at `method path`; every call first checks that the caller may use `menu`.
    func on<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: RouterPath, menu: MenuID,
        _ handler: @escaping @Sendable (Request, AuthContext) async throws -> Output
    ) {
        on(method, path, menu: { _, _ in menu }, handler)
    }

    /// The same, for an operation whose page depends on the request (the customer list's scope).
    func on<Output: ResponseGenerator>(
        _ method: HTTPRequest.Method, _ path: RouterPath, menu: @escaping @Sendable (Request, AuthContext) throws -> MenuID,
        _ handler: @escaping @Sendable (Request, AuthContext) async throws -> Output
    ) {
        group.on(path, method: method) { [access] request, context in
            try await access.require(try menu(request, context), for: context.user)
            return try await handler(request, context)
        }
    }
}

/// A JSON body with a status, for the routes that create (201).
struct Created<Body: ResponseEncodable>: ResponseGenerator {
    var body: Body

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try body.response(from: request, context: context)
        response.status = .created
        return response
    }
}

/// A list of items, with the cursor of the next page where there is one.
struct ItemList<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    init(_ items: [Item], nextCursor: String? = nil) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
