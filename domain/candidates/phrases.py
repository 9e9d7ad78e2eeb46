"""The adjacent word pairs that a full-text query's phrases require.

`websearch_to_tsquery` turns `"python developer"` into `'python' <-> 'develop'`.
A row can only match that if its `search_bigrams` column (migration 0011: each
pair of adjacent lexemes of `search_vector`, as one lexeme "python develop")
holds the pair, and the GIN index of that column finds such rows at once. This
module reads the tsquery's text and returns the pairs that EVERY match must
hold; a part of the query it cannot vouch for (an `or`, a `!`, a gap `<2>` left
by a stop word) adds no pair, so the pairs only ever narrow the candidate rows
and the `@@` match on `search_vector` still decides."""

import re
from itertools import pairwise

_TOKEN = re.compile(r"'(?:[^']|'')*'|<->|<\d+>|[&|!()]|\S")


def _lexeme(token: str) -> str | None:
    """The text of a quoted lexeme token (`'it''s'` -> `it's`), else None."""
    if len(token) >= 2 and token[0] == token[-1] == "'":
        return token[1:-1].replace("''", "'").replace("\\\\", "\\")
    return None


def _strip_parens(tokens: list[str]) -> list[str]:
    """`( ... )` around the whole of `tokens` removed, as often as it is there."""
    while len(tokens) >= 2 and tokens[0] == "(" and tokens[-1] == ")":
        depth = 0
        for i, token in enumerate(tokens):
            depth += {"(": 1, ")": -1}.get(token, 0)
            if depth == 0 and i < len(tokens) - 1:
                return tokens  # `( a ) & ( b )`: the first paren closes early
        tokens = tokens[1:-1]
    return tokens


def _top_level_split(tokens: list[str], operator: str) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token, 0)
        if token == operator and depth == 0:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _chain_pairs(tokens: list[str]) -> list[str]:
    """`'a' <-> 'b' <-> 'c'` -> ["a b", "b c"]; anything else -> []."""
    lexemes = [x for x in (_lexeme(t) for t in tokens[::2]) if x is not None]
    operators = tokens[1::2]
    if len(tokens) % 2 == 0 or len(lexemes) != len(tokens[::2]):
        return []
    if any(op != "<->" for op in operators):
        return []
    return [f"{a} {b}" for a, b in pairwise(lexemes)]


def _pairs(tokens: list[str]) -> list[str]:
    tokens = _strip_parens(tokens)
    if len(_top_level_split(tokens, "|")) > 1:
        return []  # either side may match: neither side's pairs are required
    conjuncts = _top_level_split(tokens, "&")
    if len(conjuncts) > 1:
        return [pair for part in conjuncts for pair in _pairs(part)]
    return _chain_pairs(tokens)


def required_pairs(tsquery_text: str) -> list[str]:
    """The word pairs every row matching `tsquery_text` holds, first seen first."""
    found = _pairs(_TOKEN.findall(tsquery_text))
    return list(dict.fromkeys(found))


def pairs_query(pairs: list[str]) -> str:
    """The tsquery text (for a `::tsquery` cast) that asks for all `pairs`."""
    quoted = ("'" + p.replace("\\", "\\\\").replace("'", "''") + "'" for p in pairs)
    return " & ".join(quoted)
