//! Events: finds triggers with the CAMEO verb dictionary (verbs and light-verb
//! nouns), maps their codes to PLOVER, and picks actor and recipient from the
//! sentence around the trigger (subject; "with/for/to X"; direct object;
//! passive "by X"; coordination; participles), with negation, modality,
//! date and place.

use dyad_kb::{Kb, TriggerMatch};

use crate::dates::{DateMention, Precision};
use crate::doc::Doc;
use crate::lexicon as lx;
use crate::mentions::{EntityData, MentionData, MentionKind};
use crate::syntax;

/// A participant: the mention that names it and the entity it resolves to.
#[derive(Debug, Clone, Default)]
pub struct Participant {
    /// Index into `doc.mentions`.
    pub mention: usize,
    /// Resolved entity (through coreference), if any.
    pub entity: Option<usize>,
    /// How it was chosen ("subject", "with-object", "coordination", …).
    pub role: String,
    /// Country taken from the event's place for a domestic actor that names
    /// none ("police" arresting protesters in Nairobi → KEN), or from the
    /// other side ("prosecutors in Kenya charged a former minister" → KEN).
    pub inferred_country: Option<String>,
    /// Sector taken from the other side ("her Indian counterpart" of a
    /// minister → GOV).
    pub inferred_sector: Option<String>,
    /// The sector that acts in this event, put before the entity's own:
    /// the force a state mobilises ("Poland moved troops" → MIL).
    pub acting_sector: Option<String>,
    /// The state itself, named inside the mention, that the event is aimed
    /// at: the host of a recalled envoy ("the German ambassador to Russia"
    /// → RUS). Replaces the mention's country and sectors in the record.
    pub host_state: Option<String>,
    /// No mention names this side: the event implies it (a domestic
    /// protest's own government). Its country is `host_state`, its sector
    /// `inferred_sector`; `mention` is the actor's, for position only.
    pub implied: bool,
    /// Where the inferred fields came from ("country:location",
    /// "country:actor", "sector:counterpart"), for `resolved_by`.
    pub inferred_how: Vec<&'static str>,
}

/// An event before it becomes a record.
#[derive(Debug, Clone)]
pub struct EventData {
    pub sent: usize,
    pub trigger: TriggerMatch,
    pub cameo_code: String,
    pub event_type: String,
    pub mode: Option<String>,
    pub contexts: Vec<String>,
    pub goldstein: f64,
    pub quad_class: u8,
    pub actors: Vec<Participant>,
    pub recipients: Vec<Participant>,
    pub negated: bool,
    pub modality: &'static str,
    /// Date: index into `doc.dates[sent]` or an inherited mention.
    pub date: Option<DateMention>,
    pub date_how: &'static str,
    pub location: Option<crate::record::Location>,
    pub location_how: &'static str,
    pub confidence: f64,
    pub coder: String,
}

/// Entity id of a mention, or of what a pronoun/reciprocal refers to.
fn entities_of(doc: &Doc, k: usize) -> Vec<usize> {
    let m = &doc.mentions[k];
    match m.kind {
        MentionKind::Pronoun(_) => m.refers.first().copied().into_iter().collect(),
        MentionKind::Reciprocal => m.refers.clone(),
        _ => m.entity.into_iter().collect(),
    }
}

fn has_code(doc: &Doc, e: usize) -> bool {
    let e = &doc.entities[e];
    e.country.is_some() || !e.sectors.is_empty() || e.igo.is_some()
}

/// Mentions of sentence `s`, as (global index, mention).
fn sentence_mentions<'d>(doc: &'d Doc, s: usize) -> impl Iterator<Item = (usize, &'d MentionData)> {
    doc.mentions
        .iter()
        .enumerate()
        .filter(move |(_, m)| m.sent == s)
}

fn is_candidate(m: &MentionData) -> bool {
    m.is_actor_like()
}

fn clause_start(norms: &[&str], head: usize) -> usize {
    let mut i = head;
    while i > 0 {
        let w = norms[i - 1];
        if w == ";"
            || w == ":"
            || matches!(
                w,
                "that" | "because" | "although" | "if" | "unless" | "whether" | "while"
            )
        {
            return i;
        }
        i -= 1;
    }
    0
}

fn clause_end(norms: &[&str], from: usize) -> usize {
    let mut i = from;
    while i < norms.len() {
        let w = norms[i];
        if w == ";"
            || w == ":"
            || matches!(
                w,
                "that"
                    | "which"
                    | "who"
                    | "because"
                    | "although"
                    | "while"
                    | "whereas"
                    | "but"
                    | "according"
            )
        {
            return i;
        }
        if w == ","
            && i + 1 < norms.len()
            && (lx::is_reporting_verb(norms[i + 1])
                || norms[i + 1] == "according"
                || norms[i + 1].ends_with("ing"))
        {
            return i;
        }
        i += 1;
    }
    norms.len()
}

/// Finds all events of the document.
pub fn find_events(doc: &Doc, kb: &Kb) -> Vec<EventData> {
    let mut out: Vec<EventData> = Vec::new();
    for s in 0..doc.sentences.len() {
        let sent = &doc.sentences[s];
        let norms = sent.norms();
        let mut triggers = sent.triggers(doc.text, kb).to_vec();
        triggers.sort_by_key(|t| t.head);
        // Drop triggers inside names ("Defense Ministry") and dates.
        triggers.retain(|t| !inside_name(doc, s, t));
        // Speech verbs introduce quotes, not events; nouns that are not event
        // nouns ("the honor guard", "issues") are not triggers; a participle
        // modifying a noun ("a statement released by") is not one either.
        triggers.retain(|t| {
            let nominal = is_nominal(doc, s, &norms, t.head);
            // (Words after the head: "artillery shells" is a noun phrase,
            // whatever a "- ARTILLERY *" pattern says.)
            let extra_words = t.tokens.iter().any(|&i| {
                i > t.head && !lx::is_preposition(norms[i]) && !lx::is_particle(norms[i])
            });
            if nominal && !(extra_words || is_event_noun(norms[t.head])) {
                return false;
            }
            surface_trigger_ok(doc, s, &norms, t)
        });
        // One record per event: "agreed to reopen", "threatened to strike",
        // "refused to meet" are one event, named by the governing verb.
        if let Some(sx) = &sent.parse {
            // Only triggers that code an event govern ("announced that it
            // would freeze …": the statement itself is no PLOVER event).
            let heads: Vec<usize> = triggers
                .iter()
                .filter(|t| plover_of(kb, &norms, t).is_some())
                .map(|t| sx.word(t.head))
                .collect();
            // Meetings and talks yield outcomes of their own ("held talks,
            // reaching a consensus on …"); other events' participle clauses
            // only elaborate them.
            let heads_of = |ty: &str| -> Vec<usize> {
                triggers
                    .iter()
                    .filter(|t| plover_of(kb, &norms, t).is_some_and(|(_, pl)| pl.event_type == ty))
                    .map(|t| sx.word(t.head))
                    .collect()
            };
            let talk_heads = heads_of("CONSULT");
            let protest_heads = heads_of("PROTEST");
            triggers.retain(|t| {
                let w = sx.word(t.head);
                if reads_as_no_event(sx, &norms, t) {
                    return false;
                }
                // "rallied in Dhaka, demanding that the government …",
                // "occupied buildings to demand accountability": the demand
                // is what the protest is for, not a second event.
                let protest_purpose = matches!(sx.tree.deprel[w].as_str(), "advcl" | "xcomp")
                    && sx
                        .tree
                        .head_index(w)
                        .is_some_and(|h| protest_heads.contains(&h))
                    && plover_of(kb, &norms, t).is_some_and(|(_, pl)| pl.event_type == "REQUEST");
                if protest_purpose {
                    return false;
                }
                // A participle modifying a noun ("a looted artefact", "the
                // proposed talks") describes the noun; it is no event.
                let tr = &sx.tree;
                // Also after a preposition, with adjectives between ("the
                // use of frozen Russian assets"); a longer pattern only
                // after a determiner or preposition ("military scrambled
                // jets" may be misread).
                // "to reinstate ousted President Bazoum", "the jailed
                // opposition leader": a past participle between a verb,
                // determiner or preposition and a person or agent noun
                // describes them, however the tree reads it.
                let before_person = t.tokens.len() == 1
                    && w > 0
                    && norms[t.head].ends_with("ed")
                    && matches!(tr.xpos[w].as_str(), "VBN" | "VBD" | "JJ")
                    && matches!(tr.upos[w - 1].as_str(), "DET" | "ADP" | "VERB" | "ADJ")
                    && norms.get(t.head + 1).is_some_and(|nx| {
                        kb.actors.agent(nx).is_some()
                            || sentence_mentions(doc, s).any(|(_, m)| {
                                m.tok_start == t.head + 1 && m.kind == MentionKind::Person
                            })
                    });
                let modifier = before_person
                    || tr.deprel[w] == "amod"
                        && tr.head_index(w).is_some_and(|h| h > w && h <= w + 3)
                        && w > 0
                        && if t.tokens.len() == 1 {
                            // "to reinstate ousted President Bazoum": a past
                            // participle after a verb describes its object.
                            matches!(
                                tr.upos[w - 1].as_str(),
                                "DET" | "ADJ" | "PRON" | "NUM" | "ADP"
                            ) || (tr.upos[w - 1] == "VERB" && tr.xpos[w] == "VBN")
                                // "the bloc's strained relations".
                                || (tr.xpos[w - 1] == "POS" && tr.xpos[w] == "VBN")
                        } else {
                            matches!(tr.upos[w - 1].as_str(), "DET" | "ADP")
                        };
                // "detained a journalist on espionage charges", "arrested
                // over the attack": a noun giving the reason for another
                // event is no event of its own.
                let reason = matches!(tr.upos[w].as_str(), "NOUN")
                    && matches!(tr.deprel[w].split(':').next(), Some("obl" | "nmod"))
                    && tr.head_index(w).is_some_and(|h| heads.contains(&h))
                    && tr.dependents(w).any(|d| {
                        tr.deprel[d] == "case"
                            && ["on", "over", "for", "amid"]
                                .iter()
                                .any(|c| tr.words[d].eq_ignore_ascii_case(c))
                    });
                // "pledged 100 million euros in humanitarian aid": an
                // event noun inside another trigger's object is that
                // event's content, not a second event.
                // ("During a visit to Tanzania, X apologised": the visit is
                // an event of its own.)
                let during = tr
                    .dependents(w)
                    .any(|d| tr.deprel[d] == "case" && tr.words[d].eq_ignore_ascii_case("during"));
                let content = tr.upos[w] == "NOUN"
                    && !during
                    && syntax::ancestor_where(
                        tr,
                        w,
                        2,
                        |c| matches!(tr.deprel[c].split(':').next(), Some("obj" | "obl" | "nmod")),
                        // "condemned the air strike" reports the strike too.
                        |h| {
                            heads.contains(&h)
                                && h != w
                                && !syntax::is_reaction_verb(&tr.lemma[h].to_lowercase())
                        },
                    )
                    .is_some();
                // "further attacks": a verb form the tree reads as an
                // adverb is no verb.
                let not_verb = tr.upos[w] == "ADV" && !tr.words[w].ends_with("ed");
                let stray_object = has_stray_object(sx, t);
                // "accused Britain of helping Ukraine plan attacks": what
                // hangs under an alleged act (a gerund after "of", "for",
                // "with") is alleged too.
                let under_alleged = syntax::ancestor_where(
                    tr,
                    w,
                    4,
                    |_| true,
                    |h| {
                        tr.xpos[h] == "VBG"
                            && tr.dependents(h).any(|d| {
                                matches!(tr.deprel[d].as_str(), "mark" | "case")
                                    && ["of", "for", "with"]
                                        .iter()
                                        .any(|c| tr.words[d].eq_ignore_ascii_case(c))
                            })
                    },
                )
                .is_some();
                let prediction = is_forecast_warning(doc, s, sx, t);
                let elaboration = syntax::elaborating_participle(tr, w)
                    .is_some_and(|h| heads.contains(&h) && !talk_heads.contains(&h));
                // "adopted a resolution demanding a ceasefire": the demand
                // is the event; adopting or signing its document is not.
                let document_shell = t.tokens.iter().any(|&i| {
                    let d = sx.word(i);
                    syntax::is_document_noun(&tr.lemma[d])
                        && tr
                            .dependents(d)
                            .any(|c| heads.contains(&c) && syntax::document_content(tr, c))
                });
                !modifier
                    && !elaboration
                    && !document_shell
                    && !under_alleged
                    && !not_verb
                    && !stray_object
                    && !prediction
                    && !content
                    && !reason
                    && syntax::governing_complement(&sx.tree, w).is_none_or(|g| !heads.contains(&g))
                    && !syntax::is_subordinate_non_event(&sx.tree, w, &heads)
            });
        }
        let mut sent_events: Vec<EventData> = Vec::new();
        for (ti, t) in triggers.iter().enumerate() {
            let Some((info, pl)) = plover_of(kb, &norms, t) else {
                continue;
            };
            let prev_events: Vec<&EventData> = sent_events.iter().collect();
            let (mut actors, mut recipients) =
                participants(doc, s, &norms, t, &triggers[..ti], &prev_events);
            // Earthquakes, floods and droughts (PLOVER's JNK agents) act on
            // no one's behalf: "villages destroyed by the earthquake", "the
            // devastating earthquake" are no political event.
            let junk = |p: &Participant| {
                p.entity
                    .is_some_and(|e| doc.entities[e].sectors.first().is_some_and(|x| x == "JNK"))
            };
            if actors.iter().any(junk)
                || ((actors.is_empty() || pl.event_type == "ASSAULT")
                    && recipients.iter().any(junk))
            {
                continue;
            }
            recipients.retain(|p| !junk(p) && !is_trailing_attribution(doc, p.mention));
            // What is discussed is the topic, not a party: "military
            // chiefs discussed border security" — the partner is the other
            // side of the talks.
            if matches!(
                t.lemma.as_str(),
                "discuss" | "debate" | "review" | "examine" | "address"
            ) {
                let before = recipients.len();
                // (One named "with" inside the topic's phrase is the
                // partner: "discussed regional developments with Iran's
                // president".)
                let with_partner = |r: &Participant| {
                    let m = &doc.mentions[r.mention];
                    m.tok_start > 0 && norms[m.tok_start - 1] == "with"
                };
                recipients
                    .retain(|r| !(r.role.contains("obj") || r.role == "object") || with_partner(r));
                if recipients.len() != before {
                    complete_dyad(doc, &mut actors, &mut recipients);
                }
            }
            // Patterns coded `[:xxx]` run from the other party to the
            // verb's subject: "received a call from X" is X's call,
            // "received a loan from X" X's aid. With no other party named
            // there is no actor.
            if t.roles_reversed {
                if recipients.is_empty() {
                    continue;
                }
                std::mem::swap(&mut actors, &mut recipients);
                for p in actors.iter_mut().chain(recipients.iter_mut()) {
                    p.role = format!("{}+reversed", p.role);
                }
            }
            let mut implicit_state = false;
            if actors.is_empty() {
                if let Some(a) = implicit_state_actor(doc, s, t, &pl.event_type, &recipients) {
                    actors.push(a);
                    implicit_state = true;
                }
            }
            // "13,000 police officers were deployed across France": with no
            // agent, the deployed force is who mobilises.
            if actors.is_empty() && pl.event_type == "MOBILIZE" {
                if let Some(i) = recipients.iter().position(|r| {
                    r.role.ends_with("passive-subject")
                        && doc.mentions[r.mention]
                            .sectors
                            .iter()
                            .any(|x| matches!(x.as_str(), "MIL" | "COP" | "PRM"))
                }) {
                    let mut a = recipients.remove(i);
                    a.role = "passive:deployed-force".into();
                    actors.push(a);
                }
            }
            let Some(first) = actors.first() else {
                continue;
            };
            let Some(first_e) = first.entity else {
                continue;
            };
            if !has_code(doc, first_e) {
                continue;
            }
            let negated = negated(&norms, t) || negated_above(doc, s, t);
            let mut modality = modality(&norms, t);
            if modality != "hypothetical"
                && sent
                    .parse
                    .as_ref()
                    .is_some_and(|sx| syntax::in_condition(&sx.tree, sx.word(t.head)))
            {
                modality = "hypothetical";
            }
            let mut ev = EventData {
                sent: s,
                trigger: t.clone(),
                cameo_code: info.code.clone(),
                event_type: pl.event_type.clone(),
                mode: pl.mode.clone(),
                contexts: pl.contexts.clone(),
                goldstein: info.goldstein,
                quad_class: info.quad_class,
                actors,
                recipients,
                negated,
                modality,
                date: None,
                date_how: "story",
                location: None,
                location_how: "",
                confidence: 0.0,
                coder: String::new(),
            };
            let refused = refusal_is_reject(kb, &norms, &mut ev);
            let state_protest = state_protest_is_accusation(doc, kb, &mut ev);
            let riot = civilian_clash_is_riot(doc, kb, &mut ev);
            let protest_violence = protester_violence_is_riot(doc, kb, &mut ev);
            let joint_drill = coordinated_exercise_is_joint(kb, &norms, &mut ev);
            let force = mobilized_force_acts(doc, kb, &norms, &mut ev);
            let crowd = protesters_are_civilians(doc, kb, &mut ev);
            let verb_recode = recode_by_verb(doc, kb, &mut ev);
            let conditional = conditional_warning_is_threat(kb, &norms, &mut ev);
            let labour_strike = labour_strike_is_protest(doc, kb, &norms, &mut ev);
            let protest_target = protest_target_named(doc, &norms, &mut ev);
            future_cooperation_is_agree(kb, &mut ev);
            let partner = compound_partner_is_recipient(doc, &mut ev);
            let destination = destination_is_recipient(doc, kb, &norms, &mut ev);
            let demanded_of = demand_names_its_target(doc, &norms, &mut ev);
            let resigned = resignation_has_no_recipient(&norms, &mut ev);
            let lone_drill = lone_exercise_is_mobilize(kb, &norms, &mut ev);
            assign_date(doc, &norms, &mut ev, &out);
            assign_location(doc, kb, &mut ev);
            infer_domestic_country(doc, &mut ev);
            infer_from_other_side(doc, &mut ev);
            let own_government =
                !(riot || protest_violence) && protest_against_own_government(doc, &mut ev);
            visited_place_is_host(doc, kb, &mut ev);
            let reported_attack = state_reports_attack_on_itself(doc, &norms, &mut ev);
            let swapped = visitor_is_actor(kb, &mut ev);
            let hosted_here = host_by_place(doc, &mut ev);
            ev.confidence = confidence(doc, &ev);
            ev.coder = format!(
                "dict:{}:{} [{}] actor:{} recipient:{}",
                t.block,
                ev.trigger.pattern.trim(),
                t.code,
                ev.actors.first().map(|p| p.role.as_str()).unwrap_or("-"),
                ev.recipients
                    .first()
                    .map(|p| p.role.as_str())
                    .unwrap_or("-"),
            );
            // The rules that changed the dictionary's reading, in order.
            let rules = [
                (swapped, "visit:host-043-as-visit-042"),
                (force, "mobilize:force-as-actor-sector"),
                (joint_drill, "mobilize:coordinated-exercise-as-cooperate"),
                (lone_drill, "cooperate:lone-exercise-as-mobilize"),
                (own_government, "protest:implied-own-government"),
                (destination, "dyad:destination-as-recipient"),
                (demanded_of, "request:subject-of-demanded-clause"),
                (resigned, "retreat:resignation-has-no-recipient"),
                (implicit_state, "passive:state-of-place-as-actor"),
                (crowd, "protest:people-as-civilians"),
                (hosted_here, "visit:host-by-place"),
                (refused, "refusal:will-not-as-reject"),
                (state_protest, "protest:state-actor-as-accuse"),
                (riot, "protest:civilian-clash-as-riot"),
                (reported_attack, "assault:reporting-state-as-target"),
                (protest_violence, "protest:protester-violence-as-riot"),
                (partner, "dyad:compound-partner-as-recipient"),
                (conditional, "threaten:conditional-warning"),
                (labour_strike, "assault:labour-strike-as-protest"),
                (protest_target, "protest:target-against-or-demanded"),
            ];
            for (_, tag) in rules.iter().filter(|(on, _)| *on) {
                ev.coder.push(' ');
                ev.coder.push_str(tag);
            }
            if let Some(tag) = verb_recode {
                ev.coder.push(' ');
                ev.coder.push_str(tag);
            }
            sent_events.push(ev);
        }
        out.extend(sent_events);
    }
    dedupe(doc, out)
}

