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
use std::time::{Duration, Instant};

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

/// Time spent in each stage of the coder, summed over the documents coded
/// with it (one per worker thread; add them up with [`StageTimes::add`]).
/// `dyad bench` prints these.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct StageTimes {
    pub docs: u64,
    pub sentences: u64,
    pub tokens: u64,
    /// Sentences given to the parser, and their parser words.
    pub parsed_sentences: u64,
    pub parsed_words: u64,
    /// Sentence splitting and tokenising.
    pub split: Duration,
    /// Date expressions.
    pub dates: Duration,
    /// Actor mentions, places and coreference.
    pub mentions: Duration,
    /// Part-of-speech tagging and dependency parsing.
    pub parse: Duration,
    /// Event coding, quotes and building the records.
    pub events: Duration,
}

impl StageTimes {
    /// Adds another set of times and counts into this one.
    pub fn add(&mut self, o: &StageTimes) {
        self.docs += o.docs;
        self.sentences += o.sentences;
        self.tokens += o.tokens;
        self.parsed_sentences += o.parsed_sentences;
        self.parsed_words += o.parsed_words;
        self.split += o.split;
        self.dates += o.dates;
        self.mentions += o.mentions;
        self.parse += o.parse;
        self.events += o.events;
    }

    /// Total time in all stages.
    pub fn total(&self) -> Duration {
        self.split + self.dates + self.mentions + self.parse + self.events
    }
}

/// Runs every stage of the pipeline and returns the annotated document.
pub fn analyse<'a>(input: &'a InputDoc, kb: &dyad_kb::Kb) -> Result<doc::Doc<'a>, CodeError> {
    analyse_timed(input, kb, &mut StageTimes::default())
}

/// [`analyse`], adding the time of each stage to `times`.
pub fn analyse_timed<'a>(
    input: &'a InputDoc,
    kb: &dyad_kb::Kb,
    times: &mut StageTimes,
) -> Result<doc::Doc<'a>, CodeError> {
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
    let t = Instant::now();
    let mut d = doc::Doc::new(id, &input.text, story_date, input.source.clone());
    let t = lap(t, &mut times.split);
    for s in 0..d.sentences.len() {
        d.dates[s] = dates::find_dates_in_tokens(
            d.text,
            &d.sentences[s].tokens,
            story_date,
            dates::Tense::Auto,
        );
    }
    let t = lap(t, &mut times.dates);
    mentions::find_mentions(&mut d, kb);
    places::find_places(&mut d, kb);
    coref::resolve(&mut d, kb);
    let t = lap(t, &mut times.mentions);
    syntax::parse_sentences(&mut d, kb);
    lap(t, &mut times.parse);
    if story_date.is_none() {
        d.warnings
            .push("no published date: relative dates (\"on Monday\") were not resolved".into());
    }
    times.docs += 1;
    times.sentences += d.sentences.len() as u64;
    for s in &d.sentences {
        times.tokens += s.tokens.len() as u64;
        if let Some(p) = &s.parse {
            times.parsed_sentences += 1;
            times.parsed_words += p.tree.len() as u64;
        }
    }
    Ok(d)
}

/// Adds the time since `t` to `acc` and returns now.
fn lap(t: Instant, acc: &mut Duration) -> Instant {
    let now = Instant::now();
    *acc += now - t;
    now
}

/// Codes one document with the given knowledge base.
pub fn code_document(input: &InputDoc, kb: &dyad_kb::Kb) -> Result<DocOutput, CodeError> {
    code_document_timed(input, kb, &mut StageTimes::default())
}

/// [`code_document`], adding the time of each stage to `times`.
pub fn code_document_timed(
    input: &InputDoc,
    kb: &dyad_kb::Kb,
    times: &mut StageTimes,
) -> Result<DocOutput, CodeError> {
    let d = analyse_timed(input, kb, times)?;
    let t = Instant::now();
    let evs = events::find_events(&d, kb);
    let qs = quotes::find_quotes(&d);
    let out = output::build(&d, kb, &evs, &qs);
    lap(t, &mut times.events);
    Ok(out)
}
