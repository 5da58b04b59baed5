import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

extension Org {
    @discardableResult
    func logVisit(_ customer: Int64, by who: String, at time: String = "2026-11-20T02:00:00Z", extra: [String: JSON] = [:]) async throws -> Reply {
        var body: [String: JSON] = ["visitedAt": .string(time), "method": "visit", "content": "拜访了采购部"]
        body.merge(extra) { $1 }
        return try await server.send(.post, "/api/v1/customers/\(customer)/visits", token: token(who), json: .object(body))
    }

    func visitAuthors(_ who: String, _ query: String) async throws -> [String] {
        let reply = try await server.send(.get, "/api/v1/visits?\(query)", token: token(who))
        #expect(reply.status == .ok, "\(who) \(query): \(reply.text)")
        return reply.json["items"].array.compactMap { $0["content"].string }.sorted()
    }

    /// Grants every visit, plan and report page to the sales role as well.
    func grantVisitPages() async throws {
        let role = try #require(try await server.send(.get, "/api/v1/roles", token: admin).json["items"][0]["id"].int)
        let current = try await server.send(.get, "/api/v1/roles/\(role)", token: admin).json["menuIds"].array
        let more: [JSON] = ["visits.mine", "visits.query", "plans", "reports.visits", "reports.pool"]
        _ = try await server.send(.put, "/api/v1/roles/\(role)/pages", token: admin, json: .array(current + more))
    }
}

