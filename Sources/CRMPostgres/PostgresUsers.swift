import CRMCore
import Foundation
import PostgresNIO

struct PostgresUsers: UserRepository {
    let db: Database

    static let columns = "id, username, display_name, position_id, active, is_admin, created_at"

    /// A row of `columns`, from position `at` on.
    static func user(_ row: PostgresRandomAccessRow, at offset: Int = 0) throws -> User {
        User(
            id: try row.get(offset), username: try row.get(offset + 1), displayName: try row.get(offset + 2),
            positionId: try row.get(offset + 3), active: try row.get(offset + 4), isAdmin: try row.get(offset + 5),
            createdAt: try row.get(offset + 6))
    }

    func create(_ user: NewUser, at now: Date) async throws -> User {
        try await mapConflict("The username \(user.username) is taken.") {
            try await db.first(
                """
                INSERT INTO users (username, username_key, display_name, position_id, is_admin, password_hash, created_at)
                VALUES (\(user.username), \(User.usernameKey(user.username)), \(user.displayName), \(user.positionId),
                        \(user.isAdmin), \(user.passwordHash), \(now.pg))
                RETURNING \(unescaped: Self.columns)
                """
            ) { try Self.user($0) }!
        }
    }

    func user(id: UserID) async throws -> User? {
        try await db.first("SELECT \(unescaped: Self.columns) FROM users WHERE id = \(id)") { try Self.user($0) }
    }

    func credentials(username: String) async throws -> (user: User, passwordHash: String)? {
        guard storable(username) else { return nil }
        return try await db.first(
            "SELECT \(unescaped: Self.columns), password_hash FROM users WHERE username_key = \(User.usernameKey(username))"
        ) { (try Self.user($0), try $0.get(7, as: String.self)) }
    }

    func list(after: UserID?, limit: Int) async throws -> [User] {
        try await db.all("SELECT \(unescaped: Self.columns) FROM users WHERE id > \(after ?? 0) ORDER BY id LIMIT \(limit)") {
            try Self.user($0)
        }
    }

    func users(ids: Set<UserID>) async throws -> [User] {
        try await db.all("SELECT \(unescaped: Self.columns) FROM users WHERE id = ANY(\(Array(ids))) ORDER BY id") { try Self.user($0) }
    }

    func update(_ user: User) async throws {
        // One statement: the user's sessions end with the same change that disables them.
        try await mapConflict("The username \(user.username) is taken.") {
            try await db.rows(
                """
                WITH changed AS (
                    UPDATE users SET username = \(user.username), username_key = \(User.usernameKey(user.username)),
                        display_name = \(user.displayName), position_id = \(user.positionId), active = \(user.active)
                    WHERE id = \(user.id) RETURNING id, active
                )
                DELETE FROM sessions WHERE user_id IN (SELECT id FROM changed WHERE NOT active)
                """)
        }
    }

    func setPasswordHash(_ hash: String, for user: UserID, keepingSession: String?) async throws {
        try await db.rows(
            """
            WITH changed AS (UPDATE users SET password_hash = \(hash) WHERE id = \(user) RETURNING id)
            DELETE FROM sessions WHERE user_id IN (SELECT id FROM changed) AND token_hash IS DISTINCT FROM \(keepingSession)
            """)
    }

    func count() async throws -> Int {
        try await db.first("SELECT count(*) FROM users") { try $0.get(0, as: Int.self) } ?? 0
    }
}

struct PostgresSessions: SessionRepository {
    let db: Database

    func create(tokenHash: String, user: UserID, expiresAt: Date) async throws {
        try await db.rows(
            """
            WITH expired AS (DELETE FROM sessions WHERE user_id = \(user) AND expires_at <= \(Date().pg))
            INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (\(tokenHash), \(user), \(expiresAt.pg))
            """)
    }

    func user(tokenHash: String, now: Date) async throws -> (user: User, expiresAt: Date)? {
        guard storable(tokenHash) else { return nil }
        return try await db.first(
            """
            SELECT u.id, u.username, u.display_name, u.position_id, u.active, u.is_admin, u.created_at, s.expires_at
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(tokenHash) AND s.expires_at > \(now.pg) AND u.active
            """
        ) { (try PostgresUsers.user($0), try $0.get(7, as: Date.self)) }
    }

    func delete(tokenHash: String) async throws {
        guard storable(tokenHash) else { return }
        try await db.rows("DELETE FROM sessions WHERE token_hash = \(tokenHash)")
    }

    func recordFailedLogin(usernameKey: String, at: Date) async throws {
        guard storable(usernameKey) else { return }
        try await db.rows(
            """
            WITH old AS (DELETE FROM login_failures WHERE failed_at < \(at.addingTimeInterval(-AuthService.failureWindow).pg))
            INSERT INTO login_failures (username_key, failed_at) VALUES (\(usernameKey), \(at.pg))
            """)
    }

    func failedLogins(usernameKey: String, since: Date) async throws -> [Date] {
        guard storable(usernameKey) else { return [] }
        return try await db.all(
            """
            SELECT failed_at FROM login_failures WHERE username_key = \(usernameKey) AND failed_at >= \(since.pg)
            ORDER BY failed_at
            """
        ) { try $0.get(0, as: Date.self) }
    }

    func clearFailedLogins(usernameKey: String) async throws {
        guard storable(usernameKey) else { return }
        try await db.rows("DELETE FROM login_failures WHERE username_key = \(usernameKey)")
    }
}
