#!/usr/bin/env python3
"""Hostile input, counted per class (issue 12): what traintop does with input a hostile or
careless user, or another program, gives it.

Runs each case against the binary (TRAINTOP_BIN, else .build/release/traintop) and prints one
line per case — the class, the case, handled or NOT, and what happened — then the tally per
class. A case is handled when traintop does what the project promises: bad input gets one line
`traintop: …` and exit 2 (runtime failures exit 1), nothing traps or hangs (30 s), the process
stays under 1 GB, and no control character from the input reaches standard output or error.
Terminal cases run in a private tmux server.

    Benchmarks/hostile-input.py [CLASS-SUBSTRING]

Prints figures; it is not a test (the tests are in Tests/, one or more per class).
"""
import gzip, json, os, resource, shutil, signal, struct, subprocess, sys, tempfile, time, zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BIN = os.environ.get("TRAINTOP_BIN", os.path.join(ROOT, ".build", "release", "traintop"))
WORK = tempfile.mkdtemp(prefix="traintop-hostile-")
SOCKET = f"traintop-hostile-{os.getpid()}"
ONLY = sys.argv[1] if len(sys.argv) > 1 else ""
RESULTS = []
TRAPS = {132, 133, 134, 135, 136, 139}  # SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV (128 + n)


def path(name):
    return os.path.join(WORK, name)


def run(args, stdin=None, env=None, timeout=30, shell=None):
    """Runs the binary; returns (status, stdout, stderr, peak RSS in MB, timed out)."""
    environment = dict(os.environ, LANG="C.UTF-8", **(env or {}))
    rss_file = path(".rss")
    time_it = f"/usr/bin/time -o '{rss_file}' -f %M"
    command = (["/bin/sh", "-c", f"exec {time_it} '{BIN}' {shell}"] if shell
               else ["/usr/bin/time", "-o", rss_file, "-f", "%M", BIN, *args])
    child = subprocess.Popen(command, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment, cwd=WORK,
                             start_new_session=True)
    try:
        out, err = child.communicate(stdin, timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        out, err = child.communicate()
        timed_out = True
    status = child.returncode if child.returncode >= 0 else 128 - child.returncode
    try:
        text = open(rss_file).read()
        rss = int(text.split()[-1]) / 1024
        if "terminated by signal" in text:  # time(1) exits 0 after a child's signal, saying so
            status = 128 + int(text.split("terminated by signal")[1].split()[0])
    except (OSError, ValueError, IndexError):
        rss = 0
    return status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), rss, timed_out


def controls(text):
    return [c for c in text if (ord(c) < 32 and c not in "\n") or 0x7F <= ord(c) <= 0x9F
            or c in "\u202a\u202b\u202c\u202d\u202e"]


def record(cls, name, handled, detail):
    RESULTS.append((cls, name, handled))
    print(f"{'ok ' if handled else 'NOT'}  {cls:<14} {name:<58} {detail}", flush=True)


def cli(cls, name, args=(), expect=2, contains="", stdin=None, env=None, shell=None, timeout=30, lines=1):
    if ONLY and ONLY not in cls:
        return
    status, out, err, rss, timed_out = run(list(args), stdin=stdin, env=env, shell=shell, timeout=timeout)
    err_lines = [l for l in err.split("\n") if l]
    problems = []
    if timed_out:
        problems.append("hung")
    elif status in TRAPS:
        problems.append(f"trapped ({status})")
    elif status != expect:
        problems.append(f"exit {status}, not {expect}")
    if expect == 2 and not timed_out and lines == 1 and (len(err_lines) != 1 or not err.startswith("traintop: ")):
        problems.append(f"{len(err_lines)} stderr lines")
    if rss > 1024:
        problems.append(f"{rss:.0f} MB")
    if contains and contains not in err + out:
        problems.append(f"no '{contains}'")
    if controls(out + err):
        problems.append("control characters in output")
    detail = (err_lines[-1][:110] if err_lines else out.strip().split("\n")[-1][:110] if out.strip() else "")
    record(cls, name, not problems, ("; ".join(problems) + " — " if problems else "") + f"{rss:.0f} MB: {detail}")


