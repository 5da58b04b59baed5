import CRMCore
import Foundation
import Hummingbird

/// The managers' summaries (汇总分析).
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET | /api/v1/reports/visits | reports.visits |
/// | GET | /api/v1/reports/pool | reports.pool |
struct ReportController {
    let service: VisitService
    let timeZone: TimeZone

    func addRoutes(to endpoints: Endpoints) {
        endpoints.on(.get, "reports/visits", menu: "reports.visits") { request, context in
            var reader = QueryReader(request, timeZone: timeZone)
            let userIds = reader.ids("userId") ?? []
            let (from, to) = Self.range(&reader)
            let customerLimit = reader.limit()
            try reader.check()
            let summary = try await service.summary(
                userIds: userIds, from: from, to: to, customerLimit: customerLimit, by: context.user)
            return VisitSummaryDTO(summary, userIds: (userIds.isEmpty ? [context.user.id] : userIds).sorted())
        }
        endpoints.on(.get, "reports/pool", menu: "reports.pool") { request, context in
            var reader = QueryReader(request, timeZone: timeZone)
            let (from, to) = Self.range(&reader)
            try reader.check()
            return PoolReportDTO(try await service.poolReport(from: from, to: to, by: context.user))
        }
    }

    /// `from` and `to` (inclusive dates); by default the current month, or the month from `from`.
    static func range(_ reader: inout QueryReader) -> (DateComponents, DateComponents) {
        let calendar = reader.calendar
        let today = calendar.dateComponents([.year, .month, .day], from: Date())
        let from = reader.day("from") ?? DateComponents(year: today.year, month: today.month, day: 1)
        let monthEnd = calendar.date(from: from)
            .flatMap { calendar.date(byAdding: DateComponents(month: 1, day: -1), to: $0) }
            .map { calendar.dateComponents([.year, .month, .day], from: $0) }
        return (from, reader.day("to") ?? monthEnd ?? from)
    }
}
