"""The results as Markdown (printed and written to bench/results/latest.md) and JSON."""


def fmt(value, digits=2, unit=""):
    if value is None:
        return "—"
    return f"{value:.{digits}f}{unit}"


def verdict(ratio, goal, lower_is_better=True):
    if ratio is None or goal is None:
        return ""
    ok = ratio <= goal if lower_is_better else ratio >= goal
    return "met" if ok else "**missed**"


class Table:
    def __init__(self, *headers):
        self.rows = [list(headers), ["---"] * len(headers)]

    def add(self, *cells):
        self.rows.append([str(c) for c in cells])

    def markdown(self):
        return "\n".join("| " + " | ".join(r) + " |" for r in self.rows)


def summary_table(r):
    t = Table("figure", "reelflow", "peer", "ratio", "goal", "")
    ov = r.get("overhead", {})
    for name, goal_label in (("raw", "raw 1080p chain"), ("x264", "1080p x264 → MP4")):
        o = ov.get(name)
        if not o:
            continue
        n = o["frames"]
        t.add(f"overhead, {goal_label} ({n} frames): wall", fmt(o["reelflow"]["wall_s"], 3, " s"),
              f"gst-launch-1.0 {fmt(o['gst_launch']['wall_s'], 3, ' s')}", fmt(o["wall_ratio"], 3) + "x", "≤ 1.03x",
              verdict(o["wall_ratio"], 1.03))
        t.add(f"overhead, {goal_label}: CPU", fmt(o["reelflow"]["cpu_s"], 3, " s"),
              f"gst-launch-1.0 {fmt(o['gst_launch']['cpu_s'], 3, ' s')}", fmt(o["cpu_ratio"], 3) + "x", "≤ 1.03x",
              verdict(o["cpu_ratio"], 1.03))
        t.add(f"overhead, {goal_label}: peak RSS", fmt(o["reelflow"]["max_rss_mb"], 0, " MB"),
              f"gst-launch-1.0 {fmt(o['gst_launch']['max_rss_mb'], 0, ' MB')}", fmt(o["rss_ratio"], 2) + "x", "", "")
    o = ov.get("startup")
    if o:
        t.add("overhead, fixed cost (the raw chain, 1 frame): wall", fmt(o["reelflow"]["wall_s"] * 1000, 0, " ms"),
              f"gst-launch-1.0 {fmt(o['gst_launch']['wall_s'] * 1000, 0, ' ms')}",
              f"+{fmt(o['wall_difference_ms'], 0, ' ms')}", "", "")
        t.add("overhead, fixed cost: CPU", fmt(o["reelflow"]["cpu_s"] * 1000, 0, " ms"),
              f"gst-launch-1.0 {fmt(o['gst_launch']['cpu_s'] * 1000, 0, ' ms')}",
              f"+{fmt(o['cpu_difference_ms'], 0, ' ms')}", "", "")
    rd = r.get("render")
    if rd and "error" not in rd:
        v = rd["video"]
        what = f"{v['seconds']:.1f} s {v['width']}x{v['height']}@{v['fps']}, {v['scenes']} scenes"
        t.add(f"render ({what}): wall", fmt(rd["reelflow"]["wall_s"], 2, " s"), f"ffmpeg {fmt(rd['ffmpeg']['wall_s'], 2, ' s')}",
              fmt(rd["wall_ratio"], 3) + "x", "< 1.0x", verdict(rd["wall_ratio"], 0.9999))
        t.add("render: the compositor stage alone (`duration_s` event)", fmt(rd["compositor_stage_s"], 2, " s"),
              f"ffmpeg {fmt(rd['ffmpeg']['wall_s'], 2, ' s')}",
              fmt(rd["compositor_stage_s"] / rd["ffmpeg"]["wall_s"], 3) + "x" if rd["compositor_stage_s"] else "", "", "")
        t.add("render: CPU (user+sys)", fmt(rd["reelflow"]["cpu_s"], 2, " s"), f"ffmpeg {fmt(rd['ffmpeg']['cpu_s'], 2, ' s')}",
              fmt(rd["cpu_ratio"], 3) + "x", "< 1.0x", verdict(rd["cpu_ratio"], 0.9999))
        if "x264_floor" in rd:
            fl = rd["x264_floor"]
            t.add("render ÷ floor (x264 alone on reelflow's frames): wall", fmt(rd["reelflow"]["wall_s"], 2, " s"),
                  f"x264 {fmt(fl['wall_s'], 2, ' s')}", fmt(rd["floor_wall_ratio"], 3) + "x", "≤ 1.3x",
                  verdict(rd["floor_wall_ratio"], 1.3))
            t.add("render ÷ floor: the compositor stage alone", fmt(rd["compositor_stage_s"], 2, " s"),
                  f"x264 {fmt(fl['wall_s'], 2, ' s')}",
                  fmt(rd["floor_stage_ratio"], 3) + "x" if rd["floor_stage_ratio"] else "", "≤ 1.3x",
                  verdict(rd["floor_stage_ratio"], 1.3) if rd["floor_stage_ratio"] else "")
            t.add("render ÷ floor: CPU", fmt(rd["reelflow"]["cpu_s"], 2, " s"), f"x264 {fmt(fl['cpu_s'], 2, ' s')}",
                  fmt(rd["floor_cpu_ratio"], 3) + "x", "", "")
            fdiff = rd.get("floor_x264_settings_differing", {})
            t.add("render ÷ floor: x264 settings of the two streams", "identical" if not fdiff else
                  "differ: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in fdiff.items()), "", "", "", "")
        for shape, sh in rd.get("shapes_against_floor", {}).items():
            t.add(f"render ÷ floor at {shape} ({sh['width']}x{sh['height']}): wall", fmt(sh["reelflow"]["wall_s"], 2, " s"),
                  f"x264 {fmt(sh['x264_floor']['wall_s'], 2, ' s')}", fmt(sh["floor_wall_ratio"], 3) + "x", "≤ 1.3x",
                  verdict(sh["floor_wall_ratio"], 1.3))
            t.add(f"render ÷ floor at {shape}: CPU", fmt(sh["reelflow"]["cpu_s"], 2, " s"),
                  f"x264 {fmt(sh['x264_floor']['cpu_s'], 2, ' s')}", fmt(sh["floor_cpu_ratio"], 3) + "x", "", "")
        t.add("render: realtime factor (video s / wall s)", fmt(rd["realtime_reelflow"], 2, "x"),
              f"ffmpeg {fmt(rd['realtime_ffmpeg'], 2, 'x')}",
              fmt(rd["realtime_reelflow"] / rd["realtime_ffmpeg"], 3) + "x", "> 1.0x", "")
        t.add("render: peak RSS", fmt(rd["reelflow"]["max_rss_mb"], 0, " MB"), f"ffmpeg {fmt(rd['ffmpeg']['max_rss_mb'], 0, ' MB')}",
              fmt(rd["rss_ratio"], 2) + "x", "", "")
        o = rd["outputs"]
        t.add("render: output bitrate (CRF 23 veryfast)", f"{o['reelflow']['bitrate_kbps']} kbit/s",
              f"ffmpeg {o['ffmpeg']['bitrate_kbps']} kbit/s",
              fmt(o["reelflow"]["bitrate_kbps"] / max(1, o["ffmpeg"]["bitrate_kbps"]), 2) + "x", "", "")
        diff = rd.get("x264_settings_differing", {})
        t.add("render: x264 settings in the two streams", "identical" if not diff else
              "differ: " + ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in diff.items()), "", "", "", "")
        q = rd["quality"]
        t.add("render: the two outputs compared", f"SSIM {fmt(q['ssim_all'], 4)}", f"PSNR {fmt(q['psnr_avg_db'], 2, ' dB')}",
              "", "", "")
    e = r.get("end_to_end")
    if e and "error" not in e:
        t.add(f"end to end, short-video.yaml → {e['video_s']:.1f} s video: process wall", fmt(e["process"]["wall_s"], 2, " s"),
              f"run (first stage start → last stage end) {fmt(e['run_s'], 2, ' s')}",
              fmt(e["process"]["wall_s"] / e["run_s"], 3) + "x", "", "")
        t.add("end to end: run duration vs sum of stage durations", fmt(e["run_s"], 2, " s"),
              f"sum of stages {fmt(e['stage_sum_s'], 2, ' s')}", fmt(e["parallel_ratio"], 3) + "x", "< 1.0x (overlap)",
              verdict(e["parallel_ratio"], 0.9999))
        t.add("end to end: realtime factor (video s / process wall s)", fmt(e["realtime"], 2, "x"), "", "", "", "")
        t.add("end to end: TTS ∥ images overlap", fmt(e["tts_images_overlap_s"], 2, " s"), "", "", "> 0", 
              "met" if e["tts_images_overlap_s"] > 0 else "**missed**")
        t.add("end to end: peak RSS (default graph)", fmt(e["process"]["max_rss_mb"], 0, " MB"), "", "", "", "")
    g = r.get("graph_scale")
    if g and "error" not in g:
        relay = g["scale"]["relay"]
        t.add("graph scale: load + validate, 1000 stages", fmt(relay["1000"]["total_ms"], 2, " ms"),
              f"100 stages {fmt(relay['100']['total_ms'], 2, ' ms')}", fmt(relay["linearity_1000_vs_100"], 2) + "x per stage",
              "< 50 ms, linear", verdict(relay["1000"]["total_ms"], 50.0))
        gl = g["scale"]["gst_launch"]
        t.add("graph scale: 1000 gst_launch stages (fragments parsed)", fmt(gl["1000"]["total_ms"], 1, " ms"),
              f"100 stages {fmt(gl['100']['total_ms'], 1, ' ms')}", fmt(gl["linearity_1000_vs_100"], 2) + "x per stage", "", "")
        d = g["discovery"]
        t.add("plugin discovery, 50 plugins", fmt(d["50 plugins"]["ms"], 1, " ms"),
              f"build's {d['build plugins']['plugins']} plugins {fmt(d['build plugins']['ms'], 1, ' ms')}", "", "", "")
    c = r.get("confinement")
    if c and "error" not in c:
        here = c["in_process"]
        for mode, label in (("cold_lean", "a child started for the job"), ("warm_lean", "a warm spare")):
            cost, confined = c["cost_per_job"][mode], c[mode]
            t.add(f"confinement, one no-op stage, {label}: wall per job", fmt(confined["wall_median_ms"], 1, " ms"),
                  f"in-process {fmt(here['wall_median_ms'], 1, ' ms')}", f"+{fmt(cost['wall_ms'], 1, ' ms')}",
                  "< +50 ms", "met" if cost["wall_ms"] < 50 else "**missed**")
            t.add(f"confinement, {label}: CPU per job (parent + child)", fmt(confined["cpu_median_ms"], 1, " ms"),
                  f"in-process {fmt(here['cpu_median_ms'], 1, ' ms')}", f"+{fmt(cost['cpu_ms'], 1, ' ms')}",
                  "< +50 ms", "met" if cost["cpu_ms"] < 50 else "**missed**")
        v, lean = c["child_version"], c["lean_child_start"]
        t.add("confinement: for scale, process start-up (`reelflow --version`; the lean child)",
              fmt(v["wall_median_ms"], 1, " ms"), f"CPU {fmt(v['cpu_median_ms'], 1, ' ms')}; lean "
              f"{fmt(lean['cpu_median_ms'], 1, ' ms')}", "", "", "")
    s = r.get("streams")
    if s and "error" not in s:
        shapes = s["render_shapes"]
        v = shapes["video"]
        what = f"{v['seconds']:.1f} s {v['width']}x{v['height']}"
        for key, label, goal, limit in (
                ("stream_vs_compositor", "compose → encode → file_sink vs compositor", "≤ 1.0x", 1.0),
                ("branded_vs_stream", "+ fused watermark overlay vs without", "≤ 1.10x", 1.10)):
            a, b = key.split("_vs_")
            for kind in ("wall", "cpu"):
                ratio = shapes[key][kind]
                t.add(f"streams, render {what}: {label}, {kind}", fmt(shapes[a][f"{kind}_s"], 2, " s"),
                      f"{b} {fmt(shapes[b][f'{kind}_s'], 2, ' s')}", fmt(ratio, 3) + "x", goal,
                      verdict(ratio, limit) if kind == "wall" else "")
        q = shapes["quality_stream_vs_compositor"]
        t.add("streams: stream render vs compositor render", f"SSIM {fmt(q['ssim_all'], 4)}",
              f"PSNR {fmt(q['psnr_avg_db'], 2, ' dB')}", "", "", "")
        tc = s["transcode"]
        for kind in ("wall", "cpu"):
            ratio = tc["reelflow_vs_gst_launch"][kind]
            t.add(f"streams, av_source → encode → file_sink ({tc['input']['seconds']} s 1080p → 720p): {kind}",
                  fmt(tc["reelflow"][f"{kind}_s"], 2, " s"), f"gst-launch-1.0 {fmt(tc['gst_launch'][f'{kind}_s'], 2, ' s')}",
                  fmt(ratio, 3) + "x", "≤ 1.02x", verdict(ratio, 1.02) if kind == "wall" else "")
    lat = r.get("latency")
    if lat and "error" not in lat:
        for tune, label in (("zerolatency", "tune zerolatency"), ("none", "x264 defaults (B-frames, lookahead)")):
            x = lat[f"tune_{tune}"]
            t.add(f"latency: glass-to-glass through srt_sink, median ({label}; {x['frames']} frames)",
                  fmt(x["median_ms"], 0, " ms"), f"p95 {fmt(x['p95_ms'], 0, ' ms')}, max {fmt(x['max_ms'], 0, ' ms')}",
                  "", "< 500 ms", verdict(x["median_ms"], 500) if tune == "zerolatency" else "")
    sh = r.get("shots")
    if sh and "error" not in sh:
        peer = sh["pyscenedetect"]
        for name, label in (("opencv", "file, OpenCV decoding"), ("gstreamer", "file, GStreamer decoding"),
                            ("stream", "av_source → shot_detect_stream")):
            x = sh[name]
            t.add(f"shots: frames per second, {label} ({sh['input']['frames']} frames 1080p; cuts "
                  f"{'as expected' if x['cuts_as_expected'] else 'differ: ' + str(x['cuts'])})",
                  fmt(x["fps"], 0, " fps"), f"PySceneDetect path {fmt(peer['fps'], 0, ' fps')}",
                  fmt(x["vs_pyscenedetect"]["fps"], 2) + "x", "report", "")
    m = r.get("memory")
    if m and "error" not in m:
        short, long = m["renders"][0], m["renders"][-1]
        t.add(f"memory: compositor peak RSS, {long['label']} vs {short['label']} ({long['width']}x{long['height']})",
              fmt(long["max_rss_mb"], 0, " MB"), f"{short['label']}: {fmt(short['max_rss_mb'], 0, ' MB')}",
              fmt(m["rss_ratio"], 3) + "x", "≤ 1.10x", verdict(m["rss_ratio"], 1.10))
    return t.markdown()


