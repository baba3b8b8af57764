//! Text layer: sentence splitting and tokenisation with offsets into the
//! original text.
//!
//! All spans here are **byte** offsets into the document text (cheap to slice
//! in Rust); [`CharMap`] converts them to the Unicode scalar (char) offsets the
//! output contract uses.

mod charmap;
mod sentences;
mod tokens;

pub use charmap::CharMap;
pub use sentences::split_sentences;
pub use tokens::{normalize, tokenize, Token, TokenKind};

/// A half-open byte range `[start, end)` into the document text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        &doc[self.start..self.end]
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}
