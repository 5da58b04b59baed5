import CRMCore
import Foundation
import Hummingbird

/// Departments, positions and roles.
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET, POST | /api/v1/departments | admin.departments |
/// | PATCH, DELETE | /api/v1/departments/{id} | admin.departments |
/// | GET, POST | /api/v1/positions | admin.departments |
/// | GET, PATCH, DELETE | /api/v1/positions/{id} | admin.departments |
/// | GET, POST | /api/v1/roles | admin.roles |
/// | GET, PATCH, DELETE | /api/v1/roles/{id} | admin.roles |
/// | PUT | /api/v1/roles/{id}/pages | admin.roles |
struct OrganisationController {
    let service: OrganisationService

    struct DepartmentCreate: Decodable {
        var name: String
        var parentId: Int64?
        var sortOrder: Int?
    }

    struct DepartmentUpdate: Decodable {
        var changes: DepartmentChanges

        enum CodingKeys: String, CodingKey { case name, parentId, sortOrder }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            changes = DepartmentChanges(
                name: try c.decodeIfPresent(String.self, forKey: .name),
                parentId: try c.decodePatch(Int64.self, forKey: .parentId),
                sortOrder: try c.decodeIfPresent(Int.self, forKey: .sortOrder))
        }
    }

    struct PositionCreate: Decodable {
        var departmentId: Int64
        var name: String
        var manageSubordinates: Bool?
        var roleIds: [Int64]?
    }

    struct PositionUpdate: Decodable {
        var departmentId: Int64?
        var name: String?
        var manageSubordinates: Bool?
        var roleIds: [Int64]?
    }

    struct RoleCreate: Decodable {
        var name: String
        var description: String?
    }

    struct RoleUpdate: Decodable {
        var name: String?
        var description: Patch<String?>

        enum CodingKeys: String, CodingKey { case name, description }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            description = try c.decodePatch(String.self, forKey: .description)
        }
    }

    func addRoutes(to endpoints: Endpoints) {
        let departments = "admin.departments"
        endpoints.on(.get, "departments", menu: departments) { _, _ in
            ItemList(try await service.departments().map(DepartmentDTO.init))
        }
        endpoints.on(.post, "departments", menu: departments) { request, _ in
            let body = try await request.decode(as: DepartmentCreate.self)
            let department = try await service.createDepartment(
                name: body.name, parentId: body.parentId, sortOrder: body.sortOrder)
            return Created(body: DepartmentDTO(department))
        }
        endpoints.on(.patch, "departments/:id", menu: departments) { request, context in
            let id = try context.id("id", of: "department")
            let body = try await request.decode(as: DepartmentUpdate.self)
            return DepartmentDTO(try await service.updateDepartment(id: id, body.changes))
        }
        endpoints.on(.delete, "departments/:id", menu: departments) { _, context in
            try await service.deleteDepartment(id: try context.id("id", of: "department"))
            return HTTPResponse.Status.noContent
        }

        endpoints.on(.get, "positions", menu: departments) { request, _ in
            var reader = QueryReader(request)
            let departmentId = reader.id("departmentId")
            try reader.check()
            return ItemList(try await service.positions(departmentId: departmentId).map(PositionDTO.init))
        }
        endpoints.on(.post, "positions", menu: departments) { request, _ in
            let body = try await request.decode(as: PositionCreate.self)
            let position = try await service.createPosition(
                departmentId: body.departmentId, name: body.name, manageSubordinates: body.manageSubordinates ?? false,
                roleIds: body.roleIds ?? [])
            return Created(body: PositionDTO(position))
        }
        endpoints.on(.get, "positions/:id", menu: departments) { _, context in
            PositionDTO(try await service.position(id: try context.id("id", of: "position")))
        }
        endpoints.on(.patch, "positions/:id", menu: departments) { request, context in
            let id = try context.id("id", of: "position")
            let body = try await request.decode(as: PositionUpdate.self)
            let changes = PositionChanges(
                departmentId: body.departmentId, name: body.name, manageSubordinates: body.manageSubordinates,
                roleIds: body.roleIds)
            return PositionDTO(try await service.updatePosition(id: id, changes))
        }
        endpoints.on(.delete, "positions/:id", menu: departments) { _, context in
            try await service.deletePosition(id: try context.id("id", of: "position"))
            return HTTPResponse.Status.noContent
        }

        let roles = "admin.roles"
        endpoints.on(.get, "roles", menu: roles) { _, _ in
            ItemList(try await service.roles().map(RoleDTO.init))
        }
        endpoints.on(.post, "roles", menu: roles) { request, _ in
            let body = try await request.decode(as: RoleCreate.self)
            return Created(body: RoleDTO(try await service.createRole(name: body.name, description: body.description)))
        }
        endpoints.on(.get, "roles/:id", menu: roles) { _, context in
            RoleDTO(try await service.role(id: try context.id("id", of: "role")))
        }
        endpoints.on(.patch, "roles/:id", menu: roles) { request, context in
            let id = try context.id("id", of: "role")
            let body = try await request.decode(as: RoleUpdate.self)
            return RoleDTO(try await service.updateRole(id: id, name: body.name, description: body.description))
        }
        endpoints.on(.delete, "roles/:id", menu: roles) { _, context in
            try await service.deleteRole(id: try context.id("id", of: "role"))
            return HTTPResponse.Status.noContent
        }
        endpoints.on(.put, "roles/:id/pages", menu: roles) { request, context in
            let id = try context.id("id", of: "role")
            let menuIds = try await request.decode(as: [String].self)
            return RoleDTO(try await service.setRolePages(id: id, menuIds: menuIds))
        }
    }
}
