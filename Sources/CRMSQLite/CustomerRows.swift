import CRMCore
import Foundation
import GRDB
import GRDBSQLite

/// How customers are stored: their columns, the one mapping of a row to a `Customer`, and the writes
/// that every way of adding or changing one shares.
extension SQLiteCustomers {
    /// A text's column: its name in snake case.
    static func column(_ text: CustomerText) -> String {
        text.rawValue.reduce(into: "") { column, character in
            column += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }

    /// The columns a customer is read from (`from` joins the owner's name), in `customer`'s order.
    static let columnList =
        ["c.id", "c.name"] + CustomerText.allCases.map { "c." + column($0) } + [
            "c.category_id", "c.type", "c.importance", "c.owner_id", "u.display_name", "c.tracking_since", "c.created_by",
            "c.created_at", "c.updated_at", "c.last_visit_at",
        ]
    static let columns = columnList.joined(separator: ", ")
    /// The position of the first column a statement selects after `columns`.
    static let afterColumns = Int32(columnList.count)

    static let from = "customers c LEFT JOIN users u ON u.id = c.owner_id"

    /// The one mapping of a row of `columns` to a customer, read in their order.
    static func customer(_ row: Columns) -> Customer {
        var next = row.reader()
        let id = next.int64()
        var fields = CustomerFields(name: next.text())
        for text in CustomerText.allCases { fields[text] = next.textOrNil() }
        fields.categoryId = next.int64OrNil()
        fields.type = CustomerType(rawValue: next.text()) ?? .open
        fields.importance = Int(next.int64())
        return Customer(
            id: id, fields: fields, ownerId: next.int64OrNil(), ownerName: next.textOrNil(), trackingSince: next.dateOrNil(),
            createdBy: next.int64OrNil(), createdAt: next.date(), updatedAt: next.date(), lastVisitAt: next.dateOrNil())
    }

    /// Customers of a statement that selects `columns`.
    static func customers(_ statement: Statement, _ arguments: StatementArguments) throws -> ColumnCursor<Customer> {
        try ColumnCursor(statement, arguments: arguments, element: customer)
    }

    /// A customer's texts as they are stored and searched, folded once per write (the name was
    /// folded four times: for its key, its core, the search text and the pairs).
    struct Folded {
        let key: String
        let core: String
        let searchText: String
        let grams: Set<String>

        init(_ fields: CustomerFields) {
            let texts = fields.searchable.map(CustomerName.fold)
            key = texts[0]  // `searchable` begins with the name, which every customer has
            core = CustomerName.core(key: key)
            searchText = texts.joined(separator: "\n")
            grams = SearchGrams.grams(ofFolded: texts)
        }
    }

    /// Statements of the write paths are cached: compiling one (with GRDB's authorizer) cost
    /// more than running it, a tenth of a customer create.
    static func writeIndex(_ db: Database, id: CustomerID, _ folded: Folded, replacing: Bool) throws {
        if replacing {
            try db.cachedStatement(sql: "DELETE FROM customer_grams WHERE customer_id = ?").execute(arguments: [id])
        }
        // One statement for all pairs: a statement per pair (45 for a name and a website), each
        // bound, stepped and reset, made a create cost a quarter more server time.
        try db.cachedStatement(sql: "INSERT INTO customer_grams (gram, customer_id) SELECT value, ? FROM json_each(?)")
            .execute(arguments: [id, json(folded.grams)])
    }

    /// The columns every write of a customer's fields sets, in `fieldArguments`' order.
    static let fieldColumns = ["name", "name_key", "name_core"] + CustomerText.allCases.map(column) + [
        "category_id", "type", "importance", "search_text",
    ]

    static func fieldArguments(_ fields: CustomerFields, _ folded: Folded) -> StatementArguments {
        StatementArguments([fields.name, folded.key, folded.core] as [(any DatabaseValueConvertible)?])
            + StatementArguments(CustomerText.allCases.map { fields[$0] })
            + [fields.categoryId, fields.type.rawValue, fields.importance, folded.searchText]
    }

    /// Adds a customer: its fields' arguments, then owner, tracking start, creator and the two times.
    static let insertSQL = {
        let columns = fieldColumns + ["owner_id", "tracking_since", "created_by", "created_at", "updated_at"]
        return "INSERT INTO customers (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }()

    static func logChange(_ db: Database, _ change: OwnershipChange) throws {
        try db.cachedStatement(
            sql: "INSERT INTO customer_history (customer_id, action, actor_id, from_user_id, to_user_id, at) VALUES (?, ?, ?, ?, ?, ?)"
        ).execute(
            arguments: [
                change.customerId, change.action.rawValue, change.actorId, change.fromUserId, change.toUserId,
                change.at.timeIntervalSince1970,
            ])
    }

    static func insert(_ db: Database, _ fields: CustomerFields, owner: UserID, at: Date) throws -> CustomerID {
        let time = at.timeIntervalSince1970
        let folded = Folded(fields)
        try db.cachedStatement(sql: insertSQL).execute(arguments: fieldArguments(fields, folded) + [owner, time, owner, time, time])
        let id = db.lastInsertedRowID
        try writeIndex(db, id: id, folded, replacing: false)
        try logChange(db, OwnershipChange(customerId: id, action: .created, actorId: owner, fromUserId: nil, toUserId: owner, at: at))
        return id
    }
}
