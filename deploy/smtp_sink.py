"""A local mail server for `make stack`: every message it accepts becomes a file in a folder.

    python -m deploy.smtp_sink --port 2525 --dir /tmp/mail            # accepts and stores
    python -m deploy.smtp_sink --port 2525 --dir /tmp/mail --silent   # accepts TCP, never answers

`--silent` plays the mail server that takes the connection and then says nothing, the fault
that must not hang a checkout or a worker.
"""

from __future__ import annotations

import argparse
import socket
import threading
import uuid
from pathlib import Path


class FolderHandler:
    """aiosmtpd handler: write each message, as received, to `<dir>/<uuid>.eml`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        name = self.folder / f"{uuid.uuid4().hex}.eml"
        partial = name.with_suffix(".partial")
        partial.write_bytes(envelope.original_content or envelope.content)
        partial.rename(name)  # readers never see half a message
        return "250 Message accepted for delivery"


def serve_silently(port: int, folder: Path) -> None:
    """Accept connections and hold them open without a word; note each in `connections.log`
    (a test waits for it to know a sender is now stuck mid-conversation)."""
    held = []
    with socket.create_server(("127.0.0.1", port)) as server:
        while True:
            connection, peer = server.accept()
            held.append(connection)
            with (folder / "connections.log").open("a") as log:
                log.write(f"{peer}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", type=Path, required=True)
    parser.add_argument("--silent", action="store_true")
    options = parser.parse_args()
    options.dir.mkdir(parents=True, exist_ok=True)
    if options.silent:
        serve_silently(options.port, options.dir)
        return
    from aiosmtpd.controller import Controller

    controller = Controller(FolderHandler(options.dir), hostname="127.0.0.1", port=options.port)
    controller.start()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
