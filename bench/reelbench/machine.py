"""What the figures were measured on: cores, CPU, load, tool versions, source revision."""
import datetime
import os
import platform
import subprocess


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unavailable"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average():
    return [round(x, 2) for x in os.getloadavg()]


def describe(ctx):
    git = ["git", "-C", str(ctx.root)]
    dirty = subprocess.run(git + ["status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "kernel": platform.release(),
        "load_average_start": load_average(),
        "gstreamer": first_line(["gst-launch-1.0", "--version"]).replace("gst-launch-1.0 version ", ""),
        "ffmpeg": first_line(["ffmpeg", "-hide_banner", "-version"]).split(" Copyright")[0],
        "commit": first_line(git + ["rev-parse", "--short", "HEAD"])
                  + (" (with uncommitted changes)" if dirty.stdout.strip() else ""),
        "build": str(ctx.build),
        "runs": ctx.runs,
        "quick": ctx.quick,
    }
