//! Knowledge base: everything dyad knows about the world before it reads an
//! article — countries, international organisations, agents (sectors), named
//! actors with their dated roles, cities, CAMEO codes with Goldstein scores and
//! the CAMEO→PLOVER table, and the CAMEO verb-pattern dictionary.
//!
//! The data lives in the repository's `data/` folder (see `data/README.md` and
//! `NOTICE`) and is compiled into the binary, so `Kb::embedded()` needs no
//! files at run time. `Kb::from_dir` reads the same files from a folder, and the
//! PETRARCH-format readers accept a user's own dictionaries.

pub mod actors;
pub mod cameo;
pub mod geo;
pub mod verbs;

use std::sync::OnceLock;

pub use actors::{ActorCode, ActorEntry, EntryKind, PhraseMatch, Resolved};
pub use cameo::{CameoInfo, PloverMap};
pub use geo::{City, Country};
pub use verbs::{TriggerMatch, VerbDict};

/// Errors from reading dictionary or data files.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("{file}:{line}: {msg}")]
    Parse {
        file: String,
        line: usize,
        msg: String,
    },
    #[error("{file}: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

/// The loaded knowledge base. Cheap to share (`&'static Kb` from `embedded`).
#[derive(Debug, Default)]
pub struct Kb {
    pub actors: actors::ActorDict,
    pub geo: geo::Gazetteer,
    pub cameo: cameo::CameoTables,
    pub verbs: verbs::VerbDict,
}

impl Kb {
    /// The knowledge base compiled into the binary, loaded once.
    pub fn embedded() -> &'static Kb {
        static KB: OnceLock<Kb> = OnceLock::new();
        KB.get_or_init(|| Kb::load_embedded().expect("embedded knowledge base is valid"))
    }

    fn load_embedded() -> Result<Kb, KbError> {
        // Filled in by the modules: each exposes `load_embedded()`.
        Ok(Kb {
            actors: actors::ActorDict::load_embedded()?,
            geo: geo::Gazetteer::load_embedded()?,
            cameo: cameo::CameoTables::load_embedded()?,
            verbs: verbs::VerbDict::load_embedded()?,
        })
    }
}

/// A weekday or month name, as a lowercase token norm ("friday", "march"):
/// after "on"/"in" it opens a date, and it ends a capitalised name.
pub fn is_day_or_month(norm: &str) -> bool {
    matches!(
        norm,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}
