import CRMCore
import CRMServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import Yams

@Suite struct OpenAPITests {
    /// Every route the router serves is in openapi.yaml, and every operation there is served.
    @Test func theSpecDescribesExactlyTheServedRoutes() async throws {
        let store = try TestStore()
        defer { store.close() }
        let services = CRMServices(repositories: store.storage.repositories, config: store.config)
        let router = buildRouter(services, config: store.config, logger: makeLogger(store.config))
        let served = Set(
            router.routes.map { route in
                let path = route.path.description.split(separator: "/").map { part in
                    part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
                }.joined(separator: "/")
                return "\(route.method.rawValue) /\(path)"
            })

        let text = try String(contentsOfFile: packageRoot + "/openapi.yaml", encoding: .utf8)
        let spec = try #require(try Yams.load(yaml: text) as? [String: Any])
        let paths = try #require(spec["paths"] as? [String: Any])
        let methods = ["get", "put", "post", "delete", "patch", "head", "options"]
        var described: Set<String> = []
        for (path, item) in paths {
            for method in (item as? [String: Any] ?? [:]).keys where methods.contains(method) {
                described.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(served.subtracting(described).sorted() == [], "served but not in openapi.yaml")
        #expect(described.subtracting(served).sorted() == [], "in openapi.yaml but not served")
        #expect(served.count > 30)
    }
}
