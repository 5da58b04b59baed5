import Foundation

/// A field that failed validation and why, as a person would read it.
public struct FieldError: Sendable, Equatable, Codable {
    public var field: String
    public var message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Every failure the domain can report; the HTTP layer maps each case to a status in one place.
public enum CRMError: Error, Sendable, Equatable {
    /// The request could not be understood at all (malformed JSON, bad encoding).
    case malformed(String)
    /// No valid credentials, or the session has ended.
    case unauthenticated(String)
    /// Signed in, but not allowed.
    case forbidden(String)
    /// The thing does not exist, or the caller may not know that it does.
    case notFound(String)
    /// The request clashes with the current state (a duplicate, a built-in record).
    case conflict(String)
    /// Fields that are missing or invalid.
    case invalid([FieldError])
    /// Too many failed attempts; try again after this many seconds.
    case tooManyAttempts(retryAfter: Int)
    /// The request body is larger than allowed.
    case tooLarge(String)
    /// The body is of a type the operation does not take.
    case unsupportedMediaType(String)
    /// A customer with this company name exists; who holds it, as far as the caller may know.
    case duplicateCustomer(NameHolder)

    public static func invalid(_ field: String, _ message: String) -> CRMError {
        .invalid([FieldError(field, message)])
    }
}

/// Collects field errors so one response can name every field at fault.
public struct Validation: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field, message))
    }

    /// Trims `value`, requires it to be non-empty and at most `maxLength` characters, and returns it.
    /// `multiline` text may hold line breaks and tabs; no text may hold other control characters.
    @discardableResult
    public mutating func text(_ field: String, _ value: String, maxLength: Int = 100, multiline: Bool = false) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if trimmed.isEmpty {
            add(field, "must not be empty")
        } else if trimmed.count > maxLength {
            add(field, "must be at most \(maxLength) characters")
        } else if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            add(field, multiline ? "must not contain control characters other than line breaks" : "must not contain control characters")
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
