//! Each pipeline layer on sentences of our own (other countries, people and
//! event types than the seed article).

use dyad_code::mentions::MentionKind;
use dyad_code::{analyse, code_document, DocOutput, Event, InputDoc};

fn kb() -> &'static dyad_kb::Kb {
    dyad_kb::Kb::embedded()
}

fn code(text: &str, published: &str) -> DocOutput {
    let input = InputDoc {
        text: text.to_string(),
        published: Some(published.to_string()),
        ..Default::default()
    };
    code_document(&input, kb()).expect("codes")
}

fn one(text: &str, published: &str, ty: &str) -> Event {
    let d = code(text, published);
    d.events
        .iter()
        .find(|e| e.event_type == ty)
        .cloned()
        .unwrap_or_else(|| panic!("no {ty} in {text:?}: {:#?}", d.events))
}

fn c(a: &Option<dyad_code::record::Actor>) -> Option<&str> {
    a.as_ref().and_then(|a| a.country.as_deref())
}

// ---- mentions and entities -------------------------------------------------

#[test]
fn titled_names_resolve_country_sector_title() {
    let d = code(
        "Russian Foreign Minister Sergei Lavrov met his Turkish counterpart in Ankara.",
        "2024-03-15",
    );
    let e = d
        .entities
        .iter()
        .find(|e| e.name.contains("Lavrov"))
        .expect("Lavrov");
    assert_eq!(e.country.as_deref(), Some("RUS"));
    assert_eq!(e.sector.as_deref(), Some("GOV"));
}

#[test]
fn apposition_gives_country_and_sector() {
    let d = code(
        "Maria Santos, a Brazilian economics professor, told reporters that the plan would fail.",
        "2024-03-15",
    );
    let e = d
        .entities
        .iter()
        .find(|e| e.name == "Maria Santos")
        .expect("person");
    assert_eq!(e.country.as_deref(), Some("BRA"));
    assert_eq!(e.sector.as_deref(), Some("EDU"));
    assert_eq!(d.quotes.len(), 1);
    assert_eq!(d.quotes[0].speaker.name.as_deref(), Some("Maria Santos"));
    assert!(d.quotes[0].text.starts_with("the plan"));
}

#[test]
fn surnames_and_pronouns_corefer() {
    let input = InputDoc {
        text: "German Chancellor Olaf Scholz arrived in Beijing on Monday. Scholz met Chinese Premier Li Qiang. He later visited Shanghai.".into(),
        published: Some("2024-04-17".into()),
        ..Default::default()
    };
    let d = analyse(&input, kb()).unwrap();
    let scholz: Vec<_> = d
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Person && m.name.as_deref() == Some("Olaf Scholz"))
        .collect();
    assert_eq!(scholz.len(), 2, "full name and bare surname");
    assert_eq!(scholz[0].entity, scholz[1].entity);
    let he = d
        .mentions
        .iter()
        .find(|m| matches!(m.kind, MentionKind::Pronoun(_)))
        .unwrap();
    // "He" is most recently Li Qiang by recency; either way it is a person entity.
    assert!(!he.refers.is_empty());
}

#[test]
fn outlets_are_not_actors_and_modifiers_are_not_mentions() {
    let d = code(
        "Reuters reported that Kenyan police arrested 12 protesters. The Kenyan statement gave no reason.",
        "2024-03-15",
    );
    for e in &d.events {
        let a = e.actor.as_ref().unwrap();
        assert!(!a.text.contains("Reuters"));
    }
    let input = InputDoc {
        text: "The Kenyan statement gave no reason.".into(),
        ..Default::default()
    };
    let doc = analyse(&input, kb()).unwrap();
    assert!(doc
        .mentions
        .iter()
        .all(|m| m.modifier || m.kind != MentionKind::Country));
}

// ---- events ---------------------------------------------------------------

#[test]
fn meeting_with_counterpart_date_and_place() {
    let e = one(
        "Russian Foreign Minister Sergei Lavrov met with his Turkish counterpart in Ankara on Wednesday.",
        "2024-03-15",
        "CONSULT",
    );
    assert_eq!(c(&e.actor), Some("RUS"));
    assert_eq!(c(&e.recipient), Some("TUR"));
    assert_eq!(e.event_date.as_deref(), Some("2024-03-13"));
    assert_eq!(e.date_precision, "day");
    let loc = e.location.as_ref().unwrap();
    assert_eq!(loc.country.as_deref(), Some("TUR"));
    assert!(loc.lat.is_some());
}

#[test]
fn light_verb_visit_with_month_precision() {
    let e = one(
        "Kenyan President William Ruto paid a visit to Ethiopia in early May.",
        "2024-03-15",
        "CONSULT",
    );
    assert_eq!(c(&e.actor), Some("KEN"));
    assert_eq!(c(&e.recipient), Some("ETH"));
    assert_eq!(e.event_date.as_deref(), Some("2023-05"));
    assert_eq!(e.date_precision, "month");
    assert_eq!(e.event_mode.as_deref(), Some("visit"));
}

#[test]
fn sanctions_accusations_threats_protests() {
    let e = one(
        "The United States imposed sanctions on Iran last week.",
        "2024-03-15",
        "SANCTION",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("USA"), Some("IRN")));
    let e = one(
        "Ukraine accused Russia of shelling a hospital in Kharkiv.",
        "2024-03-15",
        "ACCUSE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("UKR"), Some("RUS")));
    let e = one(
        "North Korea threatened to strike the United States with nuclear weapons.",
        "2024-03-15",
        "THREATEN",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("PRK"), Some("USA")));
    let e = one(
        "Thousands of demonstrators protested against the government in Caracas on Saturday.",
        "2024-03-15",
        "PROTEST",
    );
    assert_eq!(e.event_date.as_deref(), Some("2024-03-09"));
    // Domestic actors take the country of the place.
    assert_eq!(c(&e.actor), Some("VEN"));
}

#[test]
fn negation_passive_and_compound_actors() {
    let e = one(
        "Israel did not attack Lebanon, the army said.",
        "2024-03-15",
        "ASSAULT",
    );
    assert!(e.negated);
    let e = one(
        "Three soldiers were killed by Taliban fighters in Kandahar.",
        "2024-03-15",
        "ASSAULT",
    );
    assert_eq!(c(&e.actor), Some("AFG"));
    assert!(e.recipient.as_ref().unwrap().text.contains("soldiers"));
    let e = one(
        "Japan and South Korea signed an agreement on defense cooperation.",
        "2024-03-15",
        "AGREE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("JPN"), Some("KOR")));
}

#[test]
fn future_cooperation_is_agree_and_capitals_stand_for_countries() {
    let d = code(
        "The Indian prime minister will visit Washington next week.",
        "2024-03-15",
    );
    let e = &d.events[0];
    assert_eq!(e.modality, "future");
    assert_eq!(
        e.event_type, "AGREE",
        "PLOVER codes future cooperation as AGREE"
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("IND"), Some("USA")));
}

#[test]
fn statements_and_opinions_are_not_events() {
    let d = code(
        "Analysts said the economy would likely recover next year. The minister said that he agreed that the reforms were necessary.",
        "2024-03-15",
    );
    assert!(
        d.events
            .iter()
            .all(|e| e.event_type != "ASSAULT" && e.event_type != "AGREE"),
        "{:#?}",
        d.events
    );
}

#[test]
fn every_event_carries_evidence() {
    let text = "Pakistan expelled two Indian diplomats on Friday. Egypt offered to mediate between Israel and Hamas.";
    let d = code(text, "2024-03-15");
    assert!(!d.events.is_empty());
    let chars: Vec<char> = text.chars().collect();
    for e in &d.events {
        let ev = &e.evidence;
        assert!(ev.start <= ev.trigger_start && ev.trigger_end <= ev.end);
        let s: String = chars[ev.trigger_start..ev.trigger_end].iter().collect();
        assert!(s.starts_with(ev.trigger.split(' ').next().unwrap()));
        assert!(e.coder.starts_with("dict:"));
        let a = e.actor.as_ref().unwrap();
        let at: String = chars[a.start.unwrap()..a.end.unwrap()].iter().collect();
        assert_eq!(at, a.text);
        assert!(a.resolved_by.is_some());
    }
}

#[test]
fn ids_are_stable() {
    let t = "Pakistan expelled two Indian diplomats on Friday.";
    let a = code(t, "2024-03-15");
    let b = code(t, "2024-03-15");
    assert_eq!(a.doc_id, b.doc_id);
    assert_eq!(a.events[0].event_id, b.events[0].event_id);
}

#[test]
fn empty_text_and_bad_date_are_errors() {
    let kb = kb();
    let empty = InputDoc {
        text: "  \n ".into(),
        ..Default::default()
    };
    assert!(code_document(&empty, kb).is_err());
    let bad = InputDoc {
        text: "Peru recalled its ambassador.".into(),
        published: Some("yesterday-ish".into()),
        ..Default::default()
    };
    assert!(code_document(&bad, kb).is_err());
}

#[test]
fn hyphenated_given_names_stay_whole() {
    let d = code(
        "French Foreign Minister Jean-Noel Barrot met Chinese Foreign Minister Wang Yi in Beijing on Monday. Barrot later visited Shanghai.",
        "2025-03-12",
    );
    let e = d
        .entities
        .iter()
        .find(|e| e.name == "Jean-Noel Barrot")
        .expect("whole name");
    assert_eq!(e.country.as_deref(), Some("FRA"));
    assert_eq!(e.mentions.len(), 2, "the bare surname corefers");
    let meet = one(
        "French Foreign Minister Jean-Noel Barrot met Chinese Foreign Minister Wang Yi in Beijing on Monday.",
        "2025-03-12",
        "CONSULT",
    );
    assert_eq!(
        (c(&meet.actor), c(&meet.recipient)),
        (Some("FRA"), Some("CHN"))
    );
    assert_eq!(meet.event_date.as_deref(), Some("2025-03-10"));
}

#[test]
fn a_verb_after_a_country_name_is_its_predicate() {
    // Not one mention "Turkey deployed additional troops": the verb is the trigger.
    let e = one(
        "Turkey deployed additional troops to its border with Syria.",
        "2024-03-01",
        "MOBILIZE",
    );
    assert_eq!(c(&e.actor), Some("TUR"));
    assert_eq!(e.actor.as_ref().unwrap().text, "Turkey");
    let e = one(
        "Egypt massed tanks along the Gaza frontier.",
        "2024-03-01",
        "MOBILIZE",
    );
    assert_eq!(c(&e.actor), Some("EGY"));
    // A demonym before a participle still modifies the noun.
    let out = code("Russian armed forces shelled Kharkiv.", "2024-03-01");
    let ev = out.events.iter().find(|e| e.event_type == "ASSAULT");
    assert!(
        ev.is_some_and(|e| e.actor.as_ref().unwrap().text.contains("armed forces")),
        "{:?}",
        out.events
    );
}

