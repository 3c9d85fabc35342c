//! Helpers shared by the command line's tests: a scratch directory to write inputs into, and
//! one way to run the built `mta-sts-check` binary and collect what it did.

#![allow(
    clippy::expect_used,
    reason = "a test stops at the first broken expectation"
)]
#![allow(dead_code, unreachable_pub)]

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// A policy that passes: CRLF endings, enforce, one week.
pub const GOOD_POLICY: &[u8] = b"version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n\
    mx: *.example.net\r\nmax_age: 604800\r\n";

/// A policy with one warning (a `max_age` under a day) and nothing worse.
pub const WARN_POLICY: &[u8] =
    b"version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 3600\r\n";

/// A policy with several problems: a trailing dot, a short `max_age`, a line with leading
/// whitespace, LF endings.
pub const BAD_POLICY: &[u8] =
    b"version: STSv1\nmode: enforce\nmx: mail.example.com.\n  mx: *.example.net\nmax_age: 3600\n";

/// The instant the certificate tests judge at: every fixture's CA is valid then.
pub const CERT_AT: &str = "2026-12-04T00:00:00Z";

/// The path of a certificate fixture in `tests/data/certs/` at the workspace root.
pub fn cert_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data/certs")
        .join(name)
}

/// The bytes of a certificate fixture.
pub fn cert_bytes(name: &str) -> Vec<u8> {
    std::fs::read(cert_fixture(name)).expect("the certificate fixture is readable")
}

/// A directory that the test's input files live in, removed when the test ends.
pub struct Scratch {
    dir: TempDir,
}

impl Default for Scratch {
    fn default() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }
}

impl Scratch {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to `name` in the directory and returns its full path.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).expect("the input file is written");
        path
    }

    /// Runs the binary in this directory, so that relative file names appear in its output.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        run_in(self.path(), args, None)
    }

    /// Like [`Scratch::run`], with `stdin` as standard input.
    pub fn run_with_stdin<S: AsRef<OsStr>>(&self, args: &[S], stdin: &[u8]) -> Run {
        run_in(self.path(), args, Some(stdin))
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit status; `None` if a signal ended the process.
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    /// Standard output as text; it is always UTF-8.
    pub fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("the report is UTF-8")
    }

    /// Standard output parsed as the one JSON object `--json` prints.
    pub fn json(&self) -> serde_json::Value {
        let text = self.stdout();
        assert_eq!(text.lines().count(), 1, "one line of JSON: {text}");
        serde_json::from_str(&text).expect("standard output is JSON")
    }

    /// Asserts the process exited by itself with `code`, and did not panic on the way.
    pub fn assert_code(&self, code: i32) -> &Self {
        self.assert_no_panic();
        assert_eq!(
            self.code,
            Some(code),
            "stdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&self.stdout),
            self.stderr
        );
        self
    }

    /// Asserts the process did not panic (a panic exits with 101 and says `panicked`).
    pub fn assert_no_panic(&self) -> &Self {
        assert_ne!(self.code, Some(101), "the binary panicked: {}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }

    /// The rule ids of the JSON findings, in order.
    pub fn rules(&self) -> Vec<String> {
        self.json()["diagnostics"]
            .as_array()
            .expect("a list of findings")
            .iter()
            .map(|finding| finding["rule"].as_str().expect("a rule id").to_owned())
            .collect()
    }
}

fn run_in<S: AsRef<OsStr>>(dir: &Path, args: &[S], stdin: Option<&[u8]>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_mta-sts-check"));
    command
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());

    let mut child = command.spawn().expect("the binary starts");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().expect("a stdin pipe");
        // The binary may stop reading early; a closed pipe here is not the test's concern.
        let _ = pipe.write_all(bytes);
    }
    let output = child.wait_with_output().expect("the binary runs");

    Run {
        code: output.status.code(),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
