import CRMCore
import Hummingbird

/// Resolves `Authorization: Bearer` to the signed-in user; requests without one go on anonymous.
struct BearerAuthenticator: RouterMiddleware {
    let auth: AuthService

    func handle(
        _ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        // Split by hand, over bytes: Foundation's trimming went through NSString (a fortieth of a
        // request's time), and splitting the String itself walked its characters (a fiftieth).
        let parts = header.utf8.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        guard parts.count == 2, String(decoding: parts[0], as: UTF8.self).lowercased() == "bearer" else {
            throw CRMError.unauthenticated("The Authorization header must be 'Bearer <token>'.", code: "bad-authorization")
        }
        var context = context
        context.actor = try await auth.authenticate(token: String(decoding: parts[1], as: UTF8.self))
        return try await next(request, context)
    }
}
