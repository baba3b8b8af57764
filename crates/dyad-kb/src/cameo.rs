//! CAMEO event codes, Goldstein scores, quad classes and the CAMEO→PLOVER table.
//!
//! Built from three tables (see `data/kb/cameo/README.md`): the CAMEO codebook
//! descriptions, the Goldstein scale and the PLOVER project's CAMEO2PLOVER
//! conversion table. Every code gets a complete [`CameoInfo`]: fields a code
//! lacks in a table are inherited from its parent code (4→3→2 digits).

use std::collections::HashMap;
use std::path::Path;

use crate::KbError;

const EVENTCODES: &str = include_str!("../../../data/kb/cameo/CAMEO.eventcodes.txt");
const GOLDSTEIN: &str = include_str!("../../../data/kb/cameo/CAMEO.goldsteinscale.txt");
const CAMEO2PLOVER: &str = include_str!("../../../data/kb/cameo/CAMEO2PLOVER-2021.txt");
const PLOVER_OVERRIDES: &str =
    include_str!("../../../data/kb/cameo/dyad.cameo2plover-overrides.txt");

/// The 16 PLOVER event types, in the manual's order (cooperation → conflict).
pub const PLOVER_TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// The 16 PLOVER event types (see [`PLOVER_TYPES`]).
pub fn plover_types() -> &'static [&'static str] {
    &PLOVER_TYPES
}

#[derive(Debug, Clone, PartialEq)]
pub struct PloverMap {
    /// PLOVER event type ("CONSULT"); CAMEO 09x is ACCUSE with mode
    /// "investigate", as PLOVER folds it.
    pub event_type: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CameoInfo {
    pub code: String,
    pub description: String,
    pub goldstein: f64,
    /// 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// None for codes PLOVER drops (01 statements, 02 appeals…).
    pub plover: Option<PloverMap>,
}

#[derive(Debug, Default)]
pub struct CameoTables {
    /// All known codes, sorted by code.
    pub codes: Vec<CameoInfo>,
    index: HashMap<String, usize>,
}

/// Quad class of a CAMEO code from its two-digit root (GDELT convention):
/// 01–05 → 1, 06–08 → 2, 09–13 → 3, 14–20 → 4.
pub fn quad_class_of(code: &str) -> Option<u8> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    match root {
        1..=5 => Some(1),
        6..=8 => Some(2),
        9..=13 => Some(3),
        14..=20 => Some(4),
        _ => None,
    }
}

/// True for a 2–4 digit CAMEO code string.
fn is_code(s: &str) -> bool {
    (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parent codes of `code`, nearest first ("0211" → "021", "02").
fn ancestors(code: &str) -> impl Iterator<Item = &str> {
    (2..code.len()).rev().map(move |n| &code[..n])
}

impl CameoTables {
    pub fn load_embedded() -> Result<Self, KbError> {
        // dyad's corrections come first: the first line for a code wins.
        let plover = format!("{PLOVER_OVERRIDES}\n{CAMEO2PLOVER}");
        Self::from_strs(EVENTCODES, GOLDSTEIN, &plover)
    }

    /// Reads `CAMEO.eventcodes.txt`, `CAMEO.goldsteinscale.txt` and
    /// `CAMEO2PLOVER-2021.txt` from a folder.
    pub fn from_dir(dir: &Path) -> Result<Self, KbError> {
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read_to_string(&p).map_err(|source| KbError::Io {
                file: p.display().to_string(),
                source,
            })
        };
        Self::from_strs(
            &read("CAMEO.eventcodes.txt")?,
            &read("CAMEO.goldsteinscale.txt")?,
            &read("CAMEO2PLOVER-2021.txt")?,
        )
    }

    /// Builds the tables from the three files' text.
    pub fn from_strs(eventcodes: &str, goldstein: &str, plover: &str) -> Result<Self, KbError> {
        let descs = parse_tsv(eventcodes, "CAMEO.eventcodes.txt")?;
        let mut scores = HashMap::new();
        for (line, code, v) in parse_tsv(goldstein, "CAMEO.goldsteinscale.txt")? {
            let g: f64 = v.parse().map_err(|_| KbError::Parse {
                file: "CAMEO.goldsteinscale.txt".into(),
                line,
                msg: format!("bad Goldstein score {v:?}"),
            })?;
            scores.insert(code, g);
        }
        let plover = parse_plover(plover)?;

        let mut all: Vec<String> = descs.iter().map(|(_, c, _)| c.clone()).collect();
        all.extend(scores.keys().cloned());
        all.extend(plover.keys().cloned());
        all.sort();
        all.dedup();
        let desc: HashMap<String, String> = descs.into_iter().map(|(_, c, d)| (c, d)).collect();

        let mut codes = Vec::with_capacity(all.len());
        for code in all {
            let Some(quad_class) = quad_class_of(&code) else {
                continue;
            };
            let description = std::iter::once(code.as_str())
                .chain(ancestors(&code))
                .find_map(|c| desc.get(c).cloned())
                .unwrap_or_default();
            let goldstein = std::iter::once(code.as_str())
                .chain(ancestors(&code))
                .find_map(|c| scores.get(c).copied())
                .unwrap_or(0.0);
            let plover = std::iter::once(code.as_str())
                .chain(ancestors(&code))
                .find_map(|c| plover.get(c).cloned());
            codes.push(CameoInfo {
                code,
                description,
                goldstein,
                quad_class,
                plover,
            });
        }
        let index = codes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.clone(), i))
            .collect();
        Ok(CameoTables { codes, index })
    }

    /// Info for a CAMEO code, falling back to its parent code for fields the
    /// child lacks. A code absent from every table ("0215") yields its nearest
    /// known ancestor's entry (whose `code` is the ancestor's).
    pub fn get(&self, code: &str) -> Option<&CameoInfo> {
        let code = code.trim();
        std::iter::once(code)
            .chain(ancestors(code))
            .find_map(|c| self.index.get(c))
            .map(|&i| &self.codes[i])
    }

    pub fn goldstein(&self, code: &str) -> Option<f64> {
        self.get(code).map(|c| c.goldstein)
    }

    pub fn description(&self, code: &str) -> Option<&str> {
        self.get(code).map(|c| c.description.as_str())
    }

    pub fn plover(&self, code: &str) -> Option<&PloverMap> {
        self.get(code).and_then(|c| c.plover.as_ref())
    }
}

