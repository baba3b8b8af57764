//! Reader for the PETRARCH verb-dictionary format: synonym sets, verb blocks,
//! verb lines with their forms and codes, and patterns pre-split into
//! token-sequence elements.

use std::sync::Arc;

use super::inflect;
use super::{Alts, Block, Code, Elem, Pattern, Verb, VerbDict};
use crate::KbError;

/// Normalises a dictionary word to text tokens: lowercase, `_` joins words,
/// a hyphen is dropped (the matcher skips `-` tokens inside units). Returns
/// the tokens and whether the word ended in `_` (exact: no plural).
pub(super) fn word_tokens(w: &str) -> (Vec<Box<str>>, bool) {
    let exact = w.ends_with('_');
    let toks = w
        .split(['_', '-'])
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase().into_boxed_str())
        .collect();
    (toks, exact)
}

fn is_word(w: &str) -> bool {
    !w.is_empty()
        && !w.chars().any(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | ')' | '{' | '}' | '[' | ']' | '*' | '&' | '+' | '$' | '^' | '%' | '#'
                )
        })
        && w.chars().any(|c| c.is_alphanumeric())
}

/// Parses `[042]`, `[042:043]`, `[:173]`, `[---]`, `[080!]`.
fn parse_code(s: &str) -> Result<Code, String> {
    let s = s.trim().trim_end_matches('!');
    let one = |c: &str| -> Result<Option<String>, String> {
        let c = c.trim().trim_end_matches('!');
        if c.is_empty() || c == "---" {
            Ok(None)
        } else if (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Some(c.to_string()))
        } else {
            Err(format!("bad CAMEO code {c:?}"))
        }
    };
    let (a, b) = match s.split_once(':') {
        Some((a, b)) => (one(a)?, one(b)?),
        None => (one(s)?, None),
    };
    Ok(Code {
        code: a,
        reverse: b,
    })
}

/// Splits off a trailing `[code]`; returns (text before, code).
fn split_code(s: &str) -> Result<(&str, Option<Code>), String> {
    match s.rfind('[') {
        Some(open) => {
            let close = s[open..]
                .find(']')
                .ok_or_else(|| "unclosed '[' in code".to_string())?;
            if !s[open + close + 1..].trim().is_empty() {
                return Err("text after the [code]".into());
            }
            Ok((&s[..open], Some(parse_code(&s[open + 1..open + close])?)))
        }
        None => Ok((s, None)),
    }
}

