import CRMCore
import Foundation
import Testing

extension RepositoryContractTests {
    /// System settings, categories, required fields, uploaded files and desktops.
    @Suite struct SettingsTests {
        static let png = ImageInfo(mediaType: "image/png", width: 2, height: 3)

        @Test(arguments: Backend.allCases)
        func settingsStartAsTheDefaultsAndAreSavedWhole(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            #expect(try await repos.settings.settings() == Settings())
            let file = try await repos.settings.storeFile([1, 2, 3], image: Self.png, owner: try await repos.user("admin").id, purpose: "background", at: t0)
            var settings = Settings()
            settings.systemTitle = "Sales CRM 销售"
            settings.protectionDays = 0
            settings.defaultBackgroundFileId = file.id
            settings.defaultShortcuts = [Shortcut(menuId: "customers.mine", title: "我的", iconFileId: file.id), Shortcut(menuId: "plans")]
            try await repos.settings.save(settings)
            #expect(try await repos.settings.settings() == settings)
            settings.defaultShortcuts = []
            settings.defaultBackgroundFileId = nil
            try await repos.settings.save(settings)
            #expect(try await repos.settings.settings() == settings)
        }

        @Test(arguments: Backend.allCases)
        func aNewStoreHasTheFourCategoriesAndListsThemBySortOrderThenId(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let initial = try await repos.settings.categories()
            #expect(initial.map(\.name) == ["意向客户", "黑名单客户", "潜在客户", "成交客户"])
            #expect(initial.map(\.type) == [.open, .open, .open, .closed])
            #expect(initial.allSatisfy { $0.iconFileId == nil })

            let icon = try await repos.settings.storeFile([9], image: Self.png, owner: try await repos.user("admin").id, purpose: "category", at: t0)
            let first = try await repos.settings.createCategory(name: "首位", type: .closed, iconFileId: icon.id, sortOrder: -5)
            #expect(first == CRMCore.Category(id: first.id, name: "首位", type: .closed, iconFileId: icon.id, sortOrder: -5))
            let tied = try await repos.settings.createCategory(name: "并列", type: .open, iconFileId: nil, sortOrder: initial[0].sortOrder)
            #expect(try await repos.settings.categories() == [first, initial[0], tied] + initial.dropFirst())

            var changed = tied
            changed.name = "改名"
            changed.type = .closed
            changed.iconFileId = icon.id
            changed.sortOrder = 1000
            try await repos.settings.updateCategory(changed)
            #expect(try await repos.settings.categories().last == changed)
        }

        @Test(arguments: Backend.allCases)
        func aCategoryInUseCannotBeDeletedAndAnUnusedOneCan(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let used = try await repos.settings.createCategory(name: "在用", type: .open, iconFileId: nil, sortOrder: 0)
            let unused = try await repos.settings.createCategory(name: "闲置", type: .open, iconFileId: nil, sortOrder: 0)
            let customer = try await repos.customers.create(CustomerFields(name: "甲公司", categoryId: used.id), owner: north.id, at: t0)
            #expect(try await repos.settings.categoryInUse(id: used.id))
            #expect(try await repos.settings.categoryInUse(id: unused.id) == false)
            await expectConflict { try await repos.settings.deleteCategory(id: used.id) }
            #expect(try await repos.settings.categories().contains(used))
            #expect(try await repos.customers.customer(id: customer.id)?.fields.categoryId == used.id)
            #expect(try await repos.settings.deleteCategory(id: unused.id))
            #expect(try await repos.settings.deleteCategory(id: unused.id) == false)
            #expect(try await repos.settings.categories().contains(unused) == false)

            // Once its customers move on, it can go.
            try await repos.customers.update(id: customer.id, CustomerFields(name: "甲公司"), restartTracking: false, at: t0 + day)
            #expect(try await repos.settings.categoryInUse(id: used.id) == false)
            #expect(try await repos.settings.deleteCategory(id: used.id))
        }

