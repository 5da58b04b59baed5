import CRMCore
import Synchronization
import Testing

@Suite struct SnapshotTests {
    /// Counts loads; each takes long enough for every caller to arrive while it runs.
    final class Source: Sendable {
        let loads = Atomic(0)
        let failing = Atomic(false)

        func load() async throws -> Int {
            let count = loads.add(1, ordering: .relaxed).newValue
            try await Task.sleep(for: .milliseconds(50))
            if failing.load(ordering: .relaxed) { throw CancellationError() }
            return count
        }
    }

    @Test func callersArrivingTogetherShareOneLoad() async throws {
        let source = Source()
        let snapshot = Snapshot(lifetime: .seconds(60)) { try await source.load() }
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { try await snapshot.get() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(values == Array(repeating: 1, count: 16))
        #expect(source.loads.load(ordering: .relaxed) == 1)
    }

    @Test func aFailedLoadIsTriedAgainByTheNextCaller() async throws {
        let source = Source()
        source.failing.store(true, ordering: .relaxed)
        let snapshot = Snapshot(lifetime: .seconds(60)) { try await source.load() }
        await #expect(throws: CancellationError.self) { try await snapshot.get() }
        source.failing.store(false, ordering: .relaxed)
        #expect(try await snapshot.get() == 2)
    }

    @Test func aLoadThatPredatesAChangeIsNotKept() async throws {
        let source = Source()
        let snapshot = Snapshot(lifetime: .seconds(60)) { try await source.load() }
        async let stale = snapshot.get()
        try await Task.sleep(for: .milliseconds(10))
        snapshot.invalidate()
        #expect(try await stale == 1)
        #expect(try await snapshot.get() == 2)
    }

    @Test func aValuePastItsRefreshPointIsServedWhileItReloads() async throws {
        let source = Source()
        let snapshot = Snapshot(lifetime: .seconds(60), refreshAfter: .zero) { try await source.load() }
        #expect(try await snapshot.get() == 1)
        // Served at once: waiting for the reload it starts would return 2.
        #expect(try await snapshot.get() == 1)
        var value = 1
        for _ in 0..<100 where value == 1 {
            try await Task.sleep(for: .milliseconds(20))
            value = try await snapshot.get()
        }
        #expect(value == 2)
    }

    @Test func aValuePastItsLifetimeIsNeverServed() async throws {
        let source = Source()
        let snapshot = Snapshot(lifetime: .zero) { try await source.load() }
        #expect(try await snapshot.get() == 1)
        #expect(try await snapshot.get() == 2)
    }
}