@Suite struct VisitTests {
    @Test func loggingAVisitMovesTheCustomersLastVisitAndChecksTheContact() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantVisitPages()
            let customer = try await org.add("拜访测试有限公司", by: "north")
            let other = try await org.add("别家有限公司", by: "north")
            let contact = try #require(
                try await server.send(.post, "/api/v1/customers/\(other)/contacts", token: org.token("north"), json: ["name": "张三"]).json["id"].int)
            let wrongContact = try await org.logVisit(customer, by: "north", extra: ["contactId": JSON(contact)])
            #expect(wrongContact.errorFields == ["contactId"])
            let badMethod = try await org.logVisit(customer, by: "north", extra: ["method": "fax"])
            #expect(badMethod.status == .unprocessableContent)
            for time in ["2024-01-01T12:99:00Z", "2024-02-30T10:00:00Z", "2024-01-01T10:00:00+0800", "9999-12-31T23:30:00-01:00", "1969-12-15T10:00:00Z", "2024-01-01"] {
                #expect(try await org.logVisit(customer, by: "north", at: time).errorFields == ["visitedAt"], "\(time)")
            }
            #expect(try await org.logVisit(customer, by: "north", at: "2024-01-01T18:00:00.5+08:00").status == .created)
            let logged = try await org.logVisit(customer, by: "north", at: "2026-11-20T02:00:00Z", extra: ["nextStep": "下周报价\n附清单"])
            #expect(logged.status == .created)
            #expect(logged.json["userId"].int == org.ids["north"])
            _ = try await org.logVisit(customer, by: "north", at: "2026-11-10T02:00:00Z")
            let detail = try await server.send(.get, "/api/v1/customers/\(customer)", token: org.token("north"))
            #expect(detail.json["lastVisitAt"] == "2026-11-20T02:00:00Z")
            for from in ["2024-01-01T25:00:00Z", "2026--1-29", "-2026-1-01", "1969-12-31"] {
                #expect(try await server.send(.get, "/api/v1/visits?from=\(from)", token: org.token("north")).errorFields == ["from"], "\(from)")
            }
            #expect(try await org.list("north", "lastVisitFrom=2026-11-20&lastVisitTo=2026-11-20") == ["拜访测试有限公司"])
            #expect(try await org.logVisit(customer, by: "south").status == .notFound)
        }
    }

    @Test func visitsAreSeenByAuthorsTheirManagersTheAdministratorAndTheCurrentOwner() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantVisitPages()
            let customer = try await org.add("历史拜访有限公司", by: "north")
            _ = try await org.logVisit(customer, by: "north", extra: ["content": "north的拜访"])
            // The customer passes to south; south's own visit and north's earlier one are both south's to see.
            _ = try await org.bulk("assign", [customer], by: "director", extra: ["userId": JSON(org.ids["south"]!)])
            _ = try await org.logVisit(customer, by: "south", extra: ["content": "south的拜访"])

            let history = try await server.send(.get, "/api/v1/customers/\(customer)/visits", token: org.token("south"))
            #expect(history.json["items"].array.compactMap { $0["content"].string }.sorted() == ["north的拜访", "south的拜访"])
            #expect(try await org.visitAuthors("south", "") == ["north的拜访", "south的拜访"])
            #expect(try await org.visitAuthors("north", "") == ["north的拜访"])
            #expect(try await org.visitAuthors("lead", "") == ["north的拜访"])
            #expect(try await org.visitAuthors("director", "") == ["north的拜访", "south的拜访"])
            #expect(try await org.visitAuthors("admin", "") == ["north的拜访", "south的拜访"])
            #expect(try await org.visitAuthors("director", "userId=\(org.ids["south"]!)") == ["south的拜访"])
            // Naming a user outside one's scope is refused.
            #expect(try await server.send(.get, "/api/v1/visits?userId=\(org.ids["south"]!)", token: org.token("lead")).status == .forbidden)
            #expect(try await server.send(.get, "/api/v1/visits?userId=abc", token: org.token("lead")).errorFields == ["userId"])

            // Changing a visit: its author, their managers, the administrator.
            let northVisit = try #require(history.json["items"].array.first { $0["content"] == "north的拜访" }?["id"].int)
            #expect(try await server.send(.patch, "/api/v1/visits/\(northVisit)", token: org.token("south"), json: ["content": "改"]).status == .forbidden)
            let edited = try await server.send(.patch, "/api/v1/visits/\(northVisit)", token: org.token("lead"), json: ["content": "经理补充", "method": "phone"])
            #expect(edited.status == .ok)
            #expect(edited.json["method"] == "phone")
            #expect(try await server.send(.delete, "/api/v1/visits/\(northVisit)", token: org.token("boss")).status == .noContent)
            #expect(try await server.send(.delete, "/api/v1/visits/\(northVisit)", token: org.token("boss")).status == .notFound)
        }
    }

    @Test func aVisitLoggedFromAPlanMarksItDoneInOneTransaction() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantVisitPages()
            let customer = try await org.add("计划测试有限公司", by: "north")
            let other = try await org.add("另一计划有限公司", by: "north")
            let past = try await server.send(
                .post, "/api/v1/plans", token: org.token("north"),
                json: ["customerId": JSON(customer), "plannedAt": "2020-01-01T01:00:00Z", "subject": "回访"])
            #expect(past.status == .created)
            #expect(past.json["overdue"] == true)
            let plan = try #require(past.json["id"].int)
            let future = try await server.send(
                .post, "/api/v1/plans", token: org.token("north"),
                json: ["customerId": JSON(other), "plannedAt": "2099-01-01T01:00:00Z", "subject": "签约", "notes": "带合同"])
            #expect(future.json["overdue"] == false)

            let elsewhere = try await org.logVisit(other, by: "north", extra: ["planId": JSON(plan)])
            #expect(elsewhere.errorFields == ["planId"])
            let visit = try await org.logVisit(customer, by: "north", extra: ["planId": JSON(plan)])
            #expect(visit.status == .created)
            let done = try await server.send(.get, "/api/v1/plans/\(plan)", token: org.token("north"))
            #expect(done.json["status"] == "done")
            #expect(done.json["visitId"] == visit.json["id"])
            #expect(done.json["overdue"] == false)
            let again = try await org.logVisit(customer, by: "north", extra: ["planId": JSON(plan)])
            #expect(again.status == .conflict)
            #expect(try await server.send(.get, "/api/v1/customers/\(customer)/visits", token: org.token("north")).json["items"].array.count == 1)

            #expect(try await server.send(.get, "/api/v1/plans?status=pending", token: org.token("north")).json["items"].array.count == 1)
            #expect(try await server.send(.get, "/api/v1/plans?userId=\(org.ids["north"]!)", token: org.token("lead")).json["items"].array.count == 2)
            #expect(try await server.send(.get, "/api/v1/plans?userId=\(org.ids["north"]!)", token: org.token("south")).status == .forbidden)
            #expect(try await server.send(.get, "/api/v1/plans/\(plan)", token: org.token("south")).status == .notFound)
            let futureId = try #require(future.json["id"].int)
            let cancelled = try await server.send(.patch, "/api/v1/plans/\(futureId)", token: org.token("north"), json: ["status": "cancelled"])
            #expect(cancelled.json["status"] == "cancelled")
            #expect(try await org.logVisit(other, by: "north", extra: ["planId": JSON(futureId)]).status == .conflict)
            #expect(try await server.send(.patch, "/api/v1/plans/\(plan)", token: org.token("north"), json: ["status": "pending"]).status == .unprocessableContent)
            #expect(try await server.send(.delete, "/api/v1/plans/\(futureId)", token: org.token("north")).status == .noContent)
        }
    }
}

