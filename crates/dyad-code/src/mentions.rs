//! Actor mentions: finds the noun phrases that name political actors
//! (countries, people with their titles, organisations, agents such as
//! "police" or "rebels"), resolves each to country + sector (+ name, title)
//! from the knowledge base and from appositions ("Wang, a Chinese expert"),
//! and marks pronouns, reciprocal phrases ("the two sides") and news outlets.

use dyad_kb::{EntryKind, Kb, Resolved};
use dyad_text::{Span, TokenKind};

use crate::doc::Doc;
use crate::lexicon as lx;

/// What a mention refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Person,
    Organisation,
    Igo,
    Country,
    /// A sector noun with or without a country ("police", "French troops").
    Group,
    Pronoun(lx::Pronoun),
    /// Two actors at once: "the two sides", "both countries".
    Reciprocal,
    /// A news outlet ("Reuters"): a source of the report, never an actor.
    Outlet,
}

/// One mention of an actor in one sentence.
#[derive(Debug, Clone)]
pub struct MentionData {
    pub sent: usize,
    /// Token range `[tok_start, tok_end)` within the sentence.
    pub tok_start: usize,
    pub tok_end: usize,
    /// Byte span (without a leading article).
    pub span: Span,
    pub kind: MentionKind,
    pub name: Option<String>,
    pub title: Option<String>,
    pub country: Option<String>,
    pub sectors: Vec<String>,
    pub igo: Option<String>,
    /// How it was resolved (for the record's `resolved_by`).
    pub how: String,
    /// The entity this mention belongs to (set by coreference).
    pub entity: Option<usize>,
    /// For pronouns and reciprocal mentions: the entities referred to.
    pub refers: Vec<usize>,
    /// This mention is an apposition describing mention `appos_of`.
    pub appos_of: Option<usize>,
    /// Used only as a modifier of a following noun ("Chinese statement").
    pub modifier: bool,
    /// Acts together with another mention of the same sentence (sentence-local
    /// index; global after `find_mentions`): "Egyptian and Qatari mediators",
    /// "soldiers from Kenya and Uganda".
    pub partner_of: Option<usize>,
}

impl MentionData {
    pub fn is_actor_like(&self) -> bool {
        !self.modifier && self.appos_of.is_none() && self.kind != MentionKind::Outlet
    }

    /// A people named by its plural demonym ("Israelis", "Kenyans"), not
    /// the state by its name.
    pub fn names_a_people(&self, doc: &Doc, kb: &Kb) -> bool {
        self.kind == MentionKind::Country
            && doc.sentences[self.sent].tokens[self.tok_end - 1]
                .norm
                .ends_with('s')
            && kb.geo.country_by_name(doc.slice(self.span)).is_none()
    }
}

/// An entity: mentions that name the same actor.
#[derive(Debug, Clone)]
pub struct EntityData {
    pub name: String,
    pub kind: MentionKind,
    pub country: Option<String>,
    pub sectors: Vec<String>,
    pub title: Option<String>,
    pub igo: Option<String>,
    pub mentions: Vec<usize>,
}

/// Per-token knowledge-base label.
#[derive(Debug, Clone, Copy)]
struct KbTok {
    kind: EntryKind,
    entry: usize,
    start: usize,
    end: usize,
}

fn resolve_tokens(kb: &Kb, doc: &Doc, toks: &[&str]) -> Resolved {
    // "pro-Palestinian protesters": the word after "pro-"/"anti-" names
    // no country or sector of theirs.
    if toks.iter().any(|t| matches!(*t, "pro" | "anti")) {
        let kept: Vec<&str> = toks
            .iter()
            .enumerate()
            .filter(|&(i, t)| {
                let prefix = |j: usize| matches!(toks[j], "pro" | "anti");
                let is_prefix = prefix(i) && toks.get(i + 1) == Some(&"-");
                let is_hyphen = *t == "-" && i >= 1 && prefix(i - 1);
                let prefixed = i >= 2 && toks[i - 1] == "-" && prefix(i - 2);
                !(is_prefix || is_hyphen || prefixed)
            })
            .map(|(_, t)| *t)
            .collect();
        return kb.actors.resolve_phrase(&kept, &kb.geo, doc.story_date);
    }
    kb.actors.resolve_phrase(toks, &kb.geo, doc.story_date)
}

/// True when the token looks like part of a proper name.
fn is_name_token(doc: &Doc, s: usize, i: usize) -> bool {
    let t = &doc.sentences[s].tokens[i];
    t.kind == TokenKind::Word
        && t.is_capitalized(doc.text)
        && !lx::is_capitalized_function_word(&t.norm)
}

/// Finds all mentions in the document (sentence by sentence, in order).
pub fn find_mentions(doc: &mut Doc, kb: &Kb) {
    let mut known_name_tokens: Vec<String> = Vec::new();
    for s in 0..doc.sentences.len() {
        let found = sentence_mentions(doc, kb, s, &known_name_tokens);
        for m in &found {
            if m.kind == MentionKind::Person {
                if let Some(n) = &m.name {
                    for w in n.split_whitespace() {
                        let w = w.to_lowercase();
                        if !known_name_tokens.contains(&w) {
                            known_name_tokens.push(w);
                        }
                    }
                }
            }
        }
        let base = doc.mentions.len();
        doc.mentions.extend(found.into_iter().map(|mut m| {
            m.partner_of = m.partner_of.map(|j| base + j);
            m
        }));
    }
}

/// The hyphen at `j` joins two unknown capitalised name parts ("Jean-Noel").
fn is_hyphen_name(doc: &Doc, s: usize, lab: &[Option<KbTok>], j: usize) -> bool {
    let n = doc.sentences[s].tokens.len();
    j > 0
        && j + 1 < n
        && lab[j - 1].is_none()
        && lab[j + 1].is_none()
        && is_name_token(doc, s, j - 1)
        && is_name_token(doc, s, j + 1)
        && doc.sentences[s].tokens[j].span.start == doc.sentences[s].tokens[j - 1].span.end
}

fn in_date(doc: &Doc, s: usize, i: usize) -> bool {
    let sp = doc.sentences[s].tokens[i].span;
    doc.dates[s]
        .iter()
        .any(|d| d.span.start <= sp.start && sp.end <= d.span.end)
}

