"""The ``potentials`` command line: ``potentials atlas build|info`` and ``potentials score``.

Every failure the user can cause – a bad option, a file that is missing, unreadable
or of the wrong kind, a specification that cannot be scored – is answered with one
line on standard error and exit status 2, never with a traceback.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import NoReturn

from geodata.errors import PotentialsError


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``prog: error: message (see --help)``."""

    def error(self, message: str) -> NoReturn:
        """Print the message as one line and exit with status 2."""
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """Assemble the argument parser from the sub-command modules."""
    from potentials import _cli_atlas, _cli_score

    parser = OneLineParser(
        prog="potentials",
        description="Atlas of integration potential for Germany's districts.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)
    _cli_atlas.register(commands)
    _cli_score.register(commands)
    return parser


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text


def main(argv: list[str] | None = None) -> int:
    """Run the command line; errors print one clear line and exit with 2.

    Parameters
    ----------
    argv
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status: 0 on success, 2 for any error the input caused, 1 for an
        internal error (also one line).
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.command_line = shlex.join(["potentials", *argv])
    try:
        status = int(args.handler(args) or 0)
        sys.stdout.flush()  # a closed pipe must surface here, not at interpreter exit
        return status
    except BrokenPipeError:
        # the reader of the output (e.g. `| head`) has gone: nothing left to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except PotentialsError as error:
        print(f"potentials: error: {_one_line(error)}", file=sys.stderr)
        return 2
    except OSError as error:
        reason = error.strerror or _one_line(error)
        if error.filename and error.strerror:
            reason = f"{error.filename}: {reason}"
        print(f"potentials: error: {reason}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("potentials: interrupted; nothing was replaced", file=sys.stderr)
        return 130
    except Exception as error:  # the command line never shows a traceback
        print(
            f"potentials: internal error ({type(error).__name__}): {_one_line(error)}; "
            "please report it",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
