//! Tokenisation.

use crate::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (may contain internal apostrophes, hyphens, periods as in "U.S.").
    Word,
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
        self.span.text(doc).chars().next().is_some_and(|c| c.is_uppercase())
    }
}

/// Tokenises the part of `text` inside `within` (usually one sentence).
pub fn tokenize(text: &str, within: Span) -> Vec<Token> {
    // Placeholder: whitespace + punctuation split — to be replaced.
    let mut out = Vec::new();
    let s = &text[within.start..within.end];
    let mut cur: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let abs = within.start + i;
        if c.is_alphanumeric() || c == '\'' {
            if cur.is_none() {
                cur = Some(abs);
            }
        } else {
            if let Some(st) = cur.take() {
                out.push(make(text, st, abs));
            }
            if !c.is_whitespace() {
                out.push(make(text, abs, abs + c.len_utf8()));
            }
        }
    }
    if let Some(st) = cur {
        out.push(make(text, st, within.end));
    }
    out
}

fn make(text: &str, start: usize, end: usize) -> Token {
    let t = &text[start..end];
    let kind = if t.chars().all(|c| c.is_ascii_digit()) {
        TokenKind::Number
    } else if t.chars().any(|c| c.is_alphanumeric()) {
        TokenKind::Word
    } else if matches!(t, "\"" | "'" | "“" | "”" | "‘" | "’") {
        TokenKind::Quote
    } else {
        TokenKind::Punct
    };
    Token {
        span: Span::new(start, end),
        norm: t.to_lowercase(),
        kind,
    }
}
