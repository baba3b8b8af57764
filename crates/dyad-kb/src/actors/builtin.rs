//! Country names, demonyms and capitals from the tabular sources (GeoNames
//! countries, NGEC countries.csv, cow2iso), and the classifier that tells a
//! country name from a demonym or a place among a Phoenix block's synonyms.

use std::collections::{HashMap, HashSet};

use super::reader::{phrase_tokens, RawEntry, RawPhrase};
use super::{ActorCode, EntryKind};
use crate::geo::Country;
use crate::KbError;

/// Word sets used to classify the synonyms of a country block.
#[derive(Debug, Default)]
pub struct Classifier {
    /// Demonym phrases (token norms joined by spaces): "french", "saudi".
    pub demonyms: HashSet<String>,
    /// Country-name phrases: "france", "united kingdom", "u.s.".
    pub country_names: HashSet<String>,
    /// ISO3 → display name ("FRA" → "France").
    pub iso3_names: HashMap<String, String>,
}

/// Words that make a phrase a state name rather than a demonym or place.
const STATE_WORDS: &[&str] = &[
    "republic",
    "kingdom",
    "state",
    "states",
    "islands",
    "federation",
    "emirates",
    "commonwealth",
    "principality",
    "sultanate",
    "union",
];

impl Classifier {
    /// Classifies one synonym of a country block.
    pub fn classify(&self, words: &[String]) -> EntryKind {
        let key = words.join(" ");
        if self.country_names.contains(&key) {
            EntryKind::Country
        } else if self.demonyms.contains(&key) {
            EntryKind::Demonym
        } else if words.len() > 1 && words.iter().any(|w| STATE_WORDS.contains(&w.as_str())) {
            EntryKind::Country
        } else {
            EntryKind::Place
        }
    }
}

fn entry(kind: EntryKind, iso3: &str, phrases: Vec<RawPhrase>) -> RawEntry {
    RawEntry {
        phrases,
        codes: vec![ActorCode {
            country: Some(iso3.to_string()),
            sectors: Vec::new(),
            igo: None,
            from: None,
            to: None,
        }],
        line: 0,
        kind: Some(kind),
        agent: false,
    }
}

fn phrase(s: &str) -> Option<RawPhrase> {
    let (words, _) = phrase_tokens(s);
    (!words.is_empty()).then_some(RawPhrase {
        words,
        whole_last: true,
        plural: true,
    })
}

/// Looks like a demonym rather than a (territory) name: "Afghans",
/// "Ivorian", "Czechs" yes; "Guadeloupe", "DRC", "U.S." no.
fn demonym_like(item: &str) -> bool {
    let last = item.split_whitespace().last().unwrap_or("");
    if last.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
        return false;
    }
    let l = last.to_lowercase();
    [
        "an", "ans", "ese", "ish", "ch", "chs", "i", "is", "ic", "er", "ers", "ot", "ots", "x",
        "sh", "ek", "eks", "rk", "rks", "no", "nos", "ss", "ts",
    ]
    .iter()
    .any(|s| l.ends_with(s))
}

/// Builds the classifier and the generated country/demonym/capital entries.
pub fn build(
    countries: &[Country],
    countries_csv: &str,
    cow2iso: &str,
) -> Result<(Classifier, Vec<RawEntry>), KbError> {
    let mut cls = Classifier::default();
    let mut out = Vec::new();
    let iso3s: HashSet<&str> = countries.iter().map(|c| c.iso3.as_str()).collect();
    let key = |s: &str| phrase_tokens(s).0.join(" ");
    for c in countries {
        cls.iso3_names.insert(c.iso3.clone(), c.name.clone());
        cls.country_names.insert(key(&c.name));
        out.extend(phrase(&c.name).map(|p| entry(EntryKind::Country, &c.iso3, vec![p])));
        if let Some(cap) = &c.capital {
            if let Some(p) = phrase(cap) {
                out.push(entry(EntryKind::Place, &c.iso3, vec![p]));
            }
        }
    }
    let csv_err = |file: &str, e: csv::Error| KbError::Parse {
        file: file.to_string(),
        line: e.position().map_or(0, |p| p.line() as usize),
        msg: e.to_string(),
    };
    // countries.csv: CCA2,Name,CCA3,Nationality ("Afghan, Afghans, …").
    let mut rd = csv::Reader::from_reader(countries_csv.as_bytes());
    for rec in rd.records() {
        let rec = rec.map_err(|e| csv_err("countries.csv", e))?;
        let (name, iso3, nat) = (&rec[1], &rec[2], rec.get(3).unwrap_or(""));
        if !iso3s.contains(iso3) {
            continue;
        }
        cls.country_names.insert(key(name));
        let mut names: Vec<RawPhrase> = phrase(name).into_iter().collect();
        let mut dems = Vec::new();
        for item in nat.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let Some(p) = phrase(item) else { continue };
            if demonym_like(item) && !cls.country_names.contains(&p.words.join(" ")) {
                cls.demonyms.insert(p.words.join(" "));
                dems.push(p);
            } else {
                cls.country_names.insert(p.words.join(" "));
                names.push(p);
            }
        }
        out.push(entry(EntryKind::Country, iso3, names));
        if !dems.is_empty() {
            out.push(entry(EntryKind::Demonym, iso3, dems));
        }
    }
    // cow2iso: cow_id,cow3,iso_id,iso2,iso3,valid_from,valid_until,cname,cname_full,comments,statenme
    let mut rd = csv::Reader::from_reader(cow2iso.as_bytes());
    for rec in rd.records() {
        let rec = rec.map_err(|e| csv_err("cow2iso.txt", e))?;
        let (cow3, iso3, until) = (&rec[1], &rec[4], &rec[6]);
        if cow3.is_empty() || !until.is_empty() || !iso3s.contains(iso3) {
            continue;
        }
        let mut names = Vec::new();
        for n in [&rec[7], &rec[10]] {
            if !n.is_empty() && !n.contains(',') && !n.contains('(') {
                if let Some(p) = phrase(n) {
                    cls.country_names.insert(p.words.join(" "));
                    names.push(p);
                }
            }
        }
        if !names.is_empty() {
            out.push(entry(EntryKind::Country, iso3, names));
        }
    }
    Ok((cls, out))
}