fn participant(doc: &Doc, k: usize, role: &str, avoid: &[usize]) -> Option<Participant> {
    let ents = entities_of(doc, k);
    let m = &doc.mentions[k];
    // Pronouns: the first candidate not already taken by the other side.
    let entity = if let MentionKind::Pronoun(_) = m.kind {
        m.refers.iter().copied().find(|e| !avoid.contains(e))
    } else {
        ents.first().copied()
    };
    entity.map(|e| Participant {
        mention: k,
        entity: Some(e),
        role: role.to_string(),
        ..Default::default()
    })
}

fn reciprocal_parts(doc: &Doc, k: usize, role: &str) -> Vec<Participant> {
    doc.mentions[k]
        .refers
        .iter()
        .map(|&e| Participant {
            mention: k,
            entity: Some(e),
            role: format!("{role}:reciprocal"),
            ..Default::default()
        })
        .collect()
}

/// Nouns that name events by themselves ("the visit", "talks", "the attack").
fn is_event_noun(w: &str) -> bool {
    matches!(
        w,
        "visit"
            | "visits"
            | "talks"
            | "meeting"
            | "meetings"
            | "summit"
            | "negotiations"
            | "consultations"
            | "attack"
            | "attacks"
            | "airstrike"
            | "airstrikes"
            | "strike"
            | "strikes"
            | "bombing"
            | "bombings"
            | "invasion"
            | "protest"
            | "protests"
            | "demonstration"
            | "demonstrations"
            | "sanctions"
            | "agreement"
            | "deal"
            | "treaty"
            | "accord"
            | "ceasefire"
            | "truce"
            | "arrest"
            | "arrests"
            | "raid"
            | "raids"
            | "clashes"
            | "assault"
            | "offensive"
            | "shelling"
            | "killing"
            | "killings"
            | "massacre"
            | "kidnapping"
            | "abduction"
            | "blockade"
            | "embargo"
            | "boycott"
            | "expulsion"
            | "deportation"
            | "mediation"
            | "aid"
            | "donation"
            | "investigation"
            | "probe"
            | "inquiry"
            | "crackdown"
            | "riot"
            | "riots"
            | "rally"
            | "rallies"
            | "march"
            | "strike's"
            | "visit's"
            | "trip"
            | "tour"
            | "call"
            | "phone"
    )
}

/// Readings of a trigger word that report no event: what reports or
/// claims say ("dismissed as baseless reports that Islamabad had supplied
/// ammunition"), a wanted man ("a Colombian man wanted on drug charges"),
/// a text released ("a letter that was released by the palace"), people
/// carried or travelling in the background ("servicemen were being flown
/// to Moscow", "MEPs who had flown to Baku"), where people stay ("fighters
/// sheltering in border provinces", "a school sheltering displaced
/// families").
fn reads_as_no_event(sx: &syntax::Syntax, norms: &[&str], t: &TriggerMatch) -> bool {
    let tr = &sx.tree;
    let w = sx.word(t.head);
    let lemma = tr.lemma[w].to_lowercase();
    let dep = |rel: &str| tr.dependents(w).any(|d| tr.deprel[d] == rel);
    let after_noun = w > 0 && matches!(tr.upos[w - 1].as_str(), "NOUN" | "PROPN");
    // What reports or claims say, by the tree or (where it misreads such
    // clauses) on the surface: "reports in Indian media that …".
    let hearsay = matches!(tr.deprel[w].as_str(), "acl" | "ccomp")
        && tr.head_index(w).is_some_and(|h| {
            tr.upos[h] == "NOUN" && lx::is_hearsay_noun(&tr.lemma[h].to_lowercase())
        })
        && syntax::marked_by(tr, w, &["that"]);
    let hearsay_surface = (t.head.saturating_sub(8)..t.head)
        .rev()
        .find(|&k| norms[k] == "that")
        .is_some_and(|k| {
            norms[k.saturating_sub(5)..k]
                .iter()
                .any(|x| lx::is_hearsay_noun(x))
        });
    let wanted =
        lemma == "want" && tr.xpos[w] == "VBN" && (tr.deprel[w].starts_with("acl") || after_noun);
    let text = |x: usize| lx::is_published_text(&tr.lemma[x].to_lowercase());
    let text_released = lemma == "release"
        && ((w > 0 && text(w - 1))
            || (tr.deprel[w].starts_with("acl") && tr.head_index(w).is_some_and(text))
            || tr
                .dependents(w)
                .any(|d| matches!(tr.deprel[d].as_str(), "obj" | "nsubj:pass") && text(d)));
    let travel = matches!(lemma.as_str(), "fly" | "travel" | "arrive" | "go" | "come");
    let background = tr.deprel[w] == "acl:relcl"
        && tr
            .dependents(w)
            .any(|d| tr.deprel[d] == "aux" && tr.words[d].eq_ignore_ascii_case("had"));
    let carried_or_past = travel && (dep("aux:pass") || background);
    let sheltering = tr.xpos[w] == "VBG"
        && matches!(lemma.as_str(), "shelter" | "house" | "hide")
        && (tr.deprel[w].starts_with("acl") || after_noun || !dep("obj"));
    hearsay || hearsay_surface || wanted || text_released || carried_or_past || sheltering
}

/// True when the word at `head` is used as a noun (after an article,
/// possessive, adjective or preposition) rather than as a verb.
/// The trigger filters that need no parse: speech verbs, reduced
/// relatives ("a statement released by"), gerund complements ("a consensus
/// on enhancing cooperation").
fn surface_trigger_ok(doc: &Doc, s: usize, norms: &[&str], t: &TriggerMatch) -> bool {
    // ("wrote off the debt" is a phrasal verb, no speech.)
    let phrasal = t
        .tokens
        .iter()
        .any(|&i| i == t.head + 1 && matches!(norms[i], "off" | "down" | "up"));
    // ("told the Philippines to stop …" is a demand, by its pattern.)
    let demand = t.code.starts_with("10") && t.tokens.len() > 1;
    if lx::is_speech_only(norms[t.head]) && !phrasal && !demand {
        return false;
    }
    // "foreign-funded media", "Iranian-backed militias": the second half
    // of a hyphenated adjective is no verb ("re-elected", "co-operate"
    // keep their prefix).
    if t.head >= 2
        && norms[t.head - 1] == "-"
        && !matches!(
            norms[t.head - 2],
            "re" | "co" | "pre" | "un" | "de" | "counter"
        )
    {
        return false;
    }
    let reduced_relative = norms[t.head].ends_with("ed")
        && norms.get(t.head + 1) == Some(&"by")
        && t.head > 0
        && norms[t.head - 1].chars().all(|c| c.is_alphabetic())
        && !lx::is_auxiliary(norms[t.head - 1])
        && !sentence_mentions(doc, s).any(|(_, m)| m.tok_end == t.head);
    // A gerund after a preposition is the content of something else, not an event.
    // "Egypt has long mediated …": a habit described as background.
    let background = t.head >= 2
        && norms[t.head - 1] == "long"
        && matches!(norms[t.head - 2], "has" | "have" | "had");
    if background {
        return false;
    }
    // So is one after a verb of stopping: "urged X to stop harassing …".
    // An adverb may stand between: "accused X of deliberately ramming".
    let before = if t.head >= 2 && norms[t.head - 1].ends_with("ly") {
        t.head - 1
    } else {
        t.head
    };
    // ("after severing its ties with Taiwan": a time clause reports an
    // event that happened.)
    let gerund_complement = norms[t.head].ends_with("ing")
        && before > 0
        && ((lx::is_preposition(norms[before - 1])
            && !matches!(
                norms[before - 1],
                "after" | "before" | "since" | "upon" | "while"
            ))
            || matches!(
                norms[before - 1],
                "stop" | "stopped" | "stops" | "halt" | "cease" | "end" | "quit" | "avoid"
            ));
    !reduced_relative && !gerund_complement
}

/// The CAMEO entry and PLOVER mapping of a trigger, unless it codes no
/// PLOVER event ("agree that …", "welcome the fact that …" are opinions).
fn plover_of<'k>(
    kb: &'k Kb,
    norms: &[&str],
    t: &TriggerMatch,
) -> Option<(&'k dyad_kb::CameoInfo, &'k dyad_kb::PloverMap)> {
    let info = kb.cameo.get(&t.code)?;
    let pl = info.plover.as_ref()?;
    let after = past_trigger(t);
    if norms.get(after) == Some(&"that")
        && matches!(pl.event_type.as_str(), "AGREE" | "SUPPORT" | "CONSULT")
    {
        return None;
    }
    Some((info, pl))
}

/// Whether sentence `s` can yield an event at all, judged without its
/// parse: some trigger outside names passes the filters that need no parse
/// and maps to a PLOVER event. Sentences that cannot are not parsed (the
/// coded events are the same as when every sentence is parsed).
pub fn may_code(doc: &Doc, s: usize, kb: &Kb) -> bool {
    let sent = &doc.sentences[s];
    let norms = sent.norms();
    sent.triggers(doc.text, kb).iter().any(|t| {
        !inside_name(doc, s, t)
            && surface_trigger_ok(doc, s, &norms, t)
            && plover_of(kb, &norms, t).is_some()
    })
}

/// A trigger inside a name ("Defense Ministry").
fn inside_name(doc: &Doc, s: usize, t: &TriggerMatch) -> bool {
    sentence_mentions(doc, s).any(|(_, m)| {
        m.tok_start <= t.head
            && t.head < m.tok_end
            && matches!(
                m.kind,
                MentionKind::Person
                    | MentionKind::Organisation
                    | MentionKind::Igo
                    | MentionKind::Outlet
                    | MentionKind::Country
            )
    })
}

fn is_nominal(doc: &Doc, s: usize, norms: &[&str], head: usize) -> bool {
    if let Some(sx) = &doc.sentences[s].parse {
        return matches!(sx.upos(head), "NOUN" | "PROPN" | "ADJ" | "NUM");
    }
    if head == 0 {
        return true;
    }
    let p = norms[head - 1];
    if matches!(
        p,
        "his" | "her" | "their" | "its" | "our" | "my" | "your" | "'s" | "the" | "a" | "an"
    ) {
        return true;
    }
    if lx::is_auxiliary(p)
        || matches!(
            p,
            "to" | "not"
                | "n't"
                | "never"
                | "also"
                | "then"
                | "jointly"
                | "later"
                | "earlier"
                | "again"
                | "reportedly"
                | "officially"
                | "formally"
                | "recently"
                | "who"
                | "which"
                | "that"
                | "and"
                | "or"
                | ","
                | "subsequently"
                | "repeatedly"
                | "immediately"
                | "allegedly"
        )
        || (p.ends_with("ly") && p.len() > 4)
    {
        return false;
    }
    // Right after a (non-modifier) mention: subject + verb.
    if sentence_mentions(doc, s).any(|(_, m)| m.tok_end == head && !m.modifier) {
        return false;
    }
    true
}

/// The first token after a trigger's words.
fn past_trigger(t: &TriggerMatch) -> usize {
    t.tokens.iter().max().copied().unwrap_or(t.head) + 1
}

/// "its troops", "their ambassadors": a recipient named with a possessive
/// pronoun, of no other country than the first actor's, is the actor's own
/// people — what it acts with, not whom it acts on.
fn is_own_people(doc: &Doc, r: &Participant, actors: &[Participant]) -> bool {
    let t = doc.slice(doc.mentions[r.mention].span).to_lowercase();
    let possessed = ["its ", "their ", "his ", "her ", "our "]
        .iter()
        .any(|p| t.starts_with(p));
    let rc = r.entity.and_then(|e| doc.entities[e].country.clone());
    let ac = actors
        .first()
        .and_then(|a| a.entity)
        .and_then(|e| doc.entities[e].country.clone());
    possessed && (rc.is_none() || rc == ac)
}

