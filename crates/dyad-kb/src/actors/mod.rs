//! Actor dictionaries: countries (names, short forms, demonyms, capitals),
//! international organisations, PLOVER/Phoenix agents (sector nouns), and
//! named actors with dated codes, read from PETRARCH/TABARI-format files and
//! matched as longest phrases over token norms.

pub mod builtin;
pub mod codes;
pub mod reader;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::path::Path;

use chrono::NaiveDate;

use crate::KbError;
use reader::RawEntry;

/// The embedded dictionaries, loaded in this order (later entries override
/// earlier ones with the same phrase).
static EMBEDDED: &[(&str, &[u8])] = &[
    (
        "Phoenix.Countries.actors.txt",
        include_bytes!("../../../../data/kb/actors/Phoenix.Countries.actors.txt"),
    ),
    (
        "Phoenix.International.actors.txt",
        include_bytes!("../../../../data/kb/actors/Phoenix.International.actors.txt"),
    ),
    (
        "Phoenix.MilNonState.actors.txt",
        include_bytes!("../../../../data/kb/actors/Phoenix.MilNonState.actors.txt"),
    ),
    (
        "Phoenix.agents.txt",
        include_bytes!("../../../../data/kb/actors/Phoenix.agents.txt"),
    ),
    (
        "PLOVER_agents.txt",
        include_bytes!("../../../../data/kb/actors/PLOVER_agents.txt"),
    ),
    (
        "dyad.supplement.actors.txt",
        include_bytes!("../../../../data/kb/actors/dyad.supplement.actors.txt"),
    ),
    (
        "dyad.people.actors.txt",
        include_bytes!("../../../../data/kb/actors/dyad.people.actors.txt"),
    ),
];
static COUNTRIES_CSV: &str = include_str!("../../../../data/kb/actors/countries.csv");
static COW2ISO: &str = include_str!("../../../../data/kb/actors/cow2iso.txt");

/// The Phoenix files use CAMEO's sector codes, PLOVER renamed two of them
/// (manual, agents section): CAMEO `MED` (media) is PLOVER `JRN`, CAMEO
/// `HLH` (health) is PLOVER `MED`; CAMEO's religions (`MUS`, `CHR`, `CTH`,
/// `JEW`, `HIN`, `BUD` …) are PLOVER `REL`.
pub(crate) fn cameo_sectors_to_plover(sectors: &mut Vec<String>) {
    for s in sectors.iter_mut() {
        let to = match s.as_str() {
            "MED" => "JRN",
            "HLH" => "MED",
            "MUS" | "CHR" | "CTH" | "JEW" | "HIN" | "BUD" | "PRO" | "ORT" | "SHI" | "SUN"
            | "ALE" | "DRZ" | "JAN" | "SIK" | "SHN" | "ZRO" | "BAH" | "CON" | "TAO" => "REL",
            _ => continue,
        };
        *s = to.to_string();
    }
    // Two CAMEO codes may now read the same ("MUSCHR" → REL, REL): keep
    // the first, without allocating (this runs for every Phoenix code).
    let mut i = 1;
    while i < sectors.len() {
        if sectors[..i].contains(&sectors[i]) {
            sectors.remove(i);
        } else {
            i += 1;
        }
    }
}

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

impl ActorCode {
    fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    fn covers(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }

    /// Days from `d` to this code's range (0 inside it).
    fn distance(&self, d: NaiveDate) -> i64 {
        if let Some(f) = self.from.filter(|f| d < *f) {
            return (f - d).num_days();
        }
        if let Some(t) = self.to.filter(|t| d > *t) {
            return (d - t).num_days();
        }
        0
    }
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
    /// The code in force on `date`: the first dated code whose range holds
    /// it, else the first undated code (PETRARCH's default), else None. With
    /// `date` None: the first undated code, else the latest dated one.
    pub fn code_at(&self, date: Option<NaiveDate>) -> Option<&ActorCode> {
        let undated = || self.codes.iter().find(|c| !c.is_dated());
        match date {
            // Of several ranges covering the date, the one that starts
            // latest: the dictionaries sometimes write `>` for `<`
            // (Turkmenistan's Soviet code "[USRTKM >911016]" beside
            // "[TKM >911221]").
            Some(d) => self
                .codes
                .iter()
                .filter(|c| c.is_dated() && c.covers(d))
                .max_by_key(|c| c.from)
                .or_else(undated),
            None => undated().or_else(|| {
                self.codes
                    .iter()
                    .max_by_key(|c| (c.to.unwrap_or(NaiveDate::MAX), c.from))
            }),
        }
    }

