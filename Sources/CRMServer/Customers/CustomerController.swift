import CRMCore
import Foundation
import HTTPTypes
import Hummingbird

/// Customers, their contacts and ownership.
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET | /api/v1/customers | customers.mine, customers.public, customers.team or customers.search, by `scope` |
/// | POST | /api/v1/customers | customers.add |
/// | GET | /api/v1/customers/check | customers.add |
/// | GET | /api/v1/customers/{id} | customers.detail |
/// | PATCH | /api/v1/customers/{id} | customers.edit |
/// | DELETE | /api/v1/customers/{id} | customers.delete |
/// | GET | /api/v1/customers/{id}/history | customers.detail |
/// | POST | /api/v1/customers/release | customers.release |
/// | POST | /api/v1/customers/assign | customers.assign |
/// | POST | /api/v1/customers/claim | customers.claim |
/// | POST | /api/v1/customers/delete | customers.delete |
/// | GET | /api/v1/customers/{id}/contacts | customers.detail |
/// | POST | /api/v1/customers/{id}/contacts | customers.edit |
/// | PATCH, DELETE | /api/v1/contacts/{id} | customers.edit |
/// | GET | /api/v1/customers/export | customers.export, and the page of its `scope` |
/// | POST | /api/v1/customers/import | customers.import |
struct CustomerController {
    let service: CustomerService
    let settings: SettingsService
    let access: AccessService
    let timeZone: TimeZone

