"""Runs the Python library's fetch_identify() in slices for the Java Interleaved harness.

The seed library (discordoauth2, https://github.com/treeben77/discord-oauth2.py) is not vendored here: run.sh
points DISCORDOAUTH2_PY at a checkout of it. Without one, a stand-in runs instead: requests.get with the same
URL and headers the library sends, and the harness labels it so.

The library calls https://discord.com itself; the worker points that prefix at the local server
(BENCH_BASE_URL), which is the only change. Commands arrive on stdin, one a line: "<threads> <millis>". Each
answer is one line: "<calls> <elapsed ns> <process CPU ns>".
"""

import os
import sys
import threading
import time
import types

import requests

BASE_URL = os.environ.get("BENCH_BASE_URL", "http://127.0.0.1:18089")
TOKEN = "bench-access-token"
library = os.environ.get("DISCORDOAUTH2_PY", "")

_get = requests.get


def _local_get(url, *args, **kwargs):
    return _get(url.replace("https://discord.com", BASE_URL, 1), *args, **kwargs)


requests.get = _local_get

if library:
    sys.path.insert(0, library)
    if "aiohttp" not in sys.modules:
        try:
            import aiohttp  # noqa: F401  (the package imports its async client too)
        except ImportError:
            sys.modules["aiohttp"] = types.ModuleType("aiohttp")
    import discordoauth2

    _client = discordoauth2.Client(1100000000000000001, secret="bench-secret", redirect="http://localhost/cb")

    def call():
        return _client.from_access_token(TOKEN).fetch_identify()

    label = "discordoauth2 (Python) fetch_identify()"
else:

    def call():
        response = requests.get(BASE_URL + "/api/v10/users/@me", headers={"authorization": f"Bearer {TOKEN}"})
        response.raise_for_status()
        return response.json()

    label = "stand-in: requests.get with the library's headers (library not found)"


def run(threads, millis):
    calls = [0] * threads
    failures = []
    deadline = [0.0]
    start = threading.Barrier(threads + 1)

    def worker(i):
        start.wait()
        try:
            while time.perf_counter() < deadline[0]:
                if not call().get("id"):
                    raise RuntimeError("no user id")
                calls[i] += 1
        except Exception as ex:  # reported to the harness, which stops the run
            failures.append(repr(ex))

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    cpu_before = time.process_time_ns()
    begin = time.perf_counter_ns()
    deadline[0] = time.perf_counter() + millis / 1000.0
    start.wait()
    for w in workers:
        w.join()
    elapsed = time.perf_counter_ns() - begin
    cpu = time.process_time_ns() - cpu_before
    if failures:
        return "error " + failures[0]
    return f"{sum(calls)} {elapsed} {cpu}"


def main():
    call()
    print("ready " + label, flush=True)
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 2:
            break
        print(run(int(parts[0]), int(parts[1])), flush=True)


if __name__ == "__main__":
    main()