    /// Like `code_at`, but when no code is in force on `date` returns the
    /// dated code nearest to it (its country still says who the actor is).
    pub fn code_nearest(&self, date: Option<NaiveDate>) -> Option<&ActorCode> {
        self.code_at(date).or_else(|| {
            let d = date?;
            self.codes.iter().min_by_key(|c| c.distance(d))
        })
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

/// A fast, non-cryptographic hasher (FxHash-style) for the word indexes.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One indexed phrase.
#[derive(Debug)]
struct Pattern {
    words: Box<[Box<str>]>,
    /// The last word matches as a prefix (a TABARI stem such as "MINIST").
    stem: bool,
    entry: u32,
    /// Proper names need a capitalised token in `match_phrases_cased`.
    proper: bool,
}

/// All actor-like dictionaries, matched by longest phrase.
#[derive(Debug, Default)]
pub struct ActorDict {
    pub entries: Vec<ActorEntry>,
    patterns: Vec<Pattern>,
    /// First word → patterns starting with it, longest first.
    by_first: FxMap<Box<str>, Vec<u32>>,
    /// One-word stems → patterns.
    stems: FxMap<Box<str>, Vec<u32>>,
    /// Byte lengths of the one-word stems, ascending.
    stem_lens: Vec<usize>,
    classifier: builtin::Classifier,
    /// Malformed lines skipped while reading the embedded dictionaries.
    pub warnings: Vec<KbError>,
}

/// Words that make a multi-word entry an organisation rather than a person.
const ORG_WORDS: &[&str] = &[
    "army",
    "party",
    "council",
    "ministry",
    "front",
    "forces",
    "force",
    "union",
    "committee",
    "organization",
    "organisation",
    "group",
    "movement",
    "brigade",
    "brigades",
    "association",
    "agency",
    "bank",
    "company",
    "corporation",
    "inc",
    "ltd",
    "court",
    "assembly",
    "parliament",
    "congress",
    "department",
    "office",
    "commission",
    "police",
    "navy",
    "service",
    "services",
    "institute",
    "university",
    "church",
    "federation",
    "league",
    "alliance",
    "government",
    "cabinet",
    "senate",
    "tribunal",
    "fund",
    "programme",
    "program",
    "authority",
    "network",
    "foundation",
    "society",
    "center",
    "centre",
    "board",
    "bureau",
    "guard",
    "command",
    "militia",
    "liberation",
    "revolutionary",
    "national",
    "islamic",
    "people",
    "peoples",
    "republic",
    "of",
    "the",
    "and",
    "for",
    "-",
];

/// Small words kept lowercase inside display names.
const SMALL_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "to", "a", "an", "de", "du", "la", "le", "al", "el",
    "bin", "van", "von", "der",
];

/// Words never looked up in the gazetteer as a city standing for a country.
const NOT_PLACES: &[&str] = &[
    "the", "and", "for", "with", "named", "called", "man", "men", "woman", "women", "people",
    "city", "new", "said", "says", "also", "who", "was", "were", "has", "had", "will", "from",
    "cat", "dog",
];

impl ActorDict {
    /// The embedded dictionaries: generated country names/demonyms/capitals,
    /// the Phoenix actor and agent files, PLOVER agents and dyad's supplement.
    pub fn load_embedded() -> Result<Self, KbError> {
        let countries =
            crate::geo::parse_countries_json(crate::geo::COUNTRIES_JSON, "countries.json")?;
        let (classifier, generated) = builtin::build(&countries, COUNTRIES_CSV, COW2ISO)?;
        let mut dict = ActorDict {
            classifier,
            ..Default::default()
        };
        dict.add_raw(generated);
        for (name, bytes) in EMBEDDED {
            let text = String::from_utf8_lossy(bytes);
            let mut parsed = reader::parse(&text, name, false)?;
            if name.starts_with("Phoenix.") {
                for e in &mut parsed.entries {
                    for c in &mut e.codes {
                        cameo_sectors_to_plover(&mut c.sectors);
                    }
                }
            }
            dict.warnings.extend(parsed.warnings);
            dict.add_raw(parsed.entries);
        }
        dict.finish();
        Ok(dict)
    }

