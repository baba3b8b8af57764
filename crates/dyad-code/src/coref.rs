//! Coreference: groups mentions into entities ("Dong Jun" … "Dong"), and
//! points pronouns ("he", "his") and reciprocal phrases ("the two sides") at
//! the entities they stand for.

use dyad_kb::Kb;

use crate::doc::Doc;
use crate::lexicon::Pronoun;
use crate::mentions::{EntityData, MentionData, MentionKind};

fn name_tokens(n: &str) -> Vec<String> {
    n.split_whitespace().map(|w| w.to_lowercase()).collect()
}

/// Same person when one name's words all appear in the other's ("Dong" ⊂ "Dong Jun").
fn same_person(a: &str, b: &str) -> bool {
    let ta = name_tokens(a);
    let tb = name_tokens(b);
    if ta.is_empty() || tb.is_empty() {
        return false;
    }
    let (short, long) = if ta.len() <= tb.len() {
        (&ta, &tb)
    } else {
        (&tb, &ta)
    };
    short.iter().all(|w| long.contains(w))
}

fn merge_info(e: &mut EntityData, m: &MentionData) {
    if e.country.is_none() {
        e.country = m.country.clone();
    }
    for s in &m.sectors {
        if !e.sectors.contains(s) {
            e.sectors.push(s.clone());
        }
    }
    if e.title.is_none() {
        e.title = m.title.clone();
    }
    if e.igo.is_none() {
        e.igo = m.igo.clone();
    }
    if let Some(n) = &m.name {
        if m.kind == MentionKind::Person
            && n.split_whitespace().count() > e.name.split_whitespace().count()
        {
            e.name = n.clone();
        }
    }
}

fn entity_key_match(e: &EntityData, m: &MentionData, doc_text_lower: &str) -> bool {
    match (e.kind, m.kind) {
        (MentionKind::Person, MentionKind::Person) => {
            m.name.as_deref().is_some_and(|n| same_person(&e.name, n))
        }
        (MentionKind::Organisation, MentionKind::Organisation)
        | (MentionKind::Igo, MentionKind::Igo) => match (&m.name, &m.igo) {
            (Some(n), _) if n.eq_ignore_ascii_case(&e.name) => true,
            (_, Some(i)) => e.igo.as_deref() == Some(i.as_str()) && m.name.is_none(),
            _ => false,
        },
        (MentionKind::Country, MentionKind::Country) => {
            e.country.is_some() && e.country == m.country
        }
        (MentionKind::Group, MentionKind::Group) => {
            e.country == m.country
                && e.sectors.first() == m.sectors.first()
                && e.name.to_lowercase() == doc_text_lower
        }
        _ => false,
    }
}

/// The entity of country `c`, created if the document has none yet.
fn country_entity(kb: &Kb, entities: &mut Vec<EntityData>, c: String) -> usize {
    if let Some(e) = entities
        .iter()
        .position(|e| e.kind == MentionKind::Country && e.country.as_deref() == Some(c.as_str()))
    {
        return e;
    }
    let name = kb
        .geo
        .country(&c)
        .map(|x| x.name.clone())
        .unwrap_or_else(|| c.clone());
    entities.push(EntityData {
        name,
        kind: MentionKind::Country,
        country: Some(c),
        sectors: Vec::new(),
        title: None,
        igo: None,
        mentions: Vec::new(),
    });
    entities.len() - 1
}