# MARK: - Tmux

def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True).stdout


def pane(session):
    return tmux("capture-pane", "-p", "-t", session)


def wait(session, condition, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        screen = pane(session)
        if condition(screen):
            return screen
        time.sleep(0.1)
    return None


def traintop_pid(session):
    """The traintop process under the pane's shell (children, then grandchildren)."""
    binary = os.path.realpath(BIN)
    level = [tmux("list-panes", "-t", session, "-F", "#{pane_pid}").strip()]
    for _ in range(3):
        children = []
        for pid in level:
            children += subprocess.run(["pgrep", "-P", pid], capture_output=True, text=True).stdout.split()
        for pid in children:
            try:
                if os.path.realpath(f"/proc/{pid}/exe") == binary:
                    return int(pid)
            except OSError:
                pass
        level = children
    return None


def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None


def terminal(cls, name, command, ready, keys=(), check=None, seconds=3, env=""):
    """Runs `command` (traintop's arguments, or a pipeline using $T) in a 100×30 tmux pane."""
    if ONLY and ONLY not in cls:
        return
    session = f"s{len(RESULTS)}"
    line = command.replace("$T", f"'{BIN}'") if "$T" in command else f"'{BIN}' {command}"
    tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "30", "-c", WORK,
         f"env LANG=C.UTF-8 {env} sh -c \"{line}\"; echo EXITED-$?; sleep 60")
    problems, detail = [], ""
    screen = wait(session, ready)
    if screen is None:
        problems.append("never ready")
    else:
        for key in keys:
            tmux("send-keys", "-t", session, *key) if isinstance(key, tuple) else tmux("send-keys", "-t", session, key)
            time.sleep(0.3)
        time.sleep(seconds)
        pid = traintop_pid(session)
        rss = rss_mb(pid) if pid else None
        if "EXITED" in pane(session) and check is None:
            problems.append("exited: " + [l for l in pane(session).split("\n") if l.strip()][-1][:80])
        if check:
            verdict = check(session, pid)
            if verdict:
                problems.append(verdict)
        if rss is not None:
            detail = f"{rss:.0f} MB"
            if rss > 1024:
                problems.append("over 1 GB")
        if pid:
            start = time.time()
            tmux("send-keys", "-t", session, "q")
            if wait(session, lambda s: "EXITED-0" in s, timeout=5) is None:
                problems.append("q did not quit within 5 s")
            else:
                detail += f", q in {(time.time() - start) * 1000:.0f} ms"
    if "Program crashed" in pane(session):
        problems.append("trapped")
    tmux("kill-session", "-t", session)
    record(cls, name, not problems, ("; ".join(problems) + " — " if problems else "") + detail)


def dashboard_ready(screen):
    return "Settings" in screen and "IDLE" in screen


def title_unchanged(session, pid):
    title = tmux("display-message", "-p", "-t", session, "#{pane_title}")
    return "pane title changed to " + title.strip() if "pwned" in title else None


# MARK: - Fixtures

def idx(name, magic, dims, values, compress=False):
    data = struct.pack(">I" + "I" * len(dims), magic, *dims) + values
    open(path(name), "wb").write(gzip.compress(data) if compress else data)


def idx_folder(folder, train=(10, 2, 2), val=(10, 2, 2)):
    os.makedirs(path(folder), exist_ok=True)
    for split, (n, r, c) in (("train", train), ("t10k", val)):
        idx(f"{folder}/{split}-images-idx3-ubyte", 0x803, (n, r, c), bytes(n * r * c))
        idx(f"{folder}/{split}-labels-idx1-ubyte", 0x801, (n,), bytes(i % 2 for i in range(n)))


