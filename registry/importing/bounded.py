"""Running a file reader in a child process with a memory and time limit.

A workbook can claim to be small and still ask the reader for gigabytes (a cell in row 1 048 576
makes calamine allocate the whole rectangle; a zip can lie about its sizes). The reader runs in
a forked child whose address space and processor time are limited, so such a file costs the
child, not the web worker. Where fork is unavailable the reader runs in this process.
"""

import faulthandler
import os
import pickle
import resource
import selectors
import signal
import time

from .errors import ImportFileError

MEMORY_BYTES = 1024 * 1024 * 1024  # above what the worker had already mapped
CPU_SECONDS = 30
WALL_SECONDS = 60
ENABLED = hasattr(os, "fork")
last_child_growth_kb = 0  # private memory the last child held with the file read (benchmark)


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _private_kb() -> int:
    """Memory of this process that no other process shares (what a child adds to the machine)."""
    try:
        with open("/proc/self/smaps_rollup") as rollup:
            return sum(
                int(line.split()[1])
                for line in rollup
                if line.startswith(("Private_Dirty:", "Private_Clean:"))
            )
    except OSError:
        return 0


def _quiet() -> None:
    """An allocator that gives up aborts the child: that is the expected end, not news."""
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _child(write_fd: int, function, args) -> None:
    growth = 0
    try:
        _quiet()
        start = _private_kb()
        limit = _address_space() + MEMORY_BYTES
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))
        try:
            outcome = ("ok", function(*args))
            growth = _private_kb() - start
        except ImportFileError as error:
            outcome = ("refused", str(error))
        except MemoryError:
            outcome = ("too-big", "")
        except BaseException as error:  # reported to the parent, which decides
            outcome = ("failed", f"{type(error).__name__}: {error}"[:500])
        data = pickle.dumps((outcome, growth), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_fd, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(0)


def _collect(read_fd: int, pid: int) -> bytes:
    chunks, deadline = [], time.monotonic() + WALL_SECONDS
    with selectors.DefaultSelector() as selector, os.fdopen(read_fd, "rb", buffering=0) as pipe:
        selector.register(pipe, selectors.EVENT_READ)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                os.kill(pid, signal.SIGKILL)
                break
            chunk = pipe.read(1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def run_bounded(function, *args, refusal: str):
    """function(*args) in a limited child; ImportFileError(refusal) if the child cannot finish."""
    global last_child_growth_kb
    if not ENABLED:
        return function(*args)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child leaves through os._exit
        os.close(read_fd)
        _child(write_fd, function, args)
    os.close(write_fd)
    data = _collect(read_fd, pid)
    os.waitpid(pid, 0)
    try:
        (status, value), last_child_growth_kb = pickle.loads(data)
    except Exception:  # killed, aborted by the allocator, or out of memory while answering
        raise ImportFileError(refusal) from None
    if status == "ok":
        return value
    if status == "refused":
        raise ImportFileError(value)
    if status == "failed":
        raise ImportFileError("Не удалось прочитать файл: он повреждён.")
    raise ImportFileError(refusal)
