import CRMCore
@testable import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

extension Org {
    func grantImportExport() async throws {
        let role = try #require(try await server.send(.get, "/api/v1/roles", token: admin).json["items"][0]["id"].int)
        let current = try await server.send(.get, "/api/v1/roles/\(role)", token: admin).json["menuIds"].array
        _ = try await server.send(.put, "/api/v1/roles/\(role)/pages", token: admin, json: .array(current + ["customers.import", "customers.export", "visits.query"]))
    }

    func upload(_ bytes: [UInt8], by who: String, dryRun: Bool) async throws -> Reply {
        let response = try await server.client.executeRequest(
            uri: "/api/v1/customers/import?dryRun=\(dryRun)", method: .post,
            headers: [.authorization: "Bearer \(token(who))", .contentType: "text/csv"], body: ByteBuffer(bytes: bytes))
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    func download(_ path: String, by who: String) async throws -> (Reply, [UInt8]) {
        let response = try await server.client.executeRequest(
            uri: path, method: .get, headers: [.authorization: "Bearer \(token(who))"], body: nil)
        let bytes = Array(response.body.readableBytesView)
        return (Reply(status: response.status, headers: response.headers, text: String(decoding: bytes, as: UTF8.self)), bytes)
    }
}

@Suite struct ImportExportTests {
    @Test func theExportIsUTF8WithABOMAndHoldsOnlyWhatTheCallerMaySee() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantImportExport()
            try await org.add("导出甲有限公司", by: "north", extra: ["notes": "多行\n备注, 带\"引号\""])
            try await org.add("导出乙有限公司", by: "south")
            let (reply, bytes) = try await org.download("/api/v1/customers/export?scope=all", by: "north")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(reply.text.contains("导出甲有限公司"))
            #expect(!reply.text.contains("导出乙有限公司"))
            #expect(reply.text.contains("\"多行\n备注, 带\"\"引号\"\"\""))
            let filtered = try await org.download("/api/v1/customers/export?scope=all&q=乙", by: "director").0
            #expect(filtered.text.contains("导出乙有限公司") && !filtered.text.contains("导出甲有限公司"))
            #expect(try await org.download("/api/v1/customers/export?scope=all", by: "floater").0.status == .forbidden)
            // The export also takes the page of the list it exports.
            let role = try #require(try await server.send(.get, "/api/v1/roles", token: org.admin).json["items"][0]["id"].int)
            _ = try await server.send(.put, "/api/v1/roles/\(role)/pages", token: org.admin, json: ["customers.export", "customers.mine"])
            #expect(try await org.download("/api/v1/customers/export?scope=all", by: "north").0.status == .forbidden)
            #expect(try await org.download("/api/v1/customers/export?scope=mine", by: "north").0.status == .ok)
        }
    }

    @Test func exportedFieldsAreQuotedOnlyWhereNeededWithTheirQuotesDoubled() {
        let rows = [["名称", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "=1+1"], ["\"", ",", " spaced "]]
        #expect(
            String(buffer: CSVFiles.encode(rows))
                == "名称,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,=1+1\r\n\"\"\"\",\",\", spaced \r\n")
        #expect(CSVFiles.encode([]).readableBytes == 0)
    }

    @Test func anExportedFileImportedInADryRunIsAllDuplicates() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantImportExport()
            for index in 1...12 { try await org.add("往返\(index)号有限公司", by: index % 2 == 0 ? "north" : "south") }
            let (_, bytes) = try await org.download("/api/v1/customers/export?scope=all", by: "admin")
            let report = try await org.upload(bytes, by: "north", dryRun: true)
            #expect(report.status == .ok, "\(report.text)")
            #expect(report.json["duplicates"] == 12)
            #expect(report.json["created"] == 0)
            #expect(report.json["rows"][0]["holder"]["kind"].string != nil)
            let holders = Set(report.json["rows"].array.compactMap { $0["holder"]["kind"].string })
            #expect(holders == ["self", "user"])
        }
    }

    @Test func importedRowsAreCreatedDuplicateOrInvalidAndADryRunWritesNothing() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantImportExport()
            try await org.add("已存在有限公司", by: "south")
            let csv = """
                公司名称,网址,电话,类型,重要程度,分类,备注
                新客户一有限公司,a.cn,010-1,非成单客户,5,意向客户,第一行
                新客户二有限公司,,010-2,,,,缺网址
                已存在有限公司,c.cn,,,,,
                "新客户一有限公司 ",d.cn,,,,,文件内重复
                新客户三有限公司,e.cn,,成单客户,9,意向客户,

                新客户四有限公司,f.cn,,,,,"带,逗号"
                """
            let dry = try await org.upload(Array(csv.utf8), by: "north", dryRun: true)
            #expect(dry.status == .ok, "\(dry.text)")
            #expect(dry.json["rows"].array.compactMap { $0["status"].string } == ["created", "invalid", "duplicate", "duplicate", "invalid", "created"])
            #expect(dry.json["rows"][1]["errors"][0]["field"] == "website")
            #expect(dry.json["rows"].array.compactMap { $0["row"].int } == [2, 3, 4, 5, 6, 8])
            #expect(dry.json["rows"][2]["holder"] == ["kind": "user", "displayName": "User south"])
            #expect(Set(dry.json["rows"][4]["errors"].array.compactMap { $0["field"].string }) == ["importance", "categoryId"])
            #expect(try await org.list("north", "scope=mine").isEmpty)

            let real = try await org.upload(Array(("\u{FEFF}" + csv).utf8), by: "north", dryRun: false)
            #expect(real.json["created"] == 2)
            #expect(real.json["rows"][0]["id"].int != nil)
            #expect(try await org.list("north", "scope=mine") == ["新客户一有限公司", "新客户四有限公司"])
            let first = try await server.send(.get, "/api/v1/customers/\(real.json["rows"][0]["id"].int!)", token: org.token("north"))
            #expect(first.json["importance"] == 5)
            #expect(first.json["notes"] == "第一行")
        }
    }

    @Test func malformedFilesAreRefusedWholeAndWriteNothing() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantImportExport()
            // "名称,网址\n甲公司,a.cn" in GBK.
            let gbk: [UInt8] = [0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xCD, 0xF8, 0xD6, 0xB7, 0x0A, 0xBC, 0xD7, 0xB9, 0xAB, 0xCB, 0xBE, 0x2C, 0x61, 0x2E, 0x63, 0x6E]
            let encoding = try await org.upload(gbk, by: "north", dryRun: false)
            #expect(encoding.status == .badRequest)
            #expect(encoding.json["detail"].string?.contains("UTF-8") == true)
            let ragged = try await org.upload(Array("name,website\n甲有限公司,a.cn\n乙有限公司,b.cn,多余\n丙有限公司\n".utf8), by: "north", dryRun: false)
            #expect(ragged.status == .unprocessableContent)
            #expect(ragged.errorFields == ["row 3", "row 4"])
            let headerless = try await org.upload(Array("website,phone\na.cn,1\n".utf8), by: "north", dryRun: false)
            #expect(headerless.errorFields == ["header"])
            #expect(try await org.upload([], by: "north", dryRun: false).status == .badRequest)
            let huge = [UInt8](repeating: 0x61, count: 50 * 1_048_576)
            #expect(try await org.upload(huge, by: "north", dryRun: false).status == .contentTooLarge)
            #expect(try await org.list("north", "scope=mine").isEmpty)
            #expect(try await server.send(.post, "/api/v1/customers/import?dryRun=maybe", token: org.token("north"), raw: "name\nx").errorFields == ["dryRun"])
        }
    }

    @Test func tenThousandRowsImportInOneRequest() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantImportExport()
            var csv = "名称,网址,地址\n"
            for index in 0..<10_000 { csv += "批量导入第\(index)号有限公司,www.c\(index).cn,上海市\(index % 100)号\n" }
            let report = try await org.upload(Array(csv.utf8), by: "north", dryRun: false)
            #expect(report.status == .ok)
            #expect(report.json["created"] == 10_000)
            let count = try await server.send(.get, "/api/v1/customers?scope=mine&count=true&limit=1&q=批量导入", token: org.token("north"))
            #expect(count.json["total"] == 10_000)
        }
    }

    @Test func visitsExportAsCSV() async throws {
        try await withServer { server in
            let org = try await Org.make(server)
            try await org.grantImportExport()
            try await org.grantVisitPages()
            let customer = try await org.add("拜访导出有限公司", by: "north")
            _ = try await org.logVisit(customer, by: "north", extra: ["content": "谈了价格"])
            let (reply, bytes) = try await org.download("/api/v1/visits/export", by: "lead")
            #expect(reply.status == .ok)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(reply.text.contains("谈了价格"))
            #expect(try await org.download("/api/v1/visits/export", by: "south").0.text.contains("谈了价格") == false)
            #expect(try await org.download("/api/v1/visits/export?userId=\(org.ids["north"]!)", by: "south").0.status == .forbidden)
        }
    }
}
