//! Builds the contract's records (events, entities, quotes, locations) from
//! the annotated document, converting byte spans to char offsets.

use sha2::{Digest, Sha256};

use crate::doc::Doc;
use crate::events::{EventData, Participant};
use crate::mentions::MentionKind;
use crate::quotes::QuoteData;
use crate::record::{Actor, DocOutput, Entity, Event, Evidence, Location, Mention, Quote, Speaker};

fn kind_name(k: MentionKind) -> &'static str {
    match k {
        MentionKind::Person => "person",
        MentionKind::Organisation => "organisation",
        MentionKind::Igo => "igo",
        MentionKind::Country => "country",
        MentionKind::Group => "group",
        MentionKind::Pronoun(_) => "pronoun",
        MentionKind::Reciprocal => "reciprocal",
        MentionKind::Outlet => "outlet",
    }
}

fn actor(doc: &Doc, p: &Participant) -> Actor {
    let inferred: String = p.inferred_how.iter().map(|h| format!("; {h}")).collect();
    if p.implied {
        return Actor {
            text: String::new(),
            name: None,
            country: p.host_state.clone(),
            sector: p.inferred_sector.clone(),
            sectors: p.inferred_sector.iter().cloned().collect(),
            title: None,
            igo: None,
            start: None,
            end: None,
            resolved_by: Some(format!("{}{inferred}", p.role)),
        };
    }
    let m = &doc.mentions[p.mention];
    let (start, end) = doc.chars(m.span);
    let e = p.entity.map(|e| &doc.entities[e]);
    let name = e.and_then(|e| match e.kind {
        MentionKind::Person | MentionKind::Organisation | MentionKind::Igo => Some(e.name.clone()),
        _ => None,
    });
    let mut sectors = e.map(|e| e.sectors.clone()).unwrap_or_default();
    if sectors.is_empty() {
        sectors.extend(p.inferred_sector.iter().cloned());
    }
    if let Some(s) = &p.acting_sector {
        sectors.retain(|x| x != s);
        sectors.insert(0, s.clone());
    }
    if p.host_state.is_some() {
        sectors.clear();
    }
    let how = match m.kind {
        MentionKind::Pronoun(_) => format!("{}; coref:pronoun", p.role),
        MentionKind::Reciprocal => format!("{}; coref:reciprocal", p.role),
        _ => format!("{}; {}", p.role, m.how),
    } + &inferred;
    Actor {
        text: doc.slice(m.span).to_string(),
        name,
        country: p
            .host_state
            .clone()
            .or_else(|| e.and_then(|e| e.country.clone()))
            .or_else(|| p.inferred_country.clone()),
        sector: sectors.first().cloned(),
        sectors,
        title: e.and_then(|e| e.title.clone()).or_else(|| m.title.clone()),
        igo: e.and_then(|e| e.igo.clone()),
        start: Some(start),
        end: Some(end),
        resolved_by: Some(how),
    }
}

fn event_id(doc_id: &str, ev: &EventData, trigger_start: usize) -> String {
    let mut h = Sha256::new();
    h.update(doc_id.as_bytes());
    h.update(ev.sent.to_le_bytes());
    h.update(trigger_start.to_le_bytes());
    h.update(ev.cameo_code.as_bytes());
    let d = h.finalize();
    d[..8].iter().map(|b| format!("{b:02x}")).collect()
}

