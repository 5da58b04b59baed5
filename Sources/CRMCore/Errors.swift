import Foundation

/// A value a failure's message names (a limit, an id), for clients that word it themselves.
public enum ErrorParam: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case text(String)
    case number(Int64)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int64) { self = .number(value) }
    public init(_ value: some BinaryInteger) { self = .number(Int64(value)) }
}

/// A failure's stable, machine-readable name and the values its English message names, so that a
/// client can say it in its user's language. docs/errors.md lists every code.
public struct ErrorCode: Sendable, Equatable, ExpressibleByStringLiteral {
    public var name: String
    public var params: [String: ErrorParam]

    public init(_ name: String, _ params: [String: ErrorParam] = [:]) {
        self.name = name
        self.params = params
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// "there is no <kind> <id>"
    public static func unknown(_ kind: String, _ id: some CustomStringConvertible) -> ErrorCode {
        ErrorCode("unknown-reference", ["kind": .text(kind), "id": .text(id.description)])
    }

    public static func notFound(_ kind: String, _ id: some CustomStringConvertible) -> ErrorCode {
        ErrorCode("not-found", ["kind": .text(kind), "id": .text(id.description)])
    }

    public static func outOfRange(_ range: ClosedRange<Int>) -> ErrorCode {
        ErrorCode("out-of-range", ["min": ErrorParam(range.lowerBound), "max": ErrorParam(range.upperBound)])
    }

    public static func format(_ format: String) -> ErrorCode { ErrorCode("invalid-format", ["format": .text(format)]) }

    public static func oneOf(_ allowed: [String]) -> ErrorCode {
        ErrorCode("not-one-of", ["allowed": .text(allowed.joined(separator: ", "))])
    }
}

/// A field that failed validation and why, as a person would read it and as a code.
public struct FieldError: Sendable, Equatable {
    public var field: String
    public var message: String
    public var code: ErrorCode

    public init(_ field: String, _ message: String, code: ErrorCode) {
        self.field = field
        self.message = message
        self.code = code
    }
}

/// Every failure the domain can report; the HTTP layer maps each case to a status in one place.
/// Each carries an `ErrorCode`; the defaults name the case.
public enum CRMError: Error, Sendable, Equatable {
    /// The request could not be understood at all (malformed JSON, bad encoding).
    case malformed(String, code: ErrorCode = "malformed")
    /// No valid credentials, or the session has ended.
    case unauthenticated(String, code: ErrorCode = "unauthenticated")
    /// Signed in, but not allowed.
    case forbidden(String, code: ErrorCode = "forbidden")
    /// The thing does not exist, or the caller may not know that it does.
    case notFound(String, code: ErrorCode = "not-found")
    /// The request clashes with the current state (a duplicate, a built-in record).
    case conflict(String, code: ErrorCode = "conflict")
    /// Fields that are missing or invalid.
    case invalid([FieldError])
    /// Too many failed attempts; try again after this many seconds.
    case tooManyAttempts(retryAfter: Int)
    /// The request body is larger than allowed.
    case tooLarge(String, code: ErrorCode = "too-large")
    /// The body is of a type the operation does not take.
    case unsupportedMediaType(String, code: ErrorCode = "unsupported-media-type")
    /// A customer with this company name exists; who holds it, as far as the caller may know.
    case duplicateCustomer(NameHolder)

    public static func invalid(_ field: String, _ message: String, code: ErrorCode) -> CRMError {
        .invalid([FieldError(field, message, code: code)])
    }

    /// The clashes every store reports for its unique keys.
    public static let customerNameTaken = conflict("A customer with this name exists already.", code: "duplicate-customer")

    public static func usernameTaken(_ username: String) -> CRMError {
        .conflict("The username \(username) is taken.", code: ErrorCode("username-taken", ["username": .text(username)]))
    }

    public static func roleNameTaken(_ name: String) -> CRMError {
        .conflict("A role named \(name) exists already.", code: ErrorCode("role-name-taken", ["name": .text(name)]))
    }

    public static func menuIdTaken(_ menuId: MenuID) -> CRMError {
        .conflict("A page with the menu ID \(menuId) exists already.", code: ErrorCode("menu-id-taken", ["menuId": .text(menuId)]))
    }
}

/// Collects field errors so one response can name every field at fault.
public struct Validation: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ message: String, code: ErrorCode) {
        errors.append(FieldError(field, message, code: code))
    }

    public mutating func add(_ error: FieldError) {
        errors.append(error)
    }

    /// Trims `value`, requires it to be non-empty and at most `maxLength` characters, and returns it.
    /// `multiline` text may hold line breaks and tabs; no text may hold other control characters.
    @discardableResult
    public mutating func text(_ field: String, _ value: String, maxLength: Int = 100, multiline: Bool = false) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if trimmed.isEmpty {
            add(field, "must not be empty", code: "empty")
        } else if trimmed.count > maxLength {
            add(field, "must be at most \(maxLength) characters", code: ErrorCode("too-long", ["max": ErrorParam(maxLength)]))
        } else if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            add(
                field, multiline ? "must not contain control characters other than line breaks" : "must not contain control characters",
                code: "control-characters")
        }
        return trimmed
    }

    /// Like `text`, but an empty value becomes nil.
    public mutating func optionalText(_ field: String, _ value: String?, maxLength: Int, multiline: Bool = false) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text(field, value, maxLength: maxLength, multiline: multiline)
    }

    public func check() throws(CRMError) {
        if !errors.isEmpty { throw .invalid(errors) }
    }
}

/// Why a store could not open or migrate; each message is one line a person can act on.
public struct StorageError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
