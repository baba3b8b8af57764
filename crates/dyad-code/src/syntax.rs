//! Syntax: tags and parses sentences with `dyad-parse` and reads who did
//! what to whom off the dependency tree — subjects (through coordination,
//! participles and relative clauses), objects, passive "by" agents, and the
//! prepositional phrases ("with X", "for X", "to X") of verbs and event nouns.

use dyad_parse::ParsedSentence;

use crate::doc::Doc;
use crate::mentions::MentionKind;

/// A sentence's parse over a simplified word sequence: every multi-token
/// actor mention ("Sri Lankan President Anura Kumara Dissanayake") is given
/// to the parser as its last word ("Dissanayake"), which the treebank-trained
/// parser handles far better than long title-name chains.
#[derive(Debug, Clone)]
pub struct Syntax {
    pub tree: ParsedSentence,
    /// Parser word of each token.
    pub word_of: Vec<usize>,
    /// Token range `[start, end)` of each parser word.
    pub toks: Vec<(usize, usize)>,
}

impl Syntax {
    pub fn word(&self, tok: usize) -> usize {
        self.word_of[tok]
    }
    pub fn upos(&self, tok: usize) -> &str {
        &self.tree.upos[self.word_of[tok]]
    }
    /// Parser words covering tokens `[a, b)`.
    pub fn words(&self, a: usize, b: usize) -> (usize, usize) {
        (self.word_of[a], self.word_of[b - 1] + 1)
    }
}

static PARSING_OFF: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Switches parsing off (or back on) for this process: the coder then uses
/// its surface rules alone (several times faster, less accurate).
pub fn set_parsing(enabled: bool) {
    PARSING_OFF.store(!enabled, std::sync::atomic::Ordering::Relaxed);
}

/// Whether sentences are parsed: not after `set_parsing(false)`, nor with
/// the environment variable `DYAD_NO_PARSE` set to anything but `0`.
pub fn parsing_enabled() -> bool {
    !PARSING_OFF.load(std::sync::atomic::Ordering::Relaxed)
        && !std::env::var_os("DYAD_NO_PARSE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Tokens given to the parser as one word: (start, end, stand-in word, end
/// of the mention itself — a date folded in after it is not its last word).
type WordSpan = (usize, usize, Option<&'static str>, usize);

/// `DYAD_DEBUG_TREES=1`: every tree the coder reads (the words the parser
/// was given, after the coder's repairs) goes to standard error as CoNLL-U,
/// for finding out why a role was or was not found.
fn debug_trees() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var_os("DYAD_DEBUG_TREES").is_some_and(|v| !v.is_empty() && v != "0")
    })
}

/// Parses every sentence that has at least one actor-like mention (the only
/// sentences where an event can be coded).
pub fn parse_sentences(doc: &mut Doc, kb: &dyad_kb::Kb) {
    // `--no-parse` / DYAD_NO_PARSE=1 skip parsing (several times faster,
    // less accurate): the coder then uses its surface rules alone.
    if !parsing_enabled() {
        return;
    }
    // Without a model the coder falls back to its surface rules.
    let model = match dyad_parse::default_model() {
        Ok(m) => m,
        Err(e) => {
            doc.warnings
                .push(format!("no syntax ({e}); actors chosen by surface rules"));
            return;
        }
    };
    let n = doc.sentences.len();
    // (start, end, stand-in word): a common word of the same kind, which the
    // treebank-trained tagger knows well.
    let mut spans: Vec<Vec<WordSpan>> = vec![Vec::new(); n];
    // A country word modifying a subject can be the actor too ("Chinese
    // vessels rammed …"), so sentences with one are parsed as well.
    let mut country_word = vec![false; n];
    for (k, m) in doc.mentions.iter().enumerate() {
        if m.modifier && m.country.is_some() {
            country_word[m.sent] = true;
        }
        if m.is_actor_like() || m.appos_of.is_some() {
            // A one-word agent noun capitalised by its position ("Police
            // in Nicaragua raided …") keeps its own word: it is no name.
            let agent_word = m.tok_end == m.tok_start + 1
                && kb
                    .actors
                    .agent(&doc.sentences[m.sent].tokens[m.tok_start].norm)
                    .is_some();
            // "Thousands of Kenyans": a people stands in as a plural noun.
            let people = m.names_a_people(doc, kb);
            let stand_in = match m.kind {
                _ if agent_word => None,
                _ if people => Some("Americans"),
                MentionKind::Person => Some("Smith"),
                MentionKind::Country => Some("France"),
                MentionKind::Igo => Some("NATO"),
                MentionKind::Organisation => Some("Microsoft"),
                MentionKind::Outlet => Some("Reuters"),
                _ => None,
            };
            let mut a = m.tok_start;
            // "the United States" → "France": the article goes too; an
            // international body's stand-in keeps it ("that the U.N.
            // mission withdraw" → "that the NATO mission", not "that NATO
            // mission", where "that" reads as a determiner).
            if stand_in.is_some()
                && m.kind != MentionKind::Igo
                && a > 0
                && matches!(doc.sentences[m.sent].tokens[a - 1].norm.as_str(), "the")
            {
                a -= 1;
            }
            // "Tens of thousands of Israelis rallied", "Hundreds of nurses
            // rallied": the crowd's size goes with the people or group, so
            // the parser sees "Americans rallied", "Nurses rallied".
            let plural_group = m.kind == MentionKind::Group
                && doc.sentences[m.sent].tokens[m.tok_end - 1]
                    .norm
                    .ends_with('s');
            if people || plural_group {
                let toks = &doc.sentences[m.sent].tokens;
                while a >= 2
                    && toks[a - 1].norm == "of"
                    && matches!(
                        toks[a - 2].norm.as_str(),
                        "thousands" | "hundreds" | "tens" | "dozens" | "scores" | "millions"
                    )
                {
                    a -= 2;
                }
            }
            // "pardoned more than 7,000 prisoners": the quantifier before a
            // counted group goes with it ("than prisoners" misleads the parser).
            {
                let toks = &doc.sentences[m.sent].tokens;
                let counted = toks[m.tok_start].kind == dyad_text::TokenKind::Number;
                if counted
                    && a == m.tok_start
                    && a >= 2
                    && matches!(
                        (toks[a - 2].norm.as_str(), toks[a - 1].norm.as_str()),
                        ("more" | "less" | "fewer", "than") | ("at", "least") | ("up", "to")
                    )
                {
                    a -= 2;
                }
            }
            // "Ukraine's foreign ministry on Thursday rejected …": a date
            // between a subject and its verb goes with the subject's word,
            // which the treebank-trained parser reads far better.
            let mut end = m.tok_end;
            let toks = &doc.sentences[m.sent].tokens;
            if let Some(d) = doc.dates[m.sent].iter().find(|d| {
                toks.get(m.tok_end)
                    .is_some_and(|t| t.span.start == d.span.start)
            }) {
                let after = toks.iter().position(|t| t.span.start >= d.span.end);
                if let Some(j) = after {
                    let next = &toks[j];
                    // (A subject: not the object of a preposition, "filed a
                    // case at the ICJ on Friday accusing …"; a finite verb.)
                    let subject = a == 0 || !crate::lexicon::is_preposition(&toks[a - 1].norm);
                    let verb_next = subject
                        && next.kind == dyad_text::TokenKind::Word
                        && !next.is_capitalized(doc.text)
                        && !next.norm.ends_with("ing")
                        && kb.verbs.starts_verb_form(&next.norm)
                        && !crate::lexicon::is_preposition(&next.norm);
                    if verb_next
                        && matches!(
                            toks[m.tok_end].norm.as_str(),
                            "on" | "last" | "this" | "earlier"
                        )
                    {
                        end = j;
                    }
                }
            }
            // "indicted impeached President Yoon", "to reinstate ousted
            // President Bazoum": a participle describing a person after a
            // verb goes with the person's word ("indicted Smith"); two
            // past forms in a row mislead the tagger.
            if m.kind == MentionKind::Person
                && a >= 2
                && toks[a - 1].norm.ends_with("ed")
                && !toks[a - 1].is_capitalized(doc.text)
                && kb.verbs.starts_verb_form(&toks[a - 2].norm)
                && !crate::lexicon::is_auxiliary(&toks[a - 2].norm)
            {
                a -= 1;
            }
            // "Jay Tarriela, a spokesman for the Philippine coast guard,
            // accused …": the apposition and its commas go with the name's
            // word, so the parser sees "Smith accused …" (it misreads the
            // verb after a long apposition as a participle).
            if end == m.tok_end && stand_in.is_some() {
                let toks = &doc.sentences[m.sent].tokens;
                let lo = doc.mentions.partition_point(|x| x.sent < m.sent);
                let hi = doc.mentions.partition_point(|x| x.sent <= m.sent);
                let appos_end = (lo..hi)
                    .filter(|&o| doc.appos_host(o) == Some(k))
                    .map(|o| doc.mentions[o].tok_end)
                    .max();
                if let Some(ae) =
                    appos_end.filter(|_| toks.get(m.tok_end).is_some_and(|t| t.norm == ","))
                {
                    let close = (ae..(ae + 4).min(toks.len())).find(|&j| toks[j].norm == ",");
                    let clean = close.is_some_and(|c| {
                        (ae..c).all(|j| !kb.verbs.starts_verb_form(&toks[j].norm))
                    });
                    let verb_next = close.and_then(|c| toks.get(c + 1)).is_some_and(|t| {
                        t.kind == dyad_text::TokenKind::Word
                            && !t.is_capitalized(doc.text)
                            && kb.verbs.starts_verb_form(&t.norm)
                    });
                    if let (Some(c), true, true) = (close, clean, verb_next) {
                        end = c + 1;
                    }
                }
            }
            spans[m.sent].push((a, end, stand_in, m.tok_end));
        }
    }
    for (s, mut ms) in spans.into_iter().enumerate() {
        if ms.is_empty() && !country_word[s] {
            continue;
        }
        // Only sentences that can yield an event need a tree.
        if !crate::events::may_code(doc, s, kb) {
            continue;
        }
        fold_dates_before_participles(doc, s, &mut ms);
        let sent = &doc.sentences[s];
        let nt = sent.tokens.len();
        let mut word_of = vec![0usize; nt];
        let mut toks: Vec<(usize, usize)> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut i = 0;
        while i < nt {
            let best = ms
                .iter()
                .filter(|&&(a, b, st, _)| a == i && (b > i + 1 || st.is_some()))
                .max_by_key(|&&(_, b, _, _)| b)
                .copied();
            let end = best.map_or(i + 1, |(_, b, _, _)| b);
            let own_end = best.map_or(end, |(_, _, _, e)| e);
            // A common word of the mention's kind, or its last word ("'s" never).
            let word = match best.and_then(|(_, _, st, _)| st) {
                Some(st) => st.to_string(),
                None => {
                    let mut rep = own_end - 1;
                    if sent.tokens[rep].norm == "'s" && rep > i {
                        rep -= 1;
                    }
                    treebank_form(doc.slice(sent.tokens[rep].span))
                }
            };
            // A phrase cut to its last word opens the sentence as written
            // text does, with a capital ("Georgian authorities froze …" →
            // "Authorities froze …"): the tagger learned sentence starts so.
            let word = if words.is_empty() && end > i + 1 {
                capitalised(&word)
            } else {
                word
            };
            for slot in word_of.iter_mut().take(end).skip(i) {
                *slot = words.len();
            }
            toks.push((i, end));
            words.push(word);
            i = end;
        }
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let mut tagging = model.tag(&refs);
        finite_participles(model, &refs, &mut tagging);
        let mut tree = model.parse_tagged(&refs, tagging);
        repair_tree(&mut tree);
        if debug_trees() {
            eprint!(
                "# doc {} sentence {}\n{}",
                doc.id,
                s,
                dyad_parse::to_conllu(&tree)
            );
        }
        if tree.len() == toks.len() {
            doc.sentences[s].parse = Some(Syntax {
                tree,
                word_of,
                toks,
            });
        }
    }
}

