"""The tenant page: masked identity, cards with their events, and the card actions."""

from __future__ import annotations

from app.supervision.desk_status import tenant_detail
from app.tenants.cards import issue_card
from tests.conftest import register
from tests.ui.conftest import settle
from ui.dialogs.tenant import TenantDialog


def open_dialog(qtbot, make_ctx, desk, admin, registered) -> TenantDialog:
    ctx = make_ctx(admin)
    dialog = TenantDialog(ctx, tenant_detail(desk, admin, registered.person_id))
    qtbot.addWidget(dialog)
    return dialog


def test_masked_identity_and_card_lifecycle(qtbot, make_ctx, desk, admin, building, photo_jpeg):  # rule R6
    done = register(desk, admin, 40, photo=photo_jpeg)
    issue_card(desk, admin, done.idno, "0000000040")
    dialog = open_dialog(qtbot, make_ctx, desk, admin, done)
    shown = " ".join(dialog.identity.itemAt(i).widget().text()
                     for i in range(dialog.identity.count()) if dialog.identity.itemAt(i).widget())
    assert done.idno not in shown and done.idno[-4:] in shown
    assert dialog.cards.topLevelItemCount() == 1
    dialog.lost().action.click()
    settle(qtbot, dialog.ctx.lane)
    assert "0000000040" in dialog.message.text()
    dialog.new_card.setText("0000000041")
    dialog.replace()
    settle(qtbot, dialog.ctx.lane)
    assert "0000000041" in dialog.message.text()
    assert dialog.detail.active_card.number == "0000000041"
    confirm = dialog.revoke()  # a reason is required
    assert not confirm.action.isEnabled()
    confirm.reason.setText("卡被他人借用")
    confirm.action.click()
    settle(qtbot, dialog.ctx.lane)
    assert dialog.detail.active_card is None
    assert not dialog.buttons["return"].isEnabled()


def test_return_and_move_out(qtbot, make_ctx, desk, admin, building, photo_jpeg):
    done = register(desk, admin, 41, photo=photo_jpeg)
    issue_card(desk, admin, done.idno, "0000000042")
    dialog = open_dialog(qtbot, make_ctx, desk, admin, done)
    dialog.returned().action.click()
    settle(qtbot, dialog.ctx.lane)
    assert dialog.detail.active_card is None
    confirm = dialog.move_out()
    confirm.reason.setText("合同到期")
    confirm.action.click()
    settle(qtbot, dialog.ctx.lane)
    assert dialog.detail.current is None and not dialog.buttons["move_out"].isEnabled()
    events = [e.kind for e in dialog.detail.cards[0].events]
    assert events == ["issue", "return"]


def test_replace_photo_from_the_tenant_page(qtbot, make_ctx, desk, admin, building, photo_jpeg):
    from tests.ui.conftest import ASTRONAUT
    from ui.dialogs.photo import PhotoDialog

    done = register(desk, admin, 42, photo=photo_jpeg)
    dialog = open_dialog(qtbot, make_ctx, desk, admin, done)
    dialog.retake_photo()
    photo = dialog.findChildren(PhotoDialog)[0]
    assert photo.panel.load_file(ASTRONAUT)
    photo.save()
    settle(qtbot, dialog.ctx.lane)
    qtbot.waitUntil(lambda: dialog.detail.photo_jpeg not in (None, photo_jpeg))


def test_reveal_with_reason_in_the_tenant_window(qtbot, make_ctx, desk, admin, building):
    # rule R10: an allowed account sees the full number after giving a reason, logged
    from sqlmodel import select

    from app.staff.accounts import create_staff
    from db.engine import read_session
    from db.models import AuditEvent

    done = register(desk, admin, 43)
    dialog = open_dialog(qtbot, make_ctx, desk, admin, done)
    assert not dialog.buttons["reveal"].isHidden()
    dialog.reveal("派出所核查")
    settle(qtbot, dialog.ctx.lane)
    assert done.idno in dialog.message.text()
    with read_session(desk.engine) as s:
        assert s.exec(select(AuditEvent).where(AuditEvent.action == "person.reveal_id")).first()
    clerk = create_staff(desk, admin, "clerk9", "Lantern-Quarry-57-Mosaic", "clerk")
    ctx = make_ctx(clerk)
    plain = TenantDialog(ctx, tenant_detail(desk, clerk, done.person_id))
    qtbot.addWidget(plain)
    assert plain.buttons["reveal"].isHidden()


def test_stray_enters_never_end_a_card(qtbot, make_ctx, desk, admin, building, photo_jpeg):
    """A wedge reader's Enter, or a reflex, on the open window and in every confirmation
    cancels: the card stays active until the clerk clicks the named action (rule R6)."""
    import shiboken6
    from PySide6.QtCore import Qt

    from ui.dialogs.confirm import ConfirmDialog

    done = register(desk, admin, 43, photo=photo_jpeg)
    issue_card(desk, admin, done.idno, "0000000043")
    dialog = open_dialog(qtbot, make_ctx, desk, admin, done)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not any(b.isDefault() or b.autoDefault() for b in dialog.buttons.values())
    for target in (dialog, dialog.cards, dialog.new_card, dialog.focusWidget() or dialog):
        qtbot.keyClick(target, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.new_card, "0000000044")  # the replacement swiped too early
    qtbot.keyClick(dialog.new_card, Qt.Key.Key_Return)
    settle(qtbot, dialog.ctx.lane)
    assert dialog.detail.active_card.number == "0000000043"
    for ask in (dialog.lost, dialog.revoke, dialog.returned, dialog.move_out):
        confirm = ask()
        assert isinstance(confirm, ConfirmDialog) and confirm.cancel.isDefault()
        assert "0000000043" in confirm.text.text() and done.name in confirm.text.text()
        qtbot.keyClick(confirm.reason or confirm.cancel, Qt.Key.Key_Return)
        assert not shiboken6.isValid(confirm) or not confirm.isVisible()
    settle(qtbot, dialog.ctx.lane)
    assert tenant_detail(desk, admin, done.person_id).active_card.number == "0000000043"


def test_cards_page_by_number_names_the_holder(qtbot, make_ctx, desk, admin, building,
                                               photo_jpeg):  # rule R6
    from PySide6.QtCore import Qt

    from ui.pages.cards import CardsPage

    done = register(desk, admin, 44, photo=photo_jpeg)
    issue_card(desk, admin, done.idno, "0000000045")
    page = CardsPage(make_ctx(admin))
    qtbot.addWidget(page)
    page.number.setText("0000000045")
    page.lost()
    settle(qtbot, page.ctx.lane)
    assert page.message.text() == ""
    assert done.name in page.confirm.text.text() and "0000000045" in page.confirm.text.text()
    assert done.idno not in page.confirm.text.text()  # masked
    qtbot.keyClick(page.confirm.cancel, Qt.Key.Key_Return)
    settle(qtbot, page.ctx.lane)
    assert tenant_detail(desk, admin, done.person_id).active_card is not None
    page.lost()
    settle(qtbot, page.ctx.lane)
    page.confirm.action.click()
    settle(qtbot, page.ctx.lane)
    assert tenant_detail(desk, admin, done.person_id).active_card is None
    assert "已挂失" in page.message.text()
