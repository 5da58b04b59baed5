import CRMCore
import Foundation
import PostgresNIO

/// Bulk writes for `crm seed-demo`: one statement per batch, its rows as arrays. The search pairs
/// are built once at the end, for every customer together, rather than by the trigger row by row.
struct PostgresDemoLoader: DemoLoader {
    let db: Database

    func isEmpty() async throws -> Bool {
        try await db.first("SELECT NOT EXISTS (SELECT 1 FROM customers)") { try $0.get(0, as: Bool.self) } ?? true
    }

    /// Microseconds since 1970, as arrays carry times (they hold no NULLs: 0 stands for none).
    static func micros(_ date: Date?) -> Int64 {
        date.map { Timestamp($0).microseconds + Timestamp.epoch2000 * 1_000_000 } ?? 0
    }

    /// SQL turning an array element of `micros` back into a time.
    static func time(_ column: String) -> String {
        "CASE WHEN \(column) <> 0 THEN timestamptz 'epoch' + \(column) * interval '1 microsecond' END"
    }

    func insertCustomers(_ rows: [(fields: CustomerFields, owner: UserID?, createdAt: Date, trackingSince: Date?)]) async throws
        -> [CustomerID]
    {
        let folded = rows.map { PostgresCustomers.Folded($0.fields) }
        let textColumns = CustomerText.allCases.map(PostgresCustomers.column)
        // Arrays hold no NULLs: an empty text or a 0 stands for none.
        let texts: [[String]] =
            [rows.map(\.fields.name), folded.map(\.key), folded.map(\.core)]
            + CustomerText.allCases.map { text in rows.map { $0.fields[text] ?? "" } }
            + [rows.map(\.fields.type.rawValue), folded.map(\.searchText)]
        let numbers: [[Int64]] = [
            rows.map { $0.fields.categoryId ?? 0 }, rows.map { Int64($0.fields.importance) }, rows.map { $0.owner ?? 0 },
            rows.map { Self.micros($0.trackingSince) }, rows.map { Self.micros($0.createdAt) },
        ]
        var binds = PostgresBindings()
        for column in texts { binds.append(column) }
        for column in numbers { binds.append(column) }
        let arrays = (1...texts.count).map { "$\($0)::text[]" } + (1...numbers.count).map { "$\(texts.count + $0)::int8[]" }
        let sql = """
            INSERT INTO customers (name, name_key, name_core, \(textColumns.joined(separator: ", ")), type, search_text, category_id,
                importance, owner_id, tracking_since, created_by, created_at, updated_at)
            SELECT name, name_key, name_core, \(textColumns.map { "nullif(\($0), '')" }.joined(separator: ", ")), type, search_text,
                nullif(category, 0), importance, nullif(owner, 0), \(Self.time("tracking")), nullif(owner, 0), \(Self.time("created")),
                \(Self.time("created"))
            FROM unnest(\(arrays.joined(separator: ", ")))
                WITH ORDINALITY AS r(name, name_key, name_core, \(textColumns.joined(separator: ", ")), type, search_text, category,
                    importance, owner, tracking, created, position)
            ORDER BY position
            RETURNING id
            """
        return try await db.transaction { connection in
            // The pairs are built by `finish`; disabled here, the trigger is back on at commit.
            try await connection.query("ALTER TABLE customers DISABLE TRIGGER customer_grams_insert", logger: db.logger)
            let ids = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: db.logger).collect()
                .map { try $0.decode(Int64.self) }
            try await connection.query("ALTER TABLE customers ENABLE TRIGGER customer_grams_insert", logger: db.logger)
            return ids.sorted()
        }
    }

    func insertContacts(_ contacts: [Contact]) async throws {
        guard !contacts.isEmpty else { return }
        try await db.rows(
            """
            INSERT INTO contacts (customer_id, name, title, mobile, is_primary)
            SELECT customer, name, nullif(title, ''), nullif(mobile, ''), is_primary
            FROM unnest(\(contacts.map(\.customerId))::int8[], \(contacts.map(\.name))::text[],
                \(contacts.map { $0.title ?? "" })::text[], \(contacts.map { $0.mobile ?? "" })::text[],
                \(contacts.map(\.primary))::bool[]) AS r(customer, name, title, mobile, is_primary)
            """)
    }

    func insertVisits(_ visits: [Visit]) async throws {
        guard !visits.isEmpty else { return }
        try await db.rows(
            """
            INSERT INTO visits (customer_id, user_id, visited_at, method, contact_id, content, next_step, created_at)
            SELECT customer, author, \(unescaped: Self.time("visited")), method, nullif(contact, 0), content,
                nullif(next_step, ''), \(unescaped: Self.time("created"))
            FROM unnest(\(visits.map(\.customerId))::int8[], \(visits.map(\.userId))::int8[],
                \(visits.map { Self.micros($0.visitedAt) })::int8[], \(visits.map(\.method.rawValue))::text[],
                \(visits.map { $0.contactId ?? 0 })::int8[], \(visits.map(\.content))::text[],
                \(visits.map { $0.nextStep ?? "" })::text[], \(visits.map { Self.micros($0.createdAt) })::int8[])
                AS r(customer, author, visited, method, contact, content, next_step, created)
            """)
    }

    func insertPlans(_ plans: [Plan]) async throws {
        guard !plans.isEmpty else { return }
        try await db.rows(
            """
            INSERT INTO plans (customer_id, user_id, planned_at, subject, notes, status, created_at)
            SELECT customer, author, \(unescaped: Self.time("planned")), subject, nullif(notes, ''), status,
                \(unescaped: Self.time("created"))
            FROM unnest(\(plans.map(\.customerId))::int8[], \(plans.map(\.userId))::int8[],
                \(plans.map { Self.micros($0.plannedAt) })::int8[], \(plans.map(\.subject))::text[],
                \(plans.map { $0.notes ?? "" })::text[], \(plans.map(\.status.rawValue))::text[],
                \(plans.map { Self.micros($0.createdAt) })::int8[])
                AS r(customer, author, planned, subject, notes, status, created)
            """)
    }

    /// Last visits, then the search pairs of every customer at once (in index order, the index
    /// built after its rows), then the planner's statistics.
    func finish() async throws {
        try await db.rows(
            """
            UPDATE customers SET last_visit_at = v.last
            FROM (SELECT customer_id, max(visited_at) AS last FROM visits GROUP BY customer_id) AS v
            WHERE customers.id = v.customer_id
            """)
        try await db.transaction { connection in
            for statement in [
                "ALTER TABLE customer_grams DROP CONSTRAINT customer_grams_pkey",
                "TRUNCATE customer_grams",
                "INSERT INTO customer_grams (gram, customer_id) SELECT unnest(crm_grams(search_text)), id FROM customers",
                "ALTER TABLE customer_grams ADD PRIMARY KEY (gram, customer_id)",
            ] {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: db.logger)
            }
        }
        try await db.rows("VACUUM (ANALYZE)")
    }
}
