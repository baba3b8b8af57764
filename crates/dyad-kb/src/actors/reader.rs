//! Reader for PETRARCH/TABARI actor and agent dictionaries: entry lines
//! (`CHINA_ [CHN]`), `+` synonym lines, code lines (`[CHNGOV >20121115]`),
//! `!SET! = A, B` substitution sets, `{PLURAL}` irregular plurals, `#`
//! comments, and dyad's `#@kind NAME` directive.

use std::collections::HashMap;

use super::codes;
use super::{ActorCode, EntryKind};
use crate::KbError;

/// One phrase of an entry, already split into token norms.
#[derive(Debug, Clone, PartialEq)]
pub struct RawPhrase {
    /// Lowercase tokens as `dyad_text::tokenize` would produce them.
    pub words: Vec<String>,
    /// True when the last word must match whole (trailing `_` in the file).
    pub whole_last: bool,
    /// False when the entry said `{}`: no plural forms.
    pub plural: bool,
}

/// One entry block: its phrases (main one first) and codes.
#[derive(Debug, Clone, PartialEq)]
pub struct RawEntry {
    pub phrases: Vec<RawPhrase>,
    pub codes: Vec<ActorCode>,
    /// 1-based line of the entry's first line.
    pub line: usize,
    /// Kind set by a `#@kind` directive above the entry.
    pub kind: Option<EntryKind>,
    /// True when a code was an agent code (`[~GOV]`).
    pub agent: bool,
}

/// Result of reading one file.
#[derive(Debug, Default)]
pub struct Parsed {
    pub entries: Vec<RawEntry>,
    /// Problems skipped in lenient mode.
    pub warnings: Vec<KbError>,
}

