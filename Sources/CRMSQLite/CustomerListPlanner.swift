import CRMCore
import Foundation
import GRDB
import GRDBSQLite

/// Lists and search: the plan of each page, chosen from the keyword's character pairs, the order
/// and the filters, and the similar names of the name check.
extension SQLiteCustomers {
    /// Walks the core's rarest pair, newest first, and stops at `limit` names or after `walkBudget`
    /// customers: they are hints, and a new name's pairs are often all common.
    func similarNames(core: String, excludingKey: String, limit: Int) async throws -> [String] {
        try await pool.read { db in
            guard let driver = try Self.rarestPair(db, core) else { return [] }
            let window = try Self.walkEnd(db, pair: driver, after: nil, descending: true) ?? 0
            return try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT c.name FROM customer_grams g CROSS JOIN customers c
                        WHERE g.gram = ? AND c.id = g.customer_id AND instr(c.name_core, ?) > 0 AND c.name_key <> ?
                          AND g.customer_id >= ?
                        ORDER BY g.customer_id DESC LIMIT ?
                        """),
                arguments: [driver, core, excludingKey, window, limit])
        }
    }

    /// A subquery of the ids whose index holds a pair that a one-character keyword begins.
    static func keywordCandidates(_ keyword: String) -> (String, StatementArguments) {
        ("SELECT customer_id FROM customer_grams WHERE gram >= ? AND gram <= ?", [keyword, keyword + "\u{10FFFF}"])
    }

    /// How many of the driving pair's customers one page looks at. A keyword whose pairs are all
    /// common but rarely together (人民路12号: 100,000 customers for its rarest pair, 107 matches)
    /// would otherwise walk them all; its page ends early instead, with a cursor to go on from.
    static let walkBudget = 4000

    /// How many customers a range of dates may hold for a list to gather their ids on the date's
    /// index (a month of creations at a million customers: 85,000, 20 ms); a wider range is read
    /// in the list's order, where it fills a page soon unless it lies far back.
    static let dateBudget = 100_000

    /// A list's range of dates on a column that has an index of its own.
    struct DateRange {
        let column: String
        let index: String
        let bounds: [(String, Date)]

        /// The range's condition on `column` as written (`+c.…` keeps a statement off the index).
        func condition(on column: String) -> (String, StatementArguments) {
            (bounds.map { "\(column) \($0.0) ?" }.joined(separator: " AND "), StatementArguments(bounds.map { $0.1.timeIntervalSince1970 }))
        }

        /// The ids of its customers, read on its index.
        var ids: (String, StatementArguments) {
            let (condition, arguments) = condition(on: column)
            return ("SELECT id FROM customers INDEXED BY \(index) WHERE \(condition)", arguments)
        }
    }

    /// The ranges of creation and last visit dates a list has.
    static func dateRanges(_ query: CustomerQuery) -> [DateRange] {
        [
            ("created_at", "customers_created", query.createdFrom, query.createdTo),
            ("last_visit_at", "customers_last_visit", query.lastVisitFrom, query.lastVisitTo),
        ].compactMap { column, index, from, to in
            let bounds = [(">=", from), ("<", to)].compactMap { bound in bound.1.map { (bound.0, $0) } }
            return bounds.isEmpty ? nil : DateRange(column: column, index: index, bounds: bounds)
        }
    }

    /// A list's range of dates that holds at most `dateBudget` customers, if it has one. Read in
    /// id order, a month of creations ten months back came after 700,000 newer customers (0.3 s).
    static func narrowDateRange(_ db: Database, _ query: CustomerQuery) throws -> DateRange? {
        try dateRanges(query).first { range in
            let (ids, arguments) = range.ids
            return try Int.fetchOne(db.cachedStatement(sql: ids + " LIMIT 1 OFFSET \(dateBudget)"), arguments: arguments) == nil
        }
    }

    /// The page query and the count query (without the cursor) for a customer list. With a keyword
    /// of two or more characters, `driver` (its rarest pair) leads: in id order its index is walked
    /// and stops at the page's end, however common the keyword, or at `window`, the id its budget
    /// ends at; in another order its customers are checked and the matches sorted.
    /// With `sortedWithin`, the page reads only the customers up to there in its order's index;
    /// with `gathered`, those of that range of dates, gathered on its index.
    /// With `shared`, only the customers in that range of ids that have every one of those pairs.
    static func statements(
        _ query: CustomerQuery, driver: String? = nil, window: CustomerID? = nil, sortedWithin end: SortPosition? = nil,
        gathered: DateRange? = nil, shared: (pairs: [String], low: CustomerID, high: CustomerID)? = nil
    ) -> (page: (String, StatementArguments), count: (String, StatementArguments)) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        func add(_ condition: String, _ values: StatementArguments = []) {
            conditions.append(condition)
            arguments += values
        }
        var source = from
        if let shared {
            // Ordered, the ranges are merged (a temporary B-tree each took twice as long); the
            // customers are then read in id order from the result, and the page ends the read.
            let ranges = shared.pairs.map { _ in "SELECT customer_id FROM customer_grams WHERE gram = ? AND customer_id BETWEEN ? AND ?" }
            add(
                "c.id IN (\(ranges.joined(separator: " INTERSECT ")) ORDER BY 1)",
                StatementArguments(shared.pairs.flatMap { [$0.databaseValue, shared.low.databaseValue, shared.high.databaseValue] }))
        } else if let driver {
            source = "customer_grams g CROSS JOIN customers c LEFT JOIN users u ON u.id = c.owner_id"
            add("g.gram = ?", [driver])
            add("c.id = g.customer_id")
        }
        let owners = query.owners.sql("c.owner_id")
        add(owners.0, owners.1)
        if let keyword = query.keyword {
            if driver == nil, end == nil, shared == nil {
                let candidates = keywordCandidates(keyword)
                add("c.id IN (\(candidates.0))", candidates.1)
            }
            add("instr(c.search_text, ?) > 0", [keyword])
        }
        if let value = query.categoryId { add("c.category_id = ?", [value]) }
        if let value = query.type { add("c.type = ?", [value.rawValue]) }
        if let value = query.importance { add("c.importance = ?", [value]) }
        if let value = query.ownerId { add("c.owner_id = ?", [value]) }
        if let value = query.industry { add("c.industry = ?", [value]) }
        if let value = query.region { add("c.region = ?", [value]) }
        for range in dateRanges(query) {
            if range.column == gathered?.column {
                let (ids, values) = range.ids
                add("c.id IN (\(ids))", values)
            } else {
                let (condition, values) = range.condition(on: "+c." + range.column)  // a wide range's index would be read whole
                add(condition, values)
            }
        }
        let count = (
            "SELECT count(*) FROM \(driver == nil ? "customers c" : "customer_grams g CROSS JOIN customers c") WHERE \(conditions.joined(separator: " AND "))",
            arguments
        )

        let (column, descending) = order(query.sort)
        if let after = query.after { add(cursorCondition(column, descending), [after.value.databaseValue, after.id]) }
        if driver != nil, let window { add("g.customer_id \(descending ? ">=" : "<=") ?", [window]) }
        if let end, let index = index(ordering: column) {
            source = "customers c INDEXED BY \(index) LEFT JOIN users u ON u.id = c.owner_id"
            add("(\(column), c.id) \(descending ? ">=" : "<=") (?, ?)", [end.value, end.id])
        }
        let direction = descending ? "DESC" : "ASC"
        let order = column == "c.id" ? (driver == nil ? "c.id" : "g.customer_id") + " \(direction)" : "\(column) \(direction), c.id \(direction)"
        let page = """
            SELECT \(columns), \(column) AS sort_value FROM \(source)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY \(order) LIMIT ?
            """
        return ((page, arguments + [query.limit + 1]), count)
    }

    func list(_ query: CustomerQuery, count: Bool) async throws -> CustomerPage {
        try await pool.read { db in try Self.list(db, query, count: count) }
    }

    /// A page of a list and, when asked, its total, read on one connection.
    static func list(_ db: Database, _ query: CustomerQuery, count: Bool) throws -> CustomerPage {
        var limit = query.limit
        var (driver, window): (String?, CustomerID?) = (nil, nil)
        var rows: [(customer: Customer, sortValue: CustomerCursor.SortValue)] = []
        if let end = try Self.sortedEnd(db, query) {
            rows = try Self.page(db, Self.statements(query, sortedWithin: end).page)
            // A few matches there: read on as far as they say the page needs, with a margin.
            if !rows.isEmpty, rows.count <= limit, case let budget = sortedBudget * (limit + 1) * 3 / (2 * rows.count),
                budget <= sortedReach, let end = try Self.sortedEnd(db, query, budget: budget)
            {
                rows = try Self.page(db, Self.statements(query, sortedWithin: end).page)
            }
        }
        // A keyword's rarest pair leads where there is one; a narrow range of dates otherwise.
        let narrow = try Self.narrowDateRange(db, query)
        var filters: [String] = []
        if rows.count <= limit {
            (driver, filters) = try Self.keywordDriver(db, query)
            if let driver, order(query.sort).column == "c.id" {
                (rows, window) =
                    filters.isEmpty
                    ? try Self.driverWalk(db, query, driver: driver) : try Self.sharedWalk(db, query, driver: driver, filters: filters)
            } else if let driver, !filters.isEmpty {
                rows = try Self.page(db, Self.statements(query, shared: ([driver] + filters, 0, .max)).page)
            } else {
                rows = try Self.page(db, Self.statements(query, driver: driver, gathered: driver == nil ? narrow : nil).page)
            }
        }
        if rows.isEmpty, window != nil {
            // An empty page helps nobody: walk on, however far, to the next match.
            var first = query
            first.limit = 1
            (limit, window) = (1, nil)
            rows = try Self.page(db, Self.statements(first, driver: driver).page)
        }
        let items = rows.prefix(limit).map(\.customer)
        var next: CustomerCursor?
        if rows.count <= limit, let window {
            next = CustomerCursor(value: .number(Double(window)), id: window)
        } else if rows.count > limit, let last = rows.prefix(limit).last {
            next = CustomerCursor(value: last.sortValue, id: last.customer.id)
        }
        var total: Int?
        if count, let counted = try Self.ownersOnlyCount(db, query) {
            total = counted
        } else if count {
            if driver == nil { (driver, filters) = try Self.keywordDriver(db, query) }
            let statement =
                if let driver, !filters.isEmpty { Self.statements(query, shared: ([driver] + filters, 0, .max)).count } else {
                    Self.statements(query, driver: driver, gathered: driver == nil ? narrow : nil).count
                }
            total = try Int.fetchOne(db, sql: statement.0, arguments: statement.1)
        }
        return CustomerPage(items: Array(items), next: next, total: total)
    }

    /// The number of customers of a list narrowed by owners alone, from each owner's running count;
    /// nil for any other list. Counting a manager's pool and team read 450,000 index entries (80 ms
    /// at a million), and the web app asks for a count with every list.
    static func ownersOnlyCount(_ db: Database, _ query: CustomerQuery) throws -> Int? {
        var bare = CustomerQuery()
        (bare.owners, bare.sort, bare.limit, bare.after) = (query.owners, query.sort, query.limit, query.after)
        guard query == bare else { return nil }
        let (condition, arguments) = query.owners.sql("nullif(owner, 0)")
        return try Int.fetchOne(
            db.cachedStatement(sql: "SELECT coalesce(sum(customers), 0) FROM customer_counts WHERE \(condition)"), arguments: arguments)
    }

    /// A place in a sort order's index: the sort value and the id.
    typealias SortPosition = (value: DatabaseValue, id: CustomerID)

    /// How many customers, in a list's order other than ids, a page first reads on that order's
    /// index. A filter most customers pass (the pool, a team, a common keyword) fills the page
    /// among them, where gathering all its customers to sort them took 0.3–0.6 s at a million; a
    /// page that does not fill is read the usual way.
    static let sortedBudget = 2000

    /// The index of a sort column, ids after it.
    static func index(ordering column: String) -> String? {
        switch column {
        case "c.name_key": "sqlite_autoindex_customers_1"
        case "c.importance": "customers_importance"
        case "c.updated_at": "customers_updated"
        default: nil
        }
    }

    /// How far a sorted page reads on its order's index at most, when the first `sortedBudget`
    /// customers held a few matches. Otherwise all matches are gathered and sorted: the pool's
    /// customers of one industry by importance took 0.3 s at a million that way.
    static let sortedReach = 20_000

    /// Where a sorted page's first `budget` customers past the cursor end; nil in id order, and
    /// when fewer are left.
    static func sortedEnd(_ db: Database, _ query: CustomerQuery, budget: Int = sortedBudget) throws -> SortPosition? {
        let (column, descending) = order(query.sort)
        guard let index = index(ordering: column) else { return nil }
        let direction = descending ? "DESC" : "ASC"
        var sql = "SELECT \(column), c.id FROM customers c INDEXED BY \(index)"
        var arguments = StatementArguments()
        if let after = query.after {
            sql += " WHERE " + cursorCondition(column, descending)
            arguments += [after.value.databaseValue, after.id]
        }
        sql += " ORDER BY \(column) \(direction), c.id \(direction) LIMIT 1 OFFSET ?"
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments + [budget - 1]).map { ($0[0], $0[1]) }
    }

    /// The rows past a cursor in the list's order.
    static func cursorCondition(_ column: String, _ descending: Bool) -> String {
        "(\(column), c.id) \(descending ? "<" : ">") (?, ?)"
    }

    /// The keyword's rarest pair, which leads the page's query (nil: no keyword, or one character),
    /// and the keyword's other pairs that rule out most of its customers (filters: only the
    /// customers all of them share are read). Other orders than ids gather every match, so their
    /// pairs are sized from the newest customers.
    static func keywordDriver(_ db: Database, _ query: CustomerQuery) throws -> (driver: String?, filters: [String]) {
        let (column, descending) = order(query.sort)
        let walks = column == "c.id"
        guard let keyword = query.keyword else { return (nil, []) }
        // A keyword of two characters has one pair: nothing to size or to filter with.
        if case let pairs = SearchGrams.pairs(keyword), pairs.count == 1 { return (pairs[0], []) }
        let (after, direction) = walks ? (query.after?.id, descending) : (nil, true)
        let ranked = try rankedPairs(db, keyword, after: after, descending: direction)
        guard let driver = ranked.first else { return (nil, []) }
        // A driver with fewer than a sample's customers left is read whole: that reads few rows.
        let filters = try ranked.dropFirst().filter { driver.count == pairSample && $0.spread * filterSpread >= driver.spread }
            .prefix(maximumFilters)
            .filter { try passRate(db, of: $0.pair, among: driver.pair, after: after, descending: direction) <= filterPassRate }
            .map(\.pair)
        return (driver.pair, filters)
    }

    /// A pair may filter the driver's customers when it spreads over at least a quarter as many ids
    /// per customer: reading its index over the same ids then costs at most four times the driver's.
    static let filterSpread = 4.0

    static let maximumFilters = 3

    /// A pair filters when at most this share of the driver's next `passSample` customers has it.
    /// Pairs of one word go together (人民 and 民路 always), and reading such a pair's index rules
    /// out nobody; one that rules out half (xingchen: xi among gc) cost more than it saved.
    static let filterPassRate = 0.25

    static let passSample = 20

    /// The share of the driver's next `passSample` customers past the cursor that have `pair`.
    static func passRate(_ db: Database, of pair: String, among driver: String, after cursor: CustomerID?, descending: Bool) throws
        -> Double
    {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT count(*), sum(EXISTS (SELECT 1 FROM customer_grams f WHERE f.gram = ? AND f.customer_id = d.customer_id))
                    FROM (\(pairAhead(descending: descending)) LIMIT \(passSample)) d
                    """),
            arguments: [pair, driver, walkStart(cursor, descending: descending)])
        let (count, having): (Int, Int) = (row?[0] ?? 0, row?[1] ?? 0)
        return count == 0 ? 1 : Double(having) / Double(count)
    }

    /// How many of the driver's customers `driverWalk` reads first.
    static let firstWalk = 500

    /// A page in id order of a keyword whose driver no other pair filters: the driver's first
    /// `firstWalk` customers, which fill most pages of a common keyword, then, for a page that did
    /// not fill, the rest of the budget; `window` is where the walk stopped short of the end.
    /// Finding the budget's end first read 4,000 index entries, a fifteenth of a search's time.
    static func driverWalk(_ db: Database, _ query: CustomerQuery, driver: String) throws
        -> (rows: [(customer: Customer, sortValue: CustomerCursor.SortValue)], window: CustomerID?)
    {
        let descending = order(query.sort).descending
        guard let first = try walkEnd(db, pair: driver, after: query.after?.id, descending: descending, budget: firstWalk) else {
            return (try page(db, statements(query, driver: driver).page), nil)
        }
        let rows = try page(db, statements(query, driver: driver, window: first).page)
        if rows.count > query.limit { return (rows, nil) }
        var rest = query
        (rest.after, rest.limit) = (CustomerCursor(value: .number(Double(first)), id: first), query.limit - rows.count)
        let window = try walkEnd(db, pair: driver, after: first, descending: descending, budget: walkBudget - firstWalk)
        return (rows + (try page(db, statements(rest, driver: driver, window: window).page)), window)
    }

    /// How many of the driver's customers `sharedWalk` reads first; each further read doubles.
    static let sharedChunk = 250

    /// A page in id order of a keyword whose rarest pairs are all common and rarely together
    /// (人民路12号: 人民 100,000 customers, 路1 111,000, 12 120,000, all three 1,192, the keyword 107):
    /// the ids the driver and the filters share over a range of the driver's customers are
    /// intersected on the pairs' index, and only their customers are read from the table
    /// (81 rows where the walk read 4,000; 6–8 ms → 3 ms a page at a million). Ranges grow from
    /// `sharedChunk` of the driver's customers, so a page that fills early reads little. The walk
    /// stops past `walkBudget` of them once it has a match; the range's end is the page's window.
    static func sharedWalk(_ db: Database, _ query: CustomerQuery, driver: String, filters: [String]) throws
        -> (rows: [(customer: Customer, sortValue: CustomerCursor.SortValue)], window: CustomerID?)
    {
        let descending = order(query.sort).descending
        var rows: [(customer: Customer, sortValue: CustomerCursor.SortValue)] = []
        var start = query.after?.id
        var (walked, chunk) = (0, sharedChunk)
        while true {
            let end = try walkEnd(db, pair: driver, after: start, descending: descending, budget: chunk)
            let from = start.map { descending ? $0 - 1 : $0 + 1 } ?? (descending ? CustomerID.max : 0)
            let to = end ?? (descending ? 0 : CustomerID.max)
            var page = query
            page.limit = query.limit - rows.count
            rows += try Self.page(db, Self.statements(page, shared: ([driver] + filters, min(from, to), max(from, to))).page)
            guard let end, rows.count <= query.limit else { return (rows, nil) }
            (walked, start) = (walked + chunk, end)
            if walked >= walkBudget, !rows.isEmpty { return (rows, end) }
            chunk = min(chunk * 2, walked < walkBudget ? walkBudget - walked : walkBudget)
        }
    }

    /// A page's customers with their sort values.
    static func page(_ db: Database, _ statement: (String, StatementArguments)) throws
        -> [(customer: Customer, sortValue: CustomerCursor.SortValue)]
    {
        try Array(
            ColumnCursor(db.cachedStatement(sql: statement.0), arguments: statement.1) { row in
                let sort = afterColumns  // sort_value
                let sortValue: CustomerCursor.SortValue =
                    switch sqlite3_column_type(row.statement, sort) {
                    case SQLITE_TEXT: .text(row.text(sort))
                    case SQLITE_INTEGER: .number(Double(row.int64(sort)))
                    case SQLITE_FLOAT: .number(row.double(sort))
                    default: .number(0)
                    }
                return (Self.customer(row), sortValue)
            })
    }

    /// The id at which a page's walk of `pair` has looked at `budget` customers past the cursor;
    /// nil when fewer are left.
    static func walkEnd(_ db: Database, pair: String, after: CustomerID?, descending: Bool, budget: Int = walkBudget) throws
        -> CustomerID?
    {
        return try CustomerID.fetchOne(
            db.cachedStatement(sql: pairAhead(descending: descending) + " LIMIT 1 OFFSET ?"),
            arguments: [pair, walkStart(after, descending: descending), budget - 1])
    }

    /// A pair's customers past a walk's start, in the walk's direction (bound: the pair, the start).
    static func pairAhead(descending: Bool) -> String {
        descending
            ? "SELECT customer_id FROM customer_grams WHERE gram = ? AND customer_id < ? ORDER BY customer_id DESC"
            : "SELECT customer_id FROM customer_grams WHERE gram = ? AND customer_id > ? ORDER BY customer_id"
    }

    /// Where a walk from `cursor` starts: before every id when there is none.
    static func walkStart(_ cursor: CustomerID?, descending: Bool) -> CustomerID {
        cursor ?? (descending ? .max : 0)
    }

    /// How many of a pair's customers, next in the walk's direction, `rarestPair` reads to size it.
    static let pairSample = 100

    /// Of the keyword's pairs, the one with the fewest customers ahead of a walk from `cursor`: a
    /// pair with fewer than `pairSample` of them is counted; of commoner ones, the rarer is the one
    /// whose next `pairSample` reach furthest (ids are spread over the whole table), so that one
    /// pair at 120 still beats one at 50,000. Every pair is sized, not a few spread over it: a
    /// keyword's rarest pair is often in its middle (huaxia: ax).
    static func rarestPair(_ db: Database, _ keyword: String, after cursor: CustomerID? = nil, descending: Bool = true) throws
        -> String?
    {
        try rankedPairs(db, keyword, after: cursor, descending: descending).first?.pair
    }

    /// A pair's next `pairSample` customers past a walk's start: how many, how far past the start
    /// they reach, and how many ids apart they lie (the walk's start may be no id at all).
    struct PairSize {
        let pair: String
        let count: Int
        let reach: CustomerID
        let span: CustomerID

        /// Ids per customer of the pair.
        var spread: Double { Double(span) / Double(max(count - 1, 1)) }
    }

    /// The keyword's pairs sized as `rarestPair` sizes them, rarest first.
    static func rankedPairs(_ db: Database, _ keyword: String, after cursor: CustomerID?, descending: Bool) throws
        -> [PairSize]
    {
        let (edge, near) = descending ? ("min", "max") : ("max", "min")
        let sample = try db.cachedStatement(
            sql: "SELECT count(*), \(edge)(customer_id), \(near)(customer_id) FROM (\(pairAhead(descending: descending)) LIMIT \(pairSample))")
        let start = walkStart(cursor, descending: descending)
        let sizes = try SearchGrams.pairs(keyword).map { pair in
            let row = try Row.fetchOne(sample, arguments: [pair, start])
            let edge: CustomerID = row?[1] ?? start
            let near: CustomerID = row?[2] ?? edge
            return PairSize(pair: pair, count: row?[0] ?? 0, reach: descending ? start - edge : edge - start, span: abs(edge - near))
        }
        return sizes.indices.sorted { (sizes[$0].count, -sizes[$0].reach, $0) < (sizes[$1].count, -sizes[$1].reach, $1) }.map { sizes[$0] }
    }

    /// Ids grow with creation time, so creation order is id order and needs no index of its own.
    static func order(_ sort: CustomerSort) -> (column: String, descending: Bool) {
        switch sort {
        case .newest: ("c.id", true)
        case .oldest: ("c.id", false)
        case .name: ("c.name_key", false)
        case .nameDescending: ("c.name_key", true)
        case .mostImportant: ("c.importance", true)
        case .leastImportant: ("c.importance", false)
        case .recentlyUpdated: ("c.updated_at", true)
        }
    }
}

extension CustomerCursor.SortValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .number(let number): number.databaseValue
        case .text(let text): text.databaseValue
        }
    }
}
