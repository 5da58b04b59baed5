import CRMCore
import Foundation
import Hummingbird

struct HolderDTO: Codable, Equatable, Sendable {
    var kind: String
    var displayName: String?

    init(_ holder: NameHolder) {
        switch holder {
        case .self: kind = "self"
        case .public: kind = "public"
        case .user(let name):
            kind = "user"
            displayName = name
        }
    }
}

struct NameCheckDTO: ResponseEncodable, Sendable {
    var exists: Bool
    var holder: HolderDTO?
    var similar: [String]
}

/// A customer on the wire: its fields in `CustomerFields.all`'s order, then what the system keeps.
struct CustomerDTO: ResponseEncodable, Sendable {
    var customer: Customer
    var protectionExpiresAt: Date?

    init(_ customer: Customer, protectionDays: Int) {
        self.customer = customer
        protectionExpiresAt = customer.protectionExpiresAt(protectionDays: protectionDays)
    }

    func encode(to encoder: any Encoder) throws {
        var object = encoder.container(keyedBy: FieldKey.self)
        let fields = customer.fields
        try object.encode(customer.id, forKey: "id")
        for (key, kind) in Self.fields {
            switch kind {
            case .name: try object.encode(fields.name, forKey: key)
            case .text(let text): try object.encodeIfPresent(fields[text], forKey: key)
            case .category: try object.encodeIfPresent(fields.categoryId, forKey: key)
            case .type: try object.encode(fields.type.rawValue, forKey: key)
            case .importance: try object.encode(fields.importance, forKey: key)
            }
        }
        try object.encodeIfPresent(customer.ownerId, forKey: "ownerId")
        try object.encodeIfPresent(customer.ownerName, forKey: "ownerName")
        try object.encodeIfPresent(customer.trackingSince, forKey: "trackingSince")
        try object.encodeIfPresent(protectionExpiresAt, forKey: "protectionExpiresAt")
        try object.encodeIfPresent(customer.createdBy, forKey: "createdBy")
        try object.encode(customer.createdAt, forKey: "createdAt")
        try object.encode(customer.updatedAt, forKey: "updatedAt")
        try object.encodeIfPresent(customer.lastVisitAt, forKey: "lastVisitAt")
    }

    /// The fields' keys, made once rather than for every customer written.
    static let fields = CustomerFields.all.map { (FieldKey($0.name), $0.kind) }
}

/// A JSON member named at run time: a customer's fields come from their description.
struct FieldKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { stringValue = value }
}

struct CustomerListDTO: ResponseEncodable, Sendable {
    var items: [CustomerDTO]
    var nextCursor: String?
    var total: Int?
}

struct BulkResultDTO: Encodable, Sendable {
    var id: Int64
    var status: String
}

struct BulkDTO: ResponseEncodable, Sendable {
    var results: [BulkResultDTO]

    init(_ results: [BulkResult]) {
        self.results = results.map { BulkResultDTO(id: $0.id, status: $0.outcome.rawValue) }
    }
}

struct HistoryDTO: Encodable, Sendable {
    var action: String
    var actorId: Int64?
    var fromUserId: Int64?
    var toUserId: Int64?
    var at: Date

    init(_ change: OwnershipChange) {
        action = change.action.rawValue
        actorId = change.actorId
        fromUserId = change.fromUserId
        toUserId = change.toUserId
        at = change.at
    }
}

struct ContactDTO: ResponseEncodable, Sendable {
    var id: Int64
    var customerId: Int64
    var name: String
    var title: String?
    var phone: String?
    var mobile: String?
    var email: String?
    var wechat: String?
    var notes: String?
    var primary: Bool

    init(_ contact: Contact) {
        id = contact.id
        customerId = contact.customerId
        name = contact.name
        title = contact.title
        phone = contact.phone
        mobile = contact.mobile
        email = contact.email
        wechat = contact.wechat
        notes = contact.notes
        primary = contact.primary
    }
}

struct ImportReportDTO: ResponseEncodable, Sendable {
    struct Row: Encodable, Sendable {
        var row: Int
        var status: String
        var id: Int64?
        var holder: HolderDTO?
        var errors: [FieldErrorDTO]?
    }
    var dryRun: Bool
    var created: Int
    var duplicates: Int
    var invalid: Int
    var rows: [Row]

    /// `row` is the line in the file, the header being line 1.
    init(_ outcomes: [ImportOutcome], rows lines: [ImportRow], dryRun: Bool) {
        self.dryRun = dryRun
        rows = zip(lines, outcomes).map { line, outcome in
            switch outcome {
            case .created(let id): Row(row: line.line, status: "created", id: id)
            case .duplicate(let holder): Row(row: line.line, status: "duplicate", holder: HolderDTO(holder))
            case .invalid(let errors): Row(row: line.line, status: "invalid", errors: errors.map(FieldErrorDTO.init))
            }
        }
        created = rows.filter { $0.status == "created" }.count
        duplicates = rows.filter { $0.status == "duplicate" }.count
        invalid = rows.filter { $0.status == "invalid" }.count
    }
}
