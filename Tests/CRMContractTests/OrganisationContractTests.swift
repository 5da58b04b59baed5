import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// Departments, positions, roles and pages.
    @Suite struct OrganisationTests {
        @Test(arguments: Backend.allCases)
        func deletingADepartmentRemovesItsSubtreeAndPositionsAndUnassignsTheirUsers(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let org = repos.organisation
            let sales = try await org.createDepartment(name: "销售部", parentId: nil, sortOrder: 0)
            let north = try await org.createDepartment(name: "华北区", parentId: sales.id, sortOrder: 0)
            let finance = try await org.createDepartment(name: "财务部", parentId: nil, sortOrder: 1)
            let role = try await repos.roles.createRole(name: "销售", description: nil)
            let manager = try await org.createPosition(departmentId: sales.id, name: "经理", manageSubordinates: true, roleIds: [role.id])
            let seller = try await org.createPosition(departmentId: north.id, name: "销售", manageSubordinates: false, roleIds: [])
            let accountant = try await org.createPosition(departmentId: finance.id, name: "会计", manageSubordinates: false, roleIds: [])
            let u1 = try await repos.users.create(newUser("u1", position: manager.id), at: Date())
            let u2 = try await repos.users.create(newUser("u2", position: seller.id), at: Date())
            let u3 = try await repos.users.create(newUser("u3", position: accountant.id), at: Date())

            #expect(try await org.deleteDepartment(id: sales.id))
            let chart = try await org.chart()
            #expect(chart.departments.map(\.id) == [finance.id])
            #expect(chart.positions.map(\.id) == [accountant.id])
            #expect(try await repos.users.user(id: u1.id)?.positionId == nil)
            #expect(try await repos.users.user(id: u2.id)?.positionId == nil)
            #expect(try await repos.users.user(id: u3.id)?.positionId == accountant.id)
            #expect(try await org.position(id: seller.id) == nil)
            #expect(try await repos.roles.role(id: role.id) != nil)
            #expect(try await org.deleteDepartment(id: sales.id) == false)
        }

        @Test(arguments: Backend.allCases)
        func theChartListsDepartmentsBySortOrderThenIdWithPositionsAndWhoHoldsThem(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let org = repos.organisation
            let b = try await org.createDepartment(name: "B", parentId: nil, sortOrder: 2)
            let a = try await org.createDepartment(name: "A", parentId: nil, sortOrder: 1)
            let c = try await org.createDepartment(name: "C", parentId: b.id, sortOrder: 1)
            #expect(a == Department(id: a.id, name: "A", parentId: nil, sortOrder: 1))
            let role = try await repos.roles.createRole(name: "R", description: nil)
            let lead = try await org.createPosition(departmentId: c.id, name: "组长", manageSubordinates: true, roleIds: [role.id])
            #expect(lead == Position(id: lead.id, departmentId: c.id, name: "组长", manageSubordinates: true, roleIds: [role.id]))
            let placed = try await repos.user("placed", position: lead.id)
            let unplaced = try await repos.user("unplaced")

            var chart = try await org.chart()
            #expect(chart.departments == [a, c, b])
            #expect(chart.positions == [lead])
            #expect(chart.userPositions[placed.id] == .some(lead.id))
            #expect((chart.userPositions[unplaced.id] ?? nil) == nil)

            // Renamed, moved under A and placed first among A's siblings.
            let moved = Department(id: b.id, name: "B2", parentId: a.id, sortOrder: 0)
            try await org.updateDepartment(moved)
            chart = try await org.chart()
            #expect(chart.departments == [moved, a, c])
            #expect(chart.subtree(of: a.id) == [a.id, b.id, c.id])
        }

        @Test(arguments: Backend.allCases)
        func aPositionUpdateMovesItRenamesItAndReplacesItsRoles(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let org = repos.organisation
            let first = try await org.createDepartment(name: "一部", parentId: nil, sortOrder: 0)
            let second = try await org.createDepartment(name: "二部", parentId: nil, sortOrder: 0)
            let r1 = try await repos.roles.createRole(name: "r1", description: nil)
            let r2 = try await repos.roles.createRole(name: "r2", description: nil)
            let r3 = try await repos.roles.createRole(name: "r3", description: nil)
            let position = try await org.createPosition(departmentId: first.id, name: "销售", manageSubordinates: false, roleIds: [r1.id, r2.id])
            #expect(try await org.position(id: position.id) == position)

            let changed = Position(id: position.id, departmentId: second.id, name: "主管", manageSubordinates: true, roleIds: [r2.id, r3.id])
            try await org.updatePosition(changed)
            #expect(try await org.position(id: position.id) == changed)
            #expect(try await org.chart().positions == [changed])
            try await org.updatePosition(Position(id: position.id, departmentId: second.id, name: "主管", manageSubordinates: true, roleIds: []))
            #expect(try await org.position(id: position.id)?.roleIds == [])
            #expect(try await org.position(id: position.id + 1000) == nil)
            #expect(try await org.deletePosition(id: position.id + 1000) == false)
        }

        @Test(arguments: Backend.allCases)
        func deletingAPositionUnassignsItsUsersAndRolesGrantPagesThroughPositions(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            for page in BuiltInPages.all { try await repos.pages.create(page) }
            let department = try await repos.organisation.createDepartment(name: "销售部", parentId: nil, sortOrder: 0)
            let r1 = try await repos.roles.createRole(name: "A", description: "first")
            let r2 = try await repos.roles.createRole(name: "B", description: nil)
            await expectConflict { try await repos.roles.createRole(name: "a", description: nil) }
            try await repos.roles.setPages(["customers.mine", "plans"], for: r1.id)
            try await repos.roles.setPages(["plans", "reports.visits"], for: r2.id)
            let position = try await repos.organisation.createPosition(
                departmentId: department.id, name: "销售", manageSubordinates: false, roleIds: [r1.id, r2.id])
            #expect(try await repos.organisation.position(id: position.id)?.roleIds == [r1.id, r2.id])
            #expect(try await repos.roles.allGrants() == [position.id: ["customers.mine", "plans", "reports.visits"]])

            #expect(try await repos.roles.deleteRole(id: r2.id))
            #expect(try await repos.roles.deleteRole(id: r2.id) == false)
            #expect(try await repos.roles.allGrants() == [position.id: ["customers.mine", "plans"]])
            #expect(try await repos.organisation.position(id: position.id)?.roleIds == [r1.id])

            let user = try await repos.users.create(newUser("seller", position: position.id), at: Date())
            #expect(try await repos.organisation.deletePosition(id: position.id))
            #expect(try await repos.users.user(id: user.id)?.positionId == nil)
            #expect(try await repos.roles.allGrants().isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func rolesAreListedInIdOrderWithTheirPagesAndRenamedOnlyToAFreeName(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            for page in BuiltInPages.all { try await repos.pages.create(page) }
            let seller = try await repos.roles.createRole(name: "Seller", description: "一线")
            let manager = try await repos.roles.createRole(name: "Manager", description: nil)
            #expect(seller == Role(id: seller.id, name: "Seller", description: "一线", menuIds: []))
            try await repos.roles.setPages(["customers.mine", "customers.add"], for: seller.id)
            try await repos.roles.setPages(["plans"], for: seller.id)
            #expect(try await repos.roles.role(id: seller.id)?.menuIds == ["plans"])
            try await repos.roles.setPages([], for: seller.id)
            #expect(try await repos.roles.role(id: seller.id)?.menuIds == [])
            try await repos.roles.setPages(["customers.add", "customers.mine"], for: seller.id)

            let renamed = Role(id: seller.id, name: "Sales", description: nil, menuIds: ["customers.add", "customers.mine"])
            try await repos.roles.updateRole(renamed)
            #expect(try await repos.roles.role(id: seller.id) == renamed)
            await expectConflict { try await repos.roles.updateRole(Role(id: manager.id, name: "SALES", description: nil, menuIds: [])) }
            #expect(try await repos.roles.role(id: manager.id)?.name == "Manager")
            // A change of case alone is no clash with itself.
            try await repos.roles.updateRole(Role(id: manager.id, name: "MANAGER", description: "经理", menuIds: []))
            #expect(try await repos.roles.roles() == [
                renamed, Role(id: manager.id, name: "MANAGER", description: "经理", menuIds: []),
            ])
            #expect(try await repos.roles.role(id: manager.id + 1000) == nil)
        }

        @Test(arguments: Backend.allCases)
        func builtInPagesCannotBeDeletedAndMenuIdsAreUnique(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let builtIn = BuiltInPages.all[0]
            try await repos.pages.create(builtIn)
            await expectConflict { try await repos.pages.create(builtIn) }
            #expect(try await repos.pages.delete(menuId: builtIn.menuId) == false)
            let custom = Page(menuId: "x.link", title: "链接", parentId: builtIn.menuId, sortOrder: 5, url: "https://example.com",
                              checkPermission: false, showInMenu: true, builtIn: false)
            try await repos.pages.create(custom)
            #expect(try await repos.pages.pages().first { $0.menuId == "x.link" } == custom)
            #expect(try await repos.pages.delete(menuId: "x.link"))
            #expect(try await repos.pages.pages().contains { $0.menuId == "x.link" } == false)
            #expect(try await repos.pages.pages() == [builtIn])
        }

        @Test(arguments: Backend.allCases)
        func pagesAreListedBySortOrderThenMenuIdAndUpdatedInPlace(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            func page(_ id: MenuID, order: Int, parent: MenuID? = nil) -> Page {
                Page(menuId: id, title: id, parentId: parent, sortOrder: order, checkPermission: true, showInMenu: true, builtIn: false)
            }
            let root = page("root", order: 1)
            let b = page("b", order: 5, parent: "root")
            let a = page("a", order: 5, parent: "root")
            let first = page("Z", order: 0)
            for page in [root, b, a, first] { try await repos.pages.create(page) }
            #expect(try await repos.pages.pages() == [first, root, a, b])

            let changed = Page(
                menuId: "b", title: "外部链接", parentId: nil, sortOrder: -1, icon: "link", url: "https://example.com/crm",
                checkPermission: false, showInMenu: false, builtIn: false)
            try await repos.pages.update(changed)
            #expect(try await repos.pages.pages() == [changed, first, root, a])
        }

        @Test(arguments: Backend.allCases)
        func aDeletedPageIsNoLongerGranted(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let link = Page(menuId: "x.link", title: "链接", parentId: nil, sortOrder: 1, checkPermission: true, showInMenu: true, builtIn: false)
            let kept = Page(menuId: "x.kept", title: "保留", parentId: nil, sortOrder: 2, checkPermission: true, showInMenu: true, builtIn: false)
            try await repos.pages.create(link)
            try await repos.pages.create(kept)
            let role = try await repos.roles.createRole(name: "R", description: nil)
            try await repos.roles.setPages(["x.kept", "x.link"], for: role.id)
            let department = try await repos.organisation.createDepartment(name: "D", parentId: nil, sortOrder: 0)
            let position = try await repos.organisation.createPosition(
                departmentId: department.id, name: "P", manageSubordinates: false, roleIds: [role.id])
            #expect(try await repos.pages.delete(menuId: "x.link"))
            #expect(try await repos.roles.allGrants() == [position.id: ["x.kept"]])
            #expect(try await repos.roles.role(id: role.id)?.menuIds == ["x.kept"])
        }
    }
}
