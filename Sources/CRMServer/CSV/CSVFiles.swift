import CRMCore
import CSV
import Foundation
import Hummingbird

/// Customers and visits as CSV: UTF-8 with a byte-order mark, so Excel opens Chinese text correctly.
enum CSVFiles {
    static let byteOrderMark = "\u{FEFF}"
    static let maxImportBytes = 20 * 1_048_576
    static let maxImportRows = 50_000

    /// Column names the import accepts for each field, the field name itself first.
    static let aliases: [String: [String]] = [
        "name": ["name", "名称", "客户名称", "公司名称", "公司全称", "企业名称"],
        "website": ["website", "网址", "公司网址", "网站"],
        "phone": ["phone", "电话", "联系电话"],
        "address": ["address", "地址", "公司地址"],
        "region": ["region", "地区", "区域"],
        "industry": ["industry", "行业"],
        "source": ["source", "来源", "客户来源"],
        "notes": ["notes", "备注"],
        "category": ["category", "分类", "客户分类", "类别"],
        "type": ["type", "类型", "客户类型"],
        "importance": ["importance", "重要程度"],
    ]

    static let types: [String: CustomerType] = [
        "open": .open, "closed": .closed, "非成单客户": .open, "成单客户": .closed, "未成交": .open, "已成交": .closed,
    ]

    static let customerHeader = [
        "name", "website", "phone", "address", "region", "industry", "source", "notes", "category", "type", "importance",
        "owner", "trackingSince", "createdAt", "lastVisitAt", "id",
    ]

    static let visitHeader = ["visitedAt", "user", "customer", "customerId", "method", "content", "nextStep", "id"]

    static func time(_ date: Date?) -> String { date.map { $0.formatted(.iso8601) } ?? "" }

    static func customerRow(_ customer: Customer, categories: [CategoryID: String]) -> [String] {
        let fields = customer.fields
        return [
            fields.name, fields.website ?? "", fields.phone ?? "", fields.address ?? "", fields.region ?? "",
            fields.industry ?? "", fields.source ?? "", fields.notes ?? "", fields.categoryId.flatMap { categories[$0] } ?? "",
            fields.type.rawValue, String(fields.importance), customer.ownerName ?? "", time(customer.trackingSince),
            time(customer.createdAt), time(customer.lastVisitAt), String(customer.id),
        ]
    }

    static func visitRow(_ visit: Visit) -> [String] {
        [
            time(visit.visitedAt), visit.userName ?? "", visit.customerName ?? "", String(visit.customerId),
            visit.method.rawValue, visit.content, visit.nextStep ?? "", String(visit.id),
        ]
    }

    /// Rows as CSV text: CRLF line ends, and a field quoted when it holds a quote, comma or line
    /// break, its quotes doubled. Bytes are copied as they are: a general CSV writer searching each
    /// field through Foundation took nine tenths of an export's time.
    static func encode(_ rows: [[String]]) -> ByteBuffer {
        let (quote, comma, cr, lf) = (UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\r"), UInt8(ascii: "\n"))
        var buffer = ByteBuffer()
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { buffer.writeInteger(comma) }
                var field = field
                field.withUTF8 { bytes in
                    guard bytes.contains(where: { $0 == quote || $0 == comma || $0 == cr || $0 == lf }) else {
                        buffer.writeBytes(bytes)
                        return
                    }
                    buffer.writeInteger(quote)
                    for part in bytes.split(separator: quote, omittingEmptySubsequences: false).enumerated() {
                        if part.offset > 0 { buffer.writeBytes([quote, quote]) }
                        buffer.writeBytes(part.element)
                    }
                    buffer.writeInteger(quote)
                }
            }
            buffer.writeStaticString("\r\n")
        }
        return buffer
    }

    /// A streamed CSV download.
    static func download(
        _ filename: String, _ produce: @escaping @Sendable (_ write: (ByteBuffer) async throws -> Void) async throws -> Void
    ) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(filename)\"",
            ],
            body: ResponseBody { writer in
                try await produce { try await writer.write($0) }
                try await writer.finish(nil)
            })
    }

    /// Reads an uploaded customer file; a file that can't be read as a whole is refused whole.
    static func importRows(_ body: ByteBuffer, categories: [CRMCore.Category]) throws -> [ImportRow] {
        guard var text = String(bytes: body.readableBytesView, encoding: .utf8) else {
            throw CRMError.malformed("The file is not UTF-8 text; in Excel save it as \"CSV UTF-8 (逗号分隔)\".", code: "not-utf8")
        }
        if text.hasPrefix(byteOrderMark) { text.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw CRMError.malformed("The file has no header row.", code: "no-header")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var columns: [String: Int] = [:]
        for (field, names) in aliases {
            if let index = header.firstIndex(where: { names.map { $0.lowercased() }.contains($0) }) { columns[field] = index }
        }
        guard columns["name"] != nil else {
            throw CRMError.invalid(
                "header", "needs a name column (name, 名称, 客户名称 or 公司名称)", code: ErrorCode("missing-column", ["column": "name"]))
        }
        let categoryIds = Dictionary(categories.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        var rows: [ImportRow] = []
        var ragged: [FieldError] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields == [""] { continue }
            if fields.count != header.count {
                ragged.append(
                    FieldError(
                        "row \(line)", "has \(fields.count) fields; the header has \(header.count)",
                        code: ErrorCode("ragged-row", ["fields": ErrorParam(fields.count), "expected": ErrorParam(header.count)])))
                continue
            }
            if rows.count >= maxImportRows {
                throw CRMError.tooLarge(
                    "Import at most \(maxImportRows) rows at a time.", code: ErrorCode("too-many-rows", ["max": ErrorParam(maxImportRows)]))
            }
            rows.append(row(fields, line: line, columns: columns, categoryIds: categoryIds))
        }
        if let error = reader.error { throw CRMError.malformed("The file could not be read as CSV: \(error).", code: "unreadable-csv") }
        if !ragged.isEmpty { throw CRMError.invalid(Array(ragged.prefix(20))) }
        return rows
    }

    static func row(_ values: [String], line: Int, columns: [String: Int], categoryIds: [String: CategoryID]) -> ImportRow {
        func value(_ field: String) -> String? {
            columns[field].map { values[$0].trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var problems: [FieldError] = []
        var fields = CustomerFields(
            name: value("name") ?? "", website: value("website"), phone: value("phone"), address: value("address"),
            region: value("region"), industry: value("industry"), source: value("source"), notes: value("notes"))
        if let text = value("type") {
            if let type = types[text.lowercased()] { fields.type = type } else { problems.append(FieldError("type", "must be open or closed", code: .oneOf(["open", "closed"]))) }
        }
        if let text = value("importance") {
            if let level = Int(text), (1...5).contains(level) { fields.importance = level } else {
                problems.append(FieldError("importance", "must be from 1 to 5", code: .outOfRange(1...5)))
            }
        }
        if let name = value("category") {
            if let id = categoryIds[name] { fields.categoryId = id } else { problems.append(FieldError("category", "there is no category \(name)", code: .unknown("category", name))) }
        }
        let provided = Set(columns.compactMap { field, _ in value(field) == nil ? nil : (field == "category" ? "categoryId" : field) })
        return ImportRow(line: line, fields: fields, provided: provided, problems: problems)
    }
}
