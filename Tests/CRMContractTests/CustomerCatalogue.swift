import CRMCore
import Foundation
import Testing

/// Two dozen customers of three owners and the pool, of both types, every importance, two
/// categories, several industries and regions, Chinese and Latin names, created an hour apart,
/// some visited, some edited (some at one moment), for list tests to check every answer against.
struct Catalogue {
    let repos: Repositories
    let north: User
    let south: User
    let east: User
    let openCategory: CRMCore.Category
    let closedCategory: CRMCore.Category
    /// Every customer as the store reads it, in id order.
    let customers: [Customer]

    static let names = [
        "北京星辰科技有限公司", "上海星辰贸易有限公司", "Acme Trading Co., Ltd.", "ＡＣＭＥ Robotics GmbH", "广州远航物流有限公司",
        "杭州瑞丰医药股份有限公司", "成都天成电子有限公司", "Zeta Logistics", "(北京)恒信咨询有限公司", "深圳博远网络科技有限公司",
        "武汉金桥建材有限公司", "南京东方食品有限公司", "Omega Foods Inc.", "西安鼎盛机械有限公司", "苏州华夏传媒有限公司",
        "重庆百川能源有限公司", "天津安泰化工有限公司", "alpha beta gamma llc", "长沙中联纺织有限公司", "青岛汇通汽车有限公司",
        "Beta Star Studio", "厦门海纳科技有限公司", "星辰 Star 联合有限公司", "宁波凯旋贸易有限公司",
    ]
    static let industries: [String?] = ["科技", "贸易", nil, "物流"]
    static let regions: [String?] = ["北京", "上海", "广州", nil, "沪"]

    static func make(_ backend: Backend) async throws -> Catalogue {
        let repos = try await backend.makeRepositories()
        let north = try await repos.user("north")
        let south = try await repos.user("south")
        let east = try await repos.user("east")
        let openCategory = try await repos.settings.createCategory(name: "意向", type: .open, iconFileId: nil, sortOrder: 0)
        let closedCategory = try await repos.settings.createCategory(name: "成交", type: .closed, iconFileId: nil, sortOrder: 0)
        var ids: [CustomerID] = []
        for (index, name) in names.enumerated() {
            let type: CustomerType = index % 6 == 5 ? .closed : .open
            var fields = CustomerFields(
                name: name, categoryId: type == .closed ? (index % 2 == 1 ? closedCategory.id : nil) : (index % 3 == 0 ? openCategory.id : nil),
                type: type, importance: 1 + (index * 3) % 5)
            fields.website = index % 2 == 0 ? "www.site\(index).com" : nil
            fields.phone = "0\(10 + index)-6500\(1000 + index)"
            fields.address = "某市人民路\(index * 7)号"
            fields.region = regions[index % regions.count]
            fields.industry = industries[index % industries.count]
            fields.source = index % 3 == 0 ? "展会" : nil
            fields.notes = index % 5 == 0 ? "重点客户\n第\(index)次" : nil
            let owner = [north, south, east, north][index % 4]
            let customer = try await repos.customers.create(fields, owner: owner.id, at: t0 + Double(index) * hour)
            ids.append(customer.id)
            if index % 4 == 3 {
                _ = try await repos.customers.transfer(
                    [OwnerExpectation(id: customer.id, owner: north.id)], to: nil, action: .released, actor: north.id, at: t0 + 2 * day)
            }
            if index % 4 == 2 {
                // Three pairs edited at the same moment: ties in the order of updates.
                try await repos.customers.update(
                    id: customer.id, fields, restartTracking: false, at: t0 + 3 * day + Double(index % 3) * minute)
            }
            if index % 3 == 1 {
                _ = try await repos.visit(customer, by: north, at: t0 + Double(4 + index % 4) * day)
                if index % 6 == 1 { _ = try await repos.visit(customer, by: south, at: t0 + day) }
            }
        }
        let customers = try await repos.customers.customers(ids: ids).sorted { $0.id < $1.id }
        #expect(customers.map(\.id) == ids)
        return Catalogue(
            repos: repos, north: north, south: south, east: east, openCategory: openCategory, closedCategory: closedCategory,
            customers: customers)
    }

