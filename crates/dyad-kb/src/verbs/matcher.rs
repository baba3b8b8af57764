//! Matching verb forms and their blocks' patterns against a sentence's
//! lowercase tokens; picks the most specific pattern per verb token.

use super::{Alts, Code, Elem, FxSet, Pattern, TriggerMatch, VerbDict};

/// Ordinary tokens that may be skipped between two pattern words.
const MAX_GAP: usize = 4;
/// Gap allowed after a `^` (skip a phrase).
const SKIP_GAP: usize = 8;

/// Tokens skipped for free: determiners, possessives, hyphens, quotes.
fn is_free(t: &str) -> bool {
    matches!(
        t,
        "the"
            | "a"
            | "an"
            | "its"
            | "his"
            | "her"
            | "their"
            | "our"
            | "my"
            | "your"
            | "this"
            | "these"
            | "those"
            | "'s"
            | "'"
            | "-"
            | "\""
            | "``"
            | "''"
    )
}

/// Words that start a new clause after a comma.
fn starts_clause(t: &str) -> bool {
    matches!(
        t,
        "and"
            | "but"
            | "or"
            | "while"
            | "whereas"
            | "although"
            | "though"
            | "because"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "where"
            | "when"
            | "saying"
            | "adding"
            | "said"
            | "says"
            | "as"
            | "after"
            | "before"
            | "since"
            | "if"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "it"
    )
}

/// Whether token `i` ends a clause (patterns never match across it).
fn is_boundary(toks: &[&str], i: usize) -> bool {
    match toks[i] {
        "." | ";" | ":" | "?" | "!" | "--" => true,
        "," => toks.get(i + 1).is_some_and(|t| starts_clause(t)),
        _ => false,
    }
}

/// "and" / "but" before a past-tense verb starts a new clause ("expelled
/// the ambassador and ended military cooperation"): a pattern never spans it.
/// Plural nouns that are also verb forms ("arms and supplies") do not count.
fn is_clause_conjunction(d: &VerbDict, toks: &[&str], i: usize) -> bool {
    if !matches!(toks[i], "and" | "but" | "then") {
        return false;
    }
    let Some(&w) = toks.get(i + 1) else {
        return false;
    };
    !w.ends_with('s') && !w.ends_with("ing") && d.lemma_of(w).is_some_and(|l| l != w)
}

/// Prepositions: a pattern word that is not itself a preposition is never
/// found beyond one ("provides a context for Dong" is not "provides Dong"),
/// unless the pattern says to skip a phrase (`^`).
fn is_prep(t: &str) -> bool {
    matches!(
        t,
        "of" | "for"
            | "in"
            | "on"
            | "at"
            | "with"
            | "to"
            | "from"
            | "by"
            | "about"
            | "against"
            | "over"
            | "into"
            | "onto"
            | "after"
            | "before"
            | "during"
            | "under"
            | "between"
            | "among"
            | "through"
            | "without"
            | "within"
            | "across"
            | "toward"
            | "towards"
            | "including"
            | "despite"
            | "amid"
            | "than"
    )
}

/// Token `i` stops the search for a non-preposition pattern word: a
/// preposition (not the first half of a hyphenated word: "in - depth") or a
/// comma.
/// Numbers and units of amount ("300", "million", "tonnes", "dollars").
/// Nouns that count or group what follows their "of" ("a round of
/// sanctions", "a package of measures", "a wave of arrests").
fn is_partitive(t: &str) -> bool {
    matches!(
        t,
        "round"
            | "rounds"
            | "package"
            | "packages"
            | "series"
            | "set"
            | "sets"
            | "wave"
            | "waves"
            | "batch"
            | "batches"
            | "raft"
            | "slew"
            | "string"
            | "spate"
            | "flurry"
            | "barrage"
            | "volley"
            | "tranche"
            | "consignment"
            | "number"
            | "host"
            | "range"
            | "list"
    )
}

