//! The event coder: turns a document into event records.
//!
//! Pipeline (each stage adds a layer to [`doc::Doc`] over shared offsets):
//! text → sentences/tokens (`dyad_text`) → dates (`dates`) → mentions of
//! actors and places (`mentions`, `places`) → coreference → events (`events`)
//! → quotes (`quotes`) → records (`record`).

pub mod dates;
pub mod record;

pub use record::{DocOutput, Event, InputDoc};

/// Why a document could not be coded at all.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeError {
    EmptyText,
    BadPublished(String),
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodeError::EmptyText => write!(f, "empty text"),
            CodeError::BadPublished(s) => {
                write!(f, "unreadable published date {s:?} (want YYYY-MM-DD or RFC 3339)")
            }
        }
    }
}

impl std::error::Error for CodeError {}

/// Codes one document with the given knowledge base.
pub fn code_document(input: &InputDoc, kb: &dyad_kb::Kb) -> Result<DocOutput, CodeError> {
    let _ = kb;
    if input.text.trim().is_empty() {
        return Err(CodeError::EmptyText);
    }
    Ok(DocOutput::default())
}
