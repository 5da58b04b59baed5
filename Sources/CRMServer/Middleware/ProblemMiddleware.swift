import CRMCore
import HTTPTypes
import Hummingbird
import Logging

/// Turns every error into problem+json; unknown errors are logged in full and answered with a plain 500.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as CRMError {
            var headers: HTTPFields = [:]
            if case .tooManyAttempts(let seconds) = error { headers[.retryAfter] = String(seconds) }
            if case .unauthenticated = error { headers[.wwwAuthenticate] = "Bearer" }
            return Problem(error).response(headers: headers)
        } catch let error as any HTTPResponseError {
            let (detail, code): (String, ErrorCode) =
                switch error.status {
                case .notFound: ("There is nothing at \(request.method) \(request.uri.path).", "no-route")
                default: ((error as? HTTPError)?.body ?? error.status.reasonPhrase, ErrorCode("http-\(error.status.code)"))
                }
            return Problem(status: error.status, detail: detail, code: code).response()
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(
                status: .internalServerError, detail: "Something went wrong on the server; it has been logged.", code: "internal-error"
            ).response()
        }
    }
}
