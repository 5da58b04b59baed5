import Foundation

/// A believable company for demonstrations and benchmarks, generated deterministically.
public struct DemoData: Sendable {
    /// A small, fast, seedable generator, so the same flags give the same database.
    public struct Random: RandomNumberGenerator, Sendable {
        var state: UInt64
        public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "文娜", "建华", "志强", "晓东", "海燕", "雪梅", "俊杰", "子涵"]
    public static let regions = ["北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "苏州", "天津", "重庆", "长沙", "郑州", "青岛", "宁波", "厦门", "合肥", "济南", "沈阳", "大连", "福州", "昆明", "无锡", "佛山", "东莞", "哈尔滨", "长春", "石家庄", "南昌"]
    static let words = ["星辰", "华夏", "远航", "金桥", "瑞丰", "东方", "恒信", "天成", "博远", "新纪元", "宏图", "百川", "安泰", "中联", "鼎盛", "盛世", "汇通", "嘉禾", "明德", "润泽", "锦程", "君悦", "海纳", "同舟", "凯旋", "永和", "正大", "启航", "卓越", "融创", "云帆", "银河", "青松", "紫光", "万象", "龙腾", "凤凰", "泰和", "信达", "众诚"]
    static let pinyin = ["xingchen", "huaxia", "yuanhang", "jinqiao", "ruifeng", "dongfang", "hengxin", "tiancheng", "boyuan", "xinjiyuan", "hongtu", "baichuan", "antai", "zhonglian", "dingsheng", "shengshi", "huitong", "jiahe", "mingde", "runze", "jincheng", "junyue", "haina", "tongzhou", "kaixuan", "yonghe", "zhengda", "qihang", "zhuoyue", "rongchuang", "yunfan", "yinhe", "qingsong", "ziguang", "wanxiang", "longteng", "fenghuang", "taihe", "xinda", "zhongcheng"]
    public static let trades = ["科技", "贸易", "物流", "建材", "医药", "传媒", "电子", "食品", "机械", "咨询", "网络", "教育", "环保", "能源", "化工", "纺织", "家居", "汽车", "金融服务", "餐饮管理"]
    static let forms = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"]
    static let streets = ["人民路", "解放路", "中山路", "建设路", "和平路", "长江路", "黄河路", "新华路", "青年路", "文化路"]
    static let sources = ["电话营销", "展会", "客户介绍", "网络推广", "老客户", "招投标"]
    static let topics = ["介绍新产品", "商谈报价", "回访使用情况", "确认合同条款", "催收货款", "了解采购计划", "安排技术交流", "处理售后问题"]

    /// A person's name such as 王芳.
    public static func personName(_ index: Int) -> String {
        String(surnames[index % surnames.count]) + given[(index / surnames.count + index) % given.count]
    }

    /// The `index`th company: distinct for every index below `companyCount`.
    public static func company(_ index: Int) -> CustomerFields {
        // Mixed radix over words × words × trades × regions × forms keeps names distinct; the rest of
        // the index becomes a number in the name.
        var rest = index
        let first = rest % words.count; rest /= words.count
        let second = rest % words.count; rest /= words.count
        let trade = rest % trades.count; rest /= trades.count
        let region = rest % regions.count; rest /= regions.count
        let form = rest % forms.count; rest /= forms.count
        let branch = rest == 0 ? "" : "\(rest + 1)号"
        let word = first == second ? words[first] : words[first] + words[second]
        let name = "\(regions[region])\(word)\(branch)\(trades[trade])\(forms[form])"
        return CustomerFields(
            name: name,
            texts: [
                .website: "www.\(pinyin[first])\(pinyin[second]).com.cn",
                .phone: String(format: "0%02d-%08d", 10 + region, (index &* 7919) % 100_000_000),
                .address: "\(regions[region])市\(streets[index % streets.count])\(index % 999 + 1)号", .region: regions[region],
                .industry: trades[trade], .source: sources[index % sources.count],
            ],
            importance: 1 + index % 5)
    }

    public static func topic(_ index: Int) -> String { topics[index % topics.count] }
}

/// Writes demo data in bulk, bypassing the per-request path so a million customers load in minutes.
public protocol DemoLoader: Sendable {
    /// Whether the database holds no customers yet.
    func isEmpty() async throws -> Bool
    func insertCustomers(_ rows: [(fields: CustomerFields, owner: UserID?, createdAt: Date, trackingSince: Date?)]) async throws -> [CustomerID]
    func insertContacts(_ contacts: [Contact]) async throws
    func insertVisits(_ visits: [Visit]) async throws
    func insertPlans(_ plans: [Plan]) async throws
    /// Brings derived columns (a customer's last visit) up to date after loading.
    func finish() async throws
}
