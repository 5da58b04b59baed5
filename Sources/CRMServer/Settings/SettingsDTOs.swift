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

/// A field of the customer form, as `CustomerFields.all` describes it; `required` for the caller.
struct CustomerFieldDTO: Encodable, Sendable {
    struct Label: Encodable, Sendable {
        var zh: String
        var en: String
    }
    var name: String
    var kind: String
    var maxLength: Int?
    var multiline: Bool
    /// For one-line texts: the HTML input type a form uses.
    var inputType: String?
    var required: Bool
    var requiredByDefault: Bool
    var label: Label

    init(_ field: CustomerFieldSpec, required: Bool) {
        name = field.name
        kind =
            switch field.kind {
            case .name: "name"
            case .text: "text"
            case .category: "category"
            case .type: "type"
            case .importance: "importance"
            }
        maxLength = field.maxLength
        multiline = field.multiline
        if case .text = field.kind, !field.multiline { inputType = field.inputType }
        self.required = required
        requiredByDefault = field.requiredByDefault
        label = Label(zh: field.label.zh, en: field.label.en)
    }
}
