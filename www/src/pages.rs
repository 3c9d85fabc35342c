//! One module per page of the app.

pub(crate) mod policy;