fn is_amount(t: &str) -> bool {
    t.bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        || matches!(
            t,
            "million"
                | "billion"
                | "thousand"
                | "thousands"
                | "hundred"
                | "hundreds"
                | "dozens"
                | "tonnes"
                | "tons"
                | "dollars"
                | "euros"
                | "pounds"
                | "yuan"
                | "yen"
                | "rupees"
                | "$"
                | "€"
                | "£"
                | "worth"
                | "truckloads"
                | "shipments"
                | "consignments"
                | "packages"
                | "doses"
                | "kilograms"
                | "litres"
                | "liters"
                | "barrels"
                | "metric"
                | "some"
        )
}

fn is_barrier(toks: &[&str], i: usize) -> bool {
    // "released about $1.1 billion", "sent over 500 tonnes": a preposition
    // before an amount says how much, it opens no phrase.
    let approx = matches!(toks[i], "about" | "around" | "over" | "under" | "nearly")
        && toks
            .get(i + 1)
            .is_some_and(|n| is_amount(n) && !n.is_empty() && *n != "some" && *n != "worth");
    toks[i] == "," || (is_prep(toks[i]) && toks.get(i + 1) != Some(&"-") && !approx)
}

/// Tokens after which a capitalised word is sentence-initial, not a name.
fn opens_sentence(t: &str) -> bool {
    matches!(
        t,
        "\"" | "``" | "'" | "`" | "(" | "[" | ":" | "--" | "-" | "." | "!" | "?" | ";" | "\u{201c}"
    )
}

/// Which tokens read as (part of) a name: capitalised and not
/// sentence-initial. All false for headline-style text.
fn name_like(toks: &[&str], caps: &[bool]) -> Vec<bool> {
    let cap = |i: usize| caps.get(i).copied().unwrap_or(false);
    let long: Vec<usize> = (0..toks.len())
        .filter(|&i| toks[i].len() > 3 && toks[i].chars().next().is_some_and(|c| c.is_alphabetic()))
        .collect();
    let capped = long.iter().filter(|&&i| cap(i)).count();
    if long.len() >= 3 && capped * 10 >= long.len() * 6 {
        return vec![false; toks.len()];
    }
    (0..toks.len())
        .map(|i| cap(i) && i > 0 && !opens_sentence(toks[i - 1]))
        .collect()
}

struct Ctx<'a> {
    toks: &'a [&'a str],
    boundary: Vec<bool>,
    /// Capitalised, non-initial tokens (empty when matching uncased).
    name: Vec<bool>,
    proper: &'a FxSet<Box<str>>,
    /// "to" tokens that mark an infinitive ("efforts to stabilise"): the
    /// word after them is the base form of a dictionary verb.
    infinitive: Vec<bool>,
}

#[derive(Default)]
struct State {
    matched: Vec<usize>,
    target: Option<usize>,
    source: Option<usize>,
    gaps: usize,
    /// Gaps between the words before the verb (`IN *`) and the verb.
    left_gaps: usize,
}

