"""Benchmark 1: runtime overhead. The same GStreamer chain run as a reelflow graph
(one gst_launch stage) and by gst-launch-1.0, with the exact launch line the stage
builds (plugins/gst_launch/src/launch_description.cpp): fragment, muxer, filesink."""
from .measure import Series, paired_ratio, run_measured, run_pair

SOURCE = "videotestsrc num-buffers={n} ! video/x-raw,format=I420,width=1920,height=1080,framerate=30/1 ! videoconvert"

RAW = SOURCE + " ! video/x-raw,format=BGRx ! identity drop-probability=1"

# name → (fragment, mux, output file, frames (None: the benchmark's count), what it is)
CHAINS = {
    "raw": (RAW, "none", "raw.bin", None, "raw 1080p I420→BGRx, buffers dropped before the sink (≈ fakesink)"),
    "x264": (SOURCE + " ! x264enc speed-preset=ultrafast", "mp4", "x264.mp4", None, "1080p → x264 ultrafast → MP4"),
    # One frame: what is left is each side's fixed cost (start-up, set-up, exit).
    "startup": (RAW, "none", "raw.bin", 1, "the raw chain with 1 frame: fixed cost per run"),
}


def launch_line(fragment, mux, output):
    """What the gst_launch stage hands to gst_parse_launch (to_launch_line)."""
    line = fragment
    if mux == "mp4":
        line += " ! mp4mux faststart=true"
    elif mux == "mkv":
        line += " ! matroskamux"
    return f'{line} ! filesink name=reelflow_sink location="{output}"'


def frames(ctx):
    return 60 if ctx.quick else 600


def run(ctx):
    results = {}
    for name, (fragment_template, mux, output, fixed_frames, what) in CHAINS.items():
        n = fixed_frames or frames(ctx)
        fragment = fragment_template.format(n=n)
        out_dir = ctx.fresh_dir("overhead", name)
        logs = ctx.logs(f"overhead-{name}")
        reel = Series(f"reelflow run (gst_launch stage): {name}")
        gst = Series(f"gst-launch-1.0: {name}")

        def reelflow_side(warmup=False, index=0):
            cmd = [str(ctx.reelflow), "run", str(ctx.graphs / "overhead.yaml"), "--no-cache", "--events", "none",
                   "-o", str(out_dir / "reelflow"), "--set", f"pipeline={fragment}", "--set", f"mux={mux}",
                   "--set", f"output={output}"]
            s = run_measured(cmd, logs, f"reelflow-{'warm' if warmup else index}", env=ctx.env())
            if not warmup:
                reel.add(s)

        def gst_side(warmup=False, index=0):
            line = launch_line(fragment, mux, out_dir / output)
            cmd = ["gst-launch-1.0", "-q"] + split_launch(line)
            s = run_measured(cmd, logs, f"gst-launch-{'warm' if warmup else index}", env=ctx.env())
            if not warmup:
                gst.add(s)

        run_pair(ctx.runs, reelflow_side, gst_side)
        results[name] = {
            "what": what,
            "frames": n,
            "fragment": fragment,
            "gst_launch_line": launch_line(fragment, mux, "OUT"),
            "reelflow": reel.to_json(),
            "gst_launch": gst.to_json(),
            "wall_ratio": round(paired_ratio(reel, gst, "wall_s"), 4),
            "cpu_ratio": round(paired_ratio(reel, gst, "cpu_s"), 4),
            "wall_ratio_of_medians": round(reel.wall_s / gst.wall_s, 4),
            "cpu_ratio_of_medians": round(reel.cpu_s / gst.cpu_s, 4),
            "rss_ratio": round(reel.max_rss_mb / gst.max_rss_mb, 4),
            "wall_difference_ms": round((reel.wall_s - gst.wall_s) * 1000, 1),
            "cpu_difference_ms": round((reel.cpu_s - gst.cpu_s) * 1000, 1),
        }
    return results


def split_launch(line):
    """gst-launch-1.0 joins its argv with spaces and parses the result, so passing the
    line as words is exact; quoted values keep their quotes inside one word."""
    import shlex
    return shlex.split(line, posix=False)
