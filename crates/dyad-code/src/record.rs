//! The output contract (`shared/docs/record-format.md`): input documents,
//! event records and document objects, as serde types.

use serde::{Deserialize, Serialize};

/// An input document (one JSON Lines record, or a plain-text file plus flags).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct InputDoc {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub title: Option<String>,
    /// ISO date or RFC 3339 datetime.
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
}

/// An actor or recipient of an event.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Actor {
    pub text: String,
    pub name: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub sectors: Vec<String>,
    pub title: Option<String>,
    pub igo: Option<String>,
    /// Char offsets of `text` in the document (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// How the actor was resolved: "dictionary:…", "title", "coref:…" (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<String>,
}

/// A place.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Location {
    pub text: String,
    pub name: Option<String>,
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u64>,
    /// "city" | "country" | "region" (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

/// Where an event came from in the text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    /// 0-based sentence index.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub trigger: String,
    pub trigger_start: usize,
    pub trigger_end: usize,
    /// The sentence text itself (extension, for reading without the document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_text: Option<String>,
    /// Char offsets of the date text, when one was found (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<usize>,
}

/// One coded event (the contract's record).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Event {
    pub event_id: String,
    pub doc_id: String,
    pub story_date: Option<String>,
    pub event_date: Option<String>,
    pub date_precision: String,
    pub date_text: Option<String>,
    pub event_type: String,
    pub event_mode: Option<String>,
    pub event_contexts: Vec<String>,
    pub cameo_code: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub negated: bool,
    pub modality: String,
    pub actor: Option<Actor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
    pub recipient: Option<Actor>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipients: Vec<Actor>,
    pub location: Option<Location>,
    pub evidence: Evidence,
    pub confidence: f64,
    pub coder: String,
    /// The outlet that published the story (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// An entity (person, organisation, country) mentioned in the document.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    pub name: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    #[serde(default)]
    pub sectors: Vec<String>,
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub igo: Option<String>,
    /// "person" | "organisation" | "country" | "igo" | "group" (extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Speaker {
    pub name: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Quote {
    pub speaker: Speaker,
    pub text: String,
    pub direct: bool,
    pub start: usize,
    pub end: usize,
    pub outlet: Option<String>,
}

/// The document object (`--format json`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DocOutput {
    pub doc_id: String,
    pub story_date: Option<String>,
    pub source: Option<String>,
    pub events: Vec<Event>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub locations: Vec<Location>,
    pub warnings: Vec<String>,
}