/// Actors and recipients read off the dependency parse, when it names an actor.
fn syntactic_participants(
    doc: &Doc,
    s: usize,
    t: &TriggerMatch,
    ms: &[(usize, &MentionData)],
) -> Option<(Vec<Participant>, Vec<Participant>)> {
    let sx = doc.sentences[s].parse.as_ref()?;
    let p = &sx.tree;
    let mut r = syntax::roles(p, sx.word(t.head));
    // A parser word stands for tokens; find the mention among them.
    let mention_direct = |w: usize| -> Option<usize> {
        let (a, b) = sx.toks[w];
        ms.iter()
            .find(|(_, m)| m.tok_start < b && a < m.tok_end)
            .map(|(k, _)| *k)
    };
    let mention_covered = |w: usize| -> Option<usize> {
        ms.iter()
            .find(|(_, m)| {
                let (wa, wb) = sx.words(m.tok_start, m.tok_end);
                syntax::covers(p, w, wa, wb)
            })
            .map(|(k, _)| *k)
    };
    let mention_at = |w: usize| mention_direct(w).or_else(|| mention_covered(w));
    // "threatened to strike X", "signed a deal with X", "dispatched rescue
    // teams to Turkey": the recipient may hang off another word of the
    // pattern (where the verb's own phrases name no one: "on Tuesday").
    if !r
        .recipients
        .iter()
        .any(|&(w, _)| mention_direct(w).is_some())
    {
        for &tk in t.tokens.iter().filter(|&&tk| tk != t.head) {
            if sx.word(tk) == sx.word(t.head) {
                continue;
            }
            let r2 = syntax::roles(p, sx.word(tk));
            if r2
                .recipients
                .iter()
                .any(|&(w, _)| mention_direct(w).is_some())
            {
                let rest = std::mem::take(&mut r.recipients);
                r.recipients = r2.recipients;
                r.recipients.extend(rest);
                break;
            }
        }
    }
    // The pattern's own target slot wins.
    if let Some(tt) = t.target_tok {
        r.recipients.insert(0, (sx.word(tt), "pattern-target"));
    }
    let mut actors: Vec<Participant> = Vec::new();
    for &(tok, how) in &r.actors {
        let Some(k) = mention_at(tok) else { continue };
        if doc.mentions[k].kind == MentionKind::Reciprocal {
            actors.extend(reciprocal_parts(doc, k, &format!("parse:{how}")));
        } else if let Some(pp) = participant(doc, k, &format!("parse:{how}"), &[]) {
            if !actors.iter().any(|a| a.entity == pp.entity) {
                actors.push(pp);
            }
        }
    }
    // "An Israeli airstrike killed …", "Russian missiles hit …": a subject
    // that names no actor, modified by a country word, stands for that
    // country.
    if actors.is_empty() && !r.nominal {
        if let Some(&(subj, how)) = r.actors.first() {
            let modifier = country_modifier(doc, s, sx, subj, &["amod", "compound", "nmod:poss"]);
            if let Some(k) = modifier {
                if let Some(mut pp) = participant(doc, k, &format!("parse:{how}-modifier"), &[]) {
                    // "Israeli air strikes", "Russian missiles and drones":
                    // a state's strikes and war machines are its military.
                    let l = p.lemma[subj].to_lowercase();
                    let military = lx::is_weapon_word(&l)
                        || matches!(
                            l.as_str(),
                            "strike" | "airstrike" | "jet" | "shelling" | "bombardment" | "plane"
                        );
                    let bare = pp
                        .entity
                        .is_some_and(|e| doc.entities[e].sectors.is_empty());
                    if military && bare && pp.inferred_sector.is_none() {
                        pp.inferred_sector = Some("MIL".into());
                        pp.inferred_how.push("sector:weapon");
                    }
                    actors.push(pp);
                }
            }
        }
    }
    // "the Israeli air strike": a country adjective inside the event noun's
    // phrase names who struck.
    if actors.is_empty() && r.nominal {
        let (a, _) = sx.toks[sx.word(t.head)];
        let lo = a.saturating_sub(3);
        if let Some((k, m)) = sentence_mentions(doc, s)
            .filter(|(_, m)| {
                m.modifier && m.tok_end <= a && m.tok_start >= lo && m.country.is_some()
            })
            .last()
        {
            let between_ok = doc.sentences[s].tokens[m.tok_end..a]
                .iter()
                .all(|tk| tk.kind == dyad_text::TokenKind::Word && !lx::is_determiner(&tk.norm));
            if between_ok {
                if let Some(e) = doc
                    .entities
                    .iter()
                    .position(|e| e.kind == MentionKind::Country && e.country == m.country)
                {
                    actors.push(Participant {
                        mention: k,
                        entity: Some(e),
                        role: "parse:country-adjective".into(),
                        ..Default::default()
                    });
                }
            }
        }
    }
    // "Talks between Serbia and Kosovo resumed": an event noun whose
    // partners are named with "between" is theirs, the first acting.
    if actors.is_empty() && r.nominal {
        let between_words: Vec<usize> = r
            .recipients
            .iter()
            .filter(|&&(_, how)| how == "between")
            .map(|&(w, _)| w)
            .collect();
        let mut between: Vec<usize> = between_words
            .iter()
            .filter_map(|&w| mention_direct(w))
            .collect();
        // "talks between the foreign ministers of Armenia and Azerbaijan":
        // the partners are the coordinated countries of the one group.
        if let [w] = between_words[..] {
            let of: Vec<usize> = p
                .dependents(w)
                .filter(|&d| {
                    p.deprel[d].starts_with("nmod")
                        && p.dependents(d)
                            .any(|c| p.deprel[c] == "case" && p.words[c].eq_ignore_ascii_case("of"))
                })
                .flat_map(|d| {
                    std::iter::once(d).chain(p.dependents(d).filter(|&c| p.deprel[c] == "conj"))
                })
                .collect();
            // (The group itself speaks for the first country.)
            let others: Vec<usize> = of
                .iter()
                .skip(1)
                .filter_map(|&x| mention_direct(x))
                .collect();
            if let (Some(&group), false) = (between.first(), others.is_empty()) {
                between = std::iter::once(group).chain(others).collect();
            }
        }
        // Not talks that "stalled", "collapsed" or "broke down".
        let failed = p.head_index(sx.word(t.head)).is_some_and(|v| {
            matches!(
                p.lemma[v].to_lowercase().as_str(),
                "stall" | "collapse" | "fail" | "founder" | "break" | "falter" | "stop"
            )
        });
        if between.len() >= 2 && !failed {
            if let Some(pp) = participant(doc, between[0], "parse:between", &[]) {
                actors.push(pp);
                let taken: Vec<usize> = actors.iter().filter_map(|a| a.entity).collect();
                let recipients: Vec<Participant> = between[1..]
                    .iter()
                    .filter_map(|&k| participant(doc, k, "parse:between", &taken))
                    .take(1)
                    .collect();
                return Some((actors, recipients));
            }
        }
    }
    if actors.is_empty() {
        // The tree names a subject that is no actor ("the visit carries
        // significance"): no event, rather than a guess from the surface.
        if (!r.actors.is_empty() && r.nominal) || r.no_actor {
            return Some((Vec::new(), Vec::new()));
        }
        return None;
    }
    let taken: Vec<usize> = actors.iter().filter_map(|a| a.entity).collect();
    let mut recipients: Vec<Participant> = Vec::new();
    // Two passes: an actor named in any role first ("shared intelligence on
    // North Korean launches with Japan" → Japan), then a country word
    // modifying a prepositional role's noun. An object's modifier counts
    // in the first pass ("sanctions on four Chinese banks").
    for pass in 0..2 {
        if !recipients.is_empty() {
            break;
        }
        for &(tok, how) in &r.recipients {
            let direct_only = pass == 0
                && !matches!(
                    how,
                    "obj" | "passive-subject" | "pattern-target" | "obj-possessor"
                );
            // The possessor of the object may be a modifier ("the US decision").
            let possessor = || {
                let (a, b) = sx.toks[tok];
                sentence_mentions(doc, s)
                    .find(|(_, m)| m.tok_start < b && a < m.tok_end && m.modifier)
                    .map(|(k, _)| k)
            };
            // A country word modifying the noun: "sanctions on four Chinese
            // banks", "imports of Malaysian palm oil".
            let country_modifier =
                || country_modifier(doc, s, sx, tok, &["amod", "compound", "nmod:poss", "nmod"]);
            let found = if matches!(how, "obj-possessor" | "helped-possessor") {
                mention_at(tok).or_else(possessor)
            } else if direct_only {
                mention_at(tok)
            } else {
                // "to an Australian plane over the South China Sea": the
                // noun's own country word before a mention deeper in it.
                mention_direct(tok)
                    .or_else(country_modifier)
                    .or_else(|| mention_covered(tok))
            };
            let Some(k) = found else { continue };
            // "…, South Korea's Joint Chiefs of Staff said": whoever
            // reports the event is not whom it is aimed at.
            if is_trailing_attribution(doc, k) {
                continue;
            }
            // "expressed France's solidarity with Denmark": the actor's own
            // country owning the object is not whom the act is aimed at.
            let km0 = &doc.mentions[k];
            let possessive = doc.sentences[s]
                .tokens
                .get(km0.tok_end)
                .is_some_and(|t| t.norm == "'s");
            // (A person or body of that country is someone else: "the
            // union denounced President Milei's decree".)
            if how == "obj-possessor" || (how == "obj" && possessive) {
                let own = |e: Option<usize>| e.and_then(|e| doc.entities[e].country.clone());
                let pc = doc.mentions[k]
                    .entity
                    .and_then(|e| doc.entities[e].country.clone());
                let same = actors
                    .iter()
                    .any(|a| a.entity.is_some() && a.entity == doc.mentions[k].entity);
                let country_word = doc.mentions[k].kind == MentionKind::Country;
                if same
                    || (country_word && pc.is_some() && actors.iter().any(|a| own(a.entity) == pc))
                {
                    continue;
                }
            }
            // A pronoun that refers back to the actor ("along its border") is
            // not whom the act is aimed at.
            if let MentionKind::Pronoun(_) = doc.mentions[k].kind {
                let pm = &doc.mentions[k];
                if how != "obj-possessor" && pm.refers.first().is_some_and(|e| taken.contains(e)) {
                    continue;
                }
                // "Sudan closed its airspace": a possessive pronoun after the
                // actor's own mention in the sentence is the actor's.
                let actor_before = actors.iter().any(|a| {
                    let am = &doc.mentions[a.mention];
                    am.sent == pm.sent
                        && am.tok_end <= pm.tok_start
                        && a.entity.is_some_and(|e| pm.refers.contains(&e))
                });
                let possessive = matches!(
                    doc.sentences[s].tokens[pm.tok_start].norm.as_str(),
                    "its" | "their" | "his" | "her"
                );
                if possessive && actor_before {
                    continue;
                }
            }
            // A bare group word inside the trigger's own words ("declared a
            // state of emergency") is not whom the act is aimed at.
            let km = &doc.mentions[k];
            if (km.tok_start..km.tok_end).all(|x| t.tokens.contains(&x))
                && km.country.is_none()
                && km.igo.is_none()
                && km.kind == MentionKind::Group
            {
                continue;
            }
            if doc.mentions[k].kind == MentionKind::Reciprocal {
                recipients.extend(reciprocal_parts(doc, k, &format!("parse:{how}")));
            } else if let Some(pp) = participant(doc, k, &format!("parse:{how}"), &taken) {
                // "recalled their ambassadors to Israel", "withdraw its
                // troops": the actor's own people are what it acts with;
                // the search goes on to whom ("to Israel").
                let own_people = is_own_people(doc, &pp, &actors);
                // "apologised for the Netherlands' role": the actor's own
                // country named in the phrase is no recipient.
                let own_country = doc.mentions[pp.mention].kind == MentionKind::Country
                    && how != "obj"
                    && actors.iter().any(|a| {
                        a.entity != pp.entity
                            && a.entity.and_then(|e| doc.entities[e].country.clone())
                                == pp.entity.and_then(|e| doc.entities[e].country.clone())
                    });
                if own_people || own_country {
                    continue;
                }
                if own_means(doc, t, &actors, &pp) {
                    continue;
                }
                if !taken.contains(&pp.entity.unwrap_or(usize::MAX))
                    && !recipients.iter().any(|x| x.entity == pp.entity)
                {
                    recipients.push(pp);
                }
            }
            // The first role that names an actor is the recipient (and its conjuncts).
            if !recipients.is_empty() && !r.recipients.iter().any(|&(t2, h2)| h2 == how && t2 > tok)
            {
                break;
            }
        }
    }
    // "Thai and Malaysian police arrested 12 suspects": partners acting on
    // a third party (an object outside the trigger) are not each other's
    // recipients; "began joint exercises", "exchanged fire" are mutual.
    // Coercion and force (CAMEO 17–20) on any object ("Russian missiles
    // and drones struck energy facilities") are the partners' act on it,
    // named or not.
    let force = matches!(t.code.get(..2), Some("17" | "18" | "19" | "20"));
    let third_party = r.recipients.iter().any(|&(w, how)| {
        let (a, b) = sx.toks[w];
        how == "obj"
            && !t.tokens.iter().any(|&x| a <= x && x < b)
            && (mention_at(w).is_some() || force && matches!(p.upos[w].as_str(), "NOUN" | "PROPN"))
    });
    if third_party && recipients.is_empty() {
        expand_partners(doc, &mut actors);
    } else {
        complete_dyad(doc, &mut actors, &mut recipients);
    }
    // "withdraw its troops", "deployed their forces": the actor's own forces
    // are what it acts with, not whom it acts on.
    recipients.retain(|r| !is_own_people(doc, r, &actors));
    // "Russia and Ukraine swapped prisoners": with two actors of different
    // countries, a recipient with no country of its own is the theme; the
    // dyad is the two actors.
    if let Some(other) = other_party(doc, &actors) {
        let rc = recipients
            .first()
            .and_then(|r| r.entity)
            .and_then(|e| doc.entities[e].country.clone());
        // A joint act ("held joint drills near the Iranian border",
        // patterns coded the same both ways) is between the partners.
        let norms = doc.sentences[s].norms();
        let joint = t.reverse_code.as_deref() == Some(t.code.as_str())
            || t.tokens
                .iter()
                .any(|&i| matches!(norms[i], "joint" | "jointly" | "combined"));
        if (rc.is_none() || joint) && !recipients.is_empty() {
            recipients = vec![other.clone()];
        }
    }
    Some((actors, recipients))
}

/// A country word before parser word `w` in one of the relations `rels`
/// ("Israeli" in "Israeli jets", "Chinese" in "four Chinese banks"): the
/// modifier mention that names it.
fn country_modifier(
    doc: &Doc,
    s: usize,
    sx: &syntax::Syntax,
    w: usize,
    rels: &[&str],
) -> Option<usize> {
    let p = &sx.tree;
    p.dependents(w)
        .filter(|&d| d < w && rels.contains(&p.deprel[d].as_str()))
        .find_map(|d| {
            let (a, b) = sx.toks[d];
            sentence_mentions(doc, s)
                .find(|(_, m)| {
                    m.tok_start < b && a < m.tok_end && m.modifier && m.country.is_some()
                })
                .map(|(k, _)| k)
        })
}

