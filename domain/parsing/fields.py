"""`Field`s built with their evidence, and the named entities a model finds."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from domain.parsing.lines import Line, Span
from domain.parsing.model import Evidence, Field


@dataclass(frozen=True)
class Entity:
    """A named entity found by a statistical model; offsets are into the document."""

    label: str
    start: int
    end: int
    text: str


EntityFinder = Callable[[Sequence[Line]], Sequence[Entity]]


def make_field(
    value: str, span: Span, lines: Sequence[Line], confidence: float
) -> Field[str]:
    return Field[str](
        value=value, confidence=confidence, evidence=evidence_for(span, lines)
    )


def evidence_for(span: Span, lines: Sequence[Line]) -> Evidence:
    page = next(
        (line.page for line in lines if line.start <= span.start < line.end + 1), None
    )
    return Evidence(page=page, start=span.start, end=span.end)
