"""Screenshots of every main page, from a throw-away demo district (offscreen, no display).

    .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--tenants 300] [--lang zh_CN|en]

Builds a temporary data directory (init_center + generate_demo), opens the main window
with the simulated camera and ID reader, and saves `<page>.png` per page via grab().
Nothing here touches the user's data folder or settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="rentdesk-shots-")  # fresh QSettings
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def settle(app, seconds: float = 0.4) -> None:
    """Let queued frames and layouts land before grabbing."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--tenants", type=int, default=300)
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    args = parser.parse_args()

    from PySide6.QtCore import QSettings

    QSettings("rentdesk", "rentdesk").setValue("language", args.lang)

    from app.data.demo import generate_demo
    from app.desk.center import init_center
    from app.desk.context import open_desk
    from app.property.buildings import add_unit
    from app.supervision.faults import open_fault
    from app.tenants.search import search_tenants
    from ui.devices.id_reader import SimulatedIdCardReader
    from ui.dialogs.login import LoginDialog
    from ui.dialogs.setup import SetupDialog
    from ui.dialogs.tenant import TenantDialog
    from ui.main import build_window, init_application, simulated_camera

    app = init_application([])
    suffix = "" if args.lang == "zh_CN" else f"-{args.lang}"
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rentdesk-demo-") as home:
        desk = open_desk(Path(home))
        try:
            actor = init_center(desk, "LH01", "东门出租屋管理服务中心", "admin", "Lantern-Quarry-57-Mosaic",
                                workstation="东门社区工作站", induction_on=date.today())
            generate_demo(desk, args.tenants, seed=2)
            # A free room, so the screenshot of the card step shows a successful issue.
            add_unit(desk, actor, "B000001", "999", area_m2=20.0)
            # A card-system fault, so 门禁故障 and 首页 show one (R7).
            open_fault(desk, actor, "B000002", "读卡器无反应")
            window = build_window(desk, actor, camera_factory=simulated_camera,
                                  id_reader=SimulatedIdCardReader())
            h = window.fontMetrics().height()
            window.resize(h * 80, h * 48)
            window.show()
            settle(app, 1.0)
            for key in window.pages:
                window.show_page(key)
                if key == "search":
                    window.search.box.setText("13")
                    window.search.run_query()
                if key == "intake":
                    window.intake.read_id_card()
                    window.intake.form.building.select_code("B000002")
                    settle(app, 1.0)  # a few camera frames and a face check
                    window.intake.photo.capture()
                window.ctx.lane.wait()  # the supervisor pages load on the lane
                settle(app)
                window.grab().save(str(args.out / f"{key}{suffix}.png"))
                if key == "services":  # 招租 / 居住证 / 租赁合同: one picture per tab
                    services = window.pages[key]
                    services.listings.picker.select("B000001", "999")
                    permits = services.permits
                    permits.box.setText(search_tenants(desk, actor, "王", limit=1)[0].name)
                    permits.find()
                    for i, tab in enumerate(("listings", "permits", "leases")):
                        services.tabs.setCurrentIndex(i)
                        window.ctx.lane.wait()
                        settle(app)
                        window.grab().save(str(args.out / f"services-{tab}{suffix}.png"))
                    services.tabs.setCurrentIndex(0)
            # The card step right after Register, with a card swiped.
            window.show_page("intake")
            intake = window.intake
            intake.form.phone.setText("13800138000")
            intake.form.unit.setCurrentIndex(intake.form.unit.findData("999"))
            intake.register()
            window.ctx.lane.wait()
            settle(app)
            intake.card_panel.card.setText("0012345678")
            intake.card_panel.issue()
            window.ctx.lane.wait()
            settle(app)
            window.grab().save(str(args.out / f"intake-card{suffix}.png"))
            intake.next_tenant()
            row = search_tenants(desk, actor, "王", limit=1)[0]
            window.show_page("search")
            TenantDialog.show_tenant(window.ctx, row.person_id, window)
            settle(app)
            dialog = window.findChildren(TenantDialog)[0]
            dialog.grab().save(str(args.out / f"tenant{suffix}.png"))
            dialog.close()
            setup = SetupDialog(desk)  # what a first run shows (not submitted here)
            setup.show()
            settle(app)
            setup.grab().save(str(args.out / f"setup{suffix}.png"))
            setup.close()
            login = LoginDialog(desk)
            login.show()
            settle(app)
            login.grab().save(str(args.out / f"login{suffix}.png"))
            login.close()
            window.close()
            settle(app)
        finally:
            desk.close()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