/// What the actor acts with rather than on: its own forces when it
/// deploys or moves them ("deployed troops along the border", CAMEO 15x),
/// its weapons when it fires them ("fired a missile at a ship").
fn own_means(doc: &Doc, t: &TriggerMatch, actors: &[Participant], r: &Participant) -> bool {
    let Some(e) = r.entity.map(|e| &doc.entities[e]) else {
        return false;
    };
    if e.kind != MentionKind::Group || e.sectors.first().map(String::as_str) != Some("MIL") {
        return false;
    }
    let ac = actors
        .first()
        .and_then(|a| a.entity)
        .and_then(|a| doc.entities[a].country.clone());
    if e.country.is_some() && e.country != ac {
        return false;
    }
    let text = doc.slice(doc.mentions[r.mention].span).to_lowercase();
    let head = text.rsplit(' ').next().unwrap_or("");
    let weapon = matches!(
        head.trim_end_matches('s'),
        "missile" | "rocket" | "drone" | "shell" | "bomb" | "torpedo" | "mortar" | "grenade"
    );
    t.code.starts_with("15") || weapon
}

/// Chooses actors and recipients for trigger `t`.
fn participants(
    doc: &Doc,
    s: usize,
    norms: &[&str],
    t: &TriggerMatch,
    earlier: &[TriggerMatch],
    prev_events: &[&EventData],
) -> (Vec<Participant>, Vec<Participant>) {
    let head = t.head;
    let last = t.tokens.iter().max().copied().unwrap_or(head);
    let ms: Vec<(usize, &MentionData)> = sentence_mentions(doc, s)
        .filter(|(_, m)| is_candidate(m))
        .collect();
    if let Some(found) = syntactic_participants(doc, s, t, &ms) {
        return found;
    }
    // An event noun whose tree names no actor ("during a phone call", "on
    // the sidelines of a meeting") is a circumstance, not an event.
    if let Some(sx) = &doc.sentences[s].parse {
        if matches!(sx.upos(head), "NOUN" | "PROPN") && t.tokens.len() == 1 {
            return (Vec::new(), Vec::new());
        }
    }
    let cs = clause_start(norms, head);
    let passive = head > 0
        && matches!(
            norms[head - 1],
            "was" | "were" | "been" | "being" | "is" | "are" | "be"
        )
        && norms[head].ends_with("ed");

    let mut actors: Vec<Participant> = Vec::new();
    let mut recipients: Vec<Participant> = Vec::new();

    // Slots given by the pattern.
    if let Some(tt) = t.target_tok {
        if let Some((k, _)) = ms.iter().find(|(_, m)| m.tok_start <= tt && tt < m.tok_end) {
            if let Some(p) = participant(doc, *k, "pattern-target", &[]) {
                recipients.push(p);
            }
        }
    }
    if let Some(st) = t.source_tok {
        if let Some((k, _)) = ms.iter().find(|(_, m)| m.tok_start <= st && st < m.tok_end) {
            if let Some(p) = participant(doc, *k, "pattern-source", &[]) {
                actors.push(p);
            }
        }
    }

    // Nominal trigger with a possessive: "Dong's visit", "his visit".
    if actors.is_empty() && head > 0 {
        let (pk, poss) = if norms[head - 1] == "'s" && head >= 2 {
            (head - 2, true)
        } else {
            (
                head - 1,
                matches!(norms[head - 1], "his" | "her" | "their" | "its"),
            )
        };
        if poss {
            if let Some((k, _)) = ms.iter().find(|(_, m)| m.tok_start <= pk && pk < m.tok_end) {
                if let Some(p) = participant(doc, *k, "possessive", &[]) {
                    actors.push(p);
                }
            }
        }
    }
    // Nominal trigger with "by X": "the first visit by a Chinese minister".
    let by_agent = |from: usize| -> Option<usize> {
        if from < norms.len() && norms[from] == "by" {
            ms.iter()
                .find(|(_, m)| {
                    m.tok_start == from + 1
                        || (m.tok_start == from + 2 && lx::is_determiner(norms[from + 1]))
                })
                .map(|(k, _)| *k)
        } else {
            None
        }
    };
    if actors.is_empty() {
        if let Some(k) = by_agent(last + 1) {
            if let Some(p) = participant(doc, k, if passive { "passive-by" } else { "by" }, &[]) {
                actors.push(p);
            }
        }
    }

    // Subject: nearest mention to the left in the clause, not inside a
    // prepositional phrase, not the object of an earlier verb.
    if actors.is_empty() {
        let participle = norms[head].ends_with("ing") && head > 0 && norms[head - 1] == ",";
        let coordinated = head > 0
            && (norms[head - 1] == "and"
                || (head > 1 && norms[head - 2] == "and" && lx::is_future_cue(norms[head - 1])));
        let prev_verb = earlier.iter().rev().find(|e| e.head < head);
        if (participle || coordinated) && !prev_events.is_empty() {
            // Shares the subject of the previous event in the sentence.
            if let Some(pe) = prev_events.last() {
                let mut a = pe.actors.clone();
                for p in &mut a {
                    p.role = if participle {
                        "participle-subject".into()
                    } else {
                        "coordinated-subject".into()
                    };
                }
                actors = a;
            }
        }
        let nominal = is_nominal(doc, s, norms, head);
        if actors.is_empty() && nominal && norms.get(last + 1) == Some(&"between") {
            // "the meeting between the two ministers", "talks between X and Y".
            for (k, m) in ms
                .iter()
                .filter(|(_, m)| m.tok_start > last + 1 && m.tok_start <= last + 8)
            {
                if doc.mentions[*k].kind == MentionKind::Reciprocal {
                    actors.extend(reciprocal_parts(doc, *k, "between"));
                    break;
                } else if let Some(p) = participant(doc, *k, "between", &[]) {
                    actors.push(p);
                }
                if norms.get(m.tok_end) != Some(&"and") {
                    break;
                }
            }
        }
        if actors.is_empty() {
            let prev_verb = if nominal { None } else { prev_verb };
            let lower = prev_verb
                .map(|e| e.tokens.iter().max().copied().unwrap_or(e.head) + 1)
                .unwrap_or(0)
                .max(cs);
            // "for X to VERB": X is the subject of the infinitive.
            let for_subject = if head >= 2 && norms[head - 1] == "to" {
                ms.iter().find(|(_, m)| {
                    m.tok_end == head - 1 && m.tok_start > 0 && norms[m.tok_start - 1] == "for"
                })
            } else {
                None
            };
            let cand = for_subject.or_else(|| {
                ms.iter()
                    .rev()
                    .filter(|(_, m)| m.tok_end <= head && m.tok_start >= lower)
                    .find(|(_, m)| {
                        let before = if m.tok_start > 0 {
                            norms[m.tok_start - 1]
                        } else {
                            ""
                        };
                        let quantity_of = before == "of"
                            && m.tok_start >= 2
                            && (lx::is_number_word(norms[m.tok_start - 2])
                                || matches!(
                                    norms[m.tok_start - 2],
                                    "some"
                                        | "many"
                                        | "most"
                                        | "all"
                                        | "several"
                                        | "none"
                                        | "dozens"
                                        | "hundreds"
                                        | "thousands"
                                        | "tens"
                                        | "scores"
                                        | "group"
                                        | "members"
                                        | "number"
                                )
                                || norms[m.tok_start - 2]
                                    .chars()
                                    .all(|c| c.is_ascii_digit() || c == ','));
                        !lx::is_preposition(before) || before == "as" || quantity_of
                    })
            });
            // Coordinated subjects: "China and France signed …".
            if let Some((k, m)) = cand {
                let mut picked = vec![*k];
                let mut start = m.tok_start;
                while start >= 2 && norms[start - 1] == "and" {
                    if let Some((k2, m2)) = ms.iter().find(|(_, x)| x.tok_end == start - 1) {
                        picked.insert(0, *k2);
                        start = m2.tok_start;
                    } else {
                        break;
                    }
                }
                for k in picked {
                    if doc.mentions[k].kind == MentionKind::Reciprocal {
                        actors.extend(reciprocal_parts(doc, k, "subject"));
                    } else if let Some(p) = participant(doc, k, "subject", &[]) {
                        if !actors.iter().any(|a| a.entity == p.entity) {
                            actors.push(p);
                        }
                    }
                }
            } else if participle || prev_verb.is_none() {
                // A participle clause at the start: "Citing X, Reuters reported …" — no actor.
            }
        }
    }

    // Recipient: to the right of the trigger within the clause.
    if recipients.is_empty() {
        let ce = clause_end(norms, last + 1);
        let next_verb = earlier
            .iter()
            .find(|e| e.head > last)
            .map(|e| e.head)
            .unwrap_or(usize::MAX);
        let taken: Vec<usize> = actors.iter().filter_map(|a| a.entity).collect();
        let mut best: Option<(usize, &str)> = None;
        for (k, m) in ms
            .iter()
            .filter(|(_, m)| m.tok_start > last && m.tok_start < ce && m.tok_start < next_verb)
        {
            let before = norms[m.tok_start - 1];
            let before2 = if m.tok_start >= 2 {
                norms[m.tok_start - 2]
            } else {
                ""
            };
            let prep = if lx::is_preposition(before) {
                before
            } else if lx::is_determiner(before) && lx::is_preposition(before2) {
                before2
            } else {
                ""
            };
            let direct = m.tok_start == last + 1
                || (m.tok_start == last + 2 && lx::is_determiner(norms[last + 1]));
            let role = match prep {
                "with" => "with",
                "for" => "for",
                "to" => "to",
                "against" => "against",
                "toward" | "towards" => "toward",
                "on" => "on",
                "between" => "between",
                "from" => "from",
                "" if direct => "object",
                "" => "object-far",
                _ => continue,
            };
            if passive && role == "by" {
                continue;
            }
            // Skip mentions that are the same entity as the actor.
            let ents = entities_of(doc, *k);
            if ents.iter().all(|e| taken.contains(e))
                && doc.mentions[*k].kind != MentionKind::Pronoun(lx::Pronoun::Person)
            {
                continue;
            }
            best = Some((*k, role));
            break;
        }
        if let Some((k, role)) = best {
            if doc.mentions[k].kind == MentionKind::Reciprocal {
                recipients.extend(reciprocal_parts(doc, k, role));
            } else if let Some(p) = participant(doc, k, role, &taken) {
                recipients.push(p);
                // Coordinated recipients: "with France and Germany".
                let mut end = doc.mentions[k].tok_end;
                while end < norms.len() && (norms[end] == "and" || norms[end] == ",") {
                    if let Some((k2, _)) = ms.iter().find(|(_, x)| x.tok_start == end + 1) {
                        if let Some(p2) = participant(doc, *k2, role, &taken) {
                            recipients.push(p2);
                        }
                        end = doc.mentions[*k2].tok_end;
                    } else {
                        break;
                    }
                }
            }
        }
    }

    // Passive voice with "by": the grammatical subject is the recipient.
    if passive && recipients.is_empty() && actors.iter().any(|a| a.role == "passive-by") {
        let lower = clause_start(norms, head);
        if let Some((k, _)) = ms
            .iter()
            .rev()
            .find(|(_, m)| m.tok_end <= head && m.tok_start >= lower)
        {
            let taken: Vec<usize> = actors.iter().filter_map(|a| a.entity).collect();
            if let Some(p) = participant(doc, *k, "passive-subject", &taken) {
                if !taken.contains(&p.entity.unwrap_or(usize::MAX)) {
                    recipients.push(p);
                }
            }
        }
    }
    // Passive voice: the grammatical subject is the recipient.
    if passive && actors.iter().all(|a| a.role != "passive-by") {
        if let Some(a) = actors.first().cloned() {
            if recipients.is_empty() {
                let mut r = a;
                r.role = "passive-subject".into();
                recipients.push(r);
                actors.clear();
            }
        }
    }

    complete_dyad(doc, &mut actors, &mut recipients);
    (actors, recipients)
}

fn negated(norms: &[&str], t: &TriggerMatch) -> bool {
    let lo = t.head.saturating_sub(4);
    // "had no plans to visit", "has no intention of attacking".
    let no_plan = t.head >= 3
        && norms[t.head - 3] == "no"
        && matches!(
            norms[t.head - 2],
            "plans" | "plan" | "intention" | "intentions"
        )
        && matches!(norms[t.head - 1], "to" | "of");
    // The lexicon's cues, less those that negate a noun rather than the
    // verb here ("no", "without", "neither", "nor") and "ruled" (out).
    no_plan
        || norms[lo..t.head].iter().any(|w| {
            lx::is_negation(w) && !matches!(*w, "no" | "without" | "neither" | "nor" | "ruled")
        })
}

/// "would not allow armed groups to use its territory to attack": an act in
/// a complement or purpose clause of a negated verb is not asserted either.
fn negated_above(doc: &Doc, s: usize, t: &TriggerMatch) -> bool {
    let Some(sx) = &doc.sentences[s].parse else {
        return false;
    };
    let p = &sx.tree;
    // From the head and the pattern's other words ("when the talks would
    // resume": the verb of "talks resume" carries the clause).
    // The trigger's own verb negates nothing: "were denied entry" is a
    // refusal, not a denied act.
    let own: Vec<usize> = t.tokens.iter().map(|&i| sx.word(i)).collect();
    t.tokens
        .iter()
        .chain(std::iter::once(&t.head))
        .filter_map(|&i| negated_from(p, sx.word(i)))
        .any(|h| !own.contains(&h) && h != sx.word(t.head))
}

fn negated_from(p: &dyad_parse::ParsedSentence, w: usize) -> Option<usize> {
    syntax::ancestor_where(
        p,
        w,
        3,
        |c| {
            matches!(
                p.deprel[c].split(':').next(),
                Some("xcomp" | "advcl" | "ccomp")
            )
        },
        |h| {
            // "denied supplying drones to Russia": a denied act is negated.
            matches!(p.lemma[h].to_lowercase().as_str(), "deny" | "denied")
                || p.dependents(h).any(|d| {
                    p.deprel[d] == "advmod"
                        && matches!(p.words[d].to_lowercase().as_str(), "not" | "n't" | "never")
                })
        },
    )
}

fn modality(norms: &[&str], t: &TriggerMatch) -> &'static str {
    // An infinitive reaches back further: "it is important for X to enhance".
    let reach = if t.head > 0 && norms[t.head - 1] == "to" {
        10
    } else {
        4
    };
    let lo = t.head.saturating_sub(reach);
    // "is expected to visit", "are scheduled to meet": a scheduled act is
    // future, where "analysts expected X to attack" is a forecast; "said it
    // was ready to resume peace talks", "is willing to negotiate": a declared
    // readiness is an intent (CAMEO 03x, PLOVER AGREE). Both are plans.
    let plan = t.head >= 3
        && norms[t.head - 1] == "to"
        && matches!(
            norms[t.head - 2],
            "expected" | "scheduled" | "due" | "set" | "ready" | "willing" | "prepared"
        )
        && matches!(
            norms[t.head - 3],
            "is" | "are" | "was" | "were" | "be" | "remains" | "remained" | "stood"
        );
    if plan {
        return "reported_plan";
    }
    if t.head > 0
        && norms[t.head - 1] == "to"
        && norms[lo..t.head].iter().any(|w| {
            matches!(
                *w,
                "important"
                    | "expected"
                    | "necessary"
                    | "need"
                    | "needs"
                    | "needed"
                    | "essential"
                    | "urged"
                    | "urges"
                    | "called"
                    | "calls"
                    | "asked"
                    | "want"
                    | "wants"
                    | "hope"
                    | "hopes"
                    | "ready"
                    | "willing"
                    | "able"
                    | "unable"
                    | "try"
                    | "tried"
                    | "trying"
                    | "attempt"
                    | "attempted"
                    | "seek"
                    | "seeks"
                    | "sought"
                    | "seeking"
            )
        })
    {
        return "hypothetical";
    }
    let window = &norms[lo..t.head];
    if window.iter().any(|w| lx::is_hypothetical_cue(w)) {
        return "hypothetical";
    }
    if window
        .iter()
        .any(|w| matches!(*w, "will" | "would" | "shall" | "'ll"))
    {
        return "future";
    }
    let to_inf = t.head > 0 && norms[t.head - 1] == "to";
    // "plans to visit", "agreed to sign": the plan is reported, not the act.
    if to_inf && window.iter().any(|w| lx::is_future_cue(w)) {
        return "reported_plan";
    }
    "asserted"
}

