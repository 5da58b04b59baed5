import CRMCore
import Foundation
import Logging

/// Fills an empty database with a believable company: `crm seed-demo`.
public struct DemoSeeder: Sendable {
    public static let password = "demo1234"

    public var customers = 1_000_000
    public var salespeople = 50
    public var visitsPerDay = 20
    public var days = 365

    public init() {}

    public func run(services: CRMServices, loader: any DemoLoader, config: AppConfig, log: (String) -> Void) async throws {
        guard try await loader.isEmpty() else {
            throw ConfigError(description: "seed-demo fills an empty database, and this one has customers already")
        }
        let started = Date()
        let now = Date()
        var random = DemoData.Random(seed: 2026)
        let (salesIds, managerCount) = try await organisation(services, config: config)
        log("organisation: \(salesIds.count) salespeople and \(managerCount) managers, password \(Self.password)")

        let categories = try await services.settings.categories()
        let openCategories = categories.filter { $0.type == .open }.map(\.id)
        let closedCategory = categories.first { $0.type == .closed }?.id
        let protection = try await services.settings.settings().protectionDays
        var owned: [UserID: [CustomerID]] = [:]
        var batch: [(fields: CustomerFields, owner: UserID?, createdAt: Date, trackingSince: Date?)] = []
        var contacts: [Contact] = []
        func flush() async throws {
            let ids = try await loader.insertCustomers(batch)
            for (row, id) in zip(batch, ids) {
                if let owner = row.owner, row.fields.type == .open { owned[owner, default: []].append(id) }
                if id % 10 == 0 {
                    contacts.append(
                        Contact(id: 0, customerId: id, name: DemoData.personName(Int(id)), title: "采购经理",
                                mobile: "13\(String(format: "%09d", Int(id) * 37 % 1_000_000_000))", primary: true))
                }
            }
            try await loader.insertContacts(contacts)
            contacts.removeAll(keepingCapacity: true)
            batch.removeAll(keepingCapacity: true)
        }
        let span = Double(days) * 86_400
        for index in 0..<customers {
            var fields = DemoData.company(Int(UInt64(index) &* 2_654_435_761 % UInt64(max(customers, 1) * 8)))
            let isPublic = Int.random(in: 0..<5, using: &random) == 0
            let owner = isPublic ? nil : salesIds[index % salesIds.count]
            if Int.random(in: 0..<10, using: &random) == 0, let closedCategory {
                fields.type = .closed
                fields.categoryId = closedCategory
            } else {
                fields.categoryId = openCategories.randomElement(using: &random)
            }
            // Customers are added over the span in id order, as a real database fills.
            let created = now - span * Double(customers - index) / Double(customers)
            // Owned customers started tracking recently, so the first sweep doesn't empty the demo.
            let window = Double(max(protection - 3, 1)) * 86_400
            let tracking = owner == nil ? nil : max(created, now - Double.random(in: 0..<window, using: &random))
            batch.append((fields, owner, created, tracking))
            if batch.count == 10_000 { try await flush() }
            if (index + 1) % 100_000 == 0 { log("customers: \(index + 1) after \(Self.seconds(since: started))") }
        }
        try await flush()
        log("customers: \(customers) in \(Self.seconds(since: started))")

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = config.timeZone
        var visits: [Visit] = []
        var total = 0
        for dayOffset in stride(from: days, to: 0, by: -1) {
            let day = calendar.startOfDay(for: now - Double(dayOffset) * 86_400)
            guard !calendar.isDateInWeekend(day) else { continue }
            for seller in salesIds {
                guard let theirs = owned[seller], !theirs.isEmpty else { continue }
                for visit in 0..<visitsPerDay {
                    let at = day + 9 * 3600 + Double(visit) * 1200 + Double.random(in: 0..<600, using: &random)
                    visits.append(
                        Visit(
                            id: 0, customerId: theirs.randomElement(using: &random)!, userId: seller, visitedAt: at,
                            method: [.visit, .visit, .phone, .phone, .wechat, .email, .other][visit % 7], contactId: nil,
                            content: DemoData.topic(visit + dayOffset), nextStep: visit % 3 == 0 ? "下周再联系" : nil,
                            planId: nil, createdAt: at))
                }
            }
            if visits.count >= 20_000 {
                total += visits.count
                try await loader.insertVisits(visits)
                visits.removeAll(keepingCapacity: true)
            }
        }
        total += visits.count
        try await loader.insertVisits(visits)
        log("visits: \(total) in \(Self.seconds(since: started))")

        var plans: [Plan] = []
        for seller in salesIds {
            guard let theirs = owned[seller], !theirs.isEmpty else { continue }
            for index in 0..<10 {
                let at = calendar.startOfDay(for: now) + Double(index - 2) * 86_400 + 10 * 3600
                plans.append(
                    Plan(
                        id: 0, customerId: theirs.randomElement(using: &random)!, userId: seller, plannedAt: at,
                        subject: DemoData.topic(index), notes: nil, status: .pending, visitId: nil, createdAt: now))
            }
        }
        try await loader.insertPlans(plans)
        try await loader.finish()
        log("done: \(customers) customers, \(total) visits, \(plans.count) plans in \(Self.seconds(since: started))")
    }

