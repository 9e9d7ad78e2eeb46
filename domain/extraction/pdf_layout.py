"""Reading order of a page's lines, from a PDF's text layer or from OCR: columns
and sidebars read one after the other (a sidebar's skills never interleave with the
main column's jobs), rows of a table or of label/value pairs read across."""

import itertools
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from domain.extraction.document import TextBlock

_MAX_COLUMN_DEPTH = 3
# Fewer characters per line than this: bullets or numbers beside text, not a column.
_GLYPH_COLUMN = 4
_BANNER_SIZE = 1.4  # times the body's font size: a name, not a heading
_EDGE_SLACK = 2.0  # points: left edges this close start the same column


@dataclass(frozen=True, slots=True)
class PageLine:
    """A run of text on one baseline, without wide gaps; the unit of reading order."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2


def order_lines(lines: Sequence[PageLine], depth: int = 0) -> list[list[PageLine]]:
    """Groups of lines in reading order: full-width runs and bands, and within a
    band each column top to bottom, left column first (recursively)."""
    gutter = _find_gutter(lines) if depth <= _MAX_COLUMN_DEPTH else None
    if gutter is None:
        return [_in_rows(lines)] if lines else []
    groups: list[list[PageLine]] = []
    for crossing, run in _runs(sorted(lines, key=lambda line: line.y0), gutter):
        groups.extend([_in_rows(run)] if crossing else _order_band(run, gutter, depth))
    return groups


def _find_gutter(lines: Sequence[PageLine]) -> float | None:
    """The x just left of a cluster of left edges that the fewest characters cross,
    with text on both sides; None when there is no such x."""
    if len(lines) < 2:
        return None
    starts = Counter(round(line.x0) for line in lines)
    leftmost = min(starts)
    best: tuple[int, float] | None = None
    for start, count in starts.items():
        if start - leftmost < 10 or count < 2:
            continue
        x = start - 0.5
        crossed = sum(len(line.text) for line in lines if _crosses(line, x))
        if any(line.x1 <= x for line in lines) and (best is None or crossed < best[0]):
            best = (crossed, x)
    return None if best is None else best[1]


def _runs(
    lines: list[PageLine], gutter: float
) -> Iterator[tuple[bool, list[PageLine]]]:
    """Consecutive lines (top to bottom) that do or do not cross the gutter."""
    run: list[PageLine] = []
    crossing = False
    for line in lines:
        crosses = _crosses(line, gutter)
        if run and crosses != crossing:
            yield crossing, run
            run = []
        run.append(line)
        crossing = crosses
    if run:
        yield crossing, run


def _crosses(line: PageLine, x: float) -> bool:
    """Whether the line runs across `x`; one that starts a hair left of it starts
    the column (OCR puts a column's left edges a point or two apart)."""
    return line.x0 < x - _EDGE_SLACK and x < line.x1


def _order_band(
    band: list[PageLine], gutter: float, depth: int
) -> list[list[PageLine]]:
    left = [line for line in band if line.x1 <= gutter]
    right = [line for line in band if line.x1 > gutter]
    if not left or not right or _reads_as_rows(left, right):
        return [_in_rows(band)]
    for side, other in ((left, right), (right, left)):
        banner = _banner(side, other)
        if banner:
            rest = [line for line in band if line not in banner]
            return [_in_rows(banner), *_order_band(rest, gutter, depth)]
    return order_lines(left, depth + 1) + order_lines(right, depth + 1)


def _banner(side: list[PageLine], other: list[PageLine]) -> list[PageLine]:
    """Lines at the top of one column, above where the other column begins, down
    to the last in large type: a name set over the main column beside a sidebar,
    with a smaller title over it ("RÉSUMÉ"), read before both."""
    top = min(line.y0 for line in other)
    body = statistics.median(line.size for line in (*side, *other))
    above: list[PageLine] = []
    for line in sorted(side, key=lambda line: line.y0):
        if line.y1 > top:
            break
        above.append(line)
    large = [i for i, line in enumerate(above) if line.size >= _BANNER_SIZE * body]
    return above[: large[-1] + 1] if large else []


def _reads_as_rows(left: list[PageLine], right: list[PageLine]) -> bool:
    """Side-by-side cells (a title and its dates, a date column beside each job,
    bullet glyphs beside their items) read across; real columns and sidebars read
    down. A side of bare glyphs or numbers is cells. So is the smaller side when its
    lines sit level with lines of the other side, and those are few or mostly have
    unmatched lines (a job's bullets) between them; its lines alone in a gap of the
    other side (headings in a Europass date column) tell neither way."""
    if min(_chars_per_line(left), _chars_per_line(right)) < _GLYPH_COLUMN:
        return True
    if _cells_beside(right, left):
        return True
    fewer, other = sorted((left, right), key=len)
    other = sorted(other, key=lambda line: line.y0)
    # Per line of the fewer side, the first and last line level with it (a row's
    # cell may hold several lines, Europass's language grid five levels).
    rows = sorted(
        {
            (min(level), max(level))
            for line in sorted(fewer, key=lambda line: line.y0)
            for level in [
                [
                    index
                    for index, candidate in enumerate(other)
                    if candidate.y0 <= line.middle <= candidate.y1
                ]
            ]
            if level
        }
    )
    partners = {index for first, last in rows for index in range(first, last + 1)}
    # A line alone in a gap of the other side is a row of its own (Europass sets
    # its section headings in the date column): it tells neither way.
    alone = sum(_alone(line, other) for line in fewer)
    if alone * 2 > len(fewer) or len(partners) < 0.8 * (len(fewer) - alone):
        return False
    if len(fewer) <= 2:
        return True
    apart = sum(after[0] - before[1] > 1 for before, after in itertools.pairwise(rows))
    return apart * 2 >= len(rows) - 1


def _cells_beside(fewer: list[PageLine], other: list[PageLine]) -> bool:
    """Cells on the right of rows: every line a few words on the baseline of a line
    of the other side (a company's place over a title's dates, flush right, "Jake's
    resume"-like; a contact line's or a table's cells; a column of sentences is no
    cells), or each beside one short line far to its left (a table's second
    column: "English ... Native"). A sidebar's lines keep a rhythm of their own:
    its headings and gaps put them off the main column's."""
    if (
        len(fewer) < 2
        or len(fewer) > len(other)
        or any(_alone(line, other) for line in fewer)
    ):
        return False
    if len(fewer) >= 3 and all(
        _cell(line) and any(abs(line.y1 - c.y1) < 1.0 for c in other) for line in fewer
    ):
        return True
    start = min(line.x0 for line in fewer)
    beside = [
        candidate
        for line in fewer
        for candidate in other
        if candidate.y0 <= line.middle <= candidate.y1
    ]
    return (
        len(beside) == len(fewer)
        and all(map(_cell, fewer))
        and all(start - candidate.x1 > 4 * candidate.size for candidate in beside)
    )


def _cell(line: PageLine) -> bool:
    """A table cell's or a flush-right part's text: a few words, no sentence."""
    return len(line.text.split()) <= 6 and not line.text.endswith(".")


def _alone(line: PageLine, other: list[PageLine]) -> bool:
    """Whether no line of `other` shares any height with `line`."""
    return not any(
        candidate.y0 < line.y1 and candidate.y1 > line.y0 for candidate in other
    )


def _chars_per_line(lines: list[PageLine]) -> float:
    return sum(len(line.text) for line in lines) / len(lines)


def _in_rows(lines: Sequence[PageLine]) -> list[PageLine]:
    """Top to bottom; lines level with each other left to right."""
    rows: list[list[PageLine]] = []
    for line in sorted(lines, key=lambda line: line.y0):
        if rows and line.middle <= rows[-1][0].y1:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda line: line.x0)]


