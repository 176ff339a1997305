"""Time SHACL validation of the release with pySHACL and pyshacl-turbo, with and without RDFS inference.

Run: python benchmarks/shacl_engines.py  (prints a Markdown table; results are recorded in BENCHMARKS.md)
"""

from __future__ import annotations

import statistics
import time

import exopa
from exopa.validation import shapes_graph, validate

REPEATS = 5


def main() -> None:
    graph = exopa.graph()
    shapes_graph()
    print(f"release: {len(graph)} triples; median of {REPEATS} runs\n")
    print("| engine | inference | median (s) | min (s) | max (s) | violations | results |")
    print("|---|---|---|---|---|---|---|")
    for engine in ("pyshacl", "turbo"):
        for inference in ("none", "rdfs"):
            times = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                result = validate(graph, engine=engine, inference=inference)
                times.append(time.perf_counter() - start)
            print(
                f"| {engine} | {inference} | {statistics.median(times):.2f} | {min(times):.2f} | {max(times):.2f} "
                f"| {len(result.violations)} | {len(result.problems)} |"
            )


if __name__ == "__main__":
    main()
