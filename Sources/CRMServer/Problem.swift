import CRMCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// An RFC 9457 problem document, the body of every error response.
struct Problem: Codable, Equatable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var errors: [FieldError]?
    /// For a duplicate customer: who holds the name.
    var holder: HolderDTO?

    init(status: HTTPResponse.Status, detail: String, errors: [FieldError]? = nil, holder: HolderDTO? = nil) {
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.errors = errors
        self.holder = holder
    }

    /// The one place where domain errors become HTTP statuses.
    init(_ error: CRMError) {
        switch error {
        case .malformed(let detail): self.init(status: .badRequest, detail: detail)
        case .unauthenticated(let detail): self.init(status: .unauthorized, detail: detail)
        case .forbidden(let detail): self.init(status: .forbidden, detail: detail)
        case .notFound(let detail): self.init(status: .notFound, detail: detail)
        case .conflict(let detail): self.init(status: .conflict, detail: detail)
        case .tooLarge(let detail): self.init(status: .contentTooLarge, detail: detail)
        case .unsupportedMediaType(let detail): self.init(status: .unsupportedMediaType, detail: detail)
        case .duplicateCustomer(let holder):
            let who =
                switch holder {
                case .self: "you already have it"
                case .public: "it is in the public pool"
                case .user(let name): "\(name) holds it"
                }
            self.init(
                status: .conflict, detail: "This company is already in the CRM: \(who).", holder: HolderDTO(holder))
        case .tooManyAttempts(let seconds):
            self.init(
                status: .tooManyRequests,
                detail: "Too many failed sign-ins for this username; try again in \(seconds) seconds.")
        case .invalid(let errors):
            let fields = errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            self.init(status: .unprocessableContent, detail: "Some fields are invalid: \(fields).", errors: errors)
        }
    }

    func response(headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        headers.append(contentsOf: extra)
        let body = (try? APIEncoder.encode(self)) ?? []
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

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
            let detail: String
            switch error.status {
            case .notFound: detail = "There is nothing at \(request.method) \(request.uri.path)."
            default: detail = (error as? HTTPError)?.body ?? error.status.reasonPhrase
            }
            return Problem(status: error.status, detail: detail).response()
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Problem(status: .internalServerError, detail: "Something went wrong on the server; it has been logged.")
                .response()
        }
    }
}

/// Largest JSON body accepted.
let maxJSONBody = 1 << 20

extension Request {
    /// Decodes a JSON body, telling malformed JSON (400) from fields of the wrong shape (422).
    func decode<T: Decodable>(as type: T.Type) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: maxJSONBody)
        } catch {
            throw CRMError.tooLarge("The body is larger than \(maxJSONBody) bytes.")
        }
        guard buffer.readableBytes > 0 else { throw CRMError.malformed("The request needs a JSON body.") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            guard let date = RFC3339.parse(try container.decode(String.self)) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "must be an RFC 3339 time from 1970 to 9998, such as 2026-11-29T09:30:00+08:00")
            }
            return date
        }
        let data = Data(buffer.readableBytesView)
        do {
            return try decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Self.crmError(error, body: data)
        }
    }

    static func crmError(_ error: DecodingError, body: Data) -> CRMError {
        func field(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = path + (key.map { [$0] } ?? [])
            let name = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return name.hasPrefix(".") ? String(name.dropFirst()) : (name.isEmpty ? "body" : name)
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalid(field(context.codingPath, key), "is required")
        case .valueNotFound(_, let context):
            return .invalid(field(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context):
            return .invalid(field(context.codingPath), "must be \(describe(type))")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let time = context.debugDescription.hasPrefix("must be an RFC 3339")
            return .invalid(field(context.codingPath), time ? context.debugDescription : "has an invalid value")
        case .dataCorrupted:
            // Foundation reports a number that does not fit the field's type as invalid JSON too.
            guard let parsed = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
                return .malformed("The body is not valid JSON (UTF-8 encoded).")
            }
            let fields = nonIntegerNumbers(in: parsed, path: "")
            return .invalid(fields.isEmpty ? [FieldError("body", "has a value of the wrong type")] : fields.map {
                FieldError($0, "must be an integer in range")
            })
        @unknown default:
            return .malformed("The body could not be read.")
        }
    }

    /// Paths of numbers that are not whole numbers within Int64.
    static func nonIntegerNumbers(in value: Any, path: String) -> [String] {
        switch value {
        case let object as [String: Any]:
            return object.keys.sorted().flatMap { nonIntegerNumbers(in: object[$0]!, path: path.isEmpty ? $0 : "\(path).\($0)") }
        case let array as [Any]:
            return array.enumerated().flatMap { nonIntegerNumbers(in: $1, path: "\(path)[\($0)]") }
        case is Bool:
            return []
        case let number as NSNumber:
            let double = number.doubleValue
            let whole = double.rounded() == double && abs(double) < 9.2e18
            return whole ? [] : [path.isEmpty ? "body" : path]
        default:
            return []
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        default: String(describing: type).hasPrefix("Array") ? "an array" : "an object"
        }
    }
}

extension KeyedDecodingContainer {
    /// A field that may be absent (leave alone), null (clear) or a value (set).
    func decodePatch<T: Decodable & Sendable & Equatable>(_ type: T.Type, forKey key: Key) throws -> Patch<T?> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .set(nil) }
        return .set(try decode(T.self, forKey: key))
    }
}
