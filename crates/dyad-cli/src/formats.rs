//! Output writers: the contract's JSON Lines (one event a line), document
//! objects, PLOVER JSON and GDELT 2.0 event-table rows, all derived from the
//! event record.

use std::io::{self, Write};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use dyad_code::record::{Actor, Location};
use dyad_code::{DocOutput, Event, InputDoc};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// An output format of `dyad code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One document object a line.
    Json,
    /// One event record a line (the default).
    Jsonl,
    /// One PLOVER JSON event a line.
    Plover,
    /// GDELT 2.0 event-table rows, tab-separated, no header.
    Gdelt,
}

/// Document facts the writers need that the records do not carry.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocMeta<'a> {
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub language: Option<&'a str>,
}

impl<'a> DocMeta<'a> {
    pub fn from_input(d: &'a InputDoc) -> Self {
        DocMeta {
            url: d.url.as_deref(),
            title: d.title.as_deref(),
            language: d.language.as_deref(),
        }
    }
}

/// Writes one coded document in `format`; returns the number of lines.
pub fn write_doc(
    format: Format,
    doc: &DocOutput,
    meta: &DocMeta,
    out: &mut dyn Write,
    scratch: &mut String,
) -> io::Result<usize> {
    match format {
        Format::Json => {
            serde_json::to_writer(&mut *out, doc)?;
            out.write_all(b"\n")?;
            Ok(1)
        }
        Format::Jsonl => {
            for ev in &doc.events {
                serde_json::to_writer(&mut *out, ev)?;
                out.write_all(b"\n")?;
            }
            Ok(doc.events.len())
        }
        Format::Plover => {
            for ev in &doc.events {
                serde_json::to_writer(&mut *out, &plover_event(ev, meta))?;
                out.write_all(b"\n")?;
            }
            Ok(doc.events.len())
        }
        Format::Gdelt => {
            for (i, ev) in doc.events.iter().enumerate() {
                scratch.clear();
                gdelt_row(ev, i, meta, scratch);
                scratch.push('\n');
                out.write_all(scratch.as_bytes())?;
            }
            Ok(doc.events.len())
        }
    }
}

// ---------------------------------------------------------------- PLOVER

/// The PLOVER entity object (PLOVER manual, "Information object for
/// entities"): code, sector, entity_text, identifier_text, office.
#[derive(Debug, Serialize)]
pub struct PloverEntity<'a> {
    /// Country (ISO3) or, for international organisations, the IGO.
    pub code: Option<&'a str>,
    pub sector: Option<&'a str>,
    pub other_sector_codes: Vec<&'a str>,
    pub entity_text: &'a str,
    pub identifier_text: Option<&'a str>,
    pub office: Option<&'a str>,
    pub igo: Option<&'a str>,
}

impl<'a> PloverEntity<'a> {
    fn of(a: &'a Actor) -> Self {
        PloverEntity {
            code: a.country.as_deref().or(a.igo.as_deref()),
            sector: a.sector.as_deref(),
            other_sector_codes: a
                .sectors
                .iter()
                .map(String::as_str)
                .filter(|s| Some(*s) != a.sector.as_deref())
                .collect(),
            entity_text: &a.text,
            identifier_text: a.name.as_deref(),
            office: a.title.as_deref(),
            igo: a.igo.as_deref(),
        }
    }
}

fn plover_entities<'a>(list: &'a [Actor], first: Option<&'a Actor>) -> Vec<PloverEntity<'a>> {
    if list.is_empty() {
        first.map(PloverEntity::of).into_iter().collect()
    } else {
        list.iter().map(PloverEntity::of).collect()
    }
}

/// The PLOVER location object (the manual's Mordecai fields).
#[derive(Debug, Serialize)]
pub struct PloverLocation<'a> {
    pub extracted_place: &'a str,
    pub resolved_place: Option<&'a str>,
    pub geonameid: Option<u64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country_code: Option<&'a str>,
    pub admin1_code: Option<&'a str>,
    /// 5 sub-city, 4 city, 3 district, 2 province, 1 country.
    pub resolution: Option<u8>,
}