    /// What a list must hold: every match of the query, in its order (the cursor aside).
    func expected(_ query: CustomerQuery) -> [Customer] {
        customers.filter { Self.matches($0, query) }.sorted { Self.precedes($0, $1, query.sort) }
    }

    static func matches(_ customer: Customer, _ query: CustomerQuery) -> Bool {
        func within(_ date: Date?, _ from: Date?, _ to: Date?) -> Bool {
            if from == nil && to == nil { return true }
            guard let date else { return false }
            return (from.map { date >= $0 } ?? true) && (to.map { date < $0 } ?? true)
        }
        let fields = customer.fields
        return admits(query.owners, customer.ownerId) && (query.keyword.map { holds(customer, $0) } ?? true)
            && (query.categoryId.map { fields.categoryId == $0 } ?? true) && (query.type.map { fields.type == $0 } ?? true)
            && (query.importance.map { fields.importance == $0 } ?? true) && (query.ownerId.map { customer.ownerId == $0 } ?? true)
            && (query.industry.map { fields.industry == $0 } ?? true) && (query.region.map { fields.region == $0 } ?? true)
            && within(customer.createdAt, query.createdFrom, query.createdTo)
            && within(customer.lastVisitAt, query.lastVisitFrom, query.lastVisitTo)
    }

    /// Whether one of the customer's text fields, folded, holds the folded keyword.
    static func holds(_ customer: Customer, _ keyword: String) -> Bool {
        customer.fields.searchable.contains { CustomerName.fold($0).contains(keyword) }
    }

    /// The order of a sort: its key, then the id in the same direction; names by their folded
    /// form, character by character (Unicode code points).
    static func precedes(_ a: Customer, _ b: Customer, _ sort: CustomerSort) -> Bool {
        func byName(_ a: Customer, _ b: Customer) -> Bool {
            let (x, y) = (CustomerName.key(a.fields.name), CustomerName.key(b.fields.name))
            return x == y ? a.id < b.id : x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        }
        return switch sort {
        case .newest: (a.createdAt, a.id) > (b.createdAt, b.id)
        case .oldest: (a.createdAt, a.id) < (b.createdAt, b.id)
        case .name: byName(a, b)
        case .nameDescending: byName(b, a)
        case .mostImportant: (a.fields.importance, a.id) > (b.fields.importance, b.id)
        case .leastImportant: (a.fields.importance, a.id) < (b.fields.importance, b.id)
        case .recentlyUpdated: (a.updatedAt, a.id) > (b.updatedAt, b.id)
        }
    }
}

extension CustomerRepository {
    /// Every page of a list, following `next` from the first page, each checked against what any
    /// page promises: at most `limit` customers, at least one where a `next` follows, and the
    /// total (when counted) the same on every page. Stops after `maxPages`, a walk that never ends.
    func walk(
        _ query: CustomerQuery, total expectedTotal: Int? = nil, maxPages: Int = 200, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [Customer] {
        var query = query
        var items: [Customer] = []
        for _ in 0..<maxPages {
            let page = try await list(query, count: expectedTotal != nil)
            #expect(page.items.count <= query.limit, "a page longer than its limit", sourceLocation: sourceLocation)
            if let expectedTotal {
                #expect(page.total == expectedTotal, "the total", sourceLocation: sourceLocation)
            }
            items += page.items
            guard let next = page.next else { return items }
            #expect(!page.items.isEmpty, "an empty page with a next cursor", sourceLocation: sourceLocation)
            query.after = next
        }
        Issue.record("the walk did not end after \(maxPages) pages", sourceLocation: sourceLocation)
        return items
    }
}
