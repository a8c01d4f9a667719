"""Runs a command and measures it: wall time, CPU time (user + sys) and peak RSS
of the child, from os.wait4's rusage (which includes the child's own children)."""
import os
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


class CommandFailed(RuntimeError):
    pass


@dataclass
class Sample:
    wall_s: float
    user_s: float
    sys_s: float
    max_rss_mb: float
    stdout: Path

    @property
    def cpu_s(self):
        return self.user_s + self.sys_s


def run_measured(cmd, log_dir: Path, name: str, env=None, cwd=None) -> Sample:
    """Runs cmd (a list) with stdout/stderr in log_dir/name.{out,err}; raises on failure."""
    log_dir.mkdir(parents=True, exist_ok=True)
    out_path, err_path = log_dir / f"{name}.out", log_dir / f"{name}.err"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = err_path.read_text(errors="replace")[-2000:]
        raise CommandFailed(f"{' '.join(map(str, cmd))}\n  exit {proc.returncode}; stderr ({err_path}):\n{tail}")
    return Sample(wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024.0, out_path)


@dataclass
class Series:
    """Several samples of one command; figures are medians."""
    label: str
    samples: list = field(default_factory=list)

    def add(self, sample: Sample):
        self.samples.append(sample)
        return sample

    def median(self, attr):
        return statistics.median(getattr(s, attr) for s in self.samples)

    @property
    def wall_s(self):
        return self.median("wall_s")

    @property
    def cpu_s(self):
        return self.median("cpu_s")

    @property
    def max_rss_mb(self):
        return self.median("max_rss_mb")

    def to_json(self):
        return {
            "label": self.label,
            "runs": len(self.samples),
            "wall_s": round(self.wall_s, 4),
            "cpu_s": round(self.cpu_s, 4),
            "max_rss_mb": round(self.max_rss_mb, 1),
            "best_wall_s": round(min(s.wall_s for s in self.samples), 4),
            "samples": [
                {"wall_s": round(s.wall_s, 4), "cpu_s": round(s.cpu_s, 4), "max_rss_mb": round(s.max_rss_mb, 1)}
                for s in self.samples
            ],
        }


def paired_ratio(a: Series, b: Series, attr):
    """Median over runs of a's figure ÷ b's in the same round. The two sides of a round
    run back to back, so they see about the same machine load: on a shared machine this
    is steadier than the ratio of the two medians (which is kept in the JSON too)."""
    return statistics.median(getattr(x, attr) / getattr(y, attr) for x, y in zip(a.samples, b.samples))


def run_pair(runs, a, b, warmup=True):
    """Runs two callables alternately (a, b, a, b, ...), after one untimed warm-up each
    when asked, so a change in machine load during the benchmark hits both sides alike."""
    if warmup:
        a(warmup=True)
        b(warmup=True)
    for i in range(runs):
        a(index=i)
        b(index=i)
