#!/usr/bin/env python3
"""Turns the JSON of one bench/run into a markdown summary: tables per workload and the targets of issue 8."""
import json
import os
import sys

out = sys.argv[1]
machine = {}
for line in open(os.path.join(out, "machine.env")):
    key, _, value = line.rstrip("\n").partition("=")
    machine[key] = value

results = {}  # (workload, case) -> dict(median, min, max, runs, extra)
for name in sorted(os.listdir(out)):
    if not name.endswith(".json") or "@" not in name:
        continue
    workload, case = name[:-5].split("@", 1)
    data = json.load(open(os.path.join(out, name)))
    if case == "inproc":
        for sub, r in data.items():
            if sub == "parallel":
                results[(workload, "parallel")] = r
                continue
            results[(workload, "inproc-" + sub)] = r
    else:
        r = data["results"][0]
        results[(workload, case)] = {"median": r["median"], "min": r["min"], "max": r["max"], "runs": len(r["times"]),
                                   "cpu": r.get("user", 0) + r.get("system", 0)}

ORDER = [
    ("ansible-docker", "ansible-playbook, community.docker.docker (fresh container, no commit)"),
    ("ansible-docker_api", "ansible-playbook, community.docker.docker_api + pipelining (fresh container, no commit)"),
    ("docker-legacy-cold", "docker build, legacy builder, --no-cache"),
    ("docker-buildkit-cold", "docker build, BuildKit, --no-cache"),
    ("cli-cold", "**playbake CLI, cold** (empty cache; snapshots taken)"),
    ("cli-nocache", "playbake CLI, --no-cache (no snapshots)"),
    ("inproc-cold", "playbake in-process, cold (empty cache)"),
    ("inproc-nocache", "playbake in-process, cache disabled"),
    ("docker-legacy-warm", "docker build, legacy builder, warm"),
    ("docker-buildkit-warm", "docker build, BuildKit, warm"),
    ("docker-buildkit-edit-last", "docker build, BuildKit, last step edited"),
    ("cli-warm", "**playbake CLI, warm** (all cached)"),
    ("inproc-warm", "playbake in-process, warm (all cached)"),
    ("cli-edit-last", "playbake CLI, last task edited"),
    ("inproc-edit-last", "playbake in-process, last task edited"),
    ("cli-edit-middle", "playbake CLI, middle task edited"),
    ("inproc-edit-middle", "playbake in-process, middle task edited"),
    ("jvm-start", "JVM + Quarkus start (`java -jar quarkus-run.jar --version`)"),
    ("cli-version", "`scripts/playbake --version` (class-data archive, C1)"),
]


def get(workload, case):
    return results.get((workload, case), {}).get("median")


def fmt(x):
    return "–" if x is None else f"{x:.2f}"


print(f"# bench/run results\n")
print(f"- date: {machine.get('date')}")
print(f"- machine: {machine.get('cpu')}, {machine.get('memory')}, kernel {machine.get('kernel')}")
print(f"- Docker Engine {machine.get('docker')}; {machine.get('java')}; {machine.get('ansible')}; {machine.get('hyperfine')}")
print(f"- runs per case: {machine.get('runs')} (light), {machine.get('heavy_runs', '?')} (apt, roles)")
print(f"- load average (1, 5, 15 min) at start: {machine.get('load_start')}; at end: {machine.get('load_end')}")
print()
print("Times in seconds (median, min, max of the runs). *ratio* = this row's median ÷ playbake CLI's median for")
print("the same situation (cold rows and ansible-playbook: ÷ playbake CLI cold; warm rows: ÷ playbake CLI warm;")
print("edit rows: ÷ playbake CLI cold). Above 1 means playbake is faster. *CPU s* = mean user+system CPU of the")
print("timed process and its children (hyperfine), or of the JVM during the build (in-process): the client's")
print("own cost, which a loaded machine does not inflate the way it inflates wall time; dockerd's CPU is in no column.\n")

workloads = []
for (w, _c) in results:
    if w not in workloads:
        workloads.append(w)
workloads.sort(key=lambda w: ["light", "apt", "roles"].index(w) if w in ["light", "apt", "roles"] else 9)