/// Whether mention `k` is the speaker of a trailing attribution: after a
/// comma, right before a reporting verb ("…, the army said").
fn is_trailing_attribution(doc: &Doc, k: usize) -> bool {
    let m = &doc.mentions[k];
    let toks = &doc.sentences[m.sent].tokens;
    // The comma may come a few words before the name: "…, the disaster
    // management agency AFAD said".
    let a = m.tok_start;
    let comma = (a.saturating_sub(6)..a).rev().find(|&i| {
        toks[i].norm == "," || lx::is_reporting_verb(&toks[i].norm) || toks[i].norm == "that"
    });
    comma.is_some_and(|i| toks[i].norm == ",")
        && toks
            .get(m.tok_end)
            .is_some_and(|t| lx::is_reporting_verb(&t.norm))
}

/// Dates right after a reporting verb ("told the Global Times on Tuesday")
/// date the report, not the event.
fn is_report_date(doc: &Doc, s: usize, d: &DateMention) -> bool {
    let sent = &doc.sentences[s];
    let idx = sent
        .tokens
        .iter()
        .position(|t| t.span.start >= d.span.start)
        .unwrap_or(0);
    let lo = idx.saturating_sub(8);
    sent.tokens[lo..idx].iter().any(|t| {
        lx::is_reporting_verb(&t.norm)
            || matches!(t.norm.as_str(), "statement" | "released" | "according")
    })
}

fn assign_date(doc: &Doc, norms: &[&str], ev: &mut EventData, earlier: &[EventData]) {
    let _ = norms;
    let s = ev.sent;
    let sent = &doc.sentences[s];
    let head_pos = sent.tokens[ev.trigger.head].span.start;
    let best = doc.dates[s]
        .iter()
        .filter(|d| !is_report_date(doc, s, d))
        .min_by_key(|d| (d.span.start as i64 - head_pos as i64).unsigned_abs());
    if let Some(d) = best {
        ev.date = Some(d.clone());
        ev.date_how = "sentence";
        return;
    }
    // Inherit from an earlier event of the same paragraph with a shared participant.
    let para = sent.paragraph;
    let mine: Vec<usize> = ev
        .actors
        .iter()
        .chain(ev.recipients.iter())
        .filter_map(|p| p.entity)
        .collect();
    if let Some(prev) = earlier.iter().rev().find(|e| {
        let p2 = doc.sentences[e.sent].paragraph;
        (p2 == para || e.sent + 1 == s)
            && e.date.is_some()
            && e.actors
                .iter()
                .chain(e.recipients.iter())
                .filter_map(|p| p.entity)
                .any(|x| mine.contains(&x))
    }) {
        ev.date = prev.date.clone();
        ev.date_how = "inherited";
    }
}

fn assign_location(doc: &Doc, kb: &Kb, ev: &mut EventData) {
    let s = ev.sent;
    let head = ev.trigger.head;
    // The place in the sentence nearest the trigger.
    let in_sent = doc
        .places
        .iter()
        .filter(|p| p.sent == s)
        .min_by_key(|p| (p.tok_start as i64 - head as i64).unsigned_abs());
    if let Some(p) = in_sent {
        ev.location = Some(p.loc.clone());
        ev.location_how = "sentence";
        return;
    }
    // A visit takes place in the visited country.
    let visit = ev.mode.as_deref() == Some("visit")
        || ev.cameo_code.starts_with("042")
        || ev.cameo_code.starts_with("043");
    if visit {
        let host = if ev.cameo_code.starts_with("043") {
            ev.actors.first()
        } else {
            ev.recipients.first()
        };
        if let Some(c) = host
            .and_then(|p| p.entity)
            .and_then(|e| doc.entities[e].country.clone())
        {
            let text = doc.slice(doc.mentions[host.map(|p| p.mention).unwrap_or(0)].span);
            ev.location = Some(crate::places::country_location(kb, &c, text));
            ev.location_how = "visit-host";
            return;
        }
    }
    // Otherwise a place in the same paragraph.
    let para = doc.sentences[s].paragraph;
    if let Some(p) = doc
        .places
        .iter()
        .find(|p| doc.sentences[p.sent].paragraph == para && p.loc.kind.as_deref() == Some("city"))
    {
        ev.location = Some(p.loc.clone());
        ev.location_how = "paragraph";
    }
}

fn confidence(doc: &Doc, ev: &EventData) -> f64 {
    let mut c: f64 = 0.5;
    if ev
        .trigger
        .pattern
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .count()
        >= 1
    {
        c += 0.15;
    }
    if !ev.recipients.is_empty() {
        c += 0.1;
    }
    if let Some(a) = ev.actors.first() {
        match doc.mentions[a.mention].kind {
            MentionKind::Pronoun(_) | MentionKind::Reciprocal => c -= 0.05,
            MentionKind::Person
            | MentionKind::Country
            | MentionKind::Organisation
            | MentionKind::Igo => c += 0.1,
            _ => {}
        }
        if a.role.contains("coordinated") || a.role.contains("participle") {
            c -= 0.05;
        }
    }
    if ev.modality != "asserted" {
        c -= 0.1;
    }
    (c.clamp(0.05, 0.95) * 100.0).round() / 100.0
}

/// One record per event: merges repeats of the same event in the document.
/// Verbs that count casualties rather than name an attack.
fn is_casualty_verb(lemma: &str) -> bool {
    // (Also multi-word forms: "killed and wounded".)
    let w = lemma.split(' ').next().unwrap_or("");
    ["kill", "wound", "injur", "die"]
        .iter()
        .any(|v| w.starts_with(v))
}

/// "Three soldiers were killed when jihadists attacked an army outpost",
/// "an air strike on a market killed 100 people": the casualties belong to
/// the attack named in the same sentence; one assault is coded, the attack
/// verb's, with the casualties as recipient where it names none.
fn casualties_join_their_attack(mut evs: Vec<EventData>) -> Vec<EventData> {
    let attack_in = |evs: &[EventData], s: usize| {
        evs.iter().position(|e| {
            e.sent == s
                && e.event_type == "ASSAULT"
                && !e.negated
                && !is_casualty_verb(&e.trigger.lemma)
                && !e.actors.is_empty()
        })
    };
    let mut i = 0;
    while i < evs.len() {
        let e = &evs[i];
        let casualty = e.event_type == "ASSAULT" && is_casualty_verb(&e.trigger.lemma);
        match attack_in(&evs, e.sent).filter(|_| casualty) {
            Some(a) => {
                let c = evs.remove(i);
                let a = if a > i { a - 1 } else { a };
                let attack = &mut evs[a];
                if attack.recipients.is_empty() && !c.recipients.is_empty() {
                    attack.recipients = c.recipients;
                }
                attack.coder.push_str(" assault:casualties-join-attack");
            }
            None => i += 1,
        }
    }
    evs
}

fn dedupe(doc: &Doc, evs: Vec<EventData>) -> Vec<EventData> {
    let evs = casualties_join_their_attack(evs);
    let key = |e: &EventData| {
        let a = e.actors.first().and_then(|p| p.entity).map(|x| {
            doc.entities[x]
                .country
                .clone()
                .unwrap_or_else(|| doc.entities[x].name.clone())
        });
        let r = e.recipients.first().and_then(|p| p.entity).map(|x| {
            doc.entities[x]
                .country
                .clone()
                .unwrap_or_else(|| doc.entities[x].name.clone())
        });
        let d = e.date.as_ref().map(|d| d.date);
        (
            e.event_type.clone(),
            e.mode.clone(),
            a,
            r,
            d,
            e.negated,
            e.modality,
        )
    };
    let mut out: Vec<EventData> = Vec::new();
    for e in evs {
        let k = key(&e);
        // Within one sentence a missing recipient does not split an event:
        // "troops killed eight militants in a raid" is one assault. (A
        // different mode does: "visited France and held talks" is a visit
        // and a meeting.)
        let same = |p: &EventData| {
            let kp = key(p);
            kp == k
                || (p.sent == e.sent
                    && (&kp.0, &kp.1, &kp.2, kp.5, kp.6) == (&k.0, &k.1, &k.2, k.5, k.6)
                    && (kp.3 == k.3 || kp.3.is_none() || k.3.is_none()))
        };
        if let Some(prev) = out.iter_mut().find(|p| same(p)) {
            if prev.sent == e.sent && prev.recipients.is_empty() != e.recipients.is_empty() {
                // Keep the record that names the recipient.
                if prev.recipients.is_empty() {
                    *prev = e;
                }
                continue;
            }
            // Keep the better-supported record; prefer more specific codes.
            if e.confidence > prev.confidence
                || (e.confidence == prev.confidence
                    && e.cameo_code.len() > prev.cameo_code.len()
                    && e.sent == prev.sent)
            {
                *prev = e;
            }
            continue;
        }
        out.push(e);
    }
    let _ = Precision::Day;
    one_meeting_per_sentence(doc, out)
}

/// One meeting told twice in a sentence ("held talks with Putin during a
/// two-day visit to Moscow", "arrived in Beijing for talks with Chinese
/// officials, the highest-level American visit", "hosted Hasina, where the
/// two leaders discussed …") is one record: the one that names more. A
/// verb "visit" beside talks stays two records, the visit and the meeting
/// held during it ("visited France and held talks with Lecornu").
fn one_meeting_per_sentence(doc: &Doc, evs: Vec<EventData>) -> Vec<EventData> {
    let country = |p: Option<&Participant>| p.and_then(|p| participant_country(doc, p));
    let named = |p: Option<&Participant>| {
        p.is_some_and(|p| {
            p.inferred_sector.is_some()
                || p.entity
                    .is_some_and(|e| !doc.entities[e].sectors.is_empty())
        })
    };
    let score = |e: &EventData| {
        usize::from(!e.recipients.is_empty())
            + usize::from(named(e.actors.first()))
            + usize::from(named(e.recipients.first()))
    };
    let visit_verb = |e: &EventData| {
        e.trigger.lemma == "visit"
            && doc.sentences[e.sent]
                .parse
                .as_ref()
                .is_some_and(|sx| sx.tree.upos[sx.word(e.trigger.head)] == "VERB")
    };
    let same_meeting = |x: &EventData, y: &EventData| {
        if x.sent != y.sent
            || x.event_type != "CONSULT"
            || y.event_type != "CONSULT"
            || (x.negated, x.modality) != (y.negated, y.modality)
            || visit_verb(x)
            || visit_verb(y)
        {
            return false;
        }
        let (xa, xr) = (country(x.actors.first()), country(x.recipients.first()));
        let (ya, yr) = (country(y.actors.first()), country(y.recipients.first()));
        if xa.is_none() || ya.is_none() {
            return false;
        }
        (xa == ya && (xr == yr || xr.is_none() || yr.is_none()))
            || (xr.is_some() && xa == yr && xr == ya)
    };
    let mut out: Vec<EventData> = Vec::with_capacity(evs.len());
    for e in evs {
        if let Some(prev) = out.iter_mut().find(|p| same_meeting(p, &e)) {
            let (se, sp) = (score(&e), score(prev));
            if se > sp
                || (se == sp
                    && e.cameo_code.starts_with("042")
                    && !prev.cameo_code.starts_with("042"))
            {
                *prev = e;
            }
            continue;
        }
        out.push(e);
    }
    out
}

/// "coast guard ships fired water cannon": a verb pattern whose head the
/// tree reads as a noun, its "object" belonging to another verb.
fn has_stray_object(sx: &syntax::Syntax, t: &TriggerMatch) -> bool {
    let tr = &sx.tree;
    let w = sx.word(t.head);
    tr.upos[w] == "NOUN"
        && t.tokens.iter().any(|&i| {
            let o = sx.word(i);
            i > t.head
                && o != w
                && tr.upos[o] == "NOUN"
                && syntax::ancestor_where(tr, o, 6, |_| true, |h| h == w).is_none()
        })
}

/// "Experts warned that the conflict could spread": a warning of what
/// could, might or may happen to something that names no actor is a
/// forecast, not a threat ("any attack would be met with force" stays
/// one). A "junk" agent ("drought", JNK) names no actor.
fn is_forecast_warning(doc: &Doc, s: usize, sx: &syntax::Syntax, t: &TriggerMatch) -> bool {
    if t.lemma != "warn" {
        return false;
    }
    let tr = &sx.tree;
    // Mentions overlapping tree word `d`.
    let over = |d: usize| {
        let (a, b) = sx.toks[d];
        sentence_mentions(doc, s).filter(move |(_, m)| m.tok_start < b && a < m.tok_end)
    };
    let names_actor = |d: usize| {
        over(d).any(|(_, m)| {
            m.country.is_some() || m.igo.is_some() || m.sectors.iter().any(|x| x != "JNK")
        })
    };
    let country_of = |d: usize| over(d).find_map(|(_, m)| m.country.clone());
    let w = sx.word(t.head);
    // The warner's own country within what the warning says ("any
    // escalation could lead Israel to …", said by Israel's minister) makes
    // it a threat, not a forecast.
    let own = tr
        .dependents(w)
        .find(|&d| tr.deprel[d] == "nsubj")
        .and_then(country_of);
    let names_own = |c: usize| {
        own.is_some()
            && (0..tr.len()).any(|x| {
                x != c
                    && matches!(tr.upos[x].as_str(), "PROPN" | "NOUN")
                    && syntax::ancestor_where(tr, x, 6, |_| true, |h| h == c).is_some()
                    && country_of(x) == own
            })
    };
    // Economists, analysts and experts forecast; they threaten no one.
    // (A coordinated "… but warn that" shares the subject up the tree,
    // which may hang it under what the pundits say.)
    let is_pundit = |d: usize| {
        matches!(
            tr.lemma[d].to_lowercase().as_str(),
            "economist"
                | "analyst"
                | "expert"
                | "scientist"
                | "researcher"
                | "observer"
                | "forecaster"
                | "meteorologist"
        )
    };
    let mut pundit = false;
    let mut cur = Some(w);
    for _ in 0..3 {
        let Some(c) = cur else { break };
        let subject = tr
            .dependents(c)
            .find(|&d| tr.deprel[d].starts_with("nsubj"));
        if subject.is_some_and(is_pundit) {
            pundit = true;
            break;
        }
        if (subject.is_some() && c == w) || !matches!(tr.deprel[c].as_str(), "conj" | "ccomp") {
            break;
        }
        cur = tr.head_index(c);
    }
    if pundit {
        return true;
    }
    let modal = |c: usize| {
        tr.dependents(c).any(|d| {
            tr.deprel[d] == "aux"
                && matches!(
                    tr.words[d].to_lowercase().as_str(),
                    "could" | "might" | "may"
                )
        })
    };
    // "… more people could be displaced, the U.N. refugee agency warned":
    // what may befall someone (a passive) is a forecast, told before or
    // after the warning.
    let passive = |c: usize| {
        tr.dependents(c)
            .any(|d| matches!(tr.deprel[d].as_str(), "nsubj:pass" | "aux:pass"))
    };
    // (The tree may hang the reporting clause after the forecast as an
    // adverbial clause.)
    let told_before = tr.head_index(w).is_some_and(|h| {
        (matches!(tr.deprel[w].as_str(), "parataxis" | "ccomp")
            || (tr.deprel[w] == "advcl" && h < w))
            && modal(h)
            && passive(h)
    });
    told_before
        || tr.dependents(w).any(|c| {
            tr.deprel[c] == "ccomp"
                && modal(c)
                && (passive(c)
                    || tr
                        .dependents(c)
                        .any(|d| tr.deprel[d].starts_with("nsubj") && !names_actor(d)))
                && !names_own(c)
        })
}