    /// 总部 › 销售中心 › four regions › two teams each, with a manager at every level.
    func organisation(_ services: CRMServices, config: AppConfig) async throws -> (sales: [UserID], managers: Int) {
        let organisation = services.organisation
        let sellerPages: [MenuID] = [
            "customers.add", "customers.mine", "customers.public", "customers.search", "customers.detail", "customers.edit",
            "customers.release", "customers.claim", "customers.delete", "visits.mine", "plans",
        ]
        let managerPages = sellerPages + [
            "customers.team", "customers.assign", "customers.import", "customers.export", "visits.query", "reports.visits",
            "reports.pool",
        ]
        let seller = try await organisation.createRole(name: "销售代表", description: "一线销售")
        _ = try await organisation.setRolePages(id: seller.id, menuIds: sellerPages)
        let manager = try await organisation.createRole(name: "销售经理", description: "管理下属的客户与拜访")
        _ = try await organisation.setRolePages(id: manager.id, menuIds: managerPages)

        let hash = try await BcryptHasher(cost: UInt8(config.bcryptCost)).hash(Self.password)
        var people = 0
        func user(_ username: String, position: PositionID) async throws -> UserID {
            people += 1
            let new = NewUser(username: username, displayName: DemoData.personName(people * 7), positionId: position, isAdmin: false, passwordHash: hash)
            return try await services.repositories.users.create(new, at: Date()).id
        }
        let hq = try await organisation.createDepartment(name: "总部", parentId: nil, sortOrder: 0)
        let gm = try await organisation.createPosition(departmentId: hq.id, name: "总经理", manageSubordinates: true, roleIds: [manager.id])
        _ = try await user("gm", position: gm.id)
        let center = try await organisation.createDepartment(name: "销售中心", parentId: hq.id, sortOrder: 0)
        let director = try await organisation.createPosition(departmentId: center.id, name: "销售总监", manageSubordinates: true, roleIds: [manager.id])
        _ = try await user("director", position: director.id)
        var teams: [PositionID] = []
        for (index, region) in ["华北大区", "华东大区", "华南大区", "西部大区"].enumerated() {
            let department = try await organisation.createDepartment(name: region, parentId: center.id, sortOrder: index)
            let lead = try await organisation.createPosition(departmentId: department.id, name: "大区经理", manageSubordinates: true, roleIds: [manager.id])
            _ = try await user("manager\(index + 1)", position: lead.id)
            for team in ["一组", "二组"] {
                let group = try await organisation.createDepartment(name: region + team, parentId: department.id, sortOrder: 0)
                teams.append(
                    try await organisation.createPosition(departmentId: group.id, name: "销售代表", manageSubordinates: false, roleIds: [seller.id]).id)
            }
        }
        var sales: [UserID] = []
        for index in 0..<salespeople {
            sales.append(try await user(String(format: "sales%02d", index + 1), position: teams[index % teams.count]))
        }
        return (sales, people - sales.count)
    }

    static func seconds(since start: Date) -> String {
        String(format: "%.1f s", Date().timeIntervalSince(start))
    }
}
