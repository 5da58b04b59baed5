import Foundation

public struct Shortcut: Sendable, Equatable, Codable {
    public var menuId: MenuID
    public var title: String?
    public var iconFileId: FileID?

    public init(menuId: MenuID, title: String? = nil, iconFileId: FileID? = nil) {
        self.menuId = menuId
        self.title = title
        self.iconFileId = iconFileId
    }
}

public struct Settings: Sendable, Equatable, Codable {
    public var systemTitle = "销售客户管理系统"
    /// 客户保护时间: days an open customer stays with its owner; 0 turns automatic release off.
    public var protectionDays = 30
    public var defaultBackgroundFileId: FileID?
    public var defaultShortcuts: [Shortcut] = []

    public init() {}
}

public struct Category: Sendable, Equatable {
    public var id: CategoryID
    public var name: String
    public var type: CustomerType
    public var iconFileId: FileID?
    public var sortOrder: Int

    public init(id: CategoryID, name: String, type: CustomerType, iconFileId: FileID?, sortOrder: Int) {
        self.id = id
        self.name = name
        self.type = type
        self.iconFileId = iconFileId
        self.sortOrder = sortOrder
    }
}

/// What an uploaded image is for.
public enum FilePurpose: String, Sendable, CaseIterable {
    case background, icon, category
}

public struct StoredFile: Sendable, Equatable {
    public var id: FileID
    public var ownerId: UserID?
    public var purpose: String?
    public var image: ImageInfo
    public var size: Int
    public var createdAt: Date

    public init(id: FileID, ownerId: UserID?, purpose: String?, image: ImageInfo, size: Int, createdAt: Date) {
        self.id = id
        self.ownerId = ownerId
        self.purpose = purpose
        self.image = image
        self.size = size
        self.createdAt = createdAt
    }
}

/// System settings, categories, required fields and uploaded images.
public protocol SettingsRepository: Sendable {
    func settings() async throws -> Settings
    func save(_ settings: Settings) async throws
    func categories() async throws -> [Category]
    func createCategory(name: String, type: CustomerType, iconFileId: FileID?, sortOrder: Int) async throws -> Category
    func updateCategory(_ category: Category) async throws
    func categoryInUse(id: CategoryID) async throws -> Bool
    /// Deletes an unused category; a category in use throws `CRMError.conflict`.
    func deleteCategory(id: CategoryID) async throws -> Bool
    /// Each department's required fields; departments without a setting are absent.
    func requiredFields() async throws -> [DepartmentID: [String]]
    /// Sets (or, with nil, removes) a department's required fields.
    func setRequiredFields(_ fields: [String]?, for department: DepartmentID) async throws
    func storeFile(_ bytes: [UInt8], image: ImageInfo, owner: UserID, purpose: String?, at: Date) async throws -> StoredFile
    func file(id: FileID) async throws -> (file: StoredFile, bytes: [UInt8])?
    func fileExists(id: FileID) async throws -> Bool
    /// A user's uploads, newest first, optionally of one purpose.
    func files(owner: UserID, purpose: String?) async throws -> [StoredFile]
    /// The user's own desktop choices, if they made any.
    func desktop(of user: UserID) async throws -> Desktop?
    /// Saves (or, with nil, forgets) the user's own desktop choices.
    func saveDesktop(_ desktop: Desktop?, of user: UserID) async throws
}

/// A desktop: its background image and shortcuts.
public struct Desktop: Sendable, Equatable, Codable {
    public var backgroundFileId: FileID?
    public var shortcuts: [Shortcut]

    public init(backgroundFileId: FileID?, shortcuts: [Shortcut]) {
        self.backgroundFileId = backgroundFileId
        self.shortcuts = shortcuts
    }
}

/// Settings, categories, required fields and files (docs/settings.md).
public final class SettingsService: Sendable {
    let repositories: Repositories
    let now: @Sendable () -> Date
    let current: Snapshot<Settings>
    /// Read by every customer created or edited: reading them each time was 3 % of a create.
    let categoryList: Snapshot<[Category]>
    let requiredByDepartment: Snapshot<[DepartmentID: [String]]>
    let directory: Snapshot<Directory>
    public let maxUploadBytes: Int

    public init(
        repositories: Repositories, directory: Snapshot<Directory>, maxUploadBytes: Int,
        now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.repositories = repositories
        self.directory = directory
        self.maxUploadBytes = maxUploadBytes
        self.now = now
        let store = repositories.settings
        current = Snapshot(lifetime: .seconds(2)) { try await store.settings() }
        categoryList = Snapshot(lifetime: .seconds(2)) { try await store.categories() }
        requiredByDepartment = Snapshot(lifetime: .seconds(2)) { try await store.requiredFields() }
    }