/// Splits pattern text into tokens, with `( ) { }` as separate tokens.
fn lex(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || matches!(c, '(' | ')' | '{' | '}' | '*') {
            if let Some(st) = start.take() {
                out.push(&s[st..i]);
            }
            if !c.is_whitespace() {
                out.push(&s[i..i + 1]);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(&s[st..]);
    }
    out
}

const UNDEFINED_SET: &str = "undefined synonym set";

enum Mode {
    None,
    Synset(String, Vec<Box<[Box<str>]>>),
    Block(usize),
}

impl VerbDict {
    /// Stores a finished synonym set.
    fn close_mode(&mut self, mode: &mut Mode) {
        if let Mode::Synset(name, alts) = std::mem::replace(mode, Mode::None) {
            self.synsets.insert(name, Arc::from(alts));
        }
    }
}

impl VerbDict {
    /// Parses PETRARCH-format dictionary text into this dictionary. Synonym
    /// sets and blocks already loaded are visible: a block header naming an
    /// existing block adds its verbs and patterns to it.
    pub fn load_str(&mut self, text: &str, file: &str) -> Result<(), KbError> {
        let mut mode = Mode::None;
        for (i, raw) in text.lines().enumerate() {
            let lineno = i + 1;
            let err = |msg: String| KbError::Parse {
                file: file.to_string(),
                line: lineno,
                msg,
            };
            let trimmed = raw.trim();
            if trimmed.is_empty()
                || trimmed.starts_with('#')
                || trimmed.starts_with('~')
                || trimmed.starts_with("<!")
            {
                continue;
            }
            if trimmed.starts_with("---") {
                let inner = trimmed.trim_matches(|c: char| c == '-' || c.is_whitespace());
                let (name, code) = split_code(inner).map_err(&err)?;
                let name = name.trim();
                if !is_word(name) || name.contains(' ') {
                    return Err(err(format!("bad verb block header {trimmed:?}")));
                }
                let code = code.ok_or_else(|| err("block header without [code]".into()))?;
                let idx = match self.block_index.get(name) {
                    // Naming a block again (a later dictionary) sets its
                    // default code: `--- ENGAGE [---] ---` turns it off.
                    Some(&b) => {
                        self.blocks[b].code = code;
                        b
                    }
                    None => {
                        self.blocks.push(Block {
                            name: name.to_string(),
                            code,
                            patterns: Vec::new(),
                        });
                        self.block_index
                            .insert(name.to_string(), self.blocks.len() - 1);
                        self.blocks.len() - 1
                    }
                };
                self.close_mode(&mut mode);
                mode = Mode::Block(idx);
                continue;
            }
            let body = raw.split('#').next().unwrap_or("").trim();
            if body.is_empty() {
                continue;
            }
            if let Some(name) = body.strip_prefix('&') {
                if !is_word(name) || name.contains(' ') {
                    return Err(err(format!("bad synonym set name {body:?}")));
                }
                self.close_mode(&mut mode);
                mode = Mode::Synset(name.to_string(), Vec::new());
                continue;
            }
            match &mut mode {
                Mode::Synset(name, alts) => {
                    let w = body
                        .strip_prefix('+')
                        .ok_or_else(|| err(format!("expected +WORD in synonym set &{name}")))?
                        .trim();
                    if !is_word(w) || w.contains(' ') {
                        return Err(err(format!("bad synonym {w:?}")));
                    }
                    let (toks, exact) = word_tokens(w);
                    push_with_plural(alts, toks, exact);
                }
                Mode::Block(b) => {
                    let b = *b;
                    if let Some(pat) = body.strip_prefix('-') {
                        match self.parse_pattern(pat, b) {
                            Ok(p) => self.push_pattern(b, p),
                            // PETRARCH skips patterns naming an undefined set.
                            Err(m) if m.starts_with(UNDEFINED_SET) => self
                                .warnings
                                .push(format!("{file}:{lineno}: {m}; pattern skipped")),
                            Err(m) => return Err(err(m)),
                        }
                    } else {
                        self.parse_verb_line(body, b).map_err(&err)?;
                    }
                }
                Mode::None => {
                    return Err(err(
                        "line outside a synonym set (&NAME) or verb block (--- NAME [code] ---)"
                            .into(),
                    ))
                }
            }
        }
        self.close_mode(&mut mode);
        self.loads += 1;
        self.refresh_proper();
        Ok(())
    }

    /// `HOLD {HOLDS HOLDING HELD} [---]`, `+ASK_FOR {+ASKED_FOR …} [020]`,
    /// `JAIL [173]`, `+ANGERED_BY {}`.
    fn parse_verb_line(&mut self, body: &str, block: usize) -> Result<(), String> {
        // Old TABARI files also use ';' to start a comment.
        let body = body.split(';').next().unwrap_or("").trim();
        let (rest, code) = split_code(body)?;
        let (base, listed) = match rest.find('{') {
            Some(o) => {
                let c = rest[o..]
                    .find('}')
                    .ok_or_else(|| "unclosed '{' in verb forms".to_string())?;
                if !rest[o + c + 1..].trim().is_empty() {
                    return Err("text after the {forms}".into());
                }
                (rest[..o].trim(), Some(&rest[o + 1..o + c]))
            }
            None => (rest.trim(), None),
        };
        let base_word = base.strip_prefix('+').unwrap_or(base);
        if !is_word(base_word) || base_word.contains(char::is_whitespace) {
            return Err(format!("bad verb {base:?}"));
        }
        let (base_toks, _) = word_tokens(base_word);
        let lemma = base_toks.join(" ");
        // A verb repeated in its block (a later dictionary) updates its code
        // and adds forms.
        let existing = self.forms.get(&base_toks[0]).and_then(|refs| {
            refs.iter()
                .map(|r| r.verb)
                .find(|&v| self.verbs[v].block == block && self.verbs[v].lemma == lemma)
        });
        let verb_idx = match existing {
            Some(v) => {
                if code.is_some() {
                    self.verbs[v].code = code;
                }
                v
            }
            None => {
                self.verbs.push(Verb { lemma, block, code });
                self.verbs.len() - 1
            }
        };
        let mut forms: Vec<Vec<Box<str>>> = vec![base_toks.clone()];
        match listed {
            Some(list) => {
                for f in list.split([' ', ',', '\t']).filter(|f| !f.is_empty()) {
                    let f = f.strip_prefix('+').unwrap_or(f);
                    if !is_word(f) {
                        return Err(format!("bad verb form {f:?}"));
                    }
                    forms.push(word_tokens(f).0);
                }
            }
            None => {
                for f in inflect::regular_forms(&base_toks[0])
                    .into_iter()
                    .chain(inflect::british_forms(&base_toks[0]))
                {
                    let mut t = base_toks.clone();
                    t[0] = f.into_boxed_str();
                    forms.push(t);
                }
            }
        }
        for f in forms {
            if f.is_empty() {
                continue;
            }
            let entry = self.forms.entry(f[0].clone()).or_default();
            let rest: Box<[Box<str>]> = f[1..].into();
            if !entry.iter().any(|e| e.verb == verb_idx && e.rest == rest) {
                entry.push(super::FormRef {
                    verb: verb_idx,
                    rest,
                });
            }
        }
        Ok(())
    }

    fn parse_pattern(&self, pat: &str, block: usize) -> Result<Pattern, String> {
        let (text, code) = split_code(pat)?;
        let code = code.ok_or_else(|| "pattern without [code]".to_string())?;
        let toks = lex(text);
        let star = toks
            .iter()
            .position(|t| *t == "*")
            .ok_or_else(|| "pattern without the verb marker '*'".to_string())?;
        if toks[star + 1..].contains(&"*") {
            return Err("pattern with two '*'".into());
        }
        let pre = flatten(self.parse_elems(&toks[..star], false)?);
        let post = flatten(self.parse_elems(&toks[star + 1..], false)?);
        let mut anchor = Vec::new();
        first_unit_anchor(&post, &mut anchor);
        if anchor.is_empty() {
            first_unit_anchor(&pre, &mut anchor);
        }
        Ok(Pattern {
            pre,
            post,
            code,
            text: format!("- {}", pat.split_whitespace().collect::<Vec<_>>().join(" ")),
            source: self.loads,
            anchor,
            block,
        })
    }

    /// Adds a pattern to block `b`. In a supplement (any dictionary loaded
    /// after the first), the same pattern repeated later in the same text
    /// replaces the earlier one: a later section's code is a deliberate
    /// override. The base CAMEO file keeps PETRARCH's duplicates, where
    /// the first wins.
    fn push_pattern(&mut self, b: usize, p: Pattern) {
        if self.loads > 0 {
            let key = pattern_words(&p.text);
            if let Some(old) = self.blocks[b]
                .patterns
                .iter_mut()
                .find(|q| q.source == p.source && pattern_words(&q.text) == key)
            {
                *old = p;
                return;
            }
        }
        self.blocks[b].patterns.push(p);
    }

    fn parse_elems(&self, toks: &[&str], in_group: bool) -> Result<Vec<Elem>, String> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            match t {
                "(" => {
                    if in_group {
                        return Err("nested '(' in pattern".into());
                    }
                    let close = toks[i..]
                        .iter()
                        .position(|x| *x == ")")
                        .ok_or_else(|| "unclosed '(' in pattern".to_string())?;
                    let inner = self.parse_elems(&toks[i + 1..i + close], true)?;
                    if !matches!(inner.first(), Some(Elem::Unit(_))) {
                        return Err("'(' group must start with a preposition".into());
                    }
                    out.push(Elem::Group(inner));
                    i += close + 1;
                }
                "{" => {
                    let close = toks[i..]
                        .iter()
                        .position(|x| *x == "}")
                        .ok_or_else(|| "unclosed '{' in pattern".to_string())?;
                    let parts = &toks[i + 1..i + close];
                    if parts.is_empty() {
                        return Err("empty '{}' in pattern".into());
                    }
                    let mut unit = Vec::with_capacity(parts.len());
                    for p in parts {
                        unit.extend(self.unit_parts(p)?);
                    }
                    out.push(Elem::Unit(unit.into_boxed_slice()));
                    i += close + 1;
                }
                ")" | "}" => return Err(format!("unbalanced '{t}' in pattern")),
                "*" => return Err("'*' inside a group".into()),
                "+" => {
                    out.push(Elem::Target);
                    i += 1;
                }
                "$" => {
                    out.push(Elem::Source);
                    i += 1;
                }
                "^" => {
                    out.push(Elem::Skip);
                    i += 1;
                }
                "%" => {
                    out.push(Elem::Compound);
                    i += 1;
                }
                _ => {
                    out.push(Elem::Unit(self.unit_parts(t)?));
                    i += 1;
                }
            }
        }
        Ok(out)
    }

    /// Parts for one pattern token; `FIGHTER_&AIRCRAFT` is a word followed
    /// by a synonym set.
    fn unit_parts(&self, w: &str) -> Result<Box<[Alts]>, String> {
        match w.find('&') {
            Some(k) if k > 0 => {
                let head = format!("{}_", w[..k].trim_end_matches('_'));
                Ok(Box::new([self.word_alts(&head)?, self.word_alts(&w[k..])?]))
            }
            _ => Ok(Box::new([self.word_alts(w)?])),
        }
    }

    /// Alternatives for one pattern word: a synonym set or a word (+ plural).
    fn word_alts(&self, w: &str) -> Result<Alts, String> {
        if let Some(name) = w.strip_prefix('&') {
            return self
                .synsets
                .get(name)
                .cloned()
                .ok_or_else(|| format!("{UNDEFINED_SET} &{name}"));
        }
        if !is_word(w) {
            return Err(format!("bad pattern word {w:?}"));
        }
        let (toks, exact) = word_tokens(w);
        let mut alts = Vec::with_capacity(2);
        push_with_plural(&mut alts, toks, exact);
        Ok(Arc::from(alts))
    }
}

