"""How fast the forms render (targets: one 采集表 <= 40 ms median, 100 in one PDF <= 4 s)."""

from __future__ import annotations

import statistics
import time

from app.forms import demo
from app.forms.collection import render_collection_batch, render_collection_form
from app.forms.text import ensure_fonts


def bench_forms(repeat: int = 20, batch: int = 100, photo_jpeg: bytes | None = None) -> dict:
    """Median ms of one 采集表 with photo (font registration excluded, measured apart) and
    seconds for a batch PDF of `batch` forms, each with its own photo."""
    t0 = time.perf_counter()
    ensure_fonts()  # a no-op when already registered in this process
    register_ms = (time.perf_counter() - t0) * 1000
    photo = photo_jpeg or demo.synthetic_photo()
    record = demo.tenant(photo)
    t0 = time.perf_counter()
    # the first form also loads the Extension B-E font (the demo name has 𠀀) and warms caches
    render_collection_form(demo.CENTER, record)
    first_ms = (time.perf_counter() - t0) * 1000
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        pdf = render_collection_form(demo.CENTER, record)
        times.append((time.perf_counter() - t) * 1000)
    # a distinct photo per record, as in a real batch (the same bytes would be embedded once)
    records = [demo.tenant(photo_jpeg or demo.synthetic_photo(), n) for n in range(1, batch + 1)]
    t = time.perf_counter()
    batch_pdf = render_collection_batch(demo.CENTER, records)
    batch_s = time.perf_counter() - t
    return {
        "font_registration_ms": round(register_ms, 1),
        "first_form_ms": round(first_ms, 1),
        "collection_form_median_ms": round(statistics.median(times), 1),
        "collection_form_pdf_bytes": len(pdf),
        "batch_forms": batch,
        "batch_seconds": round(batch_s, 2),
        "batch_pdf_bytes": len(batch_pdf),
    }
