"""``/healthz`` names the virus scanner where uploads are scanned: a stopped clamd refuses every report
file, so monitoring must see it."""

from tests.hub.test_document_cleaning import FakeClamd


def test_health_check_names_a_clamd_that_cannot_be_reached(visitor, db, settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    response = visitor.get("/healthz")
    assert response.status_code == 503
    assert "virus scanner: failing (FileNotFoundError)" in response.content.decode()


def test_health_check_asks_a_running_clamd(visitor, db, settings, tmp_path):
    fake = FakeClamd(tmp_path / "clamd.sock")
    settings.CLAMD_SOCKET = str(tmp_path / "clamd.sock")
    try:
        response = visitor.get("/healthz")
    finally:
        fake.server.close()
    assert response.status_code == 200, response.content
    assert "virus scanner: ok" in response.content.decode() and fake.received == [b"healthz"]


def test_without_a_scanner_there_is_no_scanner_line(visitor, db, settings):
    settings.CLAMD_SOCKET = ""
    assert "virus scanner" not in visitor.get("/healthz").content.decode()