impl Ctx<'_> {
    /// Matches `alt` starting at `s`, allowing a `-` token between its words;
    /// returns the end (exclusive).
    fn alt_at(&self, s: usize, alt: &[Box<str>]) -> Option<usize> {
        let mut p = s;
        for (k, w) in alt.iter().enumerate() {
            if k > 0 && self.toks.get(p) == Some(&"-") {
                p += 1;
            }
            if self.toks.get(p) != Some(&&**w) {
                return None;
            }
            if self.is_name(p) && !self.proper.contains(w) {
                return None;
            }
            p += 1;
        }
        Some(p)
    }

    fn is_name(&self, i: usize) -> bool {
        self.name.get(i).copied().unwrap_or(false)
    }

    /// Matches a unit's parts on consecutive tokens from `s` (first matching
    /// alternative of each part); returns the end (exclusive).
    fn unit_at(&self, s: usize, parts: &[Alts]) -> Option<usize> {
        let mut p = s;
        for (k, alts) in parts.iter().enumerate() {
            if k > 0 && self.toks.get(p) == Some(&"-") {
                p += 1;
            }
            p = alts.iter().find_map(|a| self.alt_at(p, a))?;
        }
        Some(p)
    }

    fn push_span(&self, st: &mut State, s: usize, e: usize) {
        st.matched.extend((s..e).filter(|&i| self.toks[i] != "-"));
    }

    /// Matches the rest of a multi-word verb form from `s` (a `-` may
    /// precede each word); returns the end (exclusive).
    fn rest_at(&self, s: usize, rest: &[Box<str>]) -> Option<usize> {
        let mut p = s;
        for w in rest {
            if self.toks.get(p) == Some(&"-") {
                p += 1;
            }
            if self.toks.get(p) != Some(&&**w) {
                return None;
            }
            p += 1;
        }
        // A particle before a day or month opens a date, not a phrasal
        // verb: "called on Friday" is no "call on".
        if !rest.is_empty() && self.opens_date(p) {
            return None;
        }
        Some(p)
    }

    /// Whether the words before `end` are "on"/"in"/"upon" and the word at
    /// `end` a day or month: a date, not a preposition of the pattern
    /// ("called on Friday" is no "call on").
    fn opens_date(&self, end: usize) -> bool {
        end > 0
            && matches!(self.toks[end - 1], "on" | "upon" | "in")
            && self
                .toks
                .get(end)
                .is_some_and(|t| crate::is_day_or_month(t))
    }

    /// Whether the preposition at `s` belongs to the noun before it: "the
    /// border with Finland" names a place, not a partner of the act.
    fn noun_owns_prep(&self, s: usize) -> bool {
        s > 0
            && self.toks[s] == "with"
            && matches!(
                self.toks[s - 1],
                "border" | "borders" | "frontier" | "frontiers" | "boundary"
            )
    }

    /// Forward matching of `elems[k..]` from token `pos`.
    fn fwd(&self, elems: &[Elem], k: usize, pos: usize, max_gap: usize, st: &mut State) -> bool {
        let Some(e) = elems.get(k) else {
            return true;
        };
        let n = self.toks.len();
        match e {
            Elem::Skip => self.fwd(elems, k + 1, pos, SKIP_GAP, st),
            Elem::Compound | Elem::Group(_) => self.fwd(elems, k + 1, pos, max_gap, st),
            Elem::Target | Elem::Source => {
                let mut p = pos;
                while p < n && is_free(self.toks[p]) && !self.boundary[p] {
                    p += 1;
                }
                if p >= n || self.boundary[p] || self.toks[p] == "," {
                    return false;
                }
                let slot = if matches!(e, Elem::Target) {
                    &mut st.target
                } else {
                    &mut st.source
                };
                let old = slot.replace(p);
                if self.fwd(elems, k + 1, p + 1, MAX_GAP, st) {
                    return true;
                }
                if matches!(e, Elem::Target) {
                    st.target = old;
                } else {
                    st.source = old;
                }
                false
            }
            Elem::Unit(parts) => {
                let stop_at_prep = max_gap < SKIP_GAP && !is_prep_unit(parts);
                let mut gap = 0;
                let mut s = pos;
                // Only amounts skipped so far: "30 tonnes of [supplies]",
                // "300 million dollars of [debt]" pass through their "of".
                let mut amounts = false;
                while s < n && !self.boundary[s] {
                    let closes_phrase =
                        matches!(elems.get(k + 1), Some(Elem::Group(g)) if g.is_empty());
                    if let Some(end) = self.unit_at(s, parts).filter(|&end| {
                        let owned_prep = self.noun_owns_prep(s) && !st.matched.contains(&(s - 1));
                        // "efforts to stabilise": a bare "(TO)" phrase
                        // needs a noun after it, not a verb.
                        let infinitive = self.infinitive[s] && end == s + 1 && closes_phrase;
                        let modifies_agent = self.toks.get(end).is_some_and(|w| is_agent_head(w));
                        !(self.opens_date(end) || owned_prep || infinitive || modifies_agent)
                    }) {
                        let len = st.matched.len();
                        self.push_span(st, s, end);
                        st.gaps += gap;
                        if self.fwd(elems, k + 1, end, MAX_GAP, st) {
                            return true;
                        }
                        st.gaps -= gap;
                        st.matched.truncate(len);
                    }
                    // A date between the verb and the rest ("called on
                    // Monday for a ceasefire") is no gap and no barrier.
                    if self.opens_date(s + 1) {
                        s += 2;
                        continue;
                    }
                    let through_of = amounts && self.toks[s] == "of";
                    if stop_at_prep && is_barrier(self.toks, s) && !through_of {
                        break;
                    }
                    if through_of {
                        // The amount and its "of" do not count as a gap.
                        gap = 0;
                        amounts = false;
                        s += 1;
                        continue;
                    }
                    let amount = is_amount(self.toks[s]);
                    if !is_free(self.toks[s]) {
                        // "a fresh round of [sanctions]", "a new package
                        // of [aid]": a partitive noun passes its "of" too.
                        amounts = is_partitive(self.toks[s]) || ((gap == 0 || amounts) && amount);
                    }
                    // Amounts do not count as a gap: "gave Yemen $1.2
                    // billion", "sent 30 tonnes".
                    if amount && self.toks[s] != "some" {
                        s += 1;
                        continue;
                    }
                    // A name counts once: "found far-right leader Marine
                    // Le Pen guilty".
                    let name_goes_on = s > pos && self.is_name(s) && self.is_name(s - 1);
                    if !is_free(self.toks[s]) && !name_goes_on {
                        gap += 1;
                        if gap > max_gap {
                            break;
                        }
                    }
                    s += 1;
                }
                false
            }
        }
    }

    /// Backward matching of `elems[..k]` (last first) ending before `pos`.
    fn bwd(&self, elems: &[Elem], k: usize, pos: usize, max_gap: usize, st: &mut State) -> bool {
        if k == 0 {
            return true;
        }
        let e = &elems[k - 1];
        match e {
            // `^` before the verb widens the gap to the element before it.
            Elem::Skip => self.bwd(elems, k - 1, pos, SKIP_GAP, st),
            Elem::Compound | Elem::Group(_) => self.bwd(elems, k - 1, pos, max_gap, st),
            Elem::Target | Elem::Source => {
                let mut p = pos;
                while p > 0 && is_free(self.toks[p - 1]) && !self.boundary[p - 1] {
                    p -= 1;
                }
                if p == 0 || self.boundary[p - 1] || self.toks[p - 1] == "," {
                    return false;
                }
                let at = p - 1;
                let is_target = matches!(e, Elem::Target);
                let old = if is_target {
                    st.target.replace(at)
                } else {
                    st.source.replace(at)
                };
                if self.bwd(elems, k - 1, at, MAX_GAP, st) {
                    return true;
                }
                if is_target {
                    st.target = old;
                } else {
                    st.source = old;
                }
                false
            }
            Elem::Unit(parts) => {
                let stop_at_prep = max_gap < SKIP_GAP && !is_prep_unit(parts);
                let mut gap = 0;
                let mut s = pos;
                while s > 0 && !self.boundary[s - 1] {
                    s -= 1;
                    // The unit must end at or before `pos`, with at most
                    // `max_gap` ordinary tokens between.
                    if let Some(end) = self.unit_at(s, parts).filter(|&e| e <= pos) {
                        let between = (end..pos).filter(|&i| !is_free(self.toks[i])).count();
                        let blocked = stop_at_prep && (end..pos).any(|i| is_barrier(self.toks, i));
                        if between <= max_gap && !blocked {
                            let len = st.matched.len();
                            self.push_span(st, s, end);
                            st.gaps += between;
                            st.left_gaps += between;
                            if self.bwd(elems, k - 1, s, MAX_GAP, st) {
                                return true;
                            }
                            st.gaps -= between;
                            st.left_gaps -= between;
                            st.matched.truncate(len);
                        }
                    }
                    if !is_free(self.toks[s]) {
                        gap += 1;
                        // Allow for multi-word units ending near `pos`.
                        if gap > max_gap + 4 {
                            break;
                        }
                    }
                }
                false
            }
        }
    }

    /// Tries a pattern for a verb occupying tokens `[head, end)`.
    fn try_pattern(&self, p: &Pattern, head: usize, end: usize, st: &mut State) -> bool {
        st.matched.clear();
        st.target = None;
        st.source = None;
        st.gaps = 0;
        st.left_gaps = 0;
        self.fwd(&p.post, 0, end, MAX_GAP, st) && self.bwd(&p.pre, p.pre.len(), head, MAX_GAP, st)
    }
}

