import CRMCore
import Foundation
import Hummingbird

/// The page tree (页面权限).
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET, POST | /api/v1/pages | admin.pages |
/// | PATCH, DELETE | /api/v1/pages/{menuId} | admin.pages |
struct PagesController {
    let service: OrganisationService

    struct PageCreate: Decodable {
        var menuId: String
        var title: String
        var parentId: String?
        var sortOrder: Int?
        var icon: String?
        var url: String?
        var checkPermission: Bool?
        var showInMenu: Bool?
    }

    struct PageUpdate: Decodable {
        var changes: PageChanges

        enum CodingKeys: String, CodingKey { case title, parentId, sortOrder, icon, url, checkPermission, showInMenu }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            changes = PageChanges(
                title: try c.decodeIfPresent(String.self, forKey: .title),
                parentId: try c.decodePatch(String.self, forKey: .parentId),
                sortOrder: try c.decodeIfPresent(Int.self, forKey: .sortOrder),
                icon: try c.decodePatch(String.self, forKey: .icon),
                url: try c.decodePatch(String.self, forKey: .url),
                checkPermission: try c.decodeIfPresent(Bool.self, forKey: .checkPermission),
                showInMenu: try c.decodeIfPresent(Bool.self, forKey: .showInMenu))
        }
    }

    func addRoutes(to endpoints: Endpoints) {
        let pages = "admin.pages"
        endpoints.on(.get, "pages", menu: pages) { _, _ in
            ItemList(try await service.pages().map(PageDTO.init))
        }
        endpoints.on(.post, "pages", menu: pages) { request, _ in
            let body = try await request.decode(as: PageCreate.self)
            let page = CRMCore.Page(
                menuId: body.menuId, title: body.title, parentId: body.parentId, sortOrder: body.sortOrder ?? 0,
                icon: body.icon, url: body.url, checkPermission: body.checkPermission ?? true,
                showInMenu: body.showInMenu ?? true, builtIn: false)
            return Created(body: PageDTO(try await service.createPage(page)))
        }
        endpoints.on(.patch, "pages/:menuId", menu: pages) { request, context in
            let menuId = context.parameters.get("menuId") ?? ""
            let body = try await request.decode(as: PageUpdate.self)
            return PageDTO(try await service.updatePage(menuId: menuId, body.changes))
        }
        endpoints.on(.delete, "pages/:menuId", menu: pages) { _, context in
            try await service.deletePage(menuId: context.parameters.get("menuId") ?? "")
            return HTTPResponse.Status.noContent
        }
    }
}
