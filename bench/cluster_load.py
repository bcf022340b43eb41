"""`make cluster-load`: the 100-person load through a load balancer, with a node killed half way.

Run under scripts/with-postgres (the Makefile does). It starts CLUSTER_NODES (3) gunicorn
nodes on 127.0.0.1, sharing one PostgreSQL and one SECRET_KEY, behind HAProxy from
Debian (round robin, no stickiness: each person's requests go to every node). It runs
bench/locustfile.py through HAProxy for LOAD_SECONDS (60), and half way through kills
one node outright (SIGKILL to its whole process group, as a crash or a pulled cable would).

A request the dead node was serving fails; the simulated person sends it once more, as
someone presses the button again, and goes on. The person's answers are in their
cookie, so nothing is lost. The report, from Locust's counts and HAProxy's log:

- flows started and completed, session mix-ups, lost answers (a flow that could not go
  on, or a result for someone else's answers);
- failed requests: PASS only if every one failed the moment the node died (it was in
  flight on that node), HAProxy answered nothing with an error from a live node, and
  each request went through when sent again;
- the requests per node, and how many people's requests reached more than one node;
- writes to the database during the load, and session rows after it: both must be 0.

Written to bench/results/cluster-load.txt, with HAProxy's log and each node's log beside it.
Exit status 0 on PASS, 1 on FAIL, 77 when HAProxy is not installed.
"""
import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import BIN, HOST, ROOT, free_port, prepare, start_node, stop, wait_healthy  # noqa: E402

RESULTS = ROOT / "bench" / "results"
#: A request in flight on a node fails the moment the node dies; this allows for the clock.
IN_FLIGHT_SECONDS = 2

HAPROXY_CONFIG = """\
global
    log stdout format raw local0 info
    maxconn 4000

defaults
    mode http
    log global
    # Time (ms since the epoch), node, status, termination state, method, path, person.
    log-format "%Ts%ms %s %ST %tsc %HM %HU %[capture.req.hdr(0)]"
    timeout connect 2s
    timeout client 30s
    timeout server 30s
    timeout check 5s
    # A connection the dead node refuses is sent to another node; nothing it had
    # received is sent twice (retry-on's default: connection failures only).
    retries 3
    option redispatch

frontend immunoguide
    bind {host}:{port}
    http-request capture req.hdr(X-Load-Person) len 12
    default_backend nodes

backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host {host}
{servers}
"""


def haproxy_binary():
    return shutil.which("haproxy") or next(
        (path for path in ("/usr/sbin/haproxy", "/usr/local/sbin/haproxy") if os.access(path, os.X_OK)), None)


def database_writes(env):
    """Rows inserted, updated and deleted in every table so far, and the session rows now."""
    import psycopg

    time.sleep(1.5)  # PostgreSQL publishes a backend's table counters within a second
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        writes = connection.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables").fetchone()[0]
        sessions = connection.execute("SELECT count(*) FROM django_session").fetchone()[0]
    return int(writes), int(sessions)


def read_log(path):
    """HAProxy's log as (time in s, node, status, termination state, method, path, person)."""
    entries = []
    for line in Path(path).read_text().splitlines():
        parts = line.split(" ")
        if len(parts) < 6 or not parts[0].isdigit():
            continue  # HAProxy's own notices (a node going down...)
        stamp, node, status, state, method, path = parts[:6]
        person = parts[6].strip("{}") if len(parts) > 6 else ""
        person = "" if person == "-" else person  # no X-Load-Person: a probe, not the load
        entries.append((int(stamp) / 1000, node, int(status), state, method, path, person))
    return entries


