import Foundation

public enum BulkOutcome: String, Sendable, Equatable {
    case ok, notFound, notAllowed, notPublic, alreadyPublic, changedMeanwhile
}

/// A row of an imported file: its line, its fields, which columns it had, and what could not even be read.
public struct ImportRow: Sendable {
    public var line: Int
    public var fields: CustomerFields
    public var provided: Set<String>
    public var problems: [FieldError]

    public init(line: Int, fields: CustomerFields, provided: Set<String>, problems: [FieldError]) {
        self.line = line
        self.fields = fields
        self.provided = provided
        self.problems = problems
    }
}

public enum ImportOutcome: Sendable, Equatable {
    /// Created (with its id), or would be in a dry run (nil).
    case created(CustomerID?)
    case duplicate(NameHolder)
    case invalid([FieldError])
}

public struct BulkResult: Sendable, Equatable {
    public var id: CustomerID
    public var outcome: BulkOutcome
}

/// Changes to a customer's fields; absent fields stay as they are.
public struct CustomerChanges: Sendable {
    public var name: String?
    /// The texts to set; a nil value clears the text.
    public var texts: [CustomerText: String?] = [:]
    public var categoryId: Patch<CategoryID?> = .absent
    public var type: CustomerType?
    public var importance: Int?
    public init() {}
}

/// Customers (docs/customers.md, docs/pool.md): adding without 撞单, the management scope, the public pool.
public final class CustomerService: Sendable {
    public static let maxBulk = 500

    let repositories: Repositories
    let settings: SettingsService
    let directory: Snapshot<Directory>
    let now: @Sendable () -> Date

    public init(
        repositories: Repositories, settings: SettingsService, directory: Snapshot<Directory>,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.repositories = repositories
        self.settings = settings
        self.directory = directory
        self.now = now
    }

    var store: any CustomerRepository { repositories.customers }

    public func access(for user: User) async throws -> CustomerAccess {
        CustomerAccess(user: user, scope: try await directory.get().chart.scope(of: user))
    }

    public func protectionDays() async throws -> Int { try await settings.settings().protectionDays }

    // MARK: Adding

    public func check(name: String, by user: User) async throws -> NameCheck {
        let key = CustomerName.key(name)
        guard !key.isEmpty else { throw CRMError.invalid("name", "must not be empty", code: "empty") }
        let existing = try await store.customer(nameKey: key)
        let core = CustomerName.core(name)
        let similar = core.count < 2 ? [] : try await store.similarNames(core: core, excludingKey: key, limit: 5)
        return NameCheck(holder: existing.map { holder(of: $0, for: user) }, similar: similar)
    }

    public func create(_ fields: CustomerFields, provided: Set<String>, by user: User) async throws -> Customer {
        var validation = Validation()
        let fields = validated(
            fields, provided: provided, required: try await settings.requiredFields(for: user),
            categories: try await settings.categories(), into: &validation)
        try validation.check()
        do {
            return try await store.create(fields, owner: user.id, at: now())
        } catch CRMError.conflict {
            throw try await duplicate(fields.name, for: user)
        }
    }

    // MARK: Reading and editing

    public func customer(id: CustomerID, by user: User) async throws -> Customer {
        let access = try await access(for: user)
        guard let customer = try await store.customer(id: id), access.canSee(customer) else {
            throw CRMError.notFound("There is no customer \(id) that you may see.", code: .notFound("customer", id))
        }
        return customer
    }

    public func update(id: CustomerID, _ changes: CustomerChanges, by user: User) async throws -> Customer {
        let current = try await modifiable(id, by: user)
        var fields = current.fields
        if let name = changes.name { fields.name = name }
        for (text, value) in changes.texts { fields[text] = value }
        fields.categoryId = changes.categoryId.applied(to: fields.categoryId)
        if let type = changes.type { fields.type = type }
        if let importance = changes.importance { fields.importance = importance }
        var validation = Validation()
        fields = validated(
            fields, provided: [], required: [], categories: try await settings.categories(), into: &validation)
        try validation.check()
        // Reopening a closed deal starts a new protection period rather than releasing it at once.
        let reopened = current.fields.type == .closed && fields.type == .open && current.ownerId != nil
        do {
            try await store.update(id: id, fields, restartTracking: reopened, at: now())
        } catch CRMError.conflict {
            throw try await duplicate(fields.name, for: user)
        }
        return try await customer(id: id, by: user)
    }

