import CRMCore
import Foundation
import HTTPTypes
import Hummingbird

/// An RFC 9457 problem document, the body of every error response: besides the standard members,
/// a stable `code` with the `params` its `detail` names (docs/errors.md), the fields at fault for
/// a validation failure, and the holder of a duplicate company name.
struct Problem: Encodable, Equatable {
    var type = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var code: String
    var params: [String: ParamDTO]?
    var errors: [FieldErrorDTO]?
    /// For a duplicate customer: who holds the name.
    var holder: HolderDTO?

    init(status: HTTPResponse.Status, detail: String, code: ErrorCode, errors: [FieldError]? = nil, holder: HolderDTO? = nil) {
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.code = code.name
        self.params = ParamDTO.map(code.params)
        self.errors = errors?.map(FieldErrorDTO.init)
        self.holder = holder
    }

    /// The one place where domain errors become HTTP statuses.
    init(_ error: CRMError) {
        switch error {
        case .malformed(let detail, let code): self.init(status: .badRequest, detail: detail, code: code)
        case .unauthenticated(let detail, let code): self.init(status: .unauthorized, detail: detail, code: code)
        case .forbidden(let detail, let code): self.init(status: .forbidden, detail: detail, code: code)
        case .notFound(let detail, let code): self.init(status: .notFound, detail: detail, code: code)
        case .conflict(let detail, let code): self.init(status: .conflict, detail: detail, code: code)
        case .tooLarge(let detail, let code): self.init(status: .contentTooLarge, detail: detail, code: code)
        case .unsupportedMediaType(let detail, let code): self.init(status: .unsupportedMediaType, detail: detail, code: code)
        case .duplicateCustomer(let holder):
            let who =
                switch holder {
                case .self: "you already have it"
                case .public: "it is in the public pool"
                case .user(let name): "\(name) holds it"
                }
            self.init(
                status: .conflict, detail: "This company is already in the CRM: \(who).", code: "duplicate-customer",
                holder: HolderDTO(holder))
        case .tooManyAttempts(let seconds):
            self.init(
                status: .tooManyRequests, detail: "Too many failed sign-ins for this username; try again in \(seconds) seconds.",
                code: ErrorCode("too-many-attempts", ["retryAfter": ErrorParam(seconds)]))
        case .invalid(let errors):
            let fields = errors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            self.init(
                status: .unprocessableContent, detail: "Some fields are invalid: \(fields).", code: "validation-failed", errors: errors)
        }
    }

    func response(headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/problem+json"]
        headers.append(contentsOf: extra)
        let body = (try? APIEncoder.encode(self)) ?? []
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// A field at fault, as the wire shows it.
struct FieldErrorDTO: Encodable, Equatable, Sendable {
    var field: String
    var message: String
    var code: String
    var params: [String: ParamDTO]?

    init(_ error: FieldError) {
        field = error.field
        message = error.message
        code = error.code.name
        params = ParamDTO.map(error.code.params)
    }
}

/// A value an error names: a JSON string or number.
enum ParamDTO: Encodable, Equatable, Sendable {
    case text(String)
    case number(Int64)

    static func map(_ params: [String: ErrorParam]) -> [String: ParamDTO]? {
        params.isEmpty
            ? nil
            : params.mapValues {
                switch $0 {
                case .text(let text): .text(text)
                case .number(let number): .number(number)
                }
            }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        }
    }
}
