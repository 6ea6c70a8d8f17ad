"""`make bench` / `python -m bench [matcher|e2e|broadcast|photos|busy|pictures] …`: every figure the issues
ask for."""

from __future__ import annotations

import argparse
import asyncio
import importlib


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("parts", nargs="*",
                        default=["matcher", "eval", "e2e", "broadcast", "photos", "busy", "pictures"],
                        help="which benchmarks to run (default: all): matcher, eval, e2e, broadcast, photos, busy, "
                             "pictures")
    parser.add_argument("--half", choices=["dev", "test", "both", "all", "tuning"], default="both",
                        help="eval: which half of the blind/real sets (default: both, reported apart); tuning: "
                             "the tuning sets in tests/data/tuning/ (never reported as results)")
    parser.add_argument("--failures", action="store_true", help="eval: list the misses (dev half or tuning sets only)")
    parser.add_argument("--content", help="eval: content directory (default: content/)")
    parser.add_argument("--chats", type=int, nargs="+", default=[1000, 10000],
                        help="broadcast sizes (default: 1000 10000)")
    parser.add_argument("--updates", type=int, default=2000, help="end-to-end updates (default: 2000)")
    args = parser.parse_args()
    for part in args.parts:
        print(f"== {part}", flush=True)
        if part == "matcher":
            from bench import matcher

            matcher.main()
        elif part == "eval":
            from bench import evalset

            if args.failures:
                evalset.failures(args.half, content=args.content)
            else:
                evalset.main(args.half, content=args.content)
        elif part == "e2e":
            module = importlib.import_module("bench.e2e")
            result = asyncio.run(module.run(args.updates))
            print("  " + "  ".join(f"{k} {v}" for k, v in result.items()), flush=True)
        elif part == "broadcast":
            module = importlib.import_module("bench.broadcast")
            for n in args.chats:
                result = asyncio.run(module.run(n))
                print(f"  {n} chats: " + "  ".join(f"{k} {v}" for k, v in result.items()), flush=True)
        elif part == "photos":
            from bench import photos

            photos.main()
        elif part == "busy":
            module = importlib.import_module("bench.busy")
            for groups in (1, 10):
                result = asyncio.run(module.run(groups=groups))
                print(f"  {groups} busy group(s) x 30 askers in 10 s, 20 private students asking 1/s: "
                      + "  ".join(f"{k} {v}" for k, v in result.items()), flush=True)
        elif part == "pictures":
            module = importlib.import_module("bench.pictures")
            result = asyncio.run(module.run())
            print("  class of 40, 60 days: " + "  ".join(f"{k} {v}" for k, v in result.items()), flush=True)
        else:
            parser.error(f"unknown benchmark {part!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