def main():
    haproxy = haproxy_binary()
    if not haproxy:
        print("cluster-load needs HAProxy (sudo apt-get install haproxy)", file=sys.stderr)
        return 77
    nodes = int(os.environ.get("CLUSTER_NODES", "3"))
    users = int(os.environ.get("LOAD_USERS", "100"))
    seconds = int(os.environ.get("LOAD_SECONDS", "60"))
    workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    report_path = RESULTS / "cluster-load.txt"
    report_path.unlink(missing_ok=True)
    haproxy_log = RESULTS / "cluster-haproxy.log"
    summary = RESULTS / "cluster-locust-summary.txt"
    retried_file = RESULTS / "cluster-retried.txt"
    for old in (summary, retried_file):
        old.unlink(missing_ok=True)

    with tempfile.TemporaryDirectory(prefix="immunoguide-cluster-") as workdir:
        env = prepare("postgres", workdir)
        writes_before, _ = database_writes(env)
        ports = [free_port() for _ in range(nodes)]
        logs = [open(RESULTS / f"cluster-node{n + 1}.log", "w") for n in range(nodes)]
        processes = [start_node(env, port, log, workers) for port, log in zip(ports, logs)]
        front = free_port()
        config = Path(workdir) / "haproxy.cfg"
        config.write_text(HAPROXY_CONFIG.format(host=HOST, port=front, servers="\n".join(
            f"    server node{n + 1} {HOST}:{port} check inter 1s fall 2 rise 2"
            for n, port in enumerate(ports))))
        base_url = f"http://{HOST}:{front}"
        killed = {}
        balancer = None
        try:
            for port, process in zip(ports, processes):
                wait_healthy(f"http://{HOST}:{port}", process)
            with open(haproxy_log, "w") as hlog:
                balancer = subprocess.Popen([haproxy, "-db", "-f", str(config)], stdout=hlog,
                                            stderr=subprocess.STDOUT, start_new_session=True)
            wait_healthy(base_url, balancer)

            victim = nodes // 2  # the middle one: node 2 of 3

            def kill_one():
                killed.update(node=f"node{victim + 1}", at=time.time())
                os.killpg(processes[victim].pid, signal.SIGKILL)
            killer = threading.Timer(seconds / 2, kill_one)

            command = [
                str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"),
                "--headless", "--host", base_url, "--users", str(users),
                "--spawn-rate", os.environ.get("LOAD_SPAWN_RATE", "25"),
                "--run-time", f"{seconds}s", "--stop-timeout", "30",
                "--only-summary", "--loglevel", "WARNING",
            ]
            locust_env = dict(os.environ, LOAD_SUMMARY_FILE=str(summary), LOAD_RETRY_FAILED="1",
                              LOAD_RETRIED_FILE=str(retried_file))
            print(f"cluster-load: {users} people for {seconds} s through HAProxy at {base_url} "
                  f"to {nodes} nodes ({workers} workers each); node{victim + 1} is killed after "
                  f"{seconds / 2:g} s", flush=True)
            killer.start()
            finished = subprocess.run(command, cwd=ROOT, env=locust_env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True, timeout=seconds + 180)
            killer.join()
        finally:
            if balancer is not None:
                balancer.send_signal(signal.SIGUSR1)  # soft stop: finish and log what is open
                try:
                    balancer.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    balancer.kill()
            for process in processes:
                stop(process)
            for log in logs:
                log.close()
        writes_after, sessions = database_writes(env)

    locust_summary = summary.read_text() if summary.exists() else "no Locust summary\n"
    summary.unlink(missing_ok=True)
    resent = [float(line.split()[0]) for line in retried_file.read_text().splitlines()] if retried_file.exists() else []
    entries = [e for e in read_log(haproxy_log) if e[6]]  # the load's requests, not the start-up probes
    failed = [e for e in entries if e[2] >= 500 or e[2] < 0]
    kill_at = killed.get("at", float("inf"))
    # In flight on the killed node: sent to it and not yet answered when it died. They fail
    # at that instant; HAProxy answers some with 502 and closes the connection of others.
    at_the_kill = [when for when in resent if kill_at - 0.5 <= when <= kill_at + IN_FLIGHT_SECONDS]
    per_node = collections.Counter(e[1] for e in entries)
    nodes_per_person = collections.defaultdict(set)
    for entry in entries:
        if entry[6]:
            nodes_per_person[entry[6]].add(entry[1])
    spread = sum(1 for seen in nodes_per_person.values() if len(seen) > 1)
    locust_pass = "RESULT: PASS" in locust_summary
    checks = {
        "Locust: zero flow errors, zero mix-ups, every failed request went through when sent again": locust_pass,
        f"every failed request failed as the node died (within {IN_FLIGHT_SECONDS:g} s)":
            len(at_the_kill) == len(resent),
        "HAProxy answered no request with an error from a node that was alive":
            all(e[1] == killed.get("node") for e in failed),
        "a node was killed during the load": bool(killed),
        "each person's requests reached more than one node": spread > 0,
        "no writes to the database during the load": writes_after - writes_before == 0,
        "no session rows in the database": sessions == 0,
    }
    lines = [
        "== ImmunoGuide cluster load ==",
        f"nodes: {nodes} gunicorn ({workers} sync workers each) behind HAProxy, round robin, one PostgreSQL",
        f"killed: {killed.get('node', 'none')} with SIGKILL after {seconds / 2:g} s",
        "requests per node (HAProxy's log): " + ", ".join(f"{node} {count}" for node, count in sorted(per_node.items())),
        f"people whose requests reached more than one node: {spread} of {len(nodes_per_person)}",
        f"requests that failed, all in flight on {killed.get('node', '-')} when it died: {len(resent)} "
        f"({len(failed)} answered 502 by HAProxy, the others' connections closed); "
        f"each sent again and answered",
        f"database rows written during the load: {writes_after - writes_before}; session rows after it: {sessions}",
        "",
        locust_summary.rstrip(),
        "",
        *[f"{'ok  ' if ok else 'FAIL'} {name}" for name, ok in checks.items()],
        "CLUSTER RESULT: " + ("PASS" if all(checks.values()) else "FAIL"),
    ]
    report = "\n".join(lines) + "\n"
    report_path.write_text(finished.stdout + "\n" + report)
    print(report, end="")
    print(f"cluster-load: written to {report_path.relative_to(ROOT)}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
