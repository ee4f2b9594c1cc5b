"""``python -m bench``: serve generated data with gunicorn, load it, print the tables.

Every page is measured against a baseline served with the same gunicorn settings: a
minimal Flask app rendering a template as large as the 200-post question page.
"""

import argparse
import os
import platform
import secrets
import sys
import tempfile
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass, field

from bench import datasets, load, report, servers
from bench.member import member_cookie
from bench.writes import run_write_mix
from community.loadtest.reference import ReferencePages, reference_pages

# (label, page, who asks): "visitor" (served from the page cache once warm), "cold" (a
# server whose page cache keeps nothing: every request renders), "member" (signed in:
# never served from the cache).
PAGES = (
    ("directory", "directory", "visitor"),
    ("large condition page", "large_condition", "visitor"),
    ("question, 200 posts in threads", "question_200_posts", "visitor"),
    ("question, 200 posts, cold cache", "question_200_posts", "cold"),
    ("question, 200 posts, member's view", "question_200_posts", "member"),
    ("question, 2,000 posts (page 1)", "question_2000_posts", "visitor"),
    ("question feed (Atom), 200 posts", "question_200_posts_feed", "visitor"),
    ("API: conditions", "api_conditions", "visitor"),
    ("API: a condition's questions", "api_condition", "visitor"),
    ("API: question, 200 posts in threads", "api_question_200_posts", "visitor"),
    ("API: question, 200 posts, cold cache", "api_question_200_posts", "cold"),
    ("search, a common word", "search_common_word", "visitor"),
    ("search, a common word, cold cache", "search_common_word", "cold"),
    ("search, a rare word", "search_rare_word", "visitor"),
    ("search, a rare word, cold cache", "search_rare_word", "cold"),
    ("API: search, a common word", "api_search_common_word", "visitor"),
    ("API: search, a common word, cold cache", "api_search_common_word", "cold"),
    ("API: search, a rare word", "api_search_rare_word", "visitor"),
    ("API: search, a rare word, cold cache", "api_search_rare_word", "cold"),
)
# What --search-api measures: every search and every API answer, served from the page
# cache (the same query asked again) and rendered each time (cold cache).
SEARCH_AND_API = tuple(page for page in PAGES if page[1].startswith(("search_", "api_")))
WARM_UP_REQUESTS = 20
# The write mix logs in as a few members who each write hundreds of posts: the limits
# stay switched on (their cost is measured) but high enough not to refuse them.
BENCH_LIMITS = {
    "COMMUNITY_LIMIT_SHARE": "1000000 per hour",
    "COMMUNITY_LIMIT_REPLY": "1000000 per hour",
    # The load comes from one address: the API's per-address limit would refuse it.
    "COMMUNITY_LIMIT_API": "1000000 per minute",
}


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--dataset",
        action="append",
        choices=sorted(datasets.PRESETS),
        help="dataset size (repeat to compare sizes: --dataset 10k --dataset 1m); default 1m",
    )
    parser.add_argument("--duration", type=float, default=10, help="seconds per measurement")
    parser.add_argument("--concurrency", type=int, default=8, help="connections at once")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; medians reported")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--worker-class", choices=("sync", "gthread"), default="sync")
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument(
        "--postgres-server",
        default=os.environ.get("BENCH_POSTGRES_SERVER", datasets.DEFAULT_POSTGRES),
        help="PostgreSQL server for --database postgresql (databases bench_<size>)",
    )
    parser.add_argument(
        "--postgres-prefix",
        default=os.environ.get("BENCH_POSTGRES_PREFIX", "bench_"),
        help="name of the PostgreSQL databases before the dataset size",
    )
    parser.add_argument("--redis", help="RATELIMIT_STORAGE_URI for the app, e.g. redis://...")
    parser.add_argument(
        "--cache-url",
        help="COMMUNITY_CACHE_URL for the app (default: files in a folder of the run's own)",
    )
    parser.add_argument("--no-writes", action="store_true", help="measure the pages only")
    parser.add_argument("--no-pages", action="store_true", help="measure the write mix only")
    parser.add_argument(
        "--search-api",
        action="store_true",
        help="measure the search and API rows only (with the baseline), no write mix",
    )
    arguments = parser.parse_args(argv)
    arguments.dataset = arguments.dataset or ["1m"]
    arguments.pages = SEARCH_AND_API if arguments.search_api else PAGES
    if arguments.search_api:
        arguments.no_writes = True
    return arguments


def app_environment(url: str, arguments: argparse.Namespace) -> dict:
    environment = {**os.environ, **BENCH_LIMITS}
    environment.update(DATABASE_URL=url, SECRET_KEY=secrets.token_hex(32))
    environment["RATELIMIT_STORAGE_URI"] = arguments.redis or "memory://"
    # Pages of this run only: none left by an earlier run of another dataset.
    environment["COMMUNITY_CACHE_URL"] = arguments.cache_url or f"file://{tempfile.mkdtemp()}"
    return environment


def page_shape(server, path: str, cookie: str = "") -> tuple[int, float]:
    """Fetch a page a few times (warming the server) and return its articles and KiB."""
    request = urllib.request.Request(server.base_url + path, headers={"Cookie": cookie})
    for _ in range(WARM_UP_REQUESTS):
        with urllib.request.urlopen(request) as response:  # nosec B310  # a URL on the loopback server the bench started
            body = response.read()
    # Posts in a page, an Atom feed or an API answer.
    posts = body.count(b"<article") or body.count(b"<entry>") or body.count(b'"kind":')
    return posts, len(body) / 1024


