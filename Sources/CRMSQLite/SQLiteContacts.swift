import CRMCore
import Foundation
import GRDB

/// A customer's contacts.
extension SQLiteCustomers {
    static let contactColumns = "id, customer_id, name, title, phone, mobile, email, wechat, notes, is_primary"

    static func contact(_ row: Row) -> Contact {
        Contact(
            id: row["id"], customerId: row["customer_id"], name: row["name"], title: row["title"], phone: row["phone"],
            mobile: row["mobile"], email: row["email"], wechat: row["wechat"], notes: row["notes"], primary: row["is_primary"])
    }

    func contacts(customer: CustomerID) async throws -> [Contact] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.contactColumns) FROM contacts WHERE customer_id = ? ORDER BY is_primary DESC, id",
                arguments: [customer]
            ).map(Self.contact)
        }
    }

    func contact(id: ContactID) async throws -> Contact? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.contactColumns) FROM contacts WHERE id = ?", arguments: [id]).map(Self.contact)
        }
    }

    func createContact(_ contact: Contact) async throws -> Contact {
        try await pool.write { db in
            if contact.primary { try Self.clearPrimary(db, customer: contact.customerId) }
            try db.execute(
                sql: """
                    INSERT INTO contacts (customer_id, name, title, phone, mobile, email, wechat, notes, is_primary)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    contact.customerId, contact.name, contact.title, contact.phone, contact.mobile, contact.email,
                    contact.wechat, contact.notes, contact.primary,
                ])
            var created = contact
            created.id = db.lastInsertedRowID
            return created
        }
    }

    func updateContact(_ contact: Contact) async throws {
        try await pool.write { db in
            if contact.primary { try Self.clearPrimary(db, customer: contact.customerId) }
            try db.execute(
                sql: """
                    UPDATE contacts SET name = ?, title = ?, phone = ?, mobile = ?, email = ?, wechat = ?, notes = ?,
                        is_primary = ? WHERE id = ?
                    """,
                arguments: [
                    contact.name, contact.title, contact.phone, contact.mobile, contact.email, contact.wechat, contact.notes,
                    contact.primary, contact.id,
                ])
        }
    }

    /// One primary contact per customer.
    static func clearPrimary(_ db: Database, customer: CustomerID) throws {
        try db.execute(sql: "UPDATE contacts SET is_primary = 0 WHERE customer_id = ?", arguments: [customer])
    }

    func deleteContact(id: ContactID) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM contacts WHERE id = ?", arguments: [id])
        }
    }
}
