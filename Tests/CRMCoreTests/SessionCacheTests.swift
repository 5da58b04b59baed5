import Foundation
import Synchronization
import Testing

@testable import CRMCore

@Suite struct SessionCacheTests {
    let alice = Actor(
        user: User(id: 7, username: "alice", displayName: "Alice", positionId: nil, active: true, isAdmin: false, createdAt: Date()),
        tokenHash: "hash-a")

    /// A session read just before the user was disabled must not come back into the cache after it.
    @Test func aSessionReadBeforeADropIsNotKept() {
        let cache = SessionCache()
        let readAt = cache.generation
        cache.remove(user: 7)
        cache.store(alice, token: "a", expiresAt: Date() + 60, readAt: readAt)
        #expect(cache.actor(token: "a", now: Date()) == nil)
        cache.store(alice, token: "a", expiresAt: Date() + 60, readAt: cache.generation)
        #expect(cache.actor(token: "a", now: Date()) == alice)
        cache.remove(tokenHash: "hash-a")
        #expect(cache.actor(token: "a", now: Date()) == nil)
    }

    /// Newer versions drop the copies they make stale; the first ones seen drop both.
    @Test func newerDataVersionsDropTheCopiesTheyConcern() {
        let drops = Mutex<[String]>([])
        let watch = DataVersionWatch(
            directoryChanged: { drops.withLock { $0.append("directory") } }, settingsChanged: { drops.withLock { $0.append("settings") } })
        watch.observe(DataVersions(directory: 3, settings: 5))
        #expect(drops.withLock { $0 } == ["directory", "settings"])
        watch.observe(DataVersions(directory: 3, settings: 5))
        watch.observe(DataVersions(directory: 2, settings: 4))  // a request that read before the last one
        #expect(drops.withLock { $0 }.count == 2)
        watch.observe(DataVersions(directory: 4, settings: 5))
        #expect(drops.withLock { $0 } == ["directory", "settings", "directory"])
        watch.observe(DataVersions(directory: 4, settings: 6))
        #expect(drops.withLock { $0 }.last == "settings")
    }
}
