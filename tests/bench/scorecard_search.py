"""`candidateSearch` on the matching scorecard's candidates: each category's O*NET
occupation title is the query ("Accountants and Auditors", "Chefs and Head Cooks"),
asked by the recruiter who uploaded the 480 LiveCareer resumes. Per query, the first
10 hits: P@10 (hits whose resume is of that category) and the reciprocal rank of the
first such hit; and which list found the hits (semantic, full text, both: in
the fused first 10, nearly every hit is found by both lists)."""

from collections import Counter

from tests.bench.scorecard_matching_category import CategoryTask

SEARCH = """query($q: String!) { candidateSearch(query: $q, first: 10) {
  edges { node { id } matchedBy }
} }"""
FIRST = 10


async def search_lines(task: CategoryTask) -> list[str]:
    """The table's lines: one per query, then the means."""
    categories: dict[str, set[str]] = {}
    for key, candidate in task.candidate_of.items():
        if candidate:
            categories.setdefault(candidate, set()).add(key.split("/", 1)[0])
    lines = [f"candidateSearch, {len(task.postings)} queries (O*NET titles), first 10:"]
    precision, reciprocal, parts = [], [], Counter[str]()
    for posting in task.postings:
        found = await task.recruiter.gql(SEARCH, {"q": posting.title})
        edges = found["candidateSearch"]["edges"]
        relevant = [posting.label in categories.get(e["node"]["id"], ()) for e in edges]
        parts.update("+".join(sorted(e["matchedBy"])) for e in edges)
        precision.append(sum(relevant) / FIRST)
        first = next((n for n, hit in enumerate(relevant, 1) if hit), None)
        reciprocal.append(1 / first if first else 0.0)
        lines.append(
            f"  {posting.label:24}{posting.title[:44]:46}P@10 {precision[-1]:.1f}"
        )
    lines.append(
        f"  mean P@10 {sum(precision) / len(precision):.3f},"
        f" MRR {sum(reciprocal) / len(reciprocal):.3f};"
        f" hits by list: {dict(sorted(parts.items()))}"
    )
    return lines