    public func delete(id: CustomerID, by user: User) async throws {
        let customer = try await modifiable(id, by: user)
        let deleted = try await store.delete([OwnerExpectation(id: id, owner: customer.ownerId)], actor: user.id, at: now())
        if deleted.isEmpty { throw CRMError.conflict("The customer changed hands meanwhile; reload and try again.", code: "changed-meanwhile") }
    }

    public func list(_ scope: ListScope, _ query: CustomerQuery, count: Bool, by user: User) async throws -> CustomerPage {
        let access = try await access(for: user)
        var query = query
        switch scope {
        case .mine: query.owners = .owners([user.id])
        case .public: query.owners = .publicOnly
        case .all: query.owners = access.visible
        case .team:
            switch access.scope {
            case .everyone: query.owners = .any
            case .users(let ids): query.owners = .owners(ids.subtracting([user.id]))
            }
        }
        return try await store.list(query, count: count)
    }

    public func history(id: CustomerID, by user: User) async throws -> [OwnershipChange] {
        _ = try await customer(id: id, by: user)
        return try await store.history(customer: id)
    }

    // MARK: The pool

    /// The customer loses its owner and falls into the public pool.
    public func release(_ ids: [CustomerID], by user: User) async throws -> [BulkResult] {
        try await bulk(ids, by: user, to: nil, action: .released) { customer, access in
            if customer.ownerId == nil { return .alreadyPublic }
            return access.canModify(customer) ? nil : .notAllowed
        }
    }

    /// Gives public customers, or ones the actor manages, to a user in the actor's scope.
    public func assign(_ ids: [CustomerID], to target: UserID, by user: User) async throws -> [BulkResult] {
        let access = try await access(for: user)
        guard let targetUser = try await repositories.users.user(id: target), targetUser.active,
            access.canAssign(to: target)
        else { throw CRMError.invalid("userId", "must be an active user you manage", code: "not-managed-user") }
        return try await bulk(ids, by: user, to: target, action: .assigned) { customer, access in
            customer.ownerId == nil || access.canModify(customer) ? nil : .notAllowed
        }
    }

    /// Takes public customers for oneself.
    public func claim(_ ids: [CustomerID], by user: User) async throws -> [BulkResult] {
        try await bulk(ids, by: user, to: user.id, action: .claimed) { customer, _ in
            customer.ownerId == nil ? nil : .notPublic
        }
    }

    public func delete(_ ids: [CustomerID], by user: User) async throws -> [BulkResult] {
        let (access, found) = try await prepare(ids, by: user)
        var results: [CustomerID: BulkOutcome] = [:]
        var deletable: [OwnerExpectation] = []
        for id in ids {
            guard let customer = found[id], access.canSee(customer) else { results[id] = .notFound; continue }
            if access.canModify(customer) {
                deletable.append(OwnerExpectation(id: id, owner: customer.ownerId))
            } else {
                results[id] = .notAllowed
            }
        }
        let deleted = try await store.delete(deletable, actor: user.id, at: now())
        return ids.map { BulkResult(id: $0, outcome: results[$0] ?? (deleted.contains($0) ? .ok : .changedMeanwhile)) }
    }

    /// Releases the open customers whose protection ran out by `asOf` into the public pool (or,
    /// `dryRun`, only finds them), a batch at a time, so that a million need neither one
    /// transaction nor memory for them all; `each` sees every batch. Returns how many.
    @discardableResult
    public func sweep(asOf: Date, dryRun: Bool, each: ([Customer]) async throws -> Void = { _ in }) async throws -> Int {
        let days = try await protectionDays()
        guard days > 0 else { return 0 }
        return try await store.releaseExpired(
            trackingBefore: asOf.addingTimeInterval(-TimeInterval(days) * 86_400), at: asOf, dryRun: dryRun, each: each)
    }

