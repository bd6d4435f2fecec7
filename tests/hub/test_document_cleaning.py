"""Documents lose their authors' names before storage; active content, external links and viruses are refused."""

import io
import socket
import threading
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from anticorruption.files import check_upload
from hub.uploads import validate_document
from tests import files as sample
from tests.files import NAME, RELATIONSHIPS, RELS, docx_with, pdf_with, unpacked


def refusal(name, content):
    with translation.override("en"), pytest.raises(ValidationError) as error:
        check_upload(sample.upload(name, content))
    return error.value.messages


def test_pdf_info_and_xmp_do_not_survive():
    xmp = f"<x:xmpmeta><dc:creator>{NAME}</dc:creator></x:xmpmeta>".encode()
    original = pdf_with(author=NAME, xmp=xmp)
    assert NAME.encode() in original
    stored = check_upload(sample.upload("letter.pdf", original)).content
    assert NAME.encode() not in unpacked(stored)
    reader = PdfReader(io.BytesIO(stored))
    assert not reader.metadata and "/Metadata" not in reader.trailer["/Root"] and len(reader.pages) == 1


def test_docx_core_app_properties_and_comment_authors_do_not_survive():
    core = (
        f'<cp:coreProperties xmlns:cp="cp" xmlns:dc="dc"><dc:creator>{NAME}</dc:creator>'
        f"<cp:lastModifiedBy>{NAME}</cp:lastModifiedBy></cp:coreProperties>"
    )
    original = docx_with(
        {
            "docProps/core.xml": core,
            "docProps/app.xml": f"<Properties><Company>{NAME} LLP</Company><Manager>{NAME}</Manager></Properties>",
            "docProps/custom.xml": f"<Properties><property name='Owner'>{NAME}</property></Properties>",
            "word/comments.xml": f'<w:comments xmlns:w="w"><w:comment w:id="0" w:author="{NAME}" w:initials="AS">'
            "<w:p/></w:comment></w:comments>",
            "word/people.xml": f'<w15:people><w15:person w15:author="{NAME}"/></w15:people>',
        }
    )
    stored = check_upload(sample.upload("act.docx", original)).content
    assert NAME.encode() not in unpacked(stored) and b'"AS"' not in unpacked(stored)
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(stored)).namelist()


def test_xlsx_comment_authors_and_properties_do_not_survive():
    base = zipfile.ZipFile(io.BytesIO(sample.xlsx_bytes()))
    members = {name: base.read(name) for name in base.namelist()}
    members["xl/comments1.xml"] = f"<comments><authors><author>{NAME}</author></authors></comments>"
    members["docProps/core.xml"] = f"<cp:coreProperties><dc:creator>{NAME}</dc:creator></cp:coreProperties>"
    stored = check_upload(sample.upload("table.xlsx", sample.zip_bytes(members))).content
    assert NAME.encode() not in unpacked(stored)


def test_opendocument_meta_and_annotation_authors_do_not_survive():
    original = sample.zip_bytes(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "meta.xml": f"<office:document-meta><meta:initial-creator>{NAME}</meta:initial-creator>"
            f"<dc:creator>{NAME}</dc:creator></office:document-meta>",
            "content.xml": f"<office:document-content><office:annotation><dc:creator>{NAME}</dc:creator>"
            "</office:annotation></office:document-content>",
        }
    )
    stored = check_upload(sample.upload("text.odt", original)).content
    assert NAME.encode() not in unpacked(stored)
    assert zipfile.ZipFile(io.BytesIO(stored)).namelist()[0] == "mimetype"


@pytest.mark.parametrize(
    "spelling, replacement",
    [(b"/JavaScript", b"/J#61vaScript"), (b"/JavaScript", b"/#4aavaScript"), (b"/Launch", b"/L#61unch")],
)
def test_pdf_active_content_spelled_with_hex_escapes_is_refused(spelling, replacement):
    action = {NameObject("/S"): NameObject(spelling.decode()), NameObject("/JS"): TextStringObject("app.alert(1)")}
    hidden = pdf_with(open_action=action).replace(spelling, replacement).replace(b"/JS ", b"/J#53 ")
    assert spelling not in hidden
    assert refusal("act.pdf", hidden) == ["act.pdf: PDF files with scripts or embedded files are not accepted."]


