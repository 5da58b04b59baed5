/// The pages every database starts with; they can be renamed, moved and re-flagged, never deleted.
public enum BuiltInPages {
    /// Pages whose operations every signed-in user may call unless an administrator turns the check on.
    public static let desktop: MenuID = "desktop"
    public static let password: MenuID = "personal.password"

    public static let all: [Page] = {
        var pages: [Page] = []
        var order = 0
        func add(_ id: MenuID, _ title: String, parent: MenuID?, check: Bool = true, menu: Bool = true) {
            order += 10
            pages.append(
                Page(
                    menuId: id, title: title, parentId: parent, sortOrder: order,
                    checkPermission: check, showInMenu: menu, builtIn: true))
        }
        add(desktop, "桌面", parent: nil, check: false, menu: false)

        add("customers", "客户管理", parent: nil, check: false)
        add("customers.add", "添加客户", parent: "customers")
        add("customers.mine", "我的客户", parent: "customers")
        add("customers.public", "公共客户", parent: "customers")
        add("customers.team", "下属客户", parent: "customers")
        add("customers.search", "客户查询", parent: "customers")
        add("customers.detail", "客户详情", parent: "customers", menu: false)
        add("customers.edit", "修改客户", parent: "customers", menu: false)
        add("customers.release", "放弃客户", parent: "customers", menu: false)
        add("customers.assign", "分配客户", parent: "customers", menu: false)
        add("customers.claim", "领取客户", parent: "customers", menu: false)
        add("customers.delete", "删除客户", parent: "customers", menu: false)
        add("customers.import", "导入客户", parent: "customers")
        add("customers.export", "导出客户", parent: "customers", menu: false)

        add("visits", "拜访跟踪", parent: nil, check: false)
        add("plans", "拜访计划", parent: "visits")
        add("visits.mine", "拜访记录", parent: "visits")
        add("visits.query", "拜访记录查询", parent: "visits")

        add("reports", "汇总分析", parent: nil, check: false)
        add("reports.visits", "拜访汇总", parent: "reports")
        add("reports.pool", "公共客户统计", parent: "reports")

        add("admin", "系统后台管理", parent: nil, check: false)
        add("admin.pages", "页面权限", parent: "admin")
        add("admin.roles", "角色维护", parent: "admin")
        add("admin.departments", "部门维护", parent: "admin")
        add("admin.users", "用户管理", parent: "admin")
        add("admin.settings", "其它系统设置", parent: "admin")
        add("admin.audit", "审计日志", parent: "admin")

        add("personal", "个人设置", parent: nil, check: false)
        add("personal.background", "桌面背景", parent: "personal", check: false)
        add("personal.shortcuts", "快捷方式", parent: "personal", check: false)
        add(password, "修改密码", parent: "personal", check: false)
        return pages
    }()
}