fn sentence_mentions(doc: &Doc, kb: &Kb, s: usize, known: &[String]) -> Vec<MentionData> {
    let sent = &doc.sentences[s];
    let n = sent.tokens.len();
    let norms = sent.norms();
    let caps = sent.caps(doc.text);

    // Knowledge-base labels. Proper-noun entries need a capital letter.
    let mut lab: Vec<Option<KbTok>> = vec![None; n];
    for m in kb.actors.match_phrases_cased(&norms, &caps) {
        let e = kb.actors.entry(m.entry);
        let needs_cap = !matches!(e.kind, EntryKind::Agent);
        if needs_cap && !caps[m.start..m.end].iter().any(|&c| c) {
            continue;
        }
        // Short acronyms match only in capitals: "UN", not "Kim Jong Un".
        if m.end == m.start + 1
            && matches!(
                e.kind,
                EntryKind::Igo | EntryKind::Organisation | EntryKind::Country
            )
        {
            let t = doc.tok_text(s, m.start, m.end);
            let letters = t.chars().filter(|c| c.is_alphabetic()).count();
            if letters <= 3 && t.chars().any(|c| c.is_lowercase()) {
                continue;
            }
        }
        if (m.start..m.end).any(|i| in_date(doc, s, i)) {
            continue;
        }
        // "in the capital", "the Bangladeshi capital Dhaka": a place, not
        // the government the dictionary's CAPITAL stands for.
        if e.kind == EntryKind::Agent && norms[m.start] == "capital" {
            continue;
        }
        // "general elections", "a general strike": the adjective, not the
        // officer (who is "General Smith", "a general", "the generals").
        if m.end == m.start + 1
            && norms[m.start] == "general"
            && norms.get(m.end).is_some_and(|&nx| {
                nx.chars().all(|c| c.is_ascii_lowercase())
                    && !lx::is_preposition(nx)
                    && !lx::is_conjunction(nx)
                    && !lx::is_auxiliary(nx)
                    && (!kb.verbs.is_verb_form(nx)
                        || matches!(nx, "strike" | "strikes" | "amnesty" | "mobilisation"))
            })
        {
            continue;
        }
        // "pro-Palestinian protesters", "anti-American rallies": the
        // country is what they are for or against, not theirs.
        if m.start >= 2 && norms[m.start - 1] == "-" && matches!(norms[m.start - 2], "pro" | "anti")
        {
            continue;
        }
        // An entry named like a country is that country, whatever its kind;
        // a capital city stands for its country ("Washington said").
        let surface = doc.tok_text(s, m.start, m.end);
        let kind = if kb.geo.country_by_name(surface).is_some() {
            EntryKind::Country
        } else if matches!(e.kind, EntryKind::Country | EntryKind::Place)
            && !kb.geo.cities_named(surface).is_empty()
        {
            // "Paris" listed under France: a city standing for its country.
            EntryKind::Place
        } else if e.kind != EntryKind::Country && kb.geo.country_by_name(&e.name).is_some() {
            EntryKind::Country
        } else {
            e.kind
        };
        for slot in lab.iter_mut().take(m.end).skip(m.start) {
            *slot = Some(KbTok {
                kind,
                entry: m.entry,
                start: m.start,
                end: m.end,
            });
        }
    }

    let mut out: Vec<MentionData> = Vec::new();
    // A dateline ("NAIROBI, March 10 (Reuters) -") names where the story was
    // filed, not who acted: no mentions in it.
    let mut i = if s == 0 && doc.dateline { n } else { 0 };
    while i < n {
        let w = norms[i];
        // Pronouns.
        let poss_det = matches!(w, "his" | "her" | "their" | "its")
            && i + 1 < n
            && (lab[i + 1].is_some() || is_name_token(doc, s, i + 1));
        // Expletive "it" ("It is important for …") refers to nothing.
        let expletive = w == "it"
            && i + 1 < n
            && matches!(
                norms[i + 1],
                "is" | "was" | "has" | "seems" | "appears" | "remains"
            )
            && i + 2 < n
            && !kb.verbs.is_verb_form(norms[i + 2]);
        if expletive {
            i += 1;
            continue;
        }
        // "his country", "the country": a country named earlier; coreference
        // finds which. Not after a locative preposition ("across the
        // country") nor as a possessor ("the country's president").
        if matches!(w, "his" | "her" | "their" | "its" | "the")
            && i + 1 < n
            && matches!(norms[i + 1], "country" | "nation")
            && norms.get(i + 2).is_none_or(|x| *x != "'s")
            && !(i > 0
                && matches!(
                    norms[i - 1],
                    "across"
                        | "in"
                        | "throughout"
                        | "around"
                        | "inside"
                        | "within"
                        | "from"
                        | "of"
                        | "into"
                        | "leave"
                        | "left"
                        | "leaving"
                        | "fled"
                        | "flee"
                        | "entered"
                        | "enter"
                ))
        {
            let how = if w == "the" {
                "definite-country"
            } else {
                "possessive-country"
            };
            let a = if w == "the" { i + 1 } else { i };
            out.push(simple(doc, s, a, i + 2, MentionKind::Country, how));
            i += 2;
            continue;
        }
        if let (Some(p), false) = (lx::pronoun(w), poss_det) {
            out.push(simple(doc, s, i, i + 1, MentionKind::Pronoun(p), "pronoun"));
            i += 1;
            continue;
        }
        // A crowd named by its size alone: "Thousands rallied in Tel Aviv",
        // "tens of thousands marched". Civilians, as people are.
        if let Some(end) =
            crowd_at(kb, &norms, i).filter(|&e| lab[i..e].iter().all(Option::is_none))
        {
            let mut m = simple(doc, s, i, end, MentionKind::Group, "crowd");
            m.sectors = vec!["CVL".into()];
            m.title = Some("people".into());
            out.push(m);
            i = end;
            continue;
        }
        // Reciprocal phrases: "the two sides", "both countries", "the two".
        if let Some(end) = reciprocal_at(&norms, i) {
            out.push(simple(
                doc,
                s,
                i,
                end,
                MentionKind::Reciprocal,
                "reciprocal",
            ));
            i = end;
            continue;
        }
        if !chunk_can_start(doc, s, i, &lab) {
            i += 1;
            continue;
        }
        let end = chunk_end(doc, kb, s, i, &lab, &norms);
        if let Some(m) = evaluate_chunk(doc, kb, s, i, end, &lab, &norms, known) {
            out.push(m);
        }
        i = end.max(i + 1);
    }
    mark_appositions(doc, kb, s, &mut out, &norms);
    mark_roles_after_as(doc, kb, s, &mut out, &norms);
    mark_flag_countries(&mut out, &norms);
    // Country words that are not country names: demonyms ("Indian").
    let demonym: Vec<bool> = out
        .iter()
        .map(|m| {
            m.kind == MentionKind::Country
                && m.tok_end == m.tok_start + 1
                && !matches!(lab[m.tok_start].map(|l| l.kind), Some(EntryKind::Place))
                && kb
                    .geo
                    .country_by_name(doc.tok_text(s, m.tok_start, m.tok_end))
                    .is_none()
        })
        .collect();
    coordinated_groups(&mut out, &norms, &demonym);
    out
}

