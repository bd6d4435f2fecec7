"""Public uploads lose EXIF (GPS, camera) and XMP before they are stored, as the anticorruption channel's
images do (issue 15): NGO logos, initiative attachments, road-map evidence and Wagtail images."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from hub.uploads import image_without_metadata
from tests.files import assert_no_metadata, image_bytes, pdf_bytes, photo_with_gps, upload


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_photo_with_gps_is_reencoded_without_it_and_upright(fmt):
    content, kind = image_without_metadata(photo_with_gps(fmt))
    assert_no_metadata(content)
    assert kind == ("jpeg" if fmt == "JPEG" else "png")
    assert Image.open(io.BytesIO(content)).size == (4, 6)  # EXIF said "turned": the pixels are turned now


def test_clean_images_and_other_files_are_left_alone():
    assert image_without_metadata(image_bytes("JPEG")) is None
    assert image_without_metadata(pdf_bytes()) is None
    assert image_without_metadata(b"\xff\xd8\xff not really a jpeg") is None


def test_every_stored_image_loses_its_metadata_and_a_webp_becomes_png(db):
    name = default_storage.save("tests/photo.webp", ContentFile(photo_with_gps("WEBP")))
    assert name.endswith(".png")
    with default_storage.open(name) as stored:
        assert_no_metadata(stored.read())
    default_storage.delete(name)


def test_a_wagtail_image_uploaded_by_an_editor_loses_its_gps(client_for, editor):
    response = client_for(editor).post(
        reverse("wagtailimages:add"),
        {"title": "Meeting", "file": upload("meeting.jpg", photo_with_gps(), "image/jpeg")},
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Meeting")
    with image.open_file() as stored:
        assert_no_metadata(stored.read())


def test_a_wagtail_image_created_in_code_loses_its_gps(db):
    image = get_image_model().objects.create(
        title="Seeded", file=ImageFile(io.BytesIO(photo_with_gps()), name="seeded.jpg")
    )
    with image.open_file() as stored:
        assert_no_metadata(stored.read())