/// "An American journalist was detained in Russia", "the rapper was
/// sentenced in Iran": an arrest, detention, ban, expulsion or sentence
/// in the passive with no agent is the act of the state where it happens.
/// The actor is that country's mention after "in" (a country or its
/// capital), when it is not the recipient's own entity.
fn implicit_state_actor(
    doc: &Doc,
    s: usize,
    t: &TriggerMatch,
    event_type: &str,
    recipients: &[Participant],
) -> Option<Participant> {
    if !matches!(event_type, "COERCE" | "SANCTION") || recipients.is_empty() {
        return None;
    }
    let sx = doc.sentences[s].parse.as_ref()?;
    let p = &sx.tree;
    let w = sx.word(t.head);
    let passive = p
        .dependents(w)
        .any(|d| matches!(p.deprel[d].as_str(), "aux:pass" | "nsubj:pass"));
    if !passive || p.dependents(w).any(|d| p.deprel[d] == "obl:agent") {
        return None;
    }
    let taken: Vec<usize> = recipients.iter().filter_map(|r| r.entity).collect();
    // An "in" phrase of the verb naming a country.
    p.dependents(w)
        .filter(|&d| p.deprel[d].starts_with("obl"))
        .filter(|&d| {
            p.dependents(d)
                .any(|c| p.deprel[c] == "case" && p.words[c].eq_ignore_ascii_case("in"))
        })
        .find_map(|d| {
            let (a, b) = sx.toks[d];
            sentence_mentions(doc, s).find_map(|(k, m)| {
                let e = m.entity?;
                (m.tok_start < b
                    && a < m.tok_end
                    && m.kind == MentionKind::Country
                    && m.country.is_some()
                    && !taken.contains(&e))
                .then(|| Participant {
                    mention: k,
                    entity: Some(e),
                    role: "passive:place".into(),
                    ..Default::default()
                })
            })
        })
}

/// The entity of an event's first actor, for events of type `ty`.
fn first_actor_entity<'d>(doc: &'d Doc, ev: &EventData, ty: &str) -> Option<&'d EntityData> {
    if ev.event_type != ty {
        return None;
    }
    Some(&doc.entities[ev.actors.first()?.entity?])
}

/// Whether the trigger's words name an exercise or drill.
fn is_exercise(norms: &[&str], t: &TriggerMatch) -> bool {
    t.tokens.iter().any(|&i| {
        matches!(
            norms[i],
            "exercise" | "exercises" | "drill" | "drills" | "manoeuvres" | "maneuvers"
        )
    })
}

/// PLOVER: "Joint military operations are coded as COOPERATE but
/// single-country exercises should be coded as MOBILIZE." Exercises whose
/// subject names two sides ("The US and the Philippines began their annual
/// exercises") are joint: COOPERATE 062 between them. Returns whether it
/// recoded.
fn coordinated_exercise_is_joint(kb: &Kb, norms: &[&str], ev: &mut EventData) -> bool {
    if ev.event_type != "MOBILIZE" {
        return false;
    }
    let exercise = is_exercise(norms, &ev.trigger);
    let both_subjects = matches!(
        (ev.actors.first(), ev.recipients.first()),
        (Some(a), Some(r)) if a.role.starts_with("parse:nsubj") && r.role.starts_with("parse:nsubj")
    );
    exercise && both_subjects && recode(kb, ev, "062")
}

/// Whom a transfer or recall is aimed at is the state at the other end:
/// "extradited a Colombian man … to the United States" → USA (not the
/// man), "recalled the German ambassador to Russia" → RUS (not Germany's
/// own envoy). Returns whether it replaced the recipient.
fn destination_is_recipient(doc: &Doc, kb: &Kb, norms: &[&str], ev: &mut EventData) -> bool {
    // (Deportees are whom a deportation acts on: no transfer between states.)
    let transfer = matches!(ev.trigger.lemma.as_str(), "extradite" | "transfer" | "hand")
        && ev.event_type != "COERCE";
    let envoy = |doc: &Doc, p: &Participant| {
        let t = doc.slice(doc.mentions[p.mention].span).to_lowercase();
        ["ambassador", "envoy", "diplomat", "charge d"]
            .iter()
            .any(|w| t.contains(w))
    };
    let actor_country = ev
        .actors
        .first()
        .and_then(|a| a.entity)
        .and_then(|e| doc.entities[e].country.clone());
    let Some(r) = ev.recipients.first() else {
        return false;
    };
    let r_country = r.entity.and_then(|e| doc.entities[e].country.clone());
    let own_envoy = envoy(doc, r) && (r_country.is_none() || r_country == actor_country);
    let person = r
        .entity
        .is_some_and(|e| doc.entities[e].igo.is_none() && !doc.entities[e].sectors.is_empty())
        || doc.mentions[r.mention].kind == MentionKind::Person;
    if !(own_envoy || (transfer && person)) {
        return false;
    }
    // The country right after "to" (or "in"/"from" for an envoy's post).
    let after = if own_envoy {
        doc.mentions[r.mention].tok_end
    } else {
        past_trigger(&ev.trigger)
    };
    let found = sentence_mentions(doc, ev.sent).find(|(_, m)| {
        let lead = if m.tok_start >= 2 && norms[m.tok_start - 1] == "the" {
            m.tok_start - 2
        } else {
            m.tok_start.saturating_sub(1)
        };
        m.tok_start >= after
            && m.tok_start <= after + 12
            && m.kind == MentionKind::Country
            && m.country.is_some()
            && m.country != actor_country
            && (matches!(norms[lead], "to") || (own_envoy && matches!(norms[lead], "in" | "from")))
    });
    let Some((k, _)) = found else {
        // "the German ambassador to Russia" is one mention: the host is
        // named inside it.
        if !own_envoy {
            return false;
        }
        let m = &doc.mentions[ev.recipients[0].mention];
        let Some(to) = (m.tok_start..m.tok_end).find(|&i| matches!(norms[i], "to" | "in")) else {
            return false;
        };
        // The longest country name after it: "to the United States".
        let a = if norms.get(to + 1) == Some(&"the") {
            to + 2
        } else {
            to + 1
        };
        let host = (a..m.tok_end)
            .rev()
            .find_map(|b| kb.geo.country_by_name(doc.tok_text(m.sent, a, b + 1)));
        let Some(c) = host
            .map(|c| c.iso3.clone())
            .filter(|c| Some(c) != actor_country.as_ref())
        else {
            return false;
        };
        let r = &mut ev.recipients[0];
        r.host_state = Some(c);
        r.inferred_how.push("country:envoy-host");
        return true;
    };
    let Some(p) = participant(doc, k, "destination", &[]) else {
        return false;
    };
    ev.recipients.insert(0, p);
    ev.recipients.truncate(1);
    true
}

/// A strike, boycott, march or hunger strike that names no target is
/// aimed at the protesters' own government, as PLOVER coders read domestic
/// protest (in our dev sets 30 of 33 coded targets of such protests are
/// the government). Not for riots, nor for states and forces protesting.
/// The recipient is implied: no text, resolved_by says so.
fn protest_against_own_government(doc: &Doc, ev: &mut EventData) -> bool {
    // (Riots, CAMEO 145, are aimed at whatever they wreck.)
    if ev.event_type != "PROTEST" || ev.negated || ev.cameo_code.starts_with("145") {
        return false;
    }
    let Some(a) = ev.actors.first() else {
        return false;
    };
    let e = a.entity.map(|e| &doc.entities[e]);
    let Some(country) = participant_country(doc, a) else {
        return false;
    };
    // "marched through central Nairobi": the protesters' own city or
    // country is where they protest, not whom they protest against.
    ev.recipients.retain(|r| {
        !r.entity.is_some_and(|x| {
            let x = &doc.entities[x];
            x.sectors.is_empty()
                && x.igo.is_none()
                && x.country.as_deref() == Some(country.as_str())
                && matches!(doc.mentions[r.mention].kind, MentionKind::Country)
        })
    });
    if !ev.recipients.is_empty() {
        return false;
    }
    let state = e.is_some_and(|e| {
        e.igo.is_some()
            || e.sectors.is_empty()
            || e.sectors
                .first()
                .is_some_and(|s| matches!(s.as_str(), "GOV" | "MIL" | "COP" | "JUD" | "IGO"))
    });
    if state {
        return false;
    }
    ev.recipients.push(Participant {
        mention: a.mention,
        entity: None,
        role: "implied:own-government".into(),
        host_state: Some(country),
        inferred_sector: Some("GOV".into()),
        implied: true,
        ..Default::default()
    });
    true
}

/// "demanded that the government restore subsidies": whoever the demanded
/// clause names first is whom the demand is made of, also where the tree
/// misreads the clause. Only when no recipient was found.
fn demand_names_its_target(doc: &Doc, norms: &[&str], ev: &mut EventData) -> bool {
    if ev.event_type != "REQUEST" || !ev.recipients.is_empty() {
        return false;
    }
    let after = past_trigger(&ev.trigger);
    let mut i = after;
    // "demanded on Monday that …": a date or place may come first.
    while i < norms.len() && i < after + 5 && norms[i] != "that" {
        i += 1;
    }
    if norms.get(i) != Some(&"that") {
        return false;
    }
    let start = if norms.get(i + 1) == Some(&"the") {
        i + 2
    } else {
        i + 1
    };
    let taken: Vec<usize> = ev.actors.iter().filter_map(|a| a.entity).collect();
    let Some((k, _)) = sentence_mentions(doc, ev.sent).find(|(_, m)| m.tok_start == start) else {
        return false;
    };
    let Some(p) = participant(doc, k, "demanded-clause-subject", &taken) else {
        return false;
    };
    // "the government" of the demanding body's own country.
    push_own_country_recipient(doc, ev, p);
    true
}

/// PLOVER RETREAT: a resignation has no recipient ("submitted his
/// government's resignation to parliament"). Returns whether it dropped one.
fn resignation_has_no_recipient(norms: &[&str], ev: &mut EventData) -> bool {
    let resigned = ev.event_type == "RETREAT"
        && (matches!(ev.trigger.lemma.as_str(), "resign" | "step")
            || ev.trigger.tokens.iter().any(|&i| norms[i] == "resignation"));
    if !resigned || ev.recipients.is_empty() {
        return false;
    }
    ev.recipients.clear();
    true
}

/// PLOVER: joint exercises are COOPERATE, a single country's drills
/// MOBILIZE. An exercise the dictionary codes as military cooperation
/// (062) with no partner named and no "joint" ("the Indian Army staged
/// large-scale exercises") is a show of force. Returns whether it recoded.
fn lone_exercise_is_mobilize(kb: &Kb, norms: &[&str], ev: &mut EventData) -> bool {
    if ev.event_type != "COOPERATE" || !ev.recipients.is_empty() || ev.actors.len() != 1 {
        return false;
    }
    let exercise = is_exercise(norms, &ev.trigger);
    let lo = ev.trigger.head.saturating_sub(3);
    let hi = (past_trigger(&ev.trigger) + 4).min(norms.len());
    let joint = norms[lo..hi].iter().any(|w| {
        matches!(
            *w,
            "joint"
                | "jointly"
                | "together"
                | "with"
                | "alongside"
                | "combined"
                | "bilateral"
                | "multinational"
                | "trilateral"
        )
    });
    exercise && !joint && recode(kb, ev, "152")
}

/// PLOVER MOBILIZE: a state that deploys, moves, masses or calls up a force
/// acts through that force, so the actor's sector is the force's ("Poland
/// moved troops" → POL MIL, "the government sent police" → COP). The force
/// is a word of the trigger: an agent noun of the dictionaries (troops,
/// police, reservists) or a weapon the military fields (warships, jets).
/// Returns whether it set a sector.
fn mobilized_force_acts(doc: &Doc, kb: &Kb, norms: &[&str], ev: &mut EventData) -> bool {
    let Some(e) = first_actor_entity(doc, ev, "MOBILIZE") else {
        return false;
    };
    // A state (a country, or its government), not an armed group or a
    // force named as the actor already.
    let state = e.country.is_some()
        && e.igo.is_none()
        && e.sectors
            .first()
            .is_none_or(|s| matches!(s.as_str(), "GOV" | "ELI"));
    if !state {
        return false;
    }
    let force = ev.trigger.tokens.iter().find_map(|&i| {
        let w = norms[i];
        let agent = kb
            .actors
            .agent(w)
            .and_then(|e| e.codes.first()?.sectors.first());
        match agent.map(String::as_str) {
            Some(s @ ("MIL" | "COP")) => Some(s.to_string()),
            _ if lx::is_military_hardware(w) => Some("MIL".to_string()),
            _ => None,
        }
    });
    let Some(force) = force else {
        return false;
    };
    ev.actors[0].acting_sector = Some(force);
    true
}

/// PLOVER PROTEST: people who march, rally or demonstrate with no other
/// sector named are civilians ("Thousands of Indonesians rallied" → IDN
/// CVL). A country named alone that "protested" is a state's complaint and
/// is recoded before this (ACCUSE). Returns whether it set a sector.
fn protesters_are_civilians(doc: &Doc, kb: &Kb, ev: &mut EventData) -> bool {
    let Some(e) = first_actor_entity(doc, ev, "PROTEST") else {
        return false;
    };
    let m = &doc.mentions[ev.actors[0].mention];
    // "Israelis", "thousands of Kenyans": a people, not the state.
    let people = (m.kind == MentionKind::Group || m.names_a_people(doc, kb))
        && e.country.is_some()
        && e.igo.is_none()
        && e.sectors.is_empty();
    if !people {
        return false;
    }
    ev.actors[0].acting_sector = Some("CVL".into());
    true
}

/// The country of a participant: its entity's, else the one inferred.
fn participant_country(doc: &Doc, p: &Participant) -> Option<String> {
    p.entity
        .and_then(|e| doc.entities[e].country.clone())
        .or_else(|| p.inferred_country.clone())
}

/// Adds `ev`'s recipient `p`, giving a body named without a country ("the
/// government") the first actor's country.
fn push_own_country_recipient(doc: &Doc, ev: &mut EventData, mut p: Participant) {
    let own = ev.actors.first().and_then(|a| participant_country(doc, a));
    let stateless = p
        .entity
        .is_some_and(|e| doc.entities[e].country.is_none() && doc.entities[e].igo.is_none());
    if let (true, Some(c)) = (stateless, own) {
        p.inferred_country = Some(c);
        p.inferred_how.push("country:actor");
    }
    ev.recipients.push(p);
}

/// "marched in Belgrade in one of the largest protests against President
/// Vucic's government", "rallied to demand that the government call new
/// elections": a protest with no recipient is aimed at whom it is
/// "against" or whom it makes demands of, later in the sentence.
fn protest_target_named(doc: &Doc, norms: &[&str], ev: &mut EventData) -> bool {
    if ev.event_type != "PROTEST" || !ev.recipients.is_empty() {
        return false;
    }
    let after = past_trigger(&ev.trigger);
    let taken: Vec<usize> = ev.actors.iter().filter_map(|a| a.entity).collect();
    let cue = |m: &MentionData| {
        let lo = m.tok_start.saturating_sub(2);
        // "to press the federal government for better pay".
        let pressed = m.tok_start >= 2
            && matches!(norms[m.tok_start - 1], "the" | "their")
            && matches!(
                norms[m.tok_start - 2],
                "press" | "pressing" | "pressure" | "pressuring" | "urge" | "urging"
            );
        pressed
            || norms[lo..m.tok_start].contains(&"against")
            || (m.tok_start >= 2
                && norms[m.tok_start - 1] == "that"
                && matches!(
                    norms[m.tok_start - 2],
                    "demand" | "demanding" | "demanded" | "demands"
                ))
            || (m.tok_start >= 3
                && norms[m.tok_start - 2] == "that"
                && norms[m.tok_start - 1] == "the"
                && matches!(
                    norms[m.tok_start - 3],
                    "demand" | "demanding" | "demanded" | "demands"
                ))
    };
    let Some((k, _)) = sentence_mentions(doc, ev.sent)
        .find(|(_, m)| m.tok_start >= after && cue(m) && !matches!(m.kind, MentionKind::Outlet))
    else {
        return false;
    };
    let Some(p) = participant(doc, k, "protest-target", &taken) else {
        return false;
    };
    // "the government" of the protesters' own country.
    push_own_country_recipient(doc, ev, p);
    true
}