/// PLOVER `text_info`.
#[derive(Debug, Serialize)]
pub struct PloverTextInfo {
    pub sequence: usize,
    pub start: usize,
    pub end: usize,
}

/// PLOVER `cite_info`.
#[derive(Debug, Serialize)]
pub struct PloverCiteInfo<'a> {
    pub publication: Option<&'a str>,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub language: Option<&'a str>,
    pub coder: &'static str,
    pub codebook: &'static str,
}

/// One event in PLOVER JSON (the manual's "PLOVER JSON" table, in its
/// order). Fields after `coder` carry the record's extra information.
#[derive(Debug, Serialize)]
pub struct PloverEvent<'a> {
    pub id: &'a str,
    pub date: Option<&'a str>,
    pub actor: Vec<PloverEntity<'a>>,
    pub recipient: Vec<PloverEntity<'a>>,
    pub event: [&'a str; 1],
    pub event_loc: Option<PloverLocation<'a>>,
    pub event_text: [&'a str; 1],
    pub quad_code: u8,
    pub event_scale: f64,
    pub mode: Vec<&'a str>,
    pub context: &'a [String],
    pub text_info: PloverTextInfo,
    pub cite_info: PloverCiteInfo<'a>,
    pub coder: &'a str,
    pub doc_id: &'a str,
    pub cameo_code: &'a str,
    pub negated: bool,
    pub modality: &'a str,
    pub date_precision: &'a str,
    pub confidence: f64,
}

/// PLOVER resolution code of a location.
fn plover_resolution(l: &Location) -> Option<u8> {
    match l.kind.as_deref() {
        Some("country") => Some(1),
        Some("region") => Some(2),
        Some("city") => Some(4),
        _ if l.geonameid.is_some() && l.admin1.is_some() => Some(4),
        _ => None,
    }
}

/// One event as PLOVER JSON.
pub fn plover_event<'a>(ev: &'a Event, meta: &DocMeta<'a>) -> PloverEvent<'a> {
    let event_loc = ev.location.as_ref().map(|l| PloverLocation {
        extracted_place: &l.text,
        resolved_place: l.name.as_deref(),
        geonameid: l.geonameid,
        lat: l.lat,
        lon: l.lon,
        country_code: l.country.as_deref(),
        admin1_code: l.admin1.as_deref(),
        resolution: plover_resolution(l),
    });
    let text = ev
        .evidence
        .sentence_text
        .as_deref()
        .unwrap_or(&ev.evidence.trigger);
    PloverEvent {
        id: &ev.event_id,
        date: ev.event_date.as_deref().or(ev.story_date.as_deref()),
        actor: plover_entities(&ev.actors, ev.actor.as_ref()),
        recipient: plover_entities(&ev.recipients, ev.recipient.as_ref()),
        event: [&ev.event_type],
        event_loc,
        event_text: [text],
        quad_code: ev.quad_class,
        event_scale: ev.goldstein,
        mode: ev.event_mode.as_deref().into_iter().collect(),
        context: &ev.event_contexts,
        text_info: PloverTextInfo {
            sequence: ev.evidence.sentence,
            start: ev.evidence.start,
            end: ev.evidence.end,
        },
        cite_info: PloverCiteInfo {
            publication: ev.source.as_deref(),
            url: meta.url,
            title: meta.title,
            language: meta.language,
            coder: "dyad",
            codebook: "plover-2.0",
        },
        coder: &ev.coder,
        doc_id: &ev.doc_id,
        cameo_code: &ev.cameo_code,
        negated: ev.negated,
        modality: &ev.modality,
        date_precision: &ev.date_precision,
        confidence: ev.confidence,
    }
}

// ----------------------------------------------------------------- GDELT

/// The 61 columns of the GDELT 2.0 event table, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// ISO 3166 alpha-3 → FIPS 10-4 (GDELT's geography country codes), from
/// GeoNames `countries.json`.
const ISO3_FIPS: &str = include_str!("../data/iso3-fips.tsv");

fn fips(iso3: &str) -> Option<&'static str> {
    static MAP: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut v: Vec<_> = ISO3_FIPS
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .collect();
        v.sort_unstable();
        v
    });
    map.binary_search_by(|(k, _)| (*k).cmp(iso3))
        .ok()
        .map(|i| map[i].1)
}