/// Reads a two-column tab-separated table with a header; skips 1-digit
/// (quad class) rows. Returns (line, code, value).
fn parse_tsv(text: &str, file: &str) -> Result<Vec<(usize, String, String)>, KbError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if i == 0 || line.is_empty() {
            continue;
        }
        let Some((code, value)) = line.split_once('\t') else {
            return Err(KbError::Parse {
                file: file.into(),
                line: i + 1,
                msg: "expected CODE<TAB>VALUE".into(),
            });
        };
        let code = code.trim();
        if code.len() == 1 && code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if !is_code(code) {
            return Err(KbError::Parse {
                file: file.into(),
                line: i + 1,
                msg: format!("bad CAMEO code {code:?}"),
            });
        }
        out.push((i + 1, code.to_string(), value.trim().to_string()));
    }
    Ok(out)
}

/// Reads CAMEO2PLOVER: `CODE: TYPE, mode, context[; context] # comment`.
/// Two-digit header lines (`04: CONSULT`) give the type only; when a header
/// repeats (`08: CONCEDE` / `08: RETREAT`) the first one names the root.
fn parse_plover(text: &str) -> Result<HashMap<String, PloverMap>, KbError> {
    const FILE: &str = "CAMEO2PLOVER-2021.txt";
    let mut out = HashMap::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('~') {
            continue;
        }
        let err = |msg: String| KbError::Parse {
            file: FILE.into(),
            line: i + 1,
            msg,
        };
        let (code, rest) = line
            .split_once(':')
            .ok_or_else(|| err("expected CODE: TYPE, mode, contexts".into()))?;
        let code = code.trim();
        if !is_code(code) {
            return Err(err(format!("bad CAMEO code {code:?}")));
        }
        let mut fields = rest.split(',').map(str::trim);
        let ty = fields.next().unwrap_or("").to_ascii_uppercase();
        if ty.is_empty() || !ty.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
            return Err(err(format!("bad PLOVER event type {ty:?}")));
        }
        let mode = fields.next().filter(|m| !m.is_empty()).map(str::to_string);
        let contexts = fields
            .next()
            .unwrap_or("")
            .split([';', ' '])
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        // PLOVER folds CAMEO 09 (investigate) into ACCUSE/investigate; dyad
        // follows it (the record format allows an INVESTIGATE extension,
        // which dyad does not emit: analysts count the 16 PLOVER types).
        let event_type = ty;
        out.entry(code.to_string()).or_insert(PloverMap {
            event_type,
            mode,
            contexts,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> CameoTables {
        CameoTables::load_embedded().unwrap()
    }

    #[test]
    fn descriptions_and_goldstein() {
        let t = t();
        let v = t.get("042").unwrap();
        assert_eq!(v.description, "Make a visit");
        assert_eq!(v.goldstein, 1.9);
        assert_eq!(v.quad_class, 1);
        assert_eq!(t.goldstein("190"), Some(-10.0));
        assert_eq!(t.get("190").unwrap().quad_class, 4);
        assert_eq!(t.get("0874").unwrap().quad_class, 2);
        assert_eq!(t.get("112").unwrap().quad_class, 3);
        assert_eq!(t.get("091").unwrap().quad_class, 3);
        assert!(t.codes.len() > 290);
    }

    #[test]
    fn fallback_to_parent() {
        let t = t();
        // Not in any table: nearest ancestor.
        let v = t.get("0219").unwrap();
        assert_eq!(v.code, "021");
        assert!(t.get("99").is_none());
        assert!(t.get("").is_none());
        // 1125 is in the codebook; PLOVER fields present on its own row.
        let v = t.get("1125").unwrap();
        assert_eq!(v.plover.as_ref().unwrap().event_type, "ACCUSE");
        // 1823 has no context in the PLOVER table: stays empty, type kept.
        assert_eq!(t.plover("1823").unwrap().event_type, "ASSAULT");
    }

    #[test]
    fn plover_mapping() {
        let t = t();
        let p = t.plover("042").unwrap();
        assert_eq!(p.event_type, "CONSULT");
        assert_eq!(p.mode.as_deref(), Some("visit"));
        assert_eq!(t.plover("043").unwrap().mode.as_deref(), Some("visit"));
        let p = t.plover("036").unwrap();
        assert_eq!(p.event_type, "AGREE");
        assert_eq!(p.contexts, vec!["diplomatic"]);
        assert_eq!(t.plover("057").unwrap().event_type, "SUPPORT");
        // The 2021 table files sanctions under COERCE/restrict; dyad follows
        // the manual (SANCTION/discontinue) through its override file.
        let p = t.plover("163").unwrap();
        assert_eq!(p.event_type, "SANCTION");
        assert_eq!(p.mode.as_deref(), Some("discontinue"));
        let raw = CameoTables::from_strs(EVENTCODES, GOLDSTEIN, CAMEO2PLOVER).unwrap();
        assert_eq!(raw.plover("163").unwrap().event_type, "COERCE");
        let p = t.plover("190").unwrap();
        assert_eq!(p.event_type, "ASSAULT");
        assert_eq!(p.mode, None);
        assert_eq!(p.contexts, vec!["military"]);
        let p = t.plover("091").unwrap();
        assert_eq!(p.event_type, "ACCUSE");
        assert_eq!(p.mode.as_deref(), Some("investigate"));
        assert_eq!(p.contexts, vec!["crime", "corruption"]);
        assert_eq!(t.plover("09").unwrap().event_type, "ACCUSE");
        // Statements are dropped by PLOVER; appeals are REQUEST (dyad's
        // overrides, per the manual's REQUEST definition).
        assert!(t.plover("010").is_none());
        assert_eq!(t.plover("0233").unwrap().event_type, "REQUEST");
        assert!(t.get("0233").is_some());
        // Repeated header: 08 root stays CONCEDE, 084 is RETREAT.
        assert_eq!(t.plover("08").unwrap().event_type, "CONCEDE");
        assert_eq!(t.plover("0841").unwrap().event_type, "RETREAT");
        for c in &t.codes {
            if let Some(p) = &c.plover {
                assert!(
                    PLOVER_TYPES.contains(&p.event_type.as_str()),
                    "{}: {}",
                    c.code,
                    p.event_type
                );
            }
        }
    }

    #[test]
    fn quad_classes() {
        assert_eq!(quad_class_of("057"), Some(1));
        assert_eq!(quad_class_of("06"), Some(2));
        assert_eq!(quad_class_of("0874"), Some(2));
        assert_eq!(quad_class_of("13"), Some(3));
        assert_eq!(quad_class_of("145"), Some(4));
        assert_eq!(quad_class_of("2042"), Some(4));
        assert_eq!(quad_class_of("21"), None);
        assert_eq!(quad_class_of("x"), None);
        assert_eq!(plover_types().len(), 16);
    }

    #[test]
    fn malformed_plover_line() {
        let e = CameoTables::from_strs("C\tD\n042\tVisit\n", "C\tG\n042\t1.9\n", "042 CONSULT\n")
            .unwrap_err();
        assert!(matches!(e, KbError::Parse { line: 1, .. }), "{e}");
    }

    #[test]
    fn manual_overrides() {
        let t = t();
        let ty = |c: &str| t.plover(c).map(|p| p.event_type.clone());
        // 02x appeals are REQUEST (absent from the 2021 table).
        assert_eq!(ty("020").as_deref(), Some("REQUEST"));
        assert_eq!(t.plover("0256").unwrap().mode.as_deref(), Some("yield"));
        assert_eq!(t.plover("026").unwrap().mode.as_deref(), Some("meet"));
        // Apologies and lifted curfews are CONCEDE.
        assert_eq!(ty("055").as_deref(), Some("CONCEDE"));
        assert_eq!(ty("0813").as_deref(), Some("CONCEDE"));
        // Resignations are RETREAT/resign; convictions SANCTION/convict.
        assert_eq!(t.plover("0831").unwrap().mode.as_deref(), Some("resign"));
        assert_eq!(ty("0831").as_deref(), Some("RETREAT"));
        assert_eq!(ty("116").as_deref(), Some("SANCTION"));
        // Untouched codes still follow the table.
        assert_eq!(ty("083").as_deref(), Some("CONCEDE"));
        assert_eq!(ty("0871").as_deref(), Some("RETREAT"));
    }
}
