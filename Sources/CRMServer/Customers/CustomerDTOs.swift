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

struct CustomerDTO: ResponseEncodable, Sendable {
    var id: Int64
    var name: String
    var website: String?
    var phone: String?
    var address: String?
    var region: String?
    var industry: String?
    var source: String?
    var notes: String?
    var categoryId: Int64?
    var type: String
    var importance: Int
    var ownerId: Int64?
    var ownerName: String?
    var trackingSince: Date?
    var protectionExpiresAt: Date?
    var createdBy: Int64?
    var createdAt: Date
    var updatedAt: Date
    var lastVisitAt: Date?

    init(_ customer: Customer, protectionDays: Int) {
        let fields = customer.fields
        id = customer.id
        name = fields.name
        website = fields.website
        phone = fields.phone
        address = fields.address
        region = fields.region
        industry = fields.industry
        source = fields.source
        notes = fields.notes
        categoryId = fields.categoryId
        type = fields.type.rawValue
        importance = fields.importance
        ownerId = customer.ownerId
        ownerName = customer.ownerName
        trackingSince = customer.trackingSince
        protectionExpiresAt = customer.protectionExpiresAt(protectionDays: protectionDays)
        createdBy = customer.createdBy
        createdAt = customer.createdAt
        updatedAt = customer.updatedAt
        lastVisitAt = customer.lastVisitAt
    }
}

struct CustomerListDTO: ResponseEncodable, Sendable {
    var items: [CustomerDTO]
    var nextCursor: String?
    var total: Int?
}

extension CustomerDTO: JSONDirect {
    func write(to sink: JSONSink) {
        var object = ObjectWriter(sink)
        object.integer("id", id)
        object.string("name", name)
        object.string("website", website)
        object.string("phone", phone)
        object.string("address", address)
        object.string("region", region)
        object.string("industry", industry)
        object.string("source", source)
        object.string("notes", notes)
        object.integer("categoryId", categoryId)
        object.string("type", type)
        object.integer("importance", importance)
        object.integer("ownerId", ownerId)
        object.string("ownerName", ownerName)
        object.time("trackingSince", trackingSince)
        object.time("protectionExpiresAt", protectionExpiresAt)
        object.integer("createdBy", createdBy)
        object.time("createdAt", createdAt)
        object.time("updatedAt", updatedAt)
        object.time("lastVisitAt", lastVisitAt)
        object.close()
    }
}

extension CustomerListDTO: JSONDirect {
    func write(to sink: JSONSink) {
        var object = ObjectWriter(sink)
        object.array("items", items)
        object.string("nextCursor", nextCursor)
        object.integer("total", total)
        object.close()
    }
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