/// "signed a decree on Monday pardoning dozens of people": a date between
/// a noun phrase and a participle goes with the noun's word, so that the
/// parser reads "a decree pardoning …" (it misreads the participle after a
/// date as modifying the next noun).
fn fold_dates_before_participles(doc: &Doc, s: usize, spans: &mut Vec<WordSpan>) {
    let toks = &doc.sentences[s].tokens;
    let word =
        |j: usize| toks[j].kind == dyad_text::TokenKind::Word && !toks[j].is_capitalized(doc.text);
    for d in &doc.dates[s] {
        let Some(first) = toks.iter().position(|t| t.span.start == d.span.start) else {
            continue;
        };
        let Some(after) = toks.iter().position(|t| t.span.start >= d.span.end) else {
            continue;
        };
        let Some(noun) = first.checked_sub(1) else {
            continue;
        };
        let participle = word(after) && toks[after].norm.ends_with("ing");
        // A noun after a determiner, with only words (no preposition) between.
        let noun_phrase = word(noun)
            && !crate::lexicon::is_determiner(&toks[noun].norm)
            && !crate::lexicon::is_preposition(&toks[noun].norm)
            && (noun.saturating_sub(3)..noun).rev().any(|j| {
                crate::lexicon::is_determiner(&toks[j].norm)
                    && (j + 1..noun)
                        .all(|x| word(x) && !crate::lexicon::is_preposition(&toks[x].norm))
            });
        let free = !spans.iter().any(|&(a, b, _, _)| a < after && b > noun);
        if participle && noun_phrase && free {
            spans.push((noun, after, None, noun + 1));
        }
    }
}

/// "Authorities deported migrants through the Torkham crossing, officials
/// said", "A court acquitted journalists …": a clause needs a finite verb.
/// When the tagger reads the first verb of a sentence as a past participle
/// (VBN) with no auxiliary before it, right after its subject's noun and
/// before the start of its object, and no finite verb follows before the
/// next comma (one after "and" is its conjunct), the participle is the
/// clause's past tense (VBD); the parser then reads the clause instead of
/// a noun phrase ("deported migrants").
/// "Iran backed militias attacked …" keeps its reading (a finite verb
/// follows), as do "troops deployed to …" (no object) and "funds
/// allocated last year" (a time word follows).
fn finite_participles(model: &dyad_parse::Model, words: &[&str], t: &mut dyad_parse::Tagging) {
    let Some(v) = (1..words.len()).find(|&i| {
        let x = t.xpos[i].as_str();
        x.starts_with("VB") || matches!(x, "MD" | "WDT" | "WP")
    }) else {
        return;
    };
    if t.xpos[v] != "VBN" || v + 1 >= words.len() {
        return;
    }
    let subject = matches!(t.xpos[v - 1].as_str(), "NN" | "NNS" | "NNP" | "NNPS");
    let object = matches!(
        t.xpos[v + 1].as_str(),
        "DT" | "CD" | "JJ" | "JJR" | "JJS" | "NN" | "NNS" | "NNP" | "NNPS" | "PRP$"
    ) && !matches!(
        words[v + 1].to_ascii_lowercase().as_str(),
        "last" | "next" | "this" | "earlier" | "later" | "early" | "late" | "yesterday" | "today"
    );
    let clause_end = (v + 1..words.len())
        .find(|&j| matches!(words[j], "," | ";" | ":"))
        .unwrap_or(words.len());
    // (A finite verb coordinated with it, "torched vehicles and looted
    // shops", is no other clause's.)
    let finite_later = (v + 1..clause_end).any(|j| {
        matches!(t.xpos[j].as_str(), "VBD" | "VBZ" | "VBP" | "MD")
            && !matches!(
                words[j - 1].to_ascii_lowercase().as_str(),
                "and" | "or" | "but"
            )
    });
    if subject && object && !finite_later {
        model.retag(t, v, "VERB", "VBD");
    }
}

/// Mends readings of the parser that the coder depends on and that no
/// grammar allows, each a construction (not a sentence): participles after
/// an object, verbs read as modifiers of their own object, names read
/// inside time phrases, destinations read inside a transfer's object,
/// fronted conditions, and subjects listed with a fronted phrase.
fn repair_tree(t: &mut ParsedSentence) {
    attach_reduced_relatives(t);
    raise_verbs_read_as_modifiers(t);
    names_before_time_phrases(t);
    transfer_destinations(t);
    lower_fronted_conditions(t);
    subjects_after_fronted_phrases(t);
}

/// A finite verb form (past or present tense).
fn finite(t: &ParsedSentence, v: usize) -> bool {
    matches!(t.xpos[v].as_str(), "VBD" | "VBZ" | "VBP")
}

/// Word `v` has a nominal subject to its left.
fn subject_before(t: &ParsedSentence, v: usize) -> bool {
    t.dependents(v)
        .any(|d| d < v && t.deprel[d].starts_with("nsubj"))
}

/// "rejected a resolution calling for a ceasefire", "signed a decree
/// pardoning …", "signed a decree in Bishkek on Monday pardoning …", read
/// with the participle modifying the verb (advcl, xcomp): a participle right
/// after the verb's object noun, with no comma, marker or subject of its
/// own, is a reduced relative on the object; so is one after a document
/// noun (decree, resolution, statement …) with only phrases that hang on
/// the noun or the verb between them (place, time: nmod, obl) — "attacked
/// the village in the north killing five" keeps its reading.
fn attach_reduced_relatives(t: &mut ParsedSentence) {
    for v in 1..t.len() {
        if t.xpos[v] != "VBG" || !matches!(t.deprel[v].as_str(), "advcl" | "xcomp") {
            continue;
        }
        let own_clause = t
            .dependents(v)
            .any(|d| d < v || matches!(t.deprel[d].as_str(), "mark" | "nsubj"));
        if own_clause {
            continue;
        }
        let head = t.head_index(v);
        // The object: the nearest noun to the left, at most six words back,
        // with every word between it and the participle inside a phrase
        // attached to the object or the verb.
        let object = (v.saturating_sub(7)..v).rev().find(|&o| {
            t.upos[o] == "NOUN"
                && t.deprel[o] == "obj"
                && t.head_index(o) == head
                && (o + 1 == v
                    || is_document_noun(&t.lemma[o])
                        && (o + 1..v).all(|j| in_side_phrase(t, j, o, head)))
        });
        if let Some(o) = object {
            t.head[v] = o + 1;
            t.deprel[v] = "acl".to_string();
        }
    }
}

