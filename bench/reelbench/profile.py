"""Where a compositor render spends its CPU: `perf record` over a short render of the
benchmark inputs (4 scenes, 1080x1920), then the top shared objects and functions.

    bench/profile.sh        (after bench/run.sh has made the inputs, or it makes them)
"""
import argparse
import subprocess
import sys
from pathlib import Path

from . import render_inputs
from .context import Context
from .render import compositor_command


def main(argv):
    p = argparse.ArgumentParser(prog="bench/profile.sh")
    p.add_argument("--build-dir", required=True, type=Path)
    p.add_argument("--scenes", type=int, default=4)
    p.add_argument("--seconds", type=float, default=20.0)
    p.add_argument("--top", type=int, default=15)
    args = p.parse_args(argv)
    root = Path(__file__).resolve().parents[2]
    ctx = Context(root=root, build=args.build_dir.resolve(), work=root / "bench" / "results" / "work", runs=1, quick=False)
    ctx.work.mkdir(parents=True, exist_ok=True)
    inputs = render_inputs.prepare(ctx)
    fixture, timeline, *_ = inputs.fixture("profile", args.scenes, args.seconds)
    out_dir = ctx.fresh_dir("profile")
    data = out_dir / "perf.data"
    cmd = ["perf", "record", "-F", "499", "-o", str(data), "--"] + \
        compositor_command(ctx, fixture, inputs, timeline, 1080, out_dir / "render")
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=ctx.env())
    report = []
    for sort, top in (("dso", 10), ("dso,sym", args.top)):
        out = subprocess.run(["perf", "report", "-i", str(data), "--no-children", "--sort", sort, "--stdio",
                              "--percent-limit", "0.5"], capture_output=True, text=True, check=True).stdout
        # Stripped libraries show bare addresses, one row each: leave those to the dso view.
        rows = [line for line in out.splitlines()
                if line.strip() and not line.startswith("#") and "[.] 0x" not in line][:top]
        report.append(f"## by {sort} ({timeline.total_s:.1f} s video, {args.scenes} scenes, 1080x1920)\n" + "\n".join(rows))
    text = "\n\n".join(report) + "\n"
    (out_dir / "profile.txt").write_text(text)
    print(text)
    print(f"profile: bench/results/work/profile/profile.txt (perf data: {data})", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
