"""Baseline: jupyter_client itself. Prints its timings as one JSON object.

Cold start (start_kernel to wait_for_ready) and `1+1` round trips through execute_interactive.
"""
import argparse, json, os, sys, time

from jupyter_client.manager import KernelManager


def start(python):
    km = KernelManager(kernel_name="python3")
    km.kernel_cmd = [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    t = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc, (time.perf_counter() - t) * 1000


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    # jupyter_client leaves the connection file behind when kernel_cmd is set; do not litter /tmp.
    if km.connection_file and os.path.exists(km.connection_file):
        os.unlink(km.connection_file)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--starts", type=int, default=5)
    a = ap.parse_args()
    start_ms = []
    for _ in range(a.starts):
        km, kc, ms = start(a.python)
        start_ms.append(ms)
        stop(km, kc)
    km, kc, _ = start(a.python)
    try:
        quiet = lambda msg: None
        for _ in range(a.warmup):
            kc.execute_interactive("1+1", output_hook=quiet, timeout=30)
        execute_ms = []
        for _ in range(a.n):
            t = time.perf_counter()
            kc.execute_interactive("1+1", output_hook=quiet, timeout=30)
            execute_ms.append((time.perf_counter() - t) * 1000)
        print(json.dumps(dict(execute_ms=execute_ms, start_ms=start_ms)))
    finally:
        stop(km, kc)


if __name__ == "__main__":
    main()
