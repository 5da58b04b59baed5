import CRMCore
import Foundation
import PostgresNIO

/// Customers, their ownership moves, the sweep, the audit log and contacts. Every write is one
/// statement (data-modifying CTEs), so it is atomic and one round trip; the search pairs and the
/// per-owner counts are kept by triggers.
struct PostgresCustomers: CustomerRepository {
    let db: Database

    /// A text's column: its name in snake case (as on SQLite).
    static func column(_ text: CustomerText) -> String {
        text.rawValue.reduce(into: "") { column, character in
            column += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }

    /// The columns a customer is read from (`from` joins the owner's name), in `customer`'s order.
    static let columnList =
        ["c.id", "c.name"] + CustomerText.allCases.map { "c." + column($0) } + [
            "c.category_id", "c.type", "c.importance", "c.owner_id", "u.display_name", "c.tracking_since", "c.created_by",
            "c.created_at", "c.updated_at", "c.last_visit_at",
        ]
    static let columns = columnList.joined(separator: ", ")
    /// The position of the first column a statement selects after `columns`.
    static let afterColumns = columnList.count

    static let from = "customers c LEFT JOIN users u ON u.id = c.owner_id"

    /// The one mapping of a row that begins with `columns` to a customer, read in their order.
    static func customer(_ row: PostgresRandomAccessRow) throws -> Customer {
        var index = 0
        func next<T: PostgresDecodable>(_ type: T.Type = T.self) throws -> T {
            defer { index += 1 }
            return try row.get(index)
        }
        let id: Int64 = try next()
        var fields = CustomerFields(name: try next())
        for text in CustomerText.allCases { fields[text] = try next(String?.self) }
        fields.categoryId = try next()
        fields.type = CustomerType(rawValue: try next()) ?? .open
        fields.importance = Int(try next(Int32.self))
        return Customer(
            id: id, fields: fields, ownerId: try next(), ownerName: try next(), trackingSince: try next(), createdBy: try next(),
            createdAt: try next(), updatedAt: try next(), lastVisitAt: try next())
    }

    /// A customer's texts as they are stored and searched, folded once per write.
    struct Folded {
        let key: String
        let core: String
        let searchText: String

        init(_ fields: CustomerFields) {
            let texts = fields.searchable.map(CustomerName.fold)
            key = texts[0]  // `searchable` begins with the name, which every customer has
            core = CustomerName.core(key: key)
            searchText = texts.joined(separator: "\n")
        }
    }

    /// The pairs of neighbouring characters of a folded keyword, each once, in order: characters
    /// as PostgreSQL counts them (code points), as `crm_grams` pairs them.
    static func pairs(_ keyword: String) -> [String] {
        let scalars = Array(keyword.unicodeScalars)
        var seen: Set<String> = []
        return scalars.indices.dropLast().map { String(String.UnicodeScalarView([scalars[$0], scalars[$0 + 1]])) }
            .filter { seen.insert($0).inserted }
    }

    static let duplicateName = "A customer with this name exists already."

    /// The columns every write of a customer's fields sets, in `fieldValues`' order.
    static let fieldColumnList = ["name", "name_key", "name_core"] + CustomerText.allCases.map(column) + [
        "category_id", "type", "importance", "search_text",
    ]
    static let fieldColumns = fieldColumnList.joined(separator: ", ")

    /// The placeholders of a customer's fields and folded texts, bound in `fieldColumnList`'s order.
    static func fieldValues(_ fields: CustomerFields, _ folded: Folded, _ binds: inout PostgresBindings) -> [String] {
        [binds.add(fields.name), binds.add(folded.key), binds.add(folded.core)] + CustomerText.allCases.map { binds.add(fields[$0]) }
            + [binds.add(fields.categoryId), binds.add(fields.type.rawValue), binds.add(fields.importance), binds.add(folded.searchText)]
    }

    func create(_ fields: CustomerFields, owner: UserID, at: Date) async throws -> Customer {
        let folded = Folded(fields)
        var binds = PostgresBindings()
        let values = Self.fieldValues(fields, folded, &binds).joined(separator: ", ")
        let (ownerValue, time) = (binds.add(owner), binds.add(at.pg))
        let sql = """
            WITH c AS (
                INSERT INTO customers (\(Self.fieldColumns), owner_id, tracking_since, created_by, created_at, updated_at)
                VALUES (\(values), \(ownerValue), \(time), \(ownerValue), \(time), \(time))
                RETURNING *
            ), history AS (
                INSERT INTO customer_history (customer_id, action, actor_id, from_user_id, to_user_id, at)
                SELECT id, 'created', owner_id, NULL, owner_id, created_at FROM c
            )
            SELECT \(Self.columns) FROM c LEFT JOIN users u ON u.id = c.owner_id
            """
        return try await mapConflict(Self.duplicateName) {
            try await db.first(PostgresQuery(unsafeSQL: sql, binds: binds), Self.customer)!
        }
    }

    func importCustomers(_ rows: [CustomerFields], owner: UserID, at: Date) async throws -> [CustomerID?] {
        guard !rows.isEmpty else { return [] }
        // One statement for the file: a name taken (before or earlier in the file) skips its row.
        let folded = rows.map(Folded.init)
        var binds = PostgresBindings()
        func column<T: PostgresArrayEncodable & PostgresNonThrowingEncodable>(_ values: [T], _ type: String) -> String {
            binds.append(values)
            return "$\(binds.count)::\(type)[]"
        }
        func texts(_ values: [String?]) -> String {
            // NULLs travel as a flag array beside the text: PostgresNIO's arrays hold no NULLs.
            let text = column(values.map { $0 ?? "" }, "text")
            let present = column(values.map { $0 != nil }, "bool")
            return "\(text), \(present)"
        }
        let (ownerValue, time) = (binds.add(owner), binds.add(at.pg))
        let sources =
            [column(rows.map(\.name), "text"), column(folded.map(\.key), "text"), column(folded.map(\.core), "text")]
            + CustomerText.allCases.map { text in texts(rows.map { $0[text] }) }
            + [
                column(rows.map { $0.categoryId ?? 0 }, "int8"), column(rows.map(\.type.rawValue), "text"),
                column(rows.map { Int64($0.importance) }, "int8"), column(folded.map(\.searchText), "text"),
            ]
        let textColumns = CustomerText.allCases.map(Self.column)
        let sql = """
            WITH r AS (
                SELECT * FROM unnest(\(sources.joined(separator: ", "))) WITH ORDINALITY AS r(name, name_key, name_core,
                    \(textColumns.map { "\($0), \($0)_present" }.joined(separator: ", ")), category_id, type, importance,
                    search_text, position)
            ), c AS (
                INSERT INTO customers (\(Self.fieldColumns), owner_id, tracking_since, created_by, created_at, updated_at)
                SELECT r.name, r.name_key, r.name_core,
                    \(textColumns.map { "CASE WHEN r.\($0)_present THEN r.\($0) END" }.joined(separator: ", ")),
                    nullif(r.category_id, 0), r.type, r.importance, r.search_text, \(ownerValue), \(time), \(ownerValue), \(time), \(time)
                FROM r ORDER BY r.position
                ON CONFLICT (name_key) DO NOTHING
                RETURNING id, name_key, owner_id, created_at
            ), history AS (
                INSERT INTO customer_history (customer_id, action, actor_id, from_user_id, to_user_id, at)
                SELECT id, 'created', owner_id, NULL, owner_id, created_at FROM c ORDER BY id
            )
            SELECT id, name_key FROM c
            """
        var created: [String: CustomerID] = [:]
        for (id, key) in try await db.all(
            PostgresQuery(unsafeSQL: sql, binds: binds), { (try $0.get(0, as: Int64.self), try $0.get(1, as: String.self)) })
        {
            created[key] = id
        }
        // The first row of each name created it; a later one with the same name found it taken.
        return folded.map { created.removeValue(forKey: $0.key) }
    }

    func customers(nameKeys: [String]) async throws -> [String: Customer] {
        let keys = nameKeys.filter(storable)
        var found: [String: Customer] = [:]
        for (key, customer) in try await db.all(
            "SELECT \(unescaped: Self.columns), c.name_key FROM \(unescaped: Self.from) WHERE c.name_key = ANY(\(keys)::text[])",
            { (try $0.get(Self.afterColumns, as: String.self), try Self.customer($0)) })
        {
            found[key] = customer
        }
        return found
    }

    func customer(id: CustomerID) async throws -> Customer? {
        try await db.first("SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from) WHERE c.id = \(id)", Self.customer)
    }

    func customers(ids: [CustomerID]) async throws -> [Customer] {
        try await db.all("SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from) WHERE c.id = ANY(\(ids)) ORDER BY c.id", Self.customer)
    }

    func customer(nameKey: String) async throws -> Customer? {
        guard storable(nameKey) else { return nil }
        return try await db.first("SELECT \(unescaped: Self.columns) FROM \(unescaped: Self.from) WHERE c.name_key = \(nameKey)", Self.customer)
    }

    /// Walks the core's rarest pair, newest first, and stops at `limit` names or after
    /// `PostgresCustomerList.walkBudget` customers: they are hints, and a new name's pairs are often all common.
    func similarNames(core: String, excludingKey: String, limit: Int) async throws -> [String] {
        let pairs = Self.pairs(core)
        guard !pairs.isEmpty, storable(core), storable(excludingKey) else { return [] }
        var binds = PostgresBindings()
        let (pairValues, coreValue, excluded) = (binds.add(pairs), binds.add(core), binds.add(excludingKey))
        let sql = """
            SELECT c.name FROM (
                SELECT customer_id FROM customer_grams WHERE gram = (\(PostgresCustomerList.rarestPair(pairValues)))
                ORDER BY customer_id DESC LIMIT \(PostgresCustomerList.walkBudget)
            ) g JOIN customers c ON c.id = g.customer_id
            WHERE strpos(c.name_core, \(coreValue)) > 0 AND c.name_key <> \(excluded)
            ORDER BY g.customer_id DESC LIMIT \(binds.add(limit))
            """
        return try await db.all(PostgresQuery(unsafeSQL: sql, binds: binds)) { try $0.get(0, as: String.self) }
    }

    func update(id: CustomerID, _ fields: CustomerFields, restartTracking: Bool, at: Date) async throws {
        var binds = PostgresBindings()
        let values = Self.fieldValues(fields, Folded(fields), &binds)
        let time = binds.add(at.pg)
        let sql = """
            UPDATE customers SET \(zip(Self.fieldColumnList, values).map { "\($0) = \($1)" }.joined(separator: ", ")),
                updated_at = \(time), tracking_since = CASE WHEN \(binds.add(restartTracking)) THEN \(time) ELSE tracking_since END
            WHERE id = \(binds.add(id))
            """
        try await mapConflict(Self.duplicateName) { try await db.rows(PostgresQuery(unsafeSQL: sql, binds: binds)) }
    }

    func list(_ query: CustomerQuery, count: Bool) async throws -> CustomerPage {
        try await PostgresCustomerList(db: db).list(query, count: count)
    }

    /// Customers and the owners they are expected to have (0: public), in the order given.
    static func expectations(_ customers: [OwnerExpectation], _ binds: inout PostgresBindings) -> String {
        let ids = binds.add(customers.map(\.id))
        let owners = binds.add(customers.map { $0.owner ?? 0 })
        return "unnest(\(ids)::int8[], \(owners)::int8[]) WITH ORDINALITY AS e(id, owner, position)"
    }

    func transfer(
        _ customers: [OwnerExpectation], to owner: UserID?, action: OwnershipAction, actor: UserID?, at: Date
    ) async throws -> Set<CustomerID> {
        guard !customers.isEmpty else { return [] }
        var binds = PostgresBindings()
        let expected = Self.expectations(customers, &binds)
        let (to, time, actorValue, actionValue) = (binds.add(owner), binds.add(at.pg), binds.add(actor), binds.add(action.rawValue))
        // Compare-and-set: a row whose owner changed meanwhile is checked again after the other
        // change commits (READ COMMITTED re-evaluates the condition) and left alone.
        let sql = """
            WITH moved AS (
                UPDATE customers c SET owner_id = \(to)::int8, updated_at = \(time),
                    tracking_since = CASE WHEN \(to)::int8 IS NULL THEN NULL ELSE \(time) END
                FROM \(expected)
                WHERE c.id = e.id AND coalesce(c.owner_id, 0) = e.owner
                RETURNING c.id, e.owner, e.position
            ), history AS (
                INSERT INTO customer_history (customer_id, action, actor_id, from_user_id, to_user_id, at)
                SELECT id, \(actionValue), \(actorValue)::int8, nullif(owner, 0), \(to)::int8, \(time) FROM moved ORDER BY position
            )
            SELECT id FROM moved
            """
        return Set(try await db.all(PostgresQuery(unsafeSQL: sql, binds: binds)) { try $0.get(0, as: Int64.self) })
    }

    func delete(_ customers: [OwnerExpectation], actor: UserID, at: Date) async throws -> Set<CustomerID> {
        guard !customers.isEmpty else { return [] }
        var binds = PostgresBindings()
        let expected = Self.expectations(customers, &binds)
        let (actorValue, time) = (binds.add(actor), binds.add(at.pg))
        let sql = """
            WITH gone AS (
                DELETE FROM customers c USING \(expected)
                WHERE c.id = e.id AND coalesce(c.owner_id, 0) = e.owner
                RETURNING c.id, c.name, e.position
            ), audit AS (
                INSERT INTO audit_log (action, actor_id, subject, at)
                SELECT 'customer.deleted', \(actorValue), id || ' ' || name, \(time) FROM gone ORDER BY position
            )
            SELECT id FROM gone
            """
        return Set(try await db.all(PostgresQuery(unsafeSQL: sql, binds: binds)) { try $0.get(0, as: Int64.self) })
    }

    func history(customer: CustomerID) async throws -> [OwnershipChange] {
        try await db.all(
            """
            SELECT customer_id, action, actor_id, from_user_id, to_user_id, at FROM customer_history
            WHERE customer_id = \(customer) ORDER BY id
            """
        ) { row in
            OwnershipChange(
                customerId: try row.get(0), action: OwnershipAction(rawValue: try row.get(1)) ?? .assigned, actorId: try row.get(2),
                fromUserId: try row.get(3), toUserId: try row.get(4), at: try row.get(5))
        }
    }

    static let sweepBatch = 10_000
    /// Open customers with an owner, tracked since before the cutoff: the partial index
    /// customers_protection holds exactly these.
    static func due(_ cutoff: String) -> String { "c.owner_id IS NOT NULL AND c.type = 'open' AND c.tracking_since < \(cutoff)" }

    func releaseExpired(
        trackingBefore cutoff: Date, at: Date, dryRun: Bool, each: ([Customer]) async throws -> Void
    ) async throws -> Int {
        var released = 0
        var after: CustomerID = 0
        while true {
            // Each batch is one statement: its rows are locked as they are read, and rows another
            // sweep holds are skipped, so two sweeps at once release each customer once. The
            // batch is reported as it was before the release.
            let batch: [Customer] =
                if dryRun {
                    try await db.all(
                        """
                        SELECT \(Self.columns) FROM \(Self.from)
                        WHERE \(Self.due("$1")) AND c.id > $2 ORDER BY c.id LIMIT \(Self.sweepBatch)
                        """.replacingPlaceholders(with: cutoff.pg, after), Self.customer)
                } else {
                    try await db.all(
                        """
                        WITH due AS (
                            SELECT \(Self.columns) FROM customers c LEFT JOIN users u ON u.id = c.owner_id
                            WHERE \(Self.due("$1")) ORDER BY c.id LIMIT \(Self.sweepBatch)
                            FOR UPDATE OF c SKIP LOCKED
                        ), released AS (
                            UPDATE customers c SET owner_id = NULL, tracking_since = NULL, updated_at = $2
                            FROM due WHERE c.id = due.id
                            RETURNING c.id
                        ), history AS (
                            INSERT INTO customer_history (customer_id, action, actor_id, from_user_id, to_user_id, at)
                            SELECT due.id, '\(OwnershipAction.autoReleased.rawValue)', NULL, due.owner_id, NULL, $2
                            FROM due JOIN released USING (id) ORDER BY due.id
                        )
                        SELECT due.* FROM due JOIN released USING (id) ORDER BY due.id
                        """.replacingPlaceholders(with: cutoff.pg, at.pg), Self.customer)
                }
            released += batch.count
            if !batch.isEmpty { try await each(batch) }
            guard batch.count == Self.sweepBatch, let last = batch.last else { return released }
            after = last.id
        }
    }

    func auditLog(after: Int64?, limit: Int) async throws -> [AuditEntry] {
        try await db.all(
            "SELECT id, action, actor_id, subject, at FROM audit_log WHERE id > \(after ?? 0) ORDER BY id LIMIT \(limit)"
        ) { row in
            AuditEntry(id: try row.get(0), action: try row.get(1), actorId: try row.get(2), subject: try row.get(3), at: try row.get(4))
        }
    }

    static let contactColumns = "id, customer_id, name, title, phone, mobile, email, wechat, notes, is_primary"

    static func contact(_ row: PostgresRandomAccessRow) throws -> Contact {
        Contact(
            id: try row.get(0), customerId: try row.get(1), name: try row.get(2), title: try row.get(3), phone: try row.get(4),
            mobile: try row.get(5), email: try row.get(6), wechat: try row.get(7), notes: try row.get(8), primary: try row.get(9))
    }

    func contacts(customer: CustomerID) async throws -> [Contact] {
        try await db.all(
            "SELECT \(unescaped: Self.contactColumns) FROM contacts WHERE customer_id = \(customer) ORDER BY is_primary DESC, id",
            Self.contact)
    }

    func contact(id: ContactID) async throws -> Contact? {
        try await db.first("SELECT \(unescaped: Self.contactColumns) FROM contacts WHERE id = \(id)", Self.contact)
    }

    /// One primary contact per customer: a new primary one clears the others in the same statement.
    func createContact(_ contact: Contact) async throws -> Contact {
        let id = try await db.first(
            """
            WITH cleared AS (UPDATE contacts SET is_primary = false WHERE customer_id = \(contact.customerId) AND \(contact.primary))
            INSERT INTO contacts (customer_id, name, title, phone, mobile, email, wechat, notes, is_primary)
            VALUES (\(contact.customerId), \(contact.name), \(contact.title), \(contact.phone), \(contact.mobile), \(contact.email),
                    \(contact.wechat), \(contact.notes), \(contact.primary))
            RETURNING id
            """
        ) { try $0.get(0, as: Int64.self) }!
        var created = contact
        created.id = id
        return created
    }

    func updateContact(_ contact: Contact) async throws {
        // The other contacts are cleared by a statement of their own; the same UPDATE can't both
        // clear this row and set it.
        try await db.rows(
            """
            WITH cleared AS (
                UPDATE contacts SET is_primary = false
                WHERE customer_id = \(contact.customerId) AND id <> \(contact.id) AND \(contact.primary)
            )
            UPDATE contacts SET name = \(contact.name), title = \(contact.title), phone = \(contact.phone), mobile = \(contact.mobile),
                email = \(contact.email), wechat = \(contact.wechat), notes = \(contact.notes), is_primary = \(contact.primary)
            WHERE id = \(contact.id)
            """)
    }

    func deleteContact(id: ContactID) async throws {
        try await db.rows("DELETE FROM contacts WHERE id = \(id)")
    }
}

extension String {
    /// This SQL with its `$1` bound to `pairs` (for statements written with numbered placeholders).
    func replacingPlaceholder(with pairs: [String]) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(pairs)
        return PostgresQuery(unsafeSQL: self, binds: binds)
    }

    func replacingPlaceholders<A: PostgresDynamicTypeEncodable, B: PostgresDynamicTypeEncodable>(with a: A, _ b: B) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(a)
        binds.append(b)
        return PostgresQuery(unsafeSQL: self, binds: binds)
    }
}
