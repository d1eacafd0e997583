"""Render the demo record's forms to docs/forms/*.png (about 100 dpi), to look at them.

    .venv/bin/python tools/render_forms.py [--out docs/forms] [--dpi 100] [--pdf]

Uses pypdfium2 (comes with pdfplumber), so no poppler is needed. The ID photo is the NASA
astronaut portrait in tests/data when present (public domain), else a synthetic one.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.forms import (  # noqa: E402
    demo,
    render_blank_collection,
    render_blank_unit,
    render_card_receipt,
    render_collection_form,
    render_manifest,
    render_unit_form,
)


def portrait_jpeg(path: Path) -> bytes:
    """A 358x441 px ID-photo crop (head and shoulders) of a square portrait."""
    from PIL import Image

    img = Image.open(path).convert("RGB")
    w, h = img.size
    crop_h = int(h * 0.62)
    crop_w = crop_h * 358 // 441
    left = (w - crop_w) // 2 - w // 20
    img = img.crop((left, h // 40, left + crop_w, h // 40 + crop_h)).resize((358, 441))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=88)
    return out.getvalue()


def demo_pdfs(photo: bytes) -> dict[str, bytes]:
    c = demo.CENTER
    return {
        "collection_form": render_collection_form(c, demo.tenant(photo)),
        "collection_form_blank": render_blank_collection(c),
        "card_receipt": render_card_receipt(c, demo.card_receipt()),
        "handover_manifest": render_manifest(c, demo.manifest()),
        "unit_form": render_unit_form(c, demo.unit()),
        "unit_form_blank": render_blank_unit(c),
    }


def to_pngs(pdf: bytes, stem: Path, dpi: int) -> list[Path]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    paths = []
    for i in range(len(doc)):
        image = doc[i].render(scale=dpi / 72).to_pil()
        # a 64-colour palette keeps the pages small and still shows the photo well enough
        image = image.quantize(colors=64)
        path = stem.with_name(f"{stem.name}-{i + 1}.png") if len(doc) > 1 else \
            stem.with_suffix(".png")
        image.save(path, optimize=True)
        paths.append(path)
    doc.close()
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "forms")
    ap.add_argument("--dpi", type=int, default=100)
    ap.add_argument("--pdf", action="store_true", help="also keep the PDFs beside the PNGs")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    astronaut = ROOT / "tests" / "data" / "astronaut.png"
    photo = portrait_jpeg(astronaut) if astronaut.exists() else demo.synthetic_photo()
    for name, pdf in demo_pdfs(photo).items():
        if args.pdf:
            (args.out / f"{name}.pdf").write_bytes(pdf)
        for path in to_pngs(pdf, args.out / name, args.dpi):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
