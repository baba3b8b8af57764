//! Sentence splitting: one left-to-right pass over the text that finds
//! sentence boundaries at terminal punctuation and at paragraph-like line
//! breaks, without being fooled by abbreviations, initials, decimals or
//! quotations.
//!
//! Rules, in order:
//! * A blank line always ends a sentence. A single line break ends one unless
//!   the next line starts with a lowercase letter, or the line before ends with
//!   `,` `;` `(` `-` or a lowercase function word ("with", "the", …) — which is
//!   how a hard-wrapped sentence looks. So headlines and caption lines without
//!   final punctuation stand alone.
//! * `.` `!` `?` `…` (and runs of them), plus any closing quotes/brackets right
//!   after, end a sentence when followed by whitespace and then something that
//!   can start one (uppercase or uncased letter, digit, opening quote or
//!   bracket). A lowercase continuation never splits (`"We will win," he said`
//!   or `"Why?" she asked`).
//! * For a `.` the word before it decides: titles (`Mr.` `Gen.` `Lt.` `St.` …)
//!   never end a sentence; `No.` and abbreviated months (`Jan.`) do not before
//!   a digit; dotted abbreviations (`U.S.`, `e.g.`, `a.m.`), single-letter
//!   initials and a few ambiguous abbreviations (`Inc.`, `Jr.`, `etc.`) end one
//!   only when the next word is a typical sentence opener ("The", "He", "But",
//!   …) — so "in the U.S. The next day" splits but "U.S. Navy" and
//!   "George W. Bush" do not.

use crate::Span;

/// Splits `text` into sentence spans (byte offsets, trimmed of surrounding
/// whitespace). Every non-blank part of the text lies in exactly one span and
/// the spans are in order and do not overlap.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut out = Vec::with_capacity(n / 80 + 1);
    let mut start = 0usize;
    let mut i = 0usize;
    while i < n {
        let b = bytes[i];
        match b {
            b'\n' | b'\r' => {
                // Measure the run of line breaks (and blank-line whitespace).
                let mut j = i;
                let mut newlines = 0;
                while j < n && matches!(bytes[j], b'\n' | b'\r' | b' ' | b'\t') {
                    if bytes[j] == b'\n' {
                        newlines += 1;
                    } else if bytes[j] == b'\r' && !(j + 1 < n && bytes[j + 1] == b'\n') {
                        newlines += 1; // a lone CR (old Mac line end)
                    }
                    j += 1;
                }
                if j >= n || newlines >= 2 || line_break_is_boundary(text, start, i, j) {
                    push_trimmed(text, start, i, &mut out);
                    start = j;
                }
                i = j.max(i + 1);
            }
            b'.' | b'!' | b'?' => {
                let (end, next) = scan_terminator(text, i);
                if let Some(next) = next {
                    if terminal_splits(text, i, end, next) {
                        push_trimmed(text, start, end, &mut out);
                        start = end;
                    }
                }
                i = end.max(i + 1);
            }
            0xE2 if text[i..].starts_with('…') => {
                let (end, next) = scan_terminator(text, i);
                if let Some(next) = next {
                    if starts_sentence(text, next) {
                        push_trimmed(text, start, end, &mut out);
                        start = end;
                    }
                }
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    push_trimmed(text, start, n, &mut out);
    out
}

/// From a terminator at `i`, consumes further terminators and closing
/// quotes/brackets. Returns the end of the terminator group and, when it is
/// followed by horizontal whitespace and then a non-space character on the
/// same line, the offset of that character. `None` when the group is glued to
/// the next character ("3.5", "U.S.-China"), or followed by a line break or
/// the end (the line-break rule and the final push handle those).
fn scan_terminator(text: &str, i: usize) -> (usize, Option<usize>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut j = i;
    // terminators
    loop {
        if j < n && matches!(bytes[j], b'.' | b'!' | b'?') {
            j += 1;
        } else if text[j..].starts_with('…') {
            j += '…'.len_utf8();
        } else {
            break;
        }
    }
    // closers
    loop {
        if j < n && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        } else if let Some(c) = text[j..].chars().next().filter(|c| is_closer(*c)) {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    let end = j;
    let mut k = j;
    let mut saw_space = false;
    while k < n {
        match bytes[k] {
            b' ' | b'\t' => {
                saw_space = true;
                k += 1;
            }
            0xC2 if bytes.get(k + 1) == Some(&0xA0) => {
                saw_space = true;
                k += 2;
            }
            _ => break,
        }
    }
    if !saw_space || k >= n || matches!(bytes[k], b'\n' | b'\r') {
        return (end, None);
    }
    (end, Some(k))
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '»' | '›' | '」' | '』')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '«' | '‹' | '(' | '[' | '「' | '『' | '¿' | '¡'
    )
}

/// Can the character at `k` begin a sentence?
fn starts_sentence(text: &str, k: usize) -> bool {
    match text[k..].chars().next() {
        Some(c) if c.is_alphabetic() => !c.is_lowercase(),
        Some(c) => c.is_ascii_digit() || is_opener(c),
        None => false,
    }
}

/// Decides a `.`/`!`/`?` group at `i..end` followed by a sentence-ish start at
/// `next`.
fn terminal_splits(text: &str, i: usize, end: usize, next: usize) -> bool {
    if !starts_sentence(text, next) {
        return false;
    }
    let bytes = text.as_bytes();
    // Only a single '.' right after a word needs the abbreviation analysis;
    // "!", "?", "..." or a period after a closing quote are terminal.
    let single_period =
        bytes[i] == b'.' && (i + 1 >= end || !matches!(bytes[i + 1], b'.' | b'!' | b'?'));
    if !single_period {
        return true;
    }
    let word = word_before(text, i);
    if word.is_empty() {
        return true;
    }
    let next_is_digit = bytes[next].is_ascii_digit();
    let lower = ascii_lower_small(word);
    let lw = lower.as_deref().unwrap_or("");
    if TITLES.contains(&lw) {
        return false;
    }
    if BEFORE_NUMBER.contains(&lw) {
        return !next_is_digit;
    }
    // "U.S", "e.g", "J.R.R" (not "49.8%" or "owners.”")
    let dotted = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
    let initial = {
        let mut cs = word.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
    };
    if dotted || initial || AMBIGUOUS.contains(&lw) {
        return next_is_opener_word(text, next);
    }
    true
}

/// The word (run of non-space characters, minus leading openers) that ends
/// right before byte `i`.
fn word_before(text: &str, i: usize) -> &str {
    let head = &text[..i];
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| !c.is_whitespace())
        .last()
        .map_or(i, |(p, _)| p);
    head[start..].trim_start_matches(is_opener)
}

