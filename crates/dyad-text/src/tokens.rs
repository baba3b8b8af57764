//! Tokenisation: splits a span of text into word, number, punctuation and
//! quote tokens with byte offsets and a normalised form.
//!
//! Conventions other components rely on:
//! * `norm` is lowercase, with curly apostrophes/quotes folded to ASCII
//!   (`’ ‘` → `'`, `“ ” „ « »` → `"`) and `…` → `...`; other non-ASCII letters
//!   are kept ("Sébastien" → "sébastien").
//! * Hyphenated compounds are split with a separate `-` token
//!   ("China-France" → `china` `-` `france`); en/em dashes likewise split.
//! * Possessive `'s`/`’s` is its own token (`china` `'s`, norm `'s`, kind
//!   Word); the bare apostrophe of a plural possessive ("countries'") is a
//!   `Punct` token `'` unless a single quotation is open. Contractions and
//!   names keep their apostrophe ("don't", "O'Brien"); the clitic of "it's",
//!   "he's" is split the same way as a possessive (`it` `'s`).
//! * Dotted abbreviations stay one token including the final period, even at
//!   the end of a sentence (`u.s.`, `e.g.`, `j.r.r.`, `ph.d.`). Known single
//!   abbreviations (`gen.`, `mr.`, `jan.`, `no.`, `inc.` …) and single-letter
//!   initials (`w.`) keep their period unless it is the last thing in the
//!   span (then it is the sentence's final period: a separate `.` token).
//! * Numbers: digits with thousands separators and one decimal part
//!   ("1,200", "3.5", "1,200.50"). Ordinals ("80th", "1st") and decades
//!   ("1990s") are `Number` tokens too (norm "80th"); digits glued to other
//!   letters ("5G", "10km") form a `Word`. "2,024" is one number — so it can
//!   never be read as a year.
//! * `...` and `…` are one `Punct` token (norm `...`); every other
//!   punctuation character is its own token.

use crate::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (may contain internal apostrophes or the periods of an
    /// abbreviation as in "U.S."); also the possessive clitic `'s`.
    Word,
    /// Digits with optional thousands separators and decimal part; also
    /// ordinals ("80th") and decades ("1990s").
    Number,
    Punct,
    /// Quotation mark of any style (straight or curly, single or double).
    Quote,
}

/// A token: its byte span in the document and a normalised form
/// (lowercased, curly apostrophes/quotes folded to ASCII).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub span: Span,
    pub norm: String,
    pub kind: TokenKind,
}

impl Token {
    /// True when the original text starts with an uppercase letter.
    pub fn is_capitalized(&self, doc: &str) -> bool {
        self.span
            .text(doc)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
    }

    /// True when the token has at least two letters and all of them are
    /// uppercase ("NATO", "U.S."; not "I" or "Nato").
    pub fn is_all_caps(&self, doc: &str) -> bool {
        let mut letters = 0;
        for c in self.span.text(doc).chars() {
            if c.is_alphabetic() {
                if c.is_lowercase() {
                    return false;
                }
                letters += 1;
            }
        }
        letters >= 2
    }

    /// Word shape of the original text: uppercase → `X`, lowercase → `x`,
    /// digit → `d`, other characters kept; runs longer than four are cut to
    /// four ("Sébastien" → "Xxxxx", "U.S." → "X.X.", "1,200" → "d,ddd").
    pub fn shape(&self, doc: &str) -> String {
        let mut out = String::with_capacity(8);
        let mut last = '\0';
        let mut run = 0;
        for c in self.span.text(doc).chars() {
            let m = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_numeric() {
                'd'
            } else if c.is_alphabetic() {
                'x'
            } else {
                c
            };
            if m == last {
                run += 1;
            } else {
                run = 1;
                last = m;
            }
            if run <= 4 {
                out.push(m);
            }
        }
        out
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }

    /// Is this a `Punct` token with exactly this normalised text?
    pub fn is_punct(&self, p: &str) -> bool {
        self.kind == TokenKind::Punct && self.norm == p
    }

