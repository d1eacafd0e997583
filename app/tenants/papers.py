"""Papers other than the resident ID, and rule R9 (issue 13): one place for both.

A resident ID (and a HK/Macao/Taiwan permit, a foreigner's PR card) carries sex and birth
date in its number; a passport or other paper does not, so the clerk types them from the
document, with the nationality (by default the issuing country). 民族 applies to Chinese
nationals only. R9: a woman aged 15–49 (on the centre's day, app.desk.clock) gives her 计生证
（婚育证明） number, or the desk records why not (不适用 / 未办理 / 外地办理). The intake, the
import, the CLI and the GUI all ask these functions; the statistics count the gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.identity import country_name
from app.identity.countries import lookup_country
from app.identity.messages import KIND_NAMES
from app.identity.result import HMT_PERMIT, RESIDENT, IdResult

if TYPE_CHECKING:
    from app.tenants.intake import TenantInput
    from db.models import IdDocument, Person, Tenancy

# rule R9: why a woman of child-bearing age has no 计生证 number, as the clerk guide lists.
FP_REASONS: dict[str, str] = {"不适用": "not applicable", "未办理": "not obtained yet",
                              "外地办理": "obtained elsewhere"}
FP_AGES = (15, 49)


def age_on(birth_date: date, today: date) -> int:
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def family_planning_applies(sex: str | None, birth_date: date | None, today: date) -> bool:
    """rule R9: the 计生证（婚育证明） is asked of women of child-bearing age (15–49), on the
    centre's day (app.desk.clock)."""
    if sex != "F" or birth_date is None:
        return False
    return FP_AGES[0] <= age_on(birth_date, today) <= FP_AGES[1]


@dataclass(frozen=True)
class Papers:
    """Sex, birth date and nationality of a holder, from the number where it carries them
    (resident ID, HK/Macao/Taiwan permit, foreigner's PR card), else as typed."""

    sex: str | None
    birth_date: date | None
    nationality: str | None
    from_number: bool  # the number carries sex and birth date: typed values are ignored

    @property
    def chinese_national(self) -> bool:
        return self.nationality == "CHN"


def papers_of(parsed: IdResult, data: TenantInput) -> Papers:
    if parsed.birth_date is not None and parsed.sex is not None:
        nationality = "CHN" if parsed.kind in (RESIDENT, HMT_PERMIT) else parsed.country
        return Papers(parsed.sex, parsed.birth_date, nationality, True)
    nationality = (data.nationality or "").strip().upper() or parsed.country
    return Papers(data.sex or None, data.birth_date, nationality, False)


def ethnicity_for(papers: Papers, given: str | None) -> str | None:
    """民族 applies to Chinese nationals only; a foreigner's is empty (not applicable), and
    nobody's is assumed: 汉族 only when the clerk chose it."""
    if not papers.chinese_national:
        return None
    return (given or "").strip()[:20] or None


def clean_cert(value: str | None) -> str | None:
    """The certificate number as stored: trimmed, None when blank (spaces are no number)."""
    return (value or "").strip() or None


def family_planning_reason(papers: Papers, data: TenantInput, today: date) -> str | None:
    """The reason recorded (rule R9): only where R9 applies and no number was given."""
    if clean_cert(data.family_planning_cert) or not family_planning_applies(papers.sex, papers.birth_date,
                                                                today):
        return None
    return data.family_planning_reason


def papers_problems(parsed: IdResult, data: TenantInput, today: date) -> list[tuple[str, str, str]]:
    problems: list[tuple[str, str, str]] = []
    papers = papers_of(parsed, data)
    if not papers.from_number:
        if papers.sex not in ("M", "F"):
            problems.append(("sex", "性别必填：此证件号码不含性别，请按证件选择。",
                             "Sex is required: this document's number does not carry it."))
        if papers.birth_date is None:
            problems.append(("birth_date", "出生日期必填：此证件号码不含出生日期，请按证件填写。",
                             "Birth date is required: this document's number does not carry it."))
        elif papers.birth_date > today or papers.birth_date.year < 1900:
            problems.append(("birth_date", "出生日期不对：不能晚于今天，也不能早于 1900 年。",
                             "Birth date is not possible (future, or before 1900)."))
        if data.nationality and lookup_country(data.nationality.strip()) is None:
            problems.append(("nationality", f"国籍代码“{data.nationality[:8]}”不存在：请填三位字母代码，如 USA。",
                             f"No country code '{data.nationality[:8]}': use 3 letters, e.g. USA."))
        elif not papers.nationality:
            problems.append(("nationality", "国籍必填（三位字母代码，如 USA）。",
                             "Nationality is required (3-letter code, e.g. USA)."))
    reason = data.family_planning_reason
    if len(data.family_planning_cert or "") > 60:
        problems.append(("family_planning_cert", "计生证号过长（最多 60 字）。",
                         "Certificate number too long (60 characters at most)."))
    elif reason and reason not in FP_REASONS:
        problems.append(("family_planning_cert", "计生证未登记原因只能是：不适用、未办理、外地办理。",
                         "The reason must be: not applicable, not obtained yet, or obtained elsewhere."))
    elif (family_planning_applies(papers.sex, papers.birth_date, today)
          and not clean_cert(data.family_planning_cert) and not reason):
        # rule R9: a woman aged 15–49 gives the certificate number, or the desk records why not.
        problems.append(("family_planning_cert",
                         "育龄妇女（15–49 岁）须登记计生证（婚育证明）号，或选择未登记原因："
                         "不适用 / 未办理 / 外地办理（规则 R9）。",
                         "A woman aged 15–49 needs the family-planning certificate number, or a "
                         "recorded reason: not applicable / not obtained yet / obtained elsewhere (R9)."))
    return problems



# -- on the printed 采集表 ---------------------------------------------------------------

def ethnicity_or_nationality(person: Person) -> str:
    """The 民族/国籍 box: a Chinese national's 民族, a foreigner's nationality (issue 13)."""
    if person.nationality and person.nationality != "CHN":
        return f"国籍：{country_name(person.nationality) or person.nationality}"
    return person.ethnicity or ""


def document_label(doc: IdDocument | None) -> str:
    """证件类型, with the issuing country for papers not issued in China (护照（美国签发）)."""
    if doc is None:
        return ""
    label = KIND_NAMES.get(doc.kind, ("", ""))[0]
    if doc.kind in ("passport", "other") and doc.country:
        label += f"（{country_name(doc.country) or doc.country}签发）"
    return label


def family_planning_text(tenancy: Tenancy) -> str | None:
    """rule R9: the certificate number, else the reason the desk recorded for its absence."""
    if tenancy.family_planning_cert:
        return tenancy.family_planning_cert
    if tenancy.family_planning_reason:
        return f"未登记：{tenancy.family_planning_reason}"
    return None
