import CRMCore
import Foundation
import Hummingbird

/// The context of every request: the signed-in user once the bearer token has been checked.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var actor: Actor?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var responseEncoder: APIEncoder { APIEncoder() }
}

/// The context of routes that need a signed-in user: it can't be made without one, so such a
/// handler can't run unauthenticated.
public struct AuthContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let actor: Actor

    public init(context: AppContext) throws {
        guard let actor = context.actor else {
            throw CRMError.unauthenticated(
                "Sign in first: send the token from POST /api/v1/auth/login as 'Authorization: Bearer <token>'.", code: "sign-in-required")
        }
        self.coreContext = context.coreContext
        self.actor = actor
    }

    public var user: User { actor.user }
    public var responseEncoder: APIEncoder { APIEncoder() }
}

extension RequestContext {
    /// An integer id from the path; anything that is not one names no record, so it is a 404.
    func id(_ name: String, of kind: String) throws -> Int64 {
        let text = parameters.get(name) ?? ""
        guard let id = QueryReader.id(text) else {
            throw CRMError.notFound("There is no \(kind) '\(text)'.", code: .notFound(kind, text))
        }
        return id
    }
}
