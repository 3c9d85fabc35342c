//! The `--state` file: each domain's policy id and body from its last usable check, so that a
//! body changed under the same id is caught on the next run. JSON, written whole to a temporary
//! file and renamed into place, so an interrupted run never leaves half a file.

use std::collections::BTreeMap;
use std::path::Path;

use base64ct::{Base64, Encoding};
use mta_sts_check::PolicySnapshot;
use serde::{Deserialize, Serialize};

use crate::error::CliError;

/// The largest state file read: a policy is at most 64 KiB, and few people watch thousands.
const MAX_STATE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct State {
    version: u32,
    domains: BTreeMap<String, Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Entry {
    id: String,
    body_base64: String,
}

impl State {
    /// The state at `path`; an empty one when the file does not exist yet.
    pub(crate) fn load(path: &Path) -> Result<Self, CliError> {
        let name = path.display().to_string();
        let bytes = match std::fs::metadata(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self::default());
            }
            Err(source) => return Err(CliError::Read { name, source }),
            Ok(meta) if meta.len() > MAX_STATE_BYTES => {
                return Err(CliError::TooLarge {
                    name,
                    limit: MAX_STATE_BYTES,
                });
            }
            Ok(_) => std::fs::read(path).map_err(|source| CliError::Read {
                name: name.clone(),
                source,
            })?,
        };
        let state: Self = serde_json::from_slice(&bytes).map_err(|error| CliError::State {
            name: name.clone(),
            reason: format!("not a state file of this tool ({error})"),
        })?;
        if state.version != 1 {
            return Err(CliError::State {
                name,
                reason: format!("version {} is not one this tool reads", state.version),
            });
        }
        Ok(state)
    }

    pub(crate) fn get(&self, domain: &str) -> Option<PolicySnapshot> {
        let entry = self.domains.get(domain)?;
        Some(PolicySnapshot {
            id: entry.id.clone(),
            body: Base64::decode_vec(&entry.body_base64).ok()?,
        })
    }

    pub(crate) fn set(&mut self, domain: &str, snapshot: &PolicySnapshot) {
        self.domains.insert(
            domain.to_owned(),
            Entry {
                id: snapshot.id.clone(),
                body_base64: Base64::encode_string(&snapshot.body),
            },
        );
    }

    pub(crate) fn save(&mut self, path: &Path) -> Result<(), CliError> {
        self.version = 1;
        let name = path.display().to_string();
        let text = serde_json::to_vec_pretty(&*self).map_err(|error| CliError::State {
            name: name.clone(),
            reason: error.to_string(),
        })?;
        let temporary = path.with_extension("tmp");
        std::fs::write(&temporary, text)
            .and_then(|()| std::fs::rename(&temporary, path))
            .map_err(|error| CliError::State {
                name,
                reason: format!("it cannot be written: {error}"),
            })
    }
}
