"""How fast this machine's core is, for `make bench` and `make load` to print beside their
figures: the rows of two runs on different machines compare by it, as those of one machine
by its load average."""

import statistics
import time


def core_speed(repeat=3):
    """The median time, in seconds, of a fixed piece of plain Python on one core: five
    million additions."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        total = 0
        for number in range(5_000_000):
            total += number
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)
