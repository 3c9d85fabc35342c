//! The companion proxy of mta-sts-check: the STARTTLS probe on port 25 and the policy fetch that
//! a browser cannot do itself. It gathers facts for the core to judge and never judges.
//!
//! FIXME: the proxy is not written yet; this crate only reserves its place in the workspace, so
//! the web app and the command line cannot check a live domain.
