"""Serving a stored programme document (staff and public downloads share it)."""

from __future__ import annotations

from django.http import FileResponse, Http404

from wsparcie.programmes.models import ProgrammeDocument


def document_response(document: ProgrammeDocument) -> FileResponse:
    """The stored file under its original name: PDFs open in the browser, others download."""
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=document.content_type != "application/pdf",
        filename=document.original_filename or document.file.name.rsplit("/", 1)[-1],
        content_type=document.content_type or "application/octet-stream",
    )
