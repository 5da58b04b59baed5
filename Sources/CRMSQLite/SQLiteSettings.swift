import CRMCore
import Foundation
import GRDB

struct SQLiteSettings: SettingsRepository {
    let pool: DatabasePool
    let quickReads: QuickReads

    func settings() async throws -> Settings {
        try await pool.read { db in
            guard let json = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'system'") else {
                return Settings()
            }
            return try JSONDecoder().decode(Settings.self, from: Data(json.utf8))
        }
    }

    func save(_ settings: Settings) async throws {
        let json = String(decoding: try JSONEncoder().encode(settings), as: UTF8.self)
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO settings (key, value) VALUES ('system', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                arguments: [json])
        }
    }

    func categories() async throws -> [CRMCore.Category] {
        try await quickReads.read(pool) { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT id, name, type, icon_file_id, sort_order FROM categories ORDER BY sort_order, id"))
                .map { row in
                    CRMCore.Category(
                        id: row["id"], name: row["name"], type: CustomerType(rawValue: row["type"]) ?? .open,
                        iconFileId: row["icon_file_id"], sortOrder: row["sort_order"])
                }
        }
    }

    func createCategory(name: String, type: CustomerType, iconFileId: FileID?, sortOrder: Int) async throws -> CRMCore.Category {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO categories (name, type, icon_file_id, sort_order) VALUES (?, ?, ?, ?)",
                arguments: [name, type.rawValue, iconFileId, sortOrder])
            return CRMCore.Category(id: db.lastInsertedRowID, name: name, type: type, iconFileId: iconFileId, sortOrder: sortOrder)
        }
    }

    func updateCategory(_ category: CRMCore.Category) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE categories SET name = ?, type = ?, icon_file_id = ?, sort_order = ? WHERE id = ?",
                arguments: [category.name, category.type.rawValue, category.iconFileId, category.sortOrder, category.id])
        }
    }

    func categoryInUse(id: CategoryID) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM customers WHERE category_id = ?)", arguments: [id]) ?? false
        }
    }

    func deleteCategory(id: CategoryID) async throws -> Bool {
        do {
            return try await pool.write { db in
                try db.execute(sql: "DELETE FROM categories WHERE id = ?", arguments: [id])
                return db.changesCount > 0
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw CRMError.conflict(
                "Customers use category \(id); move them to another category first.",
                code: ErrorCode("category-in-use", ["id": .text("\(id)")]))
        }
    }

    func requiredFields() async throws -> [DepartmentID: [String]] {
        try await quickReads.read(pool) { db in
            var result: [DepartmentID: [String]] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT department_id, fields FROM required_fields")) {
                result[row["department_id"]] = try JSONDecoder().decode([String].self, from: Data((row["fields"] as String).utf8))
            }
            return result
        }
    }

    func setRequiredFields(_ fields: [String]?, for department: DepartmentID) async throws {
        let json = try fields.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await pool.write { db in
            if let json {
                try db.execute(
                    sql: """
                        INSERT INTO required_fields (department_id, fields) VALUES (?, ?)
                        ON CONFLICT (department_id) DO UPDATE SET fields = excluded.fields
                        """,
                    arguments: [department, json])
            } else {
                try db.execute(sql: "DELETE FROM required_fields WHERE department_id = ?", arguments: [department])
            }
        }
    }

    func storeFile(_ bytes: [UInt8], image: ImageInfo, owner: UserID, purpose: String?, at: Date) async throws -> StoredFile {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO files (owner_id, purpose, media_type, width, height, size, data, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    owner, purpose, image.mediaType, image.width, image.height, bytes.count, Data(bytes),
                    at.timeIntervalSince1970,
                ])
            return StoredFile(
                id: db.lastInsertedRowID, ownerId: owner, purpose: purpose, image: image, size: bytes.count,
                createdAt: Date(timeIntervalSince1970: at.timeIntervalSince1970))
        }
    }

    func file(id: FileID) async throws -> (file: StoredFile, bytes: [UInt8])? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, owner_id, purpose, media_type, width, height, size, data, created_at FROM files WHERE id = ?",
                arguments: [id]
            ).map { row in
                let file = StoredFile(
                    id: row["id"], ownerId: row["owner_id"], purpose: row["purpose"],
                    image: ImageInfo(mediaType: row["media_type"], width: row["width"], height: row["height"]),
                    size: row["size"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
                return (file, [UInt8](row["data"] as Data))
            }
        }
    }

    func fileExists(id: FileID) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM files WHERE id = ?)", arguments: [id]) ?? false
        }
    }

    func files(owner: UserID, purpose: String?) async throws -> [StoredFile] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, owner_id, purpose, media_type, width, height, size, created_at FROM files
                    WHERE owner_id = ? AND (? IS NULL OR purpose = ?) ORDER BY id DESC LIMIT 200
                    """,
                arguments: [owner, purpose, purpose]
            ).map { row in
                StoredFile(
                    id: row["id"], ownerId: row["owner_id"], purpose: row["purpose"],
                    image: ImageInfo(mediaType: row["media_type"], width: row["width"], height: row["height"]),
                    size: row["size"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
            }
        }
    }

    func desktop(of user: UserID) async throws -> Desktop? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT desktop FROM user_desktops WHERE user_id = ?", arguments: [user])
                .map { try JSONDecoder().decode(Desktop.self, from: Data($0.utf8)) }
        }
    }

    func saveDesktop(_ desktop: Desktop?, of user: UserID) async throws {
        let json = try desktop.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await pool.write { db in
            if let json {
                try db.execute(
                    sql: """
                        INSERT INTO user_desktops (user_id, desktop) VALUES (?, ?)
                        ON CONFLICT (user_id) DO UPDATE SET desktop = excluded.desktop
                        """,
                    arguments: [user, json])
            } else {
                try db.execute(sql: "DELETE FROM user_desktops WHERE user_id = ?", arguments: [user])
            }
        }
    }
}
