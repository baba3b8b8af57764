//! Syntax: tags and parses sentences with `dyad-parse` and reads who did
//! what to whom off the dependency tree — subjects (through coordination,
//! participles and relative clauses), objects, passive "by" agents, and the
//! prepositional phrases ("with X", "for X", "to X") of verbs and event nouns.

use dyad_parse::ParsedSentence;

use crate::doc::Doc;

/// Parses every sentence that has at least one actor-like mention (the only
/// sentences where an event can be coded).
pub fn parse_sentences(doc: &mut Doc) {
    let mut wanted = vec![false; doc.sentences.len()];
    for m in &doc.mentions {
        if m.is_actor_like() {
            wanted[m.sent] = true;
        }
    }
    for (s, want) in wanted.into_iter().enumerate() {
        if !want {
            continue;
        }
        let sent = &doc.sentences[s];
        let words: Vec<String> = sent
            .tokens
            .iter()
            .map(|t| {
                // The treebank writes straight quotes and apostrophes.
                let w = doc.slice(t.span);
                if w.chars().any(|c| matches!(c, '’' | '‘' | '“' | '”')) {
                    w.replace(['’', '‘'], "'").replace(['“', '”'], "\"")
                } else {
                    w.to_string()
                }
            })
            .collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let parsed = dyad_parse::parse(&refs);
        if parsed.len() == sent.tokens.len() {
            doc.sentences[s].parse = Some(parsed);
        }
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
fn with_conjuncts(p: &ParsedSentence, i: usize, how: &'static str, out: &mut Vec<(usize, &'static str)>) {
    out.push((i, how));
    for d in deps(p, i).collect::<Vec<_>>() {
        if rel(p, d) == "conj" && matches!(p.upos[d].as_str(), "NOUN" | "PROPN" | "PRON") {
            out.push((d, how));
        }
    }
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
        "from" => "from",
        "into" => "into",
        "at" => "at",
        _ => return None,
    })
}

/// The subject of verb `v`, climbing through coordination ("visited France
/// and held talks"), participial and purpose clauses (", reaching a
/// consensus"), and relative clauses ("the rebels who attacked").
fn subject_of(p: &ParsedSentence, v: usize, depth: usize, out: &mut Vec<(usize, &'static str)>) -> bool {
    if depth > 4 {
        return false;
    }
    let mut found = false;
    for d in deps(p, v).collect::<Vec<_>>() {
        match rel(p, d) {
            "nsubj" | "csubj" => {
                with_conjuncts(p, d, if depth == 0 { "nsubj" } else { "inherited-subject" }, out);
                found = true;
            }
            _ => {}
        }
    }
    if found {
        return true;
    }
    let Some(h) = p.head_index(v) else { return false };
    match base_rel(p, v) {
        // "X visited France and held talks": the conjunct shares the subject.
        "conj" | "xcomp" | "advcl" => subject_of(p, h, depth + 1, out),
        // "the rebels who attacked …": the modified noun.
        "acl" if rel(p, v) == "acl:relcl" || p.xpos[v] == "VBG" => {
            out.push((h, "relative-clause"));
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
                "nmod" | "obl" => match case_of(p, d).as_deref() {
                    Some("by") => with_conjuncts(p, d, "by-agent", &mut r.actors),
                    Some(c) => {
                        if let Some(role) = prep_role(c) {
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
                if matches!(base_rel(p, h), "obj" | "obl" | "nsubj:pass") && p.upos[v] == "VERB" {
                    subject_of(p, v, 1, &mut r.actors);
                    for d in deps(p, v).collect::<Vec<_>>() {
                        if d != h && base_rel(p, d) == "obl" {
                            if let Some(role) = case_of(p, d).as_deref().and_then(prep_role) {
                                with_conjuncts(p, d, role, &mut r.recipients);
                            }
                        }
                    }
                }
            }
        }
        return r;
    }
    r.passive = deps(p, h).any(|d| rel(p, d) == "aux:pass") || deps(p, h).any(|d| rel(p, d) == "nsubj:pass");
    for d in deps(p, h).collect::<Vec<_>>() {
        match rel(p, d) {
            "nsubj:pass" => with_conjuncts(p, d, "passive-subject", &mut r.recipients),
            "obj" | "iobj" => with_conjuncts(p, d, "obj", &mut r.recipients),
            "obl" | "obl:agent" => match case_of(p, d).as_deref() {
                Some("by") if r.passive || rel(p, d) == "obl:agent" => {
                    with_conjuncts(p, d, "by-agent", &mut r.actors)
                }
                Some(c) => {
                    if let Some(role) = prep_role(c) {
                        with_conjuncts(p, d, role, &mut r.recipients);
                    }
                }
                None => {}
            },
            _ => {}
        }
    }
    if r.actors.is_empty() && !r.passive {
        subject_of(p, h, 0, &mut r.actors);
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
    // Objects first, then prepositional recipients in sentence order.
    r.recipients.sort_by_key(|&(i, how)| (how != "obj" && how != "passive-subject", i));
    r
}

/// The head word of the tree fragment that includes word `i` inside a
/// mention: used to map roles to mentions.
pub fn covers(p: &ParsedSentence, i: usize, a: usize, b: usize) -> bool {
    // The word itself, or one of its compound/flat/appos/amod dependents, lies in [a, b).
    (a..b).contains(&i)
        || deps(p, i).any(|d| {
            (a..b).contains(&d)
                && matches!(base_rel(p, d), "compound" | "flat" | "appos" | "amod" | "nmod" | "det" | "nummod")
        })
}
