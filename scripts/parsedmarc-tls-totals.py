#!/usr/bin/env python3
"""Reads TLS-RPT report files with parsedmarc and prints their totals as JSON.

Each file goes through `parsedmarc.parse_report_file(path, offline=True)`, the entry point
parsedmarc's own command line uses, and must come back as an SMTP TLS report. Offline mode
turns off parsedmarc's DNS and geolocation look-ups; the benchmark also runs this script in a
network namespace of its own, so that a look-up could not leave the machine anyway.

Usage: parsedmarc-tls-totals.py FILE...
"""

import json
import sys

import parsedmarc


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
    json.dump(totals, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
