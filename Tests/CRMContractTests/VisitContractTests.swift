import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// Visit records, the last visit they keep, and visits done from plans.
    @Suite struct VisitTests {
        @Test(arguments: Backend.allCases)
        func aVisitIsStoredWholeWithItsCustomersAndAuthorsNames(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let customer = try await repos.customer("星辰科技有限公司", owner: south)
            let contact = try await repos.customers.createContact(Contact(id: 0, customerId: customer.id, name: "张三"))
            let visit = try await repos.visits.create(
                Visit(
                    id: 0, customerId: customer.id, userId: north.id, visitedAt: t0 + hour, method: .wechat, contactId: contact.id,
                    content: "介绍新产品\n反馈良好", nextStep: "下周报价", planId: nil, createdAt: t0 + 2 * hour))
            #expect(
                visit
                    == Visit(
                        id: visit.id, customerId: customer.id, customerName: "星辰科技有限公司", userId: north.id, userName: "north",
                        visitedAt: t0 + hour, method: .wechat, contactId: contact.id, content: "介绍新产品\n反馈良好", nextStep: "下周报价",
                        planId: nil, createdAt: t0 + 2 * hour))
            let read = try #require(try await repos.visits.visit(id: visit.id))
            #expect(read.visit == visit)
            #expect(read.customerOwner == south.id)
            #expect(try await repos.visits.visit(id: visit.id + 1000) == nil)
        }

        @Test(arguments: Backend.allCases)
        func theLastVisitIsTheLatestVisitWhateverOrderVisitsAreLoggedEditedOrDeletedIn(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let other = try await repos.customer("远航物流有限公司", owner: north)
            func last() async throws -> Date? { try await repos.customers.customer(id: customer.id)?.lastVisitAt }

            let middle = try await repos.visit(customer, by: north, at: t0 + 5 * day)
            #expect(try await last() == t0 + 5 * day)
            let early = try await repos.visit(customer, by: north, at: t0 + day)
            #expect(try await last() == t0 + 5 * day, "an older visit does not move it back")
            var late = try await repos.visit(customer, by: north, at: t0 + 9 * day)
            #expect(try await last() == t0 + 9 * day)
            #expect(try await repos.customers.customer(id: other.id)?.lastVisitAt == nil)

            late.visitedAt = t0 + 3 * day
            try await repos.visits.update(late)
            #expect(try await last() == t0 + 5 * day, "an edit moves it back to the latest")
            try await repos.visits.delete(id: middle.id)
            #expect(try await last() == t0 + 3 * day)
            try await repos.visits.delete(id: late.id)
            try await repos.visits.delete(id: early.id)
            #expect(try await last() == nil, "no visits, no last visit")
            try await repos.visits.delete(id: early.id)
        }

        @Test(arguments: Backend.allCases)
        func anUpdateChangesTimeMethodContactContentAndNextStep(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let contact = try await repos.customers.createContact(Contact(id: 0, customerId: customer.id, name: "张三"))
            let visit = try await repos.visit(customer, by: north, at: t0 + hour)
            var changed = visit
            changed.visitedAt = t0 + 2 * hour
            changed.method = .email
            changed.contactId = contact.id
            changed.content = "发送报价单"
            changed.nextStep = "等待回复"
            try await repos.visits.update(changed)
            #expect(try await repos.visits.visit(id: visit.id)?.visit == changed)
            changed.contactId = nil
            changed.nextStep = nil
            try await repos.visits.update(changed)
            #expect(try await repos.visits.visit(id: visit.id)?.visit == changed)
        }

        @Test(arguments: Backend.allCases)
        func aVisitFromAPlanMarksItDoneAndLinksItAndAPlanNoLongerPendingRefusesTheVisitWhole(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let plan = try await repos.plan(customer, by: north, at: t0 + day)
            let visit = try await repos.visit(customer, by: north, at: t0 + day, plan: plan.id)
            #expect(visit.planId == plan.id)
            var done = plan
            done.status = .done
            done.visitId = visit.id
            #expect(try await repos.visits.plan(id: plan.id) == done)

            await expectConflict("done already") { try await repos.visit(customer, by: north, at: t0 + 2 * day, plan: plan.id) }
            let cancelled = try await repos.plan(customer, by: north, at: t0 + 3 * day)
            var cancelling = cancelled
            cancelling.status = .cancelled
            try await repos.visits.updatePlan(cancelling)
            await expectConflict("cancelled") { try await repos.visit(customer, by: north, at: t0 + 4 * day, plan: cancelled.id) }
            // Nothing of the refused visits was written.
            #expect(try await repos.visits.visits(VisitQuery(), authors: .any, orOwner: nil).map(\.id) == [visit.id])
            #expect(try await repos.customers.customer(id: customer.id)?.lastVisitAt == t0 + day)
            #expect(try await repos.visits.plan(id: cancelled.id) == cancelling)
        }

        @Test(arguments: Backend.allCases)
        func ofFiveSimultaneousVisitsFromOnePlanExactlyOneIsLogged(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let plan = try await repos.plan(customer, by: north, at: t0 + day)
            let outcomes = await withTaskGroup(of: Bool?.self) { group in
                for index in 0..<5 {
                    group.addTask {
                        do {
                            _ = try await repos.visit(customer, by: north, at: t0 + Double(index) * hour, plan: plan.id)
                            return true
                        } catch {
                            return isConflict(error) ? false : nil
                        }
                    }
                }
                return await group.reduce(into: [Bool?]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == true }.count == 1)
            #expect(outcomes.filter { $0 == false }.count == 4, "the others are conflicts")
            let visits = try await repos.visits.visits(VisitQuery(), authors: .any, orOwner: nil)
            #expect(visits.count == 1)
            #expect(try await repos.visits.plan(id: plan.id)?.visitId == visits.first?.id)
            #expect(try await repos.customers.customer(id: customer.id)?.lastVisitAt == visits.first?.visitedAt)
        }

        @Test(arguments: Backend.allCases)
        func deletingAVisitLeavesItsPlanDoneAndUnlinkedAndDeletingAPlanLeavesItsVisit(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let first = try await repos.plan(customer, by: north, at: t0 + day)
            let firstVisit = try await repos.visit(customer, by: north, at: t0 + day, plan: first.id)
            try await repos.visits.delete(id: firstVisit.id)
            let unlinked = try #require(try await repos.visits.plan(id: first.id))
            #expect(unlinked.status == .done && unlinked.visitId == nil)

            let second = try await repos.plan(customer, by: north, at: t0 + 2 * day)
            let secondVisit = try await repos.visit(customer, by: north, at: t0 + 2 * day, plan: second.id)
            try await repos.visits.deletePlan(id: second.id)
            try await repos.visits.deletePlan(id: second.id)
            #expect(try await repos.visits.plan(id: second.id) == nil)
            let kept = try #require(try await repos.visits.visit(id: secondVisit.id)?.visit)
            #expect(kept.planId == nil)
            #expect(kept.content == secondVisit.content)
        }
    }
}
