"""Time the rules engine alone, on the shipped rules and on generated sets of rules.

    .venv/bin/python bench/engine_scaling.py [--out bench/results/engine.json] [--quick]

Loads the shipped content (fixtures/) into a throwaway SQLite database, takes one
:class:`questionnaire.content.Content` snapshot, then times
``questionnaire.engine.recommend(answers, content)`` over the same 200 random answer
sets (seeded) with the shipped rules and with generated sets of 1,000 to 10,000 rules.

The generated rules are shaped like the shipped ones: each copies a random shipped
rule's shape (which conditions it tests and how many values, what it adds and how
many) and fills it with random values from the vocabulary and random existing
questions, notes, treatments and categories. So a generated set matches about as
often per rule as the shipped one, and a person's result grows with it.

Reported per call: median, 95th percentile and mean of the CPU time of the call
(time.thread_time, gc off as timeit does), so other work on the machine does not
inflate it; the wall-clock median beside it; the part spent matching rules (the
loop over every rule); the rules matched; and the growth against the smaller sets.
Nothing here asserts: the numbers are reported.
"""
import argparse
import atexit
import gc
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SIZES = (1_000, 2_500, 5_000, 10_000)
ANSWER_SETS = 200
REPEATS = 5


def shipped_content():
    """The fixtures, loaded into a throwaway SQLite database, as one Content snapshot."""
    workdir = tempfile.mkdtemp(prefix="immunoguide-engine-")
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_ENV"] = "development"
    os.environ["IMMUNOGUIDE_SQLITE_PATH"] = str(Path(workdir) / "engine.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "immunoguide.settings")
    import django
    django.setup()
    from django.core.management import call_command

    from questionnaire.content_reading import read_content
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_content", verbosity=0)
    return read_content()


def generate_rules(content, count, rng):
    """``count`` Rules shaped like the shipped rules, with random values."""
    from questionnaire.engine import answer_choices
    from questionnaire.vocabulary import ConditionGroup, Goal
    choices = answer_choices(content)
    values = {
        "goals": [g.value for g in Goal if g != Goal.UNSURE],
        "given_goals": choices["goal"],
        "conditions": choices["condition"],
        "condition_groups": [g.value for g in ConditionGroup],
        "stages": choices["stage"],
        "factors": choices["factors"],
        "concerns": choices["concerns"],
        "categories": sorted(content.categories),
        "treatments": sorted(content.treatments),
        "questions": sorted(content.questions),
        "notes": sorted(content.notes),
    }
    templates = content.rules
    rules = []
    for index in range(count):
        template = rng.choice(templates)
        fields = {}
        for name in (*template.CONDITION_FIELDS, *template.ADDITION_FIELDS):
            size = min(len(getattr(template, name)), len(values[name]))
            fields[name] = tuple(rng.sample(values[name], size))
        rules.append(replace(template, slug=f"generated-{index:05d}",
                             priority=rng.randint(0, 100), **fields))
    return rules


def answer_sets(content, rng):
    from client import random_answers
    from questionnaire.engine import Answers
    return [Answers.from_mapping(random_answers(rng), content) for _ in range(ANSWER_SETS)]


def time_engine(content, answers_list, repeats):
    from questionnaire.engine import goal_to_use, recommend, rule_matches
    for answers in answers_list[:20]:  # warm up
        recommend(answers, content)
    calls, walls, matching, matched = [], [], [], []
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for answers in answers_list:
            for _ in range(repeats):
                wall, cpu = time.perf_counter(), time.thread_time()
                result = recommend(answers, content)
                calls.append(time.thread_time() - cpu)
                walls.append(time.perf_counter() - wall)
            condition = content.conditions[answers.condition]
            goal, _ = goal_to_use(answers.goal, condition)
            cpu = time.thread_time()
            [r for r in content.rules if rule_matches(r, answers, goal, condition.group)]
            matching.append(time.thread_time() - cpu)
            matched.append(len(result.matched_rules))
    finally:
        if gc_was_enabled:
            gc.enable()
    calls.sort()
    ms = 1000
    return {
        "rules": len(content.rules),
        "calls": len(calls),
        "median_ms": statistics.median(calls) * ms,
        "p95_ms": calls[int(0.95 * (len(calls) - 1))] * ms,
        "mean_ms": statistics.fmean(calls) * ms,
        "max_ms": calls[-1] * ms,
        "wall_median_ms": statistics.median(walls) * ms,
        "matching_median_ms": statistics.median(matching) * ms,
        "matched_rules_mean": statistics.fmean(matched),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", help="write the figures as JSON here")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    args = parser.parse_args(argv)
    repeats = 1 if args.quick else REPEATS

    content = shipped_content()
    rng = random.Random(20261126)
    answers_list = answer_sets(content, rng)
    rows = [dict(time_engine(content, answers_list, repeats), label=f"shipped ({len(content.rules)})")]
    for size in SIZES:
        generated = replace(content, rules=generate_rules(content, size, random.Random(size)))
        rows.append(dict(time_engine(generated, answers_list, repeats), label=f"generated {size:,}"))

    base = rows[0]
    for row in rows:
        row["us_per_rule"] = row["median_ms"] * 1000 / row["rules"]
        row["growth_vs_shipped"] = row["median_ms"] / base["median_ms"]
        row["rules_ratio_vs_shipped"] = row["rules"] / base["rules"]
    by_size = {row["rules"]: row for row in rows}
    summary = {
        "python": sys.version.split()[0],
        "answer_sets": ANSWER_SETS,
        "repeats": repeats,
        "rows": rows,
        "growth_1k_to_10k": (by_size[10_000]["median_ms"] / by_size[1_000]["median_ms"]
                             if 1_000 in by_size and 10_000 in by_size else None),
    }
    print(render(summary))
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(json.dumps(summary, indent=2))
    return 0


def render(summary):
    lines = [
        f"Rules engine alone: recommend() over a Content snapshot, {summary['answer_sets']} answer sets "
        f"x {summary['repeats']} calls each, Python {summary['python']}; CPU time per call "
        f"(wall clock beside it)",
        "",
        "| rules | median ms | p95 ms | mean ms | wall median ms | matching loop ms (median) "
        "| rules matched (mean) | µs per rule | time vs shipped | rules vs shipped |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in summary["rows"]:
        lines.append(
            f"| {row['label']} | {row['median_ms']:.3f} | {row['p95_ms']:.3f} "
            f"| {row['mean_ms']:.3f} | {row['wall_median_ms']:.3f} | {row['matching_median_ms']:.3f} "
            f"| {row['matched_rules_mean']:.1f} "
            f"| {row['us_per_rule']:.2f} | {row['growth_vs_shipped']:.1f}x | {row['rules_ratio_vs_shipped']:.1f}x |")
    if summary.get("growth_1k_to_10k"):
        lines += ["", f"Growth from 1,000 to 10,000 rules (10x the rules): "
                      f"{summary['growth_1k_to_10k']:.1f}x the time (1.0x per 1x is linear)."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