pub fn build(doc: &Doc, kb: &dyad_kb::Kb, evs: &[EventData], qs: &[QuoteData]) -> DocOutput {
    let _ = kb;
    let story = doc.story_date.map(|d| d.format("%Y-%m-%d").to_string());
    let mut events = Vec::with_capacity(evs.len());
    for ev in evs {
        let sent = &doc.sentences[ev.sent];
        let toks = &ev.trigger.tokens;
        let t0 = *toks.iter().min().unwrap_or(&ev.trigger.head);
        let t1 = *toks.iter().max().unwrap_or(&ev.trigger.head);
        let tspan = sent.tok_span(t0, t1 + 1);
        let (ts, te) = doc.chars(tspan);
        let (ss, se) = doc.chars(sent.span);
        // The trigger text: the matched words only ("held … talks" when words were skipped).
        let trigger_text = if t1 + 1 - t0 == toks.len() || toks.is_empty() {
            doc.slice(tspan).to_string()
        } else {
            toks.iter()
                .map(|&i| doc.slice(sent.tokens[i].span))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (event_date, precision, date_text, ds, de) = match &ev.date {
            Some(d) => {
                let (a, b) = doc.chars(d.span);
                let date = match d.precision.as_str() {
                    "month" => d.date.format("%Y-%m").to_string(),
                    "year" => d.date.format("%Y").to_string(),
                    _ => d.date.format("%Y-%m-%d").to_string(),
                };
                (
                    Some(date),
                    d.precision.as_str().to_string(),
                    Some(doc.slice(d.span).to_string()),
                    Some(a),
                    Some(b),
                )
            }
            None => (story.clone(), "story".to_string(), None, None, None),
        };
        let actors: Vec<Actor> = ev.actors.iter().map(|p| actor(doc, p)).collect();
        let recipients: Vec<Actor> = ev.recipients.iter().map(|p| actor(doc, p)).collect();
        let mut coder = ev.coder.clone();
        if ev.date.is_some() {
            coder.push_str(&format!(" date:{}", ev.date_how));
        }
        if ev.location.is_some() {
            coder.push_str(&format!(" location:{}", ev.location_how));
        }
        let id = event_id(&doc.id, ev, ts);
        events.push(Event {
            event_id: id,
            doc_id: doc.id.clone(),
            story_date: story.clone(),
            event_date,
            date_precision: precision,
            date_text,
            event_type: ev.event_type.clone(),
            event_mode: ev.mode.clone(),
            event_contexts: ev.contexts.clone(),
            cameo_code: ev.cameo_code.clone(),
            goldstein: ev.goldstein,
            quad_class: ev.quad_class,
            negated: ev.negated,
            modality: ev.modality.to_string(),
            actor: actors.first().cloned(),
            actors: if actors.len() > 1 {
                actors.clone()
            } else {
                Vec::new()
            },
            recipient: recipients.first().cloned(),
            recipients: if recipients.len() > 1 {
                recipients.clone()
            } else {
                Vec::new()
            },
            location: ev.location.clone(),
            evidence: Evidence {
                sentence: ev.sent,
                start: ss,
                end: se,
                trigger: trigger_text,
                trigger_start: ts,
                trigger_end: te,
                sentence_text: Some(doc.slice(sent.span).to_string()),
                date_start: ds,
                date_end: de,
            },
            confidence: ev.confidence,
            coder,
            source: doc.source.clone(),
        });
    }

    let entities = doc
        .entities
        .iter()
        .map(|e| Entity {
            name: e.name.clone(),
            country: e.country.clone(),
            sector: e.sectors.first().cloned(),
            sectors: e.sectors.clone(),
            title: e.title.clone(),
            igo: e.igo.clone(),
            kind: Some(kind_name(e.kind).to_string()),
            mentions: e
                .mentions
                .iter()
                .map(|&k| {
                    let m = &doc.mentions[k];
                    let (a, b) = doc.chars(m.span);
                    Mention {
                        start: a,
                        end: b,
                        text: doc.slice(m.span).to_string(),
                    }
                })
                .collect(),
        })
        .collect();

    let quotes = qs
        .iter()
        .map(|q| {
            let e = q.speaker_entity.map(|e| &doc.entities[e]);
            let (a, b) = doc.chars(q.span);
            Quote {
                speaker: Speaker {
                    name: e
                        .filter(|e| {
                            matches!(
                                e.kind,
                                MentionKind::Person | MentionKind::Organisation | MentionKind::Igo
                            )
                        })
                        .map(|e| e.name.clone()),
                    country: e.and_then(|e| e.country.clone()),
                    sector: e.and_then(|e| e.sectors.first().cloned()),
                    title: e.and_then(|e| e.title.clone()),
                },
                text: doc.slice(q.span).to_string(),
                direct: q.direct,
                start: a,
                end: b,
                outlet: q.outlet.clone(),
            }
        })
        .collect();

    let mut locations: Vec<Location> = Vec::new();
    for p in &doc.places {
        if !locations
            .iter()
            .any(|l| l.name == p.loc.name && l.country == p.loc.country)
        {
            locations.push(p.loc.clone());
        }
    }

    DocOutput {
        doc_id: doc.id.clone(),
        story_date: story,
        source: doc.source.clone(),
        events,
        entities,
        quotes,
        locations,
        warnings: doc.warnings.clone(),
    }
}