    /// Adds the rows of an imported file for `user`, all or nothing on failure: each row is created,
    /// a duplicate (of a customer or an earlier row), or invalid. `dryRun` only reports.
    public func importCustomers(_ rows: [ImportRow], dryRun: Bool, by user: User) async throws -> [ImportOutcome] {
        let required = try await settings.requiredFields(for: user)
        let categories = try await settings.categories()
        var outcomes: [ImportOutcome] = []
        var accepted: [(index: Int, fields: CustomerFields)] = []
        let existing = try await store.customers(nameKeys: rows.map { CustomerName.key($0.fields.name) })
        var seen: Set<String> = []
        for (index, row) in rows.enumerated() {
            var validation = Validation()
            for problem in row.problems { validation.add(problem) }
            let fields = validated(row.fields, provided: row.provided, required: required, categories: categories, into: &validation)
            let key = CustomerName.key(fields.name)
            if !validation.errors.isEmpty {
                outcomes.append(.invalid(validation.errors))
            } else if let holder = existing[key] {
                outcomes.append(.duplicate(self.holder(of: holder, for: user)))
            } else if !seen.insert(key).inserted {
                outcomes.append(.duplicate(.self))
            } else {
                outcomes.append(.created(nil))
                accepted.append((index, fields))
            }
        }
        guard !dryRun, !accepted.isEmpty else { return outcomes }
        let ids = try await store.importCustomers(accepted.map(\.fields), owner: user.id, at: now())
        let takenMeanwhile = zip(accepted, ids).filter { $0.1 == nil }.map { CustomerName.key($0.0.fields.name) }
        let holders = takenMeanwhile.isEmpty ? [:] : try await store.customers(nameKeys: takenMeanwhile)
        for (slot, id) in zip(accepted, ids) {
            if let id {
                outcomes[slot.index] = .created(id)
            } else {
                let holder = holders[CustomerName.key(slot.fields.name)].map { self.holder(of: $0, for: user) }
                outcomes[slot.index] = .duplicate(holder ?? .public)
            }
        }
        return outcomes
    }

    /// Every customer the list would show, page by page, for an export.
    public func export(_ scope: ListScope, _ query: CustomerQuery, by user: User, page: (CustomerPage) async throws -> Void) async throws {
        var query = query
        query.limit = 500
        while true {
            let found = try await list(scope, query, count: false, by: user)
            try await page(found)
            guard let next = found.next else { return }
            query.after = next
        }
    }

    public func auditLog(after: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await store.auditLog(after: after, limit: limit)
    }

    // MARK: Contacts

    public func contacts(of customer: CustomerID, by user: User) async throws -> [Contact] {
        _ = try await self.customer(id: customer, by: user)
        return try await store.contacts(customer: customer)
    }

    public func addContact(_ contact: Contact, by user: User) async throws -> Contact {
        _ = try await modifiable(contact.customerId, by: user)
        return try await store.createContact(try validated(contact))
    }

    /// The contact, if the user may see its customer; `modify` also requires that they may change it.
    public func contact(id: ContactID, by user: User, modify: Bool = false) async throws -> Contact {
        guard let contact = try await store.contact(id: id) else { throw CRMError.notFound("There is no contact \(id).", code: .notFound("contact", id)) }
        do {
            _ = modify ? try await modifiable(contact.customerId, by: user) : try await customer(id: contact.customerId, by: user)
        } catch CRMError.notFound {
            throw CRMError.notFound("There is no contact \(id).", code: .notFound("contact", id))
        }
        return contact
    }

    public func updateContact(_ contact: Contact, by user: User) async throws -> Contact {
        _ = try await self.contact(id: contact.id, by: user, modify: true)
        let contact = try validated(contact)
        try await store.updateContact(contact)
        return contact
    }

    public func deleteContact(id: ContactID, by user: User) async throws {
        _ = try await contact(id: id, by: user, modify: true)
        try await store.deleteContact(id: id)
    }

    // MARK: Rules

    private func bulk(
        _ ids: [CustomerID], by user: User, to owner: UserID?, action: OwnershipAction,
        refuse: (Customer, CustomerAccess) -> BulkOutcome?
    ) async throws -> [BulkResult] {
        let (access, found) = try await prepare(ids, by: user)
        var results: [CustomerID: BulkOutcome] = [:]
        var moves: [OwnerExpectation] = []
        for id in ids {
            guard let customer = found[id], access.canSee(customer) else { results[id] = .notFound; continue }
            if let reason = refuse(customer, access) {
                results[id] = reason
            } else {
                moves.append(OwnerExpectation(id: id, owner: customer.ownerId))
            }
        }
        let moved = try await store.transfer(moves, to: owner, action: action, actor: user.id, at: now())
        return ids.map { BulkResult(id: $0, outcome: results[$0] ?? (moved.contains($0) ? .ok : .changedMeanwhile)) }
    }

