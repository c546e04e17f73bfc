"""A partitioned folder whose reading kills the worker process reading one district (as the
kernel kills a worker out of memory), for the test of a province run on several processes.
It lives in its own module so that spawn workers can import it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from youjun.ingest.batches import Batch, PartitionedFolder


class DyingFolder(PartitionedFolder):
    def __init__(self, path: Any, deadly: str) -> None:
        super().__init__(path)
        self.deadly, self.parent = deadly, os.getpid()

    def read(self, codes: Sequence[str]) -> Batch:
        if self.deadly in codes and os.getpid() != self.parent:
            os._exit(9)  # a worker, not the main process: dies without a word
        return super().read(codes)
