"""`make bench`: the whole benchmark in one run, side by side, written to bench/results/.

1. HTTP on SQLite: bench/bench_http.py serves the app with gunicorn (production
   settings) and measures req/s and latency percentiles for /healthz, the start page,
   GET and POST of every wizard step, the result page (suggested and saved lists) and
   the PDF, each sent by distinct people with their own answers, then the page weights.
2. The same on PostgreSQL, on a throwaway cluster (scripts/with-postgres), where
   PostgreSQL is installed; skipped with a note otherwise.
3. The rules engine alone (bench/engine_scaling.py): shipped rules, 1,000 to 10,000.
4. Every patient page inside the app alone (bench/profile_pages.py): ms per request,
   with no server or client.
5. The costliest PDF a person can ask for (bench/worst_pdf.py).

Prints the tables and writes bench/results/bench-sqlite.md, bench-postgres.md and
bench.md (everything, side by side), with the JSON behind them. Exits non-zero when a
request failed or a page weighs 30 KB or more. Every server is on 127.0.0.1 only.

Settings (environment): BENCH_USERS (10 concurrent users per endpoint),
BENCH_SECONDS (12 s measured per endpoint), BENCH_ROUNDS (12 turns), BENCH_WARMUP (1 s),
BENCH_PEOPLE (8 distinct people per user),
GUNICORN_WORKERS (gunicorn.conf.py: 2 x cores + 1), BENCH_DBS ("sqlite postgres").
"""
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
sys.path.insert(0, str(ROOT / "bench"))

from engine_scaling import render as render_engine  # noqa: E402

DB_LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
HTTP_TIMEOUT = 20 * 60  # one database's HTTP half, at most
SKIPPED = 77
#: Every patient page at 0.3 of /healthz's throughput or more, under distinct people's traffic.
TARGET = 0.3


def run_http(db):
    out = RESULTS / f"bench-{db}.json"
    command = [PYTHON, "bench/bench_http.py", "--db", db, "--out", str(out)]
    if db == "postgres":
        command = ["scripts/with-postgres", *command]
    status = subprocess.run(command, cwd=ROOT, timeout=HTTP_TIMEOUT).returncode
    if status == SKIPPED and db == "postgres":
        return None
    if status != 0:
        raise SystemExit(f"bench: the {db} run failed ({status})")
    return json.loads(out.read_text())


def machine():
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip() or "?"
    return (f"{os.cpu_count()} cores ({model}){memory}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; commit {commit} (plus any uncommitted changes)")


def ms(value):
    return "-" if value is None else f"{value:.1f}"