/// Adds a word's tokens and, unless `exact`, the regular plural of its last
/// token (nouns in patterns and synonym sets; "agreement" → "agreements").
fn push_with_plural(alts: &mut Vec<Box<[Box<str>]>>, toks: Vec<Box<str>>, exact: bool) {
    if toks.is_empty() {
        return;
    }
    let last = toks[toks.len() - 1].to_string();
    let pluralise = !exact
        && last.len() > 2
        && !last.ends_with('s')
        && last.bytes().all(|b| b.is_ascii_alphabetic());
    if pluralise {
        let mut p = toks.clone();
        let n = p.len();
        p[n - 1] = inflect::plural(&last).into_boxed_str();
        alts.push(toks.into_boxed_slice());
        alts.push(p.into_boxed_slice());
    } else {
        alts.push(toks.into_boxed_slice());
    }
}

/// Replaces `(PREP …)` groups by their elements in order: the matcher reads
/// a prepositional phrase as the preposition followed by its words. An empty
/// `Group` closes each phrase (it matches no token), so the matcher can tell
/// a bare `(TO)` phrase from the word `TO`.
fn flatten(elems: Vec<Elem>) -> Vec<Elem> {
    let mut out = Vec::with_capacity(elems.len());
    for e in elems {
        match e {
            Elem::Group(inner) => {
                out.extend(flatten(inner));
                out.push(Elem::Group(Vec::new()));
            }
            e => out.push(e),
        }
    }
    out
}

