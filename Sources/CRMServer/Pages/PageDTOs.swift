import CRMCore
import Foundation
import Hummingbird

struct PageDTO: ResponseEncodable, Sendable {
    var menuId: String
    var title: String
    var parentId: String?
    var sortOrder: Int
    var icon: String?
    var url: String?
    var checkPermission: Bool
    var showInMenu: Bool
    var builtIn: Bool

    init(_ page: CRMCore.Page) {
        menuId = page.menuId
        title = page.title
        parentId = page.parentId
        sortOrder = page.sortOrder
        icon = page.icon
        url = page.url
        checkPermission = page.checkPermission
        showInMenu = page.showInMenu
        builtIn = page.builtIn
    }
}

struct MenuNodeDTO: ResponseEncodable, Sendable {
    var menuId: String
    var title: String
    var icon: String?
    var url: String?
    var children: [MenuNodeDTO]

    init(_ node: MenuNode) {
        menuId = node.page.menuId
        title = node.page.title
        icon = node.page.icon
        url = node.page.url
        children = node.children.map(MenuNodeDTO.init)
    }
}