# Blocks


def blocks_in_order(groups: list[list[PageLine]], page: int) -> list[TextBlock]:
    """Consecutive lines of a group form one block while they follow each other
    closely in the same style."""
    blocks: list[TextBlock] = []
    for group in groups:
        current: list[PageLine] = []
        for line in group:
            if current and not _continues(current[-1], line):
                blocks.append(_block(current, page))
                current = []
            current.append(line)
        if current:
            blocks.append(_block(current, page))
    return blocks


def _continues(previous: PageLine, line: PageLine) -> bool:
    below = line.y0 >= previous.middle
    close = line.y0 - previous.y1 <= 0.5 * max(previous.height, line.height)
    overlaps = line.x0 < previous.x1 and previous.x0 < line.x1
    same_style = abs(line.size - previous.size) < 0.5 and line.bold == previous.bold
    return below and close and overlaps and same_style


def _block(lines: list[PageLine], page: int) -> TextBlock:
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    bold = sum(len(line.text) for line in lines if line.bold)
    return TextBlock(
        page=page,
        x0=min(line.x0 for line in lines),
        y0=min(line.y0 for line in lines),
        x1=max(line.x1 for line in lines),
        y1=max(line.y1 for line in lines),
        # U+FFFD stands for glyphs without a Unicode mapping, mostly icons.
        text="\n".join(line.text for line in lines).replace("\ufffd", ""),
        font_size=sizes.most_common(1)[0][0],
        bold=bold * 2 >= sum(sizes.values()),
    )