/// Builds entities from mentions and resolves pronouns and reciprocal phrases.
pub fn resolve(doc: &mut Doc, kb: &Kb) {
    let mut entities: Vec<EntityData> = Vec::new();
    let n = doc.mentions.len();
    for k in 0..n {
        let m = doc.mentions[k].clone();
        if m.kind == MentionKind::Outlet {
            continue;
        }
        // A country adjective used as a modifier ("the Israeli air strike")
        // still names its country: link it to the country's entity.
        if m.modifier {
            let Some(c) = m.country.clone() else { continue };
            let eid = country_entity(kb, &mut entities, c);
            entities[eid].mentions.push(k);
            doc.mentions[k].entity = Some(eid);
            continue;
        }
        if m.appos_of.is_some() {
            if let Some(eid) = doc.appos_host(k).and_then(|h| doc.mentions[h].entity) {
                entities[eid].mentions.push(k);
                doc.mentions[k].entity = Some(eid);
            }
            continue;
        }
        match m.kind {
            MentionKind::Pronoun(_) | MentionKind::Reciprocal => continue,
            _ => {}
        }
        // "his country", "the country": the country of whom the possessive
        // stands for, or the country named last.
        if m.kind == MentionKind::Country && m.country.is_none() {
            let c = country_referred(doc, &entities, k);
            let Some(c) = c else { continue };
            doc.mentions[k].country = Some(c.clone());
            let eid = country_entity(kb, &mut entities, c);
            entities[eid].mentions.push(k);
            doc.mentions[k].entity = Some(eid);
            continue;
        }
        let text_lower = doc.slice(m.span).to_lowercase();
        let found = entities
            .iter()
            .position(|e| entity_key_match(e, &m, &text_lower));
        let eid = match found {
            Some(eid) => {
                merge_info(&mut entities[eid], &m);
                eid
            }
            None => {
                let name = match (&m.name, m.kind, &m.country) {
                    (Some(n), _, _) => n.clone(),
                    (None, MentionKind::Country, Some(c)) => kb
                        .geo
                        .country(c)
                        .map(|x| x.name.clone())
                        .unwrap_or_else(|| c.clone()),
                    _ => doc.slice(m.span).to_string(),
                };
                entities.push(EntityData {
                    name,
                    kind: m.kind,
                    country: m.country.clone(),
                    sectors: m.sectors.clone(),
                    title: m.title.clone(),
                    igo: m.igo.clone(),
                    mentions: Vec::new(),
                });
                entities.len() - 1
            }
        };
        entities[eid].mentions.push(k);
        doc.mentions[k].entity = Some(eid);
    }
    // Mentions of a person take the entity's country/sector when they lack them ("Dong").
    for k in 0..n {
        if let Some(eid) = doc.mentions[k].entity {
            let e = &entities[eid];
            let m = &mut doc.mentions[k];
            if m.country.is_none() {
                m.country = e.country.clone();
            }
            if m.sectors.is_empty() {
                m.sectors = e.sectors.clone();
            }
            if m.kind == MentionKind::Person {
                if m.title.is_none() {
                    m.title = e.title.clone();
                }
                m.name = Some(e.name.clone());
            }
        }
    }

    // Pronouns and reciprocal phrases.
    for k in 0..n {
        let kind = doc.mentions[k].kind;
        let refers = match kind {
            MentionKind::Pronoun(p) => pronoun_candidates(doc, &entities, k, p),
            MentionKind::Reciprocal => reciprocal_pair(doc, &entities, k),
            _ => continue,
        };
        doc.mentions[k].refers = refers;
    }
    // "his government", "its consulate": the possessor's country.
    for k in 0..n {
        let m = &doc.mentions[k];
        if m.country.is_some() || m.igo.is_some() || !matches!(m.kind, MentionKind::Group) {
            continue;
        }
        let s = m.sent;
        let first = m
            .tok_start
            .checked_sub(1)
            .map(|i| doc.sentences[s].tokens[i].norm.as_str());
        let text_first = doc.sentences[s].tokens[m.tok_start].norm.as_str();
        let poss = [first.unwrap_or(""), text_first]
            .into_iter()
            .find(|w| matches!(*w, "his" | "her" | "its" | "their"));
        let Some(w) = poss else { continue };
        let p = match w {
            "his" | "her" => Pronoun::Person,
            "its" => Pronoun::Thing,
            _ => Pronoun::Plural,
        };
        let cands = pronoun_candidates(doc, &entities, k, p);
        if let Some(c) = cands.iter().find_map(|&e| entities[e].country.clone()) {
            doc.mentions[k].country = Some(c.clone());
            doc.mentions[k].how = format!("{}+possessor", doc.mentions[k].how);
            if let Some(eid) = doc.mentions[k].entity {
                if entities[eid].country.is_none() && entities[eid].mentions.len() == 1 {
                    entities[eid].country = Some(c);
                }
            }
        }
    }
    doc.entities = entities;
}

