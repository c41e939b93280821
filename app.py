"""Dash entry point of the atlas of integration potential (wiring only).

Local use:   uv run python app.py [--host 127.0.0.1] [--port 8050] [--debug]
Deployment:  uv run gunicorn app:server
"""

from __future__ import annotations

import argparse
import gc

from geodata import settings
from layouts.app_factory import create_app

app = create_app(debug=settings.debug())
server = app.server
# The atlas, geometry and prepared engine live as long as the process: leave them out
# of the collector's full passes, which otherwise pause a request for about 0.3 s.
gc.freeze()


def main(argv: list[str] | None = None) -> None:
    """Serve the dashboard with Flask's development server."""
    parser = argparse.ArgumentParser(description=__doc__)
    try:
        host, port = settings.server_address()
    except ValueError as error:
        parser.error(str(error))
    parser.add_argument("--host", default=host)
    parser.add_argument("--port", type=int, default=port)
    parser.add_argument("--debug", action="store_true", help="Dash dev tools and reloader")
    args = parser.parse_args(argv)
    if args.debug:
        app.enable_dev_tools(debug=True)
    app.run(host=args.host, port=args.port, debug=args.debug)


if __name__ == "__main__":
    main()
