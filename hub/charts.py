"""Horizontal bar charts drawn as SVG on the server (no script, no inline style), legible on a phone.

The drawing is narrow (``WIDTH`` user units) and shown at its own size, never wider: on a 360 px
screen it shrinks by at most a tenth, so 14-unit text stays above 12 px, and on a desktop it is not
blown up. Each label sits on its own line(s) above its bar, wrapped, never cut.
"""

import textwrap

WIDTH = 340
FONT_SIZE = 14
LINE_HEIGHT = 18
BAR_HEIGHT = 18
GAP = 12
# Characters per label line: DejaVu Sans averages about 0.6 em a character.
LABEL_CHARACTERS = int(WIDTH / (FONT_SIZE * 0.62))
# Room at the end of the longest bar for its count.
VALUE_ROOM = 56


def bar_chart(rows, *, label="name", count="count"):
    """Geometry of a chart of ``rows`` (dicts); each bar keeps its row and gets ``lines``, ``y``, ``width``."""
    largest = max((row[count] for row in rows), default=0) or 1
    bars, y = [], 0
    for row in rows:
        lines = textwrap.wrap(str(row[label]), LABEL_CHARACTERS) or [""]
        label_lines = [{"text": text, "y": y + (index + 1) * LINE_HEIGHT - 4} for index, text in enumerate(lines)]
        bar_y = y + len(lines) * LINE_HEIGHT + 2
        width = round((WIDTH - VALUE_ROOM) * row[count] / largest)
        bars.append(
            {
                **row,
                "label": row[label],
                "count": row[count],
                "lines": label_lines,
                "bar_y": bar_y,
                "value_y": bar_y + BAR_HEIGHT - 4,
                "width": width,
                "value_x": width + 6,
            }
        )
        y = bar_y + BAR_HEIGHT + GAP
    return {"bars": bars, "width": WIDTH, "height": max(y - GAP + 2, 0), "bar_height": BAR_HEIGHT,
            "font_size": FONT_SIZE}  # fmt: skip
