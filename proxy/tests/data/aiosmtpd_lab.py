"""An aiosmtpd server on loopback with STARTTLS, for the proxy's probe tests.

Usage: python aiosmtpd_lab.py PORT CHAIN_PEM KEY_PEM. Prints "ready" once it accepts
connections and runs until its standard input closes, so it ends with the test that started it.
"""

import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink


def main() -> None:
    port, chain, key = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(chain, key)
    controller = Controller(
        Sink(),
        hostname="127.0.0.1",
        port=port,
        server_hostname="aiosmtpd.lab.example",
        tls_context=context,
        require_starttls=False,
    )
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