/// Police, courts, protesters, the government … with no country of their
/// own act in the country where the event takes place.
fn infer_domestic_country(doc: &Doc, ev: &mut EventData) {
    let Some(c) = ev.location.as_ref().and_then(|l| l.country.clone()) else {
        return;
    };
    // The guests of a host ("hosted a dinner for African leaders") come
    // from elsewhere: the place says nothing of their country.
    let local_recipients: &mut [Participant] = if ev.cameo_code.starts_with("043") {
        &mut []
    } else {
        &mut ev.recipients
    };
    // A traveller is not of the place travelled to ("the president is
    // expected to travel to Brussels").
    let travel = ev.cameo_code.starts_with("042")
        || matches!(
            ev.trigger.lemma.as_str(),
            "travel" | "visit" | "arrive" | "fly" | "go" | "head" | "tour" | "return"
        );
    let local_actors: &mut [Participant] = if travel { &mut [] } else { &mut ev.actors };
    for p in local_actors.iter_mut().chain(local_recipients.iter_mut()) {
        let Some(e) = p.entity else { continue };
        let e = &doc.entities[e];
        let domestic = e.sectors.first().is_some_and(|s| {
            matches!(
                s.as_str(),
                "COP"
                    | "GOV"
                    | "JUD"
                    | "LEG"
                    | "CVL"
                    | "OPP"
                    | "PTY"
                    | "CRM"
                    | "LAB"
                    | "BUS"
                    | "MED"
                    | "EDU"
                    | "REL"
                    | "AGR"
                    | "HLH"
                    | "ELI"
            )
        });
        if e.country.is_none() && e.igo.is_none() && domestic {
            p.inferred_country = Some(c.clone());
            p.inferred_how.push("country:location");
        }
    }
    // Fighting and repression: armed groups, soldiers and journalists named
    // without a country are those of the place where they are attacked or
    // detained ("killed eight militants in North Waziristan", "attacked a
    // military base in Cauca"), as are armed groups that attack there.
    if !matches!(ev.event_type.as_str(), "ASSAULT" | "COERCE") {
        return;
    }
    let local = |doc: &Doc, p: &Participant, sectors: &[&str]| {
        p.entity.is_some_and(|e| {
            let e = &doc.entities[e];
            e.country.is_none()
                && e.igo.is_none()
                && e.sectors
                    .first()
                    .is_some_and(|s| sectors.contains(&s.as_str()))
        }) && p.inferred_country.is_none()
    };
    for p in ev.recipients.iter_mut() {
        if local(doc, p, &["REB", "UAF", "INS", "MIL", "JRN"]) {
            p.inferred_country = Some(c.clone());
            p.inferred_how.push("country:location");
        }
    }
    for p in ev.actors.iter_mut() {
        if local(doc, p, &["REB", "UAF", "INS"]) {
            p.inferred_country = Some(c.clone());
            p.inferred_how.push("country:location");
        }
    }
}

/// PLOVER's visitor rule for meetings: "Lebanese officials met a US envoy
/// in Beirut" — the meeting is in the actor's own country, so the other
/// side is the visitor and becomes the actor. Returns whether it swapped.
fn host_by_place(doc: &Doc, ev: &mut EventData) -> bool {
    // A mediator hosting talks between others stays the actor (045).
    if ev.event_type != "CONSULT"
        || ev.cameo_code.starts_with("042")
        || ev.cameo_code.starts_with("043")
        || ev.cameo_code.starts_with("045")
        || ev.location_how != "sentence"
        || ev.recipients.is_empty()
    {
        return false;
    }
    let Some(place) = ev.location.as_ref().and_then(|l| l.country.clone()) else {
        return false;
    };
    let country = |p: Option<&Participant>| {
        p.and_then(|p| p.entity)
            .and_then(|e| doc.entities[e].country.clone())
    };
    let (ac, rc) = (country(ev.actors.first()), country(ev.recipients.first()));
    let ours = ac.as_deref() == Some(place.as_str());
    let foreign_guest = rc.as_ref().is_some_and(|r| *r != place);
    // Only a clear host and guest: one actor, one recipient.
    if !(ours && foreign_guest) || ev.actors.len() != 1 || ev.recipients.len() != 1 {
        return false;
    }
    std::mem::swap(&mut ev.actors, &mut ev.recipients);
    true
}

/// A visit with no host named ("arrived in Tokyo for a visit"): the host is
/// the visited place's country, when the place is named in the sentence
/// and is not the visitor's own country. Likewise the target of an attack
/// on a place abroad ("missiles hit a block in Dnipro").
fn visited_place_is_host(doc: &Doc, kb: &Kb, ev: &mut EventData) {
    if !ev.recipients.is_empty() || ev.actors.is_empty() {
        return;
    }
    let arrival = ev.trigger.block == "ARRIVE";
    let visit = ev.event_type == "CONSULT"
        && (ev.cameo_code.starts_with("042") || ev.mode.as_deref() == Some("visit") || arrival);
    // "Russian missiles hit an apartment block in Dnipro": an attack on a
    // place in another country is aimed at that country.
    let attack = ev.event_type == "ASSAULT";
    // "sent three planes loaded with tents … to Libya": aid goes to the
    // place it is delivered to.
    let delivery = ev.event_type == "AID";
    if !(visit || attack || delivery) || ev.location_how != "sentence" {
        return;
    }
    let Some(c) = ev.location.as_ref().and_then(|l| l.country.clone()) else {
        return;
    };
    let ac = ev
        .actors
        .first()
        .and_then(|a| a.entity)
        .and_then(|e| doc.entities[e].country.clone());
    // (An attack at home is on the place too: "insurgents stormed a hotel
    // in Mogadishu" → Somalia; the actor's country may come from the
    // place itself.)
    let actor_country = ev.actors.first().and_then(|a| participant_country(doc, a));
    if actor_country.is_none()
        || (!attack && ac.as_deref() == Some(c.as_str()))
        || (delivery && actor_country.as_deref() == Some(c.as_str()))
    {
        return;
    }
    // The place's own mention (a country or city word) before any other of
    // that country: "Officials in Kyiv said a Russian drone hit a plant in
    // Kharkiv" is aimed at Ukraine, not at the officials who report it.
    let of_country = |place_only: bool| {
        sentence_mentions(doc, ev.sent).find_map(|(k, m)| {
            let e = m.entity?;
            let place = m.kind == MentionKind::Country && doc.entities[e].sectors.is_empty();
            (m.country.as_deref() == Some(c.as_str())
                && doc.entities[e].country.as_deref() == Some(c.as_str())
                && (place || !place_only))
                .then_some((k, e))
        })
    };
    // Best the event's own location mention ("in Tyre", not "officials in
    // Beirut" who report it).
    let loc_start = ev.location.as_ref().and_then(|l| l.start);
    let at_location = sentence_mentions(doc, ev.sent).find_map(|(k, m)| {
        let e = m.entity?;
        (Some(m.span.start) == loc_start && doc.entities[e].country.as_deref() == Some(c.as_str()))
            .then_some((k, e))
    });
    let found = at_location
        .or_else(|| of_country(true))
        .or_else(|| of_country(false));
    if let Some((k, e)) = found {
        // Arriving in another country is visiting it (CAMEO 042).
        if visit && arrival {
            if let Some(info) = kb.cameo.get("042") {
                ev.cameo_code = info.code.clone();
                ev.goldstein = info.goldstein;
                ev.quad_class = info.quad_class;
                if let Some(pl) = &info.plover {
                    ev.mode = pl.mode.clone();
                    ev.contexts = pl.contexts.clone();
                }
            }
        }
        ev.recipients.push(Participant {
            mention: k,
            entity: Some(e),
            role: if visit {
                "visited-place"
            } else if delivery {
                "aided-place"
            } else {
                "attacked-place"
            }
            .into(),
            ..Default::default()
        });
    }
}

/// "The Pakistani foreign office said Afghan forces had fired on a border
/// post": a state that reports a foreign attack on a target it does not
/// name the owner of reports an attack on itself. Only when no recipient and
/// no place of another country were found.
fn state_reports_attack_on_itself(doc: &Doc, norms: &[&str], ev: &mut EventData) -> bool {
    if ev.event_type != "ASSAULT" || !ev.recipients.is_empty() {
        return false;
    }
    let country_of = |e: usize| doc.entities[e].country.clone();
    let Some(ac) = ev
        .actors
        .first()
        .and_then(|a| a.entity)
        .and_then(country_of)
    else {
        return false;
    };
    let head = ev.trigger.head;
    // The reporting verb before the trigger and the state body before it.
    let Some(rv) = (0..head).rev().find(|&i| lx::is_reporting_verb(norms[i])) else {
        return false;
    };
    let speaker = sentence_mentions(doc, ev.sent).find_map(|(k, m)| {
        let e = m.entity?;
        let ent = &doc.entities[e];
        let state = m.kind == MentionKind::Country
            || ent
                .sectors
                .first()
                .is_some_and(|s| matches!(s.as_str(), "GOV" | "MIL" | "COP"));
        let before_verb = m.tok_end <= rv && m.tok_end + 2 >= rv && !m.modifier;
        (before_verb && state && ent.igo.is_none())
            .then(|| country_of(e).map(|c| (k, e, c)))
            .flatten()
    });
    let Some((k, e, c)) = speaker else {
        return false;
    };
    if c == ac || ev.location.as_ref().is_some_and(|l| l.country.is_some()) {
        return false;
    }
    ev.recipients.push(Participant {
        mention: k,
        entity: Some(e),
        role: "reporting-state".into(),
        ..Default::default()
    });
    true
}

/// PLOVER (CONSULT): "where one side is hosting and one is visiting, the
/// visitor will always be coded as the actor and the host will be the
/// recipient". A hosting event (CAMEO 043, "X received/hosted Y") becomes
/// Y's visit to X (042). Returns whether it swapped.
fn visitor_is_actor(kb: &Kb, ev: &mut EventData) -> bool {
    if !ev.cameo_code.starts_with("043") || ev.recipients.is_empty() || ev.actors.is_empty() {
        return false;
    }
    let Some(visit) = kb.cameo.get("042") else {
        return false;
    };
    std::mem::swap(&mut ev.actors, &mut ev.recipients);
    ev.cameo_code = visit.code.clone();
    ev.goldstein = visit.goldstein;
    ev.quad_class = visit.quad_class;
    true
}

/// Whether the entity's primary sector is one of `sectors`.
fn first_sector_in(e: &EntityData, sectors: &[&str]) -> bool {
    e.sectors
        .first()
        .is_some_and(|s| sectors.contains(&s.as_str()))
}

/// Gives the recipients of kind `of_kind` that name no country, are no
/// international body and have none inferred yet the actor's `country`.
fn give_actor_country(
    doc: &Doc,
    recipients: &mut [Participant],
    country: &str,
    of_kind: impl Fn(&EntityData) -> bool,
) {
    for r in recipients.iter_mut() {
        let Some(e) = r.entity.map(|e| &doc.entities[e]) else {
            continue;
        };
        if e.country.is_none() && e.igo.is_none() && r.inferred_country.is_none() && of_kind(e) {
            r.inferred_country = Some(country.to_string());
            r.inferred_how.push("country:actor");
        }
    }
}

/// Fields of one side taken from the other:
/// * "her Indian counterpart" has the sector of the minister it meets;
/// * a person or group with no country acted on by a domestic institution
///   (police, courts, prosecutors, parliament; a government arresting or
///   banning) is of the institution's country: "Kenyan prosecutors charged
///   a former minister" → KEN.
fn infer_from_other_side(doc: &Doc, ev: &mut EventData) {
    let first_sector = |p: Option<&Participant>| -> Option<String> {
        let p = p?;
        doc.entities[p.entity?]
            .sectors
            .first()
            .cloned()
            .or_else(|| p.inferred_sector.clone())
    };
    let is_counterpart = |p: &Participant| {
        let t = doc.slice(doc.mentions[p.mention].span).to_lowercase();
        t.ends_with("counterpart") || t.ends_with("counterparts")
    };
    let no_sector = |p: &Participant| p.entity.is_some_and(|e| doc.entities[e].sectors.is_empty());
    let a_sec = first_sector(ev.actors.first());
    let r_sec = first_sector(ev.recipients.first());
    if let (Some(r), Some(sec)) = (ev.recipients.first_mut(), a_sec.clone()) {
        if is_counterpart(r) && no_sector(r) && r.inferred_sector.is_none() {
            r.inferred_sector = Some(sec);
            r.inferred_how.push("sector:counterpart");
        }
    }
    if let (Some(a), Some(sec)) = (ev.actors.first_mut(), r_sec) {
        if is_counterpart(a) && no_sector(a) && a.inferred_sector.is_none() {
            a.inferred_sector = Some(sec);
            a.inferred_how.push("sector:counterpart");
        }
    }
    // Domestic institutions act on their own country's people.
    let Some(actor) = ev.actors.first() else {
        return;
    };
    let Some(ae) = actor.entity.map(|e| &doc.entities[e]) else {
        return;
    };
    // A police force named by its place ("police in Managua") is of the
    // place's country.
    let Some(country) = ae
        .country
        .clone()
        .or_else(|| actor.inferred_country.clone())
    else {
        return;
    };
    let actor_sector = ae.sectors.first().map(String::as_str);
    let institution = match actor_sector {
        Some("COP" | "JUD" | "LEG") => true,
        // A government's acts on people ("pardoned", "released",
        // "sentenced", "ordered the police to") are at home; its talk,
        // help and cooperation reach abroad.
        Some("GOV") => matches!(
            ev.event_type.as_str(),
            "COERCE" | "CONCEDE" | "RETREAT" | "SANCTION" | "REQUEST" | "REJECT" | "THREATEN"
        ),
        _ => false,
    };
    // Rebels, gangs, parties, unions and the opposition named without a
    // country are those of a state or domestic body that deals with them
    // ("Myanmar's military government declared a ceasefire with ethnic
    // armed groups" → Myanmar's).
    let domestic_actor = ae.igo.is_none()
        && actor_sector.is_some_and(|s| {
            matches!(
                s,
                "GOV"
                    | "MIL"
                    | "COP"
                    | "JUD"
                    | "LEG"
                    | "PTY"
                    | "OPP"
                    | "LAB"
                    | "CVL"
                    | "EDU"
                    | "MED"
            )
        });
    if domestic_actor {
        // (Named groups and organisations only.)
        give_actor_country(doc, &mut ev.recipients, &country, |e| {
            matches!(e.kind, MentionKind::Group | MentionKind::Organisation)
                && first_sector_in(e, &["REB", "UAF", "INS", "OPP", "PTY", "LAB", "CRM"])
        });
    }
    // Parties, unions and citizens deal with their own state: "India's
    // opposition Congress party accused the government" → India's.
    let citizen_body = ae.igo.is_none()
        && actor_sector.is_some_and(|s| {
            matches!(
                s,
                "PTY" | "OPP" | "LAB" | "CVL" | "EDU" | "MED" | "AGR" | "JRN" | "REL"
            )
        });
    if citizen_body {
        give_actor_country(doc, &mut ev.recipients, &country, |e| {
            first_sector_in(e, &["GOV", "LEG", "JUD", "COP"])
        });
    }
    // Insurgents fight their own state: "Colombian rebels attacked a
    // military base" → a Colombian base.
    let insurgent = ev.event_type == "ASSAULT" && first_sector_in(ae, &["REB", "UAF", "INS"]);
    if insurgent {
        give_actor_country(doc, &mut ev.recipients, &country, |e| {
            first_sector_in(e, &["MIL", "COP", "GOV"])
        });
        return;
    }
    // And the state fights its own insurgents: "Pakistani troops killed
    // five militants" → Pakistani militants, unless a place says otherwise.
    let counterinsurgency = matches!(ev.event_type.as_str(), "ASSAULT" | "COERCE")
        && first_sector_in(ae, &["MIL", "COP"]);
    if counterinsurgency {
        give_actor_country(doc, &mut ev.recipients, &country, |e| {
            e.kind == MentionKind::Group && first_sector_in(e, &["REB", "UAF", "INS"])
        });
    }
    if !institution {
        return;
    }
    for r in ev.recipients.iter_mut() {
        let Some(e) = r.entity.map(|e| &doc.entities[e]) else {
            continue;
        };
        // Foreign by kind: armies, international bodies and named NGOs;
        // "several NGOs" raided at home are local ones.
        // (A prosecutor's or a legislature's army is their own.)
        let foreign_kind = e.sectors.first().is_some_and(|s| match s.as_str() {
            "MIL" => !matches!(actor_sector, Some("JUD" | "LEG")),
            "IGO" | "INT" => true,
            "NGO" => e.kind != MentionKind::Group,
            _ => false,
        });
        let who = matches!(
            e.kind,
            MentionKind::Person | MentionKind::Group | MentionKind::Organisation
        );
        if e.country.is_none()
            && e.igo.is_none()
            && r.inferred_country.is_none()
            && who
            && !foreign_kind
        {
            r.inferred_country = Some(country.clone());
            r.inferred_how.push("country:actor");
        }
    }
}

