from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "dispatch"
    verbose_name = _("Văn bản đi, đến và đơn thư")

    def ready(self) -> None:
        from dispatch import panels, registers, services  # noqa: F401 (registers: the PDF builder)

        services.register_approval_effects()
        panels.register()
        _register_record_sources()


def _register_record_sources() -> None:
    """What the office holds that a record file may gather (core.records)."""
    from core.records import register_record_source
    from dispatch.models import IncomingDocument, Letter, OutgoingDocument

    register_record_source(
        "dispatch.incoming",
        IncomingDocument,
        label=_("Văn bản đến"),
        title=lambda doc: doc.summary,
        date=lambda doc: doc.document_date,
        number=lambda doc: doc.number_and_symbol,
        sheets=lambda doc: doc.pages,
        retention_kind="incoming",
        search_fields=("summary", "number_and_symbol"),
    )
    register_record_source(
        "dispatch.outgoing",
        OutgoingDocument,
        label=_("Văn bản đi"),
        title=lambda doc: doc.summary,
        date=lambda doc: doc.document_date,
        number=lambda doc: doc.number_and_symbol,
        retention_kind="outgoing",
        search_fields=("summary", "number_and_symbol"),
    )
    register_record_source(
        "dispatch.letter",
        Letter,
        label=_("Đơn thư"),
        title=lambda letter: letter.summary,
        date=lambda letter: letter.received_on,
        number=lambda letter: str(letter.number),
        retention_kind="letter",
        search_fields=("summary", "sender_name"),
    )