/// The chosen reading of one verb token.
struct Cand {
    score: usize,
    origin: usize,
    gaps: usize,
    end: usize,
    verb: usize,
    /// (block, pattern index) or None for the verb's default code.
    pattern: Option<(usize, usize)>,
    matched: Vec<usize>,
    target: Option<usize>,
    source: Option<usize>,
}

impl Cand {
    fn key(&self) -> (usize, bool, std::cmp::Reverse<usize>, usize, usize) {
        (
            self.score,
            self.pattern.is_some(),
            std::cmp::Reverse(self.gaps),
            self.origin,
            self.end,
        )
    }
}

/// Nouns of people or bodies that a pattern word before them only
/// modifies: "detained aid workers" detains people, not aid.
fn is_agent_head(w: &str) -> bool {
    matches!(
        w,
        "worker"
            | "workers"
            | "agency"
            | "agencies"
            | "staff"
            | "staffer"
            | "staffers"
            | "volunteer"
            | "volunteers"
            | "official"
            | "officials"
            | "organisation"
            | "organisations"
            | "organization"
            | "organizations"
            | "negotiator"
            | "negotiators"
            | "activist"
            | "activists"
            | "campaigner"
            | "campaigners"
            | "junta"
            | "juntas"
            | "government"
            | "regime"
            | "ruler"
            | "rulers"
            | "leader"
            | "leaders"
            | "chief"
            | "chiefs"
            | "commander"
            | "commanders"
            | "spokesman"
            | "spokesperson"
            | "spokeswoman"
    )
}

