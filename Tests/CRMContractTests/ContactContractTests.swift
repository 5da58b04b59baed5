import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// A customer's contacts: one primary at most, listed primary first, then in the order added.
    @Suite struct ContactTests {
        @Test(arguments: Backend.allCases)
        func contactsAreSavedWholeAndListedPrimaryFirstThenInTheOrderAdded(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let other = try await repos.customer("远航物流有限公司", owner: north)
            let zhang = try await repos.customers.createContact(
                Contact(
                    id: 0, customerId: customer.id, name: "张三", title: "采购经理", phone: "010-1234", mobile: "13800000000",
                    email: "zhang@example.com", wechat: "zhangsan", notes: "周一不在\n周二可约", primary: false))
            #expect(zhang.id != 0)
            #expect(try await repos.customers.contact(id: zhang.id) == zhang)
            let li = try await repos.customers.createContact(Contact(id: 0, customerId: customer.id, name: "李四"))
            let wang = try await repos.customers.createContact(Contact(id: 0, customerId: customer.id, name: "王五", primary: true))
            let elsewhere = try await repos.customers.createContact(Contact(id: 0, customerId: other.id, name: "赵六", primary: true))
            #expect(try await repos.customers.contacts(customer: customer.id) == [wang, zhang, li])
            #expect(try await repos.customers.contacts(customer: other.id) == [elsewhere])
            #expect(try await repos.customers.contact(id: elsewhere.id + 1000) == nil)
            #expect(try await repos.customers.contacts(customer: other.id + 1000).isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func markingAContactPrimaryUnmarksTheOthersOfItsCustomerOnly(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let other = try await repos.customer("远航物流有限公司", owner: north)
            var first = try await repos.customers.createContact(Contact(id: 0, customerId: customer.id, name: "一", primary: true))
            var second = try await repos.customers.createContact(Contact(id: 0, customerId: customer.id, name: "二", primary: true))
            let elsewhere = try await repos.customers.createContact(Contact(id: 0, customerId: other.id, name: "外", primary: true))
            first.primary = false
            #expect(try await repos.customers.contacts(customer: customer.id) == [second, first])

            first.primary = true
            first.name = "一号"
            first.email = "one@example.com"
            try await repos.customers.updateContact(first)
            second.primary = false
            #expect(try await repos.customers.contacts(customer: customer.id) == [first, second])
            #expect(try await repos.customers.contact(id: elsewhere.id)?.primary == true)

            first.primary = false
            first.email = nil
            try await repos.customers.updateContact(first)
            #expect(try await repos.customers.contacts(customer: customer.id) == [first, second])
        }

        @Test(arguments: Backend.allCases)
        func aDeletedContactIsGoneAndItsVisitsStay(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            let contact = try await repos.customers.createContact(Contact(id: 0, customerId: customer.id, name: "张三"))
            let kept = try await repos.customers.createContact(Contact(id: 0, customerId: customer.id, name: "李四"))
            let visit = try await repos.visits.create(
                Visit(
                    id: 0, customerId: customer.id, userId: north.id, visitedAt: t0 + hour, method: .phone, contactId: contact.id,
                    content: "电话", nextStep: nil, planId: nil, createdAt: t0 + hour))
            #expect(visit.contactId == contact.id)
            try await repos.customers.deleteContact(id: contact.id)
            try await repos.customers.deleteContact(id: contact.id + 1000)
            #expect(try await repos.customers.contact(id: contact.id) == nil)
            #expect(try await repos.customers.contacts(customer: customer.id) == [kept])
            let stayed = try #require(try await repos.visits.visit(id: visit.id)?.visit)
            #expect(stayed.contactId == nil)
            #expect(stayed.content == "电话")
        }
    }
}
