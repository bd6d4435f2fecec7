"""StreamField blocks for editorial pages."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("value"), max_length=40)
    label = blocks.CharBlock(label=_("what it counts"), max_length=120)
    explanation = blocks.CharBlock(label=_("what it means for residents"), max_length=250, required=False)

    class Meta:
        icon = "pick"
        label = _("Key figure")
        template = "hub/blocks/key_figure.html"


class KeyFiguresBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), **kwargs)

    class Meta:
        label = _("Key figures")
        template = "hub/blocks/key_figures.html"


class TableBlock(TypedTableBlock):
    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock(label=_("text"))),
                ("number", blocks.DecimalBlock(label=pgettext_lazy("figure", "number"))),
            ],
            **kwargs,
        )

    class Meta:
        label = _("Table")
        template = "hub/blocks/table.html"


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("caption"), max_length=200)
    table = TableBlock()

    class Meta:
        icon = "table"
        label = _("Table")
        template = "hub/blocks/captioned_table.html"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("link text"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "hub/blocks/attachment.html"


class StandardBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Image"))
    attachment = AttachmentBlock()


class ReportBodyBlock(StandardBodyBlock):
    key_figures = KeyFiguresBlock()
    table = CaptionedTableBlock()