/// Gives word `to` the place of word `from` in the tree (its head and
/// relation) and hangs `from` under `to` with `rel`.
fn promote(t: &mut ParsedSentence, to: usize, from: usize, rel: &str) {
    t.head[to] = t.head[from];
    t.deprel[to] = std::mem::replace(&mut t.deprel[from], rel.to_string());
    t.head[from] = to + 1;
}

/// "Beijing threatened retaliation if …", "Authorities deported migrants
/// …, officials said", "The court acquitted seven journalists …" read as
/// noun phrases ("threatened retaliation", "deported migrants": the verb a
/// modifier). A finite verb (past or present tense), or a participle with
/// no auxiliary, is no modifier of a noun that takes no subject and no
/// object of its own: when such a verb, with a subject before it (its own
/// or the noun's), modifies the noun after it, or sits between a noun and
/// the object the tree gave that noun, the verb heads the clause. It takes
/// the place of the noun that held the clause; the subject, object,
/// clauses and final punctuation go to it; a participle reads as a finite
/// past (VBD).
fn raise_verbs_read_as_modifiers(t: &mut ParsedSentence) {
    let nominal = |t: &ParsedSentence, x: usize| matches!(t.upos[x].as_str(), "NOUN" | "PROPN");
    for v in 0..t.len() {
        let Some(n) = t.head_index(v) else {
            continue;
        };
        // (Cheap tests first: this runs on every parsed sentence.)
        if !matches!(t.deprel[v].as_str(), "amod" | "acl") || !nominal(t, n) {
            continue;
        }
        let participle = t.xpos[v] == "VBN"
            && t.upos[v] == "VERB"
            && !t.dependents(v).any(|d| t.deprel[d].starts_with("aux"));
        if !finite(t, v) && !participle {
            continue;
        }
        // (a) The verb before its noun, with a subject before it.
        let subject = (n > v)
            .then(|| {
                t.dependents(n)
                    .chain(t.dependents(v))
                    .find(|&d| d < v && t.deprel[d].starts_with("nsubj"))
            })
            .flatten();
        if let Some(sj) = subject {
            let clauses: Vec<usize> = t
                .dependents(n)
                .filter(|&d| {
                    matches!(t.deprel[d].as_str(), "advcl" | "parataxis")
                        || (t.deprel[d] == "punct" && d + 1 == t.len())
                })
                .collect();
            promote(t, v, n, "obj");
            clause_relation(t, v);
            t.head[sj] = v + 1;
            for d in clauses {
                t.head[d] = v + 1;
            }
        } else {
            // (b) A noun before the verb with an object of its own after it.
            let holder = [Some(n), t.head_index(n)].into_iter().flatten().find(|&h| {
                h < v && nominal(t, h) && t.dependents(h).any(|o| o > v && t.deprel[o] == "obj")
            });
            let Some(h) = holder else {
                continue;
            };
            let moved: Vec<usize> = t.dependents(h).filter(|&d| d > v).collect();
            promote(t, v, h, "nsubj");
            clause_relation(t, v);
            for d in moved {
                t.head[d] = v + 1;
                if t.deprel[d] == "nmod" {
                    t.deprel[d] = "obl".to_string();
                }
            }
        }
        if participle {
            t.xpos[v] = "VBD".to_string();
        }
    }
}

/// A verb that took a noun's place keeps a clause relation: a nominal one
/// (obl, obj, nmod, appos …) becomes `ccomp` under a verb, `acl` under a
/// noun.
fn clause_relation(t: &mut ParsedSentence, v: usize) {
    let clausal = matches!(
        t.deprel[v].split(':').next().unwrap_or(""),
        "root" | "ccomp" | "advcl" | "parataxis" | "conj" | "xcomp" | "csubj" | "acl"
    );
    if clausal {
        return;
    }
    let under_verb = t.head_index(v).is_some_and(|h| t.upos[h] == "VERB");
    t.deprel[v] = if under_verb { "ccomp" } else { "acl" }.to_string();
}

/// "will visit Poland next week" read with the name inside the time phrase
/// ("Poland next week" as one noun phrase): a name right after a verb,
/// compounded onto a time word that has its own "next", "last", "this" …,
/// is the verb's object, and the time phrase modifies the verb.
fn names_before_time_phrases(t: &mut ParsedSentence) {
    for w in 0..t.len() {
        // (Nouns only: no lower-casing for every word of every sentence.)
        if !matches!(t.upos[w].as_str(), "NOUN" | "PROPN") {
            continue;
        }
        let lemma = t.lemma[w].to_lowercase();
        let time_word = dyad_kb::is_day_or_month(&lemma)
            || matches!(
                lemma.as_str(),
                "week"
                    | "month"
                    | "year"
                    | "weekend"
                    | "day"
                    | "morning"
                    | "evening"
                    | "night"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "winter"
            );
        if !time_word {
            continue;
        }
        let Some(m) = t.dependents(w).find(|&d| {
            d < w
                && matches!(
                    t.words[d].to_lowercase().as_str(),
                    "next" | "last" | "this" | "coming" | "past" | "previous"
                )
        }) else {
            continue;
        };
        let Some(c) = t
            .dependents(w)
            .find(|&d| d + 1 == m && t.deprel[d] == "compound" && t.upos[d] == "PROPN")
        else {
            continue;
        };
        let Some(v) = c.checked_sub(1) else {
            continue;
        };
        if t.upos[v] != "VERB" || t.dependents(v).any(|d| t.deprel[d] == "obj") {
            continue;
        }
        t.head[c] = v + 1;
        t.deprel[c] = "obj".to_string();
        t.head[w] = v + 1;
        t.deprel[w] = "obl:unmarked".to_string();
    }
}

/// "extradited a senior commander of the drug cartel to the United States"
/// read with "to the United States" inside the object ("the cartel to the
/// United States"): after a verb of transfer with no "to" phrase of its
/// own, a "to" phrase that the tree hangs inside the verb's object belongs
/// to the verb (it says where the object goes).
fn transfer_destinations(t: &mut ParsedSentence) {
    for v in 0..t.len() {
        if t.upos[v] != "VERB" || !verb_is_transfer(t, v) {
            continue;
        }
        let to = |t: &ParsedSentence, x: usize| case_of(t, x).as_deref() == Some("to");
        if t.dependents(v).any(|d| base_rel(t, d) == "obl" && to(t, d)) {
            continue;
        }
        let Some(o) = t.dependents(v).find(|&d| t.deprel[d] == "obj" && d > v) else {
            continue;
        };
        // The first "to" phrase in the object's subtree, below the object.
        let inside = |t: &ParsedSentence, x: usize| {
            let mut y = x;
            for _ in 0..t.len() {
                match t.head_index(y) {
                    Some(h) if h == o => return true,
                    Some(h) if h == v => return false,
                    Some(h) => y = h,
                    None => return false,
                }
            }
            false
        };
        let dest = (o + 1..t.len()).find(|&x| {
            base_rel(t, x) == "nmod"
                && matches!(t.upos[x].as_str(), "PROPN" | "NOUN")
                && to(t, x)
                && inside(t, x)
        });
        if let Some(x) = dest {
            t.head[x] = v + 1;
            t.deprel[x] = "obl".to_string();
        }
    }
}

/// "Should the rains fail again, millions could be displaced, the agency
/// warned": a clause opened by an inverted auxiliary (should, had, were)
/// is a condition on the clause after its comma. When the tree makes the
/// condition the head of that clause, the clause takes its place and the
/// condition becomes its adverbial clause; what followed the clause stays
/// with it.
fn lower_fronted_conditions(t: &mut ParsedSentence) {
    let fronted = t.len() > 3
        && t.deprel[0] == "aux"
        && ["should", "had", "were"]
            .iter()
            .any(|x| t.words[0].eq_ignore_ascii_case(x));
    if !fronted {
        return;
    }
    let Some(v) = t.head_index(0).filter(|&v| subject_before(t, v)) else {
        return;
    };
    let Some(comma) = (v + 1..t.len()).find(|&j| t.words[j] == ",") else {
        return;
    };
    let clause = t.dependents(v).find(|&c| {
        c > comma
            && matches!(
                t.deprel[c].as_str(),
                "ccomp" | "parataxis" | "conj" | "advcl"
            )
            && t.dependents(c).any(|d| t.deprel[d].starts_with("nsubj"))
    });
    let Some(c) = clause else {
        return;
    };
    let later: Vec<usize> = t.dependents(v).filter(|&d| d > comma && d != c).collect();
    promote(t, c, v, "advcl");
    for d in later {
        t.head[d] = c + 1;
    }
}

