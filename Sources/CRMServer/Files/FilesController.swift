import CRMCore
import Foundation
import HTTPTypes
import Hummingbird

/// Uploaded images and each user's desktop.
///
/// | method | path | menu ID |
/// | --- | --- | --- |
/// | POST | /api/v1/files | desktop |
/// | GET | /api/v1/files/{id} | (public: images are shown by `<img>`, which sends no token) |
/// | GET | /api/v1/me/files | desktop |
/// | GET, PUT | /api/v1/me/desktop | desktop |
struct FilesController {
    let service: SettingsService
    let access: AccessService

    func addPublicRoutes(to group: RouterGroup<AppContext>) {
        group.get("files/:id") { _, context in
            let (file, bytes) = try await service.file(id: try context.id("id", of: "file"))
            return Response(
                status: .ok,
                headers: [.contentType: file.image.mediaType, .cacheControl: "private, max-age=86400, immutable"],
                body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    func addRoutes(to endpoints: Endpoints) {
        endpoints.on(.get, "me/files", menu: BuiltInPages.desktop) { request, context in
            var reader = QueryReader(request)
            let purpose = reader.oneOf("purpose", FilePurpose.self)?.rawValue
            try reader.check()
            return ItemList(try await service.files(of: context.user, purpose: purpose).map(FileDTO.init))
        }
        endpoints.on(.get, "me/desktop", menu: BuiltInPages.desktop) { _, context in
            let (desktop, own) = try await service.desktop(of: context.user, access: access)
            return DesktopDTO(desktop, own: own)
        }
        endpoints.on(.put, "me/desktop", menu: BuiltInPages.desktop) { request, context in
            let body = try await request.decode(as: Desktop.self)
            try await service.saveDesktop(body, of: context.user)
            let (desktop, own) = try await service.desktop(of: context.user, access: access)
            return DesktopDTO(desktop, own: own)
        }
        endpoints.on(.post, "files", menu: BuiltInPages.desktop) { request, context in
            let bytes: ByteBuffer
            do {
                bytes = try await request.body.collect(upTo: service.maxUploadBytes)
            } catch {
                throw SettingsService.imageTooLarge(service.maxUploadBytes)
            }
            let purpose = request.uri.queryParameters.get("purpose")
            let file = try await service.upload(Array(bytes.readableBytesView), purpose: purpose, by: context.user)
            return Created(body: FileDTO(file))
        }
    }
}
