"""Draws docs/benchmarks.png from the CSV that `quick --csv FILE` writes: events/s per implementation per stream.

    dotnet run -c Release --project tests/Ezrouter.Benchmarks -- quick --all --csv bench.csv
    python3 tests/Ezrouter.Benchmarks/chart.py bench.csv docs/benchmarks.png

Needs matplotlib (Debian: apt-get install python3-matplotlib).
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STREAMS = ["short-chat", "long-chat", "tool-calls", "anthropic-thinking"]
IMPLEMENTATIONS = [
    ("ezrouter", "ezrouter (streaming API)", "#1f77b4"),
    ("ezrouter-nonstream", "ezrouter (non-stream call on SSE)", "#9ecae1"),
    ("openai-sdk", "OpenAI SDK 2.15.0", "#2ca02c"),
    ("anthropic-sdk", "Anthropic SDK 13.12.0", "#d62728"),
    ("floor", "floor (SseParser + Utf8JsonReader)", "#7f7f7f"),
]


def main(source, target):
    rows = {}
    with open(source, newline="") as f:
        for row in csv.DictReader(f):
            rows[(row["stream"], row["implementation"])] = float(row["events_per_s"])

    fig, ax = plt.subplots(figsize=(10, 5.6), dpi=110)
    width = 0.2
    drawn = set()
    for s, stream in enumerate(STREAMS):
        present = [(key, label, color) for key, label, color in IMPLEMENTATIONS if (stream, key) in rows]
        for i, (key, label, color) in enumerate(present):
            x = s + (i - (len(present) - 1) / 2) * width
            y = rows[(stream, key)]
            ax.bar(x, y, width * 0.92, color=color, label=None if key in drawn else label)
            drawn.add(key)
            text = f"{y / 1e6:.1f}M" if y >= 1e6 else f"{y / 1e3:.0f}k"
            ax.annotate(text, (x, y), ha="center", va="bottom", fontsize=7, xytext=(0, 2), textcoords="offset points")
    ax.set_yscale("log")
    ax.set_ylim(1e4, 1e7)
    ax.set_xticks(range(len(STREAMS)))
    ax.set_xticklabels(["short chat\n(13 events)", "long chat\n(10 000 events)", "tool calls\n(274 events)",
                        "Anthropic + thinking\n(984 events)"])
    ax.set_ylabel("events per second (log scale, higher is better)")
    ax.set_title("Streaming the same recorded bytes through an in-memory HttpMessageHandler")
    handles, labels = ax.get_legend_handles_labels()
    order = [labels.index(label) for _, label, _ in IMPLEMENTATIONS if label in labels]
    ax.legend([handles[i] for i in order], [labels[i] for i in order], fontsize=8, loc="upper center",
              bbox_to_anchor=(0.5, -0.13), ncol=3, frameon=False)
    ax.grid(axis="y", which="both", alpha=0.25)
    ax.set_axisbelow(True)
    fig.tight_layout()
    fig.savefig(target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