#[test]
fn aid_executions_envoys_and_clause_boundaries() {
    // Arms and loans given are AID, not intentions.
    let e = one(
        "Russia provided Myanmar with fighter aircraft last year.",
        "2024-03-01",
        "AID",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("RUS"), Some("MMR")));
    one(
        "The Asian Development Bank approved a $300 million loan to Bangladesh.",
        "2024-03-01",
        "AID",
    );
    // Executions of people are assaults; "executed the plan" is no event.
    let e = one(
        "Iranian authorities executed two protesters on Thursday.",
        "2024-03-01",
        "ASSAULT",
    );
    assert_eq!(c(&e.actor), Some("IRN"));
    let out = code(
        "The Dutch government executed its budget plan.",
        "2024-03-01",
    );
    assert!(out.events.is_empty(), "{:?}", out.events);
    // Expelling an envoy cuts relations.
    let e = one(
        "Algeria expelled the Spanish ambassador.",
        "2024-03-01",
        "SANCTION",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("DZA"), Some("ESP")));
    // A pattern never spans "and" + a past-tense verb: "expelled" does not
    // reach "military" in the second clause.
    let out = code(
        "Niger expelled the French ambassador and ended military cooperation with France.",
        "2024-03-01",
    );
    assert!(
        out.events
            .iter()
            .all(|e| !(e.evidence.trigger.starts_with("expelled")
                && e.evidence.trigger.contains("military"))),
        "{:?}",
        out.events
    );
}

#[test]
fn one_assault_per_sentence_whatever_the_modes() {
    let out = code(
        "Nigerian troops killed six bandits in a raid in Zamfara on Sunday.",
        "2024-03-04",
    );
    let n = out
        .events
        .iter()
        .filter(|e| e.event_type == "ASSAULT")
        .count();
    assert_eq!(n, 1, "{:?}", out.events);
}

#[test]
fn going_on_strike_is_a_protest_not_an_attack() {
    let out = code("Nigerian nurses went on strike over pay.", "2024-03-04");
    assert!(
        out.events.iter().any(|e| e.event_type == "PROTEST"),
        "{:?}",
        out.events
    );
    assert!(
        out.events.iter().all(|e| e.event_type != "ASSAULT"),
        "{:?}",
        out.events
    );
}

#[test]
fn objects_possessors_participles_and_null_patterns() {
    // "the embassy in Paris condemned": a null pattern ("in condemning")
    // does not reach across the name.
    let e = one(
        "The Iranian embassy in Paris condemned the French decision to ban the group.",
        "2024-03-04",
        "ACCUSE",
    );
    assert_eq!(c(&e.actor), Some("IRN"));
    // Whose decision it is names the recipient.
    assert_eq!(c(&e.recipient), Some("FRA"));
    // A participle before a noun is no event: no "looting" here.
    let out = code("Germany returned a looted bronze to Nigeria.", "2024-03-04");
    assert!(
        out.events.iter().all(|e| e.event_type != "PROTEST"),
        "{:?}",
        out.events
    );
}

#[test]
fn a_country_word_on_a_weapon_subject_names_the_actor() {
    let e = one(
        "A Turkish drone strike killed three fighters in northern Iraq.",
        "2024-03-04",
        "ASSAULT",
    );
    assert_eq!(c(&e.actor), Some("TUR"));
}

#[test]
fn a_vow_of_a_hostile_act_is_a_threat() {
    let e = one(
        "Azerbaijan's president vowed to seize the disputed villages from Armenia.",
        "2024-03-04",
        "THREATEN",
    );
    assert_eq!(c(&e.actor), Some("AZE"));
    assert!(e.coder.contains("→ THREATEN"), "{}", e.coder);
}

#[test]
fn a_visit_and_talks_in_one_sentence_are_two_records() {
    let out = code(
        "Brazil's foreign minister visited Angola and held talks with his Angolan counterpart on Tuesday.",
        "2024-03-07",
    );
    let codes: Vec<&str> = out
        .events
        .iter()
        .filter(|e| e.event_type == "CONSULT")
        .map(|e| e.cameo_code.as_str())
        .collect();
    assert!(
        codes.contains(&"042") && codes.contains(&"046"),
        "{codes:?}"
    );
}

fn sector(a: &Option<dyad_code::record::Actor>) -> Option<&str> {
    a.as_ref().and_then(|a| a.sector.as_deref())
}

