//! Pieces of the interface shared by pages: findings, highlighted text and the verdict.

pub(crate) mod findings;
pub(crate) mod highlighted;
pub(crate) mod verdict;
