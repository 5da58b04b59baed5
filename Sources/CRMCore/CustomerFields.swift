/// A field's name for people in the web app's two languages; both are also CSV headers the import takes.
public struct FieldLabel: Sendable, Equatable {
    public var zh: String
    public var en: String
}

/// One field a person fills in when adding a customer, described once: validation, the API's JSON,
/// CSV import and export, the stores' columns and the web app's form (`GET /api/v1/customer-fields`)
/// all follow `CustomerFields.all`.
public struct CustomerFieldSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case name
        case text(CustomerText)
        case category
        case type
        case importance
    }

    /// As the API, the CSV export and required-field settings name it.
    public var name: String
    public var kind: Kind
    /// The most characters a text may have.
    public var maxLength: Int?
    /// Whether a text may hold line breaks.
    public var multiline = false
    /// Required where a department has no setting of its own (docs/settings.md#required-fields).
    public var requiredByDefault = false
    public var label: FieldLabel
    /// Other CSV headers the import takes for the field, besides its name and labels.
    public var aliases: [String] = []
}

/// A customer's optional text fields. A new one is a case here with its description, and a column
/// in each store's migrations.
public enum CustomerText: String, Sendable, CaseIterable {
    case website, phone, address, region, industry, source, notes

    public var spec: CustomerFieldSpec {
        func text(_ maxLength: Int, _ zh: String, _ en: String, required: Bool = false, multiline: Bool = false, aliases: [String] = [])
            -> CustomerFieldSpec
        {
            CustomerFieldSpec(
                name: rawValue, kind: .text(self), maxLength: maxLength, multiline: multiline, requiredByDefault: required,
                label: FieldLabel(zh: zh, en: en), aliases: aliases)
        }
        return switch self {
        case .website: text(200, "网址", "Website", required: true, aliases: ["公司网址", "网站"])
        case .phone: text(50, "电话", "Phone", aliases: ["联系电话"])
        case .address: text(300, "地址", "Address", aliases: ["公司地址"])
        case .region: text(100, "地区", "Region", aliases: ["区域"])
        case .industry: text(100, "行业", "Industry")
        case .source: text(100, "来源", "Source", aliases: ["客户来源"])
        case .notes: text(5000, "备注", "Notes", multiline: true)
        }
    }
}

/// The fields a person fills in; everything else about a customer is the system's.
public struct CustomerFields: Sendable, Equatable {
    public var name: String
    /// The texts filled in; an absent one is empty.
    public var texts: [CustomerText: String]
    public var categoryId: CategoryID?
    public var type: CustomerType
    public var importance: Int

    public init(
        name: String, texts: [CustomerText: String] = [:], categoryId: CategoryID? = nil, type: CustomerType = .open,
        importance: Int = 3
    ) {
        self.name = name
        self.texts = texts
        self.categoryId = categoryId
        self.type = type
        self.importance = importance
    }

    public subscript(text: CustomerText) -> String? {
        get { texts[text] }
        set { texts[text] = newValue }
    }

    /// Every field, in the order the API, CSV and the form show them.
    public static let all: [CustomerFieldSpec] =
        [
            CustomerFieldSpec(
                name: "name", kind: .name, maxLength: 200, requiredByDefault: true, label: FieldLabel(zh: "客户名称", en: "Name"),
                aliases: ["名称", "公司名称", "公司全称", "企业名称"])
        ] + CustomerText.allCases.map(\.spec) + [
            CustomerFieldSpec(name: "categoryId", kind: .category, label: FieldLabel(zh: "客户分类", en: "Category"), aliases: ["category", "分类", "类别"]),
            CustomerFieldSpec(name: "type", kind: .type, label: FieldLabel(zh: "客户类型", en: "Type"), aliases: ["类型"]),
            CustomerFieldSpec(name: "importance", kind: .importance, label: FieldLabel(zh: "重要程度", en: "Importance")),
        ]

    public static let nameMaxLength = all[0].maxLength!

    /// Fields a department may require when adding a customer (a type always has its default).
    public static let requirable = all.filter { $0.kind != .type }.map(\.name)

    /// Required where a department has no setting of its own (docs/settings.md#required-fields).
    public static let defaultRequired = all.filter(\.requiredByDefault).map(\.name)

    /// The name, then each text filled in, in field order: what a search looks in.
    public var searchable: [String] {
        [name] + CustomerText.allCases.compactMap { texts[$0] }
    }
}
