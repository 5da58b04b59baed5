import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// Lists of visits (newest first) and plans (soonest first): filters and paging. A page holds
    /// `limit` rows unless the list ends there.
    @Suite struct VisitListTests {
        /// Three authors' visits to four customers (north's, south's, east's and a public one) by every
        /// method, some at one moment, and their plans.
        struct Diary {
            let repos: Repositories
            let north: User
            let south: User
            let east: User
            let customers: [Customer]
            let visits: [Visit]
            let plans: [Plan]

            static func make(_ backend: Backend) async throws -> Diary {
                let repos = try await backend.makeRepositories()
                let north = try await repos.user("north")
                let south = try await repos.user("south")
                let east = try await repos.user("east")
                let users = [north, south, east]
                var customers = [
                    try await repos.customer("甲公司", owner: north), try await repos.customer("乙公司", owner: south),
                    try await repos.customer("丙公司", owner: east), try await repos.customer("丁公司", owner: north),
                ]
                _ = try await repos.customers.transfer(
                    [OwnerExpectation(id: customers[3].id, owner: north.id)], to: nil, action: .released, actor: north.id, at: t0)
                customers[3].ownerId = nil
                var visits: [Visit] = []
                var plans: [Plan] = []
                for index in 0..<18 {
                    // Times repeat: index 6 and 7 share one, 12, 13 and 14 another.
                    let time = t0 + Double([0, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11, 11, 11, 12, 13, 14][index]) * 7 * hour
                    let author = users[(index * 7) % 3]
                    let customer = customers[(index * 5) % 4]
                    // Every other visit has a plan: a third of them done by it, a third cancelled.
                    var plan: Plan?
                    if index % 2 == 0 {
                        plan = try await repos.plan(customer, by: author, at: t0 + Double([3, 1, 4, 1, 5, 9, 2, 6, 5][index / 2]) * day)
                    }
                    visits.append(
                        try await repos.visit(
                            customer, by: author, at: time, method: VisitMethod.allCases[index % 5], plan: index % 6 == 0 ? plan?.id : nil))
                    if var plan {
                        if index % 6 == 4 {
                            plan.status = .cancelled
                            try await repos.visits.updatePlan(plan)
                        }
                        plans.append(try #require(try await repos.visits.plan(id: plan.id)))
                    }
                }
                return Diary(repos: repos, north: north, south: south, east: east, customers: customers, visits: visits, plans: plans)
            }

            func owner(of visit: Visit) -> UserID? { customers.first { $0.id == visit.customerId }?.ownerId }

            func expected(_ query: VisitQuery, authors: OwnerFilter, orOwner: UserID?) -> [Visit] {
                visits.filter { visit in
                    (admits(authors, visit.userId) || (orOwner != nil && owner(of: visit) == orOwner))
                        && (query.customerId.map { visit.customerId == $0 } ?? true) && (query.from.map { visit.visitedAt >= $0 } ?? true)
                        && (query.to.map { visit.visitedAt < $0 } ?? true) && (query.method.map { visit.method == $0 } ?? true)
                }.sorted { ($0.visitedAt, $0.id) > ($1.visitedAt, $1.id) }
            }

            func walk(_ query: VisitQuery, authors: OwnerFilter, orOwner: UserID?) async throws -> [Visit] {
                try await pages(limit: query.limit) { last in
                    var query = query
                    query.after = last.map { ($0.visitedAt, $0.id) }
                    return try await repos.visits.visits(query, authors: authors, orOwner: orOwner)
                }.flatMap { $0 }
            }

            func expectedPlans(_ query: PlanQuery, authors: OwnerFilter) -> [Plan] {
                plans.filter { plan in
                    admits(authors, plan.userId) && (query.status.map { plan.status == $0 } ?? true) && (query.from.map { plan.plannedAt >= $0 } ?? true)
                        && (query.to.map { plan.plannedAt < $0 } ?? true) && (query.customerId.map { plan.customerId == $0 } ?? true)
                }.sorted { ($0.plannedAt, $0.id) < ($1.plannedAt, $1.id) }
            }

            func walkPlans(_ query: PlanQuery, authors: OwnerFilter) async throws -> [Plan] {
                try await pages(limit: query.limit) { last in
                    var query = query
                    query.after = last.map { ($0.plannedAt, $0.id) }
                    return try await repos.visits.plans(query, authors: authors)
                }.flatMap { $0 }
            }
        }

        @Test(arguments: Backend.allCases)
        func visitsAreListedNewestFirstByAuthorsOrTheCustomersOwnerPageByPage(_ backend: Backend) async throws {
            let diary = try await Diary.make(backend)
            let (north, south, east) = (diary.north.id, diary.south.id, diary.east.id)
            let cases: [(OwnerFilter, UserID?)] = [
                (.any, nil), (.any, north), (.owners([north]), nil), (.owners([north]), north), (.owners([south]), north),
                (.owners([south, east]), nil), (.owners([south, east]), east), (.owners([]), south), (.owners([]), nil),
            ]
            for (authors, orOwner) in cases {
                for limit in [1, 4, 50] {
                    let query = VisitQuery(limit: limit)
                    let want = diary.expected(query, authors: authors, orOwner: orOwner)
                    let got = try await diary.walk(query, authors: authors, orOwner: orOwner)
                    #expect(got.map(\.id) == want.map(\.id), "\(authors) or owner \(orOwner.map(String.init) ?? "none"), limit \(limit)")
                }
            }
            // The visits come as they are read one by one.
            let all = try await diary.repos.visits.visits(VisitQuery(limit: 50), authors: .any, orOwner: nil)
            for visit in all { #expect(try await diary.repos.visits.visit(id: visit.id)?.visit == visit) }
            #expect(Set(all.map(\.id)) == Set(diary.visits.map(\.id)))
        }

        @Test(arguments: Backend.allCases)
        func visitsAreFilteredByCustomerTimeAndMethod(_ backend: Backend) async throws {
            let diary = try await Diary.make(backend)
            var queries: [(String, VisitQuery)] = []
            func add(_ label: String, _ change: (inout VisitQuery) -> Void) {
                var query = VisitQuery(limit: 3)
                change(&query)
                queries.append((label, query))
            }
            add("customer") { $0.customerId = diary.customers[1].id }
            add("public customer") { $0.customerId = diary.customers[3].id }
            add("from, inclusive") { $0.from = diary.visits[6].visitedAt }
            add("to, exclusive") { $0.to = diary.visits[12].visitedAt }
            add("a range") { ($0.from, $0.to) = (diary.visits[6].visitedAt, diary.visits[12].visitedAt) }
            for method in VisitMethod.allCases { add("\(method)") { $0.method = method } }
            add("everything at once") {
                $0.customerId = diary.customers[0].id
                $0.from = t0
                $0.to = t0 + 100 * day
                $0.method = .visit
            }
            for (label, query) in queries {
                for (authors, orOwner) in [(OwnerFilter.any, UserID?.none), (.owners([diary.south.id]), diary.north.id)] {
                    let want = diary.expected(query, authors: authors, orOwner: orOwner)
                    let got = try await diary.walk(query, authors: authors, orOwner: orOwner)
                    #expect(got.map(\.id) == want.map(\.id), "\(label), \(authors)")
                }
                #expect(!diary.expected(query, authors: .any, orOwner: nil).isEmpty, "\(label) keeps something")
            }
        }

        @Test(arguments: Backend.allCases)
        func theOwnersViewFollowsTheCustomerWhenItChangesHands(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let east = try await repos.user("east")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let visit = try await repos.visit(customer, by: east, at: t0 + hour)
            #expect(try await repos.visits.visits(VisitQuery(), authors: .owners([north.id]), orOwner: north.id).map(\.id) == [visit.id])
            _ = try await repos.customers.transfer(
                [OwnerExpectation(id: customer.id, owner: north.id)], to: south.id, action: .assigned, actor: north.id, at: t0 + day)
            #expect(try await repos.visits.visits(VisitQuery(), authors: .owners([north.id]), orOwner: north.id).isEmpty)
            #expect(try await repos.visits.visits(VisitQuery(), authors: .owners([south.id]), orOwner: south.id).map(\.id) == [visit.id])
            #expect(try await repos.visits.visit(id: visit.id)?.customerOwner == south.id)
        }

        @Test(arguments: Backend.allCases)
        func plansAreListedSoonestFirstFilteredAndPageByPage(_ backend: Backend) async throws {
            let diary = try await Diary.make(backend)
            let (north, south) = (diary.north.id, diary.south.id)
            var queries: [(String, PlanQuery)] = []
            func add(_ label: String, _ change: (inout PlanQuery) -> Void) {
                var query = PlanQuery()
                change(&query)
                queries.append((label, query))
            }
            add("all") { _ in }
            for status in PlanStatus.allCases { add("\(status)") { $0.status = status } }
            add("from, inclusive") { $0.from = t0 + 4 * day }
            add("to, exclusive") { $0.to = t0 + 4 * day }
            add("customer") { $0.customerId = diary.customers[2].id }
            add("everything") {
                $0.status = .pending
                $0.from = t0 + day
                $0.to = t0 + 6 * day
                $0.customerId = diary.customers[0].id
            }
            for (label, query) in queries {
                for authors in [OwnerFilter.any, .owners([north]), .owners([north, south]), .owners([])] {
                    for limit in [1, 3, 50] {
                        var limited = query
                        limited.limit = limit
                        let want = diary.expectedPlans(limited, authors: authors)
                        let got = try await diary.walkPlans(limited, authors: authors)
                        #expect(got.map(\.id) == want.map(\.id), "\(label), \(authors), limit \(limit)")
                    }
                }
            }
            // Every status and both ends of the ranges are in the diary, so the filters above dropped something.
            #expect(Set(diary.plans.map(\.status)) == [.done, .pending, .cancelled])
            let all = try await diary.repos.visits.plans(PlanQuery(), authors: .any)
            for plan in all { #expect(try await diary.repos.visits.plan(id: plan.id) == plan) }
        }

        @Test(arguments: Backend.allCases)
        func aPlanIsStoredWholeWithItsCustomersNameAndUpdated(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let plan = try await repos.visits.createPlan(
                Plan(
                    id: 0, customerId: customer.id, userId: north.id, plannedAt: t0 + day, subject: "商谈报价", notes: "带上样品\n和合同",
                    status: .pending, visitId: nil, createdAt: t0))
            #expect(
                plan
                    == Plan(
                        id: plan.id, customerId: customer.id, customerName: "星辰科技有限公司", userId: north.id, plannedAt: t0 + day,
                        subject: "商谈报价", notes: "带上样品\n和合同", status: .pending, visitId: nil, createdAt: t0))
            #expect(try await repos.visits.plan(id: plan.id) == plan)
            var changed = plan
            changed.plannedAt = t0 + 2 * day
            changed.subject = "确认合同条款"
            changed.notes = nil
            changed.status = .cancelled
            try await repos.visits.updatePlan(changed)
            #expect(try await repos.visits.plan(id: plan.id) == changed)
            changed.status = .pending
            try await repos.visits.updatePlan(changed)
            #expect(try await repos.visits.plan(id: plan.id)?.status == .pending)
            #expect(try await repos.visits.plan(id: plan.id + 1000) == nil)
        }
    }
}