        @Test(arguments: Backend.allCases)
        func requiredFieldsAreSetReplacedAndRemovedPerDepartmentAndGoWithTheDepartment(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let sales = try await repos.organisation.createDepartment(name: "销售部", parentId: nil, sortOrder: 0)
            let north = try await repos.organisation.createDepartment(name: "华北区", parentId: sales.id, sortOrder: 0)
            let finance = try await repos.organisation.createDepartment(name: "财务部", parentId: nil, sortOrder: 0)
            #expect(try await repos.settings.requiredFields().isEmpty)
            try await repos.settings.setRequiredFields(["name", "phone", "categoryId"], for: sales.id)
            try await repos.settings.setRequiredFields([], for: north.id)
            try await repos.settings.setRequiredFields(["website"], for: finance.id)
            #expect(try await repos.settings.requiredFields() == [sales.id: ["name", "phone", "categoryId"], north.id: [], finance.id: ["website"]])
            try await repos.settings.setRequiredFields(["importance", "address"], for: sales.id)
            try await repos.settings.setRequiredFields(nil, for: finance.id)
            try await repos.settings.setRequiredFields(nil, for: finance.id)
            #expect(try await repos.settings.requiredFields() == [sales.id: ["importance", "address"], north.id: []])
            #expect(try await repos.organisation.deleteDepartment(id: sales.id))
            #expect(try await repos.settings.requiredFields().isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func aFileIsStoredWithItsBytesAndListedForItsOwnerNewestFirst(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let bytes = (0..<300).map { UInt8($0 % 256) }
            let background = try await repos.settings.storeFile(bytes, image: Self.png, owner: north.id, purpose: "background", at: t0)
            #expect(background == StoredFile(id: background.id, ownerId: north.id, purpose: "background", image: Self.png, size: 300, createdAt: t0))
            let read = try #require(try await repos.settings.file(id: background.id))
            #expect(read.file == background)
            #expect(read.bytes == bytes)
            #expect(try await repos.settings.fileExists(id: background.id))
            #expect(try await repos.settings.fileExists(id: background.id + 1000) == false)
            #expect(try await repos.settings.file(id: background.id + 1000) == nil)

            let jpeg = ImageInfo(mediaType: "image/jpeg", width: 64, height: 64)
            let icon = try await repos.settings.storeFile([0xFF, 0xD8], image: jpeg, owner: north.id, purpose: "icon", at: t0 + minute)
            let loose = try await repos.settings.storeFile([0], image: Self.png, owner: north.id, purpose: nil, at: t0 + 2 * minute)
            let theirs = try await repos.settings.storeFile([1], image: Self.png, owner: south.id, purpose: "icon", at: t0 + 3 * minute)
            #expect(try await repos.settings.file(id: loose.id)?.file.purpose == nil)
            #expect(try await repos.settings.files(owner: north.id, purpose: nil) == [loose, icon, background])
            #expect(try await repos.settings.files(owner: north.id, purpose: "icon") == [icon])
            #expect(try await repos.settings.files(owner: south.id, purpose: nil) == [theirs])
            #expect(try await repos.settings.files(owner: south.id, purpose: "background").isEmpty)
        }

        @Test(arguments: Backend.allCases)
        func aDesktopIsSavedPerUserReadBackAndForgotten(_ backend: Backend) async throws {
            let repos = try await backend.makeRepositories()
            let north = try await repos.user("north")
            let south = try await repos.user("south")
            let image = try await repos.settings.storeFile([1], image: Self.png, owner: north.id, purpose: "background", at: t0)
            #expect(try await repos.settings.desktop(of: north.id) == nil)
            let desktop = Desktop(
                backgroundFileId: image.id,
                shortcuts: [Shortcut(menuId: "customers.mine"), Shortcut(menuId: "plans", title: "计划", iconFileId: image.id)])
            try await repos.settings.saveDesktop(desktop, of: north.id)
            #expect(try await repos.settings.desktop(of: north.id) == desktop)
            #expect(try await repos.settings.desktop(of: south.id) == nil)
            let shortcutsOnly = Desktop(backgroundFileId: nil, shortcuts: [Shortcut(menuId: "desktop")])
            try await repos.settings.saveDesktop(shortcutsOnly, of: north.id)
            #expect(try await repos.settings.desktop(of: north.id) == shortcutsOnly)
            try await repos.settings.saveDesktop(desktop, of: south.id)
            try await repos.settings.saveDesktop(nil, of: north.id)
            #expect(try await repos.settings.desktop(of: north.id) == nil)
            #expect(try await repos.settings.desktop(of: south.id) == desktop)
        }
    }
}
