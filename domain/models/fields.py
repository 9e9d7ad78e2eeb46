"""Custom ORM fields: pgvector's `vector(N)` column."""

from typing import Any

import numpy as np
from tortoise.fields.base import Field

EMBEDDING_DIMENSIONS = 384


class VectorField(Field[list[float]]):
    """A pgvector `vector(N)`; values travel in pgvector's text form `[1,2,3]`."""

    field_type = list

    def __init__(self, dimensions: int = EMBEDDING_DIMENSIONS, **kwargs: Any) -> None:
        self.dimensions = dimensions
        super().__init__(**kwargs)

    # Tortoise reads SQL_TYPE from the instance, so a property gives each its size.
    @property
    def SQL_TYPE(self) -> str:  # type: ignore[override]  # noqa: N802
        return f"vector({self.dimensions})"

    def to_db_value(self, value: Any, instance: Any) -> str | None:
        if value is None:
            return None
        vector = np.asarray(value, dtype=np.float32)
        if vector.shape != (self.dimensions,):
            raise ValueError(
                f"expected {self.dimensions} numbers, got shape {vector.shape}"
            )
        return "[" + ",".join(repr(float(x)) for x in vector) + "]"

    def to_python_value(self, value: Any) -> list[float] | None:
        if value is None or isinstance(value, list):
            return value
        return parse_vector(str(value))


def parse_vector(text: str) -> list[float]:
    """A vector from pgvector's text form `[1,2,3]` (as a column or `avg()` reads)."""
    return [float(x) for x in text.strip("[]").split(",")]
