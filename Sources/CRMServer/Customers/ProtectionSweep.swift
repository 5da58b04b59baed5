import CRMCore
import Foundation
import Logging
import ServiceLifecycle

/// Releases customers whose protection ran out, at an interval, for as long as the server runs.
struct ProtectionSweep: Service {
    let customers: CustomerService
    let interval: TimeInterval
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sweep()
                try? await Task.sleep(for: .seconds(interval))
            }
        }
    }

    func sweep() async {
        do {
            let released = try await customers.sweep(asOf: Date(), dryRun: false)
            if released > 0 {
                logger.notice("released \(released) customers whose protection ran out into the public pool")
            }
        } catch {
            logger.error("the protection sweep failed: \(error)")
        }
    }
}
