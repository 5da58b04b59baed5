import CRMCore
import Foundation
import Hummingbird

struct CategoryDTO: ResponseEncodable, Sendable {
    var id: Int64
    var name: String
    var type: String
    var iconFileId: Int64?
    var iconUrl: String?
    var sortOrder: Int

    init(_ category: CRMCore.Category) {
        id = category.id
        name = category.name
        type = category.type.rawValue
        iconFileId = category.iconFileId
        iconUrl = category.iconFileId.map(FileDTO.url)
        sortOrder = category.sortOrder
    }
}

struct SettingsDTO: ResponseEncodable, Sendable {
    var systemTitle: String
    var protectionDays: Int
    var defaultBackgroundFileId: Int64?
    var defaultShortcuts: [Shortcut]
    var timeZone: String

    init(_ settings: Settings, timeZone: TimeZone) {
        systemTitle = settings.systemTitle
        protectionDays = settings.protectionDays
        defaultBackgroundFileId = settings.defaultBackgroundFileId
        defaultShortcuts = settings.defaultShortcuts
        self.timeZone = timeZone.identifier
    }
}
