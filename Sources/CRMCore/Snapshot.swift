import Foundation
import Synchronization

/// A value read from the database and kept briefly, so hot paths don't read it on every request.
/// This server drops it at once when it changes the data (`invalidate`); on a database shared by
/// several servers, the others drop it when a request brings a newer `DataVersions`, and after
/// `lifetime` at most. Past `refreshAfter`, callers still get the
/// value while it reloads behind them: when callers waited for the reload, every expiry under a
/// search load held some 15 requests for up to 16 ms, its reads queued behind the searches'.
public final class Snapshot<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var loadedAt: ContinuousClock.Instant = .now
        var generation = 0
        /// The load under way, which every caller without a live value waits for: 16 requests
        /// arriving as the value expired each read the whole directory.
        var loading: (generation: Int, task: Task<Value, any Error>)?
    }

    private let state = Mutex(State())
    private let lifetime: Duration
    private let refreshAfter: Duration
    private let load: @Sendable () async throws -> Value

    /// `refreshAfter` defaults to half the lifetime.
    public init(lifetime: Duration, refreshAfter: Duration? = nil, load: @escaping @Sendable () async throws -> Value) {
        self.lifetime = lifetime
        self.refreshAfter = refreshAfter ?? lifetime / 2
        self.load = load
    }

    public func get() async throws -> Value {
        let (cached, loading) = state.withLock { state -> (Value?, Task<Value, any Error>?) in
            let age = state.loadedAt.duration(to: .now)
            if let value = state.value, age < lifetime {
                if age >= refreshAfter, state.loading == nil { _ = startLoad(&state) }
                return (value, nil)
            }
            return (nil, state.loading?.task ?? startLoad(&state))
        }
        if let cached { return cached }
        return try await loading!.value
    }

    private func startLoad(_ state: inout State) -> Task<Value, any Error> {
        let generation = state.generation
        let task = Task { try await self.reload(generation: generation) }
        state.loading = (generation, task)
        return task
    }

    private func reload(generation: Int) async throws -> Value {
        let value: Value
        do {
            value = try await load()
        } catch {
            state.withLock { state in
                if state.loading?.generation == generation { state.loading = nil }
            }
            throw error
        }
        state.withLock { state in
            // A change made while loading wins: keep nothing that may predate it.
            guard state.generation == generation else { return }
            state.loading = nil
            state.value = value
            state.loadedAt = .now
        }
        return value
    }

    public func invalidate() {
        state.withLock { state in
            state.value = nil
            state.loading = nil
            state.generation += 1
        }
    }
}

/// What every request's permission and scope checks read: the page tree, each position's pages
/// and the organisation chart.
public struct Directory: Sendable {
    public var pages: [MenuID: Page]
    public var grants: [PositionID: Set<MenuID>]
    public var chart: OrgChart

    /// The pages granted to the user's position.
    public func granted(to user: User) -> Set<MenuID> {
        user.positionId.flatMap { grants[$0] } ?? []
    }
}

extension Snapshot where Value == Directory {
    public convenience init(repositories: Repositories, lifetime: Duration = .seconds(2)) {
        self.init(lifetime: lifetime) {
            let pages = try await repositories.pages.pages()
            return Directory(
                pages: Dictionary(pages.map { ($0.menuId, $0) }, uniquingKeysWith: { first, _ in first }),
                grants: try await repositories.roles.allGrants(),
                chart: try await repositories.organisation.chart())
        }
    }
}

/// Signed-in sessions recently checked, for a store that only this process writes, so a request
/// costs no database read for its token. Entries are found by the token itself, not its hash:
/// SHA-256 took 2 % of a customer read. The tokens stay in this process's memory, as they do while
/// their requests are handled. Logout, disabling a user and a password change drop theirs at once;
/// a session read before such a drop is not kept (`generation`), so it can't outlive it.
public final class SessionCache: Sendable {
    private struct Entry {
        var actor: Actor
        var expiresAt: Date
        var checkedAt: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Grows with every drop; a read that began before one may not be kept.
        var generation = 0
    }

    private let state = Mutex(State())
    private let lifetime: Duration
    private let capacity: Int

    public init(lifetime: Duration = .seconds(5), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    func actor(token: String, now: Date) -> Actor? {
        state.withLock { state in
            guard let entry = state.entries[token] else { return nil }
            guard entry.expiresAt > now, entry.checkedAt.duration(to: .now) < lifetime else {
                state.entries[token] = nil
                return nil
            }
            return entry.actor
        }
    }

    /// Taken before a session is read from the database, and handed to `store` with it.
    var generation: Int { state.withLock { $0.generation } }

    /// Keeps a session read when the cache was at `generation`, unless something was dropped since.
    func store(_ actor: Actor, token: String, expiresAt: Date, readAt generation: Int) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[token] = Entry(actor: actor, expiresAt: expiresAt, checkedAt: .now)
        }
    }

    func remove(tokenHash: String) {
        state.withLock { state in
            state.generation += 1
            state.entries = state.entries.filter { $0.value.actor.tokenHash != tokenHash }
        }
    }

    /// Drops every session of the user (disabled, renamed, moved or with a new password).
    public func remove(user: UserID) {
        state.withLock { state in
            state.generation += 1
            state.entries = state.entries.filter { $0.value.actor.user.id != user }
        }
    }
}

/// The data versions last seen in a store shared by several servers: a newer one drops this
/// server's copies of what changed, before the request that brought it reads them. The first one
/// seen drops them too, since nothing says how old the copies made before it are.
public final class DataVersionWatch: Sendable {
    private let seen = Mutex<DataVersions?>(nil)
    private let directoryChanged: @Sendable () -> Void
    private let settingsChanged: @Sendable () -> Void

    public init(directoryChanged: @escaping @Sendable () -> Void, settingsChanged: @escaping @Sendable () -> Void) {
        self.directoryChanged = directoryChanged
        self.settingsChanged = settingsChanged
    }

    public func observe(_ versions: DataVersions) {
        let (directory, settings) = seen.withLock { seen -> (Bool, Bool) in
            let old = seen
            seen = DataVersions(
                directory: max(old?.directory ?? .min, versions.directory), settings: max(old?.settings ?? .min, versions.settings))
            return (old.map { versions.directory > $0.directory } ?? true, old.map { versions.settings > $0.settings } ?? true)
        }
        if directory { directoryChanged() }
        if settings { settingsChanged() }
    }
}