/// PLOVER: "Cooperative actions of types CONSULT, SUPPORT, COOPERATE, and AID
/// reported in future tense are also taken to imply intentions and should be
/// coded as AGREE" — with the matching CAMEO intent code (03x).
/// Replaces an event's code with CAMEO `code` (and its PLOVER type).
fn recode(kb: &Kb, ev: &mut EventData, code: &str) -> bool {
    let Some(info) = kb.cameo.get(code) else {
        return false;
    };
    let Some(pl) = &info.plover else {
        return false;
    };
    ev.event_type = pl.event_type.clone();
    ev.cameo_code = info.code.clone();
    ev.mode = pl.mode.clone();
    ev.contexts = pl.contexts.clone();
    ev.goldstein = info.goldstein;
    ev.quad_class = info.quad_class;
    true
}

/// "would not extradite the suspect", "will never recognise": a stated
/// refusal of a cooperative act is a rejection (PLOVER: "All rejections
/// and refusals"), coded now rather than dropped as a negated event.
fn refusal_is_reject(kb: &Kb, norms: &[&str], ev: &mut EventData) -> bool {
    if !ev.negated || ev.modality != "future" {
        return false;
    }
    let lo = ev.trigger.head.saturating_sub(4);
    let plain_not = norms[lo..ev.trigger.head]
        .iter()
        .any(|w| matches!(*w, "not" | "n't" | "never"));
    if !plain_not {
        return false;
    }
    let code = match ev.event_type.as_str() {
        "CONSULT" => "125",
        "COOPERATE" => "121",
        "AID" => "122",
        "CONCEDE" | "RETREAT" => "124",
        "AGREE" | "SUPPORT" => "120",
        _ => return false,
    };
    if !recode(kb, ev, code) {
        return false;
    }
    ev.negated = false;
    ev.modality = "asserted";
    true
}

/// "China protested against …", "the foreign ministry protested": a state
/// that protests lodges a complaint (ACCUSE); PLOVER's PROTEST is civilian
/// collective action.
fn state_protest_is_accusation(doc: &Doc, kb: &Kb, ev: &mut EventData) -> bool {
    if ev.event_type != "PROTEST" || ev.cameo_code != "140" {
        return false;
    }
    let Some(e) = ev.actors.first().and_then(|a| a.entity) else {
        return false;
    };
    // "Tens of thousands of Serbians marched": a people marches, a state
    // does not.
    if ev
        .actors
        .first()
        .is_some_and(|a| doc.mentions[a.mention].names_a_people(doc, kb))
        || matches!(ev.trigger.lemma.as_str(), "march" | "rally" | "demonstrate")
    {
        return false;
    }
    let ent = &doc.entities[e];
    let state = match ent.kind {
        MentionKind::Country => true,
        MentionKind::Person | MentionKind::Group | MentionKind::Organisation => matches!(
            ent.sectors.first().map(String::as_str),
            Some("GOV") | Some("JUD")
        ),
        _ => false,
    };
    state && recode(kb, ev, "111")
}

/// "Protesters set fire to parliament", "demonstrators stormed the
/// ministry": violence by a protest is a riot (CAMEO 145, PLOVER PROTEST),
/// whatever the verb.
fn protester_violence_is_riot(doc: &Doc, kb: &Kb, ev: &mut EventData) -> bool {
    if ev.event_type != "ASSAULT" {
        return false;
    }
    let protesters = ev.actors.first().is_some_and(|p| {
        let m = &doc.mentions[p.mention];
        m.tok_end > m.tok_start
            && matches!(
                doc.sentences[m.sent].tokens[m.tok_end - 1].norm.as_str(),
                "protesters"
                    | "protestors"
                    | "demonstrators"
                    | "rioters"
                    | "marchers"
                    | "mob"
                    | "mobs"
            )
    });
    protesters && recode(kb, ev, "145")
}

/// "Garment workers clashed with police": civilians fighting the police
/// or troops is a violent protest (CAMEO 145, PLOVER PROTEST), not an
/// armed assault.
fn civilian_clash_is_riot(doc: &Doc, kb: &Kb, ev: &mut EventData) -> bool {
    if ev.event_type != "ASSAULT" || !ev.trigger.lemma.starts_with("clash") {
        return false;
    }
    let sector = |p: Option<&Participant>| {
        p.and_then(|p| p.entity)
            .and_then(|e| doc.entities[e].sectors.first().cloned())
    };
    let civilian = matches!(
        sector(ev.actors.first()).as_deref(),
        Some("CVL" | "LAB" | "EDU" | "AGR" | "OPP" | "REL" | "MED")
    );
    let against_state = matches!(
        sector(ev.recipients.first()).as_deref(),
        None | Some("COP" | "MIL" | "GOV")
    );
    civilian && against_state && recode(kb, ev, "145")
}

/// "Turkey and Egypt agreed to restore ambassadors": when two states act
/// together in a cooperative event, each is the other's partner. A
/// recipient that names no country of its own, or the first actor's, gives
/// way to the partner of another country.
fn compound_partner_is_recipient(doc: &Doc, ev: &mut EventData) -> bool {
    if !matches!(
        ev.event_type.as_str(),
        "AGREE" | "CONSULT" | "SUPPORT" | "COOPERATE"
    ) {
        return false;
    }
    let country = |p: &Participant| p.entity.and_then(|e| doc.entities[e].country.clone());
    let sector = |p: &Participant| {
        p.entity
            .and_then(|e| doc.entities[e].sectors.first().cloned())
    };
    let Some(first) = ev.actors.first().and_then(country) else {
        return false;
    };
    let first_sector = ev.actors.first().and_then(sector);
    // Another state, or another side at home: "the Congolese government
    // and the M23 rebel group held talks" (GOV and REB of one country).
    let other_side = |p: &Participant| match country(p) {
        Some(c) if c != first => true,
        Some(_) => first_sector
            .as_ref()
            .is_some_and(|fs| sector(p).is_some_and(|s| &s != fs)),
        None => false,
    };
    let Some(partner) = ev.actors.iter().skip(1).find(|p| other_side(p)).cloned() else {
        return false;
    };
    let weak = ev
        .recipients
        .first()
        .is_none_or(|r| country(r).is_none_or(|c| c == first) && !other_side(r));
    if !weak {
        return false;
    }
    let mut p = partner;
    p.role = "compound-partner".into();
    ev.recipients.insert(0, p);
    true
}

/// Corrections keyed by the trigger verb, where CAMEO's block-wide patterns
/// give the verb another's sense: (type the dictionary gave, verb lemmas,
/// CAMEO code, coder tag).
/// - "Rangers arrested the former prime minister": the seizure block codes
///   "- * MINISTER" as an abduction (181); an arrest or detention is COERCE
///   (173), whoever is held.
/// - "Opposition lawmakers boycotted the session": PLOVER codes a boycott of
///   an activity as PROTEST (mode boycott, 143), not a rejected meeting (125).
/// - "A French court convicted a former doctor of genocide": the accusation
///   block's "of genocide" codes the charge; a conviction is a sanction (116).
const VERB_RECODES: &[(&str, &[&str], &str, &str)] = &[
    (
        "ASSAULT",
        &["arrest", "detain"],
        "173",
        "assault:arrest-as-coerce",
    ),
    ("REJECT", &["boycott"], "143", "reject:boycott-as-protest"),
    // CAMEO's stronghold patterns read "attacked an army outpost" as an
    // occupation (192); an attack is an assault.
    ("COERCE", &["attack"], "190", "coerce:attack-as-assault"),
    (
        "ACCUSE",
        &["convict"],
        "116",
        "accuse:conviction-as-sanction",
    ),
];

/// "warned of civil war if the prime minister did not step down", "warned
/// that it would respond unless …": a warning with a condition on the
/// other side is a threat (PLOVER THREATEN), whatever CAMEO's pattern for
/// the warned-of thing ("- * (OF &FIGHT)" is a criticism, 110).
fn conditional_warning_is_threat(kb: &Kb, norms: &[&str], ev: &mut EventData) -> bool {
    if ev.trigger.lemma != "warn" || ev.event_type == "THREATEN" {
        return false;
    }
    let after = past_trigger(&ev.trigger);
    let condition = norms
        .get(after..)
        .is_some_and(|rest| rest.iter().take(25).any(|w| matches!(*w, "if" | "unless")));
    condition && recode(kb, ev, "130")
}

/// "Nigerian workers began an indefinite nationwide strike": a strike by
/// workers, students, doctors or citizens, or one called general,
/// nationwide, indefinite or a hunger strike, is a labour protest (143),
/// not an air strike.
fn labour_strike_is_protest(doc: &Doc, kb: &Kb, norms: &[&str], ev: &mut EventData) -> bool {
    let head = ev.trigger.head;
    if ev.event_type != "ASSAULT" || !matches!(norms[head], "strike" | "strikes") {
        return false;
    }
    let lo = head.saturating_sub(3);
    let kind = norms[lo..head].iter().any(|w| {
        matches!(
            *w,
            "general"
                | "nationwide"
                | "national"
                | "indefinite"
                | "hunger"
                | "labour"
                | "labor"
                | "teachers"
                | "doctors"
                | "workers"
                | "warning"
                | "24"
                | "48"
        )
    });
    let civilian = ev.actors.first().is_some_and(|a| {
        a.entity.is_some_and(|e| {
            doc.entities[e].sectors.first().is_some_and(|s| {
                matches!(
                    s.as_str(),
                    "LAB" | "EDU" | "MED" | "CVL" | "AGR" | "JRN" | "BUS" | "OPP" | "PTY"
                )
            })
        })
    });
    (kind || civilian) && recode(kb, ev, "143")
}

/// Applies the first matching [`VERB_RECODES`] row; returns its coder tag.
fn recode_by_verb(doc: &Doc, kb: &Kb, ev: &mut EventData) -> Option<&'static str> {
    // A boycott by a state is an embargo (CAMEO 163, SANCTION); by a party,
    // lawmakers or citizens it is a protest ("the opposition boycotted
    // parliament", 143).
    if ev.event_type == "SANCTION" && ev.trigger.lemma == "boycott" {
        let state = ev.actors.first().is_some_and(|a| {
            a.entity.is_some_and(|e| {
                let e = &doc.entities[e];
                e.sectors.is_empty()
                    || e.sectors
                        .first()
                        .is_some_and(|s| matches!(s.as_str(), "GOV" | "MIL" | "IGO"))
            })
        });
        if !state && recode(kb, ev, "143") {
            return Some("sanction:non-state-boycott-as-protest");
        }
    }
    // "ordered the French ambassador to leave", "ordered the expulsion of
    // the ambassador": expelling diplomats reduces relations (161,
    // SANCTION), where expelling people is COERCE (174).
    if ev.event_type == "COERCE" && ev.cameo_code.starts_with("174") {
        let diplomat = ev.recipients.first().is_some_and(|r| {
            let t = doc.slice(doc.mentions[r.mention].span).to_lowercase();
            [
                "ambassador",
                "diplomat",
                "envoy",
                "charge d",
                "embassy",
                "consul",
                "attache",
            ]
            .iter()
            .any(|w| t.contains(w))
        });
        if diplomat && recode(kb, ev, "161") {
            return Some("coerce:expelled-diplomats-as-sanction");
        }
    }
    let &(_, _, code, tag) = VERB_RECODES.iter().find(|(ty, lemmas, _, _)| {
        ev.event_type == *ty && lemmas.contains(&ev.trigger.lemma.as_str())
    })?;
    recode(kb, ev, code).then_some(tag)
}

fn future_cooperation_is_agree(kb: &Kb, ev: &mut EventData) {
    if !matches!(ev.modality, "future" | "reported_plan") {
        return;
    }
    // PLOVER: future cooperation is AGREE; a future hostile act the actor
    // commits to ("vowed to annex", "will strike back") is THREATEN; an
    // announced retreat ("said it would withdraw its troops") is CONCEDE.
    let intent = match ev.event_type.as_str() {
        "RETREAT" => "080",
        "CONSULT" => "036",
        "SUPPORT" => "032",
        "COOPERATE" => "031",
        "AID" => "033",
        "ASSAULT" => "138",
        "COERCE" => "130",
        "SANCTION" => "1312",
        _ => return,
    };
    let before = ev.event_type.clone();
    if recode(kb, ev, intent) {
        ev.trigger.pattern = format!(
            "{} (future {} → {}, PLOVER)",
            ev.trigger.pattern.trim(),
            before,
            ev.event_type
        );
    }
}

/// The first of `actors` after the first that is the other party of a
/// compound actor: of another country than the first (or of one where the
/// first has none), and not its own side — "Russian missiles and drones":
/// a partner with neither country nor organisation of its own, of the
/// first actor's sector, is the first's side (the demonym distributes over
/// the coordination).
fn other_party<'p>(doc: &Doc, actors: &'p [Participant]) -> Option<&'p Participant> {
    let country = |p: &Participant| p.entity.and_then(|e| doc.entities[e].country.as_deref());
    let first = actors.first()?;
    let same_side = |p: &Participant| {
        let (Some(ea), Some(ep)) = (first.entity, p.entity) else {
            return false;
        };
        let (ea, ep) = (&doc.entities[ea], &doc.entities[ep]);
        ep.country.is_none()
            && ep.igo.is_none()
            && !ep.sectors.is_empty()
            && ep.sectors.first() == ea.sectors.first()
    };
    actors
        .iter()
        .skip(1)
        .find(|p| country(p) != country(first) && !same_side(p))
}

/// Adds partner groups, codes a compound or reciprocal actor with no
/// recipient as a dyad (first actor → the first of another country, not of
/// its own side), and drops a recipient that is the actor itself.
fn complete_dyad(doc: &Doc, actors: &mut Vec<Participant>, recipients: &mut Vec<Participant>) {
    expand_partners(doc, actors);
    if recipients.is_empty() {
        if let Some(other) = other_party(doc, actors) {
            recipients.push(other.clone());
        }
    }
    if let (Some(a), Some(r)) = (actors.first(), recipients.first()) {
        if a.entity == r.entity {
            recipients.remove(0);
        }
    }
}

/// Adds the groups that act together with an actor ("Egyptian and Qatari
/// mediators", "soldiers from Kenya and Uganda"), in text order.
fn expand_partners(doc: &Doc, actors: &mut Vec<Participant>) {
    let mut extra: Vec<Participant> = Vec::new();
    for a in actors.iter() {
        let k = a.mention;
        for (j, m) in doc.mentions.iter().enumerate() {
            let linked = m.partner_of == Some(k) || doc.mentions[k].partner_of == Some(j);
            if !linked || j == k {
                continue;
            }
            let Some(e) = m.entity else { continue };
            if actors
                .iter()
                .chain(extra.iter())
                .any(|x| x.entity == Some(e))
            {
                continue;
            }
            extra.push(Participant {
                mention: j,
                entity: Some(e),
                role: format!("{}+partner", a.role),
                ..Default::default()
            });
        }
    }
    if extra.is_empty() {
        return;
    }
    actors.extend(extra);
    actors.sort_by_key(|p| {
        (
            doc.mentions[p.mention].sent,
            doc.mentions[p.mention].tok_start,
        )
    });
}