    /// A new customer's fields, as `CustomerFields.all` names them; `provided` names those present.
    struct CustomerCreate: Decodable {
        var fields = CustomerFields(name: "")
        var provided: Set<String>

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: FieldKey.self)
            for field in CustomerFields.all {
                let key = FieldKey(field.name)
                switch field.kind {
                case .name: fields.name = try c.decodeIfPresent(String.self, forKey: key) ?? ""
                case .text(let text): fields[text] = try c.decodeIfPresent(String.self, forKey: key)
                case .category: fields.categoryId = try c.decodeIfPresent(Int64.self, forKey: key)
                case .type: fields.type = try c.decodeIfPresent(CustomerType.self, forKey: key) ?? .open
                case .importance: fields.importance = try c.decodeIfPresent(Int.self, forKey: key) ?? 3
                }
            }
            provided = Set(c.allKeys.map(\.stringValue))
        }
    }

    /// Changes to a customer: absent fields stay, null clears.
    struct CustomerUpdate: Decodable {
        var changes = CustomerChanges()

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: FieldKey.self)
            for field in CustomerFields.all {
                let key = FieldKey(field.name)
                switch field.kind {
                case .name: changes.name = try c.decodeIfPresent(String.self, forKey: key)
                case .text(let text):
                    if case .set(let value) = try c.decodePatch(String.self, forKey: key) { changes.texts[text] = .some(value) }
                case .category: changes.categoryId = try c.decodePatch(Int64.self, forKey: key)
                case .type: changes.type = try c.decodeIfPresent(CustomerType.self, forKey: key)
                case .importance: changes.importance = try c.decodeIfPresent(Int.self, forKey: key)
                }
            }
        }
    }

    struct Selection: Decodable {
        var ids: [Int64]
    }

    struct Assignment: Decodable {
        var ids: [Int64]
        var userId: Int64
    }

    struct ContactBody: Decodable {
        var name: String
        var title: String?
        var phone: String?
        var mobile: String?
        var email: String?
        var wechat: String?
        var notes: String?
        var primary: Bool?
    }

    struct ContactUpdate: Decodable {
        var name: String?
        var title: Patch<String?>
        var phone: Patch<String?>
        var mobile: Patch<String?>
        var email: Patch<String?>
        var wechat: Patch<String?>
        var notes: Patch<String?>
        var primary: Bool?

        enum CodingKeys: String, CodingKey { case name, title, phone, mobile, email, wechat, notes, primary }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            title = try c.decodePatch(String.self, forKey: .title)
            phone = try c.decodePatch(String.self, forKey: .phone)
            mobile = try c.decodePatch(String.self, forKey: .mobile)
            email = try c.decodePatch(String.self, forKey: .email)
            wechat = try c.decodePatch(String.self, forKey: .wechat)
            notes = try c.decodePatch(String.self, forKey: .notes)
            primary = try c.decodeIfPresent(Bool.self, forKey: .primary)
        }
    }

    func dto(_ customer: Customer) async throws -> CustomerDTO {
        CustomerDTO(customer, protectionDays: try await service.protectionDays())
    }

    func addRoutes(to endpoints: Endpoints) {
        endpoints.on(.get, "customers", menu: { request, _ in try Self.scope(of: request).menuId }) { request, context in
            let scope = try Self.scope(of: request)
            let (query, count) = try Self.query(from: request, timeZone: timeZone)
            let page = try await service.list(scope, query, count: count, by: context.user)
            let days = try await service.protectionDays()
            return CustomerListDTO(
                items: page.items.map { CustomerDTO($0, protectionDays: days) },
                nextCursor: page.next.map { Self.cursor($0).text }, total: page.total)
        }
        endpoints.on(.get, "customers/check", menu: "customers.add") { request, context in
            guard let name = request.uri.queryParameters.get("name") else {
                throw CRMError.invalid("name", "is required", code: "required")
            }
            let check = try await service.check(name: name, by: context.user)
            return NameCheckDTO(exists: check.holder != nil, holder: check.holder.map(HolderDTO.init), similar: check.similar)
        }
        endpoints.on(.post, "customers", menu: "customers.add") { request, context in
            let body = try await request.decode(as: CustomerCreate.self)
            let customer = try await service.create(body.fields, provided: body.provided, by: context.user)
            return Created(body: try await dto(customer))
        }
        endpoints.on(.get, "customers/:id", menu: "customers.detail") { _, context in
            try await dto(try await service.customer(id: try context.id("id", of: "customer"), by: context.user))
        }
        endpoints.on(.patch, "customers/:id", menu: "customers.edit") { request, context in
            let id = try context.id("id", of: "customer")
            let body = try await request.decode(as: CustomerUpdate.self)
            return try await dto(try await service.update(id: id, body.changes, by: context.user))
        }
        endpoints.on(.delete, "customers/:id", menu: "customers.delete") { _, context in
            try await service.delete(id: try context.id("id", of: "customer"), by: context.user)
            return HTTPResponse.Status.noContent
        }
        endpoints.on(.get, "customers/:id/history", menu: "customers.detail") { _, context in
            let history = try await service.history(id: try context.id("id", of: "customer"), by: context.user)
            return ItemList(history.map(HistoryDTO.init))
        }

        endpoints.on(.post, "customers/release", menu: "customers.release") { request, context in
            BulkDTO(try await service.release(try await request.decode(as: Selection.self).ids, by: context.user))
        }
        endpoints.on(.post, "customers/assign", menu: "customers.assign") { request, context in
            let body = try await request.decode(as: Assignment.self)
            return BulkDTO(try await service.assign(body.ids, to: body.userId, by: context.user))
        }
        endpoints.on(.post, "customers/claim", menu: "customers.claim") { request, context in
            BulkDTO(try await service.claim(try await request.decode(as: Selection.self).ids, by: context.user))
        }
        endpoints.on(.post, "customers/delete", menu: "customers.delete") { request, context in
            BulkDTO(try await service.delete(try await request.decode(as: Selection.self).ids, by: context.user))
        }

        endpoints.on(.get, "customers/:id/contacts", menu: "customers.detail") { _, context in
            let contacts = try await service.contacts(of: try context.id("id", of: "customer"), by: context.user)
            return ItemList(contacts.map(ContactDTO.init))
        }
        endpoints.on(.post, "customers/:id/contacts", menu: "customers.edit") { request, context in
            let customer = try context.id("id", of: "customer")
            let body = try await request.decode(as: ContactBody.self)
            let contact = Contact(
                id: 0, customerId: customer, name: body.name, title: body.title, phone: body.phone, mobile: body.mobile,
                email: body.email, wechat: body.wechat, notes: body.notes, primary: body.primary ?? false)
            return Created(body: ContactDTO(try await service.addContact(contact, by: context.user)))
        }
        endpoints.on(.patch, "contacts/:id", menu: "customers.edit") { request, context in
            let id = try context.id("id", of: "contact")
            let body = try await request.decode(as: ContactUpdate.self)
            var contact = try await service.contact(id: id, by: context.user, modify: true)
            if let name = body.name { contact.name = name }
            contact.title = body.title.applied(to: contact.title)
            contact.phone = body.phone.applied(to: contact.phone)
            contact.mobile = body.mobile.applied(to: contact.mobile)
            contact.email = body.email.applied(to: contact.email)
            contact.wechat = body.wechat.applied(to: contact.wechat)
            contact.notes = body.notes.applied(to: contact.notes)
            if let primary = body.primary { contact.primary = primary }
            return ContactDTO(try await service.updateContact(contact, by: context.user))
        }
        endpoints.on(.delete, "contacts/:id", menu: "customers.edit") { _, context in
            try await service.deleteContact(id: try context.id("id", of: "contact"), by: context.user)
            return HTTPResponse.Status.noContent
        }

        endpoints.on(.get, "customers/export", menu: "customers.export") { request, context in
            let scope = try Self.scope(of: request)
            // Exporting a list takes that list's page too.
            try await access.require(scope.menuId, for: context.user)
            let (query, _) = try Self.query(from: request, timeZone: timeZone)
            let categories = Dictionary(uniqueKeysWithValues: try await settings.categories().map { ($0.id, $0.name) })
            let user = context.user
            return CSVFiles.download("customers.csv") { write in
                try await write(ByteBuffer(string: CSVFiles.byteOrderMark))
                try await write(CSVFiles.encode([CustomerCSV.header]))
                try await service.export(scope, query, by: user) { page in
                    try await write(CSVFiles.encode(page.items.map { CustomerCSV.row($0, categories: categories) }))
                }
            }
        }
        endpoints.on(.post, "customers/import", menu: "customers.import") { request, context in
            var reader = QueryReader(request)
            let dryRun = reader.bool("dryRun") ?? false
            try reader.check()
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: CSVFiles.maxImportBytes)
            } catch {
                throw CRMError.tooLarge(
                    "Import files may be at most \(CSVFiles.maxImportBytes / 1_048_576) MB.",
                    code: ErrorCode("too-large", ["maxBytes": ErrorParam(CSVFiles.maxImportBytes)]))
            }
            let rows = try CustomerCSV.importRows(body, categories: try await settings.categories())
            let outcomes = try await service.importCustomers(rows, dryRun: dryRun, by: context.user)
            return ImportReportDTO(outcomes, rows: rows, dryRun: dryRun)
        }
    }

    static func scope(of request: Request) throws -> ListScope {
        var reader = QueryReader(request)
        let scope = reader.oneOf("scope", ListScope.self)
        try reader.check()
        return scope ?? .mine
    }

    /// Reads the list's filters, naming every malformed one.
    static func query(from request: Request, timeZone: TimeZone) throws -> (CustomerQuery, count: Bool) {
        var reader = QueryReader(request, timeZone: timeZone)
        var query = CustomerQuery()
        if let keyword = reader.text("q", maxLength: 100).map(CustomerName.fold), !keyword.isEmpty { query.keyword = keyword }
        query.categoryId = reader.id("categoryId")
        query.type = reader.oneOf("type", CustomerType.self)
        query.importance = reader.integer("importance", in: 1...5)
        query.ownerId = reader.id("ownerId")
        query.industry = reader.text("industry")
        query.region = reader.text("region")
        query.createdFrom = reader.time("createdFrom", endOfDay: false)
        query.createdTo = reader.time("createdTo", endOfDay: true)
        query.lastVisitFrom = reader.time("lastVisitFrom", endOfDay: false)
        query.lastVisitTo = reader.time("lastVisitTo", endOfDay: true)
        query.sort = reader.oneOf("sort", CustomerSort.self) ?? query.sort
        query.limit = reader.limit()
        let textSort = query.sort == .name || query.sort == .nameDescending
        query.after = reader.cursor(key: textSort ? .text : .number).map { cursor in
            switch cursor.key {
            case .text(let text): CustomerCursor(value: .text(text), id: cursor.id)
            case .number(let number): CustomerCursor(value: .number(number), id: cursor.id)
            case .none: CustomerCursor(value: .number(0), id: cursor.id)
            }
        }
        let count = reader.bool("count") ?? false
        try reader.check()
        return (query, count)
    }

    static func cursor(_ cursor: CustomerCursor) -> Cursor {
        switch cursor.value {
        case .number(let number): Cursor(id: cursor.id, key: .number(number))
        case .text(let text): Cursor(id: cursor.id, key: .text(text))
        }
    }
}
