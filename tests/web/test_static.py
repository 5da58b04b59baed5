"""Checks of the web app's source that need no browser: the message table is complete, and the
markup keeps to what the Content-Security-Policy allows and to escaping through `html`/`mount`."""

from __future__ import annotations

import pathlib
import re

import i18n_keys

WEBAPP = pathlib.Path(__file__).resolve().parents[2] / "webapp"
SOURCES = sorted((WEBAPP / "js").rglob("*.js")) + [WEBAPP / "index.html"]


def test_every_message_key_in_use_is_in_the_table():
    table = i18n_keys.table_keys()
    used, prefixes = i18n_keys.used_keys()
    assert sorted(k for k in used if k not in table and "." in k) == []
    assert sorted(p for p in prefixes if not any(k.startswith(p) for k in table)) == []


def test_every_message_has_chinese_and_english():
    text = (WEBAPP / "js" / "messages.js").read_text(encoding="utf-8")
    entries = re.findall(r"^\s*'([\w.\-]+)':\s*\{(.*?)\},?$", text, re.M | re.S)
    assert len(entries) > 100
    for key, body in entries:
        assert "'zh-CN':" in body and "en:" in body, key


def test_no_inline_scripts_styles_or_handlers():
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert not re.search(r"<style\b", text), path
        assert not re.search(r"\sstyle=\"", text), path
        assert not re.search(r"\son[a-z]+=\"", text), path


def test_markup_reaches_the_page_only_through_mount():
    for path in SOURCES:
        if path.name == "html.js":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write", text), path