/// "Egyptian and Qatari mediators": the first demonym names a second group
/// of the same kind. "Soldiers from Kenya and Uganda", "rebels in eastern
/// Congo": a sector noun takes the country of the phrase after it, and a
/// second country there names a partner group.
fn coordinated_groups(out: &mut [MentionData], norms: &[&str], demonym: &[bool]) {
    let n = out.len();
    // Demonym + "and"/"," + group, right to left so that lists chain:
    // "Indian, Japanese and Australian navies".
    for k in (0..n).rev() {
        let demonym = demonym[k];
        if (out[k].modifier || demonym) && out[k].country.is_some() && out[k].sectors.is_empty() {
            let e = out[k].tok_end;
            if e < norms.len() && (norms[e] == "and" || (demonym && norms[e] == ",")) {
                if let Some(j) = (0..n).find(|&j| {
                    out[j].tok_start == e + 1
                        && !out[j].modifier
                        && out[j].kind == MentionKind::Group
                        && out[j].country.is_some()
                }) {
                    let (sectors, title) = (out[j].sectors.clone(), out[j].title.clone());
                    let m = &mut out[k];
                    m.modifier = false;
                    m.kind = MentionKind::Group;
                    m.sectors = sectors;
                    m.title = title;
                    m.how = "coordinated-demonym".into();
                    m.partner_of = Some(j);
                }
            }
        }
    }
    for k in 0..n {
        // Sector noun + from/of/in + country [and country].
        if out[k].kind == MentionKind::Group
            && out[k].country.is_none()
            && !out[k].modifier
            && out[k].igo.is_none()
        {
            let e = out[k].tok_end;
            if e + 1 < norms.len() && matches!(norms[e], "from" | "of" | "in" | "at") {
                let mut at = e + 1;
                if matches!(
                    norms[at],
                    "the" | "eastern" | "western" | "northern" | "southern" | "central"
                ) {
                    at += 1;
                }
                // "from the West African bloc ECOWAS", "of the Islamist
                // group Hamas": a descriptor ending in a generic body noun
                // leads to the name.
                if !(0..n).any(|j| out[j].tok_start == at) {
                    if let Some(j) = (at + 1..(at + 5).min(norms.len())).find(|&j| {
                        matches!(
                            norms[j - 1],
                            "bloc"
                                | "group"
                                | "alliance"
                                | "body"
                                | "grouping"
                                | "coalition"
                                | "movement"
                                | "organisation"
                                | "organization"
                        ) && (at..j - 1)
                            .all(|x| norms[x].chars().all(|c| c.is_alphabetic() || c == '-'))
                            && (0..n).any(|m| out[m].tok_start == j)
                    }) {
                        at = j;
                    }
                }
                // "a delegation from the IMF", "officials of the UN": the
                // group is the international body's.
                let igo = (0..n).find(|&j| {
                    out[j].tok_start == at && out[j].igo.is_some() && out[j].country.is_none()
                });
                if let Some(j) = igo.filter(|_| matches!(norms[e], "from" | "of")) {
                    let (igo, sectors) = (out[j].igo.clone(), out[j].sectors.clone());
                    out[k].igo = igo;
                    if !sectors.is_empty() {
                        out[k].sectors = sectors;
                    }
                    out[k].how = format!("{}+{}-igo", out[k].how, norms[e]);
                    out[j].appos_of = Some(k);
                } else if let Some(j) = (0..n).find(|&j| {
                    out[j].tok_start == at
                        && out[j].country.is_some()
                        && matches!(
                            out[j].kind,
                            MentionKind::Country | MentionKind::Group | MentionKind::Organisation
                        )
                }) {
                    let c = out[j].country.clone();
                    out[k].country = c;
                    out[k].how = format!("{}+{}-country", out[k].how, norms[e]);
                    out[j].appos_of = Some(k);
                    let je = out[j].tok_end;
                    if norms.get(je) == Some(&"and") {
                        // "from Russia and the United States".
                        let at2 = if norms.get(je + 1) == Some(&"the") {
                            je + 2
                        } else {
                            je + 1
                        };
                        if let Some(j2) =
                            (0..n).find(|&x| out[x].tok_start == at2 && out[x].country.is_some())
                        {
                            // The second country's part of the group acts with it.
                            let sectors = out[k].sectors.clone();
                            let m2 = &mut out[j2];
                            if m2.sectors.is_empty() {
                                m2.sectors = sectors;
                            }
                            m2.partner_of = Some(k);
                        }
                    }
                }
            }
        }
    }
}

fn simple(doc: &Doc, s: usize, a: usize, b: usize, kind: MentionKind, how: &str) -> MentionData {
    MentionData {
        sent: s,
        tok_start: a,
        tok_end: b,
        span: doc.sentences[s].tok_span(a, b),
        kind,
        name: None,
        title: None,
        country: None,
        sectors: Vec::new(),
        igo: None,
        how: how.to_string(),
        entity: None,
        refers: Vec::new(),
        appos_of: None,
        modifier: false,
        partner_of: None,
    }
}

/// "thousands", "tens of thousands", "hundreds of thousands" as the subject
/// of a verb (not "thousands of troops"): the end of the phrase.
fn crowd_at(kb: &Kb, norms: &[&str], i: usize) -> Option<usize> {
    let size = |w: &str| {
        matches!(
            w,
            "thousands" | "hundreds" | "dozens" | "scores" | "millions"
        )
    };
    let end = match norms[i] {
        "tens" | "hundreds"
            if norms.get(i + 1) == Some(&"of") && norms.get(i + 2) == Some(&"thousands") =>
        {
            i + 3
        }
        w if size(w) => i + 1,
        _ => return None,
    };
    // Not part of a longer phrase ("the thousands who fled") and followed
    // by a verb.
    let starts_clause = i == 0
        || matches!(
            norms[i - 1],
            "," | "and" | "as" | "when" | "while" | "after"
        );
    let verb_next = norms
        .get(end)
        .is_some_and(|w| *w != "of" && is_probably_verb(kb, w));
    (starts_clause && verb_next).then_some(end)
}

fn reciprocal_at(norms: &[&str], i: usize) -> Option<usize> {
    let w = norms[i];
    let next = norms.get(i + 1).copied();
    let next2 = norms.get(i + 2).copied();
    if w == "both" {
        if let Some(h) = next {
            if lx::is_reciprocal_head(h) && h != "two" && h != "both" {
                return Some(i + 2);
            }
        }
        if matches!(next, Some("of")) && matches!(next2, Some("them")) {
            return Some(i + 3);
        }
        return None;
    }
    if w == "the" && next == Some("two") {
        // "the two sides", "the two defense ministers", or bare "the two".
        let mut j = i + 2;
        while j < norms.len() && j < i + 5 {
            if lx::is_reciprocal_head(norms[j]) && norms[j] != "two" {
                return Some(j + 1);
            }
            if !norms[j].chars().all(|c| c.is_alphabetic()) {
                break;
            }
            j += 1;
        }
        return Some(i + 2);
    }
    None
}

