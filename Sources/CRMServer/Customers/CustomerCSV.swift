import CRMCore
import Foundation
import Hummingbird

/// Customers as CSV, column for column as `CustomerFields.all` describes them.
enum CustomerCSV {
    static let maxImportRows = 50_000

    /// A field's column: its name, but the category's is its name, not its id.
    static func column(_ field: CustomerFieldSpec) -> String {
        field.kind == .category ? "category" : field.name
    }

    static let header = CustomerFields.all.map(column) + ["owner", "trackingSince", "createdAt", "lastVisitAt", "id"]

    static let types: [String: CustomerType] = [
        "open": .open, "closed": .closed, "非成单客户": .open, "成单客户": .closed, "未成交": .open, "已成交": .closed,
    ]

    static func row(_ customer: Customer, categories: [CategoryID: String]) -> [String] {
        let fields = customer.fields
        return CustomerFields.all.map { field in
            switch field.kind {
            case .name: fields.name
            case .text(let text): fields[text] ?? ""
            case .category: fields.categoryId.flatMap { categories[$0] } ?? ""
            case .type: fields.type.rawValue
            case .importance: String(fields.importance)
            }
        } + [
            customer.ownerName ?? "", CSVFiles.time(customer.trackingSince), CSVFiles.time(customer.createdAt),
            CSVFiles.time(customer.lastVisitAt), String(customer.id),
        ]
    }

    /// Reads an uploaded customer file: a column for each field under any of its names (its column,
    /// its name, its labels in both languages, its aliases; case aside).
    static func importRows(_ body: ByteBuffer, categories: [CRMCore.Category]) throws -> [ImportRow] {
        let (header, rows) = try CSVFiles.rows(body, maxRows: maxImportRows)
        let lowered = header.map { $0.lowercased() }
        var columns: [String: Int] = [:]
        for field in CustomerFields.all {
            let names = Set(([column(field), field.name, field.label.zh, field.label.en] + field.aliases).map { $0.lowercased() })
            if let index = lowered.firstIndex(where: names.contains) { columns[field.name] = index }
        }
        guard columns["name"] != nil else {
            throw CRMError.invalid(
                "header", "needs a name column (name, 名称, 客户名称 or 公司名称)", code: ErrorCode("missing-column", ["column": "name"]))
        }
        let categoryIds = Dictionary(categories.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        return rows.map { row($0.values, line: $0.line, columns: columns, categoryIds: categoryIds) }
    }

    static func row(_ values: [String], line: Int, columns: [String: Int], categoryIds: [String: CategoryID]) -> ImportRow {
        var problems: [FieldError] = []
        var fields = CustomerFields(name: "")
        var provided: Set<String> = []
        for field in CustomerFields.all {
            guard let index = columns[field.name], case let value = values[index].trimmingCharacters(in: .whitespacesAndNewlines),
                !value.isEmpty
            else { continue }
            provided.insert(field.name)
            switch field.kind {
            case .name: fields.name = value
            case .text(let text): fields[text] = value
            case .category:
                if let id = categoryIds[value] {
                    fields.categoryId = id
                } else {
                    problems.append(FieldError("category", "there is no category \(value)", code: .unknown("category", value)))
                }
            case .type:
                if let type = types[value.lowercased()] {
                    fields.type = type
                } else {
                    problems.append(FieldError("type", "must be open or closed", code: .oneOf(["open", "closed"])))
                }
            case .importance:
                if let level = Int(value), (1...5).contains(level) {
                    fields.importance = level
                } else {
                    problems.append(FieldError("importance", "must be from 1 to 5", code: .outOfRange(1...5)))
                }
            }
        }
        return ImportRow(line: line, fields: fields, provided: provided, problems: problems)
    }
}
