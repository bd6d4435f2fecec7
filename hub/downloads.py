"""Responses the browser saves instead of showing: exports, PDFs and private attachments."""

from django.http import FileResponse, HttpResponse
from django.shortcuts import render


def download(data, content_type, filename):
    """Bytes the browser saves as ``filename``."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def private_file(handle, *, filename, content_type):
    """A stored private file (an attachment someone sent): saved, never rendered, sniffed or cached."""
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Referrer-Policy"] = "no-referrer"
    return response


def being_prepared(request, *, title, back_url, back_label):
    """The answer while a worker prepares a document (hub.tasks.enqueue_once): the page reloads itself."""
    context = {"title": title, "back_url": back_url, "back_label": back_label}
    return render(request, "hub/document_pending.html", context, status=202)