def endpoint_table(report):
    rows = report["endpoints"]
    healthz = rows[0]
    lines = [
        "| endpoint | req/s | p50 ms | p95 ms | p99 ms | max ms | req/s ÷ /healthz | turns' range "
        "| p50 × /healthz | failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        turns = row["ratio_turns"]
        per_round = f"{min(turns):.2f}–{max(turns):.2f}" if turns else ""
        lines.append(
            f"| {row['name']} | {row['rps']:.1f} | {ms(row['p50'])} | {ms(row['p95'])} "
            f"| {ms(row['p99'])} "
            f"| {ms(row['max'])} | {ratio(row)} | {per_round} | {row['p50'] / healthz['p50']:.1f} "
            f"| {row['failures']} |")
    return lines


def ratio(row):
    """The endpoint's req/s over /healthz's in the same turns (bench_http.measure), in bold under 0.5."""
    return f"{row['ratio']:.2f}" if row["ratio"] >= TARGET else f"**{row['ratio']:.2f}**"


def side_by_side(reports):
    dbs = [db for db in reports if reports[db]]
    header = "| endpoint |" + "".join(
        f" {DB_LABELS[db]} req/s | p50 ms | p99 ms | req/s ÷ /healthz | p50 × /healthz |" for db in dbs)
    lines = [header, "|---|" + "---:|" * (5 * len(dbs))]
    names = [row["name"] for row in reports[dbs[0]]["endpoints"]]
    for index, name in enumerate(names):
        cells = []
        for db in dbs:
            rows = reports[db]["endpoints"]
            row, healthz = rows[index], rows[0]
            cells.append(f" {row['rps']:.1f} | {ms(row['p50'])} | {ms(row['p99'])} "
                         f"| {ratio(row)} | {row['p50'] / healthz['p50']:.1f} |")
        lines.append(f"| {name} |" + "".join(cells))
    return lines


def page_table(report):
    lines = [
        "| page | HTML bytes | HTML gzip | CSS gzip | script gzip | headers | total gzip + headers "
        "| as the app sends it now | under 30 KB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for page in report["pages"]:
        lines.append(
            f"| {page['name']} | {page['html_raw']:,} | {page['html_gzip']:,} | {page['css_gzip']:,} "
            f"| {page['script_gzip']:,} | {page['headers']:,} | **{page['total_gzip_with_headers']:,}** "
            f"| {page['total_as_sent_now']:,} | {'yes' if page['under_limit'] else '**NO**'} |")
    heaviest = next((p for p in report["pages"] if p["name"] == "result page (heaviest)"), None)
    notes = [
        "",
        "Bytes as a first-time visitor gets each page (no cache): the HTML plus every stylesheet, "
        "script and image it links. CSS and script are sent gzip-compressed by WhiteNoise. "
        + ("The HTML is sent gzip-compressed by the app." if all(p["html_sent_compressed"] for p in report["pages"])
           else "The app sends HTML uncompressed, so \"HTML gzip\" is the same HTML compressed with gzip "
                "(level 6), as a compressing proxy would send it; \"as the app sends it now\" is with the "
                "HTML uncompressed."),
    ]
    if heaviest:
        notes.append(f"The heaviest result page of all 29 conditions x 2 goals with every factor and concern "
                     f"ticked: {heaviest['answers']}.")
    return lines + notes


def db_section(db, report):
    label = DB_LABELS[db]
    loads = ", ".join(f"{x:.2f}" for x in report["loadavg_before"])
    loads_after = ", ".join(f"{x:.2f}" for x in report["loadavg_after"])
    return [
        f"### {label}",
        "",
        f"gunicorn with {report['gunicorn_workers']} sync workers; Locust (FastHttpUser) with "
        f"{report['users']} users sending one request back to back, {report['seconds']:g} s measured per "
        f"endpoint in {report['rounds']} turns taken with {report['users']} users of /healthz (a window of "
        f"each in turn, after {report['warmup']:g} s of warm-up): req/s ÷ /healthz is the endpoint's over "
        f"/healthz's in the same turns, and the range is that of the single turns. "
        f"Client and server share the machine's "
        f"{report['cpus']} cores. Load average before: {loads}; after: {loads_after}.",
        "",
        *endpoint_table(report),
    ]


def in_app_table(report):
    """bench/profile_pages.py's figures: what each page costs the app, with no server or client."""
    lines = [f"Best of {report['rounds']} × {report['count']} requests, SQLite, production settings, "
             "the WSGI application called directly; nothing is kept between requests, so every figure "
             "is the page's whole cost. \"list saved\": the result page after the person saved their "
             "own list (bench/profile_pages.py).", "",
             "| page | ms | target ms |", "|---|---:|---:|"]
    targets = report.get("targets_ms", {})
    lines += [f"| {name} | {ms:.3f} | {targets[name] if name in targets and name != '/healthz' else ''} |"
              for name, ms in report["pages"].items()]
    return lines


def main():
    RESULTS.mkdir(parents=True, exist_ok=True)
    began = time.monotonic()
    dbs = os.environ.get("BENCH_DBS", "sqlite postgres").split()
    reports = {db: run_http(db) for db in dbs}
    engine_out = RESULTS / "engine.json"
    subprocess.run([PYTHON, "bench/engine_scaling.py", "--out", str(engine_out)], cwd=ROOT, check=True,
                   timeout=15 * 60, stdout=subprocess.DEVNULL)
    engine = json.loads(engine_out.read_text())
    in_app_out = RESULTS / "in-app.json"
    subprocess.run([PYTHON, "bench/profile_pages.py", "--out", str(in_app_out)], cwd=ROOT, check=True,
                   timeout=15 * 60, stdout=subprocess.DEVNULL)
    in_app = json.loads(in_app_out.read_text())
    worst_pdf = subprocess.run([PYTHON, "bench/worst_pdf.py"], cwd=ROOT, check=True, timeout=10 * 60,
                               capture_output=True, text=True).stdout.strip().splitlines()[-1]

    about = [
        f"Machine: {machine()}.",
        f"Command: `make bench`; run {time.strftime('%Y-%m-%d %H:%M %Z')}, "
        f"{(time.monotonic() - began) / 60:.1f} min.",
    ]
    ran = [db for db in dbs if reports[db]]
    for db in ran:
        section = [f"# ImmunoGuide benchmark: {DB_LABELS[db]}", "", *about, "", *db_section(db, reports[db]),
                   "", "## Page weight", "", *page_table(reports[db])]
        (RESULTS / f"bench-{db}.md").write_text("\n".join(section) + "\n")

    lines = ["# ImmunoGuide benchmark", "", *about, ""]
    for db in dbs:
        if not reports[db]:
            lines += [f"{DB_LABELS[db]}: not installed, skipped (sudo apt-get install postgresql).", ""]
    if len(ran) > 1:
        lines += ["## Side by side", "", *side_by_side(reports), ""]
    for db in ran:
        lines += [*db_section(db, reports[db]), ""]
    lines += ["## Page weight", "", *page_table(reports[ran[0]]), "",
              "## Rules engine", "", render_engine(engine), "",
              "## Inside the app alone", "", *in_app_table(in_app), "",
              "## The costliest PDF", "", worst_pdf, ""]
    text = "\n".join(lines)
    (RESULTS / "bench.md").write_text(text)
    print(text)
    print(f"bench: written to {', '.join(str((RESULTS / n).relative_to(ROOT)) for n in ['bench.md'] + [f'bench-{db}.md' for db in ran])}")

    failures = sum(row["failures"] for db in ran for row in reports[db]["endpoints"])
    heavy = [page["name"] for db in ran for page in reports[db]["pages"] if not page["under_limit"]]
    if failures or heavy:
        print(f"bench: FAILED: {failures} failed requests; pages of 30 KB or more: {heavy or 'none'}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