/// "Over the past two years, European countries have engaged in …" read
/// with the subject coordinated to the fronted phrase ("years, countries"
/// as a list) and the verb left without a subject: a noun that is a
/// conjunct of the verb's fronted oblique, with no coordinator, after a
/// comma and before the verb, is the verb's subject.
fn subjects_after_fronted_phrases(t: &mut ParsedSentence) {
    for v in 0..t.len() {
        let clause_verb =
            t.upos[v] == "VERB" && (finite(t, v) || t.dependents(v).any(|d| t.deprel[d] == "aux"));
        if !clause_verb {
            continue;
        }
        let has_subject = t.dependents(v).any(|d| {
            t.deprel[d].starts_with("nsubj")
                || t.deprel[d].starts_with("csubj")
                || t.deprel[d] == "expl"
        });
        if has_subject {
            continue;
        }
        let obliques: Vec<usize> = t
            .dependents(v)
            .filter(|&o| o < v && t.deprel[o].starts_with("obl"))
            .collect();
        for o in obliques {
            let subject = t.dependents(o).find(|&y| {
                y > o
                    && y < v
                    && t.deprel[y] == "conj"
                    && matches!(t.upos[y].as_str(), "NOUN" | "PROPN" | "PRON")
                    && (o + 1..y).any(|j| t.words[j] == ",")
                    && !(o + 1..y).any(|j| t.upos[j] == "CCONJ")
                    && !t.dependents(y).any(|d| t.deprel[d] == "cc")
            });
            if let Some(y) = subject {
                t.head[y] = v + 1;
                t.deprel[y] = "nsubj".to_string();
                break;
            }
        }
    }
}

/// Word `j` is not punctuation and lies inside a phrase (nmod, obl) that
/// hangs on the noun `o` or on the verb `head`.
fn in_side_phrase(t: &ParsedSentence, j: usize, o: usize, head: Option<usize>) -> bool {
    if t.upos[j] == "PUNCT" {
        return false;
    }
    let mut x = j;
    for _ in 0..t.len() {
        let Some(h) = t.head_index(x) else {
            return false;
        };
        if h == o || Some(h) == head {
            return matches!(t.deprel[x].split(':').next(), Some("nmod" | "obl"));
        }
        x = h;
    }
    false
}

/// `w` with its first letter in upper case.
fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => w.to_string(),
    }
}

/// The treebank writes straight quotes and apostrophes.
fn treebank_form(w: &str) -> String {
    if w.chars().any(|c| matches!(c, '’' | '‘' | '“' | '”')) {
        w.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
    } else {
        w.to_string()
    }
}

/// Grammatical roles of the words around an event trigger.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Roles {
    /// (token, how): subjects or agents — "nsubj", "conj-subject", "by-agent", "poss" …
    pub actors: Vec<(usize, &'static str)>,
    /// (token, how): objects and prepositional recipients — "obj", "with", "for" …
    pub recipients: Vec<(usize, &'static str)>,
    /// The head is used as a noun ("the visit", "held talks").
    pub nominal: bool,
    /// Passive voice ("was attacked").
    pub passive: bool,
    /// The tree shows there is no actor to find: an event noun that a
    /// reaction or report verb governs ("they feared further attacks"), or
    /// a passive participle with no agent ("the sanctions imposed on Iran").
    pub no_actor: bool,
}

fn rel(p: &ParsedSentence, i: usize) -> &str {
    p.deprel[i].as_str()
}

fn base_rel(p: &ParsedSentence, i: usize) -> &str {
    rel(p, i).split(':').next().unwrap_or("")
}

fn deps<'a>(p: &'a ParsedSentence, i: usize) -> impl Iterator<Item = usize> + 'a {
    p.dependents(i)
}

/// The preposition (case marker) of a nominal dependent, lowercased.
fn case_of(p: &ParsedSentence, i: usize) -> Option<String> {
    deps(p, i)
        .find(|&d| rel(p, d) == "case")
        .map(|d| p.words[d].to_lowercase())
}

/// Adds `i` and the words coordinated with it ("China and France").
fn with_conjuncts(
    p: &ParsedSentence,
    i: usize,
    how: &'static str,
    out: &mut Vec<(usize, &'static str)>,
) {
    out.push((i, how));
    for d in deps(p, i).collect::<Vec<_>>() {
        if rel(p, d) == "conj" && matches!(p.upos[d].as_str(), "NOUN" | "PROPN" | "PRON") {
            out.push((d, how));
        }
    }
}

/// The role of prepositional phrase `d` by its preposition ([`prep_role`]);
/// none for an absolute "with" ("with military ties steadily warming up",
/// "with prices rising": a circumstance, not a partner).
fn phrase_role(p: &ParsedSentence, d: usize) -> Option<&'static str> {
    let role = case_of(p, d).as_deref().and_then(prep_role)?;
    (role != "with" || !absolute_with(p, d)).then_some(role)
}

/// Noun `d` of a "with" phrase is followed (past any adverbs) by a
/// participle of its own or of its head: an absolute construction.
fn absolute_with(p: &ParsedSentence, d: usize) -> bool {
    let h = p.head_index(d);
    (d + 1..p.len())
        .find(|&j| p.upos[j] != "ADV")
        .is_some_and(|j| p.xpos[j] == "VBG" && (p.head_index(j) == Some(d) || p.head_index(j) == h))
}

fn prep_role(case: &str) -> Option<&'static str> {
    Some(match case {
        "with" => "with",
        "for" => "for",
        "to" => "to",
        "against" => "against",
        "on" => "on",
        "toward" | "towards" => "toward",
        "between" => "between",
        "into" => "into",
        // "pull its troops out of Niger" (the tree's first case word).
        "out" => "out-of",
        "at" => "at",
        // Places that stand for whom an act is aimed at: "rallied outside
        // the US embassy", "massed troops along the border with X".
        "outside" => "outside",
        "near" => "near",
        "around" => "around",
        "along" => "along",
        _ => return None,
    })
}

/// Whether word `i` is a verb of transfer, by its lemma or, where the
/// lemmatiser guessed an unseen form wrong ("extradited" → "extradit"),
/// by the regular base forms of the word itself.
fn verb_is_transfer(p: &ParsedSentence, i: usize) -> bool {
    if is_transfer(&p.lemma[i].to_lowercase()) {
        return true;
    }
    let w = p.words[i].to_lowercase();
    let stems = [
        w.strip_suffix('d'),
        w.strip_suffix("ed"),
        w.strip_suffix('s'),
        w.strip_suffix("ing"),
    ];
    stems.iter().flatten().any(|b| is_transfer(b))
        || w.strip_suffix("ing")
            .is_some_and(|b| is_transfer(&format!("{b}e")))
}

/// Verbs of transfer: "delivered aid to X", "handed a suspect over to X".
fn is_transfer(lemma: &str) -> bool {
    matches!(
        lemma,
        "give"
            | "hand"
            | "deliver"
            | "send"
            | "provide"
            | "donate"
            | "transfer"
            | "return"
            | "extradite"
            | "supply"
            | "ship"
            | "airlift"
            | "dispatch"
            | "disburse"
            | "grant"
            | "offer"
            | "pledge"
            | "sell"
            | "lend"
            | "deposit"
            | "allocate"
            | "deploy"
            | "move"
    )
}

/// Verbs whose object is someone else's act: "Cuba condemned the embargo"
/// (the embargo is not Cuba's), "welcomed the ceasefire", "rejected the
/// proposal".
pub(crate) fn is_reaction_verb(lemma: &str) -> bool {
    matches!(
        lemma,
        "condemn"
            | "criticize"
            | "criticise"
            | "denounce"
            | "slam"
            | "decry"
            | "deplore"
            | "welcome"
            | "hail"
            | "praise"
            | "applaud"
            | "reject"
            | "deny"
            | "oppose"
            | "protest"
            | "blame"
            | "accuse"
            | "mourn"
            | "investigate"
            | "report"
            | "discuss"
            | "debate"
            | "fear"
            | "survive"
            | "witness"
            | "document"
            | "recall"
    )
}

