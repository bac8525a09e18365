"""The allocator setting of tracekeras.backend.heap: a step's freed buffers are reused."""
import resource

import numpy as np
import pytest

from tracekeras.backend import heap


def page_faults_of_steps(steps=10):
    """Minor page faults of ``steps`` rounds that make and drop three 12 MB arrays."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(steps):
        arrays = [np.ones(3 << 20, np.float32) for _ in range(3)]
        del arrays
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_freed_buffers_are_reused_without_faulting_pages_in_again():
    if not heap.keep_freed_buffers():
        pytest.skip("the allocator setting applies to glibc only")
    assert heap.keep_freed_buffers() is True          # once per process, same answer
    page_faults_of_steps(1)                           # the heap grows once
    pages = 3 * (12 << 20) // resource.getpagesize()
    assert page_faults_of_steps() < pages // 100      # glibc alone: about 10,000 here
