import CRMCore
import Foundation
import PostgresNIO

struct PostgresSettings: SettingsRepository {
    let db: Database

    func settings() async throws -> Settings {
        guard let json = try await db.first("SELECT value FROM settings WHERE key = 'system'", { try $0.get(0, as: String.self) })
        else { return Settings() }
        return try JSONDecoder().decode(Settings.self, from: Data(json.utf8))
    }

    func save(_ settings: Settings) async throws {
        let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try await db.rows(
            "INSERT INTO settings (key, value) VALUES ('system', \(json)) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
    }

    static func category(_ row: PostgresRandomAccessRow) throws -> CRMCore.Category {
        CRMCore.Category(
            id: try row.get(0), name: try row.get(1), type: CustomerType(rawValue: try row.get(2)) ?? .open,
            iconFileId: try row.get(3), sortOrder: Int(try row.get(4, as: Int32.self)))
    }

    func categories() async throws -> [CRMCore.Category] {
        try await db.all("SELECT id, name, type, icon_file_id, sort_order FROM categories ORDER BY sort_order, id", Self.category)
    }

    func createCategory(name: String, type: CustomerType, iconFileId: FileID?, sortOrder: Int) async throws -> CRMCore.Category {
        try await db.first(
            """
            INSERT INTO categories (name, type, icon_file_id, sort_order) VALUES (\(name), \(type.rawValue), \(iconFileId), \(sortOrder))
            RETURNING id, name, type, icon_file_id, sort_order
            """, Self.category)!
    }

    func updateCategory(_ category: CRMCore.Category) async throws {
        try await db.rows(
            """
            UPDATE categories SET name = \(category.name), type = \(category.type.rawValue), icon_file_id = \(category.iconFileId),
                sort_order = \(category.sortOrder)
            WHERE id = \(category.id)
            """)
    }

    func categoryInUse(id: CategoryID) async throws -> Bool {
        try await db.first("SELECT EXISTS (SELECT 1 FROM customers WHERE category_id = \(id))") { try $0.get(0, as: Bool.self) } ?? false
    }

    func deleteCategory(id: CategoryID) async throws -> Bool {
        do {
            return try await !db.rows("DELETE FROM categories WHERE id = \(id) RETURNING id").isEmpty
        } catch let error as PSQLError where error.sqlState == "23503" {
            throw CRMError.conflict("Customers use category \(id); move them to another category first.")
        }
    }

    func requiredFields() async throws -> [DepartmentID: [String]] {
        var result: [DepartmentID: [String]] = [:]
        for (department, json) in try await db.all(
            "SELECT department_id, fields FROM required_fields", { (try $0.get(0, as: Int64.self), try $0.get(1, as: String.self)) })
        {
            result[department] = try JSONDecoder().decode([String].self, from: Data(json.utf8))
        }
        return result
    }

    func setRequiredFields(_ fields: [String]?, for department: DepartmentID) async throws {
        try await saveJSON(fields, in: "required_fields", key: "department_id", value: "fields", of: department)
    }

    /// Saves `value` as JSON in the row of `id` (`table` keyed by `key`), or with nil removes the row.
    func saveJSON(_ value: (some Encodable)?, in table: String, key: String, value column: String, of id: Int64) async throws {
        if let value {
            let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
            try await db.rows(
                """
                INSERT INTO \(unescaped: table) (\(unescaped: key), \(unescaped: column)) VALUES (\(id), \(json))
                ON CONFLICT (\(unescaped: key)) DO UPDATE SET \(unescaped: column) = excluded.\(unescaped: column)
                """)
        } else {
            try await db.rows("DELETE FROM \(unescaped: table) WHERE \(unescaped: key) = \(id)")
        }
    }

    static let fileColumns = "id, owner_id, purpose, media_type, width, height, size, created_at"

    static func file(_ row: PostgresRandomAccessRow) throws -> StoredFile {
        StoredFile(
            id: try row.get(0), ownerId: try row.get(1), purpose: try row.get(2),
            image: ImageInfo(mediaType: try row.get(3), width: Int(try row.get(4, as: Int32.self)), height: Int(try row.get(5, as: Int32.self))),
            size: Int(try row.get(6, as: Int32.self)), createdAt: try row.get(7))
    }

    func storeFile(_ bytes: [UInt8], image: ImageInfo, owner: UserID, purpose: String?, at: Date) async throws -> StoredFile {
        try await db.first(
            """
            INSERT INTO files (owner_id, purpose, media_type, width, height, size, data, created_at)
            VALUES (\(owner), \(purpose), \(image.mediaType), \(image.width), \(image.height), \(bytes.count), \(Data(bytes)), \(at.pg))
            RETURNING \(unescaped: Self.fileColumns)
            """, Self.file)!
    }

    func file(id: FileID) async throws -> (file: StoredFile, bytes: [UInt8])? {
        try await db.first("SELECT \(unescaped: Self.fileColumns), data FROM files WHERE id = \(id)") { row in
            (try Self.file(row), [UInt8](try row.get(8, as: Data.self)))
        }
    }

    func fileExists(id: FileID) async throws -> Bool {
        try await db.first("SELECT EXISTS (SELECT 1 FROM files WHERE id = \(id))") { try $0.get(0, as: Bool.self) } ?? false
    }

    func files(owner: UserID, purpose: String?) async throws -> [StoredFile] {
        if let purpose, !storable(purpose) { return [] }
        return try await db.all(
            """
            SELECT \(unescaped: Self.fileColumns) FROM files
            WHERE owner_id = \(owner) AND (\(purpose)::text IS NULL OR purpose = \(purpose)) ORDER BY id DESC LIMIT 200
            """, Self.file)
    }

    func desktop(of user: UserID) async throws -> Desktop? {
        try await db.first("SELECT desktop FROM user_desktops WHERE user_id = \(user)") { row in
            try JSONDecoder().decode(Desktop.self, from: Data(try row.get(0, as: String.self).utf8))
        }
    }

    func saveDesktop(_ desktop: Desktop?, of user: UserID) async throws {
        try await saveJSON(desktop, in: "user_desktops", key: "user_id", value: "desktop", of: user)
    }
}
