#!/usr/bin/env python3
"""Reads TLS-RPT report files with parsedmarc and prints their totals as JSON.

Each file goes through `parsedmarc.parse_report_file(path, offline=True)`, the entry point
parsedmarc's own command line uses, and must come back as an SMTP TLS report. Offline mode
turns off parsedmarc's DNS and geolocation look-ups. To verify that, every socket connection
and name look-up is refused and counted before parsedmarc is imported, and the script fails if
there was any; the benchmark also runs it in a network namespace of its own when it can.

Usage: parsedmarc-tls-totals.py FILE...
"""

import json
import socket
import sys

ATTEMPTS = []


def _refuse(name):
    def refuse(*args, **kwargs):
        ATTEMPTS.append((name, repr(args)[:80]))
        raise OSError(f"network use refused by the benchmark: {name}")

    return refuse


socket.getaddrinfo = _refuse("getaddrinfo")
socket.gethostbyname = _refuse("gethostbyname")
socket.gethostbyaddr = _refuse("gethostbyaddr")
socket.create_connection = _refuse("create_connection")
socket.socket.connect = _refuse("connect")
socket.socket.connect_ex = _refuse("connect_ex")
socket.socket.sendto = _refuse("sendto")

import parsedmarc  # noqa: E402  (imported after the guard, so its import is covered too)


def main():
    totals = {"reports": 0, "successful": 0, "failed": 0, "failure_detail_sessions": 0,
              "failure_details": 0}
    for path in sys.argv[1:]:
        parsed = parsedmarc.parse_report_file(path, offline=True)
        if parsed["report_type"] != "smtp_tls":
            sys.exit(f"{path}: read as {parsed['report_type']}, not an SMTP TLS report")
        report = parsed["report"]
        totals["reports"] += 1
        for policy in report["policies"]:
            totals["successful"] += policy["successful_session_count"]
            totals["failed"] += policy["failed_session_count"]
            for detail in policy.get("failure_details", []):
                totals["failure_detail_sessions"] += detail["failed_session_count"]
                totals["failure_details"] += 1
    totals["network_attempts"] = len(ATTEMPTS)
    json.dump(totals, sys.stdout, indent=1)
    sys.stdout.write("\n")
    if ATTEMPTS:
        sys.exit(f"parsedmarc tried to use the network: {ATTEMPTS[:3]}")


if __name__ == "__main__":
    main()