/// CAMEO known-group codes for common IGOs (GDELT `KnownGroupCode`).
fn igo_code(igo: &str) -> String {
    let known = match igo.to_ascii_uppercase().as_str() {
        "UN" | "UNITED NATIONS" => "UNO",
        "EU" | "EUROPEAN UNION" => "EEC",
        "NATO" => "NAT",
        "AU" | "AFRICAN UNION" => "AFU",
        "ASEAN" => "SEA",
        "ARAB LEAGUE" | "LAS" => "ARL",
        "OPEC" => "OPC",
        "IMF" => "IMF",
        "WORLD BANK" | "WB" => "WBK",
        "WTO" => "WTO",
        "OSCE" => "OSC",
        "ECOWAS" => "WAS",
        "GCC" => "GCC",
        "ICC" => "ICC",
        "RED CROSS" | "ICRC" => "IRC",
        "WHO" => "WHO",
        "OAS" => "OAS",
        other => {
            return other
                .chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .take(3)
                .collect()
        }
    };
    known.to_string()
}

/// Replaces tabs and line breaks (which would break the row) with spaces.
pub fn gdelt_clean(s: &str, out: &mut String) {
    for c in s.chars() {
        out.push(
            if matches!(c, '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                ' '
            } else {
                c
            },
        );
    }
}

/// A numeric GDELT event id from the record's stable id (53 bits, so it
/// survives tools that read numbers as doubles).
pub fn gdelt_event_id(ev: &Event, index: usize) -> u64 {
    let mut h = Sha256::new();
    if ev.event_id.is_empty() {
        h.update(ev.doc_id.as_bytes());
        h.update(b"#");
        h.update(index.to_string().as_bytes());
    } else {
        h.update(ev.event_id.as_bytes());
    }
    let d = h.finalize();
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    u64::from_be_bytes(b) >> 11
}

fn parse_day(s: Option<&String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s?.get(..10)?, "%Y-%m-%d").ok()
}

/// Appends one field and its tab (none after the last column).
struct Row<'a> {
    out: &'a mut String,
    n: usize,
}