fn chunk_can_start(doc: &Doc, s: usize, i: usize, lab: &[Option<KbTok>]) -> bool {
    let t = &doc.sentences[s].tokens[i];
    if t.kind != TokenKind::Word && t.kind != TokenKind::Number {
        return false;
    }
    if in_date(doc, s, i) {
        return false;
    }
    let w = t.norm.as_str();
    lab[i].is_some()
        || (lx::is_determiner(w) && w != "that")
        || lx::is_number_word(w)
        || lx::is_honorific(w)
        || is_name_token(doc, s, i)
        || (t.kind == TokenKind::Number && i + 1 < doc.sentences[s].tokens.len())
}

/// Extends a chunk from `a`; returns its exclusive end.
fn chunk_end(
    doc: &Doc,
    kb: &Kb,
    s: usize,
    a: usize,
    lab: &[Option<KbTok>],
    norms: &[&str],
) -> usize {
    let sent = &doc.sentences[s];
    let n = norms.len();
    let mut j = a;
    let mut content = false;
    while j < n {
        let w = norms[j];
        let tk = &sent.tokens[j];
        if in_date(doc, s, j) {
            break;
        }
        if let Some(l) = lab[j] {
            // Two countries side by side are two mentions ("China France").
            let country_like = |k: EntryKind| matches!(k, EntryKind::Country | EntryKind::Place);
            if j > a && country_like(l.kind) && lab[j - 1].is_some_and(|p| country_like(p.kind)) {
                break;
            }
            content = true;
            j = l.end.max(j + 1);
            continue;
        }
        if is_name_token(doc, s, j) || lx::is_honorific(w) {
            content = true;
            j += 1;
            continue;
        }
        // A hyphenated given name: "Jean-Noel Barrot".
        if w == "-" && content && j + 1 < n && is_hyphen_name(doc, s, lab, j) {
            j += 1;
            continue;
        }
        if !content
            && (lx::is_determiner(w) || lx::is_number_word(w) || tk.kind == TokenKind::Number)
        {
            j += 1;
            continue;
        }
        // Possessive inside a chunk: "China's Minister", "the UK's highest-ranking
        // military official", not "Dong's visit".
        if w == "'s" && content && j + 1 < n {
            if lab[j + 1].is_some() || is_name_token(doc, s, j + 1) {
                j += 1;
                continue;
            }
            if let Some(e) = agent_ahead(kb, lab, norms, j + 1) {
                j = e;
                continue;
            }
        }
        // "of"/"for"/"and"/"the" inside capitalised names and titles:
        // "Minister of National Defense", "Chief of the Defense Staff of the UK".
        if content && matches!(w, "of" | "for" | "and" | "the" | "on") && j + 1 < n {
            let mut k = j + 1;
            if norms[k] == "the" && k + 1 < n {
                k += 1;
            }
            let next_cap = is_name_token(doc, s, k)
                || (lab[k].is_some() && sent.tokens[k].is_capitalized(doc.text));
            let prev_cap = sent.tokens[j - 1].is_capitalized(doc.text);
            // "and" only continues a name that is clearly one organisation so far.
            let and_ok = w != "and"
                || (norms[a..j].contains(&"of")
                    && !matches!(lab[k].map(|l| l.kind), Some(EntryKind::Country)));
            if next_cap && prev_cap && and_ok && w != "the" {
                j = k;
                continue;
            }
        }
        // A verb right after a country or person name is the name's
        // predicate, not a modifier: "Russia deployed troops", "Pakistan
        // massed troops" (but "Russian armed forces": a demonym).
        // The same after an agent noun ("Saudi authorities executed three
        // men", "the army called up reservists") when the word is clearly a
        // verb form.
        let after_name = j > a
            && (lab[j - 1].is_some_and(|l| l.kind == EntryKind::Country)
                || (lab[j - 1].is_none() && is_name_token(doc, s, j - 1)));
        let after_head =
            j > a && lab[j - 1].is_some_and(|l| l.kind != EntryKind::Demonym && l.end == j);
        // (Also the past tenses spelt like the base: "soldiers beat
        // villagers", "police hit protesters".)
        let past_after_plural = after_head
            && (norms[j - 1].ends_with('s') || norms[j - 1] == "police")
            && (w.ends_with("ed") || lx::is_bare_past(w));
        if (after_name && kb.verbs.is_verb_form(w))
            || (after_head && (is_probably_verb(kb, w) || past_after_plural))
        {
            break;
        }
        // Lowercase modifiers before an agent head: "a Chinese military affairs expert".
        if tk.kind == TokenKind::Word && w.chars().all(|c| c.is_alphabetic() || c == '-') {
            if let Some(e) = agent_ahead(kb, lab, norms, j) {
                content = true;
                j = e;
                continue;
            }
        }
        break;
    }
    j
}

