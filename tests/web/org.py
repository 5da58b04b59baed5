"""The organisation the browser tests work in, built through the API on a fresh database:

    销售部 (sales)                      经理 manager  — manages the whole subtree
      ├─ 华东组 (east)                  组长 lead     — manages east only
      │                                 业务员        — sales_east1, sales_east2
      └─ 华南组 (south)                 业务员        — sales_south

A run adds a suffix to every name so that it can also run against a database used before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crm_api import Api

PASSWORD = "web-test-pass-1"

SALES_PAGES = [
    "customers.add", "customers.mine", "customers.public", "customers.detail", "customers.edit",
    "customers.release", "customers.claim", "plans", "visits.mine",
]
MANAGER_PAGES = SALES_PAGES + [
    "customers.team", "customers.search", "customers.assign", "customers.delete", "customers.export",
    "visits.query", "reports.visits", "reports.pool",
]

# The START menu a salesperson must see: the granted pages that show in the menu, the folders
# holding them, and the personal pages, which check no permission.
SALES_MENU = {
    "customers", "customers.add", "customers.mine", "customers.public",
    "visits", "plans", "visits.mine",
    "personal", "personal.background", "personal.shortcuts", "personal.password",
}


@dataclass
class Org:
    suffix: str
    users: dict[str, dict] = field(default_factory=dict)
    roles: dict[str, dict] = field(default_factory=dict)

    def username(self, key: str) -> str:
        return self.users[key]["username"]

    def display(self, key: str) -> str:
        return self.users[key]["displayName"]


def build(admin: Api, suffix: str) -> Org:
    org = Org(suffix)
    org.roles["sales"] = admin.role(f"销售-{suffix}", SALES_PAGES)
    org.roles["manager"] = admin.role(f"经理-{suffix}", MANAGER_PAGES)

    sales = admin.department(f"销售部-{suffix}")
    east = admin.department(f"华东组-{suffix}", sales["id"])
    south = admin.department(f"华南组-{suffix}", sales["id"])

    sales_role, manager_role = org.roles["sales"]["id"], org.roles["manager"]["id"]
    manager = admin.position(sales["id"], "销售经理", [manager_role], manages=True)
    lead = admin.position(east["id"], "华东组长", [manager_role], manages=True)
    east_rep = admin.position(east["id"], "业务员", [sales_role])
    south_rep = admin.position(south["id"], "业务员", [sales_role])

    people = [
        ("manager", "王经理", manager["id"]),
        ("lead", "李组长", lead["id"]),
        ("east1", "张三", east_rep["id"]),
        ("east2", "赵四", east_rep["id"]),
        ("south", "陈五", south_rep["id"]),
    ]
    for key, name, position_id in people:
        org.users[key] = admin.user(f"{key}-{suffix}", f"{name}-{suffix}", PASSWORD, position_id)
    return org
