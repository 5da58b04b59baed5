import CRMCore
import Hummingbird

/// The audit log (审计日志).
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | GET | /api/v1/audit-log | admin.audit |
struct AuditController {
    let service: CustomerService

    func addRoutes(to endpoints: Endpoints) {
        endpoints.on(.get, "audit-log", menu: "admin.audit") { request, _ in
            var reader = QueryReader(request)
            let limit = reader.limit()
            let after = reader.cursor(key: .none)
            try reader.check()
            let entries = try await service.auditLog(after: after?.id, limit: limit + 1)
            return ItemList(entries, limit: limit, cursor: { Cursor(id: $0.id) }, AuditDTO.init)
        }
    }
}
