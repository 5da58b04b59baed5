import ArgumentParser
import CRMCore
import CRMServer
import Foundation

/// The benchmark's in-process half: the same operations as the HTTP runs, called on the services
/// directly, so `scripts/bench` can show what HTTP adds.
struct BenchQueries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-queries", abstract: "Time the benchmark's queries in-process (used by scripts/bench).",
        shouldDisplay: false)

    @OptionGroup var options: Options
    @Option(help: "The salesperson whose view is measured.") var user = "sales01"
    @Option(help: "The manager whose team summary is measured.") var manager = "manager1"
    @Option(help: "Calls per operation.") var iterations = 300
    @Option(parsing: .upToNextOption, help: "Search keywords.") var keywords: [String] = []

    func run() async throws {
        try await failingCleanly {
            let config = try options.config()
            try await OpenStore.with(config, logger: makeLogger(config)) { store in
                let services = CRMServices(repositories: store.repositories, config: config)
                guard let seller = try await services.repositories.users.credentials(username: user)?.user,
                    let boss = try await services.repositories.users.credentials(username: manager)?.user
                else { throw ConfigError(description: "no users \(user) and \(manager): run seed-demo first") }
                var mine = CustomerQuery()
                mine.limit = 200
                let ids = try await services.customers.list(.mine, mine, count: false, by: seller).items.map(\.id)
                var results: [[String: Any]] = []
                func measure(_ name: String, _ body: (Int) async throws -> Void) async throws {
                    var times: [Double] = []
                    for index in 0..<iterations {
                        let start = DispatchTime.now().uptimeNanoseconds
                        try await body(index)
                        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    }
                    times.sort()
                    results.append([
                        "name": name, "p50_ms": times[times.count / 2], "p99_ms": times[min(times.count - 1, times.count * 99 / 100)],
                    ])
                }
                try await measure("customer") { index in
                    _ = try await services.customers.customer(id: ids[index % ids.count], by: seller)
                }
                try await measure("list_mine") { _ in
                    var query = CustomerQuery()
                    query.limit = 50
                    _ = try await services.customers.list(.mine, query, count: false, by: seller)
                }
                try await measure("search") { index in
                    var query = CustomerQuery()
                    query.keyword = CustomerName.fold(keywords.isEmpty ? "星辰" : keywords[index % keywords.count])
                    query.limit = 50
                    _ = try await services.customers.list(.all, query, count: false, by: seller)
                }
                try await measure("advanced") { index in
                    var query = CustomerQuery()
                    query.industry = DemoData.trades[index % DemoData.trades.count]
                    query.importance = 1 + index % 5
                    query.limit = 50
                    _ = try await services.customers.list(.all, query, count: false, by: seller)
                }
                try await measure("check") { index in
                    _ = try await services.customers.check(name: DemoData.company(index * 7).name, by: seller)
                }
                let team = try await services.organisation.team(of: boss).map(\.user.id)
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = config.timeZone
                let month = calendar.dateComponents([.year, .month], from: Date())
                let first = DateComponents(year: month.year, month: month.month, day: 1)
                let last = calendar.dateComponents(
                    [.year, .month, .day], from: calendar.date(byAdding: DateComponents(month: 1, day: -1), to: calendar.date(from: first)!)!)
                try await measure("summary") { _ in
                    _ = try await services.visits.summary(userIds: Set(team), from: first, to: last, customerLimit: 50, by: boss)
                }
                let data = try JSONSerialization.data(withJSONObject: results, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
        }
    }
}
