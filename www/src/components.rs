//! Pieces of the interface shared by pages: findings, highlighted text and the verdict, the
//! Check page's result, host table and copy buttons, the
//! Certificate page's path and certificate summaries, and the Reports page's file drop, bar
//! charts, tables, overview and report details.

pub(crate) mod bars;
pub(crate) mod certificate_card;
pub(crate) mod chain_path;
pub(crate) mod copy_button;
pub(crate) mod domain_result;
pub(crate) mod file_drop;
pub(crate) mod findings;
pub(crate) mod highlighted;
pub(crate) mod host_table;
pub(crate) mod report_details;
pub(crate) mod report_overview;
pub(crate) mod settings_form;
pub(crate) mod table;
pub(crate) mod verdict;
