"""Lists the message keys the web app uses that the table (webapp/js/messages.js) lacks, and the
reverse. Dynamic keys (`method.${m}`) are checked by their literal prefix only."""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2] / "webapp"


def table_keys():
    text = (ROOT / "js" / "messages.js").read_text(encoding="utf-8")
    return set(re.findall(r"^\s*'([\w.\-]+)':\s*\{", text, re.M))


def used_keys():
    used, prefixes = set(), set()
    patterns = [
        r'data-i18n(?:-[a-z-]+)?="([\w.\-]+)"',
        r"\b(?:msg|t|toast|confirmDialog)\(\s*'([\w.\-]+)'",
        r"showError\([^,]+,\s*'([\w.\-]+)'",
        r"(?:key|notice|message)\s*[:=]\s*'([a-z]+\.[\w.\-]+)'",
        r"'([a-z]+(?:\.[A-Za-z\-]+)+)'\s*\)?\s*:\s*'",
    ]
    for path in list((ROOT / "js").rglob("*.js")) + [ROOT / "index.html"]:
        if path.name == "messages.js":
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            used.update(re.findall(pattern, text))
        prefixes.update(re.findall(r"`([a-z][\w.]*\.)\$\{", text))
    return used, prefixes


if __name__ == "__main__":
    table = table_keys()
    used, prefixes = used_keys()
    missing = sorted(k for k in used if k not in table and "." in k)
    bad_prefixes = sorted(p for p in prefixes if not any(k.startswith(p) for k in table))
    unused = sorted(k for k in table if k not in used and not any(k.startswith(p) for p in prefixes) and not k.startswith("page."))
    print("missing:", *missing, sep="\n  ")
    print("prefixes without keys:", *bad_prefixes, sep="\n  ")
    print("unused:", *unused, sep="\n  ")
    sys.exit(1 if missing or bad_prefixes else 0)
