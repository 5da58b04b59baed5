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
    /// How a form takes a one-line text: an HTML input type such as `tel`.
    public var inputType = "text"
    /// Required where a department has no setting of its own (docs/settings.md#required-fields).
    public var requiredByDefault = false
    public var label: FieldLabel
    /// Other CSV headers the import takes for the field, besides its name and labels.
    public var aliases: [String] = []
}

/// A customer's optional text fields. A new one is a case here with its description, a property of
/// `CustomerFields` with its line in the subscript, and a column in each store's migrations.
public enum CustomerText: String, Sendable, CaseIterable {
    case website, phone, address, region, industry, source, notes

    public var spec: CustomerFieldSpec {
        func text(
            _ maxLength: Int, _ zh: String, _ en: String, required: Bool = false, multiline: Bool = false, input: String = "text",
            aliases: [String] = []
        ) -> CustomerFieldSpec {
            CustomerFieldSpec(
                name: rawValue, kind: .text(self), maxLength: maxLength, multiline: multiline, inputType: input,
                requiredByDefault: required, label: FieldLabel(zh: zh, en: en), aliases: aliases)
        }
        return switch self {
        case .website: text(200, "公司网址", "Website", required: true, aliases: ["网址", "网站"])
        case .phone: text(50, "电话", "Phone", input: "tel", aliases: ["联系电话"])
        case .address: text(300, "地址", "Address", aliases: ["公司地址"])
        case .region: text(100, "地区", "Region", aliases: ["区域"])
        case .industry: text(100, "行业", "Industry")
        case .source: text(100, "客户来源", "Source", aliases: ["来源"])
        case .notes: text(5000, "备注", "Notes", multiline: true)
        }
    }
}

/// The fields a person fills in; everything else about a customer is the system's. The texts are
/// stored inline, one property each, rather than in a dictionary, which cost a list of 50 a fifth
/// more time to read.
public struct CustomerFields: Sendable, Equatable {
    public var name: String
    public var website: String?
    public var phone: String?
    public var address: String?
    public var region: String?
    public var industry: String?
    public var source: String?
    public var notes: String?
    public var categoryId: CategoryID?
    public var type: CustomerType
    public var importance: Int

    public init(
        name: String, texts: [CustomerText: String] = [:], categoryId: CategoryID? = nil, type: CustomerType = .open,
        importance: Int = 3
    ) {
        self.name = name
        self.categoryId = categoryId
        self.type = type
        self.importance = importance
        for (text, value) in texts { self[text] = value }
    }

    public subscript(text: CustomerText) -> String? {
        get {
            switch text {
            case .website: website
            case .phone: phone
            case .address: address
            case .region: region
            case .industry: industry
            case .source: source
            case .notes: notes
            }
        }
        set {
            switch text {
            case .website: website = newValue
            case .phone: phone = newValue
            case .address: address = newValue
            case .region: region = newValue
            case .industry: industry = newValue
            case .source: source = newValue
            case .notes: notes = newValue
            }
        }
    }

    /// Every field, in the order the API, CSV and the form show them: the one-line texts, then the
    /// type before the categories it narrows, and the notes last.
    public static let all: [CustomerFieldSpec] = {
        let texts = CustomerText.allCases.map(\.spec)
        return [
            CustomerFieldSpec(
                name: "name", kind: .name, maxLength: 200, requiredByDefault: true, label: FieldLabel(zh: "公司名称", en: "Company name"),
                aliases: ["名称", "客户名称", "公司全称", "企业名称"])
        ] + texts.filter { !$0.multiline } + [
            CustomerFieldSpec(name: "type", kind: .type, label: FieldLabel(zh: "客户类型", en: "Type"), aliases: ["类型"]),
            CustomerFieldSpec(name: "categoryId", kind: .category, label: FieldLabel(zh: "客户分类", en: "Category"), aliases: ["category", "分类", "类别"]),
            CustomerFieldSpec(name: "importance", kind: .importance, label: FieldLabel(zh: "重要程度", en: "Importance")),
        ] + texts.filter(\.multiline)
    }()

    public static let nameMaxLength = all[0].maxLength!

    /// Fields a department may require when adding a customer (a type always has its default).
    public static let requirable = all.filter { $0.kind != .type }.map(\.name)

    /// Required where a department has no setting of its own (docs/settings.md#required-fields).
    public static let defaultRequired = all.filter(\.requiredByDefault).map(\.name)

    /// The name, then each text filled in, in field order: what a search looks in.
    public var searchable: [String] {
        [name] + CustomerText.allCases.compactMap { self[$0] }
    }
}
