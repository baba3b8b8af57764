//! The event coder: turns a document into event records.
//!
//! Pipeline (each stage adds a layer to [`doc::Doc`] over shared offsets):
//! text → sentences/tokens (`dyad_text`) → dates ([`dates`]) → actor
//! mentions ([`mentions`]) → places ([`places`]) → coreference ([`coref`]) →
//! events ([`events`]) → quotes ([`quotes`]) → records ([`record`], built in
//! [`output`]).

pub mod coref;
pub mod dates;
pub mod doc;
pub mod events;
pub mod lexicon;
pub mod mentions;
mod output;
pub mod places;
pub mod quotes;
pub mod record;
pub mod syntax;

pub use record::{DocOutput, Event, InputDoc};

use sha2::{Digest, Sha256};

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
                write!(
                    f,
                    "unreadable published date {s:?} (want YYYY-MM-DD or RFC 3339)"
                )
            }
        }
    }
}

impl std::error::Error for CodeError {}

/// A stable id for a document without one: a hash of its text.
pub fn content_id(text: &str) -> String {
    let h = Sha256::digest(text.as_bytes());
    let hex: String = h[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("doc-{hex}")
}

/// Runs every stage of the pipeline and returns the annotated document.
pub fn analyse<'a>(input: &'a InputDoc, kb: &dyad_kb::Kb) -> Result<doc::Doc<'a>, CodeError> {
    if input.text.trim().is_empty() {
        return Err(CodeError::EmptyText);
    }
    let story_date = match input.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => {
            Some(dates::parse_published(p).ok_or_else(|| CodeError::BadPublished(p.to_string()))?)
        }
    };
    let id = input.id.clone().unwrap_or_else(|| content_id(&input.text));
    let mut d = doc::Doc::new(id, &input.text, story_date, input.source.clone());
    for s in 0..d.sentences.len() {
        d.dates[s] = dates::find_dates_in_tokens(
            d.text,
            &d.sentences[s].tokens,
            story_date,
            dates::Tense::Auto,
        );
    }
    mentions::find_mentions(&mut d, kb);
    places::find_places(&mut d, kb);
    coref::resolve(&mut d, kb);
    syntax::parse_sentences(&mut d, kb);
    if story_date.is_none() {
        d.warnings
            .push("no published date: relative dates (\"on Monday\") were not resolved".into());
    }
    Ok(d)
}

/// Codes one document with the given knowledge base.
pub fn code_document(input: &InputDoc, kb: &dyad_kb::Kb) -> Result<DocOutput, CodeError> {
    let d = analyse(input, kb)?;
    let evs = events::find_events(&d, kb);
    let qs = quotes::find_quotes(&d);
    Ok(output::build(&d, kb, &evs, &qs))
}