    private func prepare(_ ids: [CustomerID], by user: User) async throws -> (CustomerAccess, [CustomerID: Customer]) {
        guard !ids.isEmpty, ids.count <= Self.maxBulk, Set(ids).count == ids.count else {
            throw CRMError.invalid(
                "ids", "must list 1 to \(Self.maxBulk) different customer ids", code: ErrorCode("bad-selection", ["max": ErrorParam(Self.maxBulk)]))
        }
        let access = try await access(for: user)
        let found = Dictionary(uniqueKeysWithValues: try await store.customers(ids: ids).map { ($0.id, $0) })
        return (access, found)
    }

    private func modifiable(_ id: CustomerID, by user: User) async throws -> Customer {
        let access = try await access(for: user)
        let customer = try await customer(id: id, by: user)
        guard access.canModify(customer) else {
            throw CRMError.forbidden(
                "Only the owner, the owner's managers and the administrator may change customer \(id).",
                code: ErrorCode("customer-not-modifiable", ["id": .text("\(id)")]))
        }
        return customer
    }

    private func holder(of customer: Customer, for user: User) -> NameHolder {
        guard let owner = customer.ownerId else { return .public }
        return owner == user.id ? .self : .user(displayName: customer.ownerName ?? "")
    }

    private func duplicate(_ name: String, for user: User) async throws -> CRMError {
        guard let existing = try await store.customer(nameKey: CustomerName.key(name)) else {
            return .conflict("A customer with this name exists already.")
        }
        return .duplicateCustomer(holder(of: existing, for: user))
    }

    private func isBlank(_ field: CustomerFieldSpec, in fields: CustomerFields) -> Bool {
        switch field.kind {
        case .name: fields.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .text(let text): fields[text]?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true
        case .category: fields.categoryId == nil
        case .type, .importance: false
        }
    }

    /// Free text: trimmed, blank means none, line breaks allowed.
    static func notes(_ text: String?, into validation: inout Validation) -> String? {
        validation.optionalText("notes", text, maxLength: CustomerText.notes.spec.maxLength!, multiline: true)
    }

    /// The fields trimmed and checked: the required ones present, lengths, importance, a category of the right type.
    private func validated(
        _ fields: CustomerFields, provided: Set<String>, required: [String], categories: [Category],
        into validation: inout Validation
    ) -> CustomerFields {
        // The name is always checked below, required or not.
        for field in CustomerFields.all where field.kind != .name && required.contains(field.name) {
            if !provided.contains(field.name) || isBlank(field, in: fields) { validation.add(field.name, "is required", code: "required") }
        }
        var fields = fields
        fields.name = validation.text("name", fields.name, maxLength: CustomerFields.nameMaxLength)
        for text in CustomerText.allCases {
            let spec = text.spec
            fields[text] = validation.optionalText(spec.name, fields[text], maxLength: spec.maxLength!, multiline: spec.multiline)
        }
        if !(1...5).contains(fields.importance) { validation.add("importance", "must be from 1 to 5", code: .outOfRange(1...5)) }
        if let categoryId = fields.categoryId {
            if let category = categories.first(where: { $0.id == categoryId }) {
                if category.type != fields.type {
                    validation.add(
                        "categoryId", "is a category for \(category.type.rawValue) customers, not \(fields.type.rawValue) ones",
                        code: ErrorCode(
                            "category-type-mismatch", ["categoryType": .text(category.type.rawValue), "type": .text(fields.type.rawValue)]))
                }
            } else {
                validation.add("categoryId", "there is no category \(categoryId)", code: .unknown("category", categoryId))
            }
        }
        return fields
    }

    private func validated(_ contact: Contact) throws -> Contact {
        var contact = contact
        var validation = Validation()
        contact.name = validation.text("name", contact.name)
        contact.title = validation.optionalText("title", contact.title, maxLength: 100)
        contact.phone = validation.optionalText("phone", contact.phone, maxLength: 50)
        contact.mobile = validation.optionalText("mobile", contact.mobile, maxLength: 50)
        contact.email = validation.optionalText("email", contact.email, maxLength: 200)
        if let email = contact.email, !email.contains("@") { validation.add("email", "must be an email address", code: .format("email")) }
        contact.wechat = validation.optionalText("wechat", contact.wechat, maxLength: 100)
        contact.notes = Self.notes(contact.notes, into: &validation)
        try validation.check()
        return contact
    }
}
