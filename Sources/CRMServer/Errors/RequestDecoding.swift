import CRMCore
import Foundation
import Hummingbird

/// Largest JSON body accepted.
let maxJSONBody = 1 << 20

extension Request {
    /// Decodes a JSON body, telling malformed JSON (400) from fields of the wrong shape (422).
    func decode<T: Decodable>(as type: T.Type) async throws -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: maxJSONBody)
        } catch {
            throw CRMError.tooLarge(
                "The body is larger than \(maxJSONBody) bytes.", code: ErrorCode("too-large", ["maxBytes": ErrorParam(maxJSONBody)]))
        }
        guard buffer.readableBytes > 0 else { throw CRMError.malformed("The request needs a JSON body.", code: "body-required") }
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
            return .invalid(field(context.codingPath, key), "is required", code: "required")
        case .valueNotFound(_, let context):
            return .invalid(field(context.codingPath), "must not be null", code: "null")
        case .typeMismatch(let type, let context):
            return .invalid(
                field(context.codingPath), "must be \(describe(type).text)", code: ErrorCode("wrong-type", ["expected": .text(describe(type).name)]))
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            let time = context.debugDescription.hasPrefix("must be an RFC 3339")
            return time
                ? .invalid(field(context.codingPath), context.debugDescription, code: .format("time"))
                : .invalid(field(context.codingPath), "has an invalid value", code: "invalid-value")
        case .dataCorrupted:
            // Foundation reports a number that does not fit the field's type as invalid JSON too.
            guard let parsed = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
                return .malformed("The body is not valid JSON (UTF-8 encoded).", code: "malformed-json")
            }
            let fields = nonIntegerNumbers(in: parsed, path: "")
            return .invalid(
                fields.isEmpty
                    ? [FieldError("body", "has a value of the wrong type", code: "invalid-value")]
                    : fields.map { FieldError($0, "must be an integer in range", code: ErrorCode("wrong-type", ["expected": "integer"])) })
        @unknown default:
            return .malformed("The body could not be read.", code: "malformed-json")
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

    /// A type in words, and its code's `expected`.
    static func describe(_ type: Any.Type) -> (text: String, name: String) {
        switch type {
        case is String.Type: ("a string", "string")
        case is Bool.Type: ("true or false", "boolean")
        case is Int.Type, is Int64.Type: ("an integer", "integer")
        case is Double.Type: ("a number", "number")
        default: String(describing: type).hasPrefix("Array") ? ("an array", "array") : ("an object", "object")
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
