"""Runs a command with its stdout (and stdin, stderr) on a pseudo-terminal
of a given size, as a user's terminal would be, and prints as JSON what it
wrote there (line ends as the program wrote them) and its exit status.

Usage: run_in_pty.py COLUMNS ROWS COMMAND [ARGS...]
COLUMNS 0 leaves the terminal's size unset, so that the program has to
fall back on $COLUMNS or its default."""
import fcntl, json, os, pty, struct, sys, termios

columns, rows, command = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    # The size is set from the terminal's side before the program starts,
    # so it sees it from its first instruction.
    fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    os.execvp(command[0], command)
chunks = []
while True:
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    chunks.append(data)
_, status = os.waitpid(pid, 0)
text = b"".join(chunks).decode("utf-8", errors="replace").replace("\r\n", "\n")
print(json.dumps({"output": text, "status": os.waitstatus_to_exitcode(status)}))
