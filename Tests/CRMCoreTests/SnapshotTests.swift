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
}
