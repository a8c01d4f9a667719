"""Runs the benchmarks and writes bench/results/<name>.md and .json. Use bench/run.sh."""
import argparse
import json
import sys
import time
import traceback
from pathlib import Path

from . import confinement, end_to_end, graph_scale, latency, machine, memory, overhead, render, report, shots, streams
from .context import Context

BENCHMARKS = {
    "overhead": overhead.run,
    "render": render.run,
    "end_to_end": end_to_end.run,
    "graph_scale": graph_scale.run,
    "memory": memory.run,
    "confinement": confinement.run,
    "streams": streams.run,
    "latency": latency.run,
    "shots": shots.run,
}


def parse_args(argv):
    p = argparse.ArgumentParser(prog="bench/run.sh", description=__doc__)
    p.add_argument("--build-dir", required=True, type=Path)
    p.add_argument("--runs", type=int, default=3, help="timed runs per figure (medians); default 3")
    p.add_argument("--quick", action="store_true", help="small sizes, 1 run: checks the suite works")
    p.add_argument("--only", default=",".join(BENCHMARKS), help="comma-separated: " + ", ".join(BENCHMARKS))
    p.add_argument("--memory-width", type=int, default=1080, help="frame width of the memory renders (9:16)")
    p.add_argument("--name", help="result file name (default: latest, or quick for --quick/--only)")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    root = Path(__file__).resolve().parents[2]
    selected = [b.strip() for b in args.only.split(",") if b.strip()]
    unknown = [b for b in selected if b not in BENCHMARKS]
    if unknown:
        sys.exit(f"bench: unknown benchmark(s): {', '.join(unknown)}")
    partial = args.quick or set(selected) != set(BENCHMARKS)
    name = args.name or ("quick" if partial else "latest")
    results_dir = root / "bench" / "results"
    ctx = Context(root=root, build=args.build_dir.resolve(), work=results_dir / "work",
                  runs=1 if args.quick else max(1, args.runs), quick=args.quick)
    ctx.memory_width = 540 if args.quick else args.memory_width
    ctx.work.mkdir(parents=True, exist_ok=True)

    results = {"machine": machine.describe(ctx)}
    start = time.monotonic()
    for bench in selected:
        t0 = time.monotonic()
        load_before = machine.load_average()
        print(f"bench: {bench} ... (load average {load_before})", file=sys.stderr, flush=True)
        try:
            results[bench] = BENCHMARKS[bench](ctx)
        except Exception as e:  # one failing benchmark must not hide the others' figures
            traceback.print_exc()
            results[bench] = {"error": str(e).splitlines()[0] if str(e) else type(e).__name__}
        results[bench]["bench_seconds"] = round(time.monotonic() - t0, 1)
        results[bench]["load_average"] = {"start": load_before, "end": machine.load_average()}
        print(f"bench: {bench} done in {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    results["machine"]["load_average_end"] = machine.load_average()
    results["machine"]["suite_seconds"] = round(time.monotonic() - start, 1)

    md = report.markdown(results)
    (results_dir / f"{name}.md").write_text(md)
    (results_dir / f"{name}.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(md)
    print(f"bench: wrote bench/results/{name}.md and .json ({results['machine']['suite_seconds']:.0f} s)", file=sys.stderr)
    return 1 if any(isinstance(v, dict) and "error" in v for v in results.values()) else 0


sys.exit(main(sys.argv[1:]))
