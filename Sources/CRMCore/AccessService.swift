/// Page permissions (docs/permissions.md#permission-check), read from the data on every call.
public struct AccessService: Sendable {
    let directory: Snapshot<Directory>

    public init(directory: Snapshot<Directory>) {
        self.directory = directory
    }

    /// Throws `CRMError.forbidden` unless the user may use the page `menuId`.
    public func require(_ menuId: MenuID, for user: User) async throws {
        if user.isAdmin { return }
        let directory = try await directory.get()
        let page = directory.pages[menuId]
        guard let page, Self.allows(page, granted: directory.granted(to: user), user: user) else {
            throw CRMError.forbidden(
                "You don't have permission for the page \(page?.title ?? menuId) (\(menuId)).",
                code: ErrorCode("page-forbidden", ["menuId": .text(menuId), "page": .text(page?.title ?? menuId)]))
        }
    }

    /// The menu IDs a user may open, in tree order.
    public func permittedMenuIds(for user: User) async throws -> [MenuID] {
        let directory = try await directory.get()
        let granted = directory.granted(to: user)
        return Self.ordered(directory.pages).filter { Self.allows($0, granted: granted, user: user) }.map(\.menuId)
    }

    /// The START menu: pages shown in the menu that the user may open, in tree order.
    public func menu(for user: User) async throws -> [MenuNode] {
        let directory = try await directory.get()
        let granted = directory.granted(to: user)
        return MenuNode.tree(of: Self.ordered(directory.pages)) { $0.showInMenu && Self.allows($0, granted: granted, user: user) }
    }

    public static func allows(_ page: Page, granted: Set<MenuID>, user: User) -> Bool {
        user.isAdmin || !page.checkPermission || granted.contains(page.menuId)
    }

    static func ordered(_ pages: [MenuID: Page]) -> [Page] {
        pages.values.sorted { ($0.sortOrder, $0.menuId) < ($1.sortOrder, $1.menuId) }
    }
}

public struct MenuNode: Sendable, Equatable {
    public var page: Page
    public var children: [MenuNode]

    /// The tree of pages that pass `include`, under parents that pass too, ordered by sort order.
    /// A page with children of its own that ends up with none visible (an empty folder) is dropped.
    public static func tree(of pages: [Page], include: (Page) -> Bool) -> [MenuNode] {
        let byParent = Dictionary(grouping: pages, by: \.parentId)
        func nodes(under parent: MenuID?) -> [MenuNode] {
            (byParent[parent] ?? [])
                .sorted { ($0.sortOrder, $0.menuId) < ($1.sortOrder, $1.menuId) }
                .compactMap { page in
                    guard include(page) else { return nil }
                    let children = nodes(under: page.menuId)
                    let isFolder = byParent[page.menuId] != nil
                    return isFolder && children.isEmpty ? nil : MenuNode(page: page, children: children)
                }
        }
        return nodes(under: nil)
    }
}
