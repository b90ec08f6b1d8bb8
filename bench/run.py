"""Benchmark: what building, checking and printing the handbook costs, and how it grows.

First the real handbook: our full build without PDFs against the same
configuration without our plugins (plain Material + i18n +
search), alternated, the median of --repeat runs of each. Then for each N
(regulations per language) it generates a synthetic handbook (bench/generate.py)
and measures, as separate processes, the median of --repeat runs of: our full
build without PDFs and the plain build (alternated), `handbook check`; then one
build with the PDFs. It records wall time, peak memory (max RSS), the size of site/ and
of each language's search index (raw and gzip), and writes
bench/results/latest.json and latest.md.

Last, the change history: N = 500 regulations (--history) each committed in
3 versions (--versions) in a git repository; the build with its history pages
against the same build without them (alternated, the median of --repeat runs),
and the time to read the history (core/versions.handbook_history, in this
process) against the build without history. The runs above are built without
history (their projects are not repositories; the real handbook's copy neither).

    make bench                    # N = 50, 200, 500, then history at N = 500
    make bench BENCH_ARGS=--large # and 2,000 (a long run)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate, read_config, without_our_code, write_config

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = REPO / "bench" / "results"
TODAY = "2026-11-24"
_PDF_LINE = re.compile(
    r"PDF \((\w+)\): (\d+) regulations and the handbook, chapters: (\d+) rendered, \d+ from the cache, \d+ pages, "
    r"in ([\d.]+) s"
)
_BOOK_LINE = re.compile(r"wrote pdf/handbook-(\w+)\.pdf: (\d+) pages, ([\d.]+ [KMG]?B)")


def measure(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str, float]:
    """(seconds, peak memory in MB, output, CPU seconds with its workers') of one run of `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: `handbook check` with an overdue review, as intended
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, output, usage.ru_utime + usage.ru_stime


def median_run(command: list[str], cwd: Path, env: dict[str, str], repeat: int) -> dict[str, float]:
    return alternated({"run": command}, cwd, env, repeat)["run"]


def alternated(
    commands: dict[str, list[str]],
    cwd: Path,
    env: dict[str, str],
    repeat: int,
    extra_env: dict[str, dict[str, str]] | None = None,
) -> dict[str, dict]:
    """Each command `repeat` times, in turn (A B A B …), so that a drift in the machine's speed weighs on
    all of them alike; the median time, the median CPU time and the highest peak memory of each."""
    runs: dict[str, list[tuple[float, float, str, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(measure(command, cwd, {**env, **(extra_env or {}).get(name, {})}))
    return {
        name: {
            "seconds": round(statistics.median(r[0] for r in measured), 2),
            "cpu_seconds": round(statistics.median(r[3] for r in measured), 2),
            "peak_mb": round(max(r[1] for r in measured), 1),
        }
        for name, measured in runs.items()
    }


def build_and_plain(project: Path, env: dict[str, str], repeat: int) -> dict[str, object]:
    """Our full build (no PDFs) and the plain one of the same site, alternated; their ratio."""
    mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "--quiet"]
    timed = alternated(
        {
            "build": [*mkdocs, "-f", "mkdocs.yml", "-d", "site"],
            "plain_build": [*mkdocs, "-f", "mkdocs-plain.yml", "-d", "site-plain"],
        },
        project,
        env,
        repeat,
    )
    return {
        **timed,
        "overhead_ratio": round(timed["build"]["seconds"] / timed["plain_build"]["seconds"], 3),
        "site": site_figures(project / "site"),
        "plain_site": site_figures(project / "site-plain"),
    }


def bench_handbook(repeat: int) -> dict[str, object]:
    """The real handbook, as `make build` builds it without PDFs, against the plain build of it."""
    with tempfile.TemporaryDirectory(prefix="handbook-bench-real-") as folder:
        project = Path(folder)
        for name in ("handbook", "overrides"):  # overrides/: what this company customises, if anything
            if (REPO / name).is_dir():
                shutil.copytree(REPO / name, project / name)
        for name in ("mkdocs.yml", "CONTRIBUTING.md"):
            shutil.copy(REPO / name, project / name)
        config = read_config(project / "mkdocs.yml")
        for plugin in config["plugins"]:  # a copy outside git: its history is measured apart (bench_history)
            if isinstance(plugin, dict) and "handbook/regulations" in plugin:
                plugin["handbook/regulations"]["history"] = False
        write_config(config, project / "mkdocs.yml")
        write_config(without_our_code(config), project / "mkdocs-plain.yml")
        env = {**os.environ, "HANDBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "false"}
        return {"n": "handbook", **build_and_plain(project, env, repeat)}


def bench_history(n: int, versions: int, repeat: int) -> dict[str, object]:
    """N regulations committed in `versions` versions: the build with history against it without."""
    from handbook_kit.core.registry import load_handbook
    from handbook_kit.core.versions import handbook_history

    with tempfile.TemporaryDirectory(prefix=f"handbook-bench-history-{n}-") as folder:
        project = Path(folder)
        generate(n, project, versions=versions)
        env = {**os.environ, "HANDBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "false"}
        mkdocs = [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-f", "mkdocs.yml"]
        timed = alternated(
            {
                "with_history": [*mkdocs, "-d", "site-history"],
                "without_history": [*mkdocs, "-d", "site"],
            },
            project,
            env,
            repeat,
            {"with_history": {"HANDBOOK_HISTORY": "true"}},
        )
        docs = project / "handbook"
        handbook = load_handbook(docs, project)
        reads = []
        for _ in range(repeat):
            started = time.perf_counter()
            history = handbook_history(handbook, docs)
            reads.append(time.perf_counter() - started)
        pages = sum(1 for _ in (project / "site-history").rglob("index.html")) - sum(
            1 for _ in (project / "site").rglob("index.html")
        )
        without = timed["without_history"]["seconds"]
        return {
            "n": n,
            "versions": versions,
            **timed,
            "history_pages": pages,
            "archived_versions": sum(v.archived for h in history.regulations.values() for v in h.versions),
            "added": round(timed["with_history"]["seconds"] / without - 1, 3),
            # Most of the history pages are written by workers on other cores: what they cost in CPU time.
            "cpu_added": round(timed["with_history"]["cpu_seconds"] / timed["without_history"]["cpu_seconds"] - 1, 3),
            "read_seconds": round(statistics.median(reads), 2),
            "read_share": round(statistics.median(reads) / without, 3),
        }


def site_figures(site: Path) -> dict[str, object]:
    pages = list(site.rglob("*.html"))
    total = sum(path.stat().st_size for path in site.rglob("*") if path.is_file() and path.suffix != ".pdf")
    figures: dict[str, object] = {
        "pages": len(pages),
        "bytes": total,
        "kb_per_page": round(total / len(pages) / 1000, 1),
    }
    for language, root in (("zh", ""), ("en", "en/")):
        index = site / root / "search" / "search_index.json"
        if index.is_file():
            raw = index.read_bytes()
            figures[f"search_{language}"] = {"bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, mtime=0))}
    return figures


def bench(n: int, repeat: int, pdf: bool) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix=f"handbook-bench-{n}-") as folder:
        project = Path(folder)
        generate(n, project)
        env = {**os.environ, "HANDBOOK_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_PDF": "false"}
        result: dict[str, object] = {"n": n, **build_and_plain(project, env, repeat)}
        result["check"] = median_run([str(BIN / "handbook"), "check", "--docs", "handbook"], project, env, repeat)
        if pdf:
            result["pdf_build"] = bench_pdfs(project, env, result["build"]["seconds"])
        return result


def bench_pdfs(project: Path, env: dict[str, str], site_seconds: float) -> dict[str, object]:
    """The build with every PDF, as ratios to the site's build without them: from a cold cache (all
    rendered), then from the warm cache after one regulation's text changed, then with nothing changed."""
    runs = {}
    env = {**env, "HANDBOOK_PDF": "true", "HANDBOOK_CACHE": str(project / "pdf-cache")}
    build = [str(BIN / "mkdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", "site-pdf"]
    for name in ("cold", "one_changed", "warm"):
        if name == "one_changed":  # one sentence more in the first regulation, in Chinese
            first = next(iter(sorted((project / "handbook" / "zh").glob("*/*.md"))))
            first.write_text(first.read_text(encoding="utf-8") + "\n本制度自发布之日起施行。\n", encoding="utf-8")
        seconds, peak, output, _ = measure(build, project, env)
        books = {language: (int(pages), size) for language, pages, size in _BOOK_LINE.findall(output)}
        runs[name] = {
            "seconds": round(seconds, 2),
            "ratio_to_site": round(seconds / site_seconds, 2),
            "peak_mb": round(peak, 1),
            "pdfs": {  # per language: the book's pages and size; chapters rendered anew; all its PDFs' time
                language: {
                    "pages": books[language][0],
                    "size": books[language][1],
                    "regulations": int(regulations),
                    "rendered": int(rendered),
                    "seconds": float(secs),
                }
                for language, regulations, rendered, secs in _PDF_LINE.findall(output)
            },
        }
        shutil.rmtree(project / "site-pdf", ignore_errors=True)
    return {**runs["cold"], "one_changed": runs["one_changed"], "warm": runs["warm"]}


def growth(results: list[dict], key: str, small: int, large: int) -> float | None:
    by_n = {r["n"]: r for r in results}
    if small not in by_n or large not in by_n:
        return None
    value = (
        (lambda r: r[key]["seconds"]) if key in ("build", "plain_build", "check") else (lambda r: r["site"]["bytes"])
    )
    return round(value(by_n[large]) / value(by_n[small]), 2)


def markdown(results: list[dict]) -> str:
    lines = [
        "| N | build (s) | plain (s) | overhead | check (s) | PDF zh / en (s, pages, size) "
        "| all PDFs: cold / one changed / warm (s, × build) | site (MB) | KB/page "
        "| search zh raw / gzip (KB) | search en raw / gzip (KB) | peak MB build / plain / check / PDF |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        site = r["site"]
        pdfs = r.get("pdf_build", {}).get("pdfs", {})
        pdf = " / ".join(f"{p['seconds']}, {p['pages']}, {p['size']}" for p in pdfs.values()) or "-"
        pdf_runs = [r["pdf_build"], r["pdf_build"]["one_changed"], r["pdf_build"]["warm"]] if pdfs else []
        all_pdfs = " / ".join(f"{run['seconds']}, {run['ratio_to_site']}×" for run in pdf_runs) or "-"
        search = [
            f"{site[f'search_{lang}']['bytes'] // 1000} / {site[f'search_{lang}']['gzip_bytes'] // 1000}"
            for lang in ("zh", "en")
        ]
        peaks = " / ".join(
            str(r[key]["peak_mb"]) if key in r else "-" for key in ("build", "plain_build", "check", "pdf_build")
        )
        lines.append(
            f"| {r['n']} | {r['build']['seconds']} | {r['plain_build']['seconds']} | {r['overhead_ratio']} "
            f"| {r['check']['seconds']} | {pdf} | {all_pdfs} | {site['bytes'] / 1e6:.1f} | {site['kb_per_page']} "
            f"| {search[0]} | {search[1]} | {peaks} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="50,200,500", help="comma list of N (default: 50,200,500)")
    parser.add_argument("--large", action="store_true", help="also N=2000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is kept (default: 3)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF builds")
    parser.add_argument("--history", type=int, default=500, help="N of the change-history run (0: none)")
    parser.add_argument("--versions", type=int, default=3, help="versions of each regulation in that run")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",") if n] + ([2000] if args.large else [])
    print("the real handbook ...", flush=True)
    handbook = bench_handbook(args.repeat)
    print(
        f"  build {handbook['build']['seconds']} s, plain {handbook['plain_build']['seconds']} s, "
        f"overhead {handbook['overhead_ratio']}",
        flush=True,
    )
    results = []
    for n in sizes:
        print(f"N={n} ...", flush=True)
        results.append(bench(n, args.repeat, not args.no_pdf))
        r = results[-1]
        print(
            f"  build {r['build']['seconds']} s ({r['build']['seconds'] / n / 2 * 1000:.0f} ms per page), "
            f"plain {r['plain_build']['seconds']} s, overhead {r['overhead_ratio']}, check {r['check']['seconds']} s, "
            f"site {r['site']['kb_per_page']} KB per page",
            flush=True,
        )
    history = None
    if args.history:
        print(f"history: N={args.history}, {args.versions} versions each ...", flush=True)
        history = bench_history(args.history, args.versions, args.repeat)
        print(f"  {history_line(history)}", flush=True)
    summary = {
        "history": history,
        "today": TODAY,
        "python": sys.version.split()[0],
        "handbook": handbook,
        "results": results,
        "growth_50_to_500": {key: growth(results, key, 50, 500) for key in ("build", "plain_build", "check", "site")},
        "growth_500_to_2000": {
            key: growth(results, key, 500, 2000) for key in ("build", "plain_build", "check", "site")
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    table = (
        f"The real handbook: build {handbook['build']['seconds']} s, plain {handbook['plain_build']['seconds']} s, "
        f"overhead {handbook['overhead_ratio']}\n\n" + markdown(results)
    )
    if history:
        table += f"\nChange history: {history_line(history)}\n"
    (RESULTS / "latest.md").write_text(table, encoding="utf-8")
    print(table)
    print("growth 50 -> 500 (linear: 10x):", summary["growth_50_to_500"])
    if args.large:
        print("growth 500 -> 2000 (linear: 4x):", summary["growth_500_to_2000"])
    return 0


def history_line(history: dict) -> str:
    return (
        f"N={history['n']}, {history['versions']} versions each ({history['archived_versions']} archived, "
        f"{history['history_pages']} history pages): build {history['with_history']['seconds']} s with history, "
        f"{history['without_history']['seconds']} s without (+{history['added'] * 100:.0f} %; CPU time "
        f"+{history['cpu_added'] * 100:.0f} %); reading the "
        f"history {history['read_seconds']} s ({history['read_share'] * 100:.1f} % of the build without it)"
    )


if __name__ == "__main__":
    sys.exit(main())