@Suite struct SummaryTests {
    /// Days are counted in CRM_TIME_ZONE at each visit's own offset: in Berlin, clocks go forward
    /// on 29 March 2026, so 22:30 UTC that evening is 00:30 on the 30th, not 23:30 on the 29th.
    @Test func daysAcrossADaylightSavingChangeAreGroupedByTheirLocalDate() async throws {
        try await withServer({ $0.timeZone = TimeZone(identifier: "Europe/Berlin")! }) { server in
            let org = try await Org.make(server)
            try await org.grantVisitPages()
            let customer = try await org.add("夏令时有限公司", by: "north")
            for time in ["2026-03-28T23:30:00Z", "2026-03-29T21:30:00Z", "2026-03-29T22:30:00Z"] {
                #expect(try await org.logVisit(customer, by: "north", at: time).status == .created)
            }
            let reply = try await server.send(
                .get, "/api/v1/reports/visits?userId=\(org.ids["north"]!)&from=2026-03-01&to=2026-03-31", token: org.token("north"))
            #expect(reply.json["perDay"][27] == ["date": "2026-03-28", "visits": 0])
            #expect(reply.json["perDay"][28] == ["date": "2026-03-29", "visits": 2])
            #expect(reply.json["perDay"][29] == ["date": "2026-03-30", "visits": 1])
        }
    }

    /// September 2026 has 22 working days in Asia/Shanghai.
    @Test func fourHundredFortyVisitsOverTwentyTwoWorkingDaysAverageExactlyTwenty() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantVisitPages()
            let customers = [
                try await org.add("汇总甲有限公司", by: "north"), try await org.add("汇总乙有限公司", by: "north"),
            ]
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
            let visits = server.services.repositories.visits
            let north = try #require(org.ids["north"])
            for day in 1...30 {
                let date = calendar.date(from: DateComponents(year: 2026, month: 9, day: day, hour: 9))!
                guard !calendar.isDateInWeekend(date) else { continue }
                for index in 0..<20 {
                    _ = try await visits.create(
                        Visit(
                            id: 0, customerId: customers[index % 2], userId: north, visitedAt: date + Double(index * 60),
                            method: index % 4 == 0 ? .phone : .visit, contactId: nil, content: "第\(index)次", nextStep: nil,
                            planId: nil, createdAt: date))
                }
            }
            // Time-zone edges: 00:05 on 1 September and 23:30 on 30 September in Shanghai are inside
            // (the 30th is a Wednesday); 00:10 on 1 October is outside.
            _ = try await org.logVisit(customers[0], by: "north", at: "2026-08-31T16:05:00Z")
            _ = try await org.logVisit(customers[0], by: "north", at: "2026-09-30T15:30:00Z")
            _ = try await org.logVisit(customers[0], by: "north", at: "2026-09-30T16:10:00Z")