impl Row<'_> {
    fn field(&mut self, s: &str) {
        if self.n > 0 {
            self.out.push('\t');
        }
        gdelt_clean(s, self.out);
        self.n += 1;
    }
    fn opt(&mut self, s: Option<&str>) {
        self.field(s.unwrap_or(""));
    }
    fn num(&mut self, v: impl std::fmt::Display) {
        use std::fmt::Write as _;
        if self.n > 0 {
            self.out.push('\t');
        }
        let _ = write!(self.out, "{v}");
        self.n += 1;
    }
    fn actor(&mut self, a: Option<&Actor>) {
        let Some(a) = a else {
            for _ in 0..10 {
                self.field("");
            }
            return;
        };
        let group = a.igo.as_deref().map(igo_code);
        let mut code = String::new();
        match (&a.country, &group) {
            (Some(c), _) => code.push_str(c),
            (None, Some(g)) => {
                code.push_str("IGO");
                code.push_str(g);
            }
            (None, None) => {}
        }
        let sectors: Vec<&str> = if a.sectors.is_empty() {
            a.sector.iter().map(String::as_str).collect()
        } else {
            a.sectors.iter().map(String::as_str).collect()
        };
        for s in sectors.iter().take(3) {
            // An IGO's code already says so.
            if !(group.is_some() && *s == "IGO") {
                code.push_str(s);
            }
        }
        self.field(&code);
        let name = a.name.as_deref().unwrap_or(&a.text).to_uppercase();
        self.field(&name);
        self.opt(a.country.as_deref());
        self.opt(group.as_deref());
        self.field(""); // EthnicCode
        self.field(""); // Religion1Code
        self.field(""); // Religion2Code
        for i in 0..3 {
            self.opt(sectors.get(i).copied());
        }
    }
    /// An empty geography block (type 0).
    fn no_geo(&mut self) {
        self.num(0);
        for _ in 0..7 {
            self.field("");
        }
    }
    fn geo(&mut self, l: &Location) {
        let country = l.country.as_deref();
        let us = country == Some("USA");
        let ty = match l.kind.as_deref() {
            Some("country") => 1,
            Some("region") if us => 2,
            Some("region") => 5,
            Some("city") if us => 3,
            Some("city") => 4,
            _ if l.geonameid.is_some() => {
                if us {
                    3
                } else {
                    4
                }
            }
            _ => 1,
        };
        self.num(ty);
        self.field(l.name.as_deref().unwrap_or(&l.text));
        let f = country.and_then(fips);
        self.opt(f);
        match (f, l.admin1.as_deref()) {
            (Some(f), Some(a)) if ty != 1 => self.field(&format!("{f}{a}")),
            (Some(f), _) => self.field(f),
            _ => self.field(""),
        }
        self.field(""); // ADM2Code
        match (l.lat, l.lon) {
            (Some(la), Some(lo)) => {
                self.num(la);
                self.num(lo);
            }
            _ => {
                self.field("");
                self.field("");
            }
        }
        // GDELT's feature id of a country is its FIPS code.
        match (l.geonameid, f) {
            (_, Some(f)) if ty == 1 => self.field(f),
            (Some(g), _) => self.num(g),
            _ => self.field(""),
        }
    }
}

/// Events in the first this-many sentences (headline and lead) are
/// GDELT root events.
const ROOT_SENTENCES: usize = 3;