fn first_unit_anchor(elems: &[Elem], out: &mut Vec<Box<str>>) {
    for e in elems {
        match e {
            Elem::Unit(parts) => {
                out.extend(parts[0].iter().filter_map(|a| a.first().cloned()));
                out.sort();
                out.dedup();
                return;
            }
            Elem::Group(inner) => {
                first_unit_anchor(inner, out);
                return;
            }
            _ => {}
        }
    }
}

/// A pattern's words without its code: "- * DRILLS [152]" → "- * DRILLS".
fn pattern_words(text: &str) -> &str {
    text.split('[').next().unwrap_or(text).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        let c = parse_code("042:043").unwrap();
        assert_eq!(c.code.as_deref(), Some("042"));
        assert_eq!(c.reverse.as_deref(), Some("043"));
        let c = parse_code(":173").unwrap();
        assert_eq!(c.code, None);
        assert_eq!(c.reverse.as_deref(), Some("173"));
        assert!(parse_code("---").unwrap().is_none());
        assert_eq!(parse_code("080!").unwrap().code.as_deref(), Some("080"));
        assert!(parse_code("04x").is_err());
    }

    #[test]
    fn lexer() {
        assert_eq!(
            lex("* TALKS (IN ^) (WITH {&MILITARY OFFICIAL})"),
            vec![
                "*",
                "TALKS",
                "(",
                "IN",
                "^",
                ")",
                "(",
                "WITH",
                "{",
                "&MILITARY",
                "OFFICIAL",
                "}",
                ")"
            ]
        );
    }
}