/// The country a "his country" / "the country" mention stands for: the
/// possessor's (a person's or group's country), or for "the country" the
/// country mentioned last within the two sentences before.
fn country_referred(doc: &Doc, entities: &[EntityData], k: usize) -> Option<String> {
    let me = &doc.mentions[k];
    let sent = &doc.sentences[me.sent];
    let det = sent.tokens[me.tok_start].norm.as_str();
    let p = match det {
        "his" | "her" => Some(Pronoun::Person),
        "its" => Some(Pronoun::Thing),
        "their" => Some(Pronoun::Plural),
        _ => None,
    };
    if let Some(p) = p {
        return pronoun_candidates(doc, entities, k, p)
            .into_iter()
            .find_map(|e| entities[e].country.clone());
    }
    doc.mentions[..k]
        .iter()
        .rev()
        .take_while(|m| me.sent - m.sent <= 2)
        .find(|m| {
            m.country.is_some() && (m.kind == MentionKind::Country || m.modifier) && m.igo.is_none()
        })
        .and_then(|m| m.country.clone())
}

fn is_person_entity(doc: &Doc, m: &MentionData) -> bool {
    let _ = doc;
    m.kind == MentionKind::Person && m.entity.is_some()
}

/// Candidate entities for a pronoun, best first.
fn pronoun_candidates(doc: &Doc, entities: &[EntityData], k: usize, p: Pronoun) -> Vec<usize> {
    let me = &doc.mentions[k];
    let mut out: Vec<usize> = Vec::new();
    let push = |out: &mut Vec<usize>, e: usize| {
        if !out.contains(&e) {
            out.push(e);
        }
    };
    // Cataphora: "During his visit to France, X held talks…" — a pronoun in a
    // sentence-initial adverbial refers to the main clause's first person.
    let sent = &doc.sentences[me.sent];
    let first = sent.tokens.first().map(|t| t.norm.as_str()).unwrap_or("");
    let comma_after = sent.tokens[me.tok_end..]
        .iter()
        .position(|t| t.norm == ",")
        .map(|x| x + me.tok_end);
    if p == Pronoun::Person && crate::lexicon::is_preposition(first) {
        if let Some(c) = comma_after {
            let no_person_before = !doc.mentions[..k]
                .iter()
                .any(|m| m.sent == me.sent && is_person_entity(doc, m));
            if no_person_before {
                if let Some(m) = doc.mentions[k + 1..]
                    .iter()
                    .find(|m| m.sent == me.sent && m.tok_start > c && is_person_entity(doc, m))
                {
                    push(&mut out, m.entity.unwrap_or(0));
                }
            }
        }
    }
    // Recency within the last three sentences, then anywhere before.
    for m in doc.mentions[..k].iter().rev() {
        if me.sent - m.sent > 3 && !out.is_empty() {
            break;
        }
        if m.modifier {
            continue;
        }
        let Some(e) = m.entity else { continue };
        let ok = match p {
            // "Armenia's prime minister … his country": a single titled
            // official is a person too.
            Pronoun::Person => {
                entities[e].kind == MentionKind::Person
                    || (entities[e].kind == MentionKind::Group
                        && entities[e].title.as_deref().is_some_and(is_single_title))
            }
            Pronoun::Plural => matches!(
                entities[e].kind,
                MentionKind::Group
                    | MentionKind::Country
                    | MentionKind::Organisation
                    | MentionKind::Igo
            ),
            // "The Israeli military said its aircraft …": a body named by
            // a singular collective noun is an "it" too.
            Pronoun::Thing => {
                matches!(
                    entities[e].kind,
                    MentionKind::Country | MentionKind::Organisation | MentionKind::Igo
                ) || (m.kind == MentionKind::Group
                    && m.tok_end > m.tok_start
                    && is_collective_body(&doc.sentences[m.sent].tokens[m.tok_end - 1].norm))
            }
        };
        if ok {
            push(&mut out, e);
        }
    }
    out.truncate(4);
    out
}