def stage_table(e):
    t = Table("stage", "type", "starts at", "ends at", "duration")
    for name, s in e["stages"].items():
        t.add(name, s["type"], fmt(s["start_s"], 2, " s"), fmt(s["end_s"], 2, " s"), fmt(s["duration_s"], 2, " s"))
    return t.markdown()


def scale_table(g):
    t = Table("graph", "stages", "load", "validate", "total", "per stage")
    for shape, sizes in g["scale"].items():
        for n, s in sizes.items():
            if not isinstance(s, dict):
                continue
            t.add(f"{shape} chain", s["stages"], fmt(s["load_ms"], 2, " ms"), fmt(s["validate_ms"], 2, " ms"),
                  fmt(s["total_ms"], 2, " ms"), fmt(1000 * s["total_ms"] / s["stages"], 1, " µs"))
    c = g["cli"]
    t.add("`reelflow validate` relay-1000 (process)", 1000, "", "", fmt(c["validate_1000"]["wall_s"] * 1000, 1, " ms"),
          f"minus `reelflow plugins`: {fmt(c['validate_minus_plugins_ms'], 1, ' ms')}")
    for label, d in g["discovery"].items():
        t.add(f"discovery: {label}", f"{d['plugins']} plugins, {d['failures']} failed", "", "", fmt(d["ms"], 1, " ms"),
              fmt(d["ms"] / max(1, d["plugins"]), 2, " ms/plugin"))
    return t.markdown()