def test_a_pdf_that_cannot_be_parsed_is_refused():
    assert refusal("act.pdf", b"%PDF-1.4\n%%EOF") == ["act.pdf: the document cannot be read."]


@pytest.mark.parametrize("relationship", RELATIONSHIPS.values(), ids=RELATIONSHIPS.keys())
def test_office_documents_loading_content_from_outside_are_refused(relationship):
    content = docx_with({"word/_rels/settings.xml.rels": relationship})
    assert refusal("act.docx", content) == [
        "act.docx: documents that load content from outside themselves (a remote template, a linked object) "
        "are not accepted."
    ]


def test_a_hyperlink_in_a_document_is_accepted():
    rels = (
        '<Relationships><Relationship Id="r1" Type="'
        + RELS
        + '/hyperlink" Target="https://egov.kz" TargetMode="External"/></Relationships>'
    )
    assert check_upload(sample.upload("act.docx", docx_with({"word/_rels/document.xml.rels": rels})))


class FakeClamd:
    """A clamd speaking INSTREAM on a Unix socket: finds EICAR, answers OK otherwise."""

    def __init__(self, path):
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(4)
        self.received = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            with connection:
                reader = connection.makefile("rb")
                assert reader.read(10) == b"zINSTREAM\0"
                data = b""
                while size := int.from_bytes(reader.read(4), "big"):
                    data += reader.read(size)
                self.received.append(data)
                found = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE" in data
                connection.sendall(b"stream: Eicar-Test-Signature FOUND\0" if found else b"stream: OK\0")


EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture
def clamd(settings, tmp_path):
    fake = FakeClamd(tmp_path / "clamd.sock")
    settings.CLAMD_SOCKET = str(tmp_path / "clamd.sock")
    yield fake
    fake.server.close()


def test_eicar_behind_a_pdf_header_is_refused_by_the_virus_scan(clamd):
    content = pdf_with().replace(b"%%EOF", EICAR + b"\n%%EOF")
    assert refusal("letter.pdf", content) == ["letter.pdf: the file did not pass the virus scan."]


def test_clean_files_pass_the_scan_and_are_scanned_as_sent(clamd):
    sent = sample.image_bytes("PNG")
    assert check_upload(sample.upload("photo.png", sent))
    assert clamd.received == [sent]


def test_a_file_is_refused_when_clamd_cannot_be_reached(settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    assert refusal("letter.pdf", pdf_with()) == ["letter.pdf: the file did not pass the virus scan."]


def test_without_a_socket_no_scan_runs(settings):
    settings.CLAMD_SOCKET = ""
    stored = check_upload(sample.upload("act.docx", docx_with({"word/media/test.bin": EICAR}))).content
    assert EICAR in zipfile.ZipFile(io.BytesIO(stored)).read("word/media/test.bin")


def odt_with(content_xml, **members):
    return sample.zip_bytes(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": f"<office:document-content>{content_xml}</office:document-content>",
            **members,
        }
    )


def test_a_photo_pasted_into_a_document_loses_its_gps():
    stored = check_upload(sample.upload("act.docx", docx_with({"word/media/image1.jpeg": sample.photo_with_gps()})))
    with zipfile.ZipFile(io.BytesIO(stored.content)) as archive:
        sample.assert_no_metadata(archive.read("word/media/image1.jpeg"))


def test_the_folder_a_workbook_was_saved_in_does_not_survive():
    base = zipfile.ZipFile(io.BytesIO(sample.xlsx_bytes()))
    members = {name: base.read(name) for name in base.namelist()}
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
        b"<workbookPr", rf'<x15ac:absPath xmlns:x15ac="x" url="C:\Users\{NAME}\Documents\"/><workbookPr'.encode()
    )
    stored = check_upload(sample.upload("table.xlsx", sample.zip_bytes(members))).content
    assert NAME.encode() not in unpacked(stored)


