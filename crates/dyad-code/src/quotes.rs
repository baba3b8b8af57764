//! Quotations: direct ("…," Li said) and indirect (X told the Global Times
//! that …; …, X said), with the speaker resolved to an entity and the outlet
//! that carried the words.

use dyad_text::{Span, TokenKind};

use crate::doc::Doc;
use crate::lexicon as lx;
use crate::mentions::MentionKind;

#[derive(Debug, Clone)]
pub struct QuoteData {
    pub sent: usize,
    /// Byte span of the quoted words.
    pub span: Span,
    pub direct: bool,
    /// Speaker mention (index into doc.mentions) and its entity.
    pub speaker_mention: Option<usize>,
    pub speaker_entity: Option<usize>,
    pub outlet: Option<String>,
}

/// Verbs that introduce what someone said.
pub(crate) fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "tells"
            | "noted"
            | "notes"
            | "added"
            | "stated"
            | "explained"
            | "argued"
            | "stressed"
            | "emphasized"
            | "emphasised"
            | "warned"
            | "insisted"
            | "claimed"
            | "remarked"
            | "commented"
            | "wrote"
            | "observed"
            | "believes"
            | "suggested"
    )
}

/// Entity of the speaker mention `k` (through a pronoun if needed).
fn speaker_entity(doc: &Doc, k: usize) -> Option<usize> {
    let m = &doc.mentions[k];
    match m.kind {
        MentionKind::Pronoun(_) => m.refers.first().copied(),
        _ => m.entity,
    }
}

/// Finds quotations sentence by sentence.
pub fn find_quotes(doc: &Doc) -> Vec<QuoteData> {
    let mut out = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        let norms = sent.norms();
        let n = norms.len();
        // Direct quotes: a span between quotation marks of at least four tokens.
        let qs: Vec<usize> = (0..n)
            .filter(|&i| sent.tokens[i].kind == TokenKind::Quote && norms[i] == "\"")
            .collect();
        let mut direct_found = false;
        for pair in qs.chunks(2) {
            if pair.len() < 2 || pair[1] - pair[0] < 5 {
                continue;
            }
            let (a, b) = (pair[0], pair[1]);
            // Speaker: "…," X said / said X / X said: "…"
            let verb = (b + 1..n.min(b + 14))
                .find(|&i| is_speech_verb(norms[i]))
                .or_else(|| {
                    (a.saturating_sub(6)..a)
                        .rev()
                        .find(|&i| is_speech_verb(norms[i]))
                });
            let Some(v) = verb else { continue };
            let speaker = nearest_speaker(doc, s, v);
            let mut span = sent.tok_span(a + 1, b);
            // Drop a trailing comma inside the quote.
            let txt = doc.slice(span);
            let trimmed = txt.trim_end_matches([',', ' ']);
            span.end = span.start + trimmed.len();
            direct_found = true;
            out.push(QuoteData {
                sent: s,
                span,
                direct: true,
                speaker_mention: speaker,
                speaker_entity: speaker.and_then(|k| speaker_entity(doc, k)),
                outlet: doc.source.clone(),
            });
        }
        if direct_found {
            continue;
        }
        // Indirect: "X told OUTLET (on DATE) that CLAUSE" / "X said (that) CLAUSE".
        if let Some(v) = (0..n).find(|&i| is_speech_verb(norms[i])) {
            let speaker = subject_before(doc, s, v);
            if let Some(sp) = speaker {
                // Skip an outlet object and a date: find "that" or the clause start.
                let mut j = v + 1;
                let mut outlet = None;
                if let Some((_, m)) = doc.mentions.iter().enumerate().find(|(_, m)| {
                    m.sent == s
                        && m.tok_start > v
                        && m.tok_start <= v + 2
                        && m.kind == MentionKind::Outlet
                }) {
                    outlet = m.name.clone();
                    j = m.tok_end;
                }
                while j < n && norms[j] != "that" && j < v + 8 && !lx::is_determiner(norms[j]) {
                    j += 1;
                }
                if j < n && norms[j] == "that" {
                    j += 1;
                }
                let end = if norms[n - 1] == "." { n - 1 } else { n };
                if end > j + 2 {
                    out.push(QuoteData {
                        sent: s,
                        span: sent.tok_span(j, end),
                        direct: false,
                        speaker_mention: Some(sp),
                        speaker_entity: speaker_entity(doc, sp),
                        outlet: outlet.or_else(|| doc.source.clone()),
                    });
                    continue;
                }
            }
            // "CLAUSE, X said."
            if v >= 2 && v + 2 >= n - 1 {
                if let Some(k) = (v >= 2).then(|| subject_before(doc, s, v)).flatten() {
                    let m = &doc.mentions[k];
                    if m.tok_start >= 2 && norms[m.tok_start - 1] == "," {
                        out.push(QuoteData {
                            sent: s,
                            span: sent.tok_span(0, m.tok_start - 1),
                            direct: false,
                            speaker_mention: Some(k),
                            speaker_entity: speaker_entity(doc, k),
                            outlet: doc.source.clone(),
                        });
                    }
                }
            }
        }
    }
    out
}

/// The speaker nearest a speech verb: before it ("Li said") or right after ("said Li").
fn nearest_speaker(doc: &Doc, s: usize, v: usize) -> Option<usize> {
    subject_before(doc, s, v).or_else(|| {
        doc.mentions
            .iter()
            .enumerate()
            .find(|(_, m)| {
                m.sent == s && m.tok_start > v && m.tok_start <= v + 2 && speaker_kind(m.kind)
            })
            .map(|(k, _)| k)
    })
}

fn speaker_kind(k: MentionKind) -> bool {
    matches!(
        k,
        MentionKind::Person
            | MentionKind::Group
            | MentionKind::Organisation
            | MentionKind::Igo
            | MentionKind::Country
            | MentionKind::Pronoun(_)
    )
}

/// The mention that ends right before the speech verb (allowing a short
/// apposition or adverb in between).
fn subject_before(doc: &Doc, s: usize, v: usize) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (k, m) in doc.mentions.iter().enumerate() {
        if m.sent != s
            || m.tok_end > v
            || !speaker_kind(m.kind)
            || m.appos_of.is_some()
            || m.modifier
        {
            continue;
        }
        // Allow an apposition between the name and the verb: "Li, a professor at X, said".
        let gap = v - m.tok_end;
        let appos_bridge = doc.mentions.iter().any(|o| {
            o.sent == s && o.appos_of.is_some() && o.tok_start > m.tok_start && o.tok_end <= v
        });
        if gap <= 1 || appos_bridge && gap <= 16 {
            best = Some(k);
        }
    }
    best
}