/// Lowercases a short ASCII word into a small owned string (None when the
/// word is long or not ASCII: no abbreviation list entry matches then).
fn ascii_lower_small(w: &str) -> Option<String> {
    if w.len() > 8 || !w.is_ascii() {
        return None;
    }
    Some(w.to_ascii_lowercase())
}

/// Does the text at `k` start with a word that typically opens a sentence
/// (or a quotation / digit)?
fn next_is_opener_word(text: &str, k: usize) -> bool {
    let rest = &text[k..];
    let c = rest.chars().next().unwrap_or(' ');
    if is_opener(c) {
        return true;
    }
    let w: &str = rest
        .split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
        .next()
        .unwrap_or("");
    if w.is_empty() {
        return false;
    }
    let lw = w.to_lowercase();
    OPENERS.contains(&lw.as_str())
}

fn line_break_is_boundary(text: &str, start: usize, brk: usize, next: usize) -> bool {
    // Next line starts lowercase → the sentence continues.
    if let Some(c) = text[next..].chars().next() {
        if c.is_alphabetic() && c.is_lowercase() {
            return false;
        }
    }
    let line = text[start..brk].trim_end();
    let Some(last) = line.chars().next_back() else {
        return true;
    };
    if matches!(last, ',' | ';' | '(' | '-' | '–' | '—') {
        return false;
    }
    if last.is_alphabetic() && last.is_lowercase() {
        let w = line
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if CONTINUERS.contains(&w) {
            return false;
        }
    }
    true
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let s = &text[start..end];
    let l = s.len() - s.trim_start().len();
    let r = s.len() - s.trim_end().len();
    if start + l < end - r {
        out.push(Span::new(start + l, end - r));
    }
}

