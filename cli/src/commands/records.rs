//! `mta-sts-check sts-record` and `mta-sts-check tlsrpt-record`: a TXT RRset, one argument per
//! record.

use mta_sts_check::{check_sts_records, check_tlsrpt_records};

use crate::args::RecordArgs;
use crate::error::CliError;
use crate::input;
use crate::report::{Reading, Report};

pub(crate) fn run_sts(args: &RecordArgs) -> Result<Report, CliError> {
    let records = input::read_records(&args.records)?;
    let check = check_sts_records(&records);

    Ok(Report {
        inputs: input::record_inputs(&records),
        diagnostics: check.diagnostics,
        reading: Reading::StsRecord {
            record: check.record,
            index: check.record_index,
        },
    })
}

pub(crate) fn run_tlsrpt(args: &RecordArgs) -> Result<Report, CliError> {
    let records = input::read_records(&args.records)?;
    let check = check_tlsrpt_records(&records);

    Ok(Report {
        inputs: input::record_inputs(&records),
        diagnostics: check.diagnostics,
        reading: Reading::TlsRptRecord {
            record: check.record,
            index: check.record_index,
        },
    })
}
