import CRMCore
import Foundation
import HTTPTypes
import Hummingbird

/// System settings, customer categories and required fields.
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET | /api/v1/settings | desktop |
/// | PATCH | /api/v1/settings | admin.settings |
/// | GET | /api/v1/categories | desktop |
/// | POST | /api/v1/categories | admin.settings |
/// | PATCH, DELETE | /api/v1/categories/{id} | admin.settings |
/// | GET | /api/v1/required-fields | desktop |
/// | GET | /api/v1/customer-fields | desktop |
/// | PUT | /api/v1/departments/{id}/required-fields | admin.settings |
struct SettingsController {
    let service: SettingsService
    /// `CRM_TIME_ZONE`, which the web app needs to name today as the server reads dates.
    let timeZone: TimeZone

    struct SettingsUpdate: Decodable {
        var changes = SettingsService.Changes()

        enum CodingKeys: String, CodingKey { case systemTitle, protectionDays, defaultBackgroundFileId, defaultShortcuts }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            changes.systemTitle = try c.decodeIfPresent(String.self, forKey: .systemTitle)
            changes.protectionDays = try c.decodeIfPresent(Int.self, forKey: .protectionDays)
            changes.defaultBackgroundFileId = try c.decodePatch(Int64.self, forKey: .defaultBackgroundFileId)
            changes.defaultShortcuts = try c.decodeIfPresent([Shortcut].self, forKey: .defaultShortcuts)
        }
    }

    struct CategoryCreate: Decodable {
        var name: String
        var type: CustomerType
        var iconFileId: Int64?
        var sortOrder: Int?
    }

    struct CategoryUpdate: Decodable {
        var name: String?
        var type: CustomerType?
        var iconFileId: Patch<Int64?>
        var sortOrder: Int?

        enum CodingKeys: String, CodingKey { case name, type, iconFileId, sortOrder }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            type = try c.decodeIfPresent(CustomerType.self, forKey: .type)
            iconFileId = try c.decodePatch(Int64.self, forKey: .iconFileId)
            sortOrder = try c.decodeIfPresent(Int.self, forKey: .sortOrder)
        }
    }

    struct RequiredFieldsDTO: ResponseEncodable {
        struct Department: Encodable {
            var departmentId: Int64
            var fields: [String]
        }
        var fields: [String]
        var defaultFields: [String]
        var mine: [String]
        var departments: [Department]
    }

    func addRoutes(to endpoints: Endpoints) {
        let admin = "admin.settings"
        endpoints.on(.get, "settings", menu: BuiltInPages.desktop) { _, _ in
            SettingsDTO(try await service.settings(), timeZone: timeZone)
        }
        endpoints.on(.patch, "settings", menu: admin) { request, _ in
            let body = try await request.decode(as: SettingsUpdate.self)
            return SettingsDTO(try await service.update(body.changes), timeZone: timeZone)
        }

        endpoints.on(.get, "categories", menu: BuiltInPages.desktop) { _, _ in
            ItemList(try await service.categories().map(CategoryDTO.init))
        }
        endpoints.on(.post, "categories", menu: admin) { request, _ in
            let body = try await request.decode(as: CategoryCreate.self)
            let category = try await service.createCategory(
                name: body.name, type: body.type, iconFileId: body.iconFileId, sortOrder: body.sortOrder)
            return Created(body: CategoryDTO(category))
        }
        endpoints.on(.patch, "categories/:id", menu: admin) { request, context in
            let id = try context.id("id", of: "category")
            let body = try await request.decode(as: CategoryUpdate.self)
            return CategoryDTO(
                try await service.updateCategory(
                    id: id, name: body.name, type: body.type, iconFileId: body.iconFileId, sortOrder: body.sortOrder))
        }
        endpoints.on(.delete, "categories/:id", menu: admin) { _, context in
            try await service.deleteCategory(id: try context.id("id", of: "category"))
            return HTTPResponse.Status.noContent
        }

        endpoints.on(.get, "required-fields", menu: BuiltInPages.desktop) { _, context in
            let all = try await service.requiredFields()
            return RequiredFieldsDTO(
                fields: CustomerFields.requirable, defaultFields: CustomerFields.defaultRequired,
                mine: try await service.requiredFields(for: context.user),
                departments: all.keys.sorted().map { RequiredFieldsDTO.Department(departmentId: $0, fields: all[$0]!) })
        }
        endpoints.on(.get, "customer-fields", menu: BuiltInPages.desktop) { _, context in
            let required = Set(try await service.requiredFields(for: context.user))
            return ItemList(CustomerFields.all.map { CustomerFieldDTO($0, required: required.contains($0.name) || $0.kind == .name) })
        }
        endpoints.on(.put, "departments/:id/required-fields", menu: admin) { request, context in
            let id = try context.id("id", of: "department")
            let fields = try await request.decode(as: [String].self)
            return RequiredFieldsDTO.Department(
                departmentId: id, fields: try await service.setRequiredFields(fields, for: id))
        }
    }
}

extension SettingsController.RequiredFieldsDTO.Department: ResponseEncodable {}