def markdown(r):
    m = r["machine"]
    parts = [
        "# reelflow benchmarks" + (" — quick check (small sizes, 1 run)" if m["quick"] else ""),
        "",
        f"{m['date']} · {m['nproc']} cores, {m['cpu']}, {m['memory_gb']} GB · load average "
        f"{m['load_average_start']} at start, {m.get('load_average_end')} at end (other processes may have run) · "
        f"GStreamer {m['gstreamer']} · {m['ffmpeg']} · commit {m['commit']} · "
        f"medians of {m['runs']} runs · suite {m.get('suite_seconds', 0):.0f} s",
        "",
        "Figures are medians. Ratios are reelflow ÷ peer (lower is better for time and memory); for wall and "
        "CPU time they are the median of the per-round ratios — each round runs both sides back to back, so "
        "both see about the same machine load (the ratios of the medians are in latest.json too).",
        "",
        summary_table(r),
    ]
    if r.get("end_to_end") and "error" not in r["end_to_end"]:
        parts += ["", "## End to end: stages (medians, seconds since the run started)", "", stage_table(r["end_to_end"])]
    if r.get("graph_scale") and "error" not in r["graph_scale"]:
        parts += ["", "## Graph scale (in-process, medians)", "", scale_table(r["graph_scale"])]
    if r.get("memory") and "error" not in r["memory"]:
        t = Table("render", "video", "scenes", "wall", "CPU", "peak RSS")
        for x in r["memory"]["renders"]:
            t.add(x["label"], f"{x['video_s']} s {x['width']}x{x['height']}", x["scenes"], fmt(x["wall_s"], 1, " s"),
                  fmt(x["cpu_s"], 1, " s"), fmt(x["max_rss_mb"], 0, " MB"))
        parts += ["", "## Memory against video length", "", t.markdown()]
    loads = [f"{k} {v['load_average']['start'][0]}→{v['load_average']['end'][0]}" for k, v in r.items()
             if isinstance(v, dict) and "load_average" in v]
    if loads:
        parts += ["", "1-minute load average at the start → end of each benchmark (2 cores; the suite itself "
                  "keeps about 2 busy): " + ", ".join(loads) + "."]
    errors = [f"- {k}: {v['error']}" for k, v in r.items() if isinstance(v, dict) and "error" in v]
    if errors:
        parts += ["", "## Failed benchmarks", ""] + errors
    return "\n".join(parts) + "\n"
