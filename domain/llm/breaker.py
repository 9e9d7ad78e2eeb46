"""A circuit breaker: after repeated failures the model is not called for a while,
so a server that is down costs no time and the local result is used at once."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class CircuitBreaker:
    """Opens after `failures` consecutive failures; after `cooldown_seconds` one
    trial call is let through (half-open): success closes it, failure reopens it."""

    failures: int = 5
    cooldown_seconds: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _consecutive: int = 0
    _opened_at: float | None = None
    _trial_running: bool = field(default=False)

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None

    def allow(self) -> bool:
        """Whether a call may go out now."""
        if self._opened_at is None:
            return True
        if self._trial_running:
            return False
        if self.clock() - self._opened_at >= self.cooldown_seconds:
            self._trial_running = True
            return True
        return False

    def record_success(self) -> None:
        self._consecutive, self._opened_at, self._trial_running = 0, None, False

    def record_failure(self) -> None:
        self._consecutive += 1
        self._trial_running = False
        if self._opened_at is not None or self._consecutive >= self.failures:
            self._opened_at = self.clock()
