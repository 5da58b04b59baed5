import Foundation
import Logging
import ServiceLifecycle

/// Keeps the query planner's statistics current, since the best plan for a list depends on how
/// its filter's customers spread: looks every `check` whether they are missing or the customers
/// have more than doubled, and refreshes them then and every `refresh` anyway.
public struct PlannerStatistics: Service {
    let store: SQLiteStore
    let check: Duration
    let refresh: Duration
    let logger: Logger

    public init(store: SQLiteStore, check: Duration = .seconds(600), refresh: Duration = .seconds(86_400), logger: Logger) {
        self.store = store
        self.check = check
        self.refresh = refresh
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var refreshed = ContinuousClock.now
            while !Task.isCancelled {
                if (try? await store.statisticsAreStale()) == true || ContinuousClock.now - refreshed >= refresh {
                    await analyze()
                    refreshed = .now
                }
                try? await Task.sleep(for: check)
            }
        }
    }

    func analyze() async {
        let start = ContinuousClock.now
        do {
            try await store.analyze()
            logger.info("refreshed the query planner's statistics in \(ContinuousClock.now - start)")
        } catch {
            logger.error("refreshing the query planner's statistics failed: \(error)")
        }
    }
}
