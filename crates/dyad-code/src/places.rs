//! Places: cities (GeoNames) and countries named as locations ("in Paris",
//! "to France"), with coordinates.

use dyad_kb::Kb;
use dyad_text::{Span, TokenKind};

use crate::doc::Doc;
use crate::mentions::MentionKind;
use crate::record::Location;

#[derive(Debug, Clone)]
pub struct PlaceMention {
    pub sent: usize,
    pub tok_start: usize,
    pub tok_end: usize,
    pub span: Span,
    /// The preposition before it ("in", "to"), if any.
    pub prep: Option<String>,
    pub loc: Location,
}

fn is_locative(w: &str) -> bool {
    matches!(
        w,
        "in" | "at"
            | "near"
            | "outside"
            | "inside"
            | "from"
            | "to"
            | "into"
            | "across"
            | "around"
            | "toward"
            | "towards"
            | "visit"
            | "visited"
            | "visiting"
            | "visits"
            | "arrived"
            | "reached"
            | "entered"
    )
}

/// Finds places in every sentence.
pub fn find_places(doc: &mut Doc, kb: &Kb) {
    let mut out = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        let n = sent.tokens.len();
        let mut i = 0;
        while i < n {
            let t = &sent.tokens[i];
            if t.kind != TokenKind::Word || !t.is_capitalized(doc.text) {
                i += 1;
                continue;
            }
            // Inside a person or organisation name: not a place.
            let in_name = doc.mentions.iter().any(|m| {
                m.sent == s
                    && m.tok_start <= i
                    && i < m.tok_end
                    && matches!(m.kind, MentionKind::Person | MentionKind::Outlet)
            });
            // "in northern Gaza", "in the southern Lebanese city of
            // Nabatieh": the preposition may stand before a direction word.
            let mut j = i;
            while j > 0 && i - j < 2 && is_direction(&sent.tokens[j - 1].norm) {
                j -= 1;
            }
            let prep = if j > 0 {
                Some(sent.tokens[j - 1].norm.clone())
            } else {
                None
            };
            // "the southern Lebanese city of Nabatieh", "the Japanese resort
            // of Karuizawa": a place of the demonym's country.
            let of_place_country = (i >= 3
                && sent.tokens[i - 1].norm == "of"
                && is_place_noun(&sent.tokens[i - 2].norm))
            .then(|| {
                // (The dictionary may read "Lebanese town" as a group.)
                doc.mentions.iter().find_map(|m| {
                    (m.sent == s
                        && (m.tok_end == i - 2
                            || (m.tok_end == i - 1 && m.tok_end - m.tok_start >= 2))
                        && matches!(m.kind, MentionKind::Country | MentionKind::Group))
                    .then(|| m.country.clone())
                    .flatten()
                })
            })
            .flatten();
            // "in Russia's Saratov region", "Ukraine's Kharkiv": a city after a
            // country's possessive is a place too.
            let possessor = (prep.as_deref() == Some("'s") && i >= 2)
                .then(|| kb.geo.country_by_name(sent.tokens[i - 2].norm.as_str()))
                .flatten();
            let after_country = possessor.is_some();
            let locative = prep.as_deref().is_some_and(is_locative)
                || after_country
                || of_place_country.is_some();
            // Longest city name of up to three capitalised tokens.
            let mut best: Option<(usize, Location)> = None;
            for len in (1..=3).rev() {
                if i + len > n {
                    continue;
                }
                if !(i..i + len).all(|k| {
                    sent.tokens[k].kind == TokenKind::Word
                        && sent.tokens[k].is_capitalized(doc.text)
                }) {
                    continue;
                }
                let span = sent.tok_span(i, i + len);
                let name = doc.slice(span);
                // A country's name is the country, not a city with that alternate name.
                if kb.geo.country_by_name(name).is_some() {
                    continue;
                }
                // The first part of a longer name ("North Darfur", "San
                // Andrés") is not the town spelled like it ("North").
                let continues = sent.tokens.get(i + len).is_some_and(|t| {
                    t.kind == TokenKind::Word
                        && t.is_capitalized(doc.text)
                        && !dyad_kb::is_day_or_month(&t.norm)
                });
                if continues {
                    continue;
                }
                if let Some(c) = kb.geo.cities_named(name).first() {
                    // Without a locative cue, only well-known cities count.
                    if !locative && (c.population < 1_000_000 || in_name) {
                        continue;
                    }
                    if in_name && !locative {
                        continue;
                    }
                    let (cs, ce) = doc.chars(span);
                    best = Some((
                        len,
                        Location {
                            text: name.to_string(),
                            name: Some(c.name.clone()),
                            country: Some(c.country.clone()),
                            admin1: Some(c.admin1.clone()),
                            lat: Some(c.lat),
                            lon: Some(c.lon),
                            geonameid: Some(c.geonameid),
                            kind: Some("city".into()),
                            start: Some(cs),
                            end: Some(ce),
                        },
                    ));
                    break;
                }
            }
            // Countries (and regions the actor dictionary knows) after a
            // locative preposition ("in France", "in North Waziristan"); a
            // longer region name beats a city named by its first word
            // ("North" is a US town).
            let city_len = best.as_ref().map_or(0, |b| b.0);
            if locative && !in_name {
                if let Some(m) = doc.mentions.iter().find(|m| {
                    m.sent == s
                        && m.tok_start == i
                        && m.tok_end - m.tok_start > city_len
                        && matches!(m.kind, MentionKind::Country)
                        && m.country.is_some()
                }) {
                    let iso = m.country.clone().unwrap_or_default();
                    let c = kb.geo.country(&iso);
                    let (cs, ce) = doc.chars(m.span);
                    best = Some((
                        m.tok_end - m.tok_start,
                        Location {
                            text: doc.slice(m.span).to_string(),
                            name: c.map(|c| c.name.clone()),
                            country: Some(iso),
                            admin1: None,
                            lat: c.and_then(|c| c.lat),
                            lon: c.and_then(|c| c.lon),
                            geonameid: c.and_then(|c| c.geonameid),
                            kind: Some("country".into()),
                            start: Some(cs),
                            end: Some(ce),
                        },
                    ));
                }
            }
            // "in Nigeria's Plateau state", "Russia's Kursk region": a
            // named region of the possessor country (no gazetteer entry
            // needed).
            if let (None, Some(owner)) = (&best, possessor) {
                let run = (i..n.min(i + 3))
                    .take_while(|&k| {
                        sent.tokens[k].kind == TokenKind::Word
                            && sent.tokens[k].is_capitalized(doc.text)
                    })
                    .count();
                let region = sent
                    .tokens
                    .get(i + run)
                    .is_some_and(|t| is_region_noun(&t.norm));
                if run > 0 && region {
                    let loc = region_location(
                        doc,
                        sent.tok_span(i, i + run + 1),
                        sent.tok_span(i, i + run),
                        &owner.iso3,
                    );
                    best = Some((run + 1, loc));
                }
            }
            // A place of the demonym's country the gazetteer does not know
            // (or knows in another country).
            if let Some(owner) = &of_place_country {
                let wrong = best
                    .as_ref()
                    .is_some_and(|(_, l)| l.country.as_deref() != Some(owner.as_str()));
                if best.is_none() || wrong {
                    let run = (i..n.min(i + 3))
                        .take_while(|&k| {
                            sent.tokens[k].kind == TokenKind::Word
                                && sent.tokens[k].is_capitalized(doc.text)
                                && !dyad_kb::is_day_or_month(&sent.tokens[k].norm)
                        })
                        .count();
                    if run > 0 {
                        let span = sent.tok_span(i, i + run);
                        best = Some((run, region_location(doc, span, span, owner)));
                    }
                }
            }
            if let Some((len, loc)) = best {
                out.push(PlaceMention {
                    sent: s,
                    tok_start: i,
                    tok_end: i + len,
                    span: sent.tok_span(i, i + len),
                    prep,
                    loc,
                });
                i += len;
            } else {
                i += 1;
            }
        }
    }
    doc.places = out;
}

