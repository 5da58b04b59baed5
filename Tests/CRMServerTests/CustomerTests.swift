import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CustomerTests {
    @Test func aCompanyNameIsUniqueAcrossCaseWidthAndWhiteSpaceAndTheRefusalNamesTheHolder() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            let id = try await org.add("（北京）星辰科技 有限公司", by: "north", extra: ["type": "open"])
            for variant in ["(北京)星辰科技 有限公司", "  （北京）星辰科技   有限公司 ", "(北京)星辰科技 有限公司"] {
                let reply = try await server.send(
                    .post, "/api/v1/customers", token: org.token("south"), json: ["name": .string(variant), "website": "x.cn"])
                #expect(reply.status == .conflict, "\(variant)")
                #expect(reply.headers[.contentType] == "application/problem+json")
                #expect(reply.json["holder"]["kind"] == "user")
                #expect(reply.json["holder"]["displayName"] == "User north")
            }
            let latin = try await org.add("ＡＢＣ Trading Co.", by: "north")
            let again = try await server.send(
                .post, "/api/v1/customers", token: org.token("north"), json: ["name": "abc  TRADING co.", "website": "x.cn"])
            #expect(again.json["holder"]["kind"] == "self")
            // Renaming onto an existing name is refused too, and changes nothing.
            let renameExact = try await server.send(.patch, "/api/v1/customers/\(latin)", token: org.token("north"), json: ["name": "（北京）星辰科技 有限公司"])
            #expect(renameExact.status == .conflict)
            _ = try await org.bulk("release", [id], by: "north")
            let check = try await server.send(.get, "/api/v1/customers/check?name=(北京)星辰科技%20有限公司", token: org.token("south"))
            #expect(check.json["exists"] == true)
            #expect(check.json["holder"]["kind"] == "public")
        }
    }

    @Test func theCheckTellsWhoHoldsANameAndListsSimilarNamesWithoutRevealingMore() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.add("北京星辰科技有限公司", by: "north")
            try await org.add("星辰传媒集团", by: "north")
            try await org.add("月亮科技有限公司", by: "north")
            let check = try await server.send(.get, "/api/v1/customers/check?name=星辰科技", token: org.token("south"))
            #expect(check.status == .ok)
            #expect(check.json["exists"] == false)
            #expect(check.json["holder"].isNull)
            #expect(check.json["similar"] == ["北京星辰科技有限公司"])
            let held = try await server.send(.get, "/api/v1/customers/check?name=北京星辰科技有限公司", token: org.token("south"))
            #expect(held.json["exists"] == true)
            #expect(held.json["holder"] == ["kind": "user", "displayName": "User north"])
            #expect(held.json["id"].isNull)
            let mine = try await server.send(.get, "/api/v1/customers/check?name=北京星辰科技有限公司", token: org.token("north"))
            #expect(mine.json["holder"]["kind"] == "self")
            #expect(try await server.send(.get, "/api/v1/customers/check?name=%20", token: org.token("north")).errorFields == ["name"])
        }
    }

    @Test func ofFiftyConcurrentAddsOfOneNameExactlyOneIsCreated() async throws {
        try await withServer({ _ in }, live: true) { server in
            let org = try await Org.make(server)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<50 {
                    let who = Org.people[index % Org.people.count]
                    let token = org.token(who)
                    group.addTask {
                        try await server.send(
                            .post, "/api/v1/customers", token: token,
                            json: ["name": index % 2 == 0 ? "并发科技有限公司" : "并发科技有限公司 ", "website": "x.cn"]
                        ).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 49)
            #expect(try await org.list("admin", "scope=all") == ["并发科技有限公司"])
        }
    }

    @Test func requiredFieldsFollowTheCreatorsDepartment() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            let missing = try await server.send(.post, "/api/v1/customers", token: org.token("north"), json: ["name": "甲公司"])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.errorFields == ["website"])
            let departments = try await server.send(.get, "/api/v1/departments", token: org.admin).json["items"].array
            let northId = try #require(departments.first { $0["name"] == "华北区" }?["id"].int)
            let set = try await server.send(
                .put, "/api/v1/departments/\(northId)/required-fields", token: org.admin, json: ["phone", "industry", "name"])
            #expect(set.json["fields"] == ["name", "phone", "industry"])
            let named = try await server.send(.post, "/api/v1/customers", token: org.token("north"), json: ["name": "乙公司", "phone": " "])
            #expect(Set(named.errorFields) == ["phone", "industry"])
            let mine = try await server.send(.get, "/api/v1/required-fields", token: org.token("north"))
            #expect(mine.json["mine"] == ["name", "phone", "industry"])
            // The form's description of the fields says the same, field by field.
            let form = try await server.send(.get, "/api/v1/customer-fields", token: org.token("north")).json["items"].array
            #expect(form.compactMap { $0["name"].string } == [
                "name", "website", "phone", "address", "region", "industry", "source", "type", "categoryId", "importance", "notes",
            ])
            #expect(form.filter { $0["required"] == true }.compactMap { $0["name"].string } == ["name", "phone", "industry"])
            #expect(form[1]["label"] == ["zh": "公司网址", "en": "Website"])
            #expect(form[2]["inputType"] == "tel")
            #expect(form[1]["requiredByDefault"] == true && form[1]["maxLength"] == 200)
            #expect(form.last?["multiline"] == true)
            #expect(try await server.send(.get, "/api/v1/required-fields", token: org.token("south")).json["mine"] == ["name", "website"])
            let unknown = try await server.send(.put, "/api/v1/departments/\(northId)/required-fields", token: org.admin, json: ["shoeSize"])
            #expect(unknown.status == .unprocessableContent)
            #expect(try await server.send(.put, "/api/v1/departments/999/required-fields", token: org.admin, json: []).status == .notFound)
            try await org.add("丙公司", by: "north", extra: ["phone": "010-1234", "industry": "制造"])
        }
    }

    @Test func categoriesMustMatchTheCustomersTypeAndInUseOnesStay() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            let categories = try await server.send(.get, "/api/v1/categories", token: org.token("north")).json["items"].array
            #expect(categories.compactMap { $0["name"].string } == ["意向客户", "黑名单客户", "潜在客户", "成交客户"])
            let intent = try #require(categories[0]["id"].int)
            let closed = try #require(categories[3]["id"].int)
            let wrong = try await server.send(
                .post, "/api/v1/customers", token: org.token("north"),
                json: ["name": "丁公司", "website": "d.cn", "categoryId": JSON(closed), "type": "open"])
            #expect(wrong.errorFields == ["categoryId"])
            let id = try await org.add("丁公司", by: "north", extra: ["categoryId": JSON(intent)])
            let closing = try await server.send(.patch, "/api/v1/customers/\(id)", token: org.token("north"), json: ["type": "closed", "categoryId": JSON(closed)])
            #expect(closing.status == .ok)
            #expect(closing.json["protectionExpiresAt"].isNull)
            #expect(try await server.send(.delete, "/api/v1/categories/\(closed)", token: org.admin).status == .conflict)
            #expect(try await server.send(.patch, "/api/v1/categories/\(closed)", token: org.admin, json: ["type": "open"]).status == .conflict)
            #expect(try await server.send(.delete, "/api/v1/categories/\(intent)", token: org.admin).status == .noContent)
            #expect(try await server.send(.post, "/api/v1/categories", token: org.token("north"), json: ["name": "x", "type": "open"]).status == .forbidden)
            let made = try await server.send(.post, "/api/v1/categories", token: org.admin, json: ["name": "重点客户", "type": "open", "sortOrder": 1])
            #expect(made.status == .created)
            // Each category change holds for the very next customer: the categories are read just before it.
            func readCategories() async throws { _ = try await server.send(.get, "/api/v1/categories", token: org.token("north")) }
            func create(_ name: String, _ category: Int64, type: String) async throws -> Reply {
                try await server.send(
                    .post, "/api/v1/customers", token: org.token("north"),
                    json: ["name": .string(name), "website": "e.cn", "categoryId": JSON(category), "type": .string(type)])
            }
            try await readCategories()
            let spare = try #require(
                try await server.send(.post, "/api/v1/categories", token: org.admin, json: ["name": "待定", "type": "open"]).json["id"].int)
            #expect(try await create("戊公司", spare, type: "open").status == .created)
            let other = try #require(
                try await server.send(.post, "/api/v1/categories", token: org.admin, json: ["name": "观察", "type": "open"]).json["id"].int)
            try await readCategories()
            #expect(try await server.send(.patch, "/api/v1/categories/\(other)", token: org.admin, json: ["type": "closed"]).status == .ok)
            #expect(try await create("己公司", other, type: "open").errorFields == ["categoryId"])
            try await readCategories()
            #expect(try await server.send(.delete, "/api/v1/categories/\(other)", token: org.admin).status == .noContent)
            #expect(try await create("庚公司", other, type: "closed").errorFields == ["categoryId"])
        }
    }

    @Test func customersAreEditedListedFilteredAndPagedWithCursors() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            for index in 1...7 {
                try await org.add(
                    "测试\(index)号贸易有限公司", by: "north",
                    extra: ["importance": .number(Double(index % 5 + 1)), "industry": index % 2 == 0 ? "制造" : "零售", "region": "北京"])
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let reply = try await server.send(
                    .get, "/api/v1/customers?scope=mine&sort=name&limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), token: org.token("north"))
                #expect(reply.status == .ok)
                seen += reply.json["items"].array.compactMap { $0["name"].string }
                cursor = reply.json["nextCursor"].string
            } while cursor != nil && seen.count < 20
            #expect(seen == (1...7).map { "测试\($0)号贸易有限公司" })
            for sort in ["-createdAt", "createdAt", "-importance", "importance", "-updatedAt", "-name"] {
                var names: [String] = []
                var next: String?
                repeat {
                    let reply = try await server.send(
                        .get, "/api/v1/customers?sort=\(sort)&limit=2" + (next.map { "&cursor=\($0)" } ?? ""), token: org.token("north"))
                    #expect(reply.status == .ok, "\(sort): \(reply.text)")
                    names += reply.json["items"].array.compactMap { $0["name"].string }
                    next = reply.json["nextCursor"].string
                } while next != nil && names.count < 20
                #expect(names.count == 7 && Set(names).count == 7, "\(sort): \(names)")
            }
            let importance = try await server.send(.get, "/api/v1/customers?sort=-importance&limit=7", token: org.token("north"))
            let levels = importance.json["items"].array.compactMap { $0["importance"].int }
            #expect(levels == levels.sorted(by: >))
            #expect(try await org.list("north", "industry=制造").count == 3)
            #expect(try await org.list("north", "importance=3&region=北京") == ["测试2号贸易有限公司", "测试7号贸易有限公司"])
            #expect(try await org.list("north", "q=3号") == ["测试3号贸易有限公司"])
            #expect(try await org.list("north", "q=号") .count == 7)
            #expect(try await org.list("north", "q=TRADE").isEmpty)
            #expect(try await org.list("north", "createdFrom=2000-01-01&createdTo=2999-12-31").count == 7)
            #expect(try await org.list("north", "createdTo=2000-01-01").isEmpty)
            let bad = try await server.send(
                .get, "/api/v1/customers?scope=nobody&limit=0&type=x&createdFrom=yesterday&sort=up&cursor=abc", token: org.token("north"))
            #expect(bad.status == .unprocessableContent)
            let fields = try await server.send(
                .get, "/api/v1/customers?limit=0&type=x&createdFrom=yesterday&sort=up", token: org.token("north"))
            #expect(Set(fields.errorFields) == ["limit", "type", "createdFrom", "sort"])

            let id = try await org.add("编辑测试公司", by: "north")
            let edited = try await server.send(
                .patch, "/api/v1/customers/\(id)", token: org.token("north"),
                json: ["website": nil, "notes": "  重要客户，\n需要每周跟进  ", "importance": 5])
            #expect(edited.status == .ok)
            #expect(edited.json["website"].isNull)
            #expect(edited.json["importance"] == 5)
            #expect(edited.json["notes"] == "重要客户，\n需要每周跟进")
            #expect(try await org.list("north", "q=需要每周跟进") == ["编辑测试公司"])
            #expect(try await server.send(.patch, "/api/v1/customers/\(id)", token: org.token("north"), json: ["importance": 9]).errorFields == ["importance"])
            #expect(try await server.send(.delete, "/api/v1/customers/\(id)", token: org.token("north")).status == .noContent)
            #expect(try await server.send(.get, "/api/v1/customers/\(id)", token: org.token("north")).status == .notFound)
        }
    }

    @Test func contactsShareTheirCustomersVisibility() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            let id = try await org.add("联系人测试公司", by: "north")
            let created = try await server.send(
                .post, "/api/v1/customers/\(id)/contacts", token: org.token("north"),
                json: ["name": "王经理", "title": "采购经理", "mobile": "13800000000", "primary": true])
            #expect(created.status == .created)
            let contact = try #require(created.json["id"].int)
            let second = try await server.send(
                .post, "/api/v1/customers/\(id)/contacts", token: org.token("lead"), json: ["name": "李助理", "primary": true])
            #expect(second.status == .created)
            let list = try await server.send(.get, "/api/v1/customers/\(id)/contacts", token: org.token("north"))
            #expect(list.json["items"].array.compactMap { $0["name"].string } == ["李助理", "王经理"])
            #expect(list.json["items"][1]["primary"] == false)
            #expect(try await server.send(.get, "/api/v1/customers/\(id)/contacts", token: org.token("south")).status == .notFound)
            #expect(try await server.send(.patch, "/api/v1/contacts/\(contact)", token: org.token("south"), json: ["name": "x"]).status == .notFound)
            let bad = try await server.send(.patch, "/api/v1/contacts/\(contact)", token: org.token("north"), json: ["email": "not-an-email", "name": ""])
            #expect(Set(bad.errorFields) == ["email", "name"])
            let patched = try await server.send(.patch, "/api/v1/contacts/\(contact)", token: org.token("north"), json: ["email": "wang@example.cn", "title": nil])
            #expect(patched.json["email"] == "wang@example.cn")
            #expect(patched.json["title"].isNull)
            #expect(try await server.send(.delete, "/api/v1/contacts/\(contact)", token: org.token("north")).status == .noContent)
            #expect(try await server.send(.delete, "/api/v1/contacts/\(contact)", token: org.token("north")).status == .notFound)
        }
    }
}
