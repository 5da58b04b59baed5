import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// docs/customers.md#customer-access over every list scope, search, detail, counts and bulk operation.
@Suite struct CustomerScopeTests {
    /// One customer per person plus a public one; returns their ids by owner.
    private func populate(_ org: Org) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for person in Org.people { ids[person] = try await org.add("\(person)客户有限公司", by: person) }
        ids["public"] = try await org.add("public客户有限公司", by: "north")
        #expect(try await org.bulk("release", [ids["public"]!], by: "north") == ["ok"])
        return ids
    }

    private let visible: [String: [String]] = [
        "north": ["north", "public"],
        "south": ["south", "public"],
        "lead": ["lead", "north", "public"],
        "director": ["director", "lead", "north", "public", "south"],
        "boss": ["boss", "director", "lead", "north", "public", "south"],
        "admin": ["boss", "director", "lead", "north", "public", "south"],
    ]

    private func names(_ owners: [String]) -> [String] { owners.map { "\($0)客户有限公司" }.sorted() }

    @Test func everyListScopeShowsExactlyWhatSpecSays() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            _ = try await populate(org)
            let team: [String: [String]] = [
                "north": [], "south": [], "lead": ["north"], "director": ["lead", "north", "south"],
                "boss": ["director", "lead", "north", "south"],
            ]
            for (who, seen) in visible {
                #expect(try await org.list(who, "scope=all") == names(seen), "\(who) all")
                #expect(try await org.list(who, "scope=public") == names(["public"]), "\(who) public")
                if who != "admin" {
                    #expect(try await org.list(who, "scope=mine") == names([who]), "\(who) mine")
                    #expect(try await org.list(who, "scope=team") == names(team[who]!), "\(who) team")
                }
                let counted = try await server.send(.get, "/api/v1/customers?scope=all&count=true&limit=2", token: org.token(who))
                #expect(counted.json["total"].int == Int64(seen.count), "\(who) count")
                #expect(counted.json["items"].array.count == min(2, seen.count))
                // Search (every name contains 客户) sees the same customers.
                #expect(try await org.list(who, "scope=all&q=客户") == names(seen), "\(who) search")
            }
            // A user without a position has no customer pages at all.
            #expect(try await server.send(.get, "/api/v1/customers?scope=public", token: org.token("floater")).status == .forbidden)
        }
    }

    @Test func detailIsVisibleExactlyToTheSameUsersAndOthersGet404() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            let ids = try await populate(org)
            for (who, seen) in visible {
                for (owner, id) in ids {
                    let reply = try await server.send(.get, "/api/v1/customers/\(id)", token: org.token(who))
                    #expect(reply.status == (seen.contains(owner) ? .ok : .notFound), "\(who) sees \(owner)")
                    let history = try await server.send(.get, "/api/v1/customers/\(id)/history", token: org.token(who))
                    #expect(history.status == (seen.contains(owner) ? .ok : .notFound), "\(who) history of \(owner)")
                }
            }
        }
    }

    @Test func onlyOwnersTheirManagersAndTheAdministratorModifyAndDelete() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            let ids = try await populate(org)
            let modifiable: [String: [String]] = [
                "north": ["north"], "south": ["south"], "lead": ["lead", "north"],
                "director": ["director", "lead", "north", "south"],
                "boss": ["boss", "director", "lead", "north", "south"],
            ]
            for (who, allowed) in modifiable {
                for (owner, id) in ids {
                    let reply = try await server.send(.patch, "/api/v1/customers/\(id)", token: org.token(who), json: ["importance": 4])
                    let expected: HTTPResponse.Status =
                        allowed.contains(owner) ? .ok : (visible[who]!.contains(owner) ? .forbidden : .notFound)
                    #expect(reply.status == expected, "\(who) edits \(owner)")
                }
            }
            // Bulk delete reports per id; nothing outside the scope is touched.
            let results = try await org.bulk("delete", [ids["north"]!, ids["south"]!, ids["public"]!, 999_999], by: "lead")
            #expect(results == ["ok", "notFound", "notAllowed", "notFound"])
            #expect(try await org.list("admin", "scope=all").count == 5)
            let audit = try await server.send(.get, "/api/v1/audit-log", token: org.admin)
            #expect(audit.json["items"].array.map { $0["subject"].string ?? "" }.contains { $0.contains("north客户有限公司") })
            #expect(try await server.send(.get, "/api/v1/audit-log", token: org.token("boss")).status == .forbidden)
        }
    }

    @Test func releaseAssignAndClaimFollowTheScope() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            let ids = try await populate(org)
            // Release: owner or manager only; public ones are already public.
            #expect(try await org.bulk("release", [ids["south"]!, ids["public"]!, ids["north"]!], by: "north") == ["notFound", "alreadyPublic", "ok"])
            // Claim: public only.
            #expect(try await org.bulk("claim", [ids["north"]!, ids["lead"]!], by: "south") == ["ok", "notFound"])
            #expect(try await org.bulk("claim", [ids["north"]!], by: "north") == ["notFound"])
            // Assign: the target must be in the actor's scope.
            let outside = try await server.send(
                .post, "/api/v1/customers/assign", token: org.token("lead"),
                json: ["ids": [JSON(ids["lead"]!)], "userId": JSON(org.ids["south"]!)])
            #expect(outside.status == .unprocessableContent)
            #expect(outside.errorFields == ["userId"])
            #expect(
                try await org.bulk("assign", [ids["lead"]!, ids["public"]!, ids["south"]!], by: "lead", extra: ["userId": JSON(org.ids["north"]!)])
                    == ["ok", "ok", "notFound"])
            #expect(try await org.list("north", "scope=mine") == names(["lead", "public"]))
            #expect(
                try await org.bulk("assign", [ids["north"]!], by: "director", extra: ["userId": JSON(org.ids["lead"]!)]) == ["ok"])
            #expect(try await org.list("lead", "scope=mine") == names(["north"]))
            // The administrator assigns to anyone; history keeps every change.
            #expect(try await org.bulk("assign", [ids["boss"]!], by: "admin", extra: ["userId": JSON(org.ids["south"]!)]) == ["ok"])
            let history = try await server.send(.get, "/api/v1/customers/\(ids["north"]!)/history", token: org.admin)
            #expect(history.json["items"].array.compactMap { $0["action"].string } == ["created", "released", "claimed", "assigned"])
            let last = history.json["items"][3]
            #expect(last["fromUserId"].int == org.ids["south"])
            #expect(last["toUserId"].int == org.ids["lead"])
            #expect(last["actorId"].int == org.ids["director"])
            let invalid = try await server.send(.post, "/api/v1/customers/claim", token: org.token("north"), json: ["ids": []])
            #expect(invalid.errorFields == ["ids"])
        }
    }
}