def store_run(runs, name, epochs, rows=None, config=None):
    """A run directory as traintop writes it, with `rows` metrics.csv rows."""
    folder = os.path.join(path(runs), name)
    os.makedirs(folder, exist_ok=True)
    cfg = {"dataset": "xor", "epochs": epochs, "hidden": [4], "batch_size": 8}
    cfg.update(config or {})
    json.dump(cfg, open(folder + "/config.json", "w"))
    with open(folder + "/metrics.csv", "w") as f:
        f.write("epoch,accuracy,loss,val_accuracy,val_loss\n")
        for e in range(rows if rows is not None else epochs):
            f.write(f"{e},0.5,{1 / (1 + e)},0.5,{1 / (1 + e)}\n")
    return folder


def setup():
    os.mkfifo(path("fifo.csv"))
    os.symlink("/dev/zero", path("zero.csv"))
    idx_folder("fifo-idx")
    os.remove(path("fifo-idx/train-images-idx3-ubyte"))
    os.mkfifo(path("fifo-idx/train-images-idx3-ubyte"))
    # gzip bombs: a header claiming 10⁹ images; an honest header then 3 GB of zeros.
    idx_folder("bomb")
    idx("bomb/train-images-idx3-ubyte.gz", 0x803, (1_000_000_000, 28, 28), bytes(1000), compress=True)
    os.remove(path("bomb/train-images-idx3-ubyte"))
    idx_folder("bomb2")
    os.remove(path("bomb2/train-images-idx3-ubyte"))
    deflate = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(path("bomb2/train-images-idx3-ubyte.gz"), "wb") as f:
        f.write(deflate.compress(struct.pack(">IIII", 0x803, 10, 2, 2) + bytes(40)))
        for _ in range(192):
            f.write(deflate.compress(bytes(1 << 24)))
        f.write(deflate.flush())
    idx_folder("bomb3")
    idx("bomb3/train-labels-idx1-ubyte.gz", 0x801, (2_000_000_000,), bytes(10), compress=True)
    os.remove(path("bomb3/train-labels-idx1-ubyte"))
    idx_folder("claims")
    idx("claims/train-images-idx3-ubyte", 0x803, (100_000_000, 28, 28), bytes(100))
    idx_folder("noval", val=(0, 2, 2))
    idx_folder("notrain", train=(0, 2, 2))
    idx_folder("flat", train=(10, 0, 0), val=(10, 0, 0))
    open(path("commas.csv"), "w").write("a" + "," * 1_000_000 + "\n1" + ",1" * 1_000_000 + "\n")
    open(path("longline.csv"), "w").write("x,label\n" + "9" * 20_000_000 + ",1\n")
    with open(path("sparse.csv"), "wb") as f:
        f.truncate(300 << 20)
    open(path("wide.csv"), "w").write(",".join(f"f{i}" for i in range(70_000)) + ",label\n")
    open(path("extreme2d.csv"), "w").write(
        "x,y,label\n" + "".join(f"{'-' if i % 2 else ''}3e38,{'-' if i % 3 else ''}3.4e38,{i % 2}\n" for i in range(60)))
    open(path("esc.csv"), "w").write("x,y,label\n1,\x1b[2J,0\n")
    open(path("bidi.csv"), "w").write("x,y,label\n1,\u202egnp,0\n")
    open(path("long.csv"), "w").write("x,y,label\n1," + "7" * 5000 + "x,0\n")
    open(path("huge.csv"), "w").write("epoch,loss,val_loss\n0,1.7e308,0.5\n1,-1.7e308,0.3\n2,1e-320,0.2\n")
    open(path("steps.csv"), "w").write("epoch,loss,val_loss\n-1.7e308,1,0.5\n1.7e308,2,0.3\n")
    open(path("\x1b]0;pwned\x07log.csv"), "w").write("epoch,loss,val_loss\n0,1,0.5\n1,0.5,0.4\n")
    open(path("escnames.csv"), "w").write("epoch,\x1b]0;pwned\x07loss,val_\x1b]0;pwned\x07loss\n0,1,0.5\n1,0.5,0.4\n")
    open(path("oneline.log"), "w").write("x" * 50_000_000)
    with open(path("keys.jsonl"), "w") as f:
        for i in range(100_000):
            f.write(f'{{"epoch": {i}, "m{i}": 1, "loss": 0.5}}\n')
    for name, text in {"c-lr": '{"learning_rate": 1e400}', "c-epochs": '{"epochs": 1e30}',
                       "c-hidden": '{"hidden": [1000000000]}', "c-samples": '{"samples": 10000000000}',
                       "c-escval": '{"activation": "\\u001b]0;pwned\\u0007"}', "c-esckey": '{"\\u001b[2Jkey": 1}',
                       "c-array": "[1, 2]",
                       "c-sweep": json.dumps({"sweep": {k: list(range(1, 101)) for k in ("seed", "epochs", "batch_size")}}),
                       }.items():
        open(path(name + ".json"), "w").write(text)
    # Runs directories: hostile names and values, an epoch of 1e300, a FIFO, a long run.
    store_run("runs-esc", "\x1b]0;pwned\x07\x1b[2Jevil", 3, config={"dataset": "\x1b]0;pwned\x07xor"})
    store_run("runs-esc", "20261125-143005-10", 3, config={"epochs": 7})
    store_run("runs-esc", "20261125-143005-2", 3)
    bad = os.path.join(path("runs-esc").encode(), b"raw\xff\xfename")
    shutil.copytree(os.path.join(path("runs-esc"), "20261125-143005-2"), bad.decode("utf-8", "surrogateescape"))
    folder = store_run("runs-huge-epoch", "a", 3)
    open(folder + "/metrics.csv", "a").write("1e300,0.5,1,0.5,1\n")
    folder = store_run("runs-fifo", "a", 3)
    os.remove(folder + "/metrics.csv")
    os.mkfifo(folder + "/metrics.csv")
    store_run("runs-long", "a", 200_000)


