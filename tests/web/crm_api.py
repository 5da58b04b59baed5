"""A small client of the CRM's JSON API, used to build the browser tests' fixtures (departments,
roles, positions, users, customers) without going through the pages under test."""

from __future__ import annotations

import requests


class ApiError(Exception):
    def __init__(self, response: requests.Response):
        super().__init__(f"{response.request.method} {response.request.url} -> {response.status_code}: {response.text[:500]}")
        self.response = response


class Api:
    def __init__(self, base_url: str, token: str | None = None):
        self.base = base_url.rstrip("/")
        self.http = requests.Session()
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"

    @classmethod
    def login(cls, base_url: str, username: str, password: str) -> "Api":
        api = cls(base_url)
        answer = api.call("POST", "/api/v1/auth/login", json={"username": username, "password": password})
        api.http.headers["Authorization"] = f"Bearer {answer['token']}"
        api.me = answer["user"]
        return api

    def call(self, method: str, path: str, expect: tuple[int, ...] = (200, 201, 204), **kwargs):
        response = self.http.request(method, self.base + path, timeout=30, **kwargs)
        if response.status_code not in expect:
            raise ApiError(response)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.call("POST", path, json=body, **kwargs)

    def put(self, path, body=None, **kwargs):
        return self.call("PUT", path, json=body, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self.call("PATCH", path, json=body, **kwargs)

    # -- organisation ------------------------------------------------------------------------
    def department(self, name: str, parent_id: int | None = None) -> dict:
        body = {"name": name}
        if parent_id:
            body["parentId"] = parent_id
        return self.post("/api/v1/departments", body)

    def role(self, name: str, menu_ids: list[str]) -> dict:
        role = self.post("/api/v1/roles", {"name": name})
        return self.put(f"/api/v1/roles/{role['id']}/pages", menu_ids)

    def position(self, department_id: int, name: str, role_ids: list[int], manages: bool = False) -> dict:
        return self.post(
            "/api/v1/positions",
            {"departmentId": department_id, "name": name, "roleIds": role_ids, "manageSubordinates": manages},
        )

    def user(self, username: str, display_name: str, password: str, position_id: int | None) -> dict:
        body = {"username": username, "displayName": display_name, "password": password}
        if position_id:
            body["positionId"] = position_id
        return self.post("/api/v1/users", body)

    # -- business ----------------------------------------------------------------------------
    def customer(self, name: str, **fields) -> dict:
        body = {"name": name, "website": fields.pop("website", "https://example.com"), **fields}
        return self.post("/api/v1/customers", body)

    def menu_ids(self) -> set[str]:
        """Every menu ID in the caller's START menu tree (folders included)."""
        found: set[str] = set()

        def walk(items):
            for item in items:
                found.add(item["menuId"])
                walk(item.get("children") or [])

        walk(self.get("/api/v1/me/menu")["items"])
        return found
