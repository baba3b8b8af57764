//! The document that flows through the pipeline: the text, its sentences and
//! tokens, and the layers each later stage adds (dates, mentions, entities,
//! places, events), all over byte spans of the original text.

use chrono::NaiveDate;
use dyad_text::{CharMap, Span, Token};

use crate::dates::DateMention;
use crate::mentions::{EntityData, MentionData};
use crate::places::PlaceMention;

/// One sentence with its tokens.
#[derive(Debug, Clone)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Vec<Token>,
    /// Paragraph index (paragraphs are separated by line breaks).
    pub paragraph: usize,
    /// Tags, lemmas and dependency tree (one word per token), when parsed.
    pub parse: Option<crate::syntax::Syntax>,
    /// Verb-dictionary trigger matches, found once on first use.
    pub triggers: std::cell::OnceCell<Vec<dyad_kb::TriggerMatch>>,
}

impl Sentence {
    /// Lowercase token forms, for dictionary matching.
    pub fn norms(&self) -> Vec<&str> {
        self.tokens.iter().map(|t| t.norm.as_str()).collect()
    }

    /// Whether each token starts with a capital letter (for cased matching).
    pub fn caps(&self, text: &str) -> Vec<bool> {
        self.tokens.iter().map(|t| t.is_capitalized(text)).collect()
    }

    /// The verb-dictionary trigger matches of the sentence (cased matching),
    /// computed on first use and kept.
    pub fn triggers(&self, text: &str, kb: &dyad_kb::Kb) -> &[dyad_kb::TriggerMatch] {
        self.triggers.get_or_init(|| {
            kb.verbs
                .find_triggers_cased(&self.norms(), &self.caps(text))
        })
    }

    /// Byte span covering tokens `[a, b)`.
    pub fn tok_span(&self, a: usize, b: usize) -> Span {
        Span::new(self.tokens[a].span.start, self.tokens[b - 1].span.end)
    }
}

/// The document with every layer computed so far.
#[derive(Debug)]
pub struct Doc<'a> {
    pub id: String,
    pub text: &'a str,
    pub story_date: Option<NaiveDate>,
    /// The outlet that published the story ("Global Times").
    pub source: Option<String>,
    pub sentences: Vec<Sentence>,
    /// The first sentence is a dateline ("NAIROBI, March 10 (Reuters) -").
    pub dateline: bool,
    pub charmap: CharMap,
    /// Time expressions, per sentence.
    pub dates: Vec<Vec<DateMention>>,
    /// Actor-like mentions (all sentences), in text order.
    pub mentions: Vec<MentionData>,
    /// Entities: clusters of mentions that name the same actor.
    pub entities: Vec<EntityData>,
    /// Place mentions, in text order.
    pub places: Vec<PlaceMention>,
    pub warnings: Vec<String>,
}

impl<'a> Doc<'a> {
    /// Splits the text into sentences and tokens.
    pub fn new(
        id: String,
        text: &'a str,
        story_date: Option<NaiveDate>,
        source: Option<String>,
    ) -> Self {
        let spans = dyad_text::split_sentences(text);
        let mut sentences = Vec::with_capacity(spans.len());
        let mut paragraph = 0usize;
        let mut prev_end = 0usize;
        let mut dateline = false;
        for span in spans {
            if sentences.is_empty() {
                paragraph = 0;
            } else if text[prev_end..span.start].contains('\n') {
                paragraph += 1;
            }
            prev_end = span.end;
            let mut tokens = dyad_text::tokenize(text, span);
            if tokens.is_empty() {
                continue;
            }
            let mut span = span;
            // A dateline ("NAIROBI, March 10 (Reuters) -") is a sentence of
            // its own: the parser then reads the story's first sentence
            // alone, and the filing place is never its subject.
            if sentences.is_empty() {
                if let Some(k) = dateline_dash(text, &tokens) {
                    dateline = true;
                    let rest = tokens.split_off(k + 1);
                    let head_span = Span {
                        start: span.start,
                        end: tokens[k].span.end,
                    };
                    sentences.push(Sentence {
                        span: head_span,
                        tokens: std::mem::take(&mut tokens),
                        paragraph,
                        parse: None,
                        triggers: Default::default(),
                    });
                    tokens = rest;
                    span = Span {
                        start: tokens[0].span.start,
                        end: span.end,
                    };
                }
            }
            sentences.push(Sentence {
                span,
                tokens,
                paragraph,
                parse: None,
                triggers: Default::default(),
            });
        }
        let n = sentences.len();
        Doc {
            id,
            text,
            story_date,
            source,
            sentences,
            dateline,
            charmap: CharMap::new(text),
            dates: vec![Vec::new(); n],
            mentions: Vec::new(),
            entities: Vec::new(),
            places: Vec::new(),
            warnings: Vec::new(),
        }
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// Char offsets of a byte span.
    pub fn chars(&self, span: Span) -> (usize, usize) {
        (
            self.charmap.to_char(span.start),
            self.charmap.to_char(span.end),
        )
    }

    /// Original text of tokens `[a, b)` of sentence `s`.
    pub fn tok_text(&self, s: usize, a: usize, b: usize) -> &'a str {
        self.slice(self.sentences[s].tok_span(a, b))
    }

    /// The mention that mention `k` is an apposition of, as an index into
    /// `mentions` (`appos_of` counts within the sentence; mentions are in
    /// sentence order).
    pub fn appos_host(&self, k: usize) -> Option<usize> {
        let m = &self.mentions[k];
        let base = self.mentions.partition_point(|x| x.sent < m.sent);
        m.appos_of
            .map(|h| base + h)
            .filter(|&h| h < self.mentions.len())
    }
}

/// The dash ending a dateline at the start of a story, if any: a spaced dash
/// within the first twelve tokens, after a word in capitals ("NAIROBI") or
/// a news agency in brackets ("(Reuters)"), with words after it.
fn dateline_dash(text: &str, tokens: &[dyad_text::Token]) -> Option<usize> {
    let k = tokens.iter().take(12).position(|t| {
        matches!(t.norm.as_str(), "-" | "--" | "\u{2014}" | "\u{2013}")
            && t.span.start > 0
            && text[..t.span.start].ends_with(char::is_whitespace)
    })?;
    if k == 0 || k + 1 >= tokens.len() {
        return None;
    }
    let first = &text[tokens[0].span.start..tokens[0].span.end];
    let capitals = first.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && first.chars().all(|c| !c.is_lowercase());
    let agency = tokens[..k].windows(3).any(|w| {
        w[0].norm == "(" && w[2].norm == ")" && crate::lexicon::is_outlet_name(&w[1].norm)
    });
    (capitals || agency).then_some(k)
}