/// When up to four modifier words from `j` lead to an agent noun
/// ("highest-ranking military official"), the end of that agent.
fn agent_ahead(kb: &Kb, lab: &[Option<KbTok>], norms: &[&str], j: usize) -> Option<usize> {
    let n = norms.len();
    let mut k = j;
    while k < n && k < j + 5 {
        if let Some(l) = lab[k] {
            return (l.kind == EntryKind::Agent).then_some(l.end);
        }
        let w = norms[k];
        let wordish = w == "-" || w.chars().all(|c| c.is_alphabetic());
        if !wordish
            || lx::is_preposition(w)
            || lx::is_conjunction(w)
            || lx::is_reporting_verb(w)
            || lx::is_auxiliary(w)
            || lx::is_determiner(w)
            || lx::is_clause_opener(w)
            || matches!(
                w,
                "since"
                    | "until"
                    | "while"
                    | "after"
                    | "before"
                    | "because"
                    | "when"
                    | "where"
                    | "as"
                    | "than"
                    | "once"
                    | "unless"
                    | "although"
                    | "though"
                    | "whether"
            )
        {
            return None;
        }
        // A verb form starts a clause ("drone strike killed three
        // fighters") unless it stands right before the agent ("armed forces").
        // ("quit the West …": a phrase opening with "the" is no head of
        // the word before it.)
        let agent_next = lab
            .get(k + 1)
            .is_some_and(|l| l.is_some_and(|l| l.kind == EntryKind::Agent))
            && norms.get(k + 1) != Some(&"the");
        if (is_probably_verb(kb, w) || (k > j && kb.verbs.is_verb_form(w))) && !agent_next {
            return None;
        }
        if kb.verbs.is_verb_form(w) && norms.get(k + 1) == Some(&"the") {
            return None;
        }
        // "police formally accused former President X": an adverb before
        // a verb form opens a predicate, however close the next agent is.
        // ("the newly elected president" stays one phrase.)
        if w.len() > 4
            && w.ends_with("ly")
            && !matches!(
                w,
                "newly"
                    | "recently"
                    | "democratically"
                    | "popularly"
                    | "duly"
                    | "freshly"
                    | "previously"
                    | "formerly"
                    | "internationally"
                    | "widely"
            )
            && norms
                .get(k + 1)
                .is_some_and(|nx| kb.verbs.is_verb_form(nx) && !lx::is_auxiliary(nx))
        {
            return None;
        }
        k += 1;
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn evaluate_chunk(
    doc: &Doc,
    kb: &Kb,
    s: usize,
    a0: usize,
    b: usize,
    lab: &[Option<KbTok>],
    norms: &[&str],
    known: &[String],
) -> Option<MentionData> {
    let sent = &doc.sentences[s];
    // Skip leading articles for the mention's text.
    let mut a = a0;
    while a < b && matches!(norms[a], "the" | "a" | "an" | "both") {
        a += 1;
    }
    if a >= b {
        return None;
    }
    let kinds: Vec<Option<EntryKind>> = (a..b).map(|i| lab[i].map(|l| l.kind)).collect();
    let has = |k: EntryKind| kinds.contains(&Some(k));

    // Trailing run of unknown capitalised tokens = a proper name.
    let mut name_start = b;
    while name_start > a {
        let i = name_start - 1;
        let name_word = lab[i].is_none() && is_name_token(doc, s, i) && !lx::is_org_head(norms[i]);
        if name_word || (norms[i] == "-" && i > a && is_hyphen_name(doc, s, lab, i)) {
            name_start -= 1;
        } else {
            break;
        }
    }
    let caps_run_has_org_head =
        (a..b).any(|i| lx::is_org_head(norms[i]) && sent.tokens[i].is_capitalized(doc.text));
    let text_lower = norms[a..b].join(" ");
    // "Sea of Japan", "Strait of Hormuz", "Gulf of Aden": places, not actors.
    if sent.tokens[a].is_capitalized(doc.text) && lab[a].is_none() && is_geo_head(norms[a]) {
        return None;
    }
    // "the South China Sea", "the Taiwan Strait", "the Korean Peninsula":
    // a name ending in a geographic head is a place, not its country.
    if b - 1 > a
        && sent.tokens[b - 1].is_capitalized(doc.text)
        && lab[b - 1].is_none()
        && is_geo_head(norms[b - 1])
        && norms[b - 1] != "port"
    {
        return None;
    }

    let mut m = simple(doc, s, a, b, MentionKind::Group, "");
    m.span = sent.tok_span(a, b);

    // News outlets.
    let is_outlet = lx::is_outlet_name(&text_lower)
        || doc.source.as_deref().is_some_and(|src| {
            src.to_lowercase().trim_start_matches("the ") == text_lower.trim_start_matches("the ")
        });
    if is_outlet {
        m.kind = MentionKind::Outlet;
        m.name = Some(doc.slice(m.span).trim_start_matches("the ").to_string());
        m.how = "outlet".into();
        return Some(m);
    }

    // A dictionary person, organisation or IGO anywhere in the chunk.
    // (An entry whose name is a country's is the country, whatever its kind.)
    let named = (a..b).rev().find_map(|i| {
        lab[i].filter(|l| {
            matches!(
                l.kind,
                EntryKind::Person | EntryKind::Organisation | EntryKind::Igo
            ) && kb
                .geo
                .country_by_name(&kb.actors.entry(l.entry).name)
                .is_none()
        })
    });

    let name_len = b - name_start;
    // A dictionary entry that is only the title before an unknown name
    // ("German Chancellor Olaf Scholz") does not name the chunk.
    let named = named.filter(|l| {
        !(name_len >= 2 && l.end <= name_start && !lx::is_org_head(norms[name_start - 1]))
    });
    let title_tokens = a..name_start;
    let has_title = title_tokens.clone().any(|i| {
        matches!(lab[i].map(|l| l.kind), Some(EntryKind::Agent)) || lx::is_honorific(norms[i])
    });
    let known_single = name_len == 1 && known.iter().any(|k| k == norms[name_start]);
    let followed_by_speech = b < norms.len()
        && (lx::is_reporting_verb(norms[b])
            || (name_len == 1
                && kb.verbs.is_verb_form(norms[b])
                && (norms[b].ends_with("ed")
                    || kb
                        .verbs
                        .lemma_of(norms[b])
                        .is_some_and(|l| l != norms[b] && !norms[b].ends_with('s')))));

    if let Some(l) = named {
        let e = kb.actors.entry(l.entry);
        let code = e.code_at(doc.story_date);
        let titled = (a..l.start).any(|i| matches!(lab[i].map(|x| x.kind), Some(EntryKind::Agent)));
        let org_word = (l.start..l.end).any(|i| lx::is_org_head(norms[i]));
        m.kind = match e.kind {
            EntryKind::Person => MentionKind::Person,
            EntryKind::Organisation if titled && !org_word => MentionKind::Person,
            EntryKind::Igo => MentionKind::Igo,
            _ => MentionKind::Organisation,
        };
        m.name = Some(
            e.name
                .trim_start_matches("The ")
                .trim_start_matches("THE ")
                .to_string(),
        );
        m.how = format!("dictionary:{}", e.name);
        if let Some(c) = code {
            m.country = c.country.clone();
            m.sectors = c.sectors.clone();
            m.igo = c.igo.clone();
        }
        // Titles around a dictionary person refine the sector.
        let rest: Vec<&str> = (a..b)
            .filter(|i| !(l.start..l.end).contains(i))
            .map(|i| norms[i])
            .collect();
        if !rest.is_empty() {
            let r = resolve_tokens(kb, doc, &rest);
            // The article's own title ("UN Secretary-General", "Tanzanian
            // President") beats a dictionary code that may be out of date.
            let title_before = (a..l.start).any(|i| lab[i].is_some());
            if title_before
                && (r.country.is_some() || r.igo.is_some())
                && (r.country != m.country || r.igo != m.igo)
            {
                m.country = r.country.clone();
                m.igo = r.igo.clone();
                m.sectors.clear();
                m.how = format!("{}+title", m.how);
            }
            // The title's sector comes first too ("President X" is GOV
            // whatever role the dictionary remembers).
            if title_before && !r.sectors.is_empty() {
                m.sectors.retain(|x| !r.sectors.contains(x));
                let mut t = r.sectors.clone();
                t.append(&mut m.sectors);
                m.sectors = t;
            }
            if m.country.is_none() {
                m.country = r.country.clone();
            }
            // A head noun after the name decides the sector: "the Taliban
            // government" is a government.
            let head_after =
                l.end < b && matches!(lab[b - 1].map(|x| x.kind), Some(EntryKind::Agent));
            let institution = r
                .sectors
                .first()
                .is_some_and(|x| matches!(x.as_str(), "GOV" | "LEG" | "JUD" | "COP" | "PTY"));
            if head_after && institution {
                m.sectors.retain(|x| !r.sectors.contains(x));
                let mut head = r.sectors.clone();
                head.append(&mut m.sectors);
                m.sectors = head;
            } else {
                for sct in r.sectors {
                    if !m.sectors.contains(&sct) {
                        m.sectors.push(sct);
                    }
                }
            }
            if l.start > a {
                m.title = Some(doc.tok_text(s, a, l.start).to_string());
            }
        }
        return Some(m);
    }

    // "Russian Foreign Ministry spokeswoman Maria Zakharova": a titled name
    // is a person even when the title mentions an organisation.
    let titled_name = name_len >= 2
        && name_start > a
        && matches!(lab[name_start - 1].map(|l| l.kind), Some(EntryKind::Agent))
        && !(name_start..b)
            .any(|i| lx::is_org_head(norms[i]) || lx::is_non_person_name_word(norms[i]));
    if caps_run_has_org_head && !titled_name {
        // "Beijing Foreign Studies University", "China's Ministry of National Defense".
        let mut org_start = a;
        // The organisation name starts after a leading country possessive.
        if let Some(p) = (a..b).position(|i| norms[i] == "'s") {
            org_start = a + p + 1;
        }
        let r = resolve_tokens(kb, doc, &norms[a..b]);
        m.kind = MentionKind::Organisation;
        m.name = Some(doc.tok_text(s, org_start, b).to_string());
        m.country = r.country;
        m.sectors = r.sectors;
        m.igo = r.igo;
        m.how = "organisation name".into();
        // "Bangladesh Nationalist Party", "the opposition Congress party":
        // a party by its name.
        let party = |w: &str| matches!(w, "party" | "parties");
        if party(norms[b - 1]) || norms.get(b).copied().is_some_and(party) {
            if !party(norms[b - 1]) {
                m.tok_end = b + 1;
                m.span = sent.tok_span(a, b + 1);
            }
            m.sectors.retain(|x| x != "PTY" && x != "LEG");
            m.sectors.insert(0, "PTY".into());
        }
        return Some(m);
    }

    // Names of wars, regions, events and places are not people; nor are
    // hyphenated capitalised compounds ("Anti-Fascist") or "X of Y" tails.
    let name_ok = name_len >= 1
        && !(name_start..b).any(|i| lx::is_non_person_name_word(norms[i]))
        && (name_start == 0 || !matches!(norms[name_start - 1], "of" | "-"))
        && (b >= norms.len() || norms[b] != "-");
    if name_ok && (name_len >= 2 || has_title || known_single || followed_by_speech) {
        // A person: title tokens before the name resolve country and sector.
        let r = if name_start > a {
            resolve_tokens(kb, doc, &norms[a..name_start])
        } else {
            Resolved::default()
        };
        m.kind = MentionKind::Person;
        m.name = Some(doc.tok_text(s, name_start, b).to_string());
        m.country = r.country;
        m.sectors = r.sectors;
        m.igo = r.igo;
        // Title: the words between a country possessive/demonym and the name.
        let mut t0 = a;
        while t0 < name_start
            && (matches!(
                lab[t0].map(|l| l.kind),
                Some(EntryKind::Country) | Some(EntryKind::Demonym) | Some(EntryKind::Place)
            ) || norms[t0] == "'s"
                || lx::is_determiner(norms[t0]))
        {
            t0 += 1;
        }
        if t0 < name_start {
            m.title = Some(doc.tok_text(s, t0, name_start).to_string());
        }
        m.how = if has_title {
            "name with title".into()
        } else {
            "name".into()
        };
        return Some(m);
    }

    if name_len > 0
        && (name_start == a || !name_ok)
        && !has(EntryKind::Country)
        && !has(EntryKind::Demonym)
        && !has(EntryKind::Agent)
    {
        // An unknown single capitalised word: not enough to call it an actor.
        return None;
    }

    // Countries, demonyms, agents.
    let has_actorish = has(EntryKind::Country)
        || has(EntryKind::Demonym)
        || has(EntryKind::Agent)
        || has(EntryKind::Place);
    if !has_actorish {
        return None;
    }
    let r = resolve_tokens(kb, doc, &norms[a..b]);
    if r.country.is_none() && r.sectors.is_empty() && r.igo.is_none() {
        return None;
    }
    m.country = r.country;
    m.sectors = r.sectors;
    m.igo = r.igo;
    let only_country = (a..b).all(|i| {
        matches!(
            lab[i].map(|l| l.kind),
            Some(EntryKind::Country) | Some(EntryKind::Place)
        ) || norms[i] == "'s"
    });
    m.kind = if m.igo.is_some() {
        MentionKind::Igo
    } else if only_country {
        MentionKind::Country
    } else {
        MentionKind::Group
    };
    if m.kind == MentionKind::Group && has(EntryKind::Agent) {
        let t0 = (a..b)
            .find(|&i| matches!(lab[i].map(|l| l.kind), Some(EntryKind::Agent)))
            .unwrap_or(a);
        m.title = Some(doc.tok_text(s, t0, b).to_string());
    }
    m.how = "dictionary".into();
    // A city after a locative preposition is where something happens, not who.
    let mut before = if a > 0 { norms[a - 1] } else { "" };
    // "hit out at Pyongyang", "lashed out at Beijing": the capital is the
    // target of the words, not a place.
    if before == "at" && a > 1 && norms[a - 2] == "out" {
        before = "";
    }
    if (a..b).all(|i| matches!(lab[i].map(|l| l.kind), Some(EntryKind::Place)))
        && matches!(
            before,
            "in" | "at"
                | "near"
                | "outside"
                | "from"
                | "off"
                | "around"
                | "along"
                | "across"
                | "inside"
                | "within"
                | "over"
        )
    {
        m.modifier = true;
    }

    // A country word or demonym directly before a noun modifies it ("Chinese
    // statement", "China-France relations"), unless the noun is a side noun.
    let next = norms.get(b).copied();
    let next_is_word = next.is_some_and(|w| w.chars().all(|c| c.is_alphabetic()))
        && b < sent.tokens.len()
        && !sent.tokens[b].is_capitalized(doc.text);
    let last_kind = lab[b - 1].map(|l| l.kind);
    if let Some(nw) = next {
        if lx::is_side_noun(nw) {
            m.tok_end = b + 1;
            m.span = sent.tok_span(a, b + 1);
            m.kind = MentionKind::Country;
            m.how = "side".into();
            // "Sudan's main opposition party": a political party, not a side.
            if matches!(nw, "party" | "parties") && has(EntryKind::Agent) {
                m.kind = MentionKind::Group;
                m.sectors.insert(0, "PTY".into());
                m.how = "party".into();
            }
            return Some(m);
        }
        // "Russian forces", "Ukraine's forces": a country's armed forces.
        if matches!(nw, "forces" | "force")
            && matches!(
                last_kind,
                Some(EntryKind::Demonym) | Some(EntryKind::Country)
            )
            && m.sectors.is_empty()
        {
            m.tok_end = b + 1;
            m.span = sent.tok_span(a, b + 1);
            m.kind = MentionKind::Group;
            m.sectors = vec!["MIL".into()];
            m.title = Some(nw.to_string());
            m.how = "dictionary+forces".into();
            return Some(m);
        }
    }
    let ends_in_modifier = matches!(
        last_kind,
        Some(EntryKind::Demonym) | Some(EntryKind::Country) | Some(EntryKind::Place)
    ) || (last_kind == Some(EntryKind::Agent)
        && !norms[b - 1].ends_with('s'));
    // "demanded that Turkey withdraw …": after "that", a bare verb form
    // is the clause's verb, not a noun the name modifies.
    // So is a past tense spelled like its base after a country name ("Iran
    // put its forces on alert", "Kenya cut ties").
    // The same after an agent noun: "Mali's government cut diplomatic ties".
    let place_like = matches!(last_kind, Some(EntryKind::Country) | Some(EntryKind::Place));
    let verb_follows = matches!(
        last_kind,
        Some(EntryKind::Country) | Some(EntryKind::Place) | Some(EntryKind::Agent)
    ) && (((place_like || last_kind == Some(EntryKind::Agent))
        && subject_after_subordinator(doc, s, lab, norms, a)
        && next.is_some_and(|w| kb.verbs.is_verb_form(w) && kb.actors.agent(w).is_none()))
        || next.is_some_and(lx::is_bare_past));
    // "help Somalia train police", "let Ukraine strike": after a causative
    // verb the name is the object and the next word its bare verb.
    let after_causative = a > 0
        && matches!(
            norms[a - 1],
            "help" | "helps" | "helped" | "helping" | "let" | "lets" | "letting"
        )
        && next.is_some_and(|w| {
            kb.verbs.is_verb_form(w)
                || (w.chars().all(|c| c.is_ascii_lowercase())
                    && !["tion", "ment", "ity", "ance", "ence", "s"]
                        .iter()
                        .any(|x| w.ends_with(x)))
        });
    if (next == Some("-") && ends_in_modifier)
        || (next_is_word
            && ends_in_modifier
            && !verb_follows
            && !after_causative
            && !lx::is_reporting_verb(next.unwrap_or(""))
            && !is_probably_verb(kb, next.unwrap_or(""))
            && !lx::is_conjunction(next.unwrap_or(""))
            && !lx::is_preposition(next.unwrap_or(""))
            && !lx::is_clause_opener(next.unwrap_or(""))
            && !is_adverbial(next.unwrap_or(""))
            // "gave Laos a loan": a determiner starts a new phrase.
            && !lx::is_determiner(next.unwrap_or(""))
            && !matches!(
                next.unwrap_or(""),
                "has"
                    | "have"
                    | "had"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "will"
                    | "would"
                    | "also"
                    | "earlier"
                    | "later"
                    | "on"
                    | "not"
                    | "did"
                    | "does"
                    | "do"
                    | "could"
                    | "can"
                    | "may"
                    | "might"
                    | "must"
                    | "should"
                    | "to"
            ))
    {
        m.modifier = true;
    }
    // "North Korean missile launches", "drone strikes": a weapon word
    // before a noun it names the kind of is no actor.
    if last_kind == Some(EntryKind::Agent)
        && lx::is_weapon_word(norms[b - 1])
        && next.is_some_and(lx::is_weapon_compound_head)
    {
        m.modifier = true;
    }
    // "China-France ...": the part after a hyphen is a modifier too when the
    // compound is followed by a noun.
    let tight_hyphen =
        a > 0 && norms[a - 1] == "-" && sent.tokens[a - 1].span.end == sent.tokens[a].span.start;
    if tight_hyphen && next_is_word && !is_probably_verb(kb, next.unwrap_or("")) {
        m.modifier = true;
    }
    // "an army post", "a police station", "a television station": a
    // force's facility or vehicle stands for the force, as "military base"
    // does, and a broadcaster's station for the broadcaster.
    let owned = next.is_some_and(|w| match m.sectors.first().map(String::as_str) {
        Some("MIL" | "COP") => lx::is_facility_noun(w),
        Some("JRN") => matches!(
            w,
            "station" | "stations" | "channel" | "channels" | "network"
        ),
        _ => false,
    });
    if m.modifier && m.country.is_none() && owned {
        m.modifier = false;
        m.tok_end = b + 1;
        m.span = sent.tok_span(a, b + 1);
        m.how = "dictionary+facility".into();
    }
    Some(m)
}

/// Whether the phrase starting at `a` opens a finite clause after "that",
/// "if", "unless", "after" …, possibly as a later conjunct: "demanded that
/// Turkey withdraw", "if the United States and South Korea go ahead".
fn subject_after_subordinator(
    doc: &Doc,
    s: usize,
    lab: &[Option<KbTok>],
    norms: &[&str],
    a: usize,
) -> bool {
    let mut i = a;
    while i > 0 && i + 8 > a {
        i -= 1;
        let w = norms[i];
        if lx::is_clause_opener(w) {
            return true;
        }
        let inside =
            lab[i].is_some() || is_name_token(doc, s, i) || matches!(w, "the" | "and" | "'s" | ",");
        if !inside {
            return false;
        }
    }
    false
}

fn is_probably_verb(kb: &Kb, w: &str) -> bool {
    kb.verbs.starts_verb_form(w)
        && (w.ends_with("ed")
            || w.ends_with('s')
            || w.ends_with("ing")
            || kb.verbs.lemma_of(w).is_some_and(|l| l != w))
}

/// "Name, a Chinese military affairs expert, …": the phrase after the comma
/// describes the name before it.
fn mark_appositions(doc: &Doc, kb: &Kb, s: usize, out: &mut [MentionData], norms: &[&str]) {
    let n = norms.len();
    for k in 0..out.len() {
        if !matches!(out[k].kind, MentionKind::Person | MentionKind::Organisation) {
            continue;
        }
        let e = out[k].tok_end;
        if e + 1 >= n || norms[e] != "," {
            continue;
        }
        // The apposition runs to the next comma, sentence end, or reporting verb.
        let mut f = e + 1;
        while f < n
            && norms[f] != ","
            && norms[f] != "."
            && !lx::is_reporting_verb(norms[f])
            && norms[f] != ";"
        {
            f += 1;
        }
        if f == e + 1 || f - (e + 1) > 24 {
            continue;
        }
        // It must start like a description: article, demonym, title, or country.
        let first_ok = lx::is_determiner(norms[e + 1])
            || out.iter().any(|o| {
                o.tok_start == e + 1 || (o.tok_start == e + 2 && lx::is_determiner(norms[e + 1]))
            });
        if !first_ok {
            continue;
        }
        // A finite verb ends the description: "Speaking at the Assembly,
        // North Korean leader Kim Jong Un threatened …" is a clause.
        // (A relative clause inside the description may have its own: "a
        // professor who advised the government".)
        // ("the jailed leader of …": a participle after a determiner is
        // an adjective.)
        let own =
            (e + 1..f).take_while(|&j| !matches!(norms[j], "who" | "which" | "that" | "whose"));
        if own.clone().any(|j| {
            let w = norms[j];
            is_probably_verb(kb, w)
                && !w.ends_with('s')
                && !(lx::is_determiner(norms[j - 1]) || norms[j - 1] == "'s")
        }) {
            continue;
        }
        let r = resolve_tokens(kb, doc, &norms[e + 1..f]);
        if out[k].kind == MentionKind::Person
            && out[k].country.is_none()
            && r.country.is_none()
            && r.sectors.is_empty()
        {
            continue;
        }
        for (j, o) in out.iter_mut().enumerate() {
            if j != k && o.tok_start > e && o.tok_end <= f && o.kind != MentionKind::Outlet {
                o.appos_of = Some(k);
            }
        }
        let m = &mut out[k];
        if m.country.is_none() {
            m.country = r.country.clone();
        }
        if m.sectors.is_empty() {
            m.sectors = r.sectors.clone();
        } else {
            for sct in &r.sectors {
                if !m.sectors.contains(sct) {
                    m.sectors.push(sct.clone());
                }
            }
        }
        if m.igo.is_none() {
            m.igo = r.igo.clone();
        }
        if m.title.is_none() {
            let mut t0 = e + 1;
            while t0 < f && lx::is_determiner(norms[t0]) {
                t0 += 1;
            }
            if t0 < f {
                m.title = Some(doc.tok_text(s, t0, f).to_string());
            }
        }
        m.how = format!("{}+apposition", m.how);
    }
}

/// "Alberto Otarola resigned as Peru's prime minister", "Kamla
/// Persad-Bissessar was sworn in as prime minister": the office named after
/// "as" is the person's, where no other source gives one.
fn mark_roles_after_as(doc: &Doc, kb: &Kb, s: usize, out: &mut [MentionData], norms: &[&str]) {
    let n = norms.len();
    for m in out.iter_mut() {
        if m.kind != MentionKind::Person || m.country.is_some() {
            continue;
        }
        // The verb of taking or leaving an office, then "as".
        let e = m.tok_end;
        let mut v = e;
        while v < n && v < e + 5 && is_office_verb_word(norms[v]) {
            v += 1;
        }
        if v == e || v >= n || norms[v] != "as" || !is_office_verb_word(norms[e]) {
            continue;
        }
        let a = v + 1;
        let mut f = a;
        while f < n
            && f < a + 8
            && !matches!(
                norms[f],
                "," | "." | ";" | "on" | "in" | "after" | "amid" | "following"
            )
        {
            f += 1;
        }
        if f == a {
            continue;
        }
        let r = resolve_tokens(kb, doc, &norms[a..f]);
        if r.country.is_none() || r.sectors.is_empty() {
            continue;
        }
        m.country = r.country;
        m.sectors = r.sectors;
        if m.title.is_none() {
            m.title = Some(doc.tok_text(s, a, f).to_string());
        }
        m.how = format!("{}+role-after-as", m.how);
    }
}

/// "a Marshall Islands-flagged oil tanker", "a Lebanese-owned company": a
/// body named with no country of its own takes that of its flag, register
/// or owner ("Iranian-backed" or "Chinese-made" say nothing of whose it is).
fn mark_flag_countries(out: &mut [MentionData], norms: &[&str]) {
    for k in 0..out.len() {
        let a = out[k].tok_start;
        if out[k].kind != MentionKind::Group || out[k].country.is_some() || a < 3 {
            continue;
        }
        if norms[a - 2] != "-"
            || !matches!(norms[a - 1], "flagged" | "registered" | "owned" | "based")
        {
            continue;
        }
        let flag = out
            .iter()
            .find(|m| m.tok_end == a - 2 && m.country.is_some())
            .and_then(|m| m.country.clone());
        if let Some(c) = flag {
            out[k].country = Some(c);
            out[k].how = format!("{}+flag", out[k].how);
        }
    }
}

/// Words of "resigned", "stepped down", "was sworn in", "took office",
/// "was appointed": verbs by which a person takes or leaves an office.
fn is_office_verb_word(w: &str) -> bool {
    matches!(
        w,
        "resigned"
            | "resigns"
            | "quit"
            | "quits"
            | "stepped"
            | "steps"
            | "down"
            | "was"
            | "is"
            | "has"
            | "been"
            | "sworn"
            | "in"
            | "appointed"
            | "named"
            | "elected"
            | "re"
            | "-"
            | "reelected"
            | "took"
            | "takes"
            | "office"
            | "served"
            | "serves"
            | "remains"
            | "remained"
            | "replaced"
            | "succeeded"
            | "confirmed"
            | "installed"
    )
}

/// Words after a noun phrase that do not make it a modifier ("Iran last week").
fn is_adverbial(w: &str) -> bool {
    matches!(
        w,
        "last"
            | "next"
            | "this"
            | "early"
            | "late"
            | "earlier"
            | "later"
            | "yesterday"
            | "today"
            | "tomorrow"
            | "ago"
            | "again"
            | "too"
            | "since"
            | "until"
            | "while"
            | "when"
            | "after"
            | "before"
            | "over"
            | "once"
            | "now"
            | "then"
            | "already"
            | "still"
            | "jointly"
            | "together"
            | "instead"
            | "overnight"
            | "recently"
            | "soon"
            | "first"
            | "respectively"
            | "themselves"
            | "itself"
            | "himself"
            | "herself"
            | "alone"
            | "directly"
            | "back"
            | "home"
            | "abroad"
            | "there"
            | "here"
            | "either"
            | "both"
            | "each"
            | "who"
            | "which"
    ) || (w.ends_with("ly") && w.len() > 4)
}

fn is_geo_head(w: &str) -> bool {
    matches!(
        w,
        "sea"
            | "ocean"
            | "gulf"
            | "bay"
            | "strait"
            | "straits"
            | "river"
            | "lake"
            | "mount"
            | "mountains"
            | "cape"
            | "isthmus"
            | "canal"
            | "peninsula"
            | "desert"
            | "valley"
            | "port"
            | "region"
            | "province"
            | "state"
            | "city"
            | "town"
            | "village"
    )
}
