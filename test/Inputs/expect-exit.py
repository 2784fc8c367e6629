"""Runs a command and succeeds only if it exits with the given status: expect-exit.py CODE cmd..."""
import subprocess
import sys

code = subprocess.call(sys.argv[2:])
if code != int(sys.argv[1]):
    sys.stderr.write("expected exit status %s, got %d\n" % (sys.argv[1], code))
    sys.exit(1)
