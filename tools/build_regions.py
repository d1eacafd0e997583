"""Build the region and country tables that `app/identity` ships in `resources/regions/`.

    .venv/bin/pip download --no-deps -d /tmp/stdnum python-stdnum
    .venv/bin/python tools/build_regions.py --stdnum-wheel /tmp/stdnum/python_stdnum-*.whl

Inputs (both LGPL-2.1+, see resources/regions/SOURCE.md):
- `stdnum/cn/loc.dat` from the python-stdnum wheel: GB/T 2260 codes, nested province /
  county lines, with validity periods such as `[1983-1989]罗湖区办事处,[1990-]罗湖区`.
- Debian's `iso-codes` (ISO 3166-1 and the withdrawn codes of ISO 3166-3) with its zh_CN
  translations, for the nationality codes on foreigners' permanent-residence cards.

python-stdnum is read at build time only, never imported by the application.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "resources" / "regions"

# loc.dat names the gaps of the hierarchy ("市辖区" under a municipality, "县" for a
# municipality's counties, directly administered county-level units); they are not part of
# a place's postal name, so they are left out of the full name.
PLACEHOLDER_PREFECTURES = frozenset(
    {"市辖区", "县", "省直辖县级行政单位", "省直辖行政单位", "自治区直辖县级行政单位", "林区"}
)

PERIOD_RE = re.compile(r"^(?:\[(\d{4})?-(\d{4})?\])?(.+)$")
LINE_RE = re.compile(r'^(\s*)(\d+) \w+="([^"]*)"$')


@dataclass(frozen=True)
class Period:
    start: int | None  # first year the name was in force; None = before the records begin
    end: int | None  # last year; None = still in force
    name: str

    def covers(self, year: int | None) -> bool:
        if year is None:
            return self.end is None
        return (self.start is None or self.start <= year) and (self.end is None or year <= self.end)


def parse_periods(label: str) -> list[Period]:
    periods = []
    for part in label.split(","):
        match = PERIOD_RE.match(part.strip())
        if not match:
            raise ValueError(f"unreadable label {label!r}")
        start, end, name = match.groups()
        periods.append(Period(int(start) if start else None, int(end) if end else None, name))
    return periods


def read_loc_dat(text: str) -> dict[str, list[Period]]:
    """Return {6-digit code: periods}. Province lines carry 2 digits, their children 4."""
    codes: dict[str, list[Period]] = {}
    province = ""
    for raw in text.splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        match = LINE_RE.match(raw)
        if not match:
            raise ValueError(f"unreadable line {raw!r}")
        indent, digits, label = match.groups()
        if not indent:
            province = digits
            continue  # the province's own name comes from its "0000" child
        codes[province + digits] = parse_periods(label)
    return codes


def name_at(periods: list[Period], year: int | None) -> str:
    for period in periods:
        if period.covers(year):
            return period.name
    return periods[-1].name  # a parent renamed in a gap of the records: its latest name


def full_name(code: str, codes: dict[str, list[Period]]) -> str:
    """The name the place bore when the code was last in force (today's, if it still is)."""
    own = codes[code]
    year = own[-1].end  # None for a code in force today
    province_code, prefecture_code = code[:2] + "0000", code[:4] + "00"
    parts = [name_at(codes[province_code], year)] if province_code in codes else []
    if code != province_code and prefecture_code != code and prefecture_code in codes:
        prefecture = name_at(codes[prefecture_code], year)
        if prefecture not in PLACEHOLDER_PREFECTURES and prefecture not in parts:
            parts.append(prefecture)
    if code != province_code:
        parts.append(name_at(own, year))
    return "".join(parts)


def is_current(code: str, codes: dict[str, list[Period]]) -> bool:
    lineage = {code[:2] + "0000", code[:4] + "00", code}
    return all(codes[c][-1].end is None for c in lineage if c in codes)


def region_rows(codes: dict[str, list[Period]]) -> list[str]:
    rows = ["code\tname\tvalid_from\tvalid_to\tcurrent"]
    for code in sorted(codes):
        periods = codes[code]
        start, end = periods[0].start, periods[-1].end
        rows.append(
            "\t".join(
                [
                    code,
                    full_name(code, codes),
                    str(start or ""),
                    str(end or ""),
                    "1" if is_current(code, codes) else "0",
                ]
            )
        )
    return rows


def country_rows(iso_codes_dir: Path, locale_dir: Path) -> list[str]:
    current = json.loads((iso_codes_dir / "iso_3166-1.json").read_text("utf-8"))["3166-1"]
    withdrawn = json.loads((iso_codes_dir / "iso_3166-3.json").read_text("utf-8"))["3166-3"]
    zh_current = gettext.translation("iso_3166-1", localedir=locale_dir, languages=["zh_CN"])
    zh_withdrawn = gettext.translation("iso_3166-3", localedir=locale_dir, languages=["zh_CN"])
    rows = ["alpha3\tnumeric\talpha2\tname_en\tname_zh\tcurrent"]
    seen: set[str] = set()
    for entries, zh, flag in ((current, zh_current, "1"), (withdrawn, zh_withdrawn, "0")):
        for entry in sorted(entries, key=lambda e: e["alpha_3"]):
            alpha3 = entry["alpha_3"]
            if alpha3 in seen:  # a withdrawn code reused by a current country keeps the current one
                continue
            seen.add(alpha3)
            name_en = entry.get("common_name") or entry["name"]
            name_zh = zh.gettext(entry["name"])
            rows.append(
                "\t".join(
                    [
                        alpha3,
                        entry.get("numeric", ""),
                        entry.get("alpha_2", ""),
                        name_en,
                        name_zh,
                        flag,
                    ]
                )
            )
    return rows


def read_loc_from_wheel(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read("stdnum/cn/loc.dat").decode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stdnum-wheel", type=Path, required=True)
    parser.add_argument("--iso-codes", type=Path, default=Path("/usr/share/iso-codes/json"))
    parser.add_argument("--locale-dir", type=Path, default=Path("/usr/share/locale"))
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)

    codes = read_loc_dat(read_loc_from_wheel(args.stdnum_wheel))
    regions = region_rows(codes)
    countries = country_rows(args.iso_codes, args.locale_dir)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "gb2260.tsv").write_text("\n".join(regions) + "\n", "utf-8")
    (args.out / "iso3166.tsv").write_text("\n".join(countries) + "\n", "utf-8")
    print(f"{len(regions) - 1} region codes, {len(countries) - 1} country codes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
