//! One module per page of the app.

pub(crate) mod certificate;
pub(crate) mod check;
pub(crate) mod policy;
pub(crate) mod reports;