/// Titles and name prefixes: followed by a name, never sentence-final.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "adm", "lt", "col", "maj", "capt", "cpt",
    "cmdr", "cdr", "sgt", "cpl", "pvt", "brig", "rep", "reps", "sen", "sens", "gov", "rev", "hon",
    "pres", "supt", "insp", "st", "mt", "ft", "fr", "gens", "amb", "atty", "lieut", "vs", "v",
    "cf", "viz", "approx", "dept", "fig", "mme", "mlle",
];

/// Abbreviations that are not sentence-final before a number.
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "art", "sec", "vol", "p", "pp", "ch", "para", "ca", "c", "op", "rt",
];

/// Abbreviations that can end a sentence: split only before a sentence opener.
const AMBIGUOUS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "jr", "sr", "etc", "bros", "al", "govt", "intl",
    "assn", "ave", "blvd", "rd",
];

/// Capitalised words that typically open a sentence (lowercased).
#[rustfmt::skip]
const OPENERS: &[&str] = &[
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
    "our", "my", "this", "that", "these", "those", "there", "here", "but", "and", "or", "so",
    "yet", "in", "on", "at", "for", "from", "by", "with", "after", "before", "during", "when",
    "while", "as", "if", "although", "though", "however", "meanwhile", "also", "according",
    "still", "then", "now", "today", "yesterday", "last", "earlier", "later", "since", "some",
    "many", "most", "both", "all", "no", "not", "one", "what", "who", "why", "how", "where",
    "it's", "he's", "she's", "that's", "there's", "such", "other", "another", "each", "under",
    "despite", "instead", "indeed", "moreover", "furthermore", "thus", "officials", "experts",
    "analysts",
];

