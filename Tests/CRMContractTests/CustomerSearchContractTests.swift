import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// Keyword search: a folded keyword matched as a substring of any one text field.
    @Suite struct CustomerSearchTests {
        /// Customers whose texts share characters and pairs in the ways a search could confuse.
        static let fields = [
            CustomerFields(
                name: "北京星辰科技有限公司",
                texts: [
                    .website: "www.xingchen.com.cn", .phone: "010-65001234", .address: "北京市朝阳区建国路88号", .region: "京",
                    .industry: "科技", .source: "展会", .notes: "重点客户\n每月回访",
                ]),
            CustomerFields(
                name: "ＡＣＭＥ Robotics GmbH", texts: [.website: "https://acme.example.com", .phone: "+49 30 1234567", .region: "Berlin"]),
            CustomerFields(name: "Acme Trading Co., Ltd.", texts: [.address: "88 Nanjing Road", .industry: "Trade", .notes: "Key account"]),
            CustomerFields(name: "甲乙公司", texts: [.address: "乙丙路", .notes: "丙丁"]),
            CustomerFields(name: "上海星辰 Star 贸易有限公司", texts: [.phone: "021-88888888", .source: "老客户介绍"]),
            CustomerFields(name: "远航物流", texts: [.address: "人民路12号", .region: "沪"]),
        ]

        func store(_ backend: Backend) async throws -> (repos: Repositories, customers: [Customer], owner: User) {
            let repos = try await backend.makeRepositories()
            let owner = try await repos.user("north")
            var customers: [Customer] = []
            for (index, fields) in Self.fields.enumerated() {
                customers.append(try await repos.customers.create(fields, owner: owner.id, at: t0 + Double(index) * minute))
            }
            return (repos, customers, owner)
        }

        func search(_ repos: Repositories, _ typed: String, owners: OwnerFilter = .any) async throws -> [CustomerID] {
            var query = CustomerQuery()
            query.keyword = CustomerName.fold(typed)
            query.owners = owners
            query.sort = .oldest
            query.limit = 100
            return try await repos.customers.walk(query).map(\.id)
        }

        @Test(arguments: Backend.allCases)
        func everySubstringOfEveryTextFieldFindsItsCustomer(_ backend: Backend) async throws {
            let (repos, customers, _) = try await store(backend)
            for customer in customers.prefix(3) {
                for text in customer.fields.searchable {
                    let folded = Array(CustomerName.fold(text))
                    var keywords: Set<String> = [String(folded)]
                    for length in 2...4 where length <= folded.count {
                        for start in 0...(folded.count - length) { keywords.insert(String(folded[start..<start + length])) }
                    }
                    for keyword in keywords where !keyword.isEmpty && keyword.first != " " && keyword.last != " " {
                        let want = customers.filter { Catalogue.holds($0, keyword) }.map(\.id)
                        #expect(want.contains(customer.id))
                        #expect(try await search(repos, keyword) == want, "\(text): \(keyword)")
                    }
                }
            }
        }

        @Test(arguments: Backend.allCases)
        func textAndKeywordAreComparedFoldedInCaseWidthAndWhiteSpace(_ backend: Backend) async throws {
            let (repos, customers, _) = try await store(backend)
            let (beijing, robotics, trading, star) = (customers[0].id, customers[1].id, customers[2].id, customers[4].id)
            #expect(try await search(repos, "ACME") == [robotics, trading])
            #expect(try await search(repos, "ａｃｍｅ ｒｏｂｏ") == [robotics])
            #expect(try await search(repos, "Robotics  GMBH") == [robotics])
            #expect(try await search(repos, "KEY ACCOUNT") == [trading])
            #expect(try await search(repos, "星辰 star 贸易") == [star])
            #expect(try await search(repos, "星辰STAR") == [])
            // Line breaks in notes fold to a space like any other run of white space.
            #expect(try await search(repos, "重点客户 每月") == [beijing])
            #expect(try await search(repos, "XINGCHEN.COM") == [beijing])
        }

        @Test(arguments: Backend.allCases)
        func aOneCharacterKeywordFindsEveryCustomerHoldingThatCharacterAnywhere(_ backend: Backend) async throws {
            let (repos, customers, _) = try await store(backend)
            let ids = customers.map(\.id)
            #expect(try await search(repos, "京") == [ids[0]])
            #expect(try await search(repos, "沪") == [ids[5]], "the whole of a field")
            #expect(try await search(repos, "号") == [ids[0], ids[5]], "the end of a field")
            #expect(try await search(repos, "丁") == [ids[3]], "the end of the notes")
            #expect(try await search(repos, "甲") == [ids[3]], "the start of a name")
            #expect(try await search(repos, "星") == [ids[0], ids[4]])
            #expect(try await search(repos, "R") == [ids[1], ids[2], ids[4]])
            #expect(try await search(repos, "8") == [ids[0], ids[2], ids[4]])
            #expect(try await search(repos, "+") == [ids[1]])
            #expect(try await search(repos, "鑫") == [])
        }

        @Test(arguments: Backend.allCases)
        func aKeywordMatchesWithinOneFieldNeverAcrossFieldsOrScatteredPairs(_ backend: Backend) async throws {
            let (repos, customers, _) = try await store(backend)
            // 甲乙 in the name, 乙丙 in the address, 丙丁 in the notes: every pair, never together.
            #expect(try await search(repos, "甲乙丙") == [])
            #expect(try await search(repos, "乙丙丁") == [])
            #expect(try await search(repos, "乙丙") == [customers[3].id])
            // The end of one field and the start of the next.
            #expect(try await search(repos, "公司乙丙") == [])
            #expect(try await search(repos, "公司 乙丙") == [])
            #expect(try await search(repos, "物流人民") == [])
            #expect(try await search(repos, "路沪") == [])
        }

        @Test(arguments: Backend.allCases)
        func aKeywordNarrowsOnlyTheCustomersTheOwnerFilterLets(_ backend: Backend) async throws {
            let (repos, customers, owner) = try await store(backend)
            let south = try await repos.user("south")
            _ = try await repos.customers.transfer(
                [OwnerExpectation(id: customers[4].id, owner: owner.id)], to: south.id, action: .assigned, actor: owner.id, at: t0 + day)
            _ = try await repos.customers.transfer(
                [OwnerExpectation(id: customers[1].id, owner: owner.id)], to: nil, action: .released, actor: owner.id, at: t0 + day)
            #expect(try await search(repos, "星辰", owners: .owners([owner.id])) == [customers[0].id])
            #expect(try await search(repos, "星辰", owners: .owners([south.id])) == [customers[4].id])
            #expect(try await search(repos, "acme", owners: .publicOnly) == [customers[1].id])
            #expect(try await search(repos, "acme", owners: .ownersOrPublic([south.id])) == [customers[1].id])
            #expect(try await search(repos, "r", owners: .ownersOrPublic([south.id])) == [customers[1].id, customers[4].id])
            #expect(try await search(repos, "星辰", owners: .owners([])) == [])
        }

        @Test(arguments: Backend.allCases)
        func keywordsCombineWithEveryFilterOwnerFilterSortAndCursor(_ backend: Backend) async throws {
            let catalogue = try await Catalogue.make(backend)
            let (north, south) = (catalogue.north.id, catalogue.south.id)
            let keywords = ["星辰", "有限公司", "star", "a", "科", "路1", "www.site", "6500", "重点客户 第", "acme", "沪", "无此关键字"]
            let filters: [(OwnerFilter, (inout CustomerQuery) -> Void)] = [
                (.any, { _ in }), (.ownersOrPublic([north]), { _ in }), (.publicOnly, { $0.type = .open }),
                (.owners([north, south]), { $0.importance = 4 }), (.any, { $0.createdFrom = t0 + 6 * hour }),
                (.any, { $0.lastVisitFrom = t0 }), (.ownersOrPublic([south]), { $0.categoryId = catalogue.openCategory.id }),
            ]
            let sorts = CustomerSort.allCases
            for (number, keyword) in keywords.enumerated() {
                for (index, (owners, narrow)) in filters.enumerated() {
                    var query = CustomerQuery()
                    query.keyword = CustomerName.fold(keyword)
                    query.owners = owners
                    narrow(&query)
                    query.sort = sorts[(number + index) % sorts.count]
                    query.limit = 3
                    let want = catalogue.expected(query)
                    let got = try await catalogue.repos.customers.walk(query, total: want.count)
                    #expect(got.map(\.id) == want.map(\.id), "\(keyword) filter \(index) \(query.sort)")
                }
                var all = CustomerQuery()
                all.keyword = CustomerName.fold(keyword)
                #expect(catalogue.expected(all).isEmpty == (keyword == "无此关键字"), "\(keyword) finds something")
            }
        }

        @Test(arguments: Backend.allCases)
        func anEditedCustomerIsFoundByItsNewTextsOnly(_ backend: Backend) async throws {
            let (repos, customers, _) = try await store(backend)
            var fields = customers[5].fields
            fields.name = "远洋航运"
            fields.address = nil
            fields.notes = "冷链"
            try await repos.customers.update(id: customers[5].id, fields, restartTracking: false, at: t0 + day)
            #expect(try await search(repos, "远航") == [])
            #expect(try await search(repos, "人民路") == [])
            #expect(try await search(repos, "远洋") == [customers[5].id])
            #expect(try await search(repos, "冷链") == [customers[5].id])
            #expect(try await search(repos, "沪") == [customers[5].id])
        }
    }
}
