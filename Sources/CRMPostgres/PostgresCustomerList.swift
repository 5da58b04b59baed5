import CRMCore
import Foundation
import PostgresNIO

/// Customer lists and keyword search: the page and its count in one statement, planned by
/// PostgreSQL with the values bound (unnamed statements get a plan of their own).
///
/// A keyword of two or more characters is looked up by its rarest pair (`customer_grams`); the
/// pair is bound as a value, so the planner knows from its statistics how common it is. In id
/// order the pair's entries are read newest (or oldest) first and the read stops at the page's
/// end; in other orders its customers are gathered and sorted.
struct PostgresCustomerList {
    let db: Database

    /// How many of a pair's newest customers `similarNames` looks at.
    static let walkBudget = 4000

    /// How many of a pair's newest customers size it: of two pairs with as many, the rarer is the
    /// one whose sample reaches further back (ids spread over the whole table).
    static let pairSample = 100

    /// A scalar subquery of the rarest of the pairs bound (as text[]) at `placeholder`.
    static func rarestPair(_ placeholder: String) -> String {
        """
        SELECT k.pair FROM unnest(\(placeholder)::text[]) WITH ORDINALITY AS k(pair, position),
            LATERAL (SELECT count(*) AS n, max(customer_id) - min(customer_id) AS span FROM (
                SELECT customer_id FROM customer_grams WHERE gram = k.pair ORDER BY customer_id DESC LIMIT \(pairSample)
            ) sample) size
        ORDER BY size.n, size.span DESC, k.position LIMIT 1
        """
    }

    /// The keyword's rarest pair, asked of the database when it has more than one.
    func driver(_ keyword: String) async throws -> String? {
        let pairs = PostgresCustomers.pairs(keyword)
        guard pairs.count > 1 else { return pairs.first }
        return try await db.first(Self.rarestPair("$1").replacingPlaceholder(with: pairs)) { try $0.get(0, as: String.self) }
    }

    /// The sort column, whether descending, and the sort value as a row gives it.
    static func order(_ sort: CustomerSort) -> (column: String, descending: Bool, value: String) {
        switch sort {
        case .newest: ("c.id", true, "c.id")
        case .oldest: ("c.id", false, "c.id")
        // Name keys are unique: the key alone orders, without the id.
        case .name: ("c.name_key", false, "c.name_key")
        case .nameDescending: ("c.name_key", true, "c.name_key")
        case .mostImportant: ("c.importance", true, "c.importance")
        case .leastImportant: ("c.importance", false, "c.importance")
        // Microseconds since 1970: a cursor's number gives back the exact time.
        case .recentlyUpdated: ("c.updated_at", true, "(extract(epoch FROM c.updated_at) * 1000000)::int8")
        }
    }

    func list(_ query: CustomerQuery, count: Bool) async throws -> CustomerPage {
        if let keyword = query.keyword, !storable(keyword) {
            return CustomerPage(items: [], next: nil, total: count ? 0 : nil)
        }
        var driver: String?
        if let keyword = query.keyword { driver = try await self.driver(keyword) }
        var statement = Statement(query, driver: driver)
        let countSQL = count ? statement.countSQL() : nil
        let countBinds = statement.binds
        let (sql, binds) = statement.pageSQL(count: countSQL)
        let rows = try await db.all(PostgresQuery(unsafeSQL: sql, binds: binds)) { row in
            let sortValue: CustomerCursor.SortValue =
                query.sort == .name || query.sort == .nameDescending
                ? .text(try row.get(PostgresCustomers.afterColumns, as: String.self))
                : .number(Double(try row.get(PostgresCustomers.afterColumns, as: Int64.self)))
            let total = count ? try row.get(PostgresCustomers.afterColumns + 1, as: Int.self) : nil
            return (customer: try PostgresCustomers.customer(row), sortValue: sortValue, total: total)
        }
        var total = rows.first?.total
        if count, rows.isEmpty, let countSQL {
            total = try await db.first(PostgresQuery(unsafeSQL: "SELECT \(countSQL)", binds: countBinds)) { try $0.get(0, as: Int.self) }
        }
        let items = rows.prefix(query.limit)
        let next = rows.count > query.limit ? items.last.map { CustomerCursor(value: $0.sortValue, id: $0.customer.id) } : nil
        return CustomerPage(items: items.map { $0.customer }, next: next, total: total)
    }

    /// The SQL of one list: its source, conditions and order, with their values bound.
    struct Statement {
        let query: CustomerQuery
        let driver: String?
        var binds = PostgresBindings()
        /// The conditions without the cursor and the owners, which the count shares.
        var conditions: [String] = []
        /// The owner filter, as conditions of which a row meets one at most.
        var owners: [String] = []
        var source = PostgresCustomers.from