#[test]
fn a_host_receiving_a_guest_is_the_guests_visit() {
    let e = one(
        "Kazakh President Kassym-Jomart Tokayev received Turkish President Recep Tayyip Erdogan in Astana on Friday.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!(c(&e.actor), Some("TUR"));
    assert_eq!(c(&e.recipient), Some("KAZ"));
    assert_eq!(e.cameo_code, "042");
}

#[test]
fn coordinated_country_adjectives_share_the_group() {
    // "Peruvian and Chilean navy units": both countries act, each a navy.
    let e = one(
        "Peruvian and Chilean naval forces began joint exercises off Arica on Monday.",
        "2024-06-10",
        "COOPERATE",
    );
    assert_eq!(c(&e.actor), Some("PER"));
    assert_eq!(sector(&e.actor), Some("MIL"));
    assert_eq!(c(&e.recipient), Some("CHL"));
    // "Ukrainian forces": a country's armed forces.
    let e = one(
        "Ukrainian forces shelled a Russian ammunition depot near Belgorod.",
        "2024-06-10",
        "ASSAULT",
    );
    assert_eq!(c(&e.actor), Some("UKR"));
    assert_eq!(sector(&e.actor), Some("MIL"));
}

#[test]
fn counterparts_and_domestic_targets_borrow_from_the_other_side() {
    let e = one(
        "Chilean Foreign Minister Alberto van Klaveren met his Bolivian counterpart in La Paz.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!(c(&e.recipient), Some("BOL"));
    assert_eq!(sector(&e.recipient), Some("GOV"));
    let rb = e
        .recipient
        .as_ref()
        .and_then(|r| r.resolved_by.clone())
        .unwrap_or_default();
    assert!(rb.contains("sector:counterpart"), "{rb}");
    // Prosecutors charge people of their own country.
    let e = one(
        "Peruvian prosecutors charged a former transport minister with bribery.",
        "2024-06-10",
        "ACCUSE",
    );
    assert_eq!(c(&e.recipient), Some("PER"));
    let rb = e
        .recipient
        .as_ref()
        .and_then(|r| r.resolved_by.clone())
        .unwrap_or_default();
    assert!(rb.contains("country:actor"), "{rb}");
}

#[test]
fn deployed_forces_and_fired_weapons_are_means_not_targets() {
    let e = one(
        "Armenia deployed troops along its border with Azerbaijan on Sunday.",
        "2024-06-10",
        "MOBILIZE",
    );
    assert_eq!(c(&e.actor), Some("ARM"));
    assert_eq!(c(&e.recipient), Some("AZE"));
    let e = one(
        "Houthi rebels fired a missile at a Greek tanker in the Red Sea.",
        "2024-06-10",
        "ASSAULT",
    );
    assert_eq!(c(&e.actor), Some("YEM"));
    assert_ne!(sector(&e.recipient), Some("MIL"), "{:?}", e.recipient);
}

#[test]
fn a_country_word_inside_the_object_names_the_recipient() {
    let e = one(
        "Canada imposed sanctions on three Iranian banks on Thursday.",
        "2024-06-10",
        "SANCTION",
    );
    assert_eq!(c(&e.recipient), Some("IRN"));
    let e = one(
        "Thousands of Chileans marched outside the Argentine embassy in Santiago.",
        "2024-06-10",
        "PROTEST",
    );
    assert_eq!(c(&e.actor), Some("CHL"));
    assert_eq!(c(&e.recipient), Some("ARG"));
}

#[test]
fn amounts_of_goods_and_broken_ties_are_coded() {
    // The amount before "of" does not hide what was delivered.
    let e = one(
        "Morocco delivered 50 tonnes of medical supplies to Libya on Monday.",
        "2024-06-10",
        "AID",
    );
    assert_eq!(c(&e.actor), Some("MAR"));
    assert_eq!(c(&e.recipient), Some("LBY"));
    let e = one(
        "Nicaragua broke off relations with Taiwan.",
        "2024-06-10",
        "SANCTION",
    );
    assert_eq!(c(&e.recipient), Some("TWN"));
    // A short acronym matches only in capitals: no UN in "Kim Jong Un".
    let out = code("Kim Jong Un inspected a new tank factory.", "2024-06-10");
    assert!(
        out.entities.iter().all(|e| e.name != "United Nations"),
        "{:?}",
        out.entities
    );
}

#[test]
fn invitations_trips_and_posture() {
    // An invitation is an intent to meet (PLOVER AGREE).
    let e = one(
        "Senegal invited Mauritanian President Mohamed Ould Ghazouani to visit Dakar.",
        "2024-06-10",
        "AGREE",
    );
    assert_eq!(c(&e.actor), Some("SEN"));
    assert_eq!(c(&e.recipient), Some("MRT"));
    // British spelling of a regular verb.
    let e = one(
        "Ecuador's foreign minister travelled to Lima on Monday for talks with Peruvian officials.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!(c(&e.actor), Some("ECU"));
    assert_eq!(c(&e.recipient), Some("PER"));
    // A missile test and an alert are military posture.
    let e = one(
        "Pakistan test-fired a cruise missile on Wednesday.",
        "2024-06-10",
        "MOBILIZE",
    );
    assert_eq!(c(&e.actor), Some("PAK"));
    let e = one(
        "Armenia put its army on high alert after the clashes.",
        "2024-06-10",
        "MOBILIZE",
    );
    assert_eq!(c(&e.actor), Some("ARM"));
}

#[test]
fn visits_take_their_host_from_the_place_visited() {
    let e = one(
        "Malaysia's prime minister arrived in Seoul on Monday for a three-day official visit.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!(c(&e.actor), Some("MYS"));
    assert_eq!(c(&e.recipient), Some("KOR"));
}

#[test]
fn clause_subjects_and_reactions() {
    // "that Belarus release": a subject, not a modifier of "release".
    let e = one(
        "Lithuania demanded that Belarus return the seized trucks.",
        "2024-06-10",
        "REQUEST",
    );
    assert_eq!(c(&e.recipient), Some("BLR"));
    // The object of a reaction is someone else's act, not the reactor's.
    let out = code(
        "Venezuela condemned the blockade of its ports.",
        "2024-06-10",
    );
    assert!(
        !out.events
            .iter()
            .any(|e| e.event_type != "ACCUSE" && c(&e.actor) == Some("VEN")),
        "{:?}",
        out.events
    );
    // What is to stop is no event: no protest by Vietnam here.
    let out = code(
        "Vietnam urged China to stop harassing its fishermen.",
        "2024-06-10",
    );
    assert!(
        out.events.iter().all(|e| e.event_type != "PROTEST"),
        "{:?}",
        out.events
    );
}

#[test]
fn a_meeting_at_home_makes_the_other_side_the_visitor() {
    let e = one(
        "Jordanian officials met a British envoy in Amman on Tuesday.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!(c(&e.actor), Some("GBR"));
    assert_eq!(c(&e.recipient), Some("JOR"));
    assert!(e.coder.contains("host-by-place"), "{}", e.coder);
}

#[test]
fn chunks_stop_at_clause_words_and_places_are_not_people() {
    // "since" opens a clause: "rebels" is not part of "Spain".
    let out = code(
        "The minister stayed in Spain since rebels took control of the capital.",
        "2024-06-10",
    );
    assert!(
        out.entities.iter().all(|e| !e.name.contains("since")),
        "{:?}",
        out.entities
    );
    // A shoal is a place, not a person.
    let out = code(
        "Vietnamese boats gathered near Second Thomas Shoal on Monday.",
        "2024-06-10",
    );
    assert!(
        out.entities.iter().all(|e| !e.name.contains("Shoal")),
        "{:?}",
        out.entities
    );
}

#[test]
fn lawsuits_denunciations_protests_and_background() {
    let e = one(
        "Argentina sued a Chilean mining company in a Buenos Aires court.",
        "2024-06-10",
        "ACCUSE",
    );
    assert_eq!(c(&e.actor), Some("ARG"));
    assert_eq!(e.cameo_code, "115");
    // Denouncing sanctions is criticism of whoever imposed them.
    let e = one(
        "The Syrian foreign ministry denounced the new EU sanctions.",
        "2024-06-10",
        "ACCUSE",
    );
    assert_eq!(c(&e.actor), Some("SYR"));
    // A protest note filed with a government is an accusation.
    let out = code(
        "Vietnam filed a diplomatic protest over Chinese vessels in its waters.",
        "2024-06-10",
    );
    assert!(
        out.events.iter().any(|e| e.event_type == "ACCUSE")
            && out.events.iter().all(|e| e.event_type != "PROTEST"),
        "{:?}",
        out.events
    );
    // Background habits and failures are no events.
    let out = code(
        "Qatar has long mediated between the Taliban and Washington. Critics say the police failed to protect the marchers.",
        "2024-06-10",
    );
    assert!(out.events.is_empty(), "{:?}", out.events);
}

#[test]
fn own_possessions_hacking_and_trigger_words() {
    // "its" after the actor is the actor's own airspace: no recipient.
    let e = one(
        "Niger closed its airspace to French flights.",
        "2024-06-10",
        "COERCE",
    );
    assert_ne!(
        e.recipient.as_ref().map(|r| r.text.as_str()),
        Some("its"),
        "{:?}",
        e.recipient
    );
    let e = one(
        "Iranian hackers broke into the email accounts of Israeli officials.",
        "2024-06-10",
        "COERCE",
    );
    assert_eq!(c(&e.actor), Some("IRN"));
    assert_eq!(c(&e.recipient), Some("ISR"));
    // "state" in "state of emergency" is part of the act, not its target.
    let e = one(
        "Ecuador declared a state of emergency in three provinces.",
        "2024-06-10",
        "COERCE",
    );
    assert!(e.recipient.is_none(), "{:?}", e.recipient);
}

#[test]
fn seeking_is_asking_and_pardons_are_concessions() {
    let e = one(
        "Zambia sought Japanese loans for its railway.",
        "2024-06-10",
        "REQUEST",
    );
    assert_eq!(c(&e.actor), Some("ZMB"));
    let e = one(
        "Belarus pardoned 30 political prisoners on Wednesday.",
        "2024-06-10",
        "CONCEDE",
    );
    assert_eq!(c(&e.actor), Some("BLR"));
    // The recipient of an agreed transfer is where it goes.
    let e = one(
        "Serbia agreed to return the seized archives to Croatia.",
        "2024-06-10",
        "AGREE",
    );
    assert_eq!(c(&e.recipient), Some("HRV"));
}

#[test]
fn returns_flights_and_participles_with_objects() {
    let e = one(
        "The Netherlands returned 119 looted bronzes to Nigeria.",
        "2024-06-10",
        "RETREAT",
    );
    assert_eq!(c(&e.actor), Some("NLD"));
    // "looted" before the noun describes the bronzes: no protest or attack.
    let out = code(
        "The Netherlands returned 119 looted bronzes to Nigeria.",
        "2024-06-10",
    );
    assert!(
        out.events.iter().all(|e| e.evidence.trigger != "looted"),
        "{:?}",
        out.events
    );
    let e = one(
        "Germany's chancellor flew to Kyiv on Monday.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!(c(&e.recipient), Some("UKR"));
}

#[test]
fn alleged_acts_and_attacks_on_places_abroad() {
    // "accused X of deliberately ramming": only the accusation is coded.
    let out = code(
        "Vietnam accused China of deliberately ramming a Vietnamese fishing boat.",
        "2024-06-10",
    );
    assert!(
        out.events.iter().any(|e| e.event_type == "ACCUSE")
            && out.events.iter().all(|e| e.event_type != "ASSAULT"),
        "{:?}",
        out.events
    );
    // Ramming, reported as fact, is an attack.
    let e = one(
        "Chinese vessels rammed a Vietnamese fishing boat near the Paracel Islands.",
        "2024-06-10",
        "ASSAULT",
    );
    assert_eq!(c(&e.actor), Some("CHN"));
    assert_eq!(c(&e.recipient), Some("VNM"));
}

#[test]
fn military_hardware_handed_over_is_military_aid() {
    let e = one(
        "Italy delivered three air defence systems to Moldova on Friday.",
        "2024-06-10",
        "AID",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("ITA"), Some("MDA")));
    assert_eq!(e.cameo_code, "072");
    let e = one(
        "Turkey has provided Somalia with two patrol boats.",
        "2024-06-10",
        "AID",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("TUR"), Some("SOM")));
}

#[test]
fn partners_and_receivers_beat_words_inside_the_object() {
    // A joint act is between the partners, not aimed at the place named.
    let e = one(
        "Greek and Cypriot troops held joint drills near the Turkish border.",
        "2024-06-10",
        "COOPERATE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("GRC"), Some("CYP")));
    // "with X" names the partner even when the parser hangs it on the
    // object's noun; the weapon word in "missile tests" is no actor.
    let e = one(
        "Canada shared intelligence on Iranian missile tests with Australia.",
        "2024-06-10",
        "COOPERATE",
    );
    assert_eq!(c(&e.recipient), Some("AUS"));
    // Extradition "to X": X receives, whatever the attachment.
    let e = one(
        "Panama extradited a suspected smuggler to Spain on Friday.",
        "2024-06-10",
        "COOPERATE",
    );
    assert_eq!(c(&e.recipient), Some("ESP"));
    // A sea named after a country is a place, not that country.
    let e = one(
        "Japanese fighter jets flew dangerously close to a Russian patrol plane over the East China Sea.",
        "2024-06-10",
        "THREATEN",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("JPN"), Some("RUS")));
}

#[test]
fn his_country_and_refusals() {
    // "his country" is the country of the official it belongs to, and a
    // statement verb does not swallow the act it reports.
    let e = one(
        "Malaysia's foreign minister announced that his country would send 20 tonnes of rice to Laos.",
        "2024-06-10",
        "AGREE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("MYS"), Some("LAO")));
    // "would not extradite" is a refusal, coded as REJECT and not negated.
    let e = one(
        "The Brazilian president said his government would not extradite the banker to Portugal.",
        "2024-06-10",
        "REJECT",
    );
    assert!(!e.negated);
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("BRA"), Some("PRT")));
    assert!(e.coder.contains("refusal"), "{}", e.coder);
}

#[test]
fn state_protests_are_accusations_and_aid_amounts_one_event() {
    let out = code(
        "India protested against the Chinese decision to rename villages in Arunachal Pradesh.",
        "2024-06-10",
    );
    assert!(
        out.events.iter().all(|e| e.event_type != "PROTEST"),
        "{:?}",
        out.events
    );
    let e = one(
        "India protested against the Chinese decision to rename villages in Arunachal Pradesh.",
        "2024-06-10",
        "ACCUSE",
    );
    assert_eq!(c(&e.actor), Some("IND"));
    // Workers who protest stay protesters.
    one(
        "Thousands of Chilean miners protested outside the copper company's offices.",
        "2024-06-10",
        "PROTEST",
    );
    // "30 million dollars in humanitarian aid": the aid is what was pledged.
    let out = code(
        "Norway pledged 30 million dollars in humanitarian aid for Yemen.",
        "2024-06-10",
    );
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    // Blocking websites is censorship (COERCE), not a protest blockade.
    one(
        "The Pakistani government blocked access to social media on Saturday.",
        "2024-06-10",
        "COERCE",
    );
}

#[test]
fn partitives_determiners_and_new_transfer_patterns() {
    // "a fresh round of sanctions": the partitive passes its "of".
    let e = one(
        "Canada imposed a fresh round of sanctions on Nicaragua.",
        "2024-06-10",
        "SANCTION",
    );
    assert_eq!(c(&e.recipient), Some("NIC"));
    // "gave Nepal a loan": a country before a determiner is no modifier.
    let e = one(
        "India gave Nepal a $200 million loan for roads.",
        "2024-06-10",
        "AID",
    );
    assert_eq!(c(&e.recipient), Some("NPL"));
    // Relations downgraded, a border closed to a neighbour, funds blocked.
    let e = one(
        "Lithuania downgraded diplomatic relations with China.",
        "2024-06-10",
        "SANCTION",
    );
    assert_eq!(c(&e.recipient), Some("CHN"));
    let e = one(
        "Benin closed its border with Niger on Monday.",
        "2024-06-10",
        "SANCTION",
    );
    assert_eq!(c(&e.recipient), Some("NER"));
    // Refugees taken in are asylum (AID), not a promise.
    let e = one(
        "Spain accepted 150 refugees rescued in the Mediterranean.",
        "2024-06-10",
        "AID",
    );
    assert_eq!(e.cameo_code, "075");
}

#[test]
fn trees_that_show_no_actor_give_no_event() {
    // An event noun after a verb of fearing or reporting has no actor.
    let out = code("Villagers said they feared more airstrikes.", "2024-06-10");
    assert!(
        out.events.iter().all(|e| e.event_type != "ASSAULT"),
        "{:?}",
        out.events
    );
    // "the tariffs imposed on Mexico": a participle with no agent.
    let out = code(
        "Economists said the tariffs imposed on Mexico last year had raised prices.",
        "2024-06-10",
    );
    assert!(out.events.is_empty(), "{:?}", out.events);
    // Declining to comment is no rejection.
    let out = code(
        "A spokeswoman for the Dutch foreign ministry declined to comment.",
        "2024-06-10",
    );
    assert!(out.events.is_empty(), "{:?}", out.events);
}

#[test]
fn pro_and_anti_prefixes_exercises_and_dismissals() {
    // "pro-Kurdish demonstrators" in Berlin are not Kurds of a country;
    // their country comes from the place.
    let e = one(
        "Pro-Ukrainian demonstrators rallied outside the Russian embassy in Berlin.",
        "2024-06-10",
        "PROTEST",
    );
    assert_eq!(c(&e.actor), Some("DEU"));
    assert_eq!(c(&e.recipient), Some("RUS"));
    // A single country's exercise is MOBILIZE; a joint one COOPERATE.
    one(
        "The South Korean navy conducted a live-fire exercise off its east coast.",
        "2024-06-10",
        "MOBILIZE",
    );
    // Allegations dismissed are a rejection.
    let e = one(
        "Rwanda dismissed the allegations as baseless.",
        "2024-06-10",
        "REJECT",
    );
    assert_eq!(c(&e.actor), Some("RWA"));
    // Blocks the supplement names again keep their defaults off: handling
    // trade is no cooperation.
    let out = code(
        "The port of Durban handles most of South Africa's container trade.",
        "2024-06-10",
    );
    assert!(out.events.is_empty(), "{:?}", out.events);
}

#[test]
fn reversed_patterns_run_from_the_other_party() {
    // "received a call from X": X called.
    let e = one(
        "Jordan's foreign minister received a phone call from his Turkish counterpart.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("TUR"), Some("JOR")));
    // "received a loan from X": X gave it.
    let e = one(
        "Egypt received a $2 billion loan from Kuwait.",
        "2024-06-10",
        "AID",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("KWT"), Some("EGY")));
    // What hangs under an alleged act is alleged too.
    let out = code(
        "Iran accused Israel of helping rebels plan bomb attacks.",
        "2024-06-10",
    );
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
}

#[test]
fn city_after_a_country_possessive_is_the_place() {
    // "in Ukraine's Odesa region": the place, and the attacked country.
    let e = one(
        "Russian missiles struck a port in Ukraine's Odesa region.",
        "2024-06-10",
        "ASSAULT",
    );
    assert_eq!(
        e.location.as_ref().and_then(|l| l.country.as_deref()),
        Some("UKR")
    );
    assert_eq!(c(&e.recipient), Some("UKR"));
}

#[test]
fn departures_and_civilian_clashes() {
    // "has left a vacuum" is no trip; "left for X for talks" is a visit.
    let out = code(
        "The withdrawal of Wagner fighters has left a security vacuum in Mali.",
        "2024-06-10",
    );
    assert!(
        out.events.iter().all(|e| e.event_type != "CONSULT"),
        "{:?}",
        out.events
    );
    let e = one(
        "The Vietnamese president left for Tokyo on Monday for talks with the Japanese prime minister.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!(c(&e.recipient), Some("JPN"));
    // Students clashing with police are rioting protesters.
    let e = one(
        "Kenyan students clashed with police outside the university on Tuesday.",
        "2024-06-10",
        "PROTEST",
    );
    assert_eq!(e.cameo_code, "145");
}

#[test]
fn hyphenated_adjectives_dated_codes_and_relations() {
    // "state-funded" is an adjective, not an act of funding.
    let out = code(
        "Hungary's parliament debated a law on state-funded universities.",
        "2024-06-10",
    );
    assert!(
        out.events.iter().all(|e| e.event_type != "COOPERATE"),
        "{:?}",
        out.events
    );
    // Turkmenistan is its own country after 1991.
    let e = one(
        "Turkmenistan and Kazakhstan inaugurated a new gas pipeline.",
        "2024-06-10",
        "COOPERATE",
    );
    assert_eq!(c(&e.actor), Some("TKM"));
    let e = one(
        "Japan and Kazakhstan upgraded their relations to a strategic partnership.",
        "2024-06-10",
        "SUPPORT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("JPN"), Some("KAZ")));
    one(
        "The Malaysian government eased visa rules for Indian tourists.",
        "2024-06-10",
        "CONCEDE",
    );
}

#[test]
fn talks_between_two_parties_and_launched_drones() {
    let e = one(
        "Talks between Ethiopia and Egypt resumed in Geneva on Monday.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("ETH"), Some("EGY")));
    // Talks that stalled are no meeting.
    let out = code(
        "The talks between Sudan and South Sudan have stalled.",
        "2024-06-10",
    );
    assert!(out.events.is_empty(), "{:?}", out.events);
    let e = one(
        "Ukrainian forces launched 90 drones at Russian airfields overnight.",
        "2024-06-10",
        "ASSAULT",
    );
    assert_eq!(c(&e.actor), Some("UKR"));
}

#[test]
fn descriptions_inside_objects_and_shows_of_force() {
    // "the release of frozen Iranian funds": the participle describes.
    let out = code(
        "Qatar oversaw the release of frozen Iranian funds held in South Korea.",
        "2024-06-10",
    );
    assert!(
        out.events.iter().all(|e| e.event_type != "SANCTION"),
        "{:?}",
        out.events
    );
    // Aircraft sent into another's airspace are a show of force, not aid.
    let e = one(
        "Russia sent 15 warplanes into Japan's air defence zone on Friday.",
        "2024-06-10",
        "MOBILIZE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("RUS"), Some("JPN")));
    // "repelled an attack by X": one event, the attack is its object.
    let out = code(
        "The Malian army repelled an attack by jihadist fighters on a base near Timbuktu.",
        "2024-06-10",
    );
    assert_eq!(out.events.len(), 1, "{:?}", out.events);
    // A condemned attack is reported too.
    let out = code(
        "Lebanon condemned the Israeli air strike on a village in the south.",
        "2024-06-10",
    );
    assert!(
        out.events.iter().any(|e| e.event_type == "ASSAULT"),
        "{:?}",
        out.events
    );
}

#[test]
fn copular_visits_and_discussed_topics() {
    let e = one(
        "The Indian foreign minister is on a two-day visit to Sri Lanka.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("IND"), Some("LKA")));
    // What is discussed is no party: the partner is.
    let e = one(
        "Omani and Yemeni officials discussed maritime security in Geneva.",
        "2024-06-10",
        "CONSULT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("OMN"), Some("YEM")));
}

#[test]
fn datelines_and_negation_inherited_by_complements() {
    // The dateline's city is where the story was filed, not the actor.
    let e = one(
        "ACCRA, May 4 (Reuters) - Ghana and Togo signed an agreement on Friday to build a new border post, officials said.",
        "2024-05-04",
        "SUPPORT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("GHA"), Some("TGO")));
    // "would not allow … to attack": the attack is negated with its governor.
    let out = code(
        "Senegal said it would not allow rebels to use its territory to attack Guinea-Bissau.",
        "2024-06-10",
    );
    assert!(
        out.events
            .iter()
            .filter(|e| e.evidence.trigger.contains("attack"))
            .all(|e| e.negated),
        "{:?}",
        out.events
    );
}

// ---- session 5: people, sentencing, dates after particles ----------------

#[test]
fn contemporary_leaders_resolve_by_story_date() {
    // A bare surname of a leader the 2015-era dictionaries lack.
    let e = one(
        "Sheinbaum thanked Guatemala for its help in the search.",
        "2025-02-11",
        "SUPPORT",
    );
    assert_eq!(c(&e.actor), Some("MEX"));
    let a = e.actor.as_ref().expect("actor");
    assert_eq!(a.sector.as_deref(), Some("GOV"));
    // Codes follow the office: a former leader is no longer government.
    let kb = kb();
    let code_on = |name: &str, date: &str| {
        let toks: Vec<String> = name.split(' ').map(|w| w.to_lowercase()).collect();
        let toks: Vec<&str> = toks.iter().map(String::as_str).collect();
        let r = kb.actors.resolve_phrase(
            &toks,
            &kb.geo,
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        );
        (r.country, r.sector)
    };
    assert_eq!(
        code_on("Jacinda Ardern", "2020-05-01"),
        (Some("NZL".into()), Some("GOV".into()))
    );
    assert_eq!(
        code_on("Jacinda Ardern", "2024-05-01"),
        (Some("NZL".into()), Some("ELI".into()))
    );
    // "Un" in a Korean name is no United Nations.
    assert_eq!(
        code_on("Kim Jong Un", "2024-05-01").0.as_deref(),
        Some("PRK")
    );
}

#[test]
fn sentences_are_sanctions_and_charges_accusations() {
    let e = one(
        "A court in Nairobi sentenced a former Kenyan governor to twelve years in prison.",
        "2024-09-10",
        "SANCTION",
    );
    assert_eq!(e.cameo_code, "116");
    let e = one(
        "Prosecutors in Lima indicted a former Peruvian president on bribery charges.",
        "2024-09-10",
        "ACCUSE",
    );
    assert_eq!(c(&e.recipient), Some("PER"));
}

#[test]
fn a_particle_before_a_day_is_a_date() {
    // "called on Friday" is no appeal ("call on"): the appeal is "for".
    let e = one(
        "Norway called on Friday for an end to the fighting in Sudan.",
        "2024-09-10",
        "REQUEST",
    );
    assert!(
        e.evidence.trigger.contains("for"),
        "{:?}",
        e.evidence.trigger
    );
    let out = code(
        "The Chilean president called Argentina's leader on Monday about the fires.",
        "2024-09-10",
    );
    assert!(
        out.events.iter().all(|e| e.event_type != "REQUEST"),
        "{:?}",
        out.events
    );
}

#[test]
fn single_country_drills_mobilize_and_partners_cooperate() {
    // "Joint military operations are coded as COOPERATE but single-country
    // exercises should be coded as MOBILIZE" (PLOVER).
    let e = one(
        "Iran held naval drills in the Strait of Hormuz on Sunday.",
        "2024-09-10",
        "MOBILIZE",
    );
    assert_eq!(c(&e.actor), Some("IRN"));
    let e = one(
        "Egypt held military exercises with Greece off Crete.",
        "2024-09-10",
        "COOPERATE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("EGY"), Some("GRC")));
}

#[test]
fn targets_of_fighting_and_repression_take_their_country() {
    // Armed groups named without a country are of the place they are
    // fought in; a region the dictionary knows beats a town named "North".
    let e = one(
        "Chadian soldiers killed twelve militants in a raid near Maiduguri.",
        "2024-09-10",
        "ASSAULT",
    );
    assert_eq!(c(&e.recipient), Some("NGA"));
    let e = one(
        "Soldiers killed twelve militants in a raid in North Darfur.",
        "2024-09-10",
        "ASSAULT",
    );
    assert_ne!(c(&e.recipient), Some("USA"));
    // Insurgents attack their own state's forces.
    let e = one(
        "Malian rebels attacked an army post near the border.",
        "2024-09-10",
        "ASSAULT",
    );
    assert_eq!(c(&e.recipient), Some("MLI"));
    // "Police in X": a one-word agent noun opening the sentence is parsed
    // as itself, so the object's owner is found; local NGOs are local.
    let e = one(
        "Police in Uganda raided the offices of a local television station.",
        "2024-09-10",
        "COERCE",
    );
    assert_eq!(c(&e.recipient), Some("UGA"));
    let e = one(
        "Russian authorities froze the bank accounts of several NGOs.",
        "2024-09-10",
        "COERCE",
    );
    assert_eq!(c(&e.recipient), Some("RUS"));
}

#[test]
fn a_state_mobilises_through_its_force() {
    let e = one(
        "Greece moved troops to its border with Turkey on Friday.",
        "2024-09-10",
        "MOBILIZE",
    );
    let a = e.actor.as_ref().expect("actor");
    assert_eq!(
        (a.country.as_deref(), a.sector.as_deref()),
        (Some("GRC"), Some("MIL"))
    );
    assert!(
        e.coder.contains("mobilize:force-as-actor-sector"),
        "{}",
        e.coder
    );
    let e = one(
        "Peru's government sent police to the southern city of Puno.",
        "2024-09-10",
        "MOBILIZE",
    );
    let a = e.actor.as_ref().expect("actor");
    assert_eq!(a.sector.as_deref(), Some("COP"));
    assert!(a.sectors.iter().any(|s| s == "GOV"), "{:?}", a.sectors);
}

#[test]
fn protesters_named_as_a_people_are_civilians() {
    let e = one(
        "Thousands of Kenyans marched through Nairobi on Tuesday to protest against tax rises.",
        "2024-06-25",
        "PROTEST",
    );
    let a = e.actor.as_ref().expect("actor");
    assert_eq!(
        (a.country.as_deref(), a.sector.as_deref()),
        (Some("KEN"), Some("CVL"))
    );
    assert!(
        e.coder.contains("protest:people-as-civilians"),
        "{}",
        e.coder
    );
}

#[test]
fn criticism_idioms_and_blocs_quit() {
    // A capital after "hit out at" is the target, not a place.
    let e = one(
        "Tokyo hit out at Beijing for detaining a Japanese businessman.",
        "2024-09-10",
        "ACCUSE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("JPN"), Some("CHN")));
    // "quit the bloc": the verb after an agent noun ends the phrase.
    let e = one(
        "The three juntas quit the regional bloc on Sunday.",
        "2024-09-10",
        "SANCTION",
    );
    assert_eq!(e.cameo_code, "166");
}

#[test]
fn agentless_arrests_are_the_state_of_the_place() {
    let e = one(
        "A Canadian businessman was detained in China on Tuesday.",
        "2024-09-10",
        "COERCE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("CHN"), Some("CAN")));
    assert!(
        e.coder.contains("passive:state-of-place-as-actor"),
        "{}",
        e.coder
    );
    // A kidnapping in a country is no act of its state.
    let out = code("A Swiss aid worker was kidnapped in Mali.", "2024-09-10");
    assert!(
        out.events
            .iter()
            .all(|e| !e.coder.contains("passive:state-of-place-as-actor")),
        "{:?}",
        out.events
    );
}

#[test]
fn denied_acts_are_negated_and_meetings_at_a_place_are_meetings() {
    let out = code("Minsk denied sending weapons to Russia.", "2024-09-10");
    assert!(
        out.events
            .iter()
            .filter(|e| e.evidence.trigger.contains("sending"))
            .all(|e| e.negated),
        "{:?}",
        out.events
    );
    let e = one(
        "The Pope met the Argentine president at the Vatican.",
        "2024-09-10",
        "CONSULT",
    );
    assert_eq!(e.cameo_code, "040");
}

#[test]
fn a_noun_read_as_a_verb_has_no_object_of_its_own() {
    // "ships" is the subject here; "cannon" belongs to "fired".
    let out = code(
        "Vietnamese coast guard ships fired water cannon at a Chinese trawler.",
        "2024-09-10",
    );
    assert!(
        out.events.iter().all(|e| e.event_type != "AID"),
        "{:?}",
        out.events
    );
}

#[test]
fn a_threat_is_aimed_at_whom_its_condition_names() {
    let e = one(
        "Beijing threatened retaliation if Lithuania opened a Taiwanese office.",
        "2024-09-10",
        "THREATEN",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("CHN"), Some("LTU")));
    let e = one(
        "Morocco rejected Algeria's claim to the territory.",
        "2024-09-10",
        "REJECT",
    );
    assert_eq!(c(&e.recipient), Some("DZA"));
}

#[test]
fn forecasts_are_not_threats_and_travellers_keep_their_country() {
    // A warning about what "could" happen names no threat.
    let out = code(
        "Economists warned that the drought could push food prices higher.",
        "2024-09-10",
    );
    assert!(
        out.events.iter().all(|e| e.event_type != "THREATEN"),
        "{:?}",
        out.events
    );
    // A warning of what "would" befall an attacker is one.
    let e = one(
        "Iran warned that any attack on its territory would be met with force.",
        "2024-09-10",
        "THREATEN",
    );
    assert_eq!(c(&e.actor), Some("IRN"));
    // The place travelled to is not the traveller's country.
    let out = code(
        "The president is expected to travel to Nairobi next month.",
        "2024-09-10",
    );
    assert!(
        out.events
            .iter()
            .all(|e| e.actor.as_ref().and_then(|a| a.country.as_deref()) != Some("KEN")),
        "{:?}",
        out.events
    );
}

#[test]
fn debts_written_off_are_aid_and_revoked_pacts_sanctions() {
    let e = one(
        "Japan wrote off $50 million of Laos's debt.",
        "2024-09-10",
        "AID",
    );
    assert_eq!(c(&e.actor), Some("JPN"));
    let e = one(
        "Mali revoked its defence agreement with France.",
        "2024-09-10",
        "SANCTION",
    );
    assert_eq!(c(&e.recipient), Some("FRA"));
}

#[test]
fn exercises_of_two_sides_are_joint() {
    let e = one(
        "Japan and India began their annual naval exercises on Monday.",
        "2024-09-10",
        "COOPERATE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("JPN"), Some("IND")));
    assert!(e
        .coder
        .contains("mobilize:coordinated-exercise-as-cooperate"));
    let e = one(
        "Turkey began naval exercises in the Aegean on Monday.",
        "2024-09-10",
        "MOBILIZE",
    );
    assert_eq!(c(&e.actor), Some("TUR"));
}

#[test]
fn a_country_before_a_phrasal_verb_is_its_subject() {
    // "turned" alone is no dictionary verb form, "turned down" is.
    let e = one(
        "Chile turned down a Bolivian proposal for talks on sea access.",
        "2024-09-10",
        "REJECT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("CHL"), Some("BOL")));
}

#[test]
fn an_announced_retreat_is_a_concession() {
    // PLOVER: "announced ... would withdraw troops" is CONCEDE.
    let e = one(
        "Rwanda said it would withdraw its troops from eastern Congo.",
        "2024-09-10",
        "CONCEDE",
    );
    assert_eq!(c(&e.actor), Some("RWA"));
    assert!(e.coder.contains("future RETREAT → CONCEDE"));
    let d = code(
        "Rwanda withdrew its troops from eastern Congo.",
        "2024-09-10",
    );
    assert!(d.events.iter().any(|e| e.event_type == "RETREAT"));
}

#[test]
fn two_states_agreeing_are_each_others_partner() {
    // The parse goes astray after the opening phrase; the surface roles
    // would take "ambassadors" (no country) as recipient.
    let e = one(
        "After talks in Doha, Qatar and Bahrain agreed to restore ambassadors.",
        "2024-09-10",
        "AGREE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("QAT"), Some("BHR")));
}

#[test]
fn its_refers_to_a_named_force() {
    let e = one(
        "The Turkish military said its jets struck Kurdish militant positions in northern Iraq.",
        "2024-09-10",
        "ASSAULT",
    );
    assert_eq!(c(&e.actor), Some("TUR"));
}

#[test]
fn state_forces_fight_their_own_insurgents() {
    let e = one(
        "Nigerian troops killed twelve militants.",
        "2024-09-10",
        "ASSAULT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("NGA"), Some("NGA")));
}

#[test]
fn a_mediator_at_home_stays_the_actor() {
    let e = one(
        "Qatar's emir mediated talks between Israel and Hamas in Doha.",
        "2024-09-10",
        "CONSULT",
    );
    assert_eq!(c(&e.actor), Some("QAT"));
}

#[test]
fn violence_by_protesters_is_a_riot() {
    let e = one(
        "Protesters set fire to a police station in Dhaka.",
        "2024-09-10",
        "PROTEST",
    );
    assert_eq!(c(&e.actor), Some("BGD"));
    assert!(e.coder.contains("protest:protester-violence-as-riot"));
}

#[test]
fn investigations_are_accusations() {
    // PLOVER folds CAMEO 09 into ACCUSE with mode "investigate".
    let e = one(
        "Peruvian prosecutors opened an investigation into the former president.",
        "2024-09-10",
        "ACCUSE",
    );
    assert_eq!(e.event_mode.as_deref(), Some("investigate"));
}

#[test]
fn a_delegation_from_an_international_body_is_the_body() {
    let e = one(
        "Sri Lanka's president received a delegation from the International Monetary Fund in Colombo.",
        "2024-09-10",
        "CONSULT",
    );
    // The visitor (the IMF's delegation) is the actor, the host the recipient.
    let a = e.actor.as_ref().expect("actor");
    assert_eq!(a.igo.as_deref(), Some("IMF"));
    assert_eq!(c(&e.recipient), Some("LKA"));
}

#[test]
fn envoys_from_two_countries_are_partners() {
    let e = one(
        "Envoys from Armenia and the United Kingdom negotiated in Geneva on trade.",
        "2024-09-10",
        "CONSULT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("ARM"), Some("GBR")));
}

#[test]
fn a_state_reporting_a_foreign_attack_is_its_target() {
    let e = one(
        "The Thai army said Cambodian troops had fired on a border checkpoint.",
        "2024-09-10",
        "ASSAULT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("KHM"), Some("THA")));
    assert!(e.coder.contains("assault:reporting-state-as-target"));
}

#[test]
fn an_attacked_place_is_the_place_not_the_reporter() {
    let e = one(
        "Officials in Beirut said an Israeli drone hit a car in Tyre.",
        "2024-09-10",
        "ASSAULT",
    );
    let r = e.recipient.as_ref().expect("recipient");
    assert_eq!(r.country.as_deref(), Some("LBN"));
    assert_eq!(r.text, "Tyre");
}

#[test]
fn a_scheduled_visit_is_an_agreement() {
    // PLOVER: references to future state visits are AGREE.
    let e = one(
        "The Brazilian president is scheduled to visit Luanda next week.",
        "2024-09-10",
        "AGREE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("BRA"), Some("AGO")));
    // A forecast stays hypothetical.
    let d = code(
        "Analysts expected Serbia to recognise the new government.",
        "2024-09-10",
    );
    assert!(d.events.iter().all(|e| e.modality == "hypothetical"));
}

#[test]
fn a_conviction_is_a_sanction_whatever_the_charge() {
    let e = one(
        "A Belgian court convicted a former Congolese militia leader of genocide.",
        "2024-09-10",
        "SANCTION",
    );
    assert_eq!(c(&e.actor), Some("BEL"));
    assert!(e.coder.contains("accuse:conviction-as-sanction"));
}

#[test]
fn a_crowd_named_by_its_size_protests() {
    let e = one(
        "Tens of thousands marched through Tbilisi on Sunday.",
        "2024-09-10",
        "PROTEST",
    );
    let a = e.actor.as_ref().expect("actor");
    assert_eq!(
        (a.country.as_deref(), a.sector.as_deref()),
        (Some("GEO"), Some("CVL"))
    );
    // "thousands of troops" stays troops.
    let e = one(
        "Thousands of Azerbaijani troops massed near the border with Armenia.",
        "2024-09-10",
        "MOBILIZE",
    );
    assert_eq!(
        e.actor.as_ref().and_then(|a| a.sector.as_deref()),
        Some("MIL")
    );
}

#[test]
fn a_boycott_is_a_protest() {
    let e = one(
        "Albanian opposition lawmakers boycotted the opening session of parliament.",
        "2024-09-10",
        "PROTEST",
    );
    assert_eq!(e.event_mode.as_deref(), Some("boycott"));
    assert!(e.coder.contains("reject:boycott-as-protest"));
}

#[test]
fn a_guest_received_by_a_host_is_the_visitor() {
    let e = one(
        "Ghana's president was received by French President Emmanuel Macron at the Elysee.",
        "2024-09-10",
        "CONSULT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("GHA"), Some("FRA")));
}

#[test]
fn a_people_marching_is_a_protest_not_a_state_complaint() {
    let e = one(
        "Thousands of Slovaks marched through Bratislava against the government.",
        "2024-09-10",
        "PROTEST",
    );
    assert_eq!(c(&e.actor), Some("SVK"));
}

#[test]
fn a_pledge_names_the_recipient_of_its_infinitive() {
    // The date between the verb and its infinitive makes the parser read
    // an adverbial clause; it is still the complement.
    let e = one(
        "South Korea pledged on Friday to provide Poland with new howitzers.",
        "2024-09-10",
        "AGREE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("KOR"), Some("POL")));
}

#[test]
fn the_actors_own_country_owning_the_object_is_no_recipient() {
    let e = one(
        "Spain's prime minister expressed Spain's solidarity with Morocco after the earthquake.",
        "2024-09-10",
        "SUPPORT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("ESP"), Some("MAR")));
}

#[test]
fn an_arrest_is_coercion_whoever_is_held() {
    // CAMEO's seizure block codes "- * MINISTER" as an abduction (181).
    let e = one(
        "Tunisian police arrested a former minister in Tunis.",
        "2024-09-10",
        "COERCE",
    );
    assert_eq!(e.cameo_code, "173");
    let d = code("Gunmen abducted a minister in Lagos.", "2024-09-10");
    assert!(d.events.iter().any(|e| e.event_type == "ASSAULT"));
}

#[test]
fn a_refusal_verb_does_not_negate_itself() {
    // "denied" is a denial cue ("denied attacking"), but here it is the
    // refusal itself.
    let e = one(
        "Two British lawmakers were denied entry by Israeli authorities on Saturday.",
        "2025-04-07",
        "REJECT",
    );
    assert!(!e.negated);
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("ISR"), Some("GBR")));
}

#[test]
fn an_approximate_amount_keeps_its_pattern() {
    let e = one(
        "The IMF released about $1.1 billion to Pakistan on Monday.",
        "2025-05-12",
        "AID",
    );
    assert_eq!(c(&e.recipient), Some("PAK"));
}

#[test]
fn the_office_after_as_is_the_persons() {
    let e = one(
        "Alberto Otarola resigned as Peru's prime minister on Tuesday.",
        "2024-03-07",
        "CONCEDE",
    );
    assert_eq!((c(&e.actor), sector(&e.actor)), (Some("PER"), Some("GOV")));
}

#[test]
fn the_head_noun_decides_the_sector() {
    for (text, want) in [
        (
            "Kenya's doctors' union called off a strike on Wednesday.",
            "LAB",
        ),
        (
            "The Nigeria Labour Congress called off a strike on Wednesday.",
            "LAB",
        ),
        (
            "Representatives of the Congolese government called off a strike on Wednesday.",
            "GOV",
        ),
    ] {
        let e = one(text, "2025-04-07", "CONCEDE");
        assert_eq!(sector(&e.actor), Some(want), "{text}");
    }
}

#[test]
fn a_participle_after_a_comma_elaborates_its_event() {
    let d = code(
        "Nigerian President Bola Tinubu congratulated John Mahama on Wednesday, praising the peaceful transfer of power.",
        "2025-01-09",
    );
    assert_eq!(d.events.len(), 1, "{:#?}", d.events);
    // Talks keep their outcome.
    let d = code(
        "China's defence minister held talks with his French counterpart in Paris on Monday, reaching a consensus on closer military cooperation.",
        "2025-01-09",
    );
    assert!(
        d.events.iter().any(|e| e.event_type == "AGREE"),
        "{:#?}",
        d.events
    );
}

#[test]
fn a_participle_before_a_person_describes_them() {
    let d = code(
        "ECOWAS gave the junta one week to reinstate ousted President Mohamed Bazoum.",
        "2023-07-31",
    );
    assert!(
        d.events.iter().all(|e| e.event_type != "COERCE"),
        "{:#?}",
        d.events
    );
    assert!(
        d.events.iter().any(|e| e.event_type == "THREATEN"),
        "{:#?}",
        d.events
    );
}

#[test]
fn calling_off_a_visit_is_a_rejection() {
    // PLOVER manual: "Cancellation of meetings are REJECT".
    let e = one(
        "Senegal's president called off a planned official visit to France on Wednesday.",
        "2025-04-10",
        "REJECT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("SEN"), Some("FRA")));
}

#[test]
fn domestic_groups_take_the_country_of_the_state_dealing_with_them() {
    let e = one(
        "Myanmar's military government declared a temporary ceasefire with ethnic armed groups on Wednesday.",
        "2025-04-03",
        "CONCEDE",
    );
    assert_eq!(c(&e.recipient), Some("MMR"));
}

#[test]
fn dispatched_relief_is_aid_and_dispatched_troops_a_deployment() {
    let e = one(
        "India dispatched two search-and-rescue teams to Turkey on Tuesday.",
        "2023-02-08",
        "AID",
    );
    assert_eq!(c(&e.recipient), Some("TUR"));
    one(
        "Russia dispatched troops to the border on Tuesday.",
        "2023-02-08",
        "MOBILIZE",
    );
    let d = code(
        "Twelve young men went missing after the protests.",
        "2023-02-08",
    );
    assert!(d.events.is_empty(), "{:#?}", d.events);
}

#[test]
fn casualties_join_the_attack_of_their_sentence() {
    let d = code(
        "Three soldiers were killed and five wounded when suspected jihadists attacked an army outpost near Djibo in northern Burkina Faso on Saturday.",
        "2025-03-10",
    );
    let assaults: Vec<_> = d
        .events
        .iter()
        .filter(|e| e.event_type == "ASSAULT")
        .collect();
    assert_eq!(assaults.len(), 1, "{:#?}", d.events);
    assert_eq!(c(&assaults[0].actor), Some("BFA"));
    assert!(d.events.iter().all(|e| e.event_type != "COERCE"));
}

#[test]
fn a_date_between_subject_and_verb_does_not_break_the_parse() {
    let e = one(
        "Ukraine's foreign ministry on Thursday rejected a Russian proposal for a three-day ceasefire.",
        "2025-05-02",
        "REJECT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("UKR"), Some("RUS")));
}

#[test]
fn a_person_of_the_actors_country_owning_the_object_is_the_recipient() {
    let e = one(
        "Argentina's CGT labour federation denounced President Javier Milei's deregulation decree on Thursday.",
        "2024-01-02",
        "ACCUSE",
    );
    assert_eq!(sector(&e.actor), Some("LAB"));
    assert_eq!(sector(&e.recipient), Some("GOV"));
}

#[test]
fn declared_readiness_is_an_intent_and_a_conditional_warning_a_threat() {
    let e = one(
        "The ELN said on Saturday it was ready to resume peace talks with the Colombian government.",
        "2025-03-10",
        "AGREE",
    );
    assert_eq!(c(&e.actor), Some("COL"));
    let e = one(
        "Haitian gang leader Jimmy Cherizier warned of civil war if Prime Minister Ariel Henry did not step down.",
        "2024-03-06",
        "THREATEN",
    );
    assert_eq!(sector(&e.actor), Some("CRM"));
}

#[test]
fn a_participle_before_a_title_goes_with_the_person() {
    let e = one(
        "South Korean prosecutors indicted impeached President Yoon Suk Yeol on Sunday.",
        "2025-01-27",
        "ACCUSE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("KOR"), Some("KOR")));
}

#[test]
fn talks_between_a_government_and_its_rebels_are_a_domestic_dyad() {
    let e = one(
        "Representatives of the Congolese government and the M23 rebel group held a new round of direct talks in Doha on Tuesday.",
        "2025-08-20",
        "CONSULT",
    );
    assert_eq!(
        (sector(&e.actor), sector(&e.recipient)),
        (Some("GOV"), Some("REB"))
    );
    assert_eq!(c(&e.recipient), Some("COD"));
}

#[test]
fn the_partner_named_with_the_topic_of_a_discussion_is_the_recipient() {
    let e = one(
        "Saudi Crown Prince Mohammed bin Salman discussed regional developments with Iranian President Masoud Pezeshkian.",
        "2025-08-20",
        "CONSULT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("SAU"), Some("IRN")));
}

#[test]
fn summoning_an_ambassador_is_an_accusation() {
    // PLOVER manual (ACCUSE): summoning an in-country ambassador to present
    // grievances is ACCUSE, not CONSULT.
    let e = one(
        "Poland's foreign ministry summoned Russia's charge d'affaires on Monday to protest against repeated violations of Polish airspace.",
        "2025-09-15",
        "ACCUSE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("POL"), Some("RUS")));
}

#[test]
fn a_resolution_speaks_for_whoever_passed_it() {
    let e = one(
        "Pakistan's National Assembly on Monday unanimously passed a resolution praising the armed forces for their conduct.",
        "2025-05-19",
        "SUPPORT",
    );
    assert_eq!(
        (sector(&e.actor), sector(&e.recipient)),
        (Some("LEG"), Some("MIL"))
    );
    // A rejected resolution's demand is not the rejecter's.
    let d = code(
        "Israel rejected a UN Security Council resolution calling for a ceasefire in Gaza.",
        "2025-05-19",
    );
    assert!(
        d.events.iter().all(|e| e.event_type != "REQUEST"),
        "{:#?}",
        d.events
    );
}

#[test]
fn a_flag_gives_a_ship_its_country() {
    let e = one(
        "Iran's navy seized a Marshall Islands-flagged oil tanker in the Gulf of Oman on Thursday.",
        "2025-05-02",
        "COERCE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("IRN"), Some("MHL")));
}

#[test]
fn an_extradition_goes_to_the_destination_named_on_the_object() {
    let e = one(
        "Ecuador on Tuesday extradited a suspected leader of the Los Lobos gang to the United States.",
        "2025-05-02",
        "COOPERATE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("ECU"), Some("USA")));
}

#[test]
fn a_protest_is_aimed_at_what_it_is_against() {
    let e = one(
        "Tens of thousands of Serbians marched through central Belgrade on Saturday in one of the largest protests against President Aleksandar Vucic's government in years.",
        "2025-03-17",
        "PROTEST",
    );
    assert_eq!(
        (c(&e.recipient), sector(&e.recipient)),
        (Some("SRB"), Some("GOV"))
    );
}

#[test]
fn a_boycott_by_lawmakers_is_a_protest_and_one_by_states_an_embargo() {
    one(
        "Opposition lawmakers boycotted parliament on Tuesday.",
        "2025-03-12",
        "PROTEST",
    );
    let d = code(
        "A Moscow court on Tuesday ordered the arrest in absentia of a US journalist.",
        "2025-03-12",
    );
    assert!(
        d.events.iter().any(|e| e.event_type == "THREATEN"),
        "{:#?}",
        d.events
    );
    let e = one(
        "The last French soldiers left Niger on Friday.",
        "2025-03-12",
        "RETREAT",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("FRA"), Some("NER")));
}

#[test]
fn a_visit_during_which_the_subject_acts_is_its_own() {
    let d = code(
        "During a visit to Tanzania on Wednesday, German President Frank-Walter Steinmeier apologised for atrocities committed by German colonial troops.",
        "2023-11-02",
    );
    let visit = d
        .events
        .iter()
        .find(|e| e.event_type == "CONSULT")
        .unwrap_or_else(|| panic!("{:#?}", d.events));
    assert_eq!(
        (c(&visit.actor), c(&visit.recipient)),
        (Some("DEU"), Some("TZA"))
    );
    assert!(d.events.iter().any(|e| e.event_type == "CONCEDE"));
}

#[test]
fn natural_disasters_are_no_actors() {
    let d = code(
        "The World Bank pledged on Monday to help Morocco rebuild villages destroyed by last month's earthquake.",
        "2023-10-09",
    );
    assert!(
        d.events.iter().all(|e| e.event_type != "ASSAULT"),
        "{:#?}",
        d.events
    );
    assert!(
        d.events.iter().any(|e| e.event_type == "AGREE"),
        "{:#?}",
        d.events
    );
}

#[test]
fn a_workers_strike_is_a_protest() {
    let e = one(
        "Nigerian workers began an indefinite nationwide strike over a new minimum wage on Monday.",
        "2024-06-05",
        "PROTEST",
    );
    assert_eq!((c(&e.actor), sector(&e.actor)), (Some("NGA"), Some("LAB")));
    one(
        "Israel carried out an air strike on Gaza.",
        "2024-06-05",
        "ASSAULT",
    );
}

#[test]
fn a_named_region_of_a_country_is_a_place() {
    let e = one(
        "Gunmen killed at least 12 villagers in coordinated attacks on several communities in Nigeria's Plateau state on Sunday.",
        "2025-04-15",
        "ASSAULT",
    );
    let loc = e.location.as_ref().expect("location");
    assert_eq!(
        (loc.country.as_deref(), loc.kind.as_deref()),
        (Some("NGA"), Some("region"))
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("NGA"), Some("NGA")));
}

#[test]
fn a_government_before_an_irregular_past_tense_is_the_subject() {
    let e = one(
        "Mali's transitional government cut diplomatic ties with Ukraine on Sunday.",
        "2024-08-05",
        "SANCTION",
    );
    assert_eq!(
        (c(&e.actor), sector(&e.actor), c(&e.recipient)),
        (Some("MLI"), Some("GOV"), Some("UKR"))
    );
}

#[test]
fn expelling_an_ambassador_is_a_sanction_and_deporting_people_coercion() {
    let e = one(
        "Niger's junta on Friday ordered the expulsion of the French ambassador.",
        "2023-08-25",
        "SANCTION",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("NER"), Some("FRA")));
    one(
        "Germany deported two Afghan men on Friday.",
        "2023-08-25",
        "COERCE",
    );
    one(
        "The United States imposed new export controls on Chinese chipmakers.",
        "2023-08-25",
        "SANCTION",
    );
}

#[test]
fn the_head_noun_of_a_named_treaty_matches_its_pattern() {
    // "Treaty" and "Accords" are capitalised inside the sentence, but they
    // are document nouns, not names that merely spell a pattern word.
    let e = one(
        "Washington suspended the Open Skies Treaty with Moscow on Friday, saying it was no longer useful.",
        "2024-08-05",
        "SANCTION",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("USA"), Some("RUS")));
    one(
        "Sudan signed the Abraham Accords on Wednesday, officials said after the ceremony in Khartoum.",
        "2021-01-07",
        "SUPPORT",
    );
}

#[test]
fn an_adverb_before_a_verb_ends_the_actor_phrase() {
    // "formally accused former President X" is the police's predicate, not
    // part of one long name; "the newly elected president" stays one phrase.
    let e = one(
        "Brazil's federal police formally accused former President Jair Bolsonaro of plotting a coup.",
        "2024-11-22",
        "ACCUSE",
    );
    assert_eq!(
        (c(&e.actor), sector(&e.actor), c(&e.recipient)),
        (Some("BRA"), Some("COP"), Some("BRA"))
    );
    let e = one(
        "Lula invited Paraguay's newly inaugurated leader Santiago Pena to visit Brasilia.",
        "2023-08-20",
        "AGREE",
    );
    assert_eq!(c(&e.recipient), Some("PRY"));
}

#[test]
fn whoever_reports_an_event_is_not_its_recipient() {
    let e = one(
        "North Korea fired a ballistic missile off its east coast on Sunday, South Korea's Joint Chiefs of Staff said.",
        "2024-06-03",
        "MOBILIZE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("PRK"), None));
}

#[test]
fn warnings_name_their_target_in_the_condition_or_the_object() {
    // The warner's own country acting in the warning makes it a threat.
    let e = one(
        "Israeli Defence Minister Yoav Gallant warned Hezbollah on Saturday that any escalation could lead Israel to 'return Lebanon to the Stone Age'.",
        "2024-06-03",
        "THREATEN",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("ISR"), Some("LBN")));
    let e = one(
        "Kim Yo Jong warned that Pyongyang would respond if South Korean activists kept sending leaflets across the border.",
        "2024-06-03",
        "THREATEN",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("PRK"), Some("KOR")));
    let e = one(
        "Algeria warned it would terminate its gas supply contract with Spain.",
        "2024-06-03",
        "THREATEN",
    );
    assert_eq!(c(&e.recipient), Some("ESP"));
    // A forecast is still no threat.
    let d = code(
        "The central bank warned that inflation could rise further this year.",
        "2024-06-03",
    );
    assert!(d.events.is_empty(), "{:#?}", d.events);
}

#[test]
fn recipients_named_inside_the_object_or_its_purpose() {
    // A delegation "from the West African bloc ECOWAS" is the bloc's.
    let e = one(
        "Niger's junta refused on Tuesday to receive a delegation from the West African bloc ECOWAS, citing security concerns.",
        "2024-06-03",
        "REJECT",
    );
    let r = e.recipient.as_ref().expect("recipient");
    assert_eq!((r.country.as_deref(), r.igo.is_some()), (None, true));
    let e = one(
        "President Emmanuel Macron announced on Sunday that France would pull its troops and ambassador out of Niger.",
        "2023-09-25",
        "CONCEDE",
    );
    assert_eq!(c(&e.recipient), Some("NER"));
    let e = one(
        "Chinese President Xi Jinping has accepted an invitation to visit Moscow in the spring.",
        "2023-02-22",
        "AGREE",
    );
    assert_eq!(c(&e.recipient), Some("RUS"));
    let e = one(
        "Japan will provide 15.8 billion yen to help restore Ukraine's battered power grid.",
        "2024-02-21",
        "AGREE",
    );
    assert_eq!(c(&e.recipient), Some("UKR"));
}

#[test]
fn noun_compounds_and_concerns_are_not_events() {
    let d = code(
        "Analysts say the Kremlin's growing reliance on North Korean artillery shells reflects the strain on its defence industry.",
        "2024-06-03",
    );
    assert!(d.events.is_empty(), "{:#?}", d.events);
    let d = code(
        "Meteorologists forecast that the monsoon will reach Kerala later than usual, raising concerns over rice planting.",
        "2024-06-03",
    );
    assert!(d.events.is_empty(), "{:#?}", d.events);
}

#[test]
fn wire_phrasings_of_support_sanctions_suits_and_rejections() {
    let e = one(
        "Chinese President Xi Jinping sent a message of congratulations to Cyril Ramaphosa on his re-election.",
        "2024-06-15",
        "SUPPORT",
    );
    assert_eq!(c(&e.recipient), Some("ZAF"));
    one(
        "A Paris court found far-right leader Marine Le Pen guilty of embezzling European Parliament funds on Monday.",
        "2025-04-01",
        "SANCTION",
    );
    let e = one(
        "Canada slapped a 100 percent surtax on Chinese-made electric vehicles on Monday.",
        "2024-08-27",
        "SANCTION",
    );
    assert_eq!(c(&e.actor), Some("CAN"));
    let e = one(
        "On Friday, Nicaragua took Germany to the International Court of Justice, alleging that Berlin's arms sales to Israel were facilitating genocide in Gaza.",
        "2024-03-02",
        "ACCUSE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("NIC"), Some("DEU")));
    one(
        "Kyiv dismissed as a trap Vladimir Putin's order for a 36-hour ceasefire over Orthodox Christmas.",
        "2023-01-06",
        "REJECT",
    );
    let d = code(
        "Moscow dismissed as fake news reports that Russian troops had pulled back from positions near Kupiansk.",
        "2024-06-03",
    );
    assert!(d.events.is_empty(), "{:#?}", d.events);
    one(
        "Leaders of the doctors' association met Health Minister Cho Kyoo-hong on Tuesday for their first face-to-face talks in months.",
        "2024-06-03",
        "CONSULT",
    );
}

#[test]
fn an_apposition_goes_with_its_name_and_helped_states_are_recipients() {
    // "X, a spokesman for Y, accused Z of …": the parser sees "Smith
    // accused …" and reads the verb right.
    let e = one(
        "Jay Tarriela, a spokesman for the Philippine coast guard, accused Chinese vessels of carrying out dangerous blocking manoeuvres near Scarborough Shoal.",
        "2024-06-03",
        "ACCUSE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("PHL"), Some("CHN")));
    // "help X do": X is whom the pledge is for.
    let e = one(
        "The United States pledged to help Ukraine rebuild its energy grid.",
        "2024-06-03",
        "AGREE",
    );
    assert_eq!(c(&e.recipient), Some("UKR"));
    // "pardoned more than 7,000 prisoners": the quantifier goes with them.
    let e = one(
        "Myanmar's military government pardoned more than 7,000 prisoners to mark Independence Day on Wednesday.",
        "2024-01-05",
        "CONCEDE",
    );
    assert_eq!(c(&e.recipient), Some("MMR"));
    // A ceasefire announced is one declared.
    one(
        "Colombia's National Liberation Army guerrilla group announced a unilateral ceasefire over the Christmas holidays.",
        "2024-12-20",
        "CONCEDE",
    );
}

#[test]
fn time_clauses_report_events_with_their_own_subjects() {
    // "after severing ties": a gerund after a time preposition happened.
    let d = code(
        "Honduras established diplomatic relations with China on Sunday after severing its ties with Taiwan.",
        "2023-03-27",
    );
    let sanction = d
        .events
        .iter()
        .find(|e| e.event_type == "SANCTION")
        .unwrap_or_else(|| panic!("{:#?}", d.events));
    assert_eq!(
        (c(&sanction.actor), c(&sanction.recipient)),
        (Some("HND"), Some("TWN"))
    );
    // "after Chinese authorities formally arrested …": the clause's own
    // subject acts, not the main clause's.
    let e = one(
        "Japanese Foreign Minister Yoko Kamikawa called off a planned trip to Beijing after Chinese authorities formally arrested a Japanese employee of drugmaker Astellas Pharma.",
        "2023-03-28",
        "COERCE",
    );
    assert_eq!((c(&e.actor), c(&e.recipient)), (Some("CHN"), Some("JPN")));
}

#[test]
fn forces_deployed_with_no_agent_mobilise_themselves() {
    let e = one(
        "Some 13,000 police officers were deployed across France on Tuesday.",
        "2023-07-04",
        "MOBILIZE",
    );
    assert_eq!((c(&e.actor), sector(&e.actor)), (Some("FRA"), Some("COP")));
    one(
        "Thousands of troops were sent to the border with Venezuela.",
        "2023-07-04",
        "MOBILIZE",
    );
}

// ---- session 9: conditions, meetings, protests, transfers ------------------

fn asserted(d: &DocOutput) -> Vec<&Event> {
    d.events
        .iter()
        .filter(|e| !e.negated && e.modality != "hypothetical")
        .collect()
}

#[test]
fn acts_in_if_clauses_are_hypothetical_and_name_the_threatened() {
    let d = code(
        "Iran threatened on Monday to retaliate with full force if Israel and the United States go ahead with strikes on its nuclear sites.",
        "2024-05-14",
    );
    let ev = asserted(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].event_type, "THREATEN");
    assert_eq!(c(&ev[0].recipient), Some("ISR"));
}

#[test]
fn court_orders_are_requests() {
    let e = one(
        "Kenya's High Court on Tuesday ordered the electoral commission to publish the results within a week.",
        "2024-05-14",
        "REQUEST",
    );
    assert_eq!(c(&e.actor), Some("KEN"));
    assert_eq!(
        e.actor.as_ref().and_then(|a| a.sector.as_deref()),
        Some("JUD")
    );
    assert!(e.coder.contains("COURT"), "{}", e.coder);
}

#[test]
fn general_elections_have_no_officer() {
    let d = code(
        "Thousands of opposition supporters marched in Lusaka before the general elections.",
        "2024-05-14",
    );
    assert!(
        d.entities
            .iter()
            .all(|e| e.sector.as_deref() != Some("MIL")),
        "{:#?}",
        d.entities
    );
}

#[test]
fn one_meeting_told_twice_is_one_record() {
    let d = code(
        "Brazilian President Luiz Inacio Lula da Silva held talks with Chinese President Xi Jinping in Beijing on Friday during a three-day state visit to China.",
        "2024-05-17",
    );
    let consult: Vec<_> = asserted(&d)
        .into_iter()
        .filter(|e| e.event_type == "CONSULT")
        .collect();
    assert_eq!(consult.len(), 1, "{consult:#?}");
    assert_eq!(c(&consult[0].actor), Some("BRA"));
    assert_eq!(c(&consult[0].recipient), Some("CHN"));
}

#[test]
fn a_protests_demand_is_its_target_not_a_second_event() {
    let d = code(
        "Hundreds of nurses rallied in Nairobi on Monday, demanding that the government pay months of salary arrears.",
        "2024-05-14",
    );
    let ev = asserted(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].event_type, "PROTEST");
    assert_eq!(
        ev[0].recipient.as_ref().and_then(|r| r.sector.as_deref()),
        Some("GOV")
    );
}

#[test]
fn talks_between_a_groups_countries() {
    let e = one(
        "Talks between the defence ministers of India and China in Moscow ended on Friday without a breakthrough.",
        "2024-05-17",
        "CONSULT",
    );
    assert_eq!(c(&e.actor), Some("IND"));
    assert_eq!(c(&e.recipient), Some("CHN"));
}

#[test]
fn a_domestic_attack_targets_its_place() {
    let e = one(
        "Boko Haram fighters stormed a market in Maiduguri on Tuesday, killing at least 12 people.",
        "2024-05-14",
        "ASSAULT",
    );
    assert_eq!(c(&e.recipient), Some("NGA"));
}

#[test]
fn relief_sent_goes_to_the_place_delivered() {
    let e = one(
        "Egypt sent two planes loaded with tents, blankets and medical supplies to Sudan on Wednesday.",
        "2024-05-15",
        "AID",
    );
    assert_eq!(c(&e.actor), Some("EGY"));
    assert_eq!(c(&e.recipient), Some("SDN"));
}

#[test]
fn state_air_strikes_are_its_military_and_lone_drills_mobilise() {
    let e = one(
        "Turkish air strikes killed six fighters in northern Iraq on Sunday.",
        "2024-05-14",
        "ASSAULT",
    );
    assert_eq!(
        e.actor.as_ref().and_then(|a| a.sector.as_deref()),
        Some("MIL")
    );
    let d = code(
        "The Pakistani army staged large-scale exercises in the Thar desert on Monday.",
        "2024-05-14",
    );
    assert!(
        asserted(&d).iter().any(|e| e.event_type == "MOBILIZE"),
        "{:#?}",
        d.events
    );
    assert!(asserted(&d).iter().all(|e| e.event_type != "COOPERATE"));
}

#[test]
fn forecasts_hearsay_and_shelter_are_no_events() {
    for text in [
        "Should the rains fail again, millions more people could be displaced, the U.N. food agency warned.",
        "Economists say the devaluation has calmed markets but warn that ordinary Nigerians face steep price rises.",
        "India's foreign ministry dismissed as baseless reports that New Delhi had supplied drones to Myanmar.",
    ] {
        let d = code(text, "2024-05-14");
        assert!(asserted(&d).is_empty(), "{text}: {:#?}", d.events);
    }
    let d = code(
        "Turkey asked Iraq to act against militants sheltering in the Qandil mountains.",
        "2024-05-14",
    );
    assert!(
        asserted(&d).iter().all(|e| e.event_type != "AID"),
        "{:#?}",
        d.events
    );
}

#[test]
fn after_gerunds_and_misread_after_clauses_keep_their_subject() {
    let d = code(
        "Guatemala established diplomatic relations with China on Monday, days after cutting ties with Taiwan.",
        "2024-05-17",
    );
    let cut = asserted(&d)
        .into_iter()
        .find(|e| e.event_type == "SANCTION")
        .expect("SANCTION");
    assert_eq!(c(&cut.actor), Some("GTM"));
    assert_eq!(c(&cut.recipient), Some("TWN"));
}

#[test]
fn transfers_go_to_the_receiving_state_and_recalls_to_the_host() {
    let e = one(
        "Italy extradited a Turkish man wanted on fraud charges to Germany on Thursday.",
        "2024-05-17",
        "COOPERATE",
    );
    assert_eq!(c(&e.recipient), Some("DEU"));
    let e = one(
        "Rome recalled the Italian ambassador to Egypt for consultations on Monday.",
        "2024-05-14",
        "SANCTION",
    );
    assert_eq!(c(&e.actor), Some("ITA"));
    assert_eq!(c(&e.recipient), Some("EGY"));
}

#[test]
fn untargeted_protest_is_against_the_own_government_implied() {
    let e = one(
        "Thousands of teachers marched through central Accra on Tuesday over unpaid allowances.",
        "2024-05-14",
        "PROTEST",
    );
    let r = e.recipient.as_ref().expect("recipient");
    assert_eq!(r.country.as_deref(), Some("GHA"));
    assert_eq!(r.sector.as_deref(), Some("GOV"));
    // No words of the text name it: no span, and the record says why.
    assert!(r.text.is_empty() && r.start.is_none());
    assert!(r.resolved_by.as_deref().unwrap_or("").contains("implied"));
    assert!(
        e.coder.contains("protest:implied-own-government"),
        "{}",
        e.coder
    );
    // A riot names no target and gets none.
    let d = code(
        "Rioters torched cars and looted shops in central Lagos on Friday night.",
        "2024-05-17",
    );
    assert!(d
        .events
        .iter()
        .all(|e| !e.coder.contains("implied-own-government")));
}

#[test]
fn attribution_speakers_and_capitals_are_no_recipients() {
    let e = one(
        "Egypt sent two planes loaded with medical supplies to Libya on Wednesday to help survivors of the floods, the state news agency MENA said.",
        "2024-05-15",
        "AID",
    );
    assert_eq!(c(&e.recipient), Some("LBY"));
    let e = one(
        "Authorities in Nigeria's Kano state lifted a curfew in the capital Kano on Thursday.",
        "2024-05-16",
        "CONCEDE",
    );
    assert!(
        e.recipient
            .as_ref()
            .is_none_or(|r| r.sector.as_deref() != Some("GOV")),
        "{:#?}",
        e.recipient
    );
}

#[test]
fn places_after_direction_words_and_demonym_place_nouns() {
    let e = one(
        "Israeli air strikes killed at least nine people in the southern Lebanese town of Khiam on Tuesday.",
        "2024-05-15",
        "ASSAULT",
    );
    let loc = e.location.as_ref().expect("location");
    assert_eq!(loc.country.as_deref(), Some("LBN"));
    assert_eq!(loc.text, "Khiam");
    let e = one(
        "The World Food Programme delivered food to 50,000 people in northern Gaza on Monday.",
        "2024-05-15",
        "AID",
    );
    assert_eq!(
        e.location.as_ref().and_then(|l| l.country.as_deref()),
        Some("PSE")
    );
}

#[test]
fn decree_content_demanded_conjuncts_and_carried_travellers() {
    // The decree's content is the event, its signing the shell.
    let d = code(
        "Kyrgyz President Sadyr Japarov signed a decree on Monday pardoning dozens of people jailed over the protests.",
        "2024-05-17",
    );
    let ev = asserted(&d);
    assert!(ev.iter().any(|e| e.event_type == "CONCEDE"), "{ev:#?}");
    assert!(ev.iter().all(|e| e.event_type != "REQUEST"), "{ev:#?}");
    // What is demanded, every conjunct of it, is no event of its own.
    let d = code(
        "Human Rights Watch urged Egypt on Tuesday to drop the charges against the blogger and release him.",
        "2024-05-14",
    );
    let ev = asserted(&d);
    assert_eq!(ev.len(), 1, "{ev:#?}");
    assert_eq!(ev[0].event_type, "REQUEST");
    // People carried somewhere make no visit.
    let d = code(
        "Ukraine and Russia swapped 90 prisoners of war on Friday, and the freed soldiers were being flown to Kyiv for treatment.",
        "2024-05-17",
    );
    assert!(
        asserted(&d).iter().all(|e| e.event_type != "CONSULT"),
        "{:#?}",
        d.events
    );
}

#[test]
fn crowd_sizes_reduced_relatives_and_dates_before_participles() {
    // "Thousands of teachers marched": the crowd's size goes with the group
    // noun, which the parser then reads as the subject.
    let e = one(
        "Thousands of teachers marched in Lagos on Tuesday, demanding higher pay.",
        "2024-05-14",
        "PROTEST",
    );
    assert_eq!((c(&e.actor), sector(&e.actor)), (Some("NGA"), Some("EDU")));
    assert!(
        e.actor
            .as_ref()
            .and_then(|a| a.resolved_by.as_deref())
            .is_some_and(|r| r.starts_with("parse:nsubj")),
        "{:?}",
        e.actor
    );
    // "a draft resolution calling for …" right after the object is the
    // resolution's call, not the vetoing state's.
    let d = code(
        "Russia vetoed a draft resolution calling for an immediate ceasefire in Sudan.",
        "2024-05-14",
    );
    assert!(
        asserted(&d).iter().all(|e| e.event_type != "REQUEST"),
        "{:#?}",
        d.events
    );
    // "signed an order on Friday freeing …": the date goes with the order,
    // and the freed prisoners are the recipient.
    let d = code(
        "The president signed an order on Friday freeing hundreds of political prisoners.",
        "2024-05-14",
    );
    let freed = asserted(&d)
        .into_iter()
        .find(|e| e.evidence.trigger.contains("freeing"))
        .expect("release coded");
    assert_eq!(sector(&freed.recipient), Some("CVL"));
}

// ---- the parse behind the roles --------------------------------------------

#[test]
fn a_past_tense_read_as_a_participle_still_heads_its_clause() {
    // The tagger reads "expelled" after a bare plural subject as a past
    // participle; the clause needs a finite verb, so its object stays the
    // recipient under a closing "officials said".
    let e = one(
        "Turkish authorities expelled 300 Syrian refugees across the border on Tuesday, officials said.",
        "2024-05-09",
        "COERCE",
    );
    assert_eq!(c(&e.actor), Some("TUR"), "{e:#?}");
    assert_eq!(c(&e.recipient), Some("SYR"), "{e:#?}");
}

#[test]
fn partners_striking_an_unnamed_object_are_not_each_others_target() {
    let e = one(
        "Russian missiles and drones struck power plants in the Odesa region on Sunday.",
        "2024-05-09",
        "ASSAULT",
    );
    assert_eq!(c(&e.actor), Some("RUS"), "{e:#?}");
    assert_ne!(
        e.recipient.as_ref().map(|r| r.text.as_str()),
        Some("drones"),
        "{e:#?}"
    );
}