    /// True for ordinal numbers ("1st", "80th").
    pub fn is_ordinal(&self) -> bool {
        self.kind == TokenKind::Number
            && [b"st", b"nd", b"rd", b"th"]
                .iter()
                .any(|s| self.norm.as_bytes().ends_with(*s))
    }

    /// Numeric value of a `Number` token: separators removed, ordinal or
    /// decade suffix ignored ("1,200" → 1200, "80th" → 80, "3.5" → 3.5).
    pub fn number_value(&self) -> Option<f64> {
        if self.kind != TokenKind::Number {
            return None;
        }
        let digits = self
            .norm
            .trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if digits.contains(',') {
            digits.replace(',', "").parse().ok()
        } else {
            digits.parse().ok()
        }
    }

    /// The value of a plain integer token without separators, decimals or
    /// suffix ("2024" → 2024; "2,024", "80th", "3.5" → None).
    pub fn plain_int(&self) -> Option<u32> {
        if self.kind != TokenKind::Number
            || self.norm.is_empty()
            || self.norm.len() > 9
            || !self.norm.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        self.norm.parse().ok()
    }
}

/// Lowercases and folds curly quotes/apostrophes (and `…`) to ASCII.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '’' | '‘' | '‛' | '′' | '`' | '´' => out.push('\''),
            '“' | '”' | '„' | '‟' | '″' | '«' | '»' => out.push('"'),
            '…' => out.push_str("..."),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Tokenises the part of `text` inside `within` (usually one sentence).
/// A span outside the text or not on char boundaries is clamped/shrunk to
/// one that is; never panics.
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    let mut start = within.start.min(text.len());
    let mut end = within.end.min(text.len());
    while start < end && !text.is_char_boundary(start) {
        start += 1;
    }
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut t = Tokenizer {
        text,
        end,
        out: Vec::with_capacity((end - start) / 5 + 1),
        open_single: false,
    };
    t.run(start);
    t.out
}

struct Tokenizer<'a> {
    text: &'a str,
    end: usize,
    out: Vec<Token>,
    open_single: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»')
}

fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '‛' | '‹' | '›')
}

