import Foundation

/// A customer to move, with the owner it had when the move was decided: the move happens only if
/// the owner is still the same, so two concurrent moves can't both succeed.
public struct OwnerExpectation: Sendable, Equatable {
    public var id: CustomerID
    public var owner: UserID?

    public init(id: CustomerID, owner: UserID?) {
        self.id = id
        self.owner = owner
    }
}

/// Customers, their contacts and their ownership history. Company names are unique by
/// `CustomerName.key`, enforced by the store itself (`CRMError.conflict` on a clash).
public protocol CustomerRepository: Sendable {
    func create(_ fields: CustomerFields, owner: UserID, at: Date) async throws -> Customer
    func customer(id: CustomerID) async throws -> Customer?
    func customers(ids: [CustomerID]) async throws -> [Customer]
    func customer(nameKey: String) async throws -> Customer?
    /// The customers holding any of these folded names, by name key.
    func customers(nameKeys: [String]) async throws -> [String: Customer]
    /// Creates each customer in one transaction; a name taken meanwhile gives nil for that row.
    func importCustomers(_ rows: [CustomerFields], owner: UserID, at: Date) async throws -> [CustomerID?]
    /// Names whose distinctive part (`CustomerName.core`) contains `core`, other than `excludingKey`.
    func similarNames(core: String, excludingKey: String, limit: Int) async throws -> [String]
    /// Saves the fields; `restartTracking` sets tracking to `at`.
    func update(id: CustomerID, _ fields: CustomerFields, restartTracking: Bool, at: Date) async throws
    func list(_ query: CustomerQuery, count: Bool) async throws -> CustomerPage
    /// Gives each customer whose owner is still as expected to `owner` (nil = public), with a history
    /// row each, in one transaction; returns the ids that moved.
    func transfer(
        _ customers: [OwnerExpectation], to owner: UserID?, action: OwnershipAction, actor: UserID?, at: Date
    ) async throws -> Set<CustomerID>
    /// Deletes each customer whose owner is still as expected, with its contacts, and logs each
    /// deletion in the audit log; returns the ids deleted.
    func delete(_ customers: [OwnerExpectation], actor: UserID, at: Date) async throws -> Set<CustomerID>
    func history(customer: CustomerID) async throws -> [OwnershipChange]
    /// Releases the open, owned customers whose tracking started before `cutoff` into the public
    /// pool at `at`, logging each (or, `dryRun`, only finds them), each batch at once, in id
    /// order; `each` sees every batch as it was before the release. Returns how many.
    func releaseExpired(
        trackingBefore cutoff: Date, at: Date, dryRun: Bool, each: ([Customer]) async throws -> Void
    ) async throws -> Int
    func auditLog(after: Int64?, limit: Int) async throws -> [AuditEntry]

    func contacts(customer: CustomerID) async throws -> [Contact]
    func contact(id: ContactID) async throws -> Contact?
    func createContact(_ contact: Contact) async throws -> Contact
    func updateContact(_ contact: Contact) async throws
    func deleteContact(id: ContactID) async throws
}
