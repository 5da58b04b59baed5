import Foundation

/// Hashes and checks passwords; slow by design, so implementations run off the event loop.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, hash: String) async throws -> Bool
    /// A hash of no one's password at the current cost: checked when the username is unknown,
    /// so a miss takes as long as a wrong password and does not reveal which usernames exist.
    var decoyHash: String { get }
}

/// Makes session tokens and the hashes they are stored under.
public protocol TokenMinter: Sendable {
    /// A new random token.
    func mint() -> String
    func hash(_ token: String) -> String
}

public struct SignedIn: Sendable {
    public var token: String
    public var expiresAt: Date
    public var user: User
}

/// Sign-in, sessions and passwords.
public final class AuthService: Sendable {
    public static let maxFailures = 5
    public static let failureWindow: TimeInterval = 15 * 60

    let users: any UserRepository
    let sessions: any SessionRepository
    let hasher: any PasswordHasher
    let tokens: any TokenMinter
    let tokenLifetime: TimeInterval
    let cache: SessionCache

    public init(
        repositories: Repositories, hasher: any PasswordHasher, tokens: any TokenMinter, tokenLifetime: TimeInterval,
        cache: SessionCache
    ) {
        self.users = repositories.users
        self.sessions = repositories.sessions
        self.hasher = hasher
        self.tokens = tokens
        self.tokenLifetime = tokenLifetime
        self.cache = cache
    }

    public func login(username: String, password: String, now: Date = Date()) async throws -> SignedIn {
        let key = User.usernameKey(username.trimmingCharacters(in: .whitespaces))
        let failures = try await sessions.failedLogins(usernameKey: key, since: now - Self.failureWindow)
        if failures.count >= Self.maxFailures, let oldest = failures.first {
            let wait = oldest.addingTimeInterval(Self.failureWindow).timeIntervalSince(now)
            throw CRMError.tooManyAttempts(retryAfter: max(1, Int(wait.rounded(.up))))
        }
        let found = try await users.credentials(username: key)
        let passwordMatches = try await hasher.verify(password, hash: found?.passwordHash ?? hasher.decoyHash)
        guard let found, passwordMatches else {
            try await sessions.recordFailedLogin(usernameKey: key, at: now)
            throw CRMError.unauthenticated("The username or password is wrong.", code: "wrong-credentials")
        }
        guard found.user.active else {
            throw CRMError.unauthenticated("This account is disabled; ask your administrator to enable it.", code: "account-disabled")
        }
        try await sessions.clearFailedLogins(usernameKey: key)
        let token = tokens.mint()
        let expiresAt = now.addingTimeInterval(tokenLifetime)
        try await sessions.create(tokenHash: tokens.hash(token), user: found.user.id, expiresAt: expiresAt)
        return SignedIn(token: token, expiresAt: expiresAt, user: found.user)
    }

    /// The signed-in user for a bearer token, or `CRMError.unauthenticated`.
    public func authenticate(token: String, now: Date = Date()) async throws -> Actor {
        if let actor = cache.actor(token: token, now: now) { return actor }
        let tokenHash = tokens.hash(token)
        guard let session = try await sessions.user(tokenHash: tokenHash, now: now) else {
            throw CRMError.unauthenticated("The session has expired or ended; sign in again.", code: "session-ended")
        }
        let actor = Actor(user: session.user, tokenHash: tokenHash)
        cache.store(actor, token: token, expiresAt: session.expiresAt)
        return actor
    }

    public func logout(_ actor: Actor) async throws {
        try await sessions.delete(tokenHash: actor.tokenHash)
        cache.remove(tokenHash: actor.tokenHash)
    }

    /// Changes the caller's own password; their other sessions end, this one stays.
    public func changePassword(_ actor: Actor, current: String, new: String) async throws {
        var validation = Validation()
        Self.validatePassword(new, field: "newPassword", into: &validation)
        try validation.check()
        guard let found = try await users.credentials(username: actor.user.username),
            try await hasher.verify(current, hash: found.passwordHash)
        else { throw CRMError.invalid("currentPassword", "is not your current password", code: "wrong-password") }
        let hash = try await hasher.hash(new)
        try await users.setPasswordHash(hash, for: actor.user.id, keepingSession: actor.tokenHash)
        cache.remove(user: actor.user.id)
    }

    /// An administrator sets a user's password; that user's sessions end (but the caller's own).
    public func resetPassword(of user: UserID, to password: String, by actor: Actor) async throws {
        var validation = Validation()
        Self.validatePassword(password, field: "password", into: &validation)
        try validation.check()
        guard try await users.user(id: user) != nil else { throw CRMError.notFound("There is no user \(user).", code: .notFound("user", user)) }
        let hash = try await hasher.hash(password)
        try await users.setPasswordHash(hash, for: user, keepingSession: actor.tokenHash)
        cache.remove(user: user)
    }

    public static func validatePassword(_ password: String, field: String, into validation: inout Validation) {
        if password.count < 8 {
            validation.add(field, "must be at least 8 characters", code: ErrorCode("too-short", ["min": 8]))
        } else if password.contains("\0") {
            validation.add(field, "must not contain the NUL character", code: "control-characters")
        } else if password.utf8.count > 72 {
            validation.add(field, "must be at most 72 bytes", code: ErrorCode("too-many-bytes", ["max": 72]))
        }
    }
}
