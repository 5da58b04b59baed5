import Foundation

/// What a fresh database needs before anyone can sign in.
public enum Bootstrap {
    public static let adminUsername = "admin"

    /// Adds built-in pages missing from the database, then, when there are no users, creates the
    /// administrator with `adminPassword`, or a generated one that is returned so it can be shown once.
    public static func run(
        repositories: Repositories, hasher: any PasswordHasher, adminPassword: String?
    ) async throws -> (createdAdmin: Bool, generatedPassword: String?) {
        let existing = Set(try await repositories.pages.pages().map(\.menuId))
        for page in BuiltInPages.all where !existing.contains(page.menuId) {
            do { try await repositories.pages.create(page) } catch CRMError.conflict {}  // another server added it
        }
        guard try await repositories.users.count() == 0 else { return (false, nil) }
        let generated = adminPassword == nil ? generatePassword() : nil
        let password = adminPassword ?? generated!
        var validation = Validation()
        AuthService.validatePassword(password, field: "CRM_ADMIN_PASSWORD", into: &validation)
        try validation.check()
        let admin = NewUser(
            username: adminUsername, displayName: "管理员", positionId: nil, isAdmin: true,
            passwordHash: try await hasher.hash(password))
        do {
            _ = try await repositories.users.create(admin, at: Date())
        } catch CRMError.conflict {
            return (false, nil)
        }
        return (true, generated)
    }

    static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