@pytest.mark.parametrize(
    "content",
    [
        odt_with("", **{"Basic/Standard/Module1.xml": "<script:module/>"}),
        odt_with(
            '<office:event-listeners><script:event-listener script:event-name="dom:load" '
            'xlink:href="vnd.sun.star.script:../../program/python-core/lib/pydoc.py$tempfilepager(1, calc.exe)'
            '?language=Python&amp;location=share"/></office:event-listeners>'
        ),
    ],
    ids=["basic library", "event calling a shipped script"],
)
def test_opendocuments_running_macros_are_refused(content):
    assert refusal("text.odt", content) == ["text.odt: documents with macros are not accepted."]


@pytest.mark.parametrize(
    "element",
    [
        '<draw:frame><draw:image xlink:href="http://evil.example/pixel.png"/></draw:frame>',
        '<text:section><text:section-source xlink:href="file:///C:/secret.odt"/></text:section>',
        '<draw:frame><draw:object xlink:href="../Shared/linked.ods"/></draw:frame>',
    ],
)
def test_opendocuments_loading_content_from_outside_are_refused(element):
    assert refusal("text.odt", odt_with(element)) == [
        "text.odt: documents that load content from outside themselves (a remote template, a linked object) "
        "are not accepted."
    ]


def test_opendocument_pictures_in_the_package_and_hyperlinks_are_accepted():
    content = odt_with(
        '<draw:frame><draw:image xlink:href="Pictures/1.png"/></draw:frame>'
        '<text:a xlink:href="https://egov.kz">egov</text:a>',
        **{"Pictures/1.png": sample.image_bytes("PNG")},
    )
    assert check_upload(sample.upload("text.odt", content))


def test_pdf_comment_authors_do_not_survive_and_form_fields_keep_their_names():
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, FloatObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    rect = ArrayObject([FloatObject(0), FloatObject(0), FloatObject(10), FloatObject(10)])
    note = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Text"),
            NameObject("/Rect"): rect,
            NameObject("/T"): TextStringObject(NAME),
            NameObject("/Contents"): TextStringObject("Check this"),
        }
    )
    field = DictionaryObject(
        {
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/Rect"): rect,
            NameObject("/T"): TextStringObject("amount"),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(note), writer._add_object(field)])
    output = io.BytesIO()
    writer.write(output)
    stored = check_upload(sample.upload("letter.pdf", output.getvalue())).content
    annotations = [annotation.get_object() for annotation in PdfReader(io.BytesIO(stored)).pages[0]["/Annots"]]
    assert NAME.encode() not in stored and "/T" not in annotations[0] and annotations[0]["/Contents"] == "Check this"
    assert annotations[1]["/T"] == "amount"


def test_presentation_comment_authors_and_embedded_object_properties_do_not_survive():
    pptx = sample.zip_bytes(
        {
            "[Content_Types].xml": "<Types/>",
            "ppt/presentation.xml": "<p:presentation/>",
            "ppt/commentAuthors.xml": f'<p:cmAuthorLst><p:cmAuthor id="1" name="{NAME}" initials="AS"/>'
            "</p:cmAuthorLst>",
        }
    )
    assert NAME.encode() not in unpacked(check_upload(sample.upload("slides.pptx", pptx)).content)
    odt = odt_with(
        "", **{"Object 1/meta.xml": f"<office:document-meta><dc:title>{NAME}</dc:title></office:document-meta>"}
    )
    assert NAME.encode() not in unpacked(check_upload(sample.upload("text.odt", odt)).content)


def test_the_site_document_fields_are_scanned_too(clamd):
    """Road-map evidence, initiative attachments and Wagtail documents go through validate_document."""
    content = pdf_with().replace(b"%%EOF", EICAR + b"\n%%EOF")
    with translation.override("en"), pytest.raises(ValidationError) as error:
        validate_document(sample.upload("act.pdf", content))
    assert error.value.messages == ["act.pdf: the file did not pass the virus scan."]
    validate_document(sample.upload("act.pdf", pdf_with()))
    assert len(clamd.received) == 2
