import CRMCore
import Foundation
import Hummingbird

// Wire shapes of the API; the core's models never go on the wire directly.

struct UserDTO: ResponseEncodable, Sendable {
    var id: Int64
    var username: String
    var displayName: String
    var positionId: Int64?
    var active: Bool
    var isAdmin: Bool
    var createdAt: Date

    init(_ user: User) {
        id = user.id
        username = user.username
        displayName = user.displayName
        positionId = user.positionId
        active = user.active
        isAdmin = user.isAdmin
        createdAt = user.createdAt
    }
}

struct DepartmentDTO: ResponseEncodable, Sendable {
    var id: Int64
    var name: String
    var parentId: Int64?
    var sortOrder: Int

    init(_ department: Department) {
        id = department.id
        name = department.name
        parentId = department.parentId
        sortOrder = department.sortOrder
    }
}

struct PositionDTO: ResponseEncodable, Sendable {
    var id: Int64
    var departmentId: Int64
    var name: String
    var manageSubordinates: Bool
    var roleIds: [Int64]

    init(_ position: Position) {
        id = position.id
        departmentId = position.departmentId
        name = position.name
        manageSubordinates = position.manageSubordinates
        roleIds = position.roleIds
    }
}

struct RoleDTO: ResponseEncodable, Sendable {
    var id: Int64
    var name: String
    var description: String?
    var menuIds: [String]

    init(_ role: Role) {
        id = role.id
        name = role.name
        description = role.description
        menuIds = role.menuIds
    }
}

struct PageDTO: ResponseEncodable, Sendable {
    var menuId: String
    var title: String
    var parentId: String?
    var sortOrder: Int
    var icon: String?
    var url: String?
    var checkPermission: Bool
    var showInMenu: Bool
    var builtIn: Bool

    init(_ page: CRMCore.Page) {
        menuId = page.menuId
        title = page.title
        parentId = page.parentId
        sortOrder = page.sortOrder
        icon = page.icon
        url = page.url
        checkPermission = page.checkPermission
        showInMenu = page.showInMenu
        builtIn = page.builtIn
    }
}

struct MenuNodeDTO: ResponseEncodable, Sendable {
    var menuId: String
    var title: String
    var icon: String?
    var url: String?
    var children: [MenuNodeDTO]

    init(_ node: MenuNode) {
        menuId = node.page.menuId
        title = node.page.title
        icon = node.page.icon
        url = node.page.url
        children = node.children.map(MenuNodeDTO.init)
    }
}

/// A short reference to a record: its id and name.
struct Ref: Encodable, Sendable {
    var id: Int64
    var name: String
}

struct MeDTO: ResponseEncodable, Sendable {
    var user: UserDTO
    var position: Ref?
    var department: Ref?
    var isAdmin: Bool
    var managesSubordinates: Bool
    var menuIds: [String]
}

struct TeamMemberDTO: Encodable, Sendable {
    var id: Int64
    var username: String
    var displayName: String
    var position: Ref?
    var department: Ref?

    init(_ member: TeamMember) {
        id = member.user.id
        username = member.user.username
        displayName = member.user.displayName
        position = member.position.map { Ref(id: $0.id, name: $0.name) }
        department = member.department.map { Ref(id: $0.id, name: $0.name) }
    }
}

struct LoginDTO: ResponseEncodable, Sendable {
    var token: String
    var expiresAt: Date
    var user: UserDTO
}

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

struct AuditDTO: Encodable, Sendable {
    var id: Int64
    var action: String
    var actorId: Int64?
    var subject: String
    var at: Date

