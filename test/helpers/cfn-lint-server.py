"""
cfn-lint, loaded once per jest worker (test/helpers/checks.ts): importing cfn-lint and its schemas costs more CPU
than linting a construct's template, and the unit tests lint about thirty. Listens on the Unix socket given as the
first argument (in a folder of its own, removed when it exits); each request is a template path (one line), each answer cfn-lint's exit code and its parseable
output, as the cfn-lint command would print them. Exits when its standard input closes (the worker is gone).

Run as `python3 cfn-lint-server.py SOCKET` (server) or `python3 cfn-lint-server.py SOCKET TEMPLATE` (client).
"""
import os
import socket
import sys
import threading
import time

CODES = {"error": 2, "warning": 4, "informational": 8}


def serve(path):
    from pathlib import Path

    from cfnlint.api import lint_file
    from cfnlint.formatters import ParseableFormatter

    formatter = ParseableFormatter()
    def lifeline():
        sys.stdin.read()
        import shutil

        shutil.rmtree(os.path.dirname(path), ignore_errors=True)  # its folder (socket, pid file) goes with it
        log = os.environ.get("CDX_CFN_LINT_CPU_LOG")  # for measuring a test run's CPU: this process is never waited for
        if log:
            import resource
            r = resource.getrusage(resource.RUSAGE_SELF)
            with open(log, "a") as f:
                f.write(f"{r.ru_utime + r.ru_stime:.2f}\n")
        os._exit(0)

    threading.Thread(target=lifeline, daemon=True).start()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path + ".tmp")
    os.rename(path + ".tmp", path)  # the socket appears only once it can be connected to
    server.listen(4)
    while True:
        conn, _ = server.accept()
        with conn:
            template = conn.makefile("r").readline().strip()
            try:
                matches = lint_file(Path(template))
                matches.sort(key=lambda x: (x.filename, x.linenumber, x.rule.id))  # as the command sorts them
                code = 0
                for m in matches:
                    code |= CODES.get(m.rule.severity.lower(), 2)
                output = formatter.print_matches(matches, None, None)
                output = f"{output}\n" if output else ""  # the command prints it with print()
            except Exception as e:  # a crash of cfn-lint is a failure, as the command's exit code 1 would be
                code, output = 1, f"cfn-lint failed: {e!r}"
            conn.sendall(f"{code}\n{output}".encode())


def ask(path, template):
    deadline = time.time() + 120
    while True:
        try:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            break
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.05)
    s.sendall((template + "\n").encode())
    chunks = []
    while True:
        b = s.recv(65536)
        if not b:
            break
        chunks.append(b)
    code, _, output = b"".join(chunks).decode().partition("\n")
    sys.stdout.write(output)
    sys.exit(int(code))


if __name__ == "__main__":
    if len(sys.argv) == 2:
        serve(sys.argv[1])
    else:
        ask(sys.argv[1], sys.argv[2])
