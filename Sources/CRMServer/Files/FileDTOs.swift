import CRMCore
import Foundation
import Hummingbird

struct FileDTO: ResponseEncodable, Sendable {
    var id: Int64
    var url: String
    var mediaType: String
    var width: Int
    var height: Int
    var size: Int

    init(_ file: StoredFile) {
        id = file.id
        url = Self.url(file.id)
        mediaType = file.image.mediaType
        width = file.image.width
        height = file.image.height
        size = file.size
    }

    static func url(_ id: Int64) -> String { "/api/v1/files/\(id)" }
}

struct DesktopDTO: ResponseEncodable, Sendable {
    struct Background: Encodable, Sendable {
        var fileId: Int64
        var url: String
    }
    struct ShortcutDTO: Encodable, Sendable {
        var menuId: String
        var title: String?
        var iconFileId: Int64?
        var iconUrl: String?
    }
    var background: Background?
    var shortcuts: [ShortcutDTO]
    var custom: Bool
    var customBackground: Bool
    var customShortcuts: Bool

    init(_ desktop: Desktop, own: Desktop?) {
        background = desktop.backgroundFileId.map { Background(fileId: $0, url: FileDTO.url($0)) }
        shortcuts = desktop.shortcuts.map {
            ShortcutDTO(menuId: $0.menuId, title: $0.title, iconFileId: $0.iconFileId, iconUrl: $0.iconFileId.map(FileDTO.url))
        }
        custom = own != nil
        customBackground = own?.backgroundFileId != nil
        customShortcuts = own?.shortcuts.isEmpty == false
    }
}
