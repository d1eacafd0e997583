"""Identity document numbers: parse, validate, explain what is wrong (no Qt).

Issuing a card needs a verified identity (rule R6); this package says whether a number can
be that identity and, when it cannot, which part the clerk must correct, in Chinese and
English. Kinds: resident ID (incl. 15-digit legacy numbers), Hong Kong / Macao / Taiwan
residence permits, foreigners' permanent-residence ID cards (2023 18-digit and old
15-character forms), passports and other papers.
"""

from app.identity.checksum import check_char
from app.identity.countries import country_name
from app.identity.generate import make_resident_id
from app.identity.normalise import mask_id, normalise_id_text
from app.identity.parse import parse_id
from app.identity.regions import current_county_codes, region_name
from app.identity.result import KINDS, IdResult, doc_key

__all__ = [
    "KINDS",
    "IdResult",
    "check_char",
    "country_name",
    "current_county_codes",
    "doc_key",
    "make_resident_id",
    "mask_id",
    "normalise_id_text",
    "parse_id",
    "region_name",
]
