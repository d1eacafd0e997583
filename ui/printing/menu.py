"""The 打印 menu: every paper the desk hands over, from one place (forms issue).

Each entry asks for what identifies the record, renders the PDF on the database lane
(app.printing reads the record and logs the print, R10) and opens the print preview.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu, QWidget

from app.desk import clock
from app.desk.context import Desk
from app.staff.audit import Actor
from ui.context import UiContext
from ui.lane_op import run_on_lane


def _render(ctx: UiContext, parent: QWidget, make_pdf: Callable[[Desk, Actor], bytes],
            title: str) -> None:
    from ui.printing import PrintPreviewDialog

    run_on_lane(parent, make_pdf, success=lambda pdf: PrintPreviewDialog.preview(parent, pdf, title),
                ctx=ctx)


def _ask(parent: QWidget, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label)
    return text.strip() if ok and text.strip() else None


def install_print_menu(window: QMainWindow, ctx: UiContext) -> QMenu:
    from app.printing import documents as printing

    menu = window.menuBar().addMenu(QCoreApplication.translate("PrintMenu", "打印(&P)"))

    def batch() -> None:
        _render(ctx, window, lambda desk, actor: printing.batch_collection_pdf(desk, actor, clock.today(desk)),
                QCoreApplication.translate("PrintMenu", "今日全部采集表"))

    def receipt() -> None:
        card = _ask(window, QCoreApplication.translate("PrintMenu", "门禁卡发卡回执"), QCoreApplication.translate("PrintMenu", "刷卡或输入卡号："))
        if card:
            _render(ctx, window, lambda desk, actor: printing.card_receipt_pdf(desk, actor, card),
                    QCoreApplication.translate("PrintMenu", "门禁卡发卡回执"))

    def unit_form() -> None:
        building = _ask(window, QCoreApplication.translate("PrintMenu", "出租屋综合信息登记表"), QCoreApplication.translate("PrintMenu", "楼栋编号："))
        unit = building and _ask(window, QCoreApplication.translate("PrintMenu", "出租屋综合信息登记表"), QCoreApplication.translate("PrintMenu", "房号："))
        if building and unit:
            _render(ctx, window,
                    lambda desk, actor: printing.unit_form_pdf(desk, actor, building, unit),
                    QCoreApplication.translate("PrintMenu", "出租屋综合信息登记表"))

    def blank(kind: str, title: str) -> None:
        _render(ctx, window, lambda desk, _actor: printing.blank_pdf(kind, desk), title)

    menu.addAction(QCoreApplication.translate("PrintMenu", "今日全部采集表（批量打印）"), batch)
    menu.addAction(QCoreApplication.translate("PrintMenu", "门禁卡发卡回执…"), receipt)
    menu.addAction(QCoreApplication.translate("PrintMenu", "出租屋综合信息登记表…"), unit_form)
    menu.addSeparator()
    menu.addAction(QCoreApplication.translate("PrintMenu", "空白采集表（系统停用时手填）"),
                   lambda: blank("collection", QCoreApplication.translate("PrintMenu", "空白采集表")))
    menu.addAction(QCoreApplication.translate("PrintMenu", "空白出租屋登记表（系统停用时手填）"),
                   lambda: blank("unit", QCoreApplication.translate("PrintMenu", "空白出租屋登记表")))
    return menu
