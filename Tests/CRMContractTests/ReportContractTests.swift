import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// The visit summary and the pool report, by day in a zone with daylight saving time: Berlin's
    /// clocks go from 02:00 to 03:00 on Sunday 29 March 2026, so 22:30 UTC that evening is 00:30 on
    /// the 30th.
    @Suite struct ReportTests {
        static let berlin = TimeZone(identifier: "Europe/Berlin")!
        /// 28 to 31 March 2026 in Berlin: from midnight CET to midnight CEST.
        static let from = time(berlin, 2026, 3, 28, 0)
        static let to = time(berlin, 2026, 4, 1, 0)

        /// Drops the days and methods without any, which a store may list or leave out.
        static func counted<K>(_ counts: [K: Int]) -> [K: Int] { counts.filter { $0.value != 0 } }

        @Test(arguments: Backend.allCases)
        func theSummaryCountsVisitsPerDayInTheZoneAcrossDaylightSavingPerMethodAndPerCustomer(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let east = try await repos.user("east")
            var customers: [Customer] = []
            for name in ["甲公司", "乙公司", "丙公司", "丁公司", "戊公司"] { customers.append(try await repos.customer(name, owner: north)) }
            let (a, b, c, d, e) = (customers[0], customers[1], customers[2], customers[3], customers[4])
            #expect(Self.from == utc(2026, 3, 27, 23) && Self.to == utc(2026, 3, 31, 22), "the zone's offsets as this test expects")

            _ = try await repos.visit(a, by: north, at: Self.from, method: .phone)  // the range's first moment
            _ = try await repos.visit(b, by: south, at: utc(2026, 3, 28, 22, 30))  // 23:30 CET on the 28th
            _ = try await repos.visit(a, by: north, at: utc(2026, 3, 29, 0, 30))  // 01:30 CET on the 29th
            _ = try await repos.visit(c, by: north, at: utc(2026, 3, 29, 1, 30), method: .wechat)  // 03:30 CEST
            let lastOfB = try await repos.visit(b, by: south, at: utc(2026, 3, 29, 21, 30), method: .email)  // 23:30 CEST
            let lastOfC = try await repos.visit(c, by: north, at: utc(2026, 3, 29, 22, 30))  // 00:30 CEST on the 30th
            _ = try await repos.visit(d, by: north, at: utc(2026, 3, 30, 8))
            _ = try await repos.visit(e, by: north, at: utc(2026, 3, 30, 8), method: .phone)
            let lastOfA = try await repos.visit(a, by: south, at: Self.to - minute, method: .other)  // 23:59 CEST on the 31st
            // Outside: before the range, at its end, and by someone else.
            _ = try await repos.visit(a, by: north, at: Self.from - minute)
            _ = try await repos.visit(c, by: north, at: Self.to, method: .phone)
            _ = try await repos.visit(b, by: east, at: utc(2026, 3, 30, 8))

            let summary = try await repos.visits.summary(
                authors: [north.id, south.id], from: Self.from, to: Self.to, timeZone: Self.berlin, customerLimit: 4)
            #expect(
                Self.counted(summary.perDay) == [
                    dayNumber(2026, 3, 28): 2, dayNumber(2026, 3, 29): 3, dayNumber(2026, 3, 30): 3, dayNumber(2026, 3, 31): 1,
                ])
            #expect(Self.counted(summary.byMethod) == [.visit: 4, .phone: 2, .wechat: 1, .email: 1, .other: 1])
            #expect(summary.customersVisited == 5)
            // The most visited first; ties to the most recently visited, then the lower id.
            #expect(
                summary.byCustomer == [
                    CustomerVisits(customerId: a.id, name: "甲公司", visits: 3, lastVisitAt: lastOfA.visitedAt),
                    CustomerVisits(customerId: c.id, name: "丙公司", visits: 2, lastVisitAt: lastOfC.visitedAt),
                    CustomerVisits(customerId: b.id, name: "乙公司", visits: 2, lastVisitAt: lastOfB.visitedAt),
                    CustomerVisits(customerId: d.id, name: "丁公司", visits: 1, lastVisitAt: utc(2026, 3, 30, 8)),
                ])

            let top = try await repos.visits.summary(
                authors: [north.id, south.id], from: Self.from, to: Self.to, timeZone: Self.berlin, customerLimit: 2)
            #expect(top.byCustomer.map(\.customerId) == [a.id, c.id])
            #expect(top.customersVisited == 5, "the limit cuts the list, not the count")

            // The same visits by UTC days.
            let inUTC = try await repos.visits.summary(
                authors: [north.id, south.id], from: Self.from, to: Self.to, timeZone: utcZone, customerLimit: 4)
            #expect(
                Self.counted(inUTC.perDay) == [
                    dayNumber(2026, 3, 27): 1, dayNumber(2026, 3, 28): 1, dayNumber(2026, 3, 29): 4, dayNumber(2026, 3, 30): 2,
                    dayNumber(2026, 3, 31): 1,
                ])

            let theirs = try await repos.visits.summary(
                authors: [east.id], from: Self.from, to: Self.to, timeZone: Self.berlin, customerLimit: 4)
            #expect(Self.counted(theirs.perDay) == [dayNumber(2026, 3, 30): 1])
            #expect(theirs.byCustomer.map(\.customerId) == [b.id] && theirs.customersVisited == 1)
            let nobody = try await repos.visits.summary(authors: [], from: Self.from, to: Self.to, timeZone: Self.berlin, customerLimit: 4)
            #expect(Self.counted(nobody.perDay).isEmpty && Self.counted(nobody.byMethod).isEmpty)
            #expect(nobody.byCustomer.isEmpty && nobody.customersVisited == 0)
        }

        @Test(arguments: Backend.allCases)
        func thePoolReportCountsOwnersThePoolAndReleasesPerDayInTheZoneByWhoseCustomersTheyWere(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let east = try await repos.user("east")
            let recently = utc(2026, 3, 20, 9)
            func add(_ name: String, _ owner: User, at: Date = recently) async throws -> Customer {
                try await repos.customer(name, owner: owner, at: at)
            }
            func release(_ customer: Customer, at: Date) async throws {
                let moved = try await repos.customers.transfer(
                    [OwnerExpectation(id: customer.id, owner: customer.ownerId)], to: nil, action: .released, actor: customer.ownerId, at: at)
                #expect(moved == [customer.id])
            }
            let x = try await add("X", north)
            let y = try await add("Y", south)
            let w = try await add("W", east)
            let v = try await add("V", north)
            let u = try await add("U", north)
            _ = try await add("Z1", north, at: utc(2026, 1, 1, 9))
            _ = try await add("Z2", north, at: utc(2026, 1, 1, 9))
            for name in ["N1", "N2", "N3"] { _ = try await add(name, north) }
            _ = try await add("S1", south)
            _ = try await add("E1", east)

            try await release(x, at: utc(2026, 3, 28, 12))  // the 28th
            try await release(w, at: utc(2026, 3, 29, 12))  // the 29th, east's
            try await release(y, at: utc(2026, 3, 29, 22, 30))  // 00:30 CEST on the 30th
            #expect(try await repos.customers.releaseExpired(trackingBefore: utc(2026, 2, 1, 0), at: utc(2026, 3, 29, 22, 30), dryRun: false) { _ in } == 2)
            try await release(v, at: Self.to)  // the range's end: outside
            try await release(u, at: Self.from - minute)  // before it
            // A claim and an assignment are no releases.
            _ = try await repos.customers.transfer(
                [OwnerExpectation(id: x.id, owner: nil)], to: south.id, action: .claimed, actor: south.id, at: utc(2026, 3, 30, 10))
            let s1 = try #require(try await repos.customers.customer(nameKey: "s1"))
            _ = try await repos.customers.transfer(
                [OwnerExpectation(id: s1.id, owner: south.id)], to: south.id, action: .assigned, actor: north.id, at: utc(2026, 3, 30, 11))

            let (d28, d29, d30) = (dayNumber(2026, 3, 28), dayNumber(2026, 3, 29), dayNumber(2026, 3, 30))
            func releases(_ report: PoolReport) -> [Int: [Int]] {
                let days = report.releases.filter { $0.manual + $0.automatic > 0 }
                #expect(Set(days.map(\.day)).count == days.count, "a day is listed once")
                return Dictionary(uniqueKeysWithValues: days.map { ($0.day, [$0.manual, $0.automatic]) })
            }

            let team = try await repos.visits.poolReport(owners: .owners([north.id, south.id]), from: Self.from, to: Self.to, timeZone: Self.berlin)
            #expect(
                team.owners == [
                    PoolReport.Owner(userId: north.id, displayName: "north", customers: 3),
                    PoolReport.Owner(userId: south.id, displayName: "south", customers: 2),
                ])
            #expect(team.publicCustomers == 6, "the whole pool, whoever asks")
            #expect(releases(team) == [d28: [1, 0], d30: [1, 2]])

            let everyone = try await repos.visits.poolReport(owners: .any, from: Self.from, to: Self.to, timeZone: Self.berlin)
            #expect(everyone.owners.map(\.userId) == [north.id, south.id, east.id])
            #expect(everyone.owners.map(\.customers) == [3, 2, 1])
            #expect(everyone.publicCustomers == 6)
            #expect(releases(everyone) == [d28: [1, 0], d29: [1, 0], d30: [1, 2]])

            let inUTC = try await repos.visits.poolReport(owners: .any, from: Self.from, to: Self.to, timeZone: utcZone)
            #expect(releases(inUTC) == [d28: [1, 0], d29: [2, 2]])

            let eastOnly = try await repos.visits.poolReport(owners: .owners([east.id]), from: Self.from, to: Self.to, timeZone: Self.berlin)
            #expect(eastOnly.owners == [PoolReport.Owner(userId: east.id, displayName: "east", customers: 1)])
            #expect(releases(eastOnly) == [d29: [1, 0]])
            #expect(eastOnly.publicCustomers == 6)
        }
    }
}
