import CRMCore
import Foundation
import Hummingbird

/// A calendar day as `2026-11-29`.
func dayString(_ day: DateComponents) -> String {
    String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
}

struct VisitSummaryDTO: ResponseEncodable, Sendable {
    struct Day: Encodable, Sendable {
        var date: String
        var visits: Int
    }
    struct CustomerRow: Encodable, Sendable {
        var customerId: Int64
        var name: String
        var visits: Int
        var lastVisitAt: Date
    }
    var from: String
    var to: String
    var userIds: [Int64]
    var total: Int
    var workingDays: Int
    var averagePerWorkingDay: Double
    var customersVisited: Int
    var perDay: [Day]
    var byMethod: [String: Int]
    var byCustomer: [CustomerRow]

    init(_ summary: VisitSummary, userIds: [Int64]) {
        from = summary.perDay.first.map { dayString($0.day) } ?? ""
        to = summary.perDay.last.map { dayString($0.day) } ?? ""
        self.userIds = userIds
        total = summary.total
        workingDays = summary.workingDays
        averagePerWorkingDay = (summary.averagePerWorkingDay * 100).rounded() / 100
        customersVisited = summary.customersVisited
        perDay = summary.perDay.map { Day(date: dayString($0.day), visits: $0.visits) }
        byMethod = Dictionary(uniqueKeysWithValues: VisitMethod.allCases.map { ($0.rawValue, summary.byMethod[$0] ?? 0) })
        byCustomer = summary.byCustomer.map {
            CustomerRow(customerId: $0.customerId, name: $0.name, visits: $0.visits, lastVisitAt: $0.lastVisitAt)
        }
    }
}

struct PoolReportDTO: ResponseEncodable, Sendable {
    struct Owner: Encodable, Sendable {
        var userId: Int64
        var displayName: String
        var customers: Int
    }
    struct Day: Encodable, Sendable {
        var date: String
        var manual: Int
        var automatic: Int
    }
    var owners: [Owner]
    var publicCustomers: Int
    var releases: [Day]

    init(_ report: VisitService.PoolSummary) {
        owners = report.owners.map { Owner(userId: $0.userId, displayName: $0.displayName, customers: $0.customers) }
        publicCustomers = report.publicCustomers
        releases = report.releases.map { Day(date: dayString($0.day), manual: $0.manual, automatic: $0.automatic) }
    }
}
