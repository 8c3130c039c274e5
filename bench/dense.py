"""The anchor of the dense assignment: scipy.optimize.linear_sum_assignment on the matrix
bench_itav dense-gen wrote (n x n int64 gains, row-major, little-endian).

    python3 bench/dense.py MATRIX N RUNS

Runs one warm-up and RUNS timed solves (the solve only: the matrix is read and converted to
float64 beforehand) and prints "RESULT {json}" with the times and the total gain of the
optimum, summed exactly from the integer matrix."""
import json
import os
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment


def main():
    path, n, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    gains = np.fromfile(path, dtype="<i8").reshape(n, n)
    as_float = gains.astype(np.float64)  # exact: every gain is below 2**53
    # the clock bench_itav uses (ITAV_BENCH_CLOCK=cpu: CPU time of the process)
    clock = time.process_time if os.environ.get("ITAV_BENCH_CLOCK") == "cpu" else time.perf_counter
    times = []
    for _ in range(runs + 1):
        t0 = clock()
        rows, cols = linear_sum_assignment(as_float, maximize=True)
        times.append(clock() - t0)
    total = int(gains[rows, cols].sum())
    print("RESULT " + json.dumps({"workload": "dense", "side": "scipy", "n": n,
                                  "times": times[1:], "warmup": times[0], "total": total,
                                  "matched": int(len(rows))}))


if __name__ == "__main__":
    main()