/// Singular nouns of institutions referred to as "it".
fn is_collective_body(w: &str) -> bool {
    matches!(
        w,
        "military"
            | "army"
            | "navy"
            | "government"
            | "ministry"
            | "administration"
            | "cabinet"
            | "parliament"
            | "court"
            | "junta"
            | "regime"
            | "party"
            | "council"
            | "coalition"
            | "force"
            | "guard"
            | "agency"
            | "department"
            | "embassy"
            | "company"
            | "group"
            | "movement"
            | "alliance"
            | "authority"
            | "police"
    )
}

/// The two most recent entities of different countries before mention `k`.
fn reciprocal_pair(doc: &Doc, entities: &[EntityData], k: usize) -> Vec<usize> {
    let me = &doc.mentions[k];
    let mut out: Vec<usize> = Vec::new();
    let mut countries: Vec<String> = Vec::new();
    let mut consider = |m: &MentionData, out: &mut Vec<usize>| {
        let Some(e) = m.entity else { return };
        let Some(c) = entities[e].country.clone() else {
            return;
        };
        if countries.contains(&c) || out.len() >= 2 {
            return;
        }
        countries.push(c);
        out.push(e);
    };
    let norms = doc.sentences[me.sent].norms();
    let clause_floor = (0..me.tok_start)
        .rev()
        .find(|&i| {
            matches!(norms[i], "that" | ";" | ":") || crate::lexicon::is_reporting_verb(norms[i])
        })
        .map(|i| i + 1)
        .unwrap_or(0);
    // People and countries first (the principals), then any other actor.
    for principals in [true, false] {
        for m in doc.mentions[..k].iter().rev() {
            if m.sent + 4 < me.sent {
                break;
            }
            if m.modifier || m.appos_of.is_some() {
                continue;
            }
            // In the same sentence only what shares the clause counts ("Wang
            // told … that the two ministers …": not Wang).
            if m.sent == me.sent && m.tok_end <= clause_floor {
                continue;
            }
            if principals && !matches!(m.kind, MentionKind::Person | MentionKind::Country) {
                continue;
            }
            // Speakers ("Wang, an expert, told …") are not parties to what they describe.
            if is_speaker(doc, m) {
                continue;
            }
            consider(m, &mut out);
            if out.len() == 2 {
                break;
            }
        }
    }
    // Modifiers count as a last resort ("China-France relations … the two").
    if out.len() < 2 {
        for m in doc.mentions[..k].iter().rev() {
            if m.sent + 4 < me.sent {
                break;
            }
            let e_country = m.country.clone();
            if let (true, Some(c)) = (m.modifier, e_country) {
                if let Some(e) = entities.iter().position(|x| {
                    x.country.as_deref() == Some(c.as_str()) && x.kind == MentionKind::Country
                }) {
                    if !countries.contains(&c) && out.len() < 2 {
                        countries.push(c);
                        out.push(e);
                    }
                }
            }
        }
    }
    // Keep the order in which the document introduced them.
    out.sort_by_key(|&e| entities[e].mentions.first().copied().unwrap_or(usize::MAX));
    out
}

/// The mention is the subject of a speech verb: the next reporting verb in
/// its sentence comes before any other actor mention (appositions aside).
fn is_speaker(doc: &Doc, m: &MentionData) -> bool {
    let sent = &doc.sentences[m.sent];
    for i in m.tok_end..sent.tokens.len().min(m.tok_end + 20) {
        if crate::quotes::is_speech_verb(&sent.tokens[i].norm) {
            return true;
        }
        let other = doc.mentions.iter().any(|o| {
            o.sent == m.sent
                && o.tok_start == i
                && o.appos_of.is_none()
                && !o.modifier
                && o.kind != MentionKind::Outlet
        });
        if other {
            return false;
        }
    }
    false
}

/// A title naming one person ("prime minister", "foreign minister").
fn is_single_title(t: &str) -> bool {
    let last = t.rsplit(' ').next().unwrap_or(t).to_lowercase();
    !last.ends_with('s')
        && matches!(
            last.as_str(),
            "minister"
                | "president"
                | "chancellor"
                | "premier"
                | "secretary"
                | "king"
                | "queen"
                | "leader"
                | "envoy"
                | "ambassador"
                | "spokesman"
                | "spokeswoman"
                | "spokesperson"
                | "chief"
                | "governor"
                | "mayor"
                | "general"
                | "commander"
        )
}
