import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// Moves between owners and the pool, deleting, the history and audit log, and the sweep.
    @Suite struct OwnershipTests {
        @Test(arguments: Backend.allCases)
        func aTransferMovesOnlyTheCustomersWhoseOwnerIsStillAsExpectedAndLogsEach(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let manager = try await repos.user("manager")
            let a = try await repos.customer("甲公司", owner: north)
            let b = try await repos.customer("乙公司", owner: north)
            let c = try await repos.customer("丙公司", owner: south)
            let moved = try await repos.customers.transfer(
                [
                    OwnerExpectation(id: a.id, owner: north.id), OwnerExpectation(id: b.id, owner: south.id),
                    OwnerExpectation(id: c.id, owner: south.id), OwnerExpectation(id: c.id + 1000, owner: north.id),
                ], to: manager.id, action: .assigned, actor: manager.id, at: t0 + day)
            #expect(moved == [a.id, c.id])
            for customer in [a, c] {
                let now = try #require(try await repos.customers.customer(id: customer.id))
                #expect(now.ownerId == manager.id)
                #expect(now.ownerName == "manager")
                #expect(now.trackingSince == t0 + day, "an assignment restarts protection")
                #expect(now.createdBy == customer.createdBy && now.createdAt == customer.createdAt && now.fields == customer.fields)
                #expect(
                    try await repos.customers.history(customer: customer.id).last
                        == OwnershipChange(
                            customerId: customer.id, action: .assigned, actorId: manager.id, fromUserId: customer.ownerId, toUserId: manager.id,
                            at: t0 + day))
            }
            #expect(try await repos.customers.customer(id: b.id)?.ownerId == north.id)
            #expect(try await repos.customers.history(customer: b.id).count == 1)
            #expect(try await repos.customers.transfer([], to: nil, action: .released, actor: north.id, at: t0).isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func aReleaseEndsProtectionAndAClaimStartsItWithTheWholeStoryInTheHistory(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let customer = try await repos.customer("星辰科技有限公司", owner: north)
            #expect(
                try await repos.customers.transfer(
                    [OwnerExpectation(id: customer.id, owner: north.id)], to: nil, action: .released, actor: north.id, at: t0 + day)
                    == [customer.id])
            let released = try #require(try await repos.customers.customer(id: customer.id))
            #expect(released.ownerId == nil && released.ownerName == nil && released.trackingSince == nil)
            // Releasing again expects an owner it no longer has.
            #expect(
                try await repos.customers.transfer(
                    [OwnerExpectation(id: customer.id, owner: north.id)], to: nil, action: .released, actor: north.id, at: t0 + 2 * day)
                    .isEmpty)
            #expect(
                try await repos.customers.transfer(
                    [OwnerExpectation(id: customer.id, owner: nil)], to: south.id, action: .claimed, actor: south.id, at: t0 + 3 * day)
                    == [customer.id])
            #expect(try await repos.customers.customer(id: customer.id)?.trackingSince == t0 + 3 * day)
            #expect(
                try await repos.customers.transfer(
                    [OwnerExpectation(id: customer.id, owner: south.id)], to: south.id, action: .assigned, actor: nil, at: t0 + 4 * day)
                    == [customer.id], "assigning to the owner it has is a move like any other")
            #expect(try await repos.customers.customer(id: customer.id)?.trackingSince == t0 + 4 * day)
            #expect(
                try await repos.customers.history(customer: customer.id) == [
                    OwnershipChange(customerId: customer.id, action: .created, actorId: north.id, fromUserId: nil, toUserId: north.id, at: t0),
                    OwnershipChange(
                        customerId: customer.id, action: .released, actorId: north.id, fromUserId: north.id, toUserId: nil, at: t0 + day),
                    OwnershipChange(
                        customerId: customer.id, action: .claimed, actorId: south.id, fromUserId: nil, toUserId: south.id, at: t0 + 3 * day),
                    OwnershipChange(
                        customerId: customer.id, action: .assigned, actorId: nil, fromUserId: south.id, toUserId: south.id, at: t0 + 4 * day),
                ])
            #expect(try await repos.customers.history(customer: customer.id + 1000).isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func ofTenSimultaneousClaimsOfOnePublicCustomerExactlyOneSucceeds(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            var users: [User] = []
            for index in 0..<10 { users.append(try await repos.user("seller\(index)")) }
            let customer = try await repos.customer("抢手客户有限公司", owner: users[0])
            _ = try await repos.customers.transfer(
                [OwnerExpectation(id: customer.id, owner: users[0].id)], to: nil, action: .released, actor: users[0].id, at: t0 + day)
            let winners = try await withThrowingTaskGroup(of: UserID?.self) { group in
                for user in users {
                    group.addTask {
                        let moved = try await repos.customers.transfer(
                            [OwnerExpectation(id: customer.id, owner: nil)], to: user.id, action: .claimed, actor: user.id, at: t0 + 2 * day)
                        return moved.isEmpty ? nil : user.id
                    }
                }
                return try await group.reduce(into: [UserID]()) { if let id = $1 { $0.append(id) } }
            }
            #expect(winners.count == 1)
            #expect(try await repos.customers.customer(id: customer.id)?.ownerId == winners.first)
            #expect(try await repos.customers.history(customer: customer.id).filter { $0.action == .claimed }.count == 1)
        }

        @Test(arguments: Backend.allCases)
        func aDeleteTakesOnlyCustomersWhoseOwnerIsAsExpectedWithEverythingOfThemAndIsAudited(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let admin = try await repos.user("admin")
            let shell = try await repos.customer("空壳公司", owner: north)
            let kept = try await repos.customer("保留公司", owner: north)
            let contact = try await repos.customers.createContact(Contact(id: 0, customerId: shell.id, name: "张三", primary: true))
            let visit = try await repos.visit(shell, by: north, at: t0 + hour)
            let plan = try await repos.plan(shell, by: north, at: t0 + day)
            let keptVisit = try await repos.visit(kept, by: north, at: t0 + hour)

            let deleted = try await repos.customers.delete(
                [OwnerExpectation(id: shell.id, owner: north.id), OwnerExpectation(id: kept.id, owner: nil)], actor: admin.id, at: t0 + 2 * day)
            #expect(deleted == [shell.id])
            #expect(try await repos.customers.customer(id: shell.id) == nil)
            #expect(try await repos.customers.customer(nameKey: "空壳公司") == nil)
            #expect(try await repos.customers.contact(id: contact.id) == nil)
            #expect(try await repos.customers.contacts(customer: shell.id).isEmpty)
            #expect(try await repos.customers.history(customer: shell.id).isEmpty)
            #expect(try await repos.visits.visit(id: visit.id) == nil)
            #expect(try await repos.visits.plan(id: plan.id) == nil)
            #expect(try await repos.visits.visits(VisitQuery(), authors: .any, orOwner: nil).map(\.id) == [keptVisit.id])
            var all = CustomerQuery()
            all.keyword = "公司"
            #expect(try await repos.customers.walk(all, total: 1).map(\.id) == [kept.id])
            // The name is free again.
            _ = try await repos.customer("空壳公司", owner: north)

            #expect(try await repos.customers.customer(id: kept.id) != nil)
            #expect(
                try await repos.customers.auditLog(after: nil, limit: 10).map { [$0.action, $0.subject] } == [
                    ["customer.deleted", "\(shell.id) 空壳公司"]
                ])
            let entry = try #require(try await repos.customers.auditLog(after: nil, limit: 10).first)
            #expect(entry.actorId == admin.id && entry.at == t0 + 2 * day)
            #expect(try await repos.customers.delete([], actor: admin.id, at: t0).isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func theAuditLogIsReadInTheOrderOfDeletionsPageByPage(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            var names: [String] = []
            for index in 0..<5 {
                let customer = try await repos.customer("待删\(index)", owner: north)
                names.append("\(customer.id) 待删\(index)")
            }
            // Deleted in another order than they were made.
            for index in [3, 0, 4, 1, 2] {
                let id = CustomerID(names[index].split(separator: " ")[0])!
                _ = try await repos.customers.delete([OwnerExpectation(id: id, owner: north.id)], actor: north.id, at: t0 + Double(index) * hour)
            }
            let listed = try await pages(limit: 2) { last in try await repos.customers.auditLog(after: last?.id, limit: 2) }
            #expect(listed.map(\.count) == [2, 2, 1])
            #expect(listed.flatMap { $0 }.map(\.subject) == [3, 0, 4, 1, 2].map { names[$0] })
            #expect(try await repos.customers.auditLog(after: listed.last?.last?.id, limit: 2).isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func theSweepReleasesExactlyTheOpenOwnedCustomersTrackedBeforeTheCutoffOnce(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let cutoff = t0 + 10 * day
            // Created in an order unlike their tracking's.
            let recent = try await repos.customer("新近客户", owner: north, at: cutoff + hour)
            let due1 = try await repos.customer("到期一", owner: south, at: t0 + 2 * day)
            let atCutoff = try await repos.customer("恰在截止", owner: north, at: cutoff)
            let closed = try await repos.customers.create(CustomerFields(name: "已成交", type: .closed), owner: north.id, at: t0)
            let due2 = try await repos.customer("到期二", owner: north, at: t0)
            let pool = try await repos.customer("公共客户", owner: north, at: t0)
            _ = try await repos.customers.transfer(
                [OwnerExpectation(id: pool.id, owner: north.id)], to: nil, action: .released, actor: north.id, at: t0 + hour)
            let reopened = try await repos.customer("重新跟进", owner: south, at: t0)
            try await repos.customers.update(id: reopened.id, reopened.fields, restartTracking: true, at: cutoff + minute)
            let claimed = try await repos.customer("刚领取", owner: south, at: t0)
            _ = try await repos.customers.transfer(
                [OwnerExpectation(id: claimed.id, owner: south.id)], to: north.id, action: .assigned, actor: south.id, at: cutoff + day)

            let due = [due1, due2].sorted { $0.id < $1.id }
            var seen: [[Customer]] = []
            let found = try await repos.customers.releaseExpired(trackingBefore: cutoff, at: cutoff + 2 * day, dryRun: true) { seen.append($0) }
            #expect(found == 2)
            #expect(seen.flatMap { $0 } == due, "a dry run sees each due customer as it is")
            for customer in [due1, due2] {
                #expect(try await repos.customers.customer(id: customer.id) == customer, "a dry run changes nothing")
                #expect(try await repos.customers.history(customer: customer.id).count == 1)
            }

            seen = []
            let released = try await repos.customers.releaseExpired(trackingBefore: cutoff, at: cutoff + 2 * day, dryRun: false) {
                seen.append($0)
            }
            #expect(released == 2)
            #expect(seen.flatMap { $0 } == due, "each batch as it was before the release, in id order")
            for customer in due {
                let now = try #require(try await repos.customers.customer(id: customer.id))
                #expect(now.ownerId == nil && now.ownerName == nil && now.trackingSince == nil)
                #expect(now.fields == customer.fields && now.createdAt == customer.createdAt)
                #expect(
                    try await repos.customers.history(customer: customer.id).last
                        == OwnershipChange(
                            customerId: customer.id, action: .autoReleased, actorId: nil, fromUserId: customer.ownerId, toUserId: nil,
                            at: cutoff + 2 * day))
            }
            for customer in [recent, atCutoff, closed] {
                #expect(try await repos.customers.customer(id: customer.id) == customer, "\(customer.fields.name) stays")
            }
            #expect(try await repos.customers.customer(id: reopened.id)?.ownerId == south.id)
            #expect(try await repos.customers.customer(id: claimed.id)?.ownerId == north.id)
            #expect(try await repos.customers.history(customer: pool.id).map(\.action) == [.created, .released])

            var calls = 0
            #expect(try await repos.customers.releaseExpired(trackingBefore: cutoff, at: cutoff + 3 * day, dryRun: false) { _ in calls += 1 } == 0)
            #expect(calls == 0, "no batch, no call")
            var pool2 = CustomerQuery()
            pool2.owners = .publicOnly
            pool2.sort = .oldest
            #expect(try await repos.customers.walk(pool2, total: 3).map(\.id) == [due1.id, due2.id, pool.id].sorted())
        }

        @Test(arguments: Backend.allCases)
        func aSweepOfAnEmptyStoreReleasesNothing(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            #expect(try await repos.customers.releaseExpired(trackingBefore: t0, at: t0, dryRun: false) { _ in } == 0)
            #expect(try await repos.customers.releaseExpired(trackingBefore: t0, at: t0, dryRun: true) { _ in } == 0)
        }
    }
}
