import CRMCore
import Foundation
import GRDB

struct SQLiteUsers: UserRepository {
    let pool: DatabasePool

    static let columns = "id, username, display_name, position_id, active, is_admin, created_at"

    static func user(_ row: Row) -> User {
        User(
            id: row["id"], username: row["username"], displayName: row["display_name"], positionId: row["position_id"],
            active: row["active"], isAdmin: row["is_admin"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    func create(_ user: NewUser, at now: Date) async throws -> User {
        try await mapConflict(.usernameTaken(user.username)) {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO users (username, username_key, display_name, position_id, is_admin, password_hash, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        user.username, User.usernameKey(user.username), user.displayName, user.positionId, user.isAdmin,
                        user.passwordHash, now.timeIntervalSince1970,
                    ])
                return User(
                    id: db.lastInsertedRowID, username: user.username, displayName: user.displayName,
                    positionId: user.positionId, active: true, isAdmin: user.isAdmin,
                    createdAt: Date(timeIntervalSince1970: now.timeIntervalSince1970))
            }
        }
    }

    func user(id: UserID) async throws -> User? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM users WHERE id = ?", arguments: [id]).map(Self.user)
        }
    }

    func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.columns), password_hash FROM users WHERE username_key = ?",
                arguments: [User.usernameKey(username)]
            ).map { (Self.user($0), $0["password_hash"]) }
        }
    }

    func list(after: UserID?, limit: Int) async throws -> [User] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.columns) FROM users WHERE id > ? ORDER BY id LIMIT ?",
                arguments: [after ?? 0, limit]
            ).map(Self.user)
        }
    }

    func users(ids: Set<UserID>) async throws -> [User] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.columns) FROM users WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                arguments: [String(describing: Array(ids))]
            ).map(Self.user)
        }
    }

    func update(_ user: User) async throws {
        try await mapConflict(.usernameTaken(user.username)) {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE users SET username = ?, username_key = ?, display_name = ?, position_id = ?, active = ?
                        WHERE id = ?
                        """,
                    arguments: [
                        user.username, User.usernameKey(user.username), user.displayName, user.positionId, user.active,
                        user.id,
                    ])
                if !user.active {
                    try db.execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [user.id])
                }
            }
        }
    }

    func setPasswordHash(_ hash: String, for user: UserID, keepingSession: String?) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, user])
            try db.execute(
                sql: "DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?", arguments: [user, keepingSession])
        }
    }

    func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") ?? 0 }
    }
}

struct SQLiteSessions: SessionRepository {
    let pool: DatabasePool

    func create(tokenHash: String, user: UserID, expiresAt: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?",
                arguments: [user, Date().timeIntervalSince1970])
            try db.execute(
                sql: "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
                arguments: [tokenHash, user, expiresAt.timeIntervalSince1970])
        }
    }

    func user(tokenHash: String, now: Date) async throws -> (user: User, expiresAt: Date)? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT \(SQLiteUsers.columns.split(separator: ", ").map { "u.\($0)" }.joined(separator: ", ")), s.expires_at
                    FROM sessions s JOIN users u ON u.id = s.user_id
                    WHERE s.token_hash = ? AND s.expires_at > ? AND u.active
                    """,
                arguments: [tokenHash, now.timeIntervalSince1970]
            ).map { (SQLiteUsers.user($0), Date(timeIntervalSince1970: $0["expires_at"])) }
        }
    }

    func delete(tokenHash: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }

    func recordFailedLogin(usernameKey: String, at: Date) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO login_failures (username_key, failed_at) VALUES (?, ?)",
                arguments: [usernameKey, at.timeIntervalSince1970])
            try db.execute(
                sql: "DELETE FROM login_failures WHERE failed_at < ?",
                arguments: [at.timeIntervalSince1970 - AuthService.failureWindow])
        }
    }

    func failedLogins(usernameKey: String, since: Date) async throws -> [Date] {
        try await pool.read { db in
            try Double.fetchAll(
                db,
                sql: "SELECT failed_at FROM login_failures WHERE username_key = ? AND failed_at >= ? ORDER BY failed_at",
                arguments: [usernameKey, since.timeIntervalSince1970]
            ).map(Date.init(timeIntervalSince1970:))
        }
    }

    func clearFailedLogins(usernameKey: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM login_failures WHERE username_key = ?", arguments: [usernameKey])
        }
    }
}
