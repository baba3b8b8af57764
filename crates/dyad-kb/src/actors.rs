//! Actor dictionaries: countries (names, short forms, demonyms, capitals),
//! international organisations, PLOVER/Phoenix agents (sector nouns), and
//! named actors with dated codes, read from PETRARCH/TABARI-format files.

use chrono::NaiveDate;

use crate::KbError;

/// What kind of thing a dictionary entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A country by name or short form ("France", "the UK").
    Country,
    /// A country adjective/demonym ("French", "Saudi", "Americans").
    Demonym,
    /// A named person ("Xi Jinping").
    Person,
    /// A named organisation or institution ("Afghan National Army", "Hamas").
    Organisation,
    /// An international organisation ("UN Security Council", "NATO").
    Igo,
    /// An agent noun naming a sector ("minister", "police", "rebels").
    Agent,
    /// A city/region that stands for its country in the actor dictionary ("Kabul").
    Place,
}

/// One dated code of an entry: country + sectors, or an IGO.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorCode {
    /// ISO 3166-1 alpha-3 ("CHN"), or None.
    pub country: Option<String>,
    /// PLOVER agent codes, primary first ("GOV", "MIL").
    pub sectors: Vec<String>,
    /// Short IGO name ("UN", "EU", "NATO") for international organisations.
    pub igo: Option<String>,
    /// Validity range (inclusive); None = open.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A dictionary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    /// Display name ("Xi Jinping", "France", "United Nations").
    pub name: String,
    pub kind: EntryKind,
    pub codes: Vec<ActorCode>,
}

impl ActorEntry {
    /// The code in force on `date` (or the undated/last one when `date` is None).
    pub fn code_at(&self, date: Option<NaiveDate>) -> Option<&ActorCode> {
        let _ = date;
        self.codes.first()
    }
}

/// A dictionary phrase found in a token sequence: tokens `[start, end)`.
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// The resolution of a short actor phrase.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Resolved {
    pub name: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub sectors: Vec<String>,
    pub igo: Option<String>,
    pub title: Option<String>,
}

/// All actor-like dictionaries, matched by longest phrase.
#[derive(Debug, Default)]
pub struct ActorDict {
    pub entries: Vec<ActorEntry>,
}

impl ActorDict {
    pub fn load_embedded() -> Result<Self, KbError> {
        Ok(ActorDict::default())
    }

    /// Longest non-overlapping dictionary matches over lowercase token norms
    /// (as produced by `dyad_text::tokenize`).
    pub fn match_phrases(&self, toks: &[&str]) -> Vec<PhraseMatch> {
        let _ = toks;
        Vec::new()
    }

    pub fn entry(&self, id: usize) -> &ActorEntry {
        &self.entries[id]
    }

    /// Resolves a short actor phrase ("four Saudi men", "seoul metropolitan
    /// police") to country/sector/name/igo; all None for non-actors.
    pub fn resolve_phrase(
        &self,
        toks: &[&str],
        geo: &crate::geo::Gazetteer,
        date: Option<NaiveDate>,
    ) -> Resolved {
        let _ = (toks, geo, date);
        Resolved::default()
    }
}