/// Whether `w` is the base form of a dictionary verb ("stabilise", "visit"),
/// so that a "to" before it marks an infinitive rather than a `(TO …)`
/// phrase. Nouns that double as verbs after "to" are excepted ("took them
/// to court", "came to power").
fn is_base_verb(d: &VerbDict, w: &str) -> bool {
    !matches!(
        w,
        "court" | "power" | "office" | "trial" | "war" | "task" | "justice"
    ) && d.forms.get(w).is_some_and(|refs| {
        refs.iter()
            .any(|r| r.rest.is_empty() && *d.verbs[r.verb].lemma == *w)
    })
}

/// True when every alternative of the unit's first part is a preposition.
fn is_prep_unit(parts: &[Alts]) -> bool {
    parts
        .first()
        .is_some_and(|alts| alts.iter().all(|a| a.first().is_some_and(|w| is_prep(w))))
}

pub(super) fn find_triggers(
    d: &VerbDict,
    toks: &[&str],
    caps: Option<&[bool]>,
) -> Vec<TriggerMatch> {
    let n = toks.len();
    let ctx = Ctx {
        toks,
        boundary: (0..n)
            .map(|i| is_boundary(toks, i) || is_clause_conjunction(d, toks, i))
            .collect(),
        name: caps.map(|c| name_like(toks, c)).unwrap_or_default(),
        proper: &d.proper,
        infinitive: (0..n)
            .map(|i| toks[i] == "to" && toks.get(i + 1).is_some_and(|w| is_base_verb(d, w)))
            .collect(),
    };
    let present: FxSet<&str> = toks.iter().copied().collect();
    let mut st = State::default();
    let mut found: Vec<TriggerMatch> = Vec::new();

    for head in 0..n {
        let Some(refs) = d.forms.get(toks[head]) else {
            continue;
        };
        // A capitalised word inside a sentence is a name ("Grant", "March").
        if ctx.is_name(head) {
            continue;
        }
        let mut best: Option<Cand> = None;
        for r in refs {
            let Some(end) = ctx.rest_at(head + 1, &r.rest) else {
                continue;
            };
            let verb = &d.verbs[r.verb];
            let block = &d.blocks[verb.block];
            let extra = r.rest.len();
            for (pi, p) in block.patterns.iter().enumerate() {
                if !p.anchor.is_empty() && !p.anchor.iter().any(|a| present.contains(&**a)) {
                    continue;
                }
                if !ctx.try_pattern(p, head, end, &mut st) {
                    continue;
                }
                // A null pattern ([---]) with words before the verb blocks
                // one idiom ("in condemning"): only where those words stand
                // next to it ("the embassy in Paris condemned" is an event).
                if st.left_gaps > 0 && resolve(&p.code).is_none() {
                    continue;
                }
                let cand = Cand {
                    origin: p.source,
                    score: st.matched.len() + extra,
                    gaps: st.gaps,
                    end,
                    verb: r.verb,
                    pattern: Some((verb.block, pi)),
                    matched: st.matched.clone(),
                    target: st.target,
                    source: st.source,
                };
                if best.as_ref().is_none_or(|b| cand.key() > b.key()) {
                    best = Some(cand);
                }
            }
            if !d.verb_code(verb).is_none() {
                let cand = Cand {
                    origin: 0,
                    score: extra,
                    gaps: 0,
                    end,
                    verb: r.verb,
                    pattern: None,
                    matched: Vec::new(),
                    target: None,
                    source: None,
                };
                if best.as_ref().is_none_or(|b| cand.key() > b.key()) {
                    best = Some(cand);
                }
            }
        }
        let Some(c) = best else {
            continue;
        };
        let verb = &d.verbs[c.verb];
        let (code, text, specificity) = match c.pattern {
            Some((b, pi)) => {
                let p = &d.blocks[b].patterns[pi];
                (&p.code, p.text.clone(), c.score)
            }
            None => (d.verb_code(verb), String::new(), c.score),
        };
        let Some((code, reverse_code, roles_reversed)) = resolve(code) else {
            continue;
        };
        let mut tokens: Vec<usize> = (head..c.end).filter(|&i| toks[i] != "-").collect();
        tokens.extend(c.matched);
        tokens.sort_unstable();
        tokens.dedup();
        found.push(TriggerMatch {
            head,
            tokens,
            code,
            reverse_code,
            target_tok: c.target,
            source_tok: c.source,
            block: d.blocks[verb.block].name.clone(),
            pattern: text,
            lemma: verb.lemma.clone(),
            specificity,
            roles_reversed,
        });
    }
    drop_consumed(found)
}

/// (code, reverse code, roles reversed) or None for `[---]`.
fn resolve(c: &Code) -> Option<(String, Option<String>, bool)> {
    match (&c.code, &c.reverse) {
        (Some(a), b) => Some((a.clone(), b.clone(), false)),
        (None, Some(b)) => Some((b.clone(), None, true)),
        (None, None) => None,
    }
}

/// Drops triggers whose head word was consumed by a more specific trigger
/// ("held talks": "talks" is part of HOLD's pattern, not a verb of its own).
fn drop_consumed(mut found: Vec<TriggerMatch>) -> Vec<TriggerMatch> {
    if found.len() < 2 {
        return found;
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(found[i].specificity), found[i].head));
    let mut keep = vec![true; found.len()];
    for (oi, &i) in order.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        for &j in &order[oi + 1..] {
            if keep[j] && found[i].specificity > 0 && found[i].tokens.contains(&found[j].head) {
                keep[j] = false;
            }
        }
    }
    let mut k = keep.into_iter();
    found.retain(|_| k.next().unwrap_or(true));
    found
}