    var store: any SettingsRepository { repositories.settings }

    public func settings() async throws -> Settings { try await current.get() }

    public struct Changes: Sendable {
        public var systemTitle: String?
        public var protectionDays: Int?
        public var defaultBackgroundFileId: Patch<FileID?> = .absent
        public var defaultShortcuts: [Shortcut]?
        public init() {}
    }

    public func update(_ changes: Changes) async throws -> Settings {
        var settings = try await store.settings()
        var validation = Validation()
        if let title = changes.systemTitle { settings.systemTitle = validation.text("systemTitle", title) }
        if let days = changes.protectionDays {
            if (0...3650).contains(days) { settings.protectionDays = days } else {
                validation.add("protectionDays", "must be from 0 (off) to 3650 days", code: .outOfRange(0...3650))
            }
        }
        if case .set(let fileId) = changes.defaultBackgroundFileId {
            if let fileId, try await !store.fileExists(id: fileId) {
                validation.add("defaultBackgroundFileId", "there is no file \(fileId)", code: .unknown("file", fileId))
            }
            settings.defaultBackgroundFileId = fileId
        }
        if var shortcuts = changes.defaultShortcuts {
            let pages = Set(try await repositories.pages.pages().map(\.menuId))
            for (index, shortcut) in shortcuts.enumerated() {
                if !pages.contains(shortcut.menuId) {
                    validation.add(
                        "defaultShortcuts[\(index)].menuId", "there is no page \(shortcut.menuId)", code: .unknown("page", shortcut.menuId))
                }
                if let icon = shortcut.iconFileId, try await !store.fileExists(id: icon) {
                    validation.add(
                        "defaultShortcuts[\(index)].iconFileId", "there is no file \(icon)", code: .unknown("file", icon))
                }
                shortcuts[index].title = validation.optionalText("defaultShortcuts[\(index)].title", shortcut.title, maxLength: 100)
            }
            settings.defaultShortcuts = shortcuts
        }
        try validation.check()
        try await store.save(settings)
        current.invalidate()
        return settings
    }

    // MARK: Categories

    public func categories() async throws -> [Category] { try await categoryList.get() }

    public func createCategory(name: String, type: CustomerType, iconFileId: FileID?, sortOrder: Int?) async throws -> Category {
        var validation = Validation()
        let name = validation.text("name", name)
        try await checkIcon(iconFileId, into: &validation)
        try validation.check()
        defer { categoryList.invalidate() }
        return try await store.createCategory(name: name, type: type, iconFileId: iconFileId, sortOrder: sortOrder ?? 0)
    }

    public func updateCategory(
        id: CategoryID, name: String?, type: CustomerType?, iconFileId: Patch<FileID?>, sortOrder: Int?
    ) async throws -> Category {
        guard var category = try await store.categories().first(where: { $0.id == id }) else {
            throw CRMError.notFound("There is no category \(id).", code: .notFound("category", id))
        }
        var validation = Validation()
        if let name { category.name = validation.text("name", name) }
        if let sortOrder { category.sortOrder = sortOrder }
        if case .set(let icon) = iconFileId {
            try await checkIcon(icon, into: &validation)
            category.iconFileId = icon
        }
        try validation.check()
        if let type, type != category.type {
            if try await store.categoryInUse(id: id) {
                throw CRMError.conflict(
                    "Customers use the category \(category.name); its type can't change.",
                    code: ErrorCode("category-in-use", ["id": .text("\(id)")]))
            }
            category.type = type
        }
        try await store.updateCategory(category)
        categoryList.invalidate()
        return category
    }

    public func deleteCategory(id: CategoryID) async throws {
        defer { categoryList.invalidate() }
        guard try await store.deleteCategory(id: id) else {
            throw CRMError.notFound("There is no category \(id).", code: .notFound("category", id))
        }
    }

    private func checkIcon(_ id: FileID?, into validation: inout Validation) async throws {
        if let id, try await !store.fileExists(id: id) { validation.add("iconFileId", "there is no file \(id)", code: .unknown("file", id)) }
    }

    // MARK: Required fields

    public func requiredFields() async throws -> [DepartmentID: [String]] { try await requiredByDepartment.get() }