            let reply = try await server.send(
                .get, "/api/v1/reports/visits?userId=\(north)&from=2026-09-01&to=2026-09-30", token: org.token("lead"))
            #expect(reply.status == .ok, "\(reply.text)")
            let summary = reply.json
            #expect(summary["total"] == 442)
            #expect(summary["workingDays"] == 22)
            #expect(summary["perDay"].array.count == 30)
            #expect(summary["perDay"][0] == ["date": "2026-09-01", "visits": 21])
            #expect(summary["perDay"][4] == ["date": "2026-09-05", "visits": 0])
            #expect(summary["perDay"][29] == ["date": "2026-09-30", "visits": 21])
            #expect(summary["customersVisited"] == 2)
            #expect(summary["byMethod"]["phone"] == 110)
            #expect(summary["byMethod"]["visit"] == 332)
            #expect(summary["byCustomer"].array.count == 2)
            #expect(summary["byCustomer"][0]["visits"] == 222)

            // The customer list is cut to `limit`; the count still covers every customer.
            let top = try await server.send(
                .get, "/api/v1/reports/visits?userId=\(north)&from=2026-09-01&to=2026-09-30&limit=1", token: org.token("lead"))
            #expect(top.json["customersVisited"] == 2)
            #expect(top.json["byCustomer"].array.count == 1)
            #expect(top.json["byCustomer"][0] == summary["byCustomer"][0])
            #expect(try await server.send(.get, "/api/v1/reports/visits?limit=0", token: org.token("north")).errorFields == ["limit"])

            // Without the two edge visits inside: the manual's example, exactly.
            let inner = try await server.send(
                .get, "/api/v1/reports/visits?userId=\(north)&from=2026-09-02&to=2026-09-29", token: org.token("north"))
            #expect(inner.json["total"] == 400)
            #expect(inner.json["workingDays"] == 20)
            #expect(inner.json["averagePerWorkingDay"] == 20)
            let month = try await server.send(.get, "/api/v1/reports/visits?from=2026-09-01&to=2026-09-30", token: org.token("north"))
            #expect(month.json["averagePerWorkingDay"].int == 20)

            #expect(try await server.send(.get, "/api/v1/reports/visits?userId=\(north)", token: org.token("south")).status == .forbidden)
            #expect(try await server.send(.get, "/api/v1/reports/visits?from=2026-09-30&to=2026-09-01", token: org.token("north")).errorFields == ["to"])
            #expect(try await server.send(.get, "/api/v1/reports/visits?from=2026-02-30", token: org.token("north")).errorFields == ["from"])
        }
    }

    @Test func thePoolReportCountsOwnersThePoolAndReleasesPerDay() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantVisitPages()
            let a = try await org.add("池甲有限公司", by: "north")
            try await org.add("池乙有限公司", by: "north")
            try await org.add("池丙有限公司", by: "south")
            _ = try await org.bulk("release", [a], by: "north")
            let report = try await server.send(.get, "/api/v1/reports/pool", token: org.token("lead"))
            #expect(report.status == .ok, "\(report.text)")
            #expect(report.json["owners"].array.map { $0["userId"].int } == [org.ids["north"]])
            #expect(report.json["owners"][0]["customers"] == 1)
            #expect(report.json["publicCustomers"] == 1)
            let released = report.json["releases"].array.reduce(0) { $0 + ($1["manual"].int ?? 0) }
            #expect(released == 1)
            let director = try await server.send(.get, "/api/v1/reports/pool", token: org.token("director"))
            #expect(director.json["owners"].array.count == 2)
        }
    }
}
