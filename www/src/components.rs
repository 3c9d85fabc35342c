//! Pieces of the interface shared by pages: findings, highlighted text and the verdict, and the
//! Certificate page's path and certificate summaries.

pub(crate) mod certificate_card;
pub(crate) mod chain_path;
pub(crate) mod findings;
pub(crate) mod highlighted;
pub(crate) mod verdict;