impl<'a> Tokenizer<'a> {
    fn ch(&self, i: usize) -> Option<char> {
        if i >= self.end {
            None
        } else {
            self.text[i..self.end].chars().next()
        }
    }

    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        let norm = normalize(&self.text[start..end]);
        self.out.push(Token {
            span: Span::new(start, end),
            norm,
            kind,
        });
    }

    fn run(&mut self, mut i: usize) {
        while let Some(c) = self.ch(i) {
            let clen = c.len_utf8();
            if c.is_whitespace() {
                i += clen;
            } else if c.is_ascii_digit() {
                i = self.number(i);
            } else if is_word_char(c) {
                i = self.word(i);
            } else if is_apostrophe(c) || is_single_quote(c) {
                i = self.apostrophe(i, c);
            } else if is_double_quote(c) {
                self.push(i, i + clen, TokenKind::Quote);
                i += clen;
            } else if c == '.' && self.text[i..self.end].starts_with("...") {
                self.push(i, i + 3, TokenKind::Punct);
                i += 3;
            } else {
                self.push(i, i + clen, TokenKind::Punct);
                i += clen;
            }
        }
    }

    /// Is there only whitespace, quotes and closing brackets after `i`?
    fn only_closers_after(&self, i: usize) -> bool {
        self.text[i..self.end].chars().all(|c| {
            c.is_whitespace()
                || is_double_quote(c)
                || is_single_quote(c)
                || matches!(c, ')' | ']' | '}')
        })
    }

    /// Length of a run of 1..=3 letters at `i` followed by '.', or None.
    fn dotted_segment(&self, i: usize) -> Option<usize> {
        let mut j = i;
        let mut n = 0;
        while let Some(c) = self.ch(j) {
            if c.is_alphabetic() {
                n += 1;
                j += c.len_utf8();
                if n > 3 {
                    return None;
                }
            } else {
                break;
            }
        }
        if n >= 1 && self.ch(j) == Some('.') {
            Some(j + 1 - i)
        } else {
            None
        }
    }

    fn word(&mut self, start: usize) -> usize {
        let mut j = start;
        loop {
            while let Some(c) = self.ch(j) {
                if is_word_char(c) {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            match self.ch(j) {
                Some(a) if is_apostrophe(a) => {
                    let after = j + a.len_utf8();
                    match self.ch(after) {
                        Some(n) if is_word_char(n) => {
                            // possessive 's: stop here, the apostrophe makes its own token
                            if matches!(n, 's' | 'S')
                                && !self.ch(after + 1).is_some_and(is_word_char)
                            {
                                break;
                            }
                            j = after;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        // Abbreviations with periods.
        if self.ch(j) == Some('.') {
            let w = &self.text[start..j];
            // dotted pattern: seg.seg.(seg.)*
            if w.chars().count() <= 3 && w.chars().all(char::is_alphabetic) {
                let mut k = j + 1;
                let mut segs = 1;
                while let Some(len) = self.dotted_segment(k) {
                    k += len;
                    segs += 1;
                }
                if segs >= 2 && !self.ch(k).is_some_and(is_word_char) {
                    self.push(start, k, TokenKind::Word);
                    return k;
                }
            }
            let keep = {
                let mut cs = w.chars();
                let initial = matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase());
                initial || is_known_abbrev(w)
            };
            if keep && !self.only_closers_after(j + 1) {
                self.push(start, j + 1, TokenKind::Word);
                return j + 1;
            }
        }
        self.push(start, j, TokenKind::Word);
        j
    }

    fn number(&mut self, start: usize) -> usize {
        let b = self.text.as_bytes();
        let digits = |mut k: usize| {
            while k < self.end && b[k].is_ascii_digit() {
                k += 1;
            }
            k
        };
        let mut j = digits(start);
        // thousands groups
        while b.get(j) == Some(&b',')
            && j + 4 <= self.end
            && b[j + 1..j + 4].iter().all(u8::is_ascii_digit)
            && !(j + 4 < self.end && b[j + 4].is_ascii_digit())
        {
            j += 4;
        }
        // decimal part
        if j + 1 < self.end && b[j] == b'.' && b[j + 1].is_ascii_digit() {
            j = digits(j + 1);
        }
        // suffix
        let mut k = j;
        while let Some(c) = self.ch(k) {
            if is_word_char(c) {
                k += c.len_utf8();
            } else {
                break;
            }
        }
        if k == j {
            self.push(start, j, TokenKind::Number);
            return j;
        }
        let suffix = self.text[j..k].to_ascii_lowercase();
        let int_only = !self.text[start..j].contains(['.', ',']);
        if int_only && matches!(suffix.as_str(), "st" | "nd" | "rd" | "th" | "s") {
            self.push(start, k, TokenKind::Number);
            return k;
        }
        // "5G", "10km": a word starting with digits
        self.push(start, k, TokenKind::Word);
        k
    }

    fn apostrophe(&mut self, i: usize, c: char) -> usize {
        let clen = c.len_utf8();
        let prev = self
            .out
            .last()
            .filter(|t| t.span.end == i && t.kind != TokenKind::Punct);
        let prev_word = prev.is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number));
        if is_apostrophe(c) && prev_word {
            // possessive 's
            if let Some(n @ ('s' | 'S')) = self.ch(i + clen) {
                let after = i + clen + n.len_utf8();
                if !self.ch(after).is_some_and(is_word_char) {
                    self.push(i, after, TokenKind::Word);
                    return after;
                }
            }
            // plural possessive: countries'
            let ends_s = prev.is_some_and(|t| t.norm.ends_with('s'));
            if ends_s && !self.open_single && !self.ch(i + clen).is_some_and(is_word_char) {
                self.push(i, i + clen, TokenKind::Punct);
                return i + clen;
            }
        }
        // A quotation mark: opening when not glued to a preceding token.
        let glued = self.out.last().is_some_and(|t| t.span.end == i);
        self.open_single = match c {
            '‘' | '‛' | '‹' => true,
            '›' => false,
            _ => !glued,
        };
        self.push(i, i + clen, TokenKind::Quote);
        i + clen
    }
}

/// Single-word abbreviations that keep their period inside a sentence.
fn is_known_abbrev(w: &str) -> bool {
    if w.len() > 6 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 6];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lw = &buf[..w.len()];
    ABBREVS.iter().any(|a| a.as_bytes() == lw)
}

const ABBREVS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "adm", "lt", "col", "maj", "capt", "cpt", "cmdr",
    "cdr", "sgt", "cpl", "pvt", "brig", "rep", "sen", "gov", "rev", "hon", "pres", "supt", "st",
    "mt", "ft", "fr", "sr", "jr", "amb", "atty", "lieut", "vs", "v", "cf", "no", "nos", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "inc", "corp", "co", "ltd", "bros",
    "etc", "al", "dept", "govt", "approx", "est", "fig", "vol", "art", "sec", "mme",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(t: &str) -> Vec<String> {
        tokenize(t, Span::new(0, t.len()))
            .into_iter()
            .map(|t| t.norm)
            .collect()
    }

    fn kinds(t: &str) -> Vec<TokenKind> {
        tokenize(t, Span::new(0, t.len()))
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn hyphens_possessives_final_period() {
        assert_eq!(
            norms("India-Pakistan talks on Kenya's border ended."),
            vec!["india", "-", "pakistan", "talks", "on", "kenya", "'s", "border", "ended", "."]
        );
        assert_eq!(norms("Chile’s envoy"), vec!["chile", "'s", "envoy"]);
        assert_eq!(
            norms("the countries' leaders"),
            vec!["the", "countries", "'", "leaders"]
        );
        assert_eq!(
            norms("They don't know O'Brien."),
            vec!["they", "don't", "know", "o'brien", "."]
        );
        assert_eq!(norms("Macron's"), vec!["macron", "'s"]);
        assert_eq!(norms("the Smiths's"), vec!["the", "smiths", "'s"]);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            norms("The U.S. and Gen. Ruiz met Mr. Sato on Jan. 5 in the U.K."),
            vec![
                "the", "u.s.", "and", "gen.", "ruiz", "met", "mr.", "sato", "on", "jan.", "5",
                "in", "the", "u.k."
            ]
        );
        assert_eq!(norms("George W. Bush"), vec!["george", "w.", "bush"]);
        assert_eq!(norms("(approx. 40)"), vec!["(", "approx.", "40", ")"]);
        assert_eq!(
            norms("J.R.R. Tolkien, e.g. here"),
            vec!["j.r.r.", "tolkien", ",", "e.g.", "here"]
        );
        assert_eq!(norms("U.S.-China ties"), vec!["u.s.", "-", "china", "ties"]);
        // sentence-final period after a known abbreviation or initial
        assert_eq!(
            norms("He backed Plan B."),
            vec!["he", "backed", "plan", "b", "."]
        );
        assert_eq!(
            norms("Apples, pears etc.\""),
            vec!["apples", ",", "pears", "etc", ".", "\""]
        );
        // a plain word keeps its period separate, also mid-text
        assert_eq!(norms("Paris. Rome"), vec!["paris", ".", "rome"]);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            norms("1,200 troops, 3.5 percent, 2,024 tanks, 1,200.50 euros"),
            vec![
                "1,200", "troops", ",", "3.5", "percent", ",", "2,024", "tanks", ",", "1,200.50",
                "euros"
            ]
        );
        assert_eq!(
            kinds("the 80th anniversary"),
            vec![TokenKind::Word, TokenKind::Number, TokenKind::Word]
        );
        assert_eq!(
            norms("1990s 5G 10km 12,34"),
            vec!["1990s", "5g", "10km", "12", ",", "34"]
        );
        assert_eq!(norms("2025-06-23"), vec!["2025", "-", "06", "-", "23"]);
        assert_eq!(norms("in 2019."), vec!["in", "2019", "."]);
        let t = "2,024 80th 3.5 2024";
        let toks = tokenize(t, Span::new(0, t.len()));
        assert_eq!(toks[0].number_value(), Some(2024.0));
        assert_eq!(toks[0].plain_int(), None);
        assert_eq!(toks[1].number_value(), Some(80.0));
        assert!(toks[1].is_ordinal());
        assert_eq!(toks[2].number_value(), Some(3.5));
        assert_eq!(toks[3].plain_int(), Some(2024));
    }

    #[test]
    fn quotes() {
        let t = "“We will win,” he said. 'Fine,' she said. \"Yes\" ‘no’";
        let toks = tokenize(t, Span::new(0, t.len()));
        let q: Vec<&str> = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Quote)
            .map(|t| t.norm.as_str())
            .collect();
        assert_eq!(q, vec!["\"", "\"", "'", "'", "\"", "\"", "'", "'"]);
        assert_eq!(
            norms("‘the allies’ view"),
            vec!["'", "the", "allies", "'", "view"]
        );
        assert_eq!(kinds("‘the allies’")[3], TokenKind::Quote);
        assert_eq!(norms("“Peace…”"), vec!["\"", "peace", "...", "\""]);
    }

    #[test]
    fn non_ascii_and_charmap() {
        let t = "Le ministre Sébastien Lecornu a dit « Bienvenue » à Dong Jun’s équipe.";
        let toks = tokenize(t, Span::new(0, t.len()));
        let n: Vec<&str> = toks.iter().map(|t| t.norm.as_str()).collect();
        assert_eq!(
            n,
            vec![
                "le",
                "ministre",
                "sébastien",
                "lecornu",
                "a",
                "dit",
                "\"",
                "bienvenue",
                "\"",
                "à",
                "dong",
                "jun",
                "'s",
                "équipe",
                "."
            ]
        );
        let m = crate::CharMap::new(t);
        let seb = &toks[2];
        assert_eq!(seb.span.text(t), "Sébastien");
        assert_eq!(m.to_char(seb.span.start), 12);
        assert_eq!(m.to_char(seb.span.end), 21);
        let eq = &toks[13];
        assert_eq!(eq.span.text(t), "équipe");
        let cs = m.to_char(eq.span.start);
        assert_eq!(t.chars().skip(cs).take(6).collect::<String>(), "équipe");
        assert!(seb.is_capitalized(t));
        assert_eq!(seb.shape(t), "Xxxxx");
        assert!(!seb.is_all_caps(t));
    }

    #[test]
    fn shapes_and_caps() {
        let t = "NATO U.S. 1,200 iPhone I";
        let toks = tokenize(t, Span::new(0, t.len()));
        assert!(toks[0].is_all_caps(t));
        assert!(toks[1].is_all_caps(t));
        assert_eq!(toks[1].shape(t), "X.X.");
        assert_eq!(toks[2].shape(t), "d,ddd");
        assert_eq!(toks[3].shape(t), "xXxxxx");
        assert!(!toks[4].is_all_caps(t));
    }

    #[test]
    fn within_and_bad_spans() {
        let t = "Alpha beta. Gamma delta.";
        let toks = tokenize(t, Span::new(12, t.len()));
        assert_eq!(toks[0].span, Span::new(12, 17));
        assert_eq!(toks.len(), 3);
        assert!(tokenize(t, Span::new(50, 60)).is_empty());
        let u = "é";
        assert!(tokenize(u, Span::new(1, 2)).is_empty());
        assert!(tokenize("", Span::new(0, 0)).is_empty());
    }
}