for w in workloads:
    print(f"## {w}\n")
    print("| case | median | min | max | runs | ratio | CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for case, label in ORDER:
        r = results.get((w, case))
        if not r or "median" not in r:
            continue
        ref = get(w, "cli-warm") if case.endswith("-warm") else get(w, "cli-cold")
        ratio = f"{r['median'] / ref:.2f}" if ref and case not in ("cli-cold", "cli-warm", "jvm-start") else ""
        print(f"| {label} | {fmt(r['median'])} | {fmt(r['min'])} | {fmt(r['max'])} | {r['runs']} | {ratio} | {fmt(r.get('cpu'))} |")
    prof = [(c, results[(w, c)]) for c, _ in ORDER if (w, c) in results and "execs" in results[(w, c)]]
    if prof:
        print("\nIn-process build profile (first timed run of each case; from the BuildListener):\n")
        print("| case | tasks run | cached | execs | snapshots | snapshot s | final commit+tag s |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for c, r in prof:
            print(f"| {c} | {r['ran']} | {r['cached']} | {r['execs']} | {r['snapshots']} | {r['snapshotSeconds']:.2f} "
                  f"| {r['finalCommitSeconds']:.2f} |")
    print()


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def verdict(value, limit, smaller=True):
    if value is None:
        return "not measured"
    ok = value <= limit if smaller else value >= limit
    return "**met**" if ok else "**missed**"


print("## Targets (issue 13; light workload unless said)\n")
print("| target | measured | verdict |")
print("|---|---|---|")
bk = get("light", "docker-buildkit-cold")
cold, icold = get("light", "cli-cold"), get("light", "inproc-cold")
api = get("light", "ansible-docker_api")
rows = [
    ("cold ≤ 0.8× BuildKit cold (CLI)", ratio(cold, bk), 0.8, True, "×"),
    ("cold ≤ 0.5× BuildKit cold (in-process)", ratio(icold, bk), 0.5, True, "×"),
    ("roles cold ≤ 0.15× BuildKit cold (in-process)",
     ratio(get("roles", "inproc-cold"), get("roles", "docker-buildkit-cold")), 0.15, True, "×"),
    ("cold ≥ 10× faster than ansible-playbook docker_api + pipelining (in-process)", ratio(api, icold), 10, False,
     "× faster"),
    ("roles cold ≥ 25× faster than ansible-playbook docker_api + pipelining (in-process)",
     ratio(get("roles", "ansible-docker_api"), get("roles", "inproc-cold")), 25, False, "× faster"),
    ("edit of the last task ≤ 2× BuildKit's edit-last (in-process)",
     ratio(get("light", "inproc-edit-last"), get("light", "docker-buildkit-edit-last")), 2, True, "×"),
    ("edit of the last task ≤ 2× BuildKit's edit-last (CLI)",
     ratio(get("light", "cli-edit-last"), get("light", "docker-buildkit-edit-last")), 2, True, "×"),
    ("all-cached rebuild ≤ 1.0 s, CLI with JVM start", get("light", "cli-warm"), 1.0, True, "s"),
    ("`playbake --version` ≤ 0.6 s", get("light", "cli-version"), 0.6, True, "s"),
]
for label, value, limit, smaller, unit in rows:
    shown = "–" if value is None else f"{value:.2f} {unit}"
    print(f"| {label} | {shown} | {verdict(value, limit, smaller)} |")
par = results.get(("light", "parallel"))
if par:
    print(f"| 20 light builds (cache disabled) on 4 threads in one JVM within 4× one build | {par['twenty']:.1f} s / "
          f"{par['single']:.1f} s = {par['ratio']:.2f} × | {verdict(par['ratio'], 4.0)} |")
else:
    print("| 20 parallel builds within 4× one build | – | not measured |")
print("| operator RSS ≤ 300 MiB with 200 ImageBuilds | – | not measured by bench/run |")

pool = os.path.join(out, "pool.md")
if os.path.exists(pool):
    print("\n## A pool of Docker hosts (issue 15)\n")
    print("20 ImageBuilds (busybox, 4 tasks, a snapshot after each) through the operator over 3 extra dockerd")
    print("engines, 2 slots each: cold, then every one rebuilt with its last task changed; once with snapshots on the")
    print("hosts only, once (new ImageBuilds) with the registry cache. *from another host*: builds whose last build ran")
    print("elsewhere; *resumed*: builds with a cached task; *build time* sums the builds' status times (whole seconds")
    print(f"each); *cached tasks* is playbake_build_cache_hits_total per host. Load at the end: {machine.get('pool_load')}.\n")
    print(open(pool).read().strip())
