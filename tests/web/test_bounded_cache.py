"""The per-process cache of figures built from frozen runs: least recently used goes first."""

from youjun.web.apps.platform.lru import BoundedCache


def test_the_least_recently_used_is_dropped_and_a_value_is_built_once() -> None:
    cache: BoundedCache[int] = BoundedCache(2)
    built: list[str] = []

    def build(key: str) -> int:
        built.append(key)
        return len(built)

    assert cache.get_or_build("a", lambda: build("a")) == 1
    assert cache.get_or_build("b", lambda: build("b")) == 2
    assert cache.get_or_build("a", lambda: build("a")) == 1  # kept; "a" is now the most recent
    cache.get_or_build("c", lambda: build("c"))  # over the limit: "b" goes
    assert cache.get_or_build("a", lambda: build("a")) == 1
    assert cache.get_or_build("b", lambda: build("b")) == 4  # built again
    assert built == ["a", "b", "c", "b"]


def test_a_value_not_kept_is_built_every_time() -> None:
    cache: BoundedCache[int] = BoundedCache(4)
    calls = iter(range(10))
    first = cache.get_or_build("running", lambda: next(calls), keep=False)
    second = cache.get_or_build("running", lambda: next(calls), keep=False)
    assert (first, second) == (0, 1)
