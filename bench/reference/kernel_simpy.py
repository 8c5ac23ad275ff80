"""Reference for `npm run bench`: the same kernel workload as bench/sim-bench.ts, in SimPy.

N processes each wait M pseudo-random delays (a shared LCG, so both sides schedule the same
times); prints {"events": E, "seconds": S, "end": T} as JSON, T the virtual time at the end,
which the TypeScript side checks against its own to prove the workloads are the same. Run with Debian's python3-simpy3:
    /usr/bin/python3 bench/reference/kernel_simpy.py 1000 200
"""
import json
import sys
import time

import simpy


def main() -> None:
    procs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    env = simpy.Environment()
    state = {"x": 12345, "events": 0}

    def delay() -> float:
        state["x"] = (state["x"] * 1103515245 + 12345) % 2147483648
        return 1 + state["x"] % 1000

    def proc(env):
        for _ in range(steps):
            yield env.timeout(delay())
            state["events"] += 1

    for _ in range(procs):
        env.process(proc(env))
    t0 = time.perf_counter()
    env.run()
    seconds = time.perf_counter() - t0
    print(json.dumps({"events": state["events"], "seconds": seconds, "end": env.now}))


if __name__ == "__main__":
    main()