/// One GDELT 2.0 event-table row (no newline) appended to `out`.
///
/// Conventions: dates from `event_date` (else `story_date`); actor codes are
/// country + up to three sector codes (IGOs as `IGO` + known-group code);
/// `IsRootEvent` is 1 for events in the first three sentences (headline
/// and lead); one mention, source
/// and article each, tone 0; only the action geography is known (actor
/// geographies have type 0); geography country codes are FIPS 10-4 and the
/// feature id is the GeoNames id (FIPS code for countries); `DATEADDED` is the story date at 000000.
pub fn gdelt_row(ev: &Event, index: usize, meta: &DocMeta, out: &mut String) {
    let mut r = Row { out, n: 0 };
    r.num(gdelt_event_id(ev, index));
    let day = parse_day(ev.event_date.as_ref()).or_else(|| parse_day(ev.story_date.as_ref()));
    match day {
        Some(d) => {
            r.field(&d.format("%Y%m%d").to_string());
            r.field(&d.format("%Y%m").to_string());
            r.num(d.year());
            let len = if NaiveDate::from_ymd_opt(d.year(), 12, 31).map(|x| x.ordinal()) == Some(366)
            {
                366.0
            } else {
                365.0
            };
            let frac = d.year() as f64 + d.ordinal0() as f64 / len;
            r.field(&format!("{frac:.4}"));
        }
        None => {
            for _ in 0..4 {
                r.field("");
            }
        }
    }
    r.actor(ev.actor.as_ref().or(ev.actors.first()));
    r.actor(ev.recipient.as_ref().or(ev.recipients.first()));
    r.num(u8::from(ev.evidence.sentence < ROOT_SENTENCES));
    let code = ev.cameo_code.as_str();
    r.field(code);
    r.field(code.get(..3).unwrap_or(code));
    r.field(code.get(..2).unwrap_or(code));
    r.num(ev.quad_class);
    r.num(ev.goldstein);
    r.num(1); // NumMentions
    r.num(1); // NumSources
    r.num(1); // NumArticles
    r.num(0); // AvgTone
    r.no_geo();
    r.no_geo();
    match &ev.location {
        Some(l) => r.geo(l),
        None => r.no_geo(),
    }
    match parse_day(ev.story_date.as_ref()).or(day) {
        Some(d) => r.field(&d.format("%Y%m%d000000").to_string()),
        None => r.field(""),
    }
    r.opt(meta.url);
    debug_assert_eq!(r.n, GDELT_COLUMNS.len());
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_code::record::Evidence;

    fn actor(text: &str, country: &str, sectors: &[&str]) -> Actor {
        Actor {
            text: text.into(),
            name: None,
            country: Some(country.into()),
            sector: sectors.first().map(|s| s.to_string()),
            sectors: sectors.iter().map(|s| s.to_string()).collect(),
            ..Actor::default()
        }
    }

    fn event() -> Event {
        Event {
            event_id: "doc-1-e0".into(),
            doc_id: "doc-1".into(),
            story_date: Some("2024-02-10".into()),
            event_date: Some("2024-02-08".into()),
            date_precision: "day".into(),
            date_text: Some("on Thursday".into()),
            event_type: "ACCUSE".into(),
            event_mode: Some("disapprove".into()),
            event_contexts: vec!["military".into()],
            cameo_code: "112".into(),
            goldstein: -2.0,
            quad_class: 3,
            modality: "asserted".into(),
            actor: Some(actor("Brazilian\tgenerals", "BRA", &["MIL"])),
            recipient: Some(Actor {
                igo: Some("UN".into()),
                text: "the United Nations".into(),
                name: Some("United Nations".into()),
                sector: Some("IGO".into()),
                ..Actor::default()
            }),
            location: Some(Location {
                text: "Brasília".into(),
                name: Some("Brasília".into()),
                country: Some("BRA".into()),
                admin1: Some("07".into()),
                lat: Some(-15.78),
                lon: Some(-47.93),
                geonameid: Some(3469058),
                kind: Some("city".into()),
                ..Location::default()
            }),
            evidence: Evidence {
                sentence: 0,
                start: 0,
                end: 60,
                trigger: "criticised".into(),
                trigger_start: 20,
                trigger_end: 30,
                sentence_text: Some("Brazilian generals\ncriticised the UN.".into()),
                ..Evidence::default()
            },
            confidence: 0.8,
            coder: "test".into(),
            source: Some("Folha".into()),
            ..Event::default()
        }
    }

    fn row(ev: &Event, meta: &DocMeta) -> Vec<String> {
        let mut s = String::new();
        gdelt_row(ev, 0, meta, &mut s);
        assert!(!s.contains('\n'));
        s.split('\t').map(str::to_string).collect()
    }

    fn col(r: &[String], name: &str) -> String {
        r[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()].clone()
    }

    #[test]
    fn gdelt_has_61_columns_and_maps_fields() {
        let meta = DocMeta {
            url: Some("https://example.org/a\tb"),
            ..DocMeta::default()
        };
        let r = row(&event(), &meta);
        assert_eq!(r.len(), 61);
        assert_eq!(col(&r, "Day"), "20240208");
        assert_eq!(col(&r, "MonthYear"), "202402");
        assert_eq!(col(&r, "Year"), "2024");
        assert_eq!(col(&r, "FractionDate"), "2024.1038");
        assert_eq!(col(&r, "Actor1Code"), "BRAMIL");
        assert_eq!(col(&r, "Actor1Name"), "BRAZILIAN GENERALS");
        assert_eq!(col(&r, "Actor1Type1Code"), "MIL");
        assert_eq!(col(&r, "Actor2Code"), "IGOUNO");
        assert_eq!(col(&r, "Actor2KnownGroupCode"), "UNO");
        assert_eq!(col(&r, "Actor2CountryCode"), "");
        assert_eq!(col(&r, "IsRootEvent"), "1");
        assert_eq!(col(&r, "EventCode"), "112");
        assert_eq!(col(&r, "EventBaseCode"), "112");
        assert_eq!(col(&r, "EventRootCode"), "11");
        assert_eq!(col(&r, "QuadClass"), "3");
        assert_eq!(col(&r, "GoldsteinScale"), "-2");
        assert_eq!(col(&r, "Actor1Geo_Type"), "0");
        assert_eq!(col(&r, "ActionGeo_Type"), "4");
        assert_eq!(col(&r, "ActionGeo_CountryCode"), "BR");
        assert_eq!(col(&r, "ActionGeo_ADM1Code"), "BR07");
        assert_eq!(col(&r, "ActionGeo_FeatureID"), "3469058");
        assert_eq!(col(&r, "DATEADDED"), "20240210000000");
        assert_eq!(col(&r, "SOURCEURL"), "https://example.org/a b");
        assert!(col(&r, "GlobalEventID").parse::<u64>().unwrap() < (1u64 << 53));
    }

    #[test]
    fn gdelt_minimal_event_still_61_columns() {
        let ev = Event {
            cameo_code: "0431".into(),
            ..Event::default()
        };
        let r = row(&ev, &DocMeta::default());
        assert_eq!(r.len(), 61);
        assert_eq!(col(&r, "Day"), "");
        assert_eq!(col(&r, "EventBaseCode"), "043");
        assert_eq!(col(&r, "EventRootCode"), "04");
        assert_eq!(col(&r, "ActionGeo_Type"), "0");
        // Ids differ by position when the record has none.
        let mut a = String::new();
        let mut b = String::new();
        gdelt_row(&ev, 0, &DocMeta::default(), &mut a);
        gdelt_row(&ev, 1, &DocMeta::default(), &mut b);
        assert_ne!(a.split('\t').next(), b.split('\t').next());
    }

    #[test]
    fn gdelt_clean_escapes_breaks() {
        let mut s = String::new();
        gdelt_clean("a\tb\nc\r\nd", &mut s);
        assert_eq!(s, "a b c  d");
    }

    #[test]
    fn fips_lookup() {
        assert_eq!(fips("DEU"), Some("GM"));
        assert_eq!(fips("GBR"), Some("UK"));
        assert_eq!(fips("XXX"), None);
    }

    #[test]
    fn plover_fields() {
        use serde_json::json;
        let ev = event();
        let meta = DocMeta {
            url: Some("https://example.org/x"),
            ..DocMeta::default()
        };
        let v = serde_json::to_value(plover_event(&ev, &meta)).unwrap();
        assert_eq!(v["id"], "doc-1-e0");
        assert_eq!(v["date"], "2024-02-08");
        assert_eq!(v["event"], json!(["ACCUSE"]));
        assert_eq!(v["actor"][0]["code"], "BRA");
        assert_eq!(v["actor"][0]["sector"], "MIL");
        assert_eq!(v["recipient"][0]["code"], "UN");
        assert_eq!(v["event_loc"]["country_code"], "BRA");
        assert_eq!(v["event_loc"]["resolution"], 4);
        assert_eq!(v["quad_code"], 3);
        assert_eq!(v["mode"], json!(["disapprove"]));
        assert_eq!(v["context"], json!(["military"]));
        assert_eq!(v["coder"], "test");
        assert_eq!(v["cite_info"]["url"], "https://example.org/x");
        assert_eq!(v["event_text"][0], "Brazilian generals\ncriticised the UN.");
    }

    #[test]
    fn writers_emit_one_line_per_event() {
        let doc = DocOutput {
            doc_id: "doc-1".into(),
            events: vec![event(), event()],
            ..DocOutput::default()
        };
        for (f, lines) in [
            (Format::Json, 1),
            (Format::Jsonl, 2),
            (Format::Plover, 2),
            (Format::Gdelt, 2),
        ] {
            let mut out = Vec::new();
            let n = write_doc(f, &doc, &DocMeta::default(), &mut out, &mut String::new()).unwrap();
            let s = String::from_utf8(out).unwrap();
            assert_eq!(n, lines);
            assert_eq!(s.lines().count(), lines, "{f:?}");
        }
    }
}
