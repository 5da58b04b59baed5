import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// The bulk loader behind `crm seed-demo`, with the fields the seeder fills.
    @Suite struct DemoLoaderTests {
        @Test(arguments: Backend.allCases)
        func loadedCustomersContactsVisitsAndPlansReadAsIfAddedOneByOne(_ backend: Backend) async throws {
            let (repos, loader) = try await backend.makeStore()
            #expect(try await loader.isEmpty())
            let north = try await repos.user("north")
            #expect(try await loader.isEmpty(), "users are no customers")

            let rows: [(fields: CustomerFields, owner: UserID?, createdAt: Date, trackingSince: Date?)] = (0..<6).map { index in
                var fields = DemoData.company(index)
                if index == 4 { fields.type = .closed }
                return (fields, index == 5 ? nil : north.id, t0 + Double(index) * hour, index == 5 ? nil : t0 + Double(index) * day)
            }
            let ids = try await loader.insertCustomers(rows)
            #expect(ids.count == rows.count && Set(ids).count == rows.count)
            #expect(try await loader.isEmpty() == false)
            for (row, id) in zip(rows, ids) {
                let customer = try #require(try await repos.customers.customer(id: id))
                #expect(customer.fields == row.fields)
                #expect(customer.ownerId == row.owner)
                #expect(customer.createdAt == row.createdAt)
                #expect(customer.trackingSince == row.trackingSince)
                #expect(customer.lastVisitAt == nil)
                #expect(try await repos.customers.customer(nameKey: CustomerName.key(row.fields.name))?.id == id)
            }
            // Loaded customers are listed and counted like any others.
            var pool = CustomerQuery()
            pool.owners = .publicOnly
            #expect(try await repos.customers.walk(pool, total: 1).map(\.id) == [ids[5]])
            var theirs = CustomerQuery()
            theirs.owners = .owners([north.id])
            #expect(try await repos.customers.list(theirs, count: true).total == 5)
            #expect(try await repos.customers.releaseExpired(trackingBefore: t0 + 2 * day, at: t0 + 30 * day, dryRun: true) { _ in } == 2)

            try await loader.insertContacts([
                Contact(id: 0, customerId: ids[0], name: "王芳", title: "采购经理", mobile: "13800000000", primary: true)
            ])
            let contacts = try await repos.customers.contacts(customer: ids[0])
            #expect(contacts.map(\.name) == ["王芳"])
            #expect(contacts.first?.title == "采购经理" && contacts.first?.mobile == "13800000000" && contacts.first?.primary == true)

            func visit(_ customer: Int, at: Date) -> Visit {
                Visit(
                    id: 0, customerId: ids[customer], userId: north.id, visitedAt: at, method: .phone, contactId: nil, content: "介绍新产品",
                    nextStep: "下周再联系", planId: nil, createdAt: at)
            }
            try await loader.insertVisits([visit(0, at: t0 + 3 * day), visit(0, at: t0 + 5 * day), visit(1, at: t0 + day)])
            try await loader.insertPlans([
                Plan(
                    id: 0, customerId: ids[1], userId: north.id, plannedAt: t0 + 8 * day, subject: "商谈报价", notes: nil, status: .pending,
                    visitId: nil, createdAt: t0)
            ])
            try await loader.finish()
            // Finished, they are searched like any others too.
            var search = CustomerQuery()
            search.keyword = CustomerName.fold(rows[3].fields.name)
            #expect(try await repos.customers.walk(search, total: 1).map(\.id) == [ids[3]])
            search.keyword = CustomerName.fold(String(rows[2].fields.address!.suffix(4)))
            #expect(try await repos.customers.walk(search).map(\.id).contains(ids[2]))
            search.keyword = "王芳"
            #expect(try await repos.customers.walk(search).isEmpty, "contacts are not searched")
            #expect(try await repos.customers.customer(id: ids[0])?.lastVisitAt == t0 + 5 * day)
            #expect(try await repos.customers.customer(id: ids[1])?.lastVisitAt == t0 + day)
            #expect(try await repos.customers.customer(id: ids[2])?.lastVisitAt == nil)
            let visits = try await repos.visits.visits(VisitQuery(), authors: .owners([north.id]), orOwner: nil)
            #expect(visits.map(\.visitedAt) == [t0 + 5 * day, t0 + 3 * day, t0 + day])
            #expect(visits.allSatisfy { $0.content == "介绍新产品" && $0.nextStep == "下周再联系" && $0.method == .phone })
            let plans = try await repos.visits.plans(PlanQuery(), authors: .any)
            #expect(plans.map(\.subject) == ["商谈报价"])
            #expect(plans.first?.customerId == ids[1] && plans.first?.status == .pending && plans.first?.plannedAt == t0 + 8 * day)
        }
    }
}
