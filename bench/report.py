"""Print the benchmark's results as Markdown tables, ready for the README."""

import statistics
from dataclasses import dataclass

from bench.load import Measurement
from bench.writes import WriteResult


@dataclass
class PageResult:
    label: str
    articles: int
    kib: float
    runs: list[Measurement]

    @property
    def rate(self) -> float:
        return statistics.median(run.requests_per_second for run in self.runs)

    @property
    def p50(self) -> float:
        return statistics.median(run.p50_ms for run in self.runs)

    @property
    def p99(self) -> float:
        return statistics.median(run.p99_ms for run in self.runs)

    @property
    def cpu_ms(self) -> float | None:
        values = [run.cpu_ms for run in self.runs if run.cpu_ms is not None]
        return statistics.median(values) if values else None

    @property
    def errors(self) -> int:
        return sum(run.errors for run in self.runs)


def page_table(pages: list[PageResult], baseline: PageResult) -> str:
    lines = [
        "| page | posts shown | KiB | req/s | of baseline | p50 ms | p99 ms | server CPU ms/req "
        "| of baseline CPU | errors |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for page in [baseline, *pages]:
        ratio = page.rate / baseline.rate if baseline.rate else 0.0
        cpu, cpu_ratio = "–", "–"
        if page.cpu_ms and baseline.cpu_ms:
            cpu, cpu_ratio = f"{page.cpu_ms:.2f}", f"{baseline.cpu_ms / page.cpu_ms:.0%}"
        lines.append(
            f"| {page.label} | {page.articles or '–'} | {page.kib:.0f} | {page.rate:,.0f} | "
            f"{ratio:.0%} | {page.p50:.1f} | {page.p99:.1f} | {cpu} | {cpu_ratio} | "
            f"{page.errors} |"
        )
    return "\n".join(lines)


def write_table(runs: list[WriteResult]) -> str:
    lines = [
        "| write mix run | writes/s | shares | replies | approvals | p50 ms | p99 ms "
        "| server CPU ms/write | errors | lost | counts drifted |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for number, run in enumerate(runs, 1):
        cpu = f"{run.cpu_ms:.2f}" if run.cpu_ms else "–"
        lines.append(
            f"| {number} | {run.writes_per_second:,.0f} | {run.shares} | {run.replies} | "
            f"{run.approvals} | {run.percentile(0.5):.1f} | {run.percentile(0.99):.1f} | {cpu} | "
            f"{run.errors} | {run.lost} | {run.drifted_counts} |"
        )
    if len(runs) > 1:
        median = statistics.median(run.writes_per_second for run in runs)
        lines.append(f"| median | {median:,.0f} | | | | | | | | | |")
    return "\n".join(lines)


def growth_table(first: str, last: str, before: list[PageResult], after: list[PageResult]) -> str:
    """Median latency, and server CPU (steadier on a busy machine), from one size to another."""
    lines = [
        f"| page | p50 ms ({first}) | p50 ms ({last}) | p50 growth "
        f"| CPU ms ({first}) | CPU ms ({last}) | CPU growth |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for small, large in zip(before, after, strict=True):
        growth = large.p50 / small.p50 if small.p50 else 0.0
        cpu = "| – | – | – |"
        if small.cpu_ms and large.cpu_ms:
            cpu_growth = large.cpu_ms / small.cpu_ms
            cpu = f"| {small.cpu_ms:.2f} | {large.cpu_ms:.2f} | {cpu_growth:.2f}× |"
        lines.append(f"| {small.label} | {small.p50:.1f} | {large.p50:.1f} | {growth:.2f}× {cpu}")
    return "\n".join(lines)
