import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// Adding, reading, editing and importing customers, and the unique name.
    @Suite struct CustomerTests {
        static let fields = CustomerFields(
            name: "北京星辰科技有限公司",
            texts: [
                .website: "www.xingchen.com.cn", .phone: "010-65001234", .address: "北京市朝阳区建国路88号", .region: "北京", .industry: "科技",
                .source: "展会", .notes: "重点客户\n每月回访",
            ], importance: 5)

        @Test(arguments: Backend.allCases)
        func aNewCustomerBelongsToItsCreatorIsTrackedFromItsCreationAndLogged(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let category = try #require(try await repos.settings.categories().first { $0.type == .closed })
            var fields = Self.fields
            fields.type = .closed
            fields.categoryId = category.id
            let created = try await repos.customers.create(fields, owner: north.id, at: t0)
            #expect(
                created
                    == Customer(
                        id: created.id, fields: fields, ownerId: north.id, ownerName: "north", trackingSince: t0, createdBy: north.id,
                        createdAt: t0, updatedAt: t0, lastVisitAt: nil))
            #expect(try await repos.customers.customer(id: created.id) == created)
            #expect(try await repos.customers.customer(id: created.id + 1000) == nil)
            #expect(
                try await repos.customers.history(customer: created.id) == [
                    OwnershipChange(customerId: created.id, action: .created, actorId: north.id, fromUserId: nil, toUserId: north.id, at: t0)
                ])

            let bare = try await repos.customers.create(CustomerFields(name: "空壳公司"), owner: north.id, at: t0 + minute)
            #expect(bare.fields == CustomerFields(name: "空壳公司"))
            #expect(bare.id > created.id)
        }

        @Test(arguments: Backend.allCases)
        func aNameIsTakenWhateverItsCaseWidthAndOuterOrRepeatedSpaces(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let acme = try await repos.customer("Acme  Trading （Shanghai） Co., Ltd.", owner: north)
            for taken in ["acme trading (shanghai) co., ltd.", "ＡＣＭＥ Trading (Shanghai) Co., Ltd.", "  Acme Trading\t(Shanghai)  Co., Ltd. "] {
                await expectConflict("\(taken)") { try await repos.customer(taken, owner: south) }
            }
            // Only case, width and white space fold: another space, another form or another script is another name.
            for other in ["AcmeTrading (Shanghai) Co., Ltd.", "Acme Trading (Shanghai) Co. Ltd.", "Acme Trading (上海) Co., Ltd."] {
                #expect(try await repos.customer(other, owner: south).ownerId == south.id, "\(other)")
            }
            let found = try #require(try await repos.customers.customer(nameKey: CustomerName.key("ACME TRADING (SHANGHAI) CO., LTD.")))
            #expect(found == acme)
            #expect(try await repos.customers.customer(nameKey: CustomerName.key("Acme")) == nil)
            // Nothing was written by the refused ones.
            var all = CustomerQuery()
            all.limit = 100
            #expect(try await repos.customers.list(all, count: true).total == 4)
        }

        @Test(arguments: Backend.allCases)
        func ofFiftySimultaneousAddsOfOneNameExactlyOneSucceeds(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            var users: [User] = []
            for index in 0..<5 { users.append(try await repos.user("seller\(index)")) }
            let variants = ["星辰科技有限公司", " 星辰科技有限公司", "星辰科技有限公司 ", "星辰科技有限公司\u{3000}"]
            let outcomes = await withTaskGroup(of: Result<Customer, any Error>.self) { group in
                for index in 0..<50 {
                    group.addTask { [users] in
                        do {
                            return .success(
                                try await repos.customers.create(
                                    CustomerFields(name: variants[index % variants.count]), owner: users[index % users.count].id, at: t0))
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let created = outcomes.compactMap { try? $0.get() }
            #expect(created.count == 1)
            let failures = outcomes.compactMap { outcome -> (any Error)? in if case .failure(let error) = outcome { error } else { nil } }
            #expect(failures.count == 49)
            #expect(failures.allSatisfy(isConflict), "\(failures.filter { !isConflict($0) })")
            let winner = try #require(created.first)
            #expect(try await repos.customers.customer(nameKey: "星辰科技有限公司") == winner)
            #expect(try await repos.customers.history(customer: winner.id).count == 1)
            #expect(try await repos.customers.list(CustomerQuery(), count: true).total == 1)
        }

        @Test(arguments: Backend.allCases)
        func namesAreShownAsTheyAreNowWhereverCustomersAndUsersAreNamed(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            var north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let visit = try await repos.visit(customer, by: north, at: t0 + hour)
            let plan = try await repos.plan(customer, by: north, at: t0 + day)
            north.displayName = "王经理"
            try await repos.users.update(north)
            var fields = customer.fields
            fields.name = "星辰智能科技有限公司"
            try await repos.customers.update(id: customer.id, fields, restartTracking: false, at: t0 + hour)

            #expect(try await repos.customers.customer(id: customer.id)?.ownerName == "王经理")
            #expect(try await repos.customers.list(CustomerQuery(), count: false).items.map(\.ownerName) == ["王经理"])
            let read = try #require(try await repos.visits.visit(id: visit.id)?.visit)
            #expect(read.userName == "王经理" && read.customerName == "星辰智能科技有限公司")
            #expect(try await repos.visits.visits(VisitQuery(), authors: .any, orOwner: nil).map(\.customerName) == ["星辰智能科技有限公司"])
            #expect(try await repos.visits.plan(id: plan.id)?.customerName == "星辰智能科技有限公司")
            #expect(try await repos.visits.plans(PlanQuery(), authors: .any).map(\.customerName) == ["星辰智能科技有限公司"])
            let summary = try await repos.visits.summary(authors: [north.id], from: t0, to: t0 + day, timeZone: utcZone, customerLimit: 5)
            #expect(summary.byCustomer.map(\.name) == ["星辰智能科技有限公司"])
            let report = try await repos.visits.poolReport(owners: .any, from: t0, to: t0 + day, timeZone: utcZone)
            #expect(report.owners.map(\.displayName) == ["王经理"])
        }

        @Test(arguments: Backend.allCases)
        func customersAreReadByIdsAndByNameKeys(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let a = try await repos.customer("Alpha Ltd", owner: north)
            let b = try await repos.customer("贝塔有限公司", owner: north)
            let c = try await repos.customer("Gamma", owner: north)
            let byIds = try await repos.customers.customers(ids: [c.id, a.id, c.id + 1000])
            #expect(byIds.count == 2)
            #expect(Set(byIds.map(\.id)) == [a.id, c.id])
            #expect(byIds.first { $0.id == a.id } == a)
            #expect(try await repos.customers.customers(ids: []).isEmpty)

            let byKeys = try await repos.customers.customers(nameKeys: [CustomerName.key("ALPHA LTD"), "贝塔有限公司", "delta"])
            #expect(byKeys == [CustomerName.key("Alpha Ltd"): a, "贝塔有限公司": b])
            #expect(try await repos.customers.customers(nameKeys: []).isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func anUpdateSavesEveryFieldAndKeepsOwnerCreationAndTracking(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let category = try #require(try await repos.settings.categories().first { $0.type == .open })
            let customer = try await repos.customers.create(Self.fields, owner: north.id, at: t0)
            let changed = CustomerFields(
                name: "北京星辰智能科技有限公司", texts: [.phone: "010-88886666", .region: "天津", .industry: "制造"], categoryId: category.id,
                importance: 1)
            try await repos.customers.update(id: customer.id, changed, restartTracking: false, at: t0 + day)
            var expected = customer
            expected.fields = changed
            expected.updatedAt = t0 + day
            #expect(try await repos.customers.customer(id: customer.id) == expected)
            #expect(try await repos.customers.customer(nameKey: CustomerName.key(Self.fields.name)) == nil)
            #expect(try await repos.customers.customer(nameKey: CustomerName.key(changed.name)) == expected)
            // The old name is free again.
            #expect(try await repos.customers.create(Self.fields, owner: north.id, at: t0 + 2 * day).fields.name == Self.fields.name)

            // Reopening restarts tracking; nothing else moves it.
            try await repos.customers.update(id: customer.id, changed, restartTracking: true, at: t0 + 3 * day)
            let restarted = try #require(try await repos.customers.customer(id: customer.id))
            #expect(restarted.trackingSince == t0 + 3 * day)
            #expect(restarted.updatedAt == t0 + 3 * day)
            #expect(restarted.ownerId == north.id)
            #expect(restarted.createdAt == t0)
            #expect(try await repos.customers.history(customer: customer.id).count == 1)
        }

        @Test(arguments: Backend.allCases)
        func renamingOntoATakenNameIsAConflictAndChangesNothing(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let taken = try await repos.customer("Star Tech Ltd", owner: north)
            let customer = try await repos.customer("Moon Tech Ltd", owner: north)
            var fields = customer.fields
            fields.name = "STAR  TECH LTD"
            fields.notes = "changed"
            await expectConflict { try await repos.customers.update(id: customer.id, fields, restartTracking: false, at: t0 + day) }
            #expect(try await repos.customers.customer(id: customer.id) == customer)
            #expect(try await repos.customers.customer(id: taken.id) == taken)
            // Its own name in another case is no clash.
            fields.name = "MOON TECH LTD"
            try await repos.customers.update(id: customer.id, fields, restartTracking: false, at: t0 + day)
            #expect(try await repos.customers.customer(id: customer.id)?.fields == fields)
        }

        @Test(arguments: Backend.allCases)
        func anImportCreatesEachFreeNameAndGivesNilForATakenOne(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let existing = try await repos.customer("已有客户有限公司", owner: south)
            let rows = [
                CustomerFields(name: "导入一有限公司", texts: [.region: "上海"], importance: 2),
                CustomerFields(name: "已有客户有限公司"),
                CustomerFields(name: "Import Two Ltd", texts: [.website: "two.example.com"], type: .closed),
                CustomerFields(name: "IMPORT TWO LTD"),
            ]
            let ids = try await repos.customers.importCustomers(rows, owner: north.id, at: t0 + hour)
            #expect(ids.count == 4)
            #expect(ids[1] == nil)
            #expect(ids[3] == nil)
            let first = try #require(ids[0])
            let second = try #require(ids[2])
            #expect(
                try await repos.customers.customer(id: first)
                    == Customer(
                        id: first, fields: rows[0], ownerId: north.id, ownerName: "north", trackingSince: t0 + hour, createdBy: north.id,
                        createdAt: t0 + hour, updatedAt: t0 + hour, lastVisitAt: nil))
            #expect(try await repos.customers.customer(id: second)?.fields == rows[2])
            #expect(
                try await repos.customers.history(customer: second) == [
                    OwnershipChange(customerId: second, action: .created, actorId: north.id, fromUserId: nil, toUserId: north.id, at: t0 + hour)
                ])
            #expect(try await repos.customers.customer(id: existing.id) == existing)
            #expect(try await repos.customers.list(CustomerQuery(), count: true).total == 3)
            #expect(try await repos.customers.importCustomers([], owner: north.id, at: t0).isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func similarNamesAreThoseWhoseCoreHoldsTheCoreNewestFirstWithoutTheExactName(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let names = [
                "星辰科技有限公司", "(北京)星辰科技有限公司", "上海星辰科技股份有限公司", "星辰贸易有限公司", "远航科技有限公司", "新星辰科技集团",
                "Star Tech Co., Ltd.", "Startech Inc.", "Star Technology Corp", "Rising Star Tech GmbH", "Star Trek LLC",
            ]
            for (index, name) in names.enumerated() { _ = try await repos.customer(name, owner: north, at: t0 + Double(index) * minute) }

            let key = CustomerName.key("星辰科技有限公司")
            #expect(
                try await repos.customers.similarNames(core: "星辰科技", excludingKey: key, limit: 5) == [
                    "新星辰科技集团", "上海星辰科技股份有限公司", "(北京)星辰科技有限公司",
                ])
            #expect(
                try await repos.customers.similarNames(core: "星辰科技", excludingKey: "nothing", limit: 2) == ["新星辰科技集团", "上海星辰科技股份有限公司"])
            // The core, not the whole name: 科技有限 stands in names, in no core.
            #expect(try await repos.customers.similarNames(core: "科技有限", excludingKey: key, limit: 5).isEmpty)
            #expect(try await repos.customers.similarNames(core: "星辰", excludingKey: key, limit: 10).count == 4)
            #expect(try await repos.customers.similarNames(core: "无此公司", excludingKey: key, limit: 5).isEmpty)
        }

        /// A core drops the spaces of its name (docs/customers.md, similar names): the core of
        /// Rising Star Tech GmbH is risingstartech, which holds startech.
        @Test(arguments: Backend.allCases)
        func similarNamesFindCoresThatJoinTheWordsTheirNamesKeepApart(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let names = ["Star Tech Co., Ltd.", "Startech Inc.", "Star Technology Corp", "Rising Star Tech GmbH", "Star Trek LLC", "星辰 科技有限公司"]
            for (index, name) in names.enumerated() { _ = try await repos.customer(name, owner: north, at: t0 + Double(index) * minute) }
            let startech = try await repos.customers.similarNames(core: "startech", excludingKey: CustomerName.key(names[0]), limit: 5)
            let xingchen = try await repos.customers.similarNames(core: "星辰科技", excludingKey: "", limit: 5)
            // Both stores look names up by the pairs of their folded text, where "r t" holds no "rt".
            withKnownIssue("similar names miss cores joined across a space") {
                #expect(startech == ["Rising Star Tech GmbH", "Star Technology Corp", "Startech Inc."])
                #expect(xingchen == ["星辰 科技有限公司"])
            }
        }
    }
}
