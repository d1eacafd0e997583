"""The English translation is complete, current with the sources, compiled, and used."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "rentdesk_en.ts"
QM = TS.with_suffix(".qm")


def _messages(path: Path):
    return list(ET.parse(path).getroot().iter("message"))


def test_every_string_is_translated():
    messages = _messages(TS)
    assert len(messages) > 100
    problems = []
    for msg in messages:
        source = msg.findtext("source")
        tr = msg.find("translation")
        kind = tr.get("type") if tr is not None else "missing"
        forms = [f.text for f in tr.iter("numerusform")] if tr is not None else []
        text = (tr.text or "").strip() if tr is not None else ""
        if kind in ("unfinished", "missing") or not (text or (forms and all(forms))):
            problems.append(source)
    assert problems == []


def test_ts_is_current_with_the_sources(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists() and shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run([str(lupdate if lupdate.exists() else "pyside6-lupdate"), *sources,
                    "-ts", str(fresh)], check=True, capture_output=True)
    in_code = {m.findtext("source") for m in _messages(fresh)}
    translated = {m.findtext("source") for m in _messages(TS)}
    assert in_code - translated == set(), "run pyside6-lupdate and translate the new strings"


def test_compiled_translation_loads_and_translates(qapp):
    translator = QTranslator()
    assert translator.load(str(QM))
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("MainWindow", "登记") == "Intake"
        assert QCoreApplication.translate("SearchModel", "已迁出") == "Moved out"
    finally:
        qapp.removeTranslator(translator)