/// Splits a dictionary phrase ("PEOPLE'S_REPUBLIC_OF_CHINA", "U.S.",
/// "Mazar-i-Sharif", "China (PRC)") into lowercase token norms: words split
/// at `_` and whitespace, hyphens and possessive `'s` as their own tokens,
/// brackets and commas as their own tokens, internal periods kept ("u.s.").
/// Curly quotes/apostrophes are folded to ASCII. Returns the tokens and
/// whether the phrase ended with `_`.
pub fn phrase_tokens(raw: &str) -> (Vec<String>, bool) {
    let trimmed = raw.trim();
    let whole_last = trimmed.ends_with('_');
    let mut out = Vec::new();
    for piece in trimmed.split(|c: char| c == '_' || c.is_whitespace()) {
        if piece.is_empty() {
            continue;
        }
        let folded: String = piece
            .chars()
            .map(|c| match c {
                '\u{2018}' | '\u{2019}' | '`' => '\'',
                '\u{201C}' | '\u{201D}' => '"',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect();
        let mut cur = String::new();
        for c in folded.chars() {
            if matches!(c, '-' | '(' | ')' | ',' | ';' | ':' | '"' | '/') {
                push_word(&mut out, &mut cur);
                out.push(c.to_string());
            } else {
                cur.push(c);
            }
        }
        push_word(&mut out, &mut cur);
    }
    (out, whole_last)
}

fn push_word(out: &mut Vec<String>, cur: &mut String) {
    if cur.is_empty() {
        return;
    }
    let w = std::mem::take(cur);
    if w.len() > 2 && w.ends_with("'s") {
        out.push(w[..w.len() - 2].to_string());
        out.push("'s".to_string());
    } else if w.len() > 2 && w.ends_with("s'") {
        // A plural possessive, as text is tokenised: "workers ' federation".
        out.push(w[..w.len() - 1].to_string());
        out.push("'".to_string());
    } else if w != "'" {
        out.push(w);
    }
}

/// Parses a whole dictionary text. In strict mode the first malformed line
/// is returned as `KbError::Parse`; otherwise malformed lines are skipped and
/// reported in `warnings`.
pub fn parse(text: &str, file: &str, strict: bool) -> Result<Parsed, KbError> {
    let mut out = Parsed::default();
    let mut subs: HashMap<String, Vec<String>> = HashMap::new();
    let mut kind: Option<EntryKind> = None;
    let mut cur: Option<RawEntry> = None;
    for (i, line) in text.lines().enumerate() {
        let lineno = i + 1;
        let err = |msg: String| KbError::Parse {
            file: file.to_string(),
            line: lineno,
            msg,
        };
        if let Some(d) = line.trim_start().strip_prefix("#@kind") {
            match parse_kind(d.trim()) {
                Some(k) => kind = k,
                None => {
                    let e = err(format!("unknown #@kind {:?}", d.trim()));
                    if strict {
                        return Err(e);
                    }
                    out.warnings.push(e);
                }
            }
            continue;
        }
        let body = match line.find('#') {
            Some(p) => &line[..p],
            None => line,
        };
        if body.trim().is_empty() {
            continue;
        }
        let res = parse_line(body, lineno, &mut subs, &mut cur, &mut out.entries, kind);
        if let Err(msg) = res {
            let e = err(msg);
            if strict {
                return Err(e);
            }
            out.warnings.push(e);
        }
    }
    if let Some(e) = cur.take() {
        out.entries.push(e);
    }
    Ok(out)
}

fn parse_kind(s: &str) -> Option<Option<EntryKind>> {
    Some(Some(match s.to_ascii_lowercase().as_str() {
        "" | "auto" => return Some(None),
        "country" => EntryKind::Country,
        "demonym" => EntryKind::Demonym,
        "person" => EntryKind::Person,
        "organisation" | "organization" => EntryKind::Organisation,
        "igo" => EntryKind::Igo,
        "agent" => EntryKind::Agent,
        "place" => EntryKind::Place,
        _ => return None,
    }))
}

fn parse_line(
    body: &str,
    lineno: usize,
    subs: &mut HashMap<String, Vec<String>>,
    cur: &mut Option<RawEntry>,
    done: &mut Vec<RawEntry>,
    kind: Option<EntryKind>,
) -> Result<(), String> {
    let t = body.trim();
    // Substitution set: "!PERSON! = MAN, MEN, WOMAN".
    if t.starts_with('!') {
        if let Some((name, vals)) = t.split_once('=') {
            let name = name.trim();
            if name.len() > 2 && name.ends_with('!') {
                let vals: Vec<String> = vals
                    .split(',')
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect();
                if vals.is_empty() {
                    return Err(format!("substitution set {name} has no values"));
                }
                subs.insert(name.to_string(), vals);
                return Ok(());
            }
        }
    }
    if let Some(syn) = t.strip_prefix('+') {
        let Some(entry) = cur.as_mut() else {
            return Err("synonym line '+…' before any entry".into());
        };
        let (text, codes, agent) = split_codes(syn)?;
        for part in text.split('+') {
            add_phrases(&mut entry.phrases, part, subs)?;
        }
        entry.codes.extend(codes);
        entry.agent |= agent;
        return Ok(());
    }
    if t.starts_with('[') {
        let Some(entry) = cur.as_mut() else {
            return Err("code line before any entry".into());
        };
        let (rest, codes, agent) = split_codes(t)?;
        if !rest.trim().is_empty() {
            return Err(format!("unexpected text {:?} after codes", rest.trim()));
        }
        entry.codes.extend(codes);
        entry.agent |= agent;
        return Ok(());
    }
    // A new entry line.
    if let Some(e) = cur.take() {
        done.push(e);
    }
    let (text, codes, agent) = split_codes(t)?;
    let mut entry = RawEntry {
        phrases: Vec::new(),
        codes,
        line: lineno,
        kind,
        agent,
    };
    add_phrases(&mut entry.phrases, text, subs)?;
    if entry.phrases.is_empty() {
        return Err("entry line without a phrase".into());
    }
    *cur = Some(entry);
    Ok(())
}

/// Splits "PHRASE {PLURAL} [CODE] [CODE DATE]" into the phrase part (with any
/// `{…}` kept), its decoded codes, and whether any was an agent code.
fn split_codes(s: &str) -> Result<(&str, Vec<ActorCode>, bool), String> {
    let Some(open) = s.find('[') else {
        if s.contains(']') {
            return Err("']' without '['".into());
        }
        return Ok((s, Vec::new(), false));
    };
    let mut agent = false;
    let text = &s[..open];
    let mut codes = Vec::new();
    let mut rest = &s[open..];
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let Some(inner) = rest.strip_prefix('[') else {
            return Err(format!("unexpected text {rest:?} after codes"));
        };
        let Some(close) = inner.find(']') else {
            return Err("unclosed '[' in code".into());
        };
        let group = &inner[..close];
        agent |= group.trim_start().starts_with('~');
        codes.push(codes::parse_group(group)?);
        rest = &inner[close + 1..];
    }
    Ok((text, codes, agent))
}

/// Adds the phrase(s) of one entry or synonym text, expanding `!SET!`
/// substitutions and `{PLURAL}` forms.
fn add_phrases(
    out: &mut Vec<RawPhrase>,
    text: &str,
    subs: &HashMap<String, Vec<String>>,
) -> Result<(), String> {
    let (main, braces) = match text.find('{') {
        Some(p) => {
            let close = text[p..]
                .find('}')
                .ok_or_else(|| "unclosed '{' in phrase".to_string())?;
            (&text[..p], Some(&text[p + 1..p + close]))
        }
        None => (text, None),
    };
    if main.contains('}') {
        return Err("'}' without '{'".into());
    }
    let main = main.trim();
    if main.is_empty() {
        return Ok(());
    }
    let plural = braces.is_none_or(|b| !b.trim().is_empty());
    for variant in expand_subs(main, subs)? {
        let (words, whole_last) = phrase_tokens(&variant);
        if words.is_empty() {
            continue;
        }
        out.push(RawPhrase {
            words,
            // A substituted ending ("POLICE!PERSON!") is a whole word.
            whole_last: whole_last || main.ends_with('!'),
            plural,
        });
    }
    if let Some(b) = braces {
        for form in b.split(',') {
            let (words, _) = phrase_tokens(form);
            if !words.is_empty() {
                out.push(RawPhrase {
                    words,
                    whole_last: true,
                    plural: false,
                });
            }
        }
    }
    Ok(())
}

fn expand_subs(s: &str, subs: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(a) = s.find('!') else {
        return Ok(vec![s.to_string()]);
    };
    let Some(len) = s[a + 1..].find('!') else {
        return Err(format!("unclosed substitution set in {s:?}"));
    };
    let name = &s[a..a + len + 2];
    let vals = subs
        .get(name)
        .ok_or_else(|| format!("unknown substitution set {name}"))?;
    let mut out = Vec::new();
    for v in vals {
        let replaced = format!("{}{}{}", &s[..a], v, &s[a + len + 2..]);
        out.extend(expand_subs(&replaced, subs)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        phrase_tokens(s).0
    }

    #[test]
    fn tokenises_phrases_like_the_text_layer() {
        assert_eq!(
            toks("PEOPLE'S_REPUBLIC_OF_CHINA"),
            vec!["people", "'s", "republic", "of", "china"]
        );
        assert_eq!(toks("U.S."), vec!["u.s."]);
        assert_eq!(
            toks("MAZAR-I-SHARIF_"),
            vec!["mazar", "-", "i", "-", "sharif"]
        );
        assert_eq!(toks("China (PRC)"), vec!["china", "(", "prc", ")"]);
        assert_eq!(toks("Côte d\u{2019}Ivoire"), vec!["côte", "d'ivoire"]);
        assert!(phrase_tokens("CHINA_").1);
        assert!(!phrase_tokens("MINIST").1);
    }

    #[test]
    fn reads_blocks_synonyms_codes_and_sets() {
        let text = "# comment\n!PERSON! = MAN, MEN\nKINGDOM_OF_ATLANTIS_ [ATL] # x\n+ATLANTEAN_ +ATLANTIS\nJOHN_DOE_\n+PRESIDENT_DOE\n\t[FRAGOV 100101-121231]\n\t[FRAELI]\nPOLICE!PERSON! [~COP]\nARMED_POLICE {} [~COP]\n";
        let p = parse(text, "t.txt", false).unwrap();
        // "ATL" is not a valid country code: it is read as a sector chunk.
        assert_eq!(p.entries.len(), 4);
        assert_eq!(p.entries[0].phrases.len(), 3);
        let doe = &p.entries[1];
        assert_eq!(doe.line, 5);
        assert_eq!(doe.codes.len(), 2);
        assert_eq!(doe.phrases[1].words, vec!["president", "doe"]);
        let police = &p.entries[2];
        assert_eq!(police.phrases.len(), 2);
        assert_eq!(police.phrases[1].words, vec!["policemen"]);
        assert!(!p.entries[3].phrases[0].plural);
    }

    #[test]
    fn strict_mode_reports_line_numbers() {
        let text = "FOO_ [FRA]\n+BAR\nBAZ_ [FRAGOV 99999-000101]\n";
        match parse(text, "user.txt", true) {
            Err(KbError::Parse { file, line, .. }) => {
                assert_eq!(file, "user.txt");
                assert_eq!(line, 3);
            }
            other => panic!("expected parse error, got {other:?}"),
        }
        let lenient = parse(text, "user.txt", false).unwrap();
        assert_eq!(lenient.warnings.len(), 1);
        assert!(parse("+ORPHAN\n", "u", true).is_err());
        assert!(parse("FOO_ [FRA\n", "u", true).is_err());
    }
}
