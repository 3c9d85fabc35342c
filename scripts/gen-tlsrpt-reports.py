#!/usr/bin/env python3
"""Writes a deterministic set of TLS-RPT reports (RFC 8460 §4) for the reader benchmark.

Each file holds one report object, as reporters send them and as parsedmarc reads them:
many reports of about `--report-kb` KiB each, plus one report of at least `--big-mb` MB. The
figures are added up here, independently of any reader, and written to `expected.json`:
distinct reports, successful and failed sessions (from the summaries), and the failed sessions
and entries of the failure details. `--single-mb` writes one report of that size alone (the
bad-input case) and no expected figures.

Usage: gen-tlsrpt-reports.py OUT_DIR [--seed N] [--reports N] [--report-kb N] [--big-mb N]
       gen-tlsrpt-reports.py OUT_FILE --single-mb N [--seed N]
"""

import argparse
import json
import os
import random

RESULT_TYPES = [
    "starttls-not-supported",
    "certificate-host-mismatch",
    "certificate-expired",
    "certificate-not-trusted",
    "validation-failure",
    "sts-policy-fetch-error",
    "sts-webpki-invalid",
    "tlsa-invalid",
]
ORGANIZATIONS = ["Google Inc.", "Microsoft Corporation", "Example Mail", "Mailer Ltd"]
DAY = 86_400
EPOCH = 1_725_321_600  # 2024-09-03T00:00:00Z


class Totals:
    def __init__(self):
        self.reports = 0
        self.successful = 0
        self.failed = 0
        self.detail_sessions = 0
        self.details = 0


def iso(seconds):
    import time

    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def detail(rng, org_index):
    """One failure-details entry as compact JSON text, and its session count."""
    result_type = rng.choice(RESULT_TYPES)
    count = rng.randint(1, 40)
    # About 6,000 distinct sending addresses per organisation: past the summary's cap of 1000.
    ip = f"198.51.{org_index * 20 + rng.randint(0, 19)}.{rng.randint(1, 254)}"
    mx = f"mx{rng.randint(1, 12)}.mail.example.net"
    entry = {
        "result-type": result_type,
        "sending-mta-ip": ip,
        "receiving-mx-hostname": mx,
        "receiving-mx-helo": mx,
        "receiving-ip": f"203.0.113.{rng.randint(1, 254)}",
        "failed-session-count": count,
        "additional-information": f"https://reports.example/tlsrpt/info?id={rng.randint(1, 50)}",
    }
    # Most `certificate-not-trusted` and `validation-failure` entries carry a code; the others
    # give the reader an informational finding each, well past its cap of 200 per file.
    if result_type != "validation-failure" or rng.random() < 0.3:
        entry["failure-reason-code"] = "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"
    return json.dumps(entry, separators=(",", ":")), count


def policy_text(rng, org_index, domain, details, totals, out):
    """Writes one element of `policies` with `details` failure entries."""
    parts = []
    failed = 0
    for _ in range(details):
        text, count = detail(rng, org_index)
        parts.append(text)
        failed += count
    successful = rng.randint(0, 100_000)
    policy = {
        "policy": {
            "policy-type": "sts",
            "policy-string": ["version: STSv1", "mode: enforce", "mx: *.mail.example.net",
                              "max_age: 604800"],
            "policy-domain": domain,
            "mx-host": ["*.mail.example.net"],
        },
        "summary": {
            "total-successful-session-count": successful,
            "total-failure-session-count": failed,
        },
    }
    head = json.dumps(policy, separators=(",", ":"))[:-1]
    out.write(head)
    out.write(',"failure-details":[\n')
    out.write(",\n".join(parts))
    out.write("]}")
    totals.successful += successful
    totals.failed += failed
    totals.detail_sessions += failed
    totals.details += details


def report(path, rng, index, details_per_policy, policies, totals):
    org_index = index % len(ORGANIZATIONS)
    start = EPOCH + (index % 30) * DAY
    header = {
        "organization-name": ORGANIZATIONS[org_index],
        "date-range": {"start-datetime": iso(start), "end-datetime": iso(start + DAY - 1)},
        "contact-info": "smtp-tls-reporting@example.com",
        "report-id": f"{start}-{index:07d}@bench.example",
    }
    with open(path, "w", encoding="utf-8") as out:
        out.write(json.dumps(header, separators=(",", ":"))[:-1])
        out.write(',"policies":[')
        for number in range(policies):
            if number:
                out.write(",")
            domain = f"d{(index * 7 + number) % 40}.example.org"
            policy_text(rng, org_index, domain, details_per_policy, totals, out)
        out.write("]}\n")
    totals.reports += 1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=8460)
    parser.add_argument("--reports", type=int, default=1500)
    parser.add_argument("--report-kb", type=int, default=70)
    parser.add_argument("--big-mb", type=int, default=105)
    parser.add_argument("--single-mb", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    # An entry is about 330 bytes of JSON.
    per_entry = 330
    if args.single_mb:
        entries = args.single_mb * 1_000_000 // per_entry + 1
        report(args.out, rng, 0, entries // 4 + 1, 4, Totals())
        return
    os.makedirs(args.out, exist_ok=True)
    totals = Totals()
    entries = args.report_kb * 1024 // per_entry
    for index in range(args.reports):
        path = os.path.join(args.out, f"report-{index:05d}.json")
        report(path, rng, index, max(1, entries // 2), 2, totals)
    big_entries = args.big_mb * 1_000_000 // per_entry + 1
    report(os.path.join(args.out, "big-report.json"), rng, args.reports, big_entries // 4 + 1, 4,
           totals)
    expected = {
        "reports": totals.reports,
        "successful": totals.successful,
        "failed": totals.failed,
        "failure_detail_sessions": totals.detail_sessions,
        "failure_details": totals.details,
    }
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8") as out:
        json.dump(expected, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
