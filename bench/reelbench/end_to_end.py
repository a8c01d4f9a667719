"""Benchmark 3: end to end. graphs/short-video.yaml from topic to MP4 (and the local
publish copy), per-stage timings from `--events json`; shows whether TTS and image
making overlap. The peer figure: the run's duration against the sum of its stages'
durations (below 1 when stages overlap)."""
import json
import statistics

from .measure import Series, run_measured


def stage_times(events_path):
    stages = {}
    for line in events_path.read_text().splitlines():
        if not line.startswith("{"):
            continue
        e = json.loads(line)
        if e.get("event") == "stage_started":
            stages.setdefault(e["stage"], {"type": e.get("type")})["start_s"] = e["elapsed_s"]
        elif e.get("event") == "stage_finished":
            st = stages.setdefault(e["stage"], {"type": e.get("type")})
            st["end_s"] = e["elapsed_s"]
            st["duration_s"] = e["duration_s"]
        elif e.get("event") == "run_finished":
            stages["(run)"] = {"type": "", "start_s": 0.0, "end_s": e["elapsed_s"], "duration_s": e["duration_s"]}
        elif e.get("event") == "outputs":
            stages["(run)"]["video_s"] = e["outputs"]["video.video"]["duration_s"]
    return stages


def overlap_s(a, b):
    return max(0.0, min(a["end_s"], b["end_s"]) - max(a["start_s"], b["start_s"]))


def run(ctx):
    series = Series("reelflow run graphs/short-video.yaml")
    runs = []
    logs = ctx.logs("end-to-end")
    seconds = "12" if ctx.quick else "40"
    for i in range(ctx.runs):
        out = ctx.fresh_dir("end-to-end", str(i))
        cmd = [str(ctx.reelflow), "run", str(ctx.root / "graphs" / "short-video.yaml"), "--no-cache",
               "--events", "json", "-o", str(out), "--set", f"seconds={seconds}"]
        if ctx.quick:
            cmd += ["--set", "aspect=1:1"]
        sample = series.add(run_measured(cmd, logs, f"run-{i}", env=ctx.env()))
        runs.append(stage_times(sample.stdout))
    # Per stage: the median of each field over the runs.
    names = [n for n in runs[0] if n != "(run)"] + ["(run)"]
    stages = {}
    for name in names:
        rows = [r[name] for r in runs if name in r and "end_s" in r[name]]
        stages[name] = {"type": rows[0]["type"],
                        **{k: round(statistics.median(r[k] for r in rows), 3) for k in ("start_s", "end_s", "duration_s")}}
    overlaps = [overlap_s(r["voice"], r["images"]) for r in runs if "voice" in r and "images" in r]
    stage_sum = sum(v["duration_s"] for k, v in stages.items() if k != "(run)")
    run_s = stages["(run)"]["duration_s"]
    video_s = statistics.median(r["(run)"].get("video_s", 0.0) for r in runs)
    return {
        "graph": "graphs/short-video.yaml",
        "seconds_variable": seconds,
        "process": series.to_json(),
        "stages": stages,
        "tts_images_overlap_s": round(statistics.median(overlaps), 3) if overlaps else 0.0,
        "stage_sum_s": round(stage_sum, 3),
        "run_s": run_s,
        "video_s": round(video_s, 2),
        "realtime": round(video_s / series.wall_s, 3),
        "startup_and_exit_s": round(series.wall_s - run_s, 3),
        "parallel_ratio": round(run_s / stage_sum, 4) if stage_sum else None,
    }