        init(_ query: CustomerQuery, driver: String?) {
            self.query = query
            self.driver = driver
            if let driver {
                source = "customer_grams g JOIN customers c ON c.id = g.customer_id LEFT JOIN users u ON u.id = c.owner_id"
                conditions.append("g.gram = \(binds.add(driver))")
            }
            owners = query.owners.branches("c.owner_id", &binds)
            if let keyword = query.keyword {
                if driver == nil {
                    // One character: the customers whose pairs begin with it.
                    let (low, high) = (binds.add(keyword), binds.add(keyword + "\u{10FFFF}"))
                    conditions.append("c.id IN (SELECT customer_id FROM customer_grams WHERE gram >= \(low) AND gram <= \(high))")
                }
                // A keyword of two characters is its pair: the pair's entries are exactly its matches.
                if keyword.unicodeScalars.count != 2 {
                    conditions.append("strpos(c.search_text, \(binds.add(keyword))) > 0")
                }
            }
            if let value = query.categoryId { conditions.append("c.category_id = \(binds.add(value))") }
            if let value = query.type { conditions.append("c.type = \(binds.add(value.rawValue))") }
            if let value = query.importance { conditions.append("c.importance = \(binds.add(value))") }
            if let value = query.ownerId { conditions.append("c.owner_id = \(binds.add(value))") }
            if let value = query.industry, storable(value) { conditions.append("c.industry = \(binds.add(value))") }
            if let value = query.region, storable(value) { conditions.append("c.region = \(binds.add(value))") }
            if query.industry.map(storable) == false || query.region.map(storable) == false { conditions.append("false") }
            for (column, bound, value) in [
                ("c.created_at", ">=", query.createdFrom), ("c.created_at", "<", query.createdTo),
                ("c.last_visit_at", ">=", query.lastVisitFrom), ("c.last_visit_at", "<", query.lastVisitTo),
            ] {
                if let value { conditions.append("\(column) \(bound) \(binds.add(value.pg))") }
            }
        }

        /// The count's statement, whose values are the conditions' (`binds` before the page adds
        /// its own). A list narrowed by owners alone is counted from each owner's running count.
        func countSQL() -> String {
            var bare = CustomerQuery()
            (bare.owners, bare.sort, bare.limit, bare.after) = (query.owners, query.sort, query.limit, query.after)
            if query == bare {
                // The owners' values are the conditions' only ones: bound afresh, they take the same places.
                var same = PostgresBindings()
                return "(SELECT coalesce(sum(customers), 0)::int8 FROM customer_counts WHERE \(query.owners.sql("nullif(owner, 0)", &same)))"
            }
            let from = driver == nil ? "customers c" : "customer_grams g JOIN customers c ON c.id = g.customer_id"
            return owners.map { "(SELECT count(*) FROM \(from) WHERE \(([$0] + conditions).joined(separator: " AND ")))" }
                .joined(separator: " + ")
        }

        /// The page (one row more than asked, to know whether there is a next), with `count` as a
        /// column of every row where asked.
        mutating func pageSQL(count: String?) -> (String, PostgresBindings) {
            let (column, descending, value) = PostgresCustomerList.order(query.sort)
            var page = [owners.count == 1 ? owners[0] : "(\(owners.joined(separator: " OR ")))"] + conditions
            // In id order a keyword's pair is walked: its own id column keeps the walk in its index.
            let idColumn = driver == nil ? "c.id" : "g.customer_id"
            let ordered = column == "c.id" ? idColumn : column
            let (less, direction) = descending ? ("<", "DESC") : (">", "ASC")
            if let after = query.after {
                switch (query.sort, after.value) {
                case (.newest, _), (.oldest, _):
                    page.append("\(idColumn) \(less) \(binds.add(after.id))")
                case (.name, .text(let key)), (.nameDescending, .text(let key)):
                    page.append(storable(key) ? "c.name_key \(less) \(binds.add(key))" : "false")
                case (.recentlyUpdated, .number(let micros)):
                    page.append("(c.updated_at, c.id) \(less) (\(binds.add(Timestamp(microsecondsSince1970: Int64(micros)))), \(binds.add(after.id)))")
                case (_, .number(let number)):
                    page.append("(\(column), c.id) \(less) (\(binds.add(Int64(number))), \(binds.add(after.id)))")
                default:
                    page.append("false")
                }
            }
            let total = count.map { ", \($0)" } ?? ""
            let tie = column == "c.id" || column == "c.name_key" ? "" : ", c.id \(direction)"
            let limit = binds.add(query.limit + 1)
            let sql = """
                SELECT \(PostgresCustomers.columns), \(value)::\(column == "c.name_key" ? "text" : "int8")\(total)
                FROM \(source) WHERE \(page.joined(separator: " AND "))
                ORDER BY \(ordered) \(direction)\(tie) LIMIT \(limit)
                """
            return (sql, binds)
        }
    }
}

extension Timestamp {
    init(microsecondsSince1970 micros: Int64) {
        microseconds = micros - Self.epoch2000 * 1_000_000
    }
}
