import CRMCore
import GRDB

@testable import CRMSQLite

extension SQLiteStore {
    /// The ids of a list's pages, read one after another until the list ends or `upTo` are read,
    /// and the total the first page counted.
    func pagedIds(_ query: CustomerQuery, upTo: Int) async throws -> (ids: [CustomerID], total: Int?) {
        var query = query
        var ids: [CustomerID] = []
        var total: Int?
        repeat {
            let page = try await repositories.customers.list(query, count: ids.isEmpty)
            total = total ?? page.total
            ids += page.items.map(\.id)
            query.after = page.next
        } while query.after != nil && ids.count < upTo
        return (ids, total)
    }
}

extension SQLiteCustomers {
    /// A page of a list, with the statements it ran, their values in place.
    static func tracedList(_ db: Database, _ query: CustomerQuery, count: Bool) throws -> (page: CustomerPage, statements: [String]) {
        var statements: [String] = []
        db.trace { event in
            if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
        }
        defer { db.trace(nil) }
        return (try list(db, query, count: count), statements)
    }
}
