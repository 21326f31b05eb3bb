"""Draws docs/benchmarks-load.png from CSVs that `load --csv FILE` writes (several files or runs: medians per cell).

    dotnet run -c Release --project tests/Ezrouter.Benchmarks -- load --runs 3 --csv load.csv
    /usr/bin/python3 tests/Ezrouter.Benchmarks/Load/chart_load.py docs/benchmarks-load.png load.csv [more.csv ...]

Needs matplotlib (Debian: apt-get install python3-matplotlib; it installs for /usr/bin/python3).
"""
import csv
import statistics
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

CONTENDERS = [
    ("ezrouter-chat", "ezrouter, chat stream", "#1f77b4"),
    ("openai-sdk", "OpenAI SDK 2.15.0, chat stream", "#2ca02c"),
    ("floor-chat", "floor (bare HttpClient + SseParser), chat stream", "#7f7f7f"),
    ("ezrouter-messages", "ezrouter, messages stream", "#9ecae1"),
    ("anthropic-sdk", "Anthropic SDK 13.12.0, messages stream", "#d62728"),
    ("floor-messages", "floor, messages stream", "#c7c7c7"),
]
PANELS = [
    ("client_cpu_ms_per_1000", "client CPU ms per 1,000 events\n(lower is better)"),
    ("live_kb_per_stream", "live KB per open stream after full GCs, 512 streams\n(fewer: per-process memory swamps it; lower is better)"),
    ("ttfe_p99_ms", "p99 time to first event, ms\n(lower is better)"),
]


def value(row, column):
    """A CSV column, or live KB per stream derived from live_mb (files from before it was measured have none)."""
    if column != "live_kb_per_stream":
        return float(row[column])
    if not row.get("live_mb"):
        return None
    return (float(row["live_mb"]) - float(row["heap_before_mb"])) * 1024 / int(row["streams"])


def main(target, sources):
    cells = {}
    for source in sources:
        with open(source, newline="") as f:
            for row in csv.DictReader(f):
                cells.setdefault((row["contender"], int(row["streams"])), []).append(row)
    streams = sorted({n for _, n in cells})
    fig, axes = plt.subplots(1, len(PANELS), figsize=(13, 4.6), dpi=110)
    width = 0.8 / len(CONTENDERS)
    for ax, (column, title) in zip(axes, PANELS):
        for i, (key, label, color) in enumerate(CONTENDERS):
            xs, ys = [], []
            for s, n in enumerate(streams):
                if column == "live_kb_per_stream" and n < 512:
                    continue
                values = [v for v in (value(r, column) for r in cells.get((key, n), [])) if v is not None]
                if not values:
                    continue
                xs.append(s + (i - (len(CONTENDERS) - 1) / 2) * width)
                ys.append(statistics.median(values))
            ax.bar(xs, ys, width * 0.92, color=color, label=label)
            for x, y in zip(xs, ys):
                ax.annotate(f"{y:.0f}" if y >= 10 else f"{y:.1f}", (x, y), ha="center", va="bottom", fontsize=6,
                            xytext=(0, 1), textcoords="offset points")
        ax.set_xticks(range(len(streams)))
        ax.set_xticklabels([f"{n} stream{'s' if n > 1 else ''}" for n in streams])
        ax.set_title(title, fontsize=9)
        ax.grid(axis="y", alpha=0.25)
        ax.set_axisbelow(True)
        if column == "ttfe_p99_ms":
            ax.set_yscale("log")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.suptitle("Many streams through one client over loopback sockets (recorded gateway in its own process; 2 shared vCPUs)",
                 fontsize=10)
    fig.tight_layout(rect=(0, 0.1, 1, 0.95))
    fig.savefig(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