    init(_ entry: AuditEntry) {
        id = entry.id
        action = entry.action
        actorId = entry.actorId
        subject = entry.subject
        at = entry.at
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

struct CategoryDTO: ResponseEncodable, Sendable {
    var id: Int64
    var name: String
    var type: String
    var iconFileId: Int64?
    var iconUrl: String?
    var sortOrder: Int

    init(_ category: CRMCore.Category) {
        id = category.id
        name = category.name
        type = category.type.rawValue
        iconFileId = category.iconFileId
        iconUrl = category.iconFileId.map(FileDTO.url)
        sortOrder = category.sortOrder
    }
}

struct SettingsDTO: ResponseEncodable, Sendable {
    var systemTitle: String
    var protectionDays: Int
    var defaultBackgroundFileId: Int64?
    var defaultShortcuts: [Shortcut]
    var timeZone: String

    init(_ settings: Settings, timeZone: TimeZone) {
        systemTitle = settings.systemTitle
        protectionDays = settings.protectionDays
        defaultBackgroundFileId = settings.defaultBackgroundFileId
        defaultShortcuts = settings.defaultShortcuts
        self.timeZone = timeZone.identifier
    }
}

struct FileDTO: ResponseEncodable, Sendable {
    var id: Int64
    var url: String
    var mediaType: String
    var width: Int
    var height: Int
    var size: Int

    init(_ file: StoredFile) {
        id = file.id
        url = Self.url(file.id)
        mediaType = file.image.mediaType
        width = file.image.width
        height = file.image.height
        size = file.size
    }

    static func url(_ id: Int64) -> String { "/api/v1/files/\(id)" }
}

struct VisitDTO: ResponseEncodable, Sendable {
    var id: Int64
    var customerId: Int64
    var customerName: String?
    var userId: Int64
    var userName: String?
    var visitedAt: Date
    var method: String
    var contactId: Int64?
    var content: String
    var nextStep: String?
    var planId: Int64?
    var createdAt: Date

    init(_ visit: Visit) {
        id = visit.id
        customerId = visit.customerId
        customerName = visit.customerName
        userId = visit.userId
        userName = visit.userName
        visitedAt = visit.visitedAt
        method = visit.method.rawValue
        contactId = visit.contactId
        content = visit.content
        nextStep = visit.nextStep
        planId = visit.planId
        createdAt = visit.createdAt
    }
}

struct PlanDTO: ResponseEncodable, Sendable {
    var id: Int64
    var customerId: Int64
    var customerName: String?
    var userId: Int64
    var plannedAt: Date
    var subject: String
    var notes: String?
    var status: String
    var visitId: Int64?
    var overdue: Bool
    var createdAt: Date

    init(_ plan: Plan, overdue: Bool) {
        id = plan.id
        customerId = plan.customerId
        customerName = plan.customerName
        userId = plan.userId
        plannedAt = plan.plannedAt
        subject = plan.subject
        notes = plan.notes
        status = plan.status.rawValue
        visitId = plan.visitId
        self.overdue = overdue
        createdAt = plan.createdAt
    }
}

/// A calendar day as `2026-11-29`.
func dayString(_ day: DateComponents) -> String {
    String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
}

struct VisitSummaryDTO: ResponseEncodable, Sendable {
    struct Day: Encodable, Sendable {
        var date: String
        var visits: Int
    }
    struct CustomerRow: Encodable, Sendable {
        var customerId: Int64
        var name: String
        var visits: Int
        var lastVisitAt: Date
    }
    var from: String
    var to: String
    var userIds: [Int64]
    var total: Int
    var workingDays: Int
    var averagePerWorkingDay: Double
    var customersVisited: Int
    var perDay: [Day]
    var byMethod: [String: Int]
    var byCustomer: [CustomerRow]

    init(_ summary: VisitSummary, userIds: [Int64]) {
        from = summary.perDay.first.map { dayString($0.day) } ?? ""
        to = summary.perDay.last.map { dayString($0.day) } ?? ""
        self.userIds = userIds
        total = summary.total
        workingDays = summary.workingDays
        averagePerWorkingDay = (summary.averagePerWorkingDay * 100).rounded() / 100
        customersVisited = summary.customersVisited
        perDay = summary.perDay.map { Day(date: dayString($0.day), visits: $0.visits) }
        byMethod = Dictionary(uniqueKeysWithValues: VisitMethod.allCases.map { ($0.rawValue, summary.byMethod[$0] ?? 0) })
        byCustomer = summary.byCustomer.map {
            CustomerRow(customerId: $0.customerId, name: $0.name, visits: $0.visits, lastVisitAt: $0.lastVisitAt)
        }
    }
}

struct PoolReportDTO: ResponseEncodable, Sendable {
    struct Owner: Encodable, Sendable {
        var userId: Int64
        var displayName: String
        var customers: Int
    }
    struct Day: Encodable, Sendable {
        var date: String
        var manual: Int
        var automatic: Int
    }
    var owners: [Owner]
    var publicCustomers: Int
    var releases: [Day]

    init(_ report: VisitService.PoolSummary) {
        owners = report.owners.map { Owner(userId: $0.userId, displayName: $0.displayName, customers: $0.customers) }
        publicCustomers = report.publicCustomers
        releases = report.releases.map { Day(date: dayString($0.day), manual: $0.manual, automatic: $0.automatic) }
    }
}

struct ImportReportDTO: ResponseEncodable, Sendable {
    struct Row: Encodable, Sendable {
        var row: Int
        var status: String
        var id: Int64?
        var holder: HolderDTO?
        var errors: [FieldError]?
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
            case .invalid(let errors): Row(row: line.line, status: "invalid", errors: errors)
            }
        }
        created = rows.filter { $0.status == "created" }.count
        duplicates = rows.filter { $0.status == "duplicate" }.count
        invalid = rows.filter { $0.status == "invalid" }.count
    }
}

struct DesktopDTO: ResponseEncodable, Sendable {
    struct Background: Encodable, Sendable {
        var fileId: Int64
        var url: String
    }
    struct ShortcutDTO: Encodable, Sendable {
        var menuId: String
        var title: String?
        var iconFileId: Int64?
        var iconUrl: String?
    }
    var background: Background?
    var shortcuts: [ShortcutDTO]
    var custom: Bool
    var customBackground: Bool
    var customShortcuts: Bool

    init(_ desktop: Desktop, own: Desktop?) {
        background = desktop.backgroundFileId.map { Background(fileId: $0, url: FileDTO.url($0)) }
        shortcuts = desktop.shortcuts.map {
            ShortcutDTO(menuId: $0.menuId, title: $0.title, iconFileId: $0.iconFileId, iconUrl: $0.iconFileId.map(FileDTO.url))
        }
        custom = own != nil
        customBackground = own?.backgroundFileId != nil
        customShortcuts = own?.shortcuts.isEmpty == false
    }
}
