import CRMCore
import Foundation
import GRDB
import Testing

@testable import CRMSQLite

@Suite struct SearchIndexTests {
    static let regions = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "苏州"]
    static let words = ["星辰", "华夏", "远航", "金桥", "瑞丰", "东方", "恒信", "天成", "博远", "新世纪", "宏图", "百川", "安泰", "中联", "鼎盛"]
    static let trades = ["科技", "贸易", "物流", "建材", "医药", "传媒", "电子", "食品", "机械", "咨询"]

    static func demoFields(_ index: Int) -> CustomerFields {
        let region = regions[index % regions.count]
        let name = "\(region)\(words[(index / 10) % words.count])\(trades[(index / 150) % trades.count])第\(index)号有限公司"
        return CustomerFields(name: name, texts: [.address: "\(region)市人民路\(index % 500)号", .industry: trades[index % trades.count]])
    }

    /// Customers written straight through the store's own SQL, in one transaction.
    static func populate(_ store: SQLiteStore, count: Int, fields: (Int) -> CustomerFields = demoFields) throws {
        try store.pool.write { db in
            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO customers (name, name_key, name_core, website, phone, address, region, industry, source,
                        notes, category_id, type, importance, search_text, owner_id, tracking_since, created_by, created_at,
                        updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?)
                    """)
            for index in 0..<count {
                let fields = fields(index)
                let folded = SQLiteCustomers.Folded(fields)
                try insert.execute(arguments: SQLiteCustomers.fieldArguments(fields, folded) + [Double(index), Double(index)])
                try SQLiteCustomers.writeIndex(db, id: db.lastInsertedRowID, folded, replacing: false)
            }
        }
    }

    @Test func aChineseSubstringSearchOverAHundredThousandCustomersUsesTheIndex() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        try Self.populate(store, count: 100_000)

        for keyword in ["星辰", "远航物流", "第4242号", "人民路"] {
            var query = CustomerQuery()
            query.keyword = CustomerName.fold(keyword)
            query.owners = .ownersOrPublic([1, 2])
            query.limit = 20
            let rarest = try await store.pool.read { db in try SQLiteCustomers.rarestPair(db, CustomerName.fold(keyword)) }
            #expect(rarest != nil)
            var byName = query
            byName.sort = .name
            // Both ways a keyword is looked up: walking its rarest pair in id order, or checking the
            // pair's customers in another order and sorting the matches.
            for (query, walks) in [(query, true), (byName, false)] {
                let driver = try await store.pool.read { db in try SQLiteCustomers.keywordDriver(db, query) }
                #expect(driver.driver == rarest, "\(keyword)")
                let statements = SQLiteCustomers.statements(query, driver: driver.driver)
                let (sql, arguments) = statements.page
                let plan = try await store.pool.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
                }
                #expect(plan.contains { $0.contains("PRIMARY KEY (gram") }, "\(keyword): \(plan)")
                #expect(!plan.contains { $0.hasPrefix("SCAN c") || $0.hasPrefix("SCAN customers") }, "\(keyword): \(plan)")
                // Walking a pair's index in id order needs no sort: the page ends the walk.
                #expect(!walks || !plan.contains { $0.contains("TEMP B-TREE FOR ORDER BY") }, "\(keyword): \(plan)")
            }

            let page = try await store.repositories.customers.list(query, count: true)
            #expect(page.items.allSatisfy { $0.fields.name.contains(keyword) || ($0.fields[.address] ?? "").contains(keyword) })
            #expect((page.total ?? 0) > 0, "\(keyword)")
            let sorted = try await store.repositories.customers.list(byName, count: true)
            #expect(sorted.total == page.total, "\(keyword)")
            #expect(sorted.items.allSatisfy { $0.fields.name.contains(keyword) || ($0.fields[.address] ?? "").contains(keyword) })
            #expect(sorted.items.map(\.fields.name) == sorted.items.map(\.fields.name).sorted(), "\(keyword)")
        }

        var exact = CustomerQuery()
        exact.keyword = CustomerName.fold("第4242号")
        let found = try await store.repositories.customers.list(exact, count: true)
        #expect(found.total == 1)
        #expect(found.items.first?.fields.name.contains("第4242号") == true)
    }

    /// Two pairs both past the sample: the one spread over twice the ids is the rarer.
    @Test func pairsWithQuotesBackslashesAndControlCharactersAreIndexedAsTyped() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO users (id, username, username_key, display_name, password_hash, created_at) VALUES (7, 'north', 'north', '北', 'x', 0)")
        }
        let fields = CustomerFields(name: #"引号"星辰"\反斜杠公司"#, texts: [.notes: "铃\u{7}声\u{1F}"])
        let created = try await store.repositories.customers.create(fields, owner: 7, at: Date())
        let stored = try await store.pool.read { db in
            try Set(String.fetchAll(db, sql: "SELECT gram FROM customer_grams WHERE customer_id = ?", arguments: [created.id]))
        }
        #expect(stored == SQLiteCustomers.Folded(fields).grams)
        #expect(stored.isSuperset(of: [#""星"#, #"\反"#, "铃\u{7}", "\u{7}声", "\u{1F} "]))
        for keyword in [#"号"星辰""#, #""\反"#, "铃\u{7}声"] {
            var query = CustomerQuery()
            query.keyword = CustomerName.fold(keyword)
            #expect(try await store.repositories.customers.list(query, count: false).items.map(\.id) == [created.id], "\(keyword)")
        }
    }

    @Test func aPairIsSizedBeyondTheSampleByTheIdsItSpans() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let count = SQLiteCustomers.pairSample * 3
        try Self.populate(store, count: count) { index in CustomerFields(name: index % 2 == 0 ? "甲乙丙\(index)号" : "甲乙\(index)号") }
        #expect(try await store.pool.read { db in try SQLiteCustomers.rarestPair(db, "甲乙丙") } == "乙丙")
    }

    /// A keyword's rarest pair may lie in its middle (huaxia: ax), not at either end.
    @Test func everyPairOfAKeywordIsSizedNotJustTheProbes() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        try Self.populate(store, count: SQLiteCustomers.pairSample * 3) { index in
            CustomerFields(name: index % 10 == 0 ? "甲乙丙丁戊己\(index)" : "甲乙丙 丁戊己\(index)")
        }
        #expect(try await store.pool.read { db in try SQLiteCustomers.rarestPair(db, "甲乙丙丁戊己") } == "丙丁")
    }

    /// Pairs are sized where the walk goes on from: past the cursor, not among the newest.
    @Test func aPairIsSizedAheadOfTheCursor() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let half = SQLiteCustomers.pairSample * 2
        // 甲乙 in every old customer and every tenth new one; 乙丙 the other way round.
        try Self.populate(store, count: 2 * half) { index in
            let old = index < half
            return CustomerFields(name: (old || index % 10 == 0 ? "甲乙 " : "") + (!old || index % 10 == 0 ? "乙丙 " : "") + "\(index)")
        }
        let boundary = try await store.pool.read { db in try CustomerID.fetchOne(db, sql: "SELECT min(id) + \(half) FROM customers") }
        #expect(try await store.pool.read { db in try SQLiteCustomers.rarestPair(db, "甲乙丙") } == "甲乙")
        #expect(try await store.pool.read { db in try SQLiteCustomers.rarestPair(db, "甲乙丙", after: boundary) } == "乙丙")
        #expect(try await store.pool.read { db in try SQLiteCustomers.rarestPair(db, "甲乙丙", after: boundary, descending: false) } == "甲乙")
    }

    /// Pairs about as common as each other and rarely together: a page reads from the table only
    /// the customers that have the driver and the pairs that filter it (in id order a range at a
    /// time, stopping past the walk's budget), the pages list every match once, and the count
    /// counts only those customers. A pair that always goes with the driver filters nothing.
    @Test func aKeywordOfCommonPairsRarelyTogetherReadsOnlyTheCustomersThatShareThem() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        // 甲乙 always with 丙丁, in a third of the customers; 乙丙 in the rest; one in 500 all three.
        let count = SQLiteCustomers.walkBudget * 3 + 3000
        try Self.populate(store, count: count) { index in
            switch index % 1000 {
            case 0: CustomerFields(name: "甲乙丙丁\(index)")
            case 500: CustomerFields(name: "甲乙 乙丙 丙丁\(index)")
            default: CustomerFields(name: (index % 3 == 0 ? "甲乙 丙丁" : "乙丙") + " \(index)")
            }
        }
        var query = CustomerQuery()
        query.keyword = "甲乙丙丁"
        query.limit = 50
        let driver = try await store.pool.read { [query] db in try SQLiteCustomers.keywordDriver(db, query) }
        #expect(["甲乙", "丙丁"].contains(driver.driver) && driver.filters == ["乙丙"], "\(driver)")

        let matches = stride(from: 0, to: count, by: 1000).map { "甲乙丙丁\($0)" }
        // In id order pages walk and stop at the budget; by name every match is gathered at once.
        for (sort, expected, walks) in [(CustomerSort.newest, matches.reversed(), true), (.oldest, matches, true), (.name, matches.sorted(), false)] {
            query.sort = sort
            query.after = nil
            var names: [String] = []
            var pages: [(page: CustomerPage, statements: [String])] = []
            repeat {
                let traced = try await store.pool.read { [query, first = pages.isEmpty] db in
                    try SQLiteCustomers.tracedList(db, query, count: first)
                }
                names += traced.page.items.map(\.fields.name)
                pages.append(traced)
                query.after = traced.page.next
            } while query.after != nil
            #expect(names == expected, "\(sort)")
            #expect(pages[0].page.total == matches.count, "\(sort)")
            let firstCount = pages[0].page.items.count
            #expect(walks ? pages.count == 2 && firstCount < matches.count : pages.count == 1, "\(sort): \(pages.count) pages, \(firstCount) first")
            // The statements that read customers by the keyword's pairs.
            let statements = pages.flatMap(\.statements).filter { $0.contains("customers c") && $0.contains("customer_grams") }
            #expect(statements.contains { $0.hasPrefix("SELECT count(*)") }, "\(sort)")
            #expect(statements.allSatisfy { $0.contains("INTERSECT") && $0.contains("gram = '乙丙'") }, "\(sort): \(statements)")
        }

        query.sort = .newest
        let (sql, arguments) = SQLiteCustomers.statements(query, shared: (["甲乙", "乙丙"], 1, 3000)).page
        let plan = try await store.pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
        #expect(plan.contains("SEARCH c USING INTEGER PRIMARY KEY (rowid=?)") && !plan.contains { $0.contains("FOR ORDER BY") }, "\(plan)")
    }

    /// A common keyword fills its page among the driver's first `firstWalk` customers and looks no
    /// further; a page that does not fill there walks on from where it stopped to the budget's end.
    @Test func aCommonKeywordLooksForTheBudgetsEndOnlyWhenItsFirstWalkFallsShort() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let count = SQLiteCustomers.walkBudget * 2
        // 甲乙 and 乙丙 in every customer, together as 甲乙丙 in every hundredth.
        try Self.populate(store, count: count) { index in CustomerFields(name: index % 100 == 0 ? "甲乙丙\(index)" : "甲乙 乙丙\(index)") }
        let first = "OFFSET \(SQLiteCustomers.firstWalk - 1)"
        let rest = "OFFSET \(SQLiteCustomers.walkBudget - SQLiteCustomers.firstWalk - 1)"
        var query = CustomerQuery()
        query.limit = 50

        query.keyword = "甲乙"
        let common = try await store.pool.read { [query] db in try SQLiteCustomers.tracedList(db, query, count: false) }
        #expect(common.page.items.map(\.fields.name).first == "甲乙 乙丙\(count - 1)" && common.page.items.count == 50)
        #expect(common.statements.filter { $0.contains("OFFSET") }.map { $0.contains(first) } == [true], "\(common.statements)")
        #expect(!common.statements.contains { $0.contains("max(customer_id)") }, "one pair is not sized")

        query.keyword = "甲乙丙"
        let sparse = try await store.pool.read { [query] db in try SQLiteCustomers.tracedList(db, query, count: false) }
        let newest = stride(from: count - 100, through: count - SQLiteCustomers.walkBudget, by: -100).map { "甲乙丙\($0)" }
        #expect(sparse.page.items.map(\.fields.name) == newest)
        #expect(sparse.statements.filter { $0.contains(first) || $0.contains(rest) }.count == 2, "\(sparse.statements)")
        #expect(sparse.page.next?.id == sparse.page.items.last?.id, "the window ends at the budget's last customer, a match")
        let all = try await store.pagedIds(query, upTo: count)
        #expect(all.ids.count == count / 100 && Set(all.ids).count == all.ids.count)
    }

    /// Pairs common apart and rare together: each page walks at most `walkBudget` customers and
    /// ends with a cursor, yet holds at least one match while any is left; the pages together hold
    /// every match once.
    @Test func aRareCombinationOfCommonPairsIsFoundPageByPageWithinTheBudget() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let store = try SQLiteStore(path: database.path)
        let count = SQLiteCustomers.walkBudget + SQLiteCustomers.walkBudget / 5
        // 甲乙丙 every thousandth customer; 丁戊己 only among the oldest, beyond the first page's walk.
        try Self.populate(store, count: count) { index in
            if index % 1000 == 0 { return CustomerFields(name: "甲乙丙\(index) 丁戊 戊己") }
            if index % 500 == 250 && index < count - SQLiteCustomers.walkBudget { return CustomerFields(name: "甲乙 乙丙 丁戊己\(index)") }
            return CustomerFields(name: "甲乙 乙丙 丁戊 戊己\(index)")
        }

        func pages(_ keyword: String) async throws -> (first: CustomerPage, names: [String]) {
            var query = CustomerQuery()
            query.keyword = keyword
            query.limit = 50
            var pages: [CustomerPage] = []
            repeat {
                let page = try await store.repositories.customers.list(query, count: pages.isEmpty)
                #expect(!page.items.isEmpty || page.next == nil, "\(keyword): an empty page with a cursor")
                pages.append(page)
                query.after = page.next
            } while query.after != nil && pages.count < 10
            return (pages[0], pages.flatMap { $0.items.map(\.fields.name) })
        }

        let matches = Array(stride(from: 0, to: count, by: 1000).reversed())
        let common = try await pages("甲乙丙")
        #expect(common.first.total == matches.count)
        #expect(common.first.items.count < matches.count && common.first.next != nil, "the first page stops at the budget")
        #expect(common.names == matches.map { "甲乙丙\($0) 丁戊 戊己" })

        let old = try await pages("丁戊己")
        #expect(old.first.items.count == 1 && old.first.next != nil, "past an empty walk the page ends at the first match")
        #expect(old.names == stride(from: 250, to: count - SQLiteCustomers.walkBudget, by: 500).reversed().map { "甲乙 乙丙 丁戊己\($0)" })
    }
}
