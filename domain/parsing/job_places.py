"""Places inside a job header piece: a trailing place after a comma ("Acme Corp,
Springfield, IL") and an employer written with its country ("ADP, Singapore")."""

import re

from domain.parsing.lines import Span, sub_span
from domain.parsing.places import COUNTRIES, is_city, is_location


def strip_location(segment: Span) -> tuple[Span, Span | None]:
    """Split a trailing place off: "Acme Corp, Springfield, IL" gives "Acme Corp" and
    "Springfield, IL"; "ByteDance, Shanghai" gives "ByteDance" and "Shanghai"."""
    commas = [m.start() for m in re.finditer(",", segment.text)]
    for cut in commas:
        tail = sub_span(segment, cut + 1, len(segment.text))
        if tail is not None and (is_location(tail.text) or is_city(tail.text)):
            head = sub_span(segment, 0, cut)
            if head is not None:
                return head, tail
    return segment, None


def employer_in_country(segment: Span) -> tuple[Span, Span] | None:
    """ "ADP, Singapore" or "Henkel, Germany": a name that is no known city before a
    country reads as an employer and its country, not as "City, Country"."""
    head, _, tail = segment.text.rpartition(",")
    if tail.strip().lower() not in COUNTRIES or not head.strip():
        return None
    if is_city(head.strip()) or is_location(head.strip()) or "," in head:
        return None
    employer = sub_span(segment, 0, len(head))
    country = sub_span(segment, len(head) + 1, len(segment.text))
    return (employer, country) if employer and country else None
