import CRMStorage
import Foundation
import Logging
import ServiceLifecycle

/// Keeps the query planner's statistics current: at start when the database has none, then at an
/// interval (a day), since the best plan for a list depends on how its filter's customers spread.
struct PlannerStatistics: Service {
    let store: SQLiteStore
    let interval: TimeInterval
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var due = (try? await store.hasStatistics()) == false
            while !Task.isCancelled {
                if due { await refresh() }
                due = true
                try? await Task.sleep(for: .seconds(interval))
            }
        }
    }

    func refresh() async {
        let start = ContinuousClock.now
        do {
            try await store.analyze()
            logger.info("refreshed the query planner's statistics in \(ContinuousClock.now - start)")
        } catch {
            logger.error("refreshing the query planner's statistics failed: \(error)")
        }
    }
}
