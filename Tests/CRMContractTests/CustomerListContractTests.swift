import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// Customer lists: owner filters, filters, sorts, cursors and counts, checked against the
    /// catalogue's customers as the store reads them one by one.
    @Suite struct CustomerListTests {
        @Test(arguments: Backend.allCases)
        func everyOwnerFilterAndSortListsEachMatchOnceInOrderWhateverTheLimit(_ backend: Backend) async throws {
            let catalogue = try await Catalogue.make(backend)
            let (north, south, east) = (catalogue.north.id, catalogue.south.id, catalogue.east.id)
            let filters: [OwnerFilter] = [
                .any, .publicOnly, .owners([north]), .owners([north, east]), .ownersOrPublic([south]), .ownersOrPublic([south, east]),
                .owners([]), .ownersOrPublic([]), .owners([east + 1000]),
            ]
            for owners in filters {
                for sort in CustomerSort.allCases {
                    for limit in owners == .any ? [1, 3, 50] : [3] {
                        var query = CustomerQuery()
                        query.owners = owners
                        query.sort = sort
                        query.limit = limit
                        let want = catalogue.expected(query)
                        let got = try await catalogue.repos.customers.walk(query, total: want.count)
                        #expect(got.map(\.id) == want.map(\.id), "\(owners) \(sort) limit \(limit)")
                    }
                }
            }
            // The owner filters split the catalogue as they should, so the loop above compared something.
            #expect(catalogue.expected(CustomerQuery()).count == Catalogue.names.count)
            var pool = CustomerQuery()
            pool.owners = .publicOnly
            #expect(catalogue.expected(pool).count == 6)
            var nobody = CustomerQuery()
            nobody.owners = .owners([])
            #expect(catalogue.expected(nobody).isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func listsReadCustomersAsTheyAreReadOneByOne(_ backend: Backend) async throws {
            let catalogue = try await Catalogue.make(backend)
            var query = CustomerQuery()
            query.sort = .oldest
            query.limit = 100
            #expect(try await catalogue.repos.customers.list(query, count: false).items == catalogue.customers)
        }

        @Test(arguments: Backend.allCases)
        func eachFilterAloneAndTogetherNarrowsTheListAndItsCount(_ backend: Backend) async throws {
            let catalogue = try await Catalogue.make(backend)
            let customers = catalogue.customers
            var queries: [(String, CustomerQuery)] = []
            func add(_ label: String, _ change: (inout CustomerQuery) -> Void) {
                var query = CustomerQuery()
                change(&query)
                queries.append((label, query))
            }
            add("open category") { $0.categoryId = catalogue.openCategory.id }
            add("closed category") { $0.categoryId = catalogue.closedCategory.id }
            add("closed") { $0.type = .closed }
            add("open") { $0.type = .open }
            for importance in 1...5 { add("importance \(importance)") { $0.importance = importance } }
            add("owner id") { $0.ownerId = catalogue.south.id }
            add("industry") { $0.industry = "科技" }
            add("industry folded is another") { $0.industry = "ＫＥＪＩ" }
            add("region") { $0.region = "沪" }
            add("region is no substring") { $0.region = "北" }
            add("created from") { $0.createdFrom = customers[5].createdAt }
            add("created to") { $0.createdTo = customers[9].createdAt }
            add("created range") { ($0.createdFrom, $0.createdTo) = (customers[5].createdAt, customers[9].createdAt) }
            add("visited from") { $0.lastVisitFrom = t0 + 6 * day }
            add("visited to") { $0.lastVisitTo = t0 + 5 * day }
            add("visited range") { ($0.lastVisitFrom, $0.lastVisitTo) = (t0 + 5 * day, t0 + 7 * day) }
            add("open, important, owned by north, in a month") {
                $0.type = .open
                $0.importance = 4
                $0.owners = .ownersOrPublic([catalogue.north.id])
                $0.createdFrom = t0
                $0.createdTo = t0 + 30 * day
            }
            add("trade and region of the pool") {
                $0.owners = .publicOnly
                $0.industry = "物流"
            }
            add("owner id beside an owner filter that excludes it") {
                $0.owners = .owners([catalogue.north.id])
                $0.ownerId = catalogue.south.id
            }
            add("visited and categorised") {
                $0.lastVisitFrom = t0
                $0.categoryId = catalogue.openCategory.id
            }
            for (label, query) in queries {
                for sort in [CustomerSort.newest, .name, .recentlyUpdated] {
                    var sorted = query
                    sorted.sort = sort
                    sorted.limit = 2
                    let want = catalogue.expected(sorted)
                    let got = try await catalogue.repos.customers.walk(sorted, total: want.count)
                    #expect(got.map(\.id) == want.map(\.id), "\(label) \(sort)")
                }
            }
            // The catalogue gives every filter something to keep and something to drop.
            for (label, query) in queries.prefix(9) {
                let kept = catalogue.expected(query).count
                #expect(kept > 0 && kept < customers.count, "\(label)")
            }
        }

        @Test(arguments: Backend.allCases)
        func dateRangesIncludeTheirStartExcludeTheirEndAndNeverMatchCustomersNotVisited(_ backend: Backend) async throws {
            let catalogue = try await Catalogue.make(backend)
            let customers = catalogue.customers
            var created = CustomerQuery()
            (created.createdFrom, created.createdTo, created.sort, created.limit) = (customers[5].createdAt, customers[9].createdAt, .oldest, 50)
            #expect(try await catalogue.repos.customers.walk(created).map(\.id) == customers[5..<9].map(\.id))

            let visited = customers.filter { $0.lastVisitAt != nil }
            #expect(visited.count == 8)
            var anyVisit = CustomerQuery()
            (anyVisit.lastVisitFrom, anyVisit.sort) = (Date(timeIntervalSince1970: 0), .oldest)
            #expect(try await catalogue.repos.customers.walk(anyVisit).map(\.id) == visited.map(\.id))
            // The latest visit decides: customers visited on day 1 and again on day 5 or 7 are not "to day 2".
            var early = CustomerQuery()
            early.lastVisitTo = t0 + 2 * day
            #expect(try await catalogue.repos.customers.walk(early).isEmpty)
            var fifth = CustomerQuery()
            (fifth.lastVisitFrom, fifth.lastVisitTo, fifth.sort) = (t0 + 5 * day, t0 + 6 * day, .oldest)
            #expect(try await catalogue.repos.customers.walk(fifth).map(\.id) == [customers[1].id, customers[13].id])
        }

        @Test(arguments: Backend.allCases)
        func theCountIsOfEveryMatchWhicheverPageAsksForIt(_ backend: Backend) async throws {
            let catalogue = try await Catalogue.make(backend)
            var query = CustomerQuery()
            query.type = .open
            query.limit = 4
            query.sort = .mostImportant
            let first = try await catalogue.repos.customers.list(query, count: true)
            let want = catalogue.expected(query).count
            #expect(first.total == want)
            #expect(first.next != nil)
            query.after = first.next
            #expect(try await catalogue.repos.customers.list(query, count: true).total == want)
            var empty = CustomerQuery()
            empty.importance = 5
            empty.type = .closed
            empty.region = "无"
            let none = try await catalogue.repos.customers.list(empty, count: true)
            #expect(none.items.isEmpty && none.next == nil && none.total == 0)
        }

        @Test(arguments: Backend.allCases)
        func aCursorGoesOnAfterItsCustomerWhenCustomersAreAddedBeforeIt(_ backend: Backend) async throws {
            let catalogue = try await Catalogue.make(backend)
            var query = CustomerQuery()
            query.limit = 5
            let first = try await catalogue.repos.customers.list(query, count: false)
            // A customer added meanwhile is newer than every one listed: it is not on the next pages.
            let added = try await catalogue.repos.customer("新来的客户有限公司", owner: catalogue.south, at: t0 + 100 * day)
            #expect(first.next != nil)
            query.after = first.next
            let rest = try await catalogue.repos.customers.walk(query)
            let all = first.items + rest
            #expect(all.map(\.id) == catalogue.expected(CustomerQuery()).map(\.id))
            #expect(!all.contains { $0.id == added.id })
        }
    }
}