@dataclass
class Served:
    """A dataset served by gunicorn, with its reference pages and their results."""

    data: datasets.Dataset
    pages: ReferencePages
    server: servers.Server
    cold_server: servers.Server
    results: list[report.PageResult] = field(default_factory=list)
    member_cookie: str = ""

    def target(self, who: str) -> tuple[servers.Server, str]:
        """The server to ask and the cookie to send, for a visitor, cold or as a member."""
        if who == "cold":
            return self.cold_server, ""
        if who == "member":
            if not self.member_cookie:
                self.member_cookie = member_cookie(self.server.base_url)
            return self.server, self.member_cookie
        return self.server, ""


def measure_pages(served: list[Served], baseline_server, arguments) -> report.PageResult:
    """Measure every dataset's pages and the baseline, interleaved run after run.

    Interleaving puts the same background load on every dataset and on the baseline,
    so that their ratios hold on a busy machine.
    """
    for target in served:
        for label, attribute, who in arguments.pages:
            shape = page_shape(*_where(target, attribute, who))
            target.results.append(report.PageResult(label, *shape, []))
    baseline = report.PageResult(
        "baseline (same size, no database)", *page_shape(baseline_server, "/"), []
    )
    duration, concurrency = arguments.duration, arguments.concurrency
    for run in range(arguments.runs):
        print(f"  pages, run {run + 1} of {arguments.runs}", flush=True)
        baseline.runs.append(load.measure(baseline_server, "/", duration, concurrency))
        # Every other run in reverse order, so that no dataset always comes last.
        for target in served if run % 2 == 0 else reversed(served):
            for result, (_, attribute, who) in zip(target.results, arguments.pages, strict=True):
                server, path, cookie = _where(target, attribute, who)
                result.runs.append(load.measure(server, path, duration, concurrency, cookie))
    return baseline


def _where(target: Served, attribute: str, who: str) -> tuple[servers.Server, str, str]:
    server, cookie = target.target(who)
    return server, getattr(target.pages, attribute), cookie


def find_pages(url: str) -> ReferencePages:
    with datasets.app_on(url).test_request_context():
        pages = reference_pages()
    if pages is None:
        sys.exit(f"{url} has no reference questions: generate it with generate-load-data")
    return pages


def page_tables(served: list[Served], arguments, settings, stack: ExitStack) -> list[str]:
    first = served[0]
    articles, kib = page_shape(first.server, first.pages.question_200_posts)
    baseline_environment = {
        **os.environ,
        "BENCH_BASELINE_ARTICLES": str(articles),
        "BENCH_BASELINE_BYTES": str(int(kib * 1024)),
    }
    baseline_server = stack.enter_context(
        servers.gunicorn("bench.baseline:app", settings, baseline_environment)
    )
    baseline = measure_pages(served, baseline_server, arguments)
    tables = [
        f"### Pages, dataset {target.data.describe()}\n\n"
        + report.page_table(target.results, baseline)
        for target in served
    ]
    if len(served) > 1:
        last = served[-1]
        growth = report.growth_table(first.data.name, last.data.name, first.results, last.results)
        tables.append(
            f"### Median latency growth from {first.data.name} to {last.data.name}\n\n{growth}"
        )
    return tables


def write_tables(served: list[Served], arguments) -> list[str]:
    tables = []
    for target in served:
        print(f"Write mix on dataset {target.data.name}", flush=True)
        runs = [
            run_write_mix(target.server, target.data.url, arguments.duration, arguments.concurrency)
            for _ in range(arguments.runs)
        ]
        for run in runs:
            for sample in run.error_samples:
                print(f"  write error: {sample}")
        table = report.write_table(runs)
        tables.append(f"### Write mix, dataset {target.data.describe()}\n\n{table}")
    return tables


def main(argv: list[str]) -> None:
    arguments = parse_arguments(argv)
    settings = servers.ServerSettings(arguments.workers, arguments.worker_class, arguments.threads)
    chosen = [
        datasets.dataset(
            name, arguments.database, arguments.postgres_server, arguments.postgres_prefix
        )
        for name in arguments.dataset
    ]
    for data in chosen:
        datasets.ensure(data)
    load_average = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"\nBenchmark on {platform.node()} ({os.cpu_count()} cores, load average "
        f"{load_average}): gunicorn {settings.describe()}, {arguments.concurrency} connections, "
        f"{arguments.duration:g} s per measurement, median of {arguments.runs} runs, "
        f"load generator {load.load_generator()}\n"
    )
    tables = []
    with ExitStack() as stack:
        served = [
            Served(
                data,
                find_pages(data.url),
                stack.enter_context(
                    servers.gunicorn("wsgi:app", settings, app_environment(data.url, arguments))
                ),
                stack.enter_context(
                    servers.gunicorn(
                        "wsgi:app",
                        settings,
                        {**app_environment(data.url, arguments), "COMMUNITY_CACHE_URL": "null://"},
                    )
                ),
            )
            for data in chosen
        ]
        if not arguments.no_pages:
            tables += page_tables(served, arguments, settings, stack)
        if not arguments.no_writes:
            tables += write_tables(served, arguments)
    print("\n" + "\n\n".join(tables))


if __name__ == "__main__":
    main(sys.argv[1:])