/// A named region of a country (no coordinates): the words `span`, the
/// name `name` within them.
fn region_location(doc: &Doc, span: Span, name: Span, iso3: &str) -> Location {
    let (cs, ce) = doc.chars(span);
    Location {
        text: doc.slice(span).to_string(),
        name: Some(doc.slice(name).to_string()),
        country: Some(iso3.to_string()),
        admin1: None,
        lat: None,
        lon: None,
        geonameid: None,
        kind: Some("region".into()),
        start: Some(cs),
        end: Some(ce),
    }
}

/// Words that may stand between a preposition and the place it opens:
/// directions and the article ("in northern Gaza", "in the southern …").
fn is_direction(w: &str) -> bool {
    matches!(
        w,
        "northern"
            | "southern"
            | "eastern"
            | "western"
            | "central"
            | "northeastern"
            | "northwestern"
            | "southeastern"
            | "southwestern"
            | "north"
            | "south"
            | "east"
            | "west"
            | "the"
    )
}

/// Nouns that name a kind of place before "of" ("the city of Derna").
fn is_place_noun(w: &str) -> bool {
    is_region_noun(w)
        || matches!(
            w,
            "city" | "town" | "village" | "resort" | "port" | "capital" | "island" | "enclave"
        )
}

/// Nouns for a country's subdivisions ("Plateau state", "Kursk region").
fn is_region_noun(w: &str) -> bool {
    matches!(
        w,
        "state"
            | "province"
            | "region"
            | "district"
            | "county"
            | "department"
            | "governorate"
            | "prefecture"
            | "oblast"
    )
}

/// A country as a location record.
pub fn country_location(kb: &Kb, iso3: &str, text: &str) -> Location {
    let c = kb.geo.country(iso3);
    Location {
        text: text.to_string(),
        name: c.map(|c| c.name.clone()),
        country: Some(iso3.to_string()),
        admin1: None,
        lat: c.and_then(|c| c.lat),
        lon: c.and_then(|c| c.lon),
        geonameid: c.and_then(|c| c.geonameid),
        kind: Some("country".into()),
        start: None,
        end: None,
    }
}