/// Lowercase words that cannot end a line that ends a sentence.
const CONTINUERS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "his", "her", "its", "their", "our", "that", "which", "who", "as", "than", "into",
    "onto", "about", "between", "against", "over", "under", "said", "told", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "will", "would", "this", "these", "those", "not",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split_sentences(t).iter().map(|s| s.text(t)).collect()
    }

    #[test]
    fn basic_terminators() {
        assert_eq!(
            sents("Kenya held elections. Turnout was high! Was it fair? Observers said yes."),
            vec![
                "Kenya held elections.",
                "Turnout was high!",
                "Was it fair?",
                "Observers said yes."
            ]
        );
    }

    #[test]
    fn titles_and_initials() {
        let t = "Lt. Col. Ana Ruiz met Gen. Omar Haddad and Dr. Lee in St. Petersburg. \
                 Adm. Kim left. George W. Bush and J.R.R. Tolkien were cited by Mr. Smith.";
        assert_eq!(
            sents(t),
            vec![
                "Lt. Col. Ana Ruiz met Gen. Omar Haddad and Dr. Lee in St. Petersburg.",
                "Adm. Kim left.",
                "George W. Bush and J.R.R. Tolkien were cited by Mr. Smith."
            ]
        );
    }

    #[test]
    fn dotted_abbreviations() {
        let t = "The U.S. Navy and U.K. officials met. Troops stayed in the U.S. The next day \
                 they left for the U.N. headquarters.";
        assert_eq!(
            sents(t),
            vec![
                "The U.S. Navy and U.K. officials met.",
                "Troops stayed in the U.S.",
                "The next day they left for the U.N. headquarters."
            ]
        );
        assert_eq!(
            sents("Allies, e.g. Japan, agreed, i.e. they signed. It ended at 5 p.m. Monday."),
            vec![
                "Allies, e.g. Japan, agreed, i.e. they signed.",
                "It ended at 5 p.m. Monday."
            ]
        );
    }

    #[test]
    fn numbers_and_months() {
        let t = "Growth was 3.5 percent. Resolution No. 5 passed on Jan. 5 in Geneva. It cost 1,200.50 euros.";
        assert_eq!(
            sents(t),
            vec![
                "Growth was 3.5 percent.",
                "Resolution No. 5 passed on Jan. 5 in Geneva.",
                "It cost 1,200.50 euros."
            ]
        );
        assert_eq!(
            sents("They met in 2019. 2020 was worse."),
            vec!["They met in 2019.", "2020 was worse."]
        );
        assert_eq!(
            sents("Approval stood at 49.8%. Just over 42% disapproved."),
            vec!["Approval stood at 49.8%.", "Just over 42% disapproved."]
        );
        assert_eq!(
            sents("He returned it to “its owners.”. Determining blame is hard."),
            vec![
                "He returned it to “its owners.”.",
                "Determining blame is hard."
            ]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sents("He hesitated... Then he signed. She waited … and waited. Nothing… Silence."),
            vec![
                "He hesitated...",
                "Then he signed.",
                "She waited … and waited.",
                "Nothing…",
                "Silence."
            ]
        );
    }

    #[test]
    fn quotations() {
        assert_eq!(
            sents("\"We will win,\" he said."),
            vec!["\"We will win,\" he said."]
        );
        assert_eq!(
            sents("He said: \"We will win.\" Then he left."),
            vec!["He said: \"We will win.\"", "Then he left."]
        );
        assert_eq!(
            sents("Ms. Okafor said: “We are ready.” Nigeria agreed. “Why now?” she asked."),
            vec![
                "Ms. Okafor said: “We are ready.”",
                "Nigeria agreed.",
                "“Why now?” she asked."
            ]
        );
        assert_eq!(
            sents("He called it ‘a mistake.’ The talks (held in Oslo.) ended."),
            vec![
                "He called it ‘a mistake.’",
                "The talks (held in Oslo.) ended."
            ]
        );
    }

    #[test]
    fn line_breaks() {
        let t = "Brazil Argentina Photo:AFP\nBrazil's president visited Argentina and met his counterpart\non Friday. Talks went well.\nA second paragraph";
        assert_eq!(
            sents(t),
            vec![
                "Brazil Argentina Photo:AFP",
                "Brazil's president visited Argentina and met his counterpart\non Friday.",
                "Talks went well.",
                "A second paragraph"
            ]
        );
        // A hard-wrapped line ending in a function word continues.
        assert_eq!(
            sents("The minister met with\nPeruvian officials.\r\n\r\nNew paragraph."),
            vec![
                "The minister met with\nPeruvian officials.",
                "New paragraph."
            ]
        );
        // Blank line always splits.
        assert_eq!(
            sents("Title\n\nbody text here."),
            vec!["Title", "body text here."]
        );
    }

    #[test]
    fn abbreviation_at_line_end_and_text_end() {
        assert_eq!(
            sents("Aid came from the U.S.\nIt arrived."),
            vec!["Aid came from the U.S.", "It arrived."]
        );
        assert_eq!(sents("  Sold by Acme Inc.  "), vec!["Sold by Acme Inc."]);
        assert_eq!(
            sents("Shares of Acme Inc. The firm fell. Acme Inc. Chief spoke."),
            vec![
                "Shares of Acme Inc.",
                "The firm fell.",
                "Acme Inc. Chief spoke."
            ]
        );
    }

    #[test]
    fn non_ascii_and_cjk() {
        let t = "Sébastien Lecornu a parlé. Ça va? Élodie répond.";
        assert_eq!(
            sents(t),
            vec!["Sébastien Lecornu a parlé.", "Ça va?", "Élodie répond."]
        );
        // No panic on multi-byte chars around terminators and NBSP.
        let t2 = "中国.\u{a0}法国。 Done.";
        assert!(!sents(t2).is_empty());
    }

    #[test]
    fn covers_all_text_and_is_ordered() {
        let t = "A. B? C! \"D.\" e. F…G\n\n H. I. J.";
        let spans = split_sentences(t);
        let mut last = 0;
        let mut covered = 0;
        for s in &spans {
            assert!(s.start >= last && s.start < s.end);
            assert_eq!(s.text(t).trim(), s.text(t));
            covered += s.text(t).chars().filter(|c| !c.is_whitespace()).count();
            last = s.end;
        }
        assert_eq!(covered, t.chars().filter(|c| !c.is_whitespace()).count());
        assert!(split_sentences("").is_empty());
        assert!(split_sentences(" \n\t ").is_empty());
    }
}