# MARK: - Cases

def cases():
    T = "traps, hangs"
    cli(T, "--threads 3000000000", ["train", "--threads", "3000000000"], contains="--threads")
    cli(T, "--threads 100000", ["train", "--threads", "100000"], contains="--threads")
    cli(T, "--threads -1", ["train", "--threads", "-1"], contains="--threads")
    cli(T, "bench --threads 3000000000", ["bench", "--dataset", "spiral", "--threads", "3000000000"])
    cli(T, "--samples 10000000000", ["train", "--dataset", "spiral", "--samples", "10000000000"])
    cli(T, "--hidden 1000000000", ["train", "--dataset", "spiral", "--hidden", "1000000000"])
    cli(T, "--hidden 100000,100000", ["train", "--dataset", "spiral", "--hidden", "100000,100000"])
    cli(T, "--hidden 2^62", ["train", "--dataset", "spiral", "--hidden", "4611686018427387904"])
    cli(T, "config hidden [1000000000]", ["train", "--dataset", "spiral", "--config", "c-hidden.json"])
    cli(T, "config samples 1e10", ["train", "--dataset", "spiral", "--config", "c-samples.json"])
    cli(T, "--dataset FIFO", ["train", "--dataset", "fifo.csv"], contains="FIFO")
    cli(T, "--dataset symlink to /dev/zero", ["train", "--dataset", "zero.csv"])
    cli(T, "IDX folder with a FIFO", ["train", "--dataset", "fifo-idx"])
    cli(T, "--config /dev/zero", ["train", "--config", "/dev/zero"])
    cli(T, "--config FIFO", ["train", "--config", "fifo.csv"])
    cli(T, "export FIFO", ["export", "fifo.csv", "--svg", "x.svg"])
    cli(T, "export steps ±1.7e308", ["export", "steps.csv", "--svg", "steps.svg", "--force"], expect=0)
    cli(T, "export loss 1.7e308, log scale", ["export", "huge.csv", "--svg", "huge.svg", "--log-loss", "--force"], expect=0)
    cli(T, "runs: metrics.csv epoch 1e300", ["runs", "--runs", "runs-huge-epoch"], expect=0)
    cli(T, "runs: metrics.csv is a FIFO", ["runs", "--runs", "runs-fifo"], expect=0, contains="FIFO")
    cli(T, "--initial-weight 1e308", ["train", "--dataset", "spiral", "--initial-weight", "1e308"])
    cli(T, "--noise 1e308", ["train", "--dataset", "spiral", "--noise", "1e308"], contains="noise")
    cli(T, "--change 99999999999999999999:lr=0.1", ["train", "--dataset", "spiral", "--change", "99999999999999999999:lr=0.1"])
    cli(T, "--pace 1e-300", ["train", "--dataset", "spiral", "--pace", "1e-300"])
    cli(T, "--epochs 99999999999999999999", ["train", "--dataset", "spiral", "--epochs", "99999999999999999999"])
    cli(T, "--batch-size Int.max", ["train", "--dataset", "spiral", "--batch-size", "9223372036854775807"])
    cli(T, "train --json > /dev/full", shell="train --dataset xor --epochs 1 --json -q > /dev/full", expect=1)
    cli(T, "train 2> /dev/full", shell="train --dataset nosuchset 2> /dev/full", expect=2, lines=0)
    terminal(T, "watch a log of ±1.7e308", "watch huge.csv steps.csv", lambda s: "huge.csv" in s)
    terminal(T, "dashboard: 2-D CSV of ±3e38, Space", "--dataset extreme2d.csv --epochs 3 --batch-size 8 --runs r1",
             dashboard_ready, keys=["Space"])
    terminal(T, "dashboard on a 200 000-epoch stored run", "--dataset spiral --runs runs-long",
             lambda s: "s1" in s, keys=["Tab", "v"], seconds=2)

    M = "memory bounds"
    cli(M, "gzip IDX claiming 10⁹ images", ["train", "--dataset", "bomb"], contains="1.0 GB")
    cli(M, "gzip IDX, honest header + 3 GB of zeros", ["train", "--dataset", "bomb2"], contains="longer than")
    cli(M, "gzip labels claiming 2·10⁹", ["train", "--dataset", "bomb3"])
    cli(M, "raw IDX claiming 10⁸ images", ["train", "--dataset", "claims"])
    cli(M, "CSV line of a million commas", ["train", "--dataset", "commas.csv"], contains="columns")
    cli(M, "CSV line of 20 MB", ["train", "--dataset", "longline.csv"], contains="8.0 MB")
    cli(M, "CSV of 300 MB (sparse)", ["train", "--dataset", "sparse.csv"], contains="256.0 MB")
    cli(M, "CSV header of 70 000 columns", ["train", "--dataset", "wide.csv"], contains="columns")
    cli(M, "sweep grid of 10⁸", ["sweep"] + sum([[f, "1,2,3,4,5,6,7,8,9,10"] for f in
        ("--batch-size", "--epochs", "--seed", "--hidden", "--train-size", "--samples", "--noise", "--momentum")], []))
    cli(M, "sweep grid of 100¹⁰ (overflows)", ["sweep"] + sum([[f, ",".join(map(str, range(1, 101)))] for f in
        ("--batch-size", "--epochs", "--seed", "--hidden", "--train-size", "--samples", "--noise", "--momentum",
         "--dropout", "--l2-hidden")], []))
    cli(M, "config sweep of 10⁶", ["sweep", "--config", "c-sweep.json"])
    terminal(M, "cat /dev/zero | watch -", "cat /dev/zero | $T watch -", lambda s: "stdin" in s, seconds=5)
    terminal(M, "yes | watch -", "yes | $T watch -", lambda s: "stdin" in s, seconds=5)
    terminal(M, "endless JSON rows | watch -",
             "yes '{\\\"loss\\\": 0.5}' | $T watch -", lambda s: "stdin" in s, seconds=8)
    terminal(M, "watch a 50 MB line without newline", "watch oneline.log", lambda s: "oneline" in s, seconds=4)
    terminal(M, "watch JSON of 100 000 metric names", "watch keys.jsonl", lambda s: "keys.jsonl" in s, seconds=4)

    E = "escapes"
    cli(E, "runs: folder and config named with OSC/CSI", ["runs", "--runs", "runs-esc"], expect=0, contains="␛]0;pwned␇")
    cli(E, "CSV field with CSI", ["train", "--dataset", "esc.csv"], contains="␛[2J")
    cli(E, "CSV field with a bidi override", ["train", "--dataset", "bidi.csv"])
    cli(E, "config value with OSC", ["train", "--config", "c-escval.json"], contains="␛]0;pwned␇")
    cli(E, "config key with CSI", ["train", "--config", "c-esckey.json"], contains="␛[2J")
    cli(E, "--preset with CSI", ["train", "--preset", "x\x1b[2J"])
    cli(E, "--dataset path with SGR", ["train", "--dataset", "a\x1b[31mb.csv"])
    cli(E, "--activation CSI", ["train", "--activation", "\x1b[2J"])
    cli(E, "unknown option with CSI", ["train", "--\x1b[2J"])
    cli(E, "--hidden with a C1 CSI", ["train", "--hidden", "12,\x9b2J"])
    cli(E, "--change value with ESC c", ["train", "--change", "1:lr=\x1bc"])
    cli(E, "sweep value with CSI", ["sweep", "--dropout", "0.1,\x1b[2J"])
    cli(E, "a 5000-character value is cut", ["train", "--dataset", "long.csv"], contains="…")
    cli(E, "export a log named with OSC", ["export", "\x1b]0;pwned\x07log.csv", "--svg", "esc.svg", "--force"], expect=0)
    cli(E, "export a log with OSC metric names", ["export", "escnames.csv", "--svg", "esc2.svg", "--force"], expect=0)
    terminal(E, "watch a log named with OSC", "watch \\\"$(printf '\\033]0;pwned\\007log.csv')\\\"",
             lambda s: "log.csv" in s, check=title_unchanged)
    terminal(E, "watch metric names with OSC", "watch escnames.csv", lambda s: "escnames" in s, check=title_unchanged)
    terminal(E, "dashboard on a runs folder named with OSC", "--dataset spiral --runs runs-esc",
             lambda s: "s1" in s, check=title_unchanged)

    W = "messages"
    cli(W, "empty validation set", ["train", "--dataset", "noval", "--batch-size", "5"], contains="no validation samples")
    cli(W, "empty training set", ["train", "--dataset", "notrain", "--batch-size", "5"], contains="no training samples")
    cli(W, "0×0-pixel images", ["train", "--dataset", "flat", "--batch-size", "5"], contains="0×0")
    cli(W, "config epochs 1e30", ["train", "--config", "c-epochs.json"], contains="'epochs' holds")
    cli(W, "config learning_rate 1e400", ["train", "--config", "c-lr.json"], contains="out of range")
    cli(W, "config that is an array", ["train", "--config", "c-array.json"], contains="not an object")
    cli(W, "--epochs -5", ["train", "--dataset", "spiral", "--epochs", "-5"], contains="epochs -5")
    cli(W, "--learning-rate -0.5", ["train", "--dataset", "spiral", "--learning-rate", "-0.5"], contains="-0.5")
    cli(W, "--learning-rate 1e-300", ["train", "--dataset", "spiral", "--learning-rate", "1e-300"], contains="rounds to 0")
    cli(W, "--learning-rate 1e39", ["train", "--dataset", "spiral", "--learning-rate", "1e39"], contains="beyond")
    cli(W, "--dropout 0.99999999999", ["train", "--dataset", "spiral", "--dropout", "0.99999999999"], contains="rounds to 1")
    cli(W, "--l2-hidden 1e-50", ["train", "--dataset", "spiral", "--l2-hidden", "1e-50"], contains="rounds to 0")
    cli(W, "loss exploding to millions, finite", ["train", "--dataset", "spiral", "--optimizer", "sgd",
        "--learning-rate", "1", "--l2-hidden", "2", "--epochs", "20", "-q"], expect=1, contains="loss rose")
    cli(W, "--csv /dev/full", ["train", "--dataset", "xor", "--epochs", "1", "--csv", "/dev/full", "--force"], expect=1)

    D = "display"
    terminal(D, "TERM=dumb", "--dataset spiral --runs r2", lambda s: "EXITED-" in s and "EXITED-$" not in s,
             env="TERM=dumb", check=lambda s, p: None if "EXITED-2" in pane(s) and "TERM=dumb" in pane(s) else "no refusal")
    terminal(D, "TERM=nosuchterminal", "--dataset spiral --runs r2", lambda s: "EXITED-" in s,
             env="TERM=nosuchterminal", check=lambda s, p: None if "EXITED-2" in pane(s) else "no refusal")

    def garbage_then(key):
        def check(session, pid):
            tty = tmux("display-message", "-p", "-t", session, "#{pane_tty}").strip()
            with open(tty, "w") as t:
                t.write("\x1b[5;5HGARBAGE-GARBAGE\x1b[12;40HGARBAGE-GARBAGE")
            time.sleep(0.5)
            if "GARBAGE" not in pane(session):
                return "could not scribble"
            tmux(*key(session))
            return None if wait(session, lambda s: "GARBAGE" not in s and "Settings" in s, 5) else "not repainted"
        return check
    terminal(D, "Ctrl-L repaints over another program's output", "--dataset spiral --runs r2", dashboard_ready,
             check=garbage_then(lambda s: ("send-keys", "-t", s, "C-l")), seconds=0.5)
    terminal(D, "a resize repaints over another program's output", "--dataset spiral --runs r2", dashboard_ready,
             check=garbage_then(lambda s: ("resize-window", "-t", s, "-x", "90", "-y", "28")), seconds=0.5)

    def borders_intact(session, pid):
        rows = [l for l in pane(session).split("\n") if l.startswith("│")]
        def width(line):
            return sum(2 if 0x3000 <= ord(c) < 0xA000 else 1 for c in line)
        ends = {width(l[: l.index("│", 1) + 1]) for l in rows if "│" in l[1:]}
        typed = "数据" in pane(session)
        tmux("send-keys", "-t", session, "Escape")  # leave the editor, so q quits
        if not typed:
            return "the typed text is not on screen"
        return None if len(ends) == 1 else f"settings border at columns {sorted(ends)}"
    terminal(D, "CJK typed into the dataset field", "--dataset spiral --runs r2", dashboard_ready,
             keys=["Enter", ("-l", "数据集数据集数据集数据集数据集")], check=borders_intact, seconds=1)
    cli(D, "runs: one header per column, ids in natural order", ["runs", "--runs", "runs-esc"], expect=0,
        contains="max epochs")


try:
    setup()
    cases()
finally:
    tmux("kill-server")
    shutil.rmtree(WORK, ignore_errors=True)

print()
classes = []
for cls, _, _ in RESULTS:
    if cls not in classes:
        classes.append(cls)
for cls in classes:
    rows = [r for r in RESULTS if r[0] == cls]
    print(f"{cls:<14} {sum(r[2] for r in rows):>3} handled of {len(rows):>3} tried")
print(f"{'all':<14} {sum(r[2] for r in RESULTS):>3} handled of {len(RESULTS):>3} tried  ({BIN})")
