"""The printed forms (ReportLab, no Qt): each render_* takes plain dataclasses, returns PDF bytes.

Fonts are registered once per process (app.forms.text.ensure_fonts, ~130 ms) and every
string is drawn with per-character fallback through the chain in app.printing.fonts, so names with
Extension A/B characters print as glyphs and stay extractable. Layout in millimetres on A4.
"""

from app.forms.collection import (
                                  render_blank_collection,
                                  render_collection_batch,
                                  render_collection_form,
)
from app.forms.data import (
                                  CardReceiptData,
                                  CenterInfo,
                                  ManifestData,
                                  ManifestEntry,
                                  ResidentRow,
                                  TenantFormData,
                                  UnitFormData,
)
from app.forms.manifest import render_manifest
from app.forms.receipt import render_card_receipt
from app.forms.text import ensure_fonts
from app.forms.unit import render_blank_unit, render_unit_form

__all__ = [
    "CardReceiptData",
    "CenterInfo",
    "ManifestData",
    "ManifestEntry",
    "ResidentRow",
    "TenantFormData",
    "UnitFormData",
    "ensure_fonts",
    "render_blank_collection",
    "render_blank_unit",
    "render_card_receipt",
    "render_collection_batch",
    "render_collection_form",
    "render_manifest",
    "render_unit_form",
]