/// "along its border with X", "near the frontier with X": the partner named
/// inside a prepositional phrase.
fn inner_preps(p: &ParsedSentence, n: usize, out: &mut Vec<(usize, &'static str)>) {
    for d in deps(p, n).collect::<Vec<_>>() {
        if base_rel(p, d) == "nmod" {
            if let Some(role) = phrase_role(p, d) {
                with_conjuncts(p, d, role, out);
            }
        }
    }
}

/// The subject of verb `v`, climbing through coordination ("visited France
/// and held talks"), participial and purpose clauses (", reaching a
/// consensus"), and relative clauses ("the rebels who attacked").
fn subject_of(
    p: &ParsedSentence,
    v: usize,
    depth: usize,
    out: &mut Vec<(usize, &'static str)>,
) -> bool {
    if depth > 4 {
        return false;
    }
    let mut found = false;
    for d in deps(p, v).collect::<Vec<_>>() {
        match rel(p, d) {
            "nsubj" | "csubj" => {
                with_conjuncts(
                    p,
                    d,
                    if depth == 0 {
                        "nsubj"
                    } else {
                        "inherited-subject"
                    },
                    out,
                );
                found = true;
            }
            _ => {}
        }
    }
    if found {
        return true;
    }
    let Some(h) = p.head_index(v) else {
        return false;
    };
    // "called off a trip after Chinese authorities formally arrested a
    // Japanese employee", misread with "authorities" as an "after" phrase
    // of the main verb: the noun right before the clause's verb is its
    // subject.
    // (Also as a conjunct: "threatened tariffs on Colombian goods after
    // Bogota refused to accept …", "after Bogota" read as the goods'.)
    let misread_clause = match base_rel(p, v) {
        "advcl" => {
            matches!(p.xpos[v].as_str(), "VBD" | "VBN") && deps(p, v).any(|d| rel(p, d) == "obj")
        }
        "conj" => {
            p.xpos[v] == "VBD"
                && deps(p, v).any(|d| matches!(rel(p, d), "obj" | "xcomp"))
                && !deps(p, v).any(|d| base_rel(p, d).starts_with("nsubj"))
        }
        _ => false,
    };
    if misread_clause {
        let subj = (0..v).rev().take(3).find(|&d| {
            d < v
                && matches!(base_rel(p, d), "obl" | "nmod")
                && matches!(
                    case_of(p, d).as_deref(),
                    Some("after" | "before" | "since" | "until" | "as")
                )
                && (d + 1..v).all(|x| p.upos[x] == "ADV")
        });
        if let Some(d) = subj {
            with_conjuncts(p, d, "clause-subject", out);
            return true;
        }
    }
    match base_rel(p, v) {
        // "X visited France and held talks": the conjunct shares the subject.
        "conj" | "xcomp" | "advcl" => subject_of(p, h, depth + 1, out),
        // "adopted a resolution demanding …", "signed a decree calling up
        // …": a document speaks for whoever issued it.
        "acl" if document_content(p, v) => match p.head_index(h) {
            Some(v2) => subject_of(p, v2, depth + 1, out),
            None => false,
        },
        // "established relations with China, hours after cutting ties
        // with Taiwan": a gerund after "after", "before" … misread as
        // modifying a noun is the clause's own act, by the clause's subject.
        "acl"
            if p.xpos[v] == "VBG"
                && marked_by(
                    p,
                    v,
                    &[
                        "after", "before", "since", "while", "upon", "when", "without",
                    ],
                ) =>
        {
            let mut verb = h;
            for _ in 0..3 {
                if p.upos[verb] == "VERB" {
                    break;
                }
                match p.head_index(verb) {
                    Some(x) => verb = x,
                    None => break,
                }
            }
            p.upos[verb] == "VERB" && subject_of(p, verb, depth + 1, out)
        }
        // "the rebels who attacked …": the modified noun.
        "acl" if rel(p, v) == "acl:relcl" || p.xpos[v] == "VBG" => {
            out.push((h, "relative-clause"));
            true
        }
        // "Israeli jets struck targets" misread as a reduced relative: a
        // participle with an object of its own is no passive, so the noun
        // it hangs on is its subject.
        "acl" if p.xpos[v] == "VBN" && deps(p, v).any(|d| rel(p, d) == "obj") => {
            out.push((h, "acl-subject"));
            true
        }
        _ => false,
    }
}

/// Reads the roles around trigger head `h` (0-based word index).
pub fn roles(p: &ParsedSentence, h: usize) -> Roles {
    let mut r = Roles::default();
    let upos = p.upos[h].as_str();
    r.nominal = matches!(upos, "NOUN" | "PROPN");
    if r.nominal {
        for d in deps(p, h).collect::<Vec<_>>() {
            match rel(p, d) {
                "nmod:poss" => with_conjuncts(p, d, "poss", &mut r.actors),
                // "The minister is on a visit to Vietnam": a copular
                // event noun's subject.
                "nsubj" if deps(p, h).any(|c| rel(p, c) == "cop") => {
                    with_conjuncts(p, d, "nsubj", &mut r.actors)
                }
                "nmod" | "obl" => match case_of(p, d).as_deref() {
                    Some("by") => with_conjuncts(p, d, "by-agent", &mut r.actors),
                    Some(_) => {
                        if let Some(role) = phrase_role(p, d) {
                            with_conjuncts(p, d, role, &mut r.recipients);
                        }
                    }
                    None => {}
                },
                _ => {}
            }
        }
        // A light verb's object ("held talks", "paid a visit"): the verb's subject acts.
        if r.actors.is_empty() {
            if let Some(v) = p.head_index(h) {
                // Not a topic or time phrase ("exchanged views on the
                // attacks", "met after the strikes"): that noun names
                // another event, not this verb's.
                // ("During a visit to Tanzania, Steinmeier apologised": a
                // trip or talks "during" which the subject acts are its own.)
                let own_trip = case_of(p, h).as_deref() == Some("during")
                    && matches!(
                        p.lemma[h].to_lowercase().as_str(),
                        "visit" | "trip" | "tour" | "talk" | "talks" | "meeting" | "call"
                    );
                let topic = base_rel(p, h) == "obl"
                    && !own_trip
                    && matches!(
                        case_of(p, h).as_deref(),
                        Some(
                            "on" | "about"
                                | "over"
                                | "after"
                                | "before"
                                | "during"
                                | "following"
                                | "amid"
                                | "despite"
                                | "since"
                                | "regarding"
                        )
                    );
                if base_rel(p, h) == "obj"
                    && p.upos[v] == "VERB"
                    && is_reaction_verb(&p.lemma[v].to_lowercase())
                {
                    r.no_actor = true;
                }
                if matches!(base_rel(p, h), "obj" | "obl" | "nsubj:pass")
                    && !topic
                    && p.upos[v] == "VERB"
                    && !is_reaction_verb(&p.lemma[v].to_lowercase())
                {
                    subject_of(p, v, 1, &mut r.actors);
                    for d in deps(p, v).collect::<Vec<_>>() {
                        if d != h && base_rel(p, d) == "obl" {
                            if let Some(role) = phrase_role(p, d) {
                                with_conjuncts(p, d, role, &mut r.recipients);
                            }
                        }
                    }
                }
            }
        }
        return r;
    }
    let mut inner: Vec<usize> = Vec::new();
    r.passive = deps(p, h).any(|d| rel(p, d) == "aux:pass")
        || deps(p, h).any(|d| rel(p, d) == "nsubj:pass");
    for d in deps(p, h).collect::<Vec<_>>() {
        match rel(p, d) {
            "nsubj:pass" => with_conjuncts(p, d, "passive-subject", &mut r.recipients),
            "obj" | "iobj" => with_conjuncts(p, d, "obj", &mut r.recipients),
            "obl" | "obl:agent" => match case_of(p, d).as_deref() {
                Some("by") if r.passive || rel(p, d) == "obl:agent" => {
                    with_conjuncts(p, d, "by-agent", &mut r.actors)
                }
                Some(_) => {
                    if let Some(role) = phrase_role(p, d) {
                        with_conjuncts(p, d, role, &mut r.recipients);
                    }
                    // "spoke by telephone with X", "along its border with X".
                    inner.push(d);
                }
                None => {}
            },
            _ => {}
        }
    }
    if r.actors.is_empty() && !r.passive {
        subject_of(p, h, 0, &mut r.actors);
    }
    // "the sanctions imposed on Iran last year": a past participle
    // describing a noun, with no object and no "by" agent, is passive.
    // (Only in a tree with a verb at its root: "Thousands of people
    // marched …" parsed as a noun phrase is a parser error.)
    let verb_root = (0..p.words.len())
        .find(|&i| p.head[i] == 0)
        .is_some_and(|i| matches!(p.upos[i].as_str(), "VERB" | "AUX"));
    if verb_root
        && rel(p, h) == "acl"
        && p.xpos[h] == "VBN"
        && !deps(p, h).any(|d| matches!(rel(p, d), "obj" | "obl:agent"))
        && !r.actors.iter().any(|&(_, how)| how == "by-agent")
    {
        r.actors.clear();
        r.no_actor = true;
    }
    // A passive with no agent in a participle clause climbs like a subject.
    if r.actors.is_empty() && r.passive {
        let mut inherited = Vec::new();
        if let Some(hh) = p.head_index(h) {
            if matches!(base_rel(p, h), "conj") {
                subject_of(p, hh, 1, &mut inherited);
            }
        }
        let _ = inherited;
    }
    // Objects first, then prepositional recipients in sentence order; verbs
    // of transfer ("delivered aid to X", "handed a suspect over to X") name
    // the recipient with "to"/"for", not with their object.
    let transfer = verb_is_transfer(p, h);
    // "extradited a trafficker to the United States": the "to" phrase is
    // often attached to the object; for a transfer it is still the receiver.
    if transfer {
        let objs: Vec<usize> = r
            .recipients
            .iter()
            .filter(|&&(_, how)| how == "obj")
            .map(|&(o, _)| o)
            .collect();
        for o in objs {
            for d in deps(p, o).collect::<Vec<_>>() {
                if base_rel(p, d) == "nmod" && case_of(p, d).as_deref() == Some("to") {
                    with_conjuncts(p, d, "to", &mut r.recipients);
                }
                // "extradited a leader of the gang to the United States":
                // the destination hung on the object's own phrase.
                if base_rel(p, d) == "nmod" && case_of(p, d).as_deref() == Some("of") {
                    for d2 in deps(p, d).collect::<Vec<_>>() {
                        if base_rel(p, d2) == "nmod" && case_of(p, d2).as_deref() == Some("to") {
                            with_conjuncts(p, d2, "to", &mut r.recipients);
                        }
                    }
                }
            }
        }
    }
    r.recipients.sort_by_key(|&(i, how)| {
        let tier = match how {
            "to" | "for" if transfer => 0,
            "obj" | "passive-subject" => 1,
            _ => 2,
        };
        (tier, i)
    });
    // Further candidates, tried after those: prepositional phrases of the
    // object noun ("opened talks with X") and of an infinitive complement
    // ("agreed to open negotiations with X").
    let mut more = Vec::new();
    for &(o, how) in &r.recipients {
        if how == "obj" {
            // "condemned the US decision", "the French decision",
            // "criticised Beijing's drills":
            // whose the object is, when it names no actor itself.
            for d in deps(p, o).collect::<Vec<_>>() {
                if matches!(rel(p, d), "nmod:poss" | "compound" | "amod") && d < o {
                    more.push((d, "obj-possessor"));
                }
            }
            nominal_preps(p, o, &mut more);
            // "raided the offices of a newspaper", "froze the assets of
            // NGOs": whose the object is.
            for d in deps(p, o).collect::<Vec<_>>() {
                if base_rel(p, d) == "nmod" && case_of(p, d).as_deref() == Some("of") {
                    with_conjuncts(p, d, "obj-of", &mut more);
                }
                if base_rel(p, d) != "acl" {
                    continue;
                }
                // "froze assets belonging to Russian individuals": whose.
                if matches!(
                    p.lemma[d].to_lowercase().as_str(),
                    "belong" | "own" | "hold" | "link" | "tie"
                ) {
                    for d2 in deps(p, d).collect::<Vec<_>>() {
                        if base_rel(p, d2) == "obl"
                            && matches!(case_of(p, d2).as_deref(), Some("to" | "by"))
                        {
                            with_conjuncts(p, d2, "obj-owner", &mut more);
                        }
                    }
                }
                // "accepted an invitation to visit Moscow": whom the
                // object's infinitive names.
                if p.xpos[d] == "VB" {
                    for d2 in deps(p, d).collect::<Vec<_>>() {
                        if base_rel(p, d2) == "obj" {
                            with_conjuncts(p, d2, "obj-infinitive", &mut more);
                        }
                    }
                }
            }
        }
    }
    for &d in &inner {
        inner_preps(p, d, &mut more);
    }
    // An infinitive the parser hung as an adverbial clause after a date
    // ("pledged on Thursday to provide the Philippines with …") is the
    // complement too.
    for x in deps(p, h)
        .filter(|&d| {
            rel(p, d) == "xcomp"
                || (rel(p, d) == "advcl" && p.xpos[d] == "VB" && marked_by(p, d, &["to"]))
        })
        .collect::<Vec<_>>()
    {
        // "agreed to return four villages to Azerbaijan": a transfer in the
        // complement names its recipient with "to"/"for" first.
        if verb_is_transfer(p, x) {
            for d in deps(p, x).collect::<Vec<_>>() {
                if base_rel(p, d) == "obl" && matches!(case_of(p, d).as_deref(), Some("to" | "for"))
                {
                    with_conjuncts(p, d, "xcomp-to", &mut more);
                }
            }
        }
        // "provided $1 billion to help restore Ukraine's power grid": whose
        // the helped-with thing is.
        if p.lemma[x].eq_ignore_ascii_case("help") {
            // "offered to help Somalia train police officers": whom it helps.
            for d in deps(p, x).collect::<Vec<_>>() {
                if base_rel(p, d) == "obj" {
                    with_conjuncts(p, d, "helped", &mut more);
                }
            }
            // Who the helped act's subject is comes before whose its
            // object is ("help Ukraine rebuild its grid").
            let acts: Vec<usize> = deps(p, x)
                .filter(|&y| matches!(base_rel(p, y), "xcomp" | "ccomp"))
                .collect();
            for &y in &acts {
                for d in deps(p, y).collect::<Vec<_>>() {
                    if rel(p, d) == "nsubj" {
                        with_conjuncts(p, d, "helped", &mut more);
                    }
                }
            }
            for &y in &acts {
                for o in deps(p, y).filter(|&o| base_rel(p, o) == "obj") {
                    for d in deps(p, o).collect::<Vec<_>>() {
                        if rel(p, d) == "nmod:poss" {
                            more.push((d, "helped-possessor"));
                        }
                    }
                }
            }
        }
        for d in deps(p, x).collect::<Vec<_>>() {
            match base_rel(p, d) {
                "obj" | "iobj" => {
                    with_conjuncts(p, d, "xcomp-obj", &mut more);
                    nominal_preps(p, d, &mut more);
                }
                "obl" => {
                    if let Some(role) = phrase_role(p, d) {
                        with_conjuncts(p, d, role, &mut more);
                    }
                }
                _ => {}
            }
        }
    }
    // "demanded that Belarus release …": the subject of the demanded clause.
    for c in deps(p, h)
        .filter(|&d| rel(p, d) == "ccomp")
        .collect::<Vec<_>>()
    {
        for d in deps(p, c).collect::<Vec<_>>() {
            if rel(p, d) == "nsubj" {
                with_conjuncts(p, d, "ccomp-subject", &mut more);
            }
        }
    }
    // "threatened countermeasures if the Netherlands expanded curbs",
    // "warned of a response unless Kyiv withdrew": whom the condition names,
    // also inside what was said ("warned that Pyongyang would respond if
    // activists kept sending leaflets").
    // ("threatened to respond with force if …": the infinitive's clause
    // carries the condition too.)
    let said: Vec<usize> = deps(p, h)
        .filter(|&d| {
            rel(p, d) == "ccomp"
                || (matches!(rel(p, d), "xcomp" | "advcl") && marked_by(p, d, &["to"]))
        })
        .collect();
    // (The tree may hang the condition as a clausal complement.)
    let nested = said
        .iter()
        .flat_map(|&c| deps(p, c))
        .filter(|&d| rel(p, d) == "ccomp");
    for c in deps(p, h)
        .chain(said.iter().flat_map(|&c| deps(p, c)))
        .filter(|&d| rel(p, d) == "advcl")
        .chain(nested)
        .filter(|&d| marked_by(p, d, &["if", "unless"]))
        .collect::<Vec<_>>()
    {
        for d in deps(p, c).collect::<Vec<_>>() {
            if rel(p, d) == "nsubj" {
                with_conjuncts(p, d, "if-subject", &mut more);
            }
        }
    }
    // "warned it would terminate its gas contract with Spain": the
    // partner named in what the clause's verb acts on, whether the tree
    // hangs the "with" phrase on the object or on the verb (other
    // prepositions on the verb name places, purposes or beneficiaries:
    // "rely on US protection", "targets for the Iraqi resistance").
    for &c in &said {
        let object = deps(p, c).any(|d| rel(p, d) == "obj");
        for d in deps(p, c).collect::<Vec<_>>() {
            match rel(p, d) {
                "obj" => nominal_preps(p, d, &mut more),
                "obl" if object && case_of(p, d).as_deref() == Some("with") => {
                    with_conjuncts(p, d, "with", &mut more);
                }
                _ => {}
            }
        }
    }
    r.recipients.extend(more);
    r
}

/// "talks with X", "negotiations on X": prepositional dependents of a noun.
fn nominal_preps(p: &ParsedSentence, n: usize, out: &mut Vec<(usize, &'static str)>) {
    for d in deps(p, n).collect::<Vec<_>>() {
        match base_rel(p, d) {
            "nmod" => {
                if let Some(role) = phrase_role(p, d) {
                    with_conjuncts(p, d, role, out);
                }
                // "dollars in assistance to Afghanistan": one level deeper.
                for d2 in deps(p, d).collect::<Vec<_>>() {
                    if base_rel(p, d2) == "nmod" {
                        if let Some(role) = phrase_role(p, d2) {
                            with_conjuncts(p, d2, role, out);
                        }
                    }
                }
            }
            // "the budget proposed by President X": X is whose budget it is.
            "acl" => {
                for d2 in deps(p, d).collect::<Vec<_>>() {
                    if base_rel(p, d2) == "obl" && case_of(p, d2).as_deref() == Some("by") {
                        with_conjuncts(p, d2, "obj-by", out);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The trigger word that governs `h` through an infinitive or clausal
/// complement ("agreed to reopen", "threatened to strike"), if `h` is one.
pub fn governing_complement(p: &ParsedSentence, h: usize) -> Option<usize> {
    // ("urged Iran to quash the sentence and release her": a later
    // conjunct of the complement is governed alike.)
    let first = if base_rel(p, h) == "conj" {
        p.head_index(h).filter(|&f| f < h)?
    } else {
        h
    };
    // ("urged Egypt to drop the charges", read as an adverbial clause.)
    let to_clause = base_rel(p, first) == "advcl" && marked_by(p, first, &["to"]);
    if matches!(base_rel(p, first), "xcomp" | "ccomp") || to_clause {
        p.head_index(first)
    } else {
        None
    }
}

/// The first of up to `steps` heads above word `w` for which `hit` holds,
/// climbing from a word only while `climb` holds for it.
pub fn ancestor_where(
    p: &ParsedSentence,
    w: usize,
    steps: usize,
    climb: impl Fn(usize) -> bool,
    hit: impl Fn(usize) -> bool,
) -> Option<usize> {
    let mut cur = w;
    for _ in 0..steps {
        if !climb(cur) {
            return None;
        }
        let h = p.head_index(cur)?;
        if hit(h) {
            return Some(h);
        }
        cur = h;
    }
    None
}

/// The head word of the tree fragment that includes word `i` inside a
/// mention: used to map roles to mentions.
pub fn covers(p: &ParsedSentence, i: usize, a: usize, b: usize) -> bool {
    // The word itself, or one of its compound/flat/appos/amod dependents, lies in [a, b).
    (a..b).contains(&i)
        || deps(p, i).any(|d| {
            (a..b).contains(&d)
                && matches!(
                    base_rel(p, d),
                    "compound" | "flat" | "appos" | "amod" | "nmod" | "det" | "nummod"
                )
        })
}

/// Word `w` heads a clause that is not itself an event report: an infinitive
/// of purpose or plan ("rallied … to demand", "agreed to reopen"), or a
/// participle describing a noun ("a resolution calling for", "jailed former
/// leader"). Relative clauses ("which they seized") and adverbial participles
/// (", reaching a consensus") are events and are kept.
pub fn is_subordinate_non_event(p: &ParsedSentence, w: usize, trigger_words: &[usize]) -> bool {
    let r = rel(p, w);
    let base = base_rel(p, w);
    // "a ship carrying aid": a present participle right after the noun it
    // describes (but a resolution or decree "calling for" something is its
    // issuer's demand).
    if r == "acl"
        && p.xpos[w] == "VBG"
        && p.head_index(w) == w.checked_sub(1)
        && !document_content(p, w)
    {
        return true;
    }
    let to_mark = marked_by(p, w, &["to"]);
    if !(to_mark && matches!(base, "xcomp" | "advcl" | "acl" | "ccomp" | "csubj")) {
        return false;
    }
    // An infinitive is folded into an event above it ("rallied … to demand").
    let mut cur = w;
    for _ in 0..3 {
        let Some(h) = p.head_index(cur) else {
            return false;
        };
        if trigger_words.contains(&h) {
            return true;
        }
        cur = h;
    }
    false
}

/// "congratulated Mahama, praising the transfer of power", "signed the
/// agreement, pledging to end the fighting": a participle clause after a
/// comma, with no subject of its own, elaborating the event word `h` it
/// hangs on. Returns that word.
pub fn elaborating_participle(p: &ParsedSentence, w: usize) -> Option<usize> {
    if base_rel(p, w) != "advcl"
        || p.xpos[w] != "VBG"
        || w == 0
        || p.words[w - 1] != ","
        || deps(p, w).any(|d| base_rel(p, d) == "nsubj")
    {
        return None;
    }
    p.head_index(w).filter(|&h| h < w)
}

/// Nouns of documents that speak for their issuer: "a resolution calling
/// for", "a decree ordering" (not a statement, which reports).
pub fn is_document_noun(lemma: &str) -> bool {
    matches!(
        lemma.to_lowercase().as_str(),
        "resolution" | "decree" | "declaration" | "communique" | "motion" | "bill" | "order"
    )
}

/// A participle saying what an issued document does: "adopted a resolution
/// demanding a ceasefire" (the document the object of a verb).
/// (Issued, not rejected: "vetoed a resolution calling for a ceasefire" is
/// no demand of the vetoing state.)
pub fn document_content(p: &ParsedSentence, w: usize) -> bool {
    base_rel(p, w) == "acl"
        && p.xpos[w] == "VBG"
        && p.head_index(w).is_some_and(|h| {
            is_document_noun(&p.lemma[h])
                && matches!(base_rel(p, h), "obj" | "nsubj:pass")
                && p.head_index(h).is_some_and(|v| {
                    matches!(
                        p.lemma[v].to_lowercase().as_str(),
                        "adopt"
                            | "pass"
                            | "approve"
                            | "sign"
                            | "issue"
                            | "publish"
                            | "unveil"
                            | "table"
                    )
                })
        })
}

/// Whether word `w` lies in a condition ("if the United States and South
/// Korea go ahead with drills", "unless the prime minister stepped down"):
/// its clause, up to the first clausal relation, is marked "if"/"unless".
pub fn in_condition(p: &ParsedSentence, w: usize) -> bool {
    let mut cur = w;
    for _ in 0..4 {
        if marked_by(p, cur, &["if", "unless"]) {
            return true;
        }
        let clausal = matches!(
            base_rel(p, cur),
            "advcl" | "ccomp" | "acl" | "xcomp" | "csubj" | "parataxis" | "root"
        );
        match p.head_index(cur) {
            Some(h) if !clausal => cur = h,
            _ => return false,
        }
    }
    false
}

/// Whether word `w` has a "mark" dependent that is one of `words` ("to",
/// "if", "after" …; lowercase).
pub fn marked_by(p: &ParsedSentence, w: usize, words: &[&str]) -> bool {
    deps(p, w)
        .any(|d| rel(p, d) == "mark" && words.iter().any(|x| p.words[d].eq_ignore_ascii_case(x)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree from CoNLL-U-like rows: (word, upos, xpos, head, deprel).
    fn tree(rows: &[(&str, &str, &str, usize, &str)]) -> ParsedSentence {
        ParsedSentence {
            words: rows.iter().map(|r| r.0.to_string()).collect(),
            upos: rows.iter().map(|r| r.1.to_string()).collect(),
            xpos: rows.iter().map(|r| r.2.to_string()).collect(),
            lemma: rows.iter().map(|r| r.0.to_lowercase()).collect(),
            head: rows.iter().map(|r| r.3).collect(),
            deprel: rows.iter().map(|r| r.4.to_string()).collect(),
        }
    }

    fn arcs(t: &ParsedSentence) -> Vec<(usize, &str)> {
        t.head
            .iter()
            .zip(&t.deprel)
            .map(|(&h, d)| (h, d.as_str()))
            .collect()
    }

    #[test]
    fn a_participle_read_as_a_modifier_between_a_noun_and_its_object_heads_the_clause() {
        // The reading a guided parser gave "Authorities deported migrants
        // through the crossing, officials said."
        let mut t = tree(&[
            ("Authorities", "NOUN", "NNS", 9, "ccomp"),
            ("deported", "VERB", "VBN", 3, "amod"),
            ("migrants", "NOUN", "NNS", 1, "obj"),
            ("through", "ADP", "IN", 6, "case"),
            ("the", "DET", "DT", 6, "det"),
            ("crossing", "NOUN", "NN", 1, "nmod"),
            (",", "PUNCT", ",", 1, "punct"),
            ("officials", "NOUN", "NNS", 9, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
            (".", "PUNCT", ".", 9, "punct"),
        ]);
        raise_verbs_read_as_modifiers(&mut t);
        let a = arcs(&t);
        assert_eq!(a[1], (9, "ccomp"), "the verb takes the noun's place");
        assert_eq!(a[0], (2, "nsubj"));
        assert_eq!(a[2], (2, "obj"));
        assert_eq!(a[5], (2, "obl"), "the noun's phrases go to the verb");
        assert_eq!(t.xpos[1], "VBD");
        // A participle modifying a subject ("Iran backed militias attacked
        // the base") is left alone: its noun holds no object.
        let mut t = tree(&[
            ("Iran", "PROPN", "NNP", 2, "compound"),
            ("backed", "VERB", "VBN", 3, "amod"),
            ("militias", "NOUN", "NNS", 4, "nsubj"),
            ("attacked", "VERB", "VBD", 0, "root"),
            ("the", "DET", "DT", 6, "det"),
            ("base", "NOUN", "NN", 4, "obj"),
        ]);
        let before = t.clone();
        raise_verbs_read_as_modifiers(&mut t);
        assert_eq!(t, before);
    }

    #[test]
    fn a_participle_with_a_subject_before_its_noun_heads_the_clause() {
        // "A court acquitted journalists in a case, lawyers said" read with
        // "acquitted journalists" as a noun phrase.
        let mut t = tree(&[
            ("A", "DET", "DT", 2, "det"),
            ("court", "NOUN", "NN", 3, "nsubj"),
            ("acquitted", "VERB", "VBN", 4, "amod"),
            ("journalists", "NOUN", "NNS", 9, "ccomp"),
            ("in", "ADP", "IN", 7, "case"),
            ("a", "DET", "DT", 7, "det"),
            ("case", "NOUN", "NN", 4, "nmod"),
            ("lawyers", "NOUN", "NNS", 9, "nsubj"),
            ("said", "VERB", "VBD", 0, "root"),
        ]);
        raise_verbs_read_as_modifiers(&mut t);
        let a = arcs(&t);
        assert_eq!(a[2], (9, "ccomp"));
        assert_eq!(a[1], (3, "nsubj"));
        assert_eq!(a[3], (3, "obj"));
    }

    #[test]
    fn an_absolute_with_phrase_names_no_partner() {
        // "France engaged in exchanges, with ties steadily warming".
        let t = tree(&[
            ("France", "PROPN", "NNP", 2, "nsubj"),
            ("engaged", "VERB", "VBD", 0, "root"),
            ("in", "ADP", "IN", 4, "case"),
            ("exchanges", "NOUN", "NNS", 2, "obl"),
            (",", "PUNCT", ",", 7, "punct"),
            ("with", "ADP", "IN", 7, "case"),
            ("ties", "NOUN", "NNS", 2, "obl"),
            ("steadily", "ADV", "RB", 9, "advmod"),
            ("warming", "VERB", "VBG", 2, "advcl"),
        ]);
        assert_eq!(phrase_role(&t, 6), None);
        assert_eq!(phrase_role(&t, 3), None, "\"in\" names no one");
        // "France held talks with Brazil on Monday": a partner.
        let t = tree(&[
            ("France", "PROPN", "NNP", 2, "nsubj"),
            ("held", "VERB", "VBD", 0, "root"),
            ("talks", "NOUN", "NNS", 2, "obj"),
            ("with", "ADP", "IN", 5, "case"),
            ("Brazil", "PROPN", "NNP", 2, "obl"),
            ("on", "ADP", "IN", 7, "case"),
            ("Monday", "PROPN", "NNP", 2, "obl"),
        ]);
        assert_eq!(phrase_role(&t, 4), Some("with"));
    }

    #[test]
    fn a_name_read_inside_a_time_phrase_is_the_verbs_object() {
        // "Smith will visit France next week" read as "France next week".
        let mut t = tree(&[
            ("Smith", "PROPN", "NNP", 3, "nsubj"),
            ("will", "AUX", "MD", 3, "aux"),
            ("visit", "VERB", "VB", 0, "root"),
            ("France", "PROPN", "NNP", 6, "compound"),
            ("next", "ADJ", "JJ", 6, "amod"),
            ("week", "NOUN", "NN", 3, "obl:unmarked"),
        ]);
        names_before_time_phrases(&mut t);
        let a = arcs(&t);
        assert_eq!(a[3], (3, "obj"));
        assert_eq!(a[5], (3, "obl:unmarked"));
        // A verb with an object keeps it ("visit Paris on France Day next
        // week" is not this reading).
        let mut t = tree(&[
            ("visit", "VERB", "VB", 0, "root"),
            ("Paris", "PROPN", "NNP", 1, "obj"),
            ("France", "PROPN", "NNP", 5, "compound"),
            ("next", "ADJ", "JJ", 5, "amod"),
            ("week", "NOUN", "NN", 1, "obl:unmarked"),
        ]);
        let before = t.clone();
        names_before_time_phrases(&mut t);
        assert_eq!(t, before);
    }

    #[test]
    fn a_destination_inside_the_object_of_a_transfer_verb_is_the_verbs() {
        // "extradited a commander of the cartel to France".
        let mut t = tree(&[
            ("Police", "NOUN", "NNS", 2, "nsubj"),
            ("extradited", "VERB", "VBD", 0, "root"),
            ("a", "DET", "DT", 4, "det"),
            ("commander", "NOUN", "NN", 2, "obj"),
            ("of", "ADP", "IN", 7, "case"),
            ("the", "DET", "DT", 7, "det"),
            ("cartel", "NOUN", "NN", 4, "nmod"),
            ("to", "ADP", "IN", 9, "case"),
            ("France", "PROPN", "NNP", 7, "nmod"),
        ]);
        transfer_destinations(&mut t);
        assert_eq!(arcs(&t)[8], (2, "obl"));
        // Other verbs keep the reading ("criticised the letter to France").
        let mut t = tree(&[
            ("Police", "NOUN", "NNS", 2, "nsubj"),
            ("criticised", "VERB", "VBD", 0, "root"),
            ("the", "DET", "DT", 4, "det"),
            ("letter", "NOUN", "NN", 2, "obj"),
            ("to", "ADP", "IN", 6, "case"),
            ("France", "PROPN", "NNP", 4, "nmod"),
        ]);
        transfer_destinations(&mut t);
        assert_eq!(arcs(&t)[5], (4, "nmod"));
    }

    #[test]
    fn a_finite_verb_read_as_an_adjective_takes_back_its_clause() {
        // The reading the parser gave "Beijing threatened retaliation if
        // Lithuania opened a Taiwanese office."
        let mut t = tree(&[
            ("Beijing", "PROPN", "NNP", 2, "nsubj"),
            ("threatened", "VERB", "VBD", 3, "amod"),
            ("retaliation", "NOUN", "NN", 0, "root"),
            ("if", "SCONJ", "IN", 6, "mark"),
            ("Lithuania", "PROPN", "NNP", 6, "nsubj"),
            ("opened", "VERB", "VBD", 3, "advcl"),
            ("a", "DET", "DT", 8, "det"),
            ("office", "NOUN", "NN", 6, "obj"),
            (".", "PUNCT", ".", 3, "punct"),
        ]);
        raise_verbs_read_as_modifiers(&mut t);
        let a = arcs(&t);
        assert_eq!(a[1], (0, "root"));
        assert_eq!(a[2], (2, "obj"));
        assert_eq!(a[5], (2, "advcl"));
        assert_eq!(a[8], (2, "punct"));
        assert_eq!(a[0], (2, "nsubj"));
        // A participle (no tense) before a noun stays an adjective.
        let mut t = tree(&[
            ("the", "DET", "DT", 3, "det"),
            ("threatened", "VERB", "VBN", 3, "amod"),
            ("strike", "NOUN", "NN", 0, "root"),
        ]);
        let before = t.clone();
        raise_verbs_read_as_modifiers(&mut t);
        assert_eq!(t, before);
    }

    #[test]
    fn a_fronted_condition_hangs_on_the_clause_after_its_comma() {
        // "Should the rains fail again, people could be displaced, the
        // agency warned." with the condition made the head.
        let mut t = tree(&[
            ("Should", "AUX", "MD", 4, "aux"),
            ("the", "DET", "DT", 3, "det"),
            ("rains", "NOUN", "NNS", 4, "nsubj"),
            ("fail", "VERB", "VBP", 13, "ccomp"),
            ("again", "ADV", "RB", 4, "advmod"),
            (",", "PUNCT", ",", 9, "punct"),
            ("people", "NOUN", "NNS", 9, "nsubj:pass"),
            ("could", "AUX", "MD", 9, "aux"),
            ("displaced", "VERB", "VBN", 4, "ccomp"),
            (",", "PUNCT", ",", 4, "punct"),
            ("the", "DET", "DT", 12, "det"),
            ("agency", "NOUN", "NN", 13, "nsubj"),
            ("warned", "VERB", "VBD", 0, "root"),
            (".", "PUNCT", ".", 13, "punct"),
        ]);
        lower_fronted_conditions(&mut t);
        let a = arcs(&t);
        assert_eq!(a[8], (13, "ccomp"));
        assert_eq!(a[3], (9, "advcl"));
        assert_eq!(a[9], (9, "punct"));
        assert_eq!(a[4], (4, "advmod"));
        // A question that opens with "Should" and has no such clause is
        // left alone.
        let mut t = tree(&[
            ("Should", "AUX", "MD", 3, "aux"),
            ("we", "PRON", "PRP", 3, "nsubj"),
            ("go", "VERB", "VB", 0, "root"),
            ("?", "PUNCT", ".", 3, "punct"),
        ]);
        let before = t.clone();
        lower_fronted_conditions(&mut t);
        assert_eq!(t, before);
    }

    #[test]
    fn a_subject_listed_with_a_fronted_phrase_goes_back_to_its_verb() {
        // "Over two years, European countries have engaged in exchanges"
        // read with "countries" a conjunct of "years".
        let rows = [
            ("Over", "ADP", "IN", 3, "case"),
            ("two", "NUM", "CD", 3, "nummod"),
            ("years", "NOUN", "NNS", 8, "obl"),
            (",", "PUNCT", ",", 6, "punct"),
            ("European", "ADJ", "JJ", 6, "amod"),
            ("countries", "NOUN", "NNS", 3, "conj"),
            ("have", "AUX", "VBP", 8, "aux"),
            ("engaged", "VERB", "VBN", 0, "root"),
            ("in", "ADP", "IN", 10, "case"),
            ("exchanges", "NOUN", "NNS", 8, "obl"),
        ];
        let mut t = tree(&rows);
        subjects_after_fronted_phrases(&mut t);
        assert_eq!(arcs(&t)[5], (8, "nsubj"));
        // A real list ("in Paris, Lyon and Nice") has its coordinator and a
        // verb with a subject keeps its tree.
        let mut t = tree(&[
            ("They", "PRON", "PRP", 2, "nsubj"),
            ("met", "VERB", "VBD", 0, "root"),
            ("in", "ADP", "IN", 4, "case"),
            ("Paris", "PROPN", "NNP", 2, "obl"),
            (",", "PUNCT", ",", 6, "punct"),
            ("Lyon", "PROPN", "NNP", 4, "conj"),
        ]);
        let before = t.clone();
        subjects_after_fronted_phrases(&mut t);
        assert_eq!(t, before);
    }

    #[test]
    fn a_participle_after_a_document_and_a_place_phrase_modifies_the_document() {
        // "signed a decree in Bishkek pardoning prisoners"
        let rows = [
            ("Japarov", "PROPN", "NNP", 2, "nsubj"),
            ("signed", "VERB", "VBD", 0, "root"),
            ("a", "DET", "DT", 4, "det"),
            ("decree", "NOUN", "NN", 2, "obj"),
            ("in", "ADP", "IN", 6, "case"),
            ("Bishkek", "PROPN", "NNP", 2, "obl"),
            ("pardoning", "VERB", "VBG", 2, "advcl"),
            ("prisoners", "NOUN", "NNS", 7, "obj"),
        ];
        let mut t = tree(&rows);
        attach_reduced_relatives(&mut t);
        assert_eq!(arcs(&t)[6], (4, "acl"));
        // Not so after any other noun: "attacked the village in the north
        // killing five" keeps the participle on the verb.
        let mut rows = rows;
        rows[1].0 = "attacked";
        rows[3].0 = "village";
        let mut t = tree(&rows);
        attach_reduced_relatives(&mut t);
        assert_eq!(arcs(&t)[6], (2, "advcl"));
    }
}
