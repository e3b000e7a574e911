"""``toolkit serve``: preview the built site and the report on a local web server."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..serve import DEFAULT_HOST, DEFAULT_PORT, PreviewServer


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve", help="preview the built site and the report on http://127.0.0.1",
        description="Serve build/site (/ goes to the source locale's home page) and the report "
                    "(/report/) until interrupted.",
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default: {DEFAULT_PORT}; 0 picks a free one)")
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default: {DEFAULT_HOST}; 0.0.0.0 exposes the preview to the network)")
    parser.add_argument("-d", "--directory", type=Path, help="the built site (default: build-dir)")
    parser.add_argument("--report-dir", type=Path, help="the report folder (default: report-dir, else beside the build folder)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    parser.set_defaults(func=run)


def run(args, config) -> int:
    site = args.directory or config.build_path
    if not site.is_dir():
        raise InputError(f"{config.relative(site)} does not exist: build the site first (toolkit build)")
    if not 0 <= args.port <= 65535:
        raise InputError(f"--port {args.port}: a port is a number from 0 to 65535")
    report = args.report_dir or config.report_path
    try:
        server = PreviewServer(site, report, host=args.host, port=args.port,
                               home=config.url_dir(config.source), quiet=not args.verbose)
    except OSError as error:
        raise InputError(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}") from error
    print(f"serving {config.relative(site)} at {server.url}", flush=True)
    if report.is_dir():
        print(f"the report is at {server.url}report/", flush=True)
    else:
        print("no report yet: run `toolkit report` to write one", flush=True)
    print("press Ctrl+C to stop", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        # Ctrl+C is how a preview ends, not a failure.
        print("stopped", flush=True)
    return 0