    public func setRequiredFields(_ fields: [String], for department: DepartmentID) async throws -> [String] {
        guard try await repositories.organisation.chart().departments.contains(where: { $0.id == department }) else {
            throw CRMError.notFound("There is no department \(department).", code: .notFound("department", department))
        }
        let unknown = fields.filter { !CustomerFields.requirable.contains($0) }
        if !unknown.isEmpty {
            throw CRMError.invalid(
                "fields",
                "unknown fields: \(unknown.joined(separator: ", ")); choose from \(CustomerFields.requirable.joined(separator: ", "))",
                code: .oneOf(CustomerFields.requirable))
        }
        let ordered = CustomerFields.requirable.filter(fields.contains)
        try await store.setRequiredFields(ordered, for: department)
        requiredByDepartment.invalidate()
        return ordered
    }

    /// The fields a user must fill in when adding a customer: their department's, else the default.
    public func requiredFields(for user: User) async throws -> [String] {
        guard let positionId = user.positionId,
            let position = try await directory.get().chart.positions.first(where: { $0.id == positionId })
        else { return CustomerFields.defaultRequired }
        return try await requiredByDepartment.get()[position.departmentId] ?? CustomerFields.defaultRequired
    }

    // MARK: Files

    public static func imageTooLarge(_ maxBytes: Int) -> CRMError {
        .tooLarge("Images may be at most \(maxBytes / 1_048_576) MB.", code: ErrorCode("too-large", ["maxBytes": ErrorParam(maxBytes)]))
    }

    public func upload(_ bytes: [UInt8], purpose: String?, by user: User) async throws -> StoredFile {
        if bytes.count > maxUploadBytes {
            throw Self.imageTooLarge(maxUploadBytes)
        }
        guard let image = ImageProbe.probe(bytes) else {
            throw CRMError.unsupportedMediaType(
                "Upload a PNG, JPEG, GIF or WebP image; the bytes sent are none of these.", code: "not-an-image")
        }
        if let purpose, FilePurpose(rawValue: purpose) == nil {
            let allowed = FilePurpose.allCases.map(\.rawValue)
            throw CRMError.invalid("purpose", "must be one of \(allowed.joined(separator: ", "))", code: .oneOf(allowed))
        }
        return try await store.storeFile(bytes, image: image, owner: user.id, purpose: purpose, at: now())
    }

    public func files(of user: User, purpose: String?) async throws -> [StoredFile] {
        try await store.files(owner: user.id, purpose: purpose)
    }

    // MARK: Desktop

    /// What the user's desktop shows: their own background and shortcuts, else the system defaults,
    /// without shortcuts to pages they may not open; and their own choices, so saving one part
    /// doesn't turn the other's defaults into choices.
    public func desktop(of user: User, access: AccessService) async throws -> (desktop: Desktop, own: Desktop?) {
        let own = try await store.desktop(of: user.id)
        let defaults = try await store.settings()
        let permitted = Set(try await access.permittedMenuIds(for: user))
        let shortcuts = (own?.shortcuts.isEmpty == false ? own!.shortcuts : defaults.defaultShortcuts)
            .filter { permitted.contains($0.menuId) }
        let background = own?.backgroundFileId ?? defaults.defaultBackgroundFileId
        return (Desktop(backgroundFileId: background, shortcuts: shortcuts), own)
    }

    /// Saves the user's choices; a null background and no shortcuts go back to the defaults.
    public func saveDesktop(_ desktop: Desktop, of user: User) async throws {
        var desktop = desktop
        var validation = Validation()
        if let fileId = desktop.backgroundFileId, try await !store.fileExists(id: fileId) {
            validation.add("backgroundFileId", "there is no file \(fileId)", code: .unknown("file", fileId))
        }
        if desktop.shortcuts.count > 50 { validation.add("shortcuts", "at most 50 shortcuts", code: ErrorCode("too-many", ["max": 50])) }
        let pages = Set(try await repositories.pages.pages().map(\.menuId))
        for (index, shortcut) in desktop.shortcuts.enumerated() {
            if !pages.contains(shortcut.menuId) { validation.add("shortcuts[\(index)].menuId", "there is no page \(shortcut.menuId)", code: .unknown("page", shortcut.menuId)) }
            if let icon = shortcut.iconFileId, try await !store.fileExists(id: icon) {
                validation.add("shortcuts[\(index)].iconFileId", "there is no file \(icon)", code: .unknown("file", icon))
            }
            desktop.shortcuts[index].title = validation.optionalText("shortcuts[\(index)].title", shortcut.title, maxLength: 100)
        }
        try validation.check()
        let isDefault = desktop.backgroundFileId == nil && desktop.shortcuts.isEmpty
        try await store.saveDesktop(isDefault ? nil : desktop, of: user.id)
    }

    public func file(id: FileID) async throws -> (file: StoredFile, bytes: [UInt8]) {
        guard let found = try await store.file(id: id) else { throw CRMError.notFound("There is no file \(id).", code: .notFound("file", id)) }
        return found
    }
}
