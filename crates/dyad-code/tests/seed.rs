//! End-to-end: the seed article (bundled in `examples/`) coded with the
//! embedded knowledge base shows what the coder must get right. Every check
//! here is produced by general mechanisms that other tests exercise on other
//! sentences.

use dyad_code::{code_document, DocOutput, Event, InputDoc};

const SEED: &str = include_str!("../../../examples/seed-global-times-china-france-defense.txt");

fn seed() -> DocOutput {
    let input = InputDoc {
        id: Some("seed".into()),
        text: SEED.to_string(),
        published: Some("2025-06-24".into()),
        source: Some("Global Times".into()),
        ..Default::default()
    };
    code_document(&input, dyad_kb::Kb::embedded()).expect("seed codes")
}

fn country(a: &Option<dyad_code::record::Actor>) -> Option<&str> {
    a.as_ref().and_then(|a| a.country.as_deref())
}

fn find(d: &DocOutput, f: impl Fn(&Event) -> bool) -> Option<&Event> {
    d.events.iter().find(|e| f(e))
}

#[test]
fn visit_and_talks_are_consult_chn_fra_on_monday() {
    let d = seed();
    let visit = find(&d, |e| {
        e.event_type == "CONSULT"
            && e.cameo_code.starts_with("042")
            && country(&e.actor) == Some("CHN")
            && country(&e.recipient) == Some("FRA")
    })
    .expect("a CONSULT visit CHN→FRA");
    assert_eq!(visit.event_mode.as_deref(), Some("visit"));

    let talks = find(&d, |e| {
        e.event_type == "CONSULT"
            && e.evidence.trigger.contains("talks")
            && country(&e.actor) == Some("CHN")
            && country(&e.recipient) == Some("FRA")
    })
    .expect("CONSULT talks CHN→FRA");
    assert_eq!(talks.event_date.as_deref(), Some("2025-06-23"));
    assert_eq!(talks.date_precision, "day");
    let actor = talks.actor.as_ref().unwrap();
    assert_eq!(actor.name.as_deref(), Some("Dong Jun"));
    let rec = talks.recipient.as_ref().unwrap();
    assert_eq!(rec.name.as_deref(), Some("Sebastien Lecornu"));
    assert!(rec.sectors.iter().any(|s| s == "GOV" || s == "MIL"));
    // Evidence offsets point at the trigger in the text (char offsets).
    let chars: Vec<char> = SEED.chars().collect();
    let trig: String = chars[talks.evidence.trigger_start..talks.evidence.trigger_end]
        .iter()
        .collect();
    assert_eq!(trig, talks.evidence.trigger);
    assert!(!talks.coder.is_empty());
    assert!(talks.confidence > 0.0 && talks.confidence <= 1.0);
}

#[test]
fn consensus_is_agree_between_chn_and_fra() {
    let d = seed();
    let agree = find(&d, |e| {
        matches!(e.event_type.as_str(), "AGREE" | "COOPERATE")
            && e.evidence.trigger.contains("consensus")
    })
    .expect("AGREE on the consensus");
    let pair = [country(&agree.actor), country(&agree.recipient)];
    assert!(
        pair.contains(&Some("CHN")) && pair.contains(&Some("FRA")),
        "{pair:?}"
    );
}

#[test]
fn welcome_ceremony_is_chn_visiting_fra() {
    // "Lecornu hosted a welcome ceremony for Dong": PLOVER codes the
    // visitor as actor and the host as recipient (CAMEO 043 becomes 042).
    let d = seed();
    let e = find(&d, |e| {
        e.event_type == "CONSULT"
            && e.cameo_code == "042"
            && e.evidence.trigger.contains("hosted")
            && e.modality == "asserted"
    })
    .expect("the hosting, as CHN's visit");
    assert_eq!(country(&e.actor), Some("CHN"));
    assert_eq!(country(&e.recipient), Some("FRA"));
    assert!(e.coder.contains("host-043-as-visit-042"), "{}", e.coder);
}

#[test]
fn radakin_visit_is_gbr_to_chn_in_april() {
    let d = seed();
    let e = find(&d, |e| {
        e.event_type == "CONSULT"
            && country(&e.actor) == Some("GBR")
            && country(&e.recipient) == Some("CHN")
    })
    .expect("GBR→CHN visit");
    assert_eq!(e.event_date.as_deref(), Some("2025-04"));
    assert_eq!(e.date_precision, "month");
    assert!(e.actor.as_ref().unwrap().sectors.iter().any(|s| s == "MIL"));
}

#[test]
fn entities_quotes_places() {
    let d = seed();
    let ent = |n: &str| {
        d.entities
            .iter()
            .find(|e| e.name == n)
            .unwrap_or_else(|| panic!("entity {n}"))
    };
    assert_eq!(ent("Dong Jun").country.as_deref(), Some("CHN"));
    assert_eq!(ent("Sebastien Lecornu").country.as_deref(), Some("FRA"));
    let r = ent("Tony Radakin");
    assert_eq!(r.country.as_deref(), Some("GBR"));
    assert!(r.sectors.iter().any(|s| s == "MIL"));
    for n in ["Wang Yunfei", "Zhuo Hua", "Li Haidong"] {
        assert_eq!(ent(n).country.as_deref(), Some("CHN"), "{n}");
        assert!(
            d.quotes
                .iter()
                .any(|q| q.speaker.name.as_deref() == Some(n)),
            "a quote by {n}"
        );
    }
    // Bare later mentions resolve to the same entity.
    assert!(ent("Dong Jun").mentions.iter().any(|m| m.text == "Dong"));
    let paris = d
        .locations
        .iter()
        .find(|l| l.name.as_deref() == Some("Paris"))
        .expect("Paris");
    assert_eq!(paris.country.as_deref(), Some("FRA"));
}

#[test]
fn no_conflict_between_china_and_france_and_outlets_are_not_actors() {
    let d = seed();
    for e in &d.events {
        let pair = [country(&e.actor), country(&e.recipient)];
        if pair.contains(&Some("CHN")) && pair.contains(&Some("FRA")) {
            assert!(
                e.quad_class <= 2,
                "conflict event between CHN and FRA: {e:?}"
            );
        }
        for a in e
            .actor
            .iter()
            .chain(e.recipient.iter())
            .chain(e.actors.iter())
        {
            let t = a.text.to_lowercase();
            assert!(
                !t.contains("reuters") && !t.contains("global times"),
                "outlet as actor: {e:?}"
            );
        }
    }
}