    /// A dictionary made only of the given PETRARCH-format files (actors or
    /// agents), read strictly: a malformed line is a `KbError::Parse`.
    /// Country blocks are classified with the built-in country/demonym lists.
    pub fn from_files<P: AsRef<Path>>(paths: &[P]) -> Result<Self, KbError> {
        let countries =
            crate::geo::parse_countries_json(crate::geo::COUNTRIES_JSON, "countries.json")?;
        let (classifier, _) = builtin::build(&countries, COUNTRIES_CSV, COW2ISO)?;
        let mut dict = ActorDict {
            classifier,
            ..Default::default()
        };
        for p in paths {
            dict.add_file(p.as_ref())?;
        }
        Ok(dict)
    }

    /// Adds a user's PETRARCH-format dictionary file; its phrases override
    /// existing ones. Returns the number of entry blocks read.
    pub fn add_file(&mut self, path: &Path) -> Result<usize, KbError> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| KbError::Io {
            file: file.clone(),
            source,
        })?;
        self.add_str(&String::from_utf8_lossy(&bytes), &file)
    }

    /// Adds dictionary text (strictly parsed; `file` names it in errors).
    pub fn add_str(&mut self, text: &str, file: &str) -> Result<usize, KbError> {
        let parsed = reader::parse(text, file, true)?;
        let n = parsed.entries.len();
        self.add_raw(parsed.entries);
        self.finish();
        Ok(n)
    }

    pub fn entry(&self, id: usize) -> &ActorEntry {
        &self.entries[id]
    }

    /// Number of indexed phrases (including generated plural forms).
    pub fn phrase_count(&self) -> usize {
        self.patterns.len()
    }

    fn add_raw(&mut self, raws: Vec<RawEntry>) {
        // Words that occur as complete words in this batch: a final word
        // without `_` is only a stem when it never does.
        let mut known: HashSet<&str, BuildHasherDefault<FxHasher>> = HashSet::default();
        for r in &raws {
            for p in &r.phrases {
                let n = p.words.len();
                for (i, w) in p.words.iter().enumerate() {
                    if i + 1 < n || p.whole_last {
                        known.insert(w);
                    }
                }
            }
        }
        let mut pending: Vec<(Vec<String>, bool, u32, bool)> = Vec::new();
        for raw in &raws {
            if raw.codes.is_empty() || raw.phrases.is_empty() {
                continue;
            }
            for (kind, idxs) in self.groups(raw) {
                let main = &raw.phrases[idxs[0]].words;
                let name = match kind {
                    EntryKind::Country | EntryKind::Demonym | EntryKind::Place => raw.codes[0]
                        .country
                        .as_ref()
                        .and_then(|c| self.classifier.iso3_names.get(c).cloned())
                        .unwrap_or_else(|| display(main, false)),
                    EntryKind::Igo | EntryKind::Organisation => display(main, true),
                    _ => display(main, false),
                };
                let id = self.entries.len() as u32;
                self.entries.push(ActorEntry {
                    name,
                    kind,
                    codes: raw.codes.clone(),
                });
                let proper = kind != EntryKind::Agent;
                for &pi in &idxs {
                    let p = &raw.phrases[pi];
                    let last = p.words.last().map(String::as_str).unwrap_or("");
                    let stem = kind == EntryKind::Agent
                        && !p.whole_last
                        && last.len() >= 5
                        && !known.contains(last)
                        && !complete_word_ending(last);
                    pending.push((p.words.clone(), stem, id, proper));
                    let plural_kind = matches!(kind, EntryKind::Agent | EntryKind::Demonym);
                    if plural_kind && p.plural && !stem {
                        for form in plurals(last, kind == EntryKind::Agent) {
                            let mut w = p.words.clone();
                            *w.last_mut().expect("non-empty phrase") = form;
                            pending.push((w, false, id, proper));
                        }
                    }
                }
            }
        }
        for (words, stem, entry, proper) in pending {
            self.insert(words, stem, entry, proper);
        }
    }

    /// Splits an entry block into (kind, phrase indices) groups.
    fn groups(&self, raw: &RawEntry) -> Vec<(EntryKind, Vec<usize>)> {
        let all: Vec<usize> = (0..raw.phrases.len()).collect();
        if let Some(k) = raw.kind {
            return vec![(k, all)];
        }
        if raw.agent {
            return vec![(EntryKind::Agent, all)];
        }
        let c0 = &raw.codes[0];
        if raw.codes.iter().any(|c| c.igo.is_some())
            || c0.sectors.first().is_some_and(|s| s == "IGO")
        {
            return vec![(EntryKind::Igo, all)];
        }
        let country_block =
            raw.codes.len() == 1 && c0.country.is_some() && c0.sectors.is_empty() && !c0.is_dated();
        if country_block {
            let mut out: Vec<(EntryKind, Vec<usize>)> = vec![(EntryKind::Country, vec![0])];
            for (i, p) in raw.phrases.iter().enumerate().skip(1) {
                let k = self.classifier.classify(&p.words);
                match out.iter_mut().find(|(kk, _)| *kk == k) {
                    Some((_, v)) => v.push(i),
                    None => out.push((k, vec![i])),
                }
            }
            return out;
        }
        let w = &raw.phrases[0].words;
        let org_code = raw
            .codes
            .iter()
            .any(|c| c.sectors.first().is_some_and(|s| s == "NGO" || s == "BUS"));
        let kind = if org_code || w.len() >= 5 || w.iter().any(|x| ORG_WORDS.contains(&x.as_str()))
        {
            EntryKind::Organisation
        } else if raw.codes.iter().any(ActorCode::is_dated) || (2..=4).contains(&w.len()) {
            EntryKind::Person
        } else {
            EntryKind::Organisation
        };
        vec![(kind, all)]
    }

    fn insert(&mut self, words: Vec<String>, stem: bool, entry: u32, proper: bool) {
        if words.is_empty() {
            return;
        }
        let single_stem = stem && words.len() == 1;
        let bucket_key: &str = &words[0];
        let bucket = if single_stem {
            self.stems.get(bucket_key)
        } else {
            self.by_first.get(bucket_key)
        };
        if let Some(b) = bucket {
            for &pi in b {
                let p = &mut self.patterns[pi as usize];
                let same = p.stem == stem
                    && p.words.len() == words.len()
                    && p.words.last().map(|w| &**w) == words.last().map(String::as_str)
                    && p.words.iter().zip(&words).all(|(a, b)| **a == **b);
                if same {
                    p.entry = entry;
                    p.proper = proper;
                    return;
                }
            }
        }
        let id = self.patterns.len() as u32;
        let key: Box<str> = words[0].as_str().into();
        if single_stem {
            if !self.stem_lens.contains(&key.len()) {
                self.stem_lens.push(key.len());
                self.stem_lens.sort_unstable();
            }
            self.stems.entry(key).or_default().push(id);
        } else {
            self.by_first.entry(key).or_default().push(id);
        }
        self.patterns.push(Pattern {
            words: words.into_iter().map(String::into_boxed_str).collect(),
            stem,
            entry,
            proper,
        });
    }

    /// Orders every bucket longest phrase first.
    fn finish(&mut self) {
        let pats = &self.patterns;
        for b in self.by_first.values_mut() {
            b.sort_by_key(|&p| std::cmp::Reverse(pats[p as usize].words.len()));
        }
    }

    /// The agent entry a single word names ("police", "troops"), if any.
    pub fn agent(&self, norm: &str) -> Option<&ActorEntry> {
        let m = self.match_phrases(&[norm]).into_iter().next()?;
        let e = self.entry(m.entry);
        (e.kind == EntryKind::Agent).then_some(e)
    }

    /// Longest non-overlapping dictionary matches over lowercase token norms
    /// (as produced by `dyad_text::tokenize`).
    pub fn match_phrases(&self, toks: &[&str]) -> Vec<PhraseMatch> {
        self.match_impl(toks, None)
    }

    /// Like `match_phrases`, but proper-name entries (countries, demonyms,
    /// places, people, organisations, IGOs) only match where at least one of
    /// their tokens is capitalised in the text (`caps[i]` for token `i`), so
    /// "us", "may" or "china" in running lowercase text are not actors.
    /// Agent nouns match regardless of case.
    pub fn match_phrases_cased(&self, toks: &[&str], caps: &[bool]) -> Vec<PhraseMatch> {
        self.match_impl(toks, Some(caps))
    }

    fn match_impl(&self, toks: &[&str], caps: Option<&[bool]>) -> Vec<PhraseMatch> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            match self.longest_at(toks, i, caps) {
                Some((end, entry)) => {
                    out.push(PhraseMatch {
                        start: i,
                        end,
                        entry: entry as usize,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    fn caps_ok(p: &Pattern, caps: Option<&[bool]>, start: usize, end: usize) -> bool {
        match caps {
            Some(c) if p.proper => (start..end).any(|j| c.get(j).copied().unwrap_or(true)),
            _ => true,
        }
    }

    /// The longest pattern starting at token `i`: (end, entry).
    fn longest_at(&self, toks: &[&str], i: usize, caps: Option<&[bool]>) -> Option<(usize, u32)> {
        let tok = toks[i];
        let mut best: Option<(usize, u32)> = None;
        if let Some(bucket) = self.by_first.get(tok) {
            for &pi in bucket {
                let p = &self.patterns[pi as usize];
                let n = p.words.len();
                if i + n > toks.len() {
                    continue;
                }
                let last = n - 1;
                let ok = p
                    .words
                    .iter()
                    .zip(&toks[i..i + n])
                    .enumerate()
                    .all(|(k, (w, t))| {
                        if k == last && p.stem {
                            t.starts_with(&**w)
                        } else {
                            **w == **t
                        }
                    });
                if ok && Self::caps_ok(p, caps, i, i + n) {
                    best = Some((i + n, p.entry));
                    break;
                }
            }
        }
        if best.is_none() {
            // One-word stems, longest stem last so it wins.
            for &l in &self.stem_lens {
                if l > tok.len() {
                    break;
                }
                if !tok.is_char_boundary(l) {
                    continue;
                }
                if !stem_matches(&tok[..l], tok) {
                    continue;
                }
                if let Some(b) = self.stems.get(&tok[..l]) {
                    for &pi in b {
                        let p = &self.patterns[pi as usize];
                        if Self::caps_ok(p, caps, i, i + 1) {
                            best = Some((i + 1, p.entry));
                        }
                    }
                }
            }
        }
        best
    }

    /// Resolves a short actor phrase ("four Saudi men", "seoul metropolitan
    /// police") to country/sector/name/igo; all None for non-actors. Named
    /// people and organisations give their code in force on `date`; a city
    /// that the dictionary does not know gives its country via `geo`.
    pub fn resolve_phrase(
        &self,
        toks: &[&str],
        geo: &crate::geo::Gazetteer,
        date: Option<NaiveDate>,
    ) -> Resolved {
        let mut r = Resolved::default();
        let matches = self.match_phrases(toks);
        let mut named_country: Option<String> = None;
        let mut place_country: Option<String> = None;
        let mut named_sectors: Vec<String> = Vec::new();
        let mut agent_sectors: Vec<String> = Vec::new();
        let mut covered = vec![false; toks.len()];
        // The head noun's sector comes first: "media regulator" is GOV,
        // "doctors' union" LAB. The head is the last agent word before "of"
        // or "from", except after a member noun, where the body named after
        // it is what counts ("representatives of the government" → GOV,
        // "fighters from the PKK" → the PKK's).
        let of_at = toks.iter().position(|t| matches!(*t, "of" | "from"));
        let member_of = of_at.is_some_and(|o| o > 0 && is_member_noun(toks[o - 1]));
        // A bare role noun as head ("gang leader", "rebel commander",
        // "party spokesman") takes the sector of the body before it.
        let head_rank = |m: &PhraseMatch| -> (usize, usize, usize) {
            let in_head = of_at.is_none_or(|o| m.end <= o);
            let group = if member_of { !in_head } else { in_head };
            let role = m.end == m.start + 1 && is_member_noun(toks[m.start]);
            (usize::from(!group), usize::from(role), usize::MAX - m.end)
        };
        let mut order: Vec<&PhraseMatch> = matches.iter().collect();
        order.sort_by_key(|m| {
            if self.entries[m.entry].kind == EntryKind::Agent {
                head_rank(m)
            } else {
                (0, 0, 0)
            }
        });
        for m in order {
            covered[m.start..m.end].iter_mut().for_each(|c| *c = true);
            let e = &self.entries[m.entry];
            match e.kind {
                EntryKind::Country | EntryKind::Demonym | EntryKind::Place => {
                    if place_country.is_none() {
                        place_country = e.code_nearest(date).and_then(|c| c.country.clone());
                    }
                }
                EntryKind::Agent => {
                    let Some(c) = e.code_at(date) else { continue };
                    let informative: Vec<String> = c
                        .sectors
                        .iter()
                        .filter(|s| !matches!(s.as_str(), "UNK" | "PPL"))
                        .cloned()
                        .collect();
                    push_all(&mut agent_sectors, &informative);
                    let generic = informative.iter().all(|s| s == "CVL");
                    if r.title.is_none() && !generic {
                        r.title = Some(display(&toks[m.start..m.end], false));
                    }
                }
                EntryKind::Person | EntryKind::Organisation | EntryKind::Igo => {
                    if r.name.is_none() {
                        r.name = Some(e.name.clone());
                    }
                    if let Some(c) = e.code_at(date) {
                        push_all(&mut named_sectors, &c.sectors);
                        if named_country.is_none() {
                            named_country = c.country.clone();
                        }
                        if r.igo.is_none() {
                            r.igo = c.igo.clone();
                        }
                    } else if let Some(c) = e.code_nearest(date) {
                        // Out of office on `date`: still the same country.
                        if named_country.is_none() {
                            named_country = c.country.clone();
                        }
                    }
                    if e.kind == EntryKind::Igo && r.igo.is_none() {
                        r.igo = Some(e.name.clone());
                    }
                }
            }
        }
        r.country = named_country.or(place_country);
        if r.country.is_none() && r.igo.is_none() {
            r.country = city_country(toks, &covered, geo);
        }
        let mut sectors = named_sectors;
        push_all(&mut sectors, &agent_sectors);
        r.sector = sectors.first().cloned();
        r.sectors = sectors;
        r
    }
}

/// Nouns for the people of a body ("members of the gang", "leaders of
/// the union"): the body decides their sector.
fn is_member_noun(w: &str) -> bool {
    matches!(
        w,
        "member"
            | "members"
            | "representative"
            | "representatives"
            | "leader"
            | "leaders"
            | "delegates"
            | "delegation"
            | "fighters"
            | "supporters"
            | "officials"
            | "official"
            | "activists"
            | "head"
            | "chief"
            | "chiefs"
            | "commander"
            | "commanders"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
    )
}

fn push_all(dst: &mut Vec<String>, src: &[String]) {
    for s in src {
        if !dst.contains(s) {
            dst.push(s.clone());
        }
    }
}

/// The country of a well-known city named by uncovered tokens ("seoul").
fn city_country(toks: &[&str], covered: &[bool], geo: &crate::geo::Gazetteer) -> Option<String> {
    let usable = |j: usize| {
        !covered[j]
            && toks[j].len() >= 3
            && toks[j].chars().all(|c| c.is_alphabetic() || c == '.')
            && !NOT_PLACES.contains(&toks[j])
    };
    for j in 0..toks.len() {
        if !usable(j) {
            continue;
        }
        if j + 1 < toks.len() && usable(j + 1) {
            let two = format!("{} {}", toks[j], toks[j + 1]);
            if let Some(c) = geo.main_city_named(&two, 100_000) {
                return Some(c.country.clone());
            }
        }
        if let Some(c) = geo.main_city_named(toks[j], 100_000) {
            return Some(c.country.clone());
        }
    }
    None
}

/// A TABARI stem ("MINIST", "AUTHORIT") matches a token that extends it by
/// an inflectional ending only ("minister", "ministries", "authority"), so
/// "plane" does not match "planet".
fn stem_matches(stem: &str, tok: &str) -> bool {
    tok.strip_prefix(stem).is_some_and(|rest| {
        matches!(
            rest,
            "" | "s" | "es" | "e" | "er" | "ers" | "ry" | "ries" | "y" | "ies" | "ia" | "ias"
        )
    })
}

/// Regular plural forms of an entry's last word ("rebel" → "rebels",
/// "policeman" → "policemen", "militia" → "militias", "deputy" → "deputies").
fn plurals(w: &str, agent: bool) -> Vec<String> {
    let mut out = Vec::new();
    if w.is_empty() || !w.chars().all(|c| c.is_alphabetic()) {
        return out;
    }
    if agent && w.ends_with("man") {
        out.push(format!("{}men", &w[..w.len() - 3]));
        return out;
    }
    if agent && w == "person" {
        out.push("persons".into());
        out.push("people".into());
        return out;
    }
    let b = w.as_bytes();
    if ["s", "x", "z", "ch", "sh"].iter().any(|s| w.ends_with(s)) {
        out.push(format!("{w}es"));
    } else if b.len() > 1 && b[b.len() - 1] == b'y' && !b"aeiou".contains(&b[b.len() - 2]) {
        out.push(format!("{}ies", &w[..w.len() - 1]));
    } else {
        out.push(format!("{w}s"));
    }
    out
}

/// Endings of words that are complete nouns, never TABARI stems.
fn complete_word_ending(w: &str) -> bool {
    [
        "er", "or", "ist", "ian", "ant", "ent", "man", "ary", "ee", "ive", "al", "ic", "ce", "ry",
        "ty", "ion", "ship", "ia", "ine", "ate", "ite", "ard", "ess", "ier", "eer", "nt", "ng",
        "ft", "ed", "sy", "cy",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

/// A display name from token norms: "people 's liberation army" →
/// "People's Liberation Army". With `acronym`, a lone short word is
/// upper-cased ("nato" → "NATO").
fn display<S: AsRef<str>>(words: &[S], acronym: bool) -> String {
    let mut out = String::new();
    let n = words.len();
    for (i, w) in words.iter().enumerate() {
        let w = w.as_ref();
        let glue = matches!(w, "'s" | "-" | ")" | "," | "'")
            || (i > 0 && matches!(words[i - 1].as_ref(), "-" | "("));
        if i > 0 && !glue {
            out.push(' ');
        }
        if (acronym && n == 1 && w.len() <= 5) || (w.contains('.') && w.len() <= 6) {
            out.push_str(&w.to_uppercase());
        } else if i > 0 && SMALL_WORDS.contains(&w) || w == "'s" {
            out.push_str(w);
        } else {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                out.extend(c.to_uppercase());
                out.push_str(cs.as_str());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
