//! Scoring of coded events against labels: document-level event types (the
//! NGEC synthetic stories) and full gold records (gold JSONL). Pure
//! functions over predictions, so they are testable without the coder.

use std::collections::BTreeMap;

use dyad_code::Event;
use serde::{Deserialize, Deserializer, Serialize};
use sha2::{Digest, Sha256};

/// A part of the deterministic hash split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    Train,
    Dev,
    Test,
    All,
}

/// The split a text belongs to: the first 8 bytes of SHA-256(text) as a
/// big-endian integer, mod 100: 0–59 train, 60–79 dev, 80–99 test.
pub fn split_of(text: &str) -> Split {
    let d = Sha256::digest(text.as_bytes());
    let mut b = [0u8; 8];
    b.copy_from_slice(&d[..8]);
    match u64::from_be_bytes(b) % 100 {
        0..=59 => Split::Train,
        60..=79 => Split::Dev,
        _ => Split::Test,
    }
}

/// True when `text` falls in `want`.
pub fn in_split(text: &str, want: Split) -> bool {
    want == Split::All || split_of(text) == want
}

/// The document's top event type: the most frequent type; ties go to the
/// higher summed confidence, then to the type seen first.
pub fn top_type(events: &[Event]) -> Option<&str> {
    // (type, count, confidence sum, first index)
    let mut tally: Vec<(&str, usize, f64, usize)> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        match tally.iter_mut().find(|t| t.0 == e.event_type) {
            Some(t) => {
                t.1 += 1;
                t.2 += e.confidence;
            }
            None => tally.push((&e.event_type, 1, e.confidence, i)),
        }
    }
    tally
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.2.total_cmp(&b.2)).then(b.3.cmp(&a.3)))
        .map(|t| t.0)
}

/// True/false positives and false negatives for one type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Gold items of this type.
    pub fn support(&self) -> usize {
        self.tp + self.fn_
    }
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Precision/recall/F1 of one type, for reports.
#[derive(Debug, Clone, Serialize)]
pub struct TypeScore {
    pub event_type: String,
    pub support: usize,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Per-type rows plus micro and macro averages.
#[derive(Debug, Clone, Serialize)]
pub struct TypeTable {
    pub per_type: Vec<TypeScore>,
    pub micro: TypeScore,
    /// Mean over types with gold support.
    pub macro_f1: f64,
    pub macro_precision: f64,
    pub macro_recall: f64,
}

fn type_table(per: &BTreeMap<String, Counts>) -> TypeTable {
    let row = |t: &str, c: &Counts| TypeScore {
        event_type: t.to_string(),
        support: c.support(),
        tp: c.tp,
        fp: c.fp,
        fn_: c.fn_,
        precision: c.precision(),
        recall: c.recall(),
        f1: c.f1(),
    };
    let mut all = Counts::default();
    for c in per.values() {
        all.add(c);
    }
    let supported: Vec<&Counts> = per.values().filter(|c| c.support() > 0).collect();
    let mean = |f: &dyn Fn(&Counts) -> f64| {
        if supported.is_empty() {
            0.0
        } else {
            supported.iter().map(|c| f(c)).sum::<f64>() / supported.len() as f64
        }
    };
    TypeTable {
        per_type: per.iter().map(|(t, c)| row(t, c)).collect(),
        micro: row("(micro)", &all),
        macro_f1: mean(&Counts::f1),
        macro_precision: mean(&Counts::precision),
        macro_recall: mean(&Counts::recall),
    }
}

// ------------------------------------------------- document-level labels

/// Accumulates document-level scores: each document has one gold type;
/// the predicted types are the set of types coded in it.
#[derive(Debug, Default, Clone)]
pub struct DocScorer {
    n: usize,
    top1: usize,
    any: usize,
    no_event: usize,
    events: usize,
    per_type: BTreeMap<String, Counts>,
}

/// The document-level report.
#[derive(Debug, Clone, Serialize)]
pub struct DocReport {
    pub documents: usize,
    /// Top predicted type equals the label.
    pub top1_accuracy: f64,
    /// The label is among the predicted types.
    pub label_in_predicted: f64,
    /// Share of documents with no event coded.
    pub no_event_share: f64,
    pub events_per_document: f64,
    pub types: TypeTable,
}

impl DocScorer {
    pub fn add(&mut self, label: &str, events: &[Event]) {
        self.n += 1;
        self.events += events.len();
        if events.is_empty() {
            self.no_event += 1;
        }
        if top_type(events) == Some(label) {
            self.top1 += 1;
        }
        let mut predicted: Vec<&str> = events.iter().map(|e| e.event_type.as_str()).collect();
        predicted.sort_unstable();
        predicted.dedup();
        let hit = predicted.contains(&label);
        if hit {
            self.any += 1;
        }
        for t in &predicted {
            let c = self.per_type.entry(t.to_string()).or_default();
            if *t == label {
                c.tp += 1;
            } else {
                c.fp += 1;
            }
        }
        if !hit {
            self.per_type.entry(label.to_string()).or_default().fn_ += 1;
        }
    }

    pub fn report(&self) -> DocReport {
        DocReport {
            documents: self.n,
            top1_accuracy: ratio(self.top1, self.n),
            label_in_predicted: ratio(self.any, self.n),
            no_event_share: ratio(self.no_event, self.n),
            events_per_document: ratio(self.events, self.n),
            types: type_table(&self.per_type),
        }
    }
}

// ----------------------------------------------------------- gold records

fn double_option<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A gold actor: only the fields given are scored (`null` means "none").
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct GoldActor {
    #[serde(default, deserialize_with = "double_option")]
    pub country: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    pub sector: Option<Option<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct GoldLocation {
    #[serde(default, deserialize_with = "double_option")]
    pub country: Option<Option<String>>,
}

/// One gold event.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct GoldEvent {
    pub event_type: String,
    #[serde(default)]
    pub actor: Option<GoldActor>,
    #[serde(default)]
    pub recipient: Option<GoldActor>,
    #[serde(default)]
    pub event_date: Option<String>,
    #[serde(default)]
    pub location: Option<GoldLocation>,
}

/// One gold unit (a sentence or a document) with its events.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct GoldDoc {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

/// Correct / scored counts of one attribute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Acc {
    pub correct: usize,
    pub total: usize,
    pub accuracy: f64,
}

impl Acc {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        if ok {
            self.correct += 1;
        }
        self.accuracy = ratio(self.correct, self.total);
    }
}

fn pred_actor(
    list: &[dyad_code::record::Actor],
    one: Option<&dyad_code::record::Actor>,
) -> (Option<String>, Option<String>) {
    match one.or(list.first()) {
        Some(a) => (a.country.clone(), a.sector.clone()),
        None => (None, None),
    }
}

/// Per-field agreement of a prediction with a gold event; `None` = not scored.
struct Agreement {
    actor_country: Option<bool>,
    actor_sector: Option<bool>,
    recipient_country: Option<bool>,
    recipient_sector: Option<bool>,
    date: Option<bool>,
    location: Option<bool>,
}

impl Agreement {
    fn of(g: &GoldEvent, p: &Event) -> Self {
        let (ac, as_) = pred_actor(&p.actors, p.actor.as_ref());
        let (rc, rs) = pred_actor(&p.recipients, p.recipient.as_ref());
        let cmp = |gold: Option<&Option<String>>, pred: &Option<String>| gold.map(|g| g == pred);
        let ga = g.actor.as_ref();
        let gr = g.recipient.as_ref();
        Agreement {
            actor_country: cmp(ga.and_then(|a| a.country.as_ref()), &ac),
            actor_sector: cmp(ga.and_then(|a| a.sector.as_ref()), &as_),
            recipient_country: cmp(gr.and_then(|a| a.country.as_ref()), &rc),
            recipient_sector: cmp(gr.and_then(|a| a.sector.as_ref()), &rs),
            date: g
                .event_date
                .as_ref()
                .map(|d| p.event_date.as_deref().and_then(|x| x.get(..10)) == d.get(..10)),
            location: g
                .location
                .as_ref()
                .and_then(|l| l.country.as_ref())
                .map(|c| c.as_deref() == p.location.as_ref().and_then(|l| l.country.as_deref())),
        }
    }
    fn fields(&self) -> [Option<bool>; 6] {
        [
            self.actor_country,
            self.actor_sector,
            self.recipient_country,
            self.recipient_sector,
            self.date,
            self.location,
        ]
    }
    fn agreeing(&self) -> usize {
        self.fields().iter().filter(|f| **f == Some(true)).count()
    }
    fn all(&self) -> bool {
        self.fields().iter().all(|f| *f != Some(false))
    }
    /// Type (already matched), actor and recipient right.
    fn dyad(&self) -> bool {
        self.fields()[..4].iter().all(|f| *f != Some(false))
    }
}

/// Accumulates scores of predictions against gold records.
#[derive(Debug, Default, Clone)]
pub struct GoldScorer {
    units: usize,
    units_with_gold: usize,
    top1: usize,
    gold_events: usize,
    pred_events: usize,
    spurious: usize,
    spurious_in_empty: usize,
    full: usize,
    dyad: usize,
    per_type: BTreeMap<String, Counts>,
    actor_country: Acc,
    actor_sector: Acc,
    recipient_country: Acc,
    recipient_sector: Acc,
    date: Acc,
    location: Acc,
}

/// The gold-record report.
#[derive(Debug, Clone, Serialize)]
pub struct GoldReport {
    pub units: usize,
    pub units_with_gold: usize,
    pub gold_events: usize,
    pub predicted_events: usize,
    /// Over units with gold events: the top predicted type is a gold type.
    pub top1_accuracy: f64,
    /// Type-matched events: precision/recall by type.
    pub types: TypeTable,
    /// Among matched events, where the gold gives the field.
    pub actor_country: Acc,
    pub actor_sector: Acc,
    pub recipient_country: Acc,
    pub recipient_sector: Acc,
    pub date: Acc,
    pub location: Acc,
    /// Gold events found with type, actor and recipient (country and
    /// sector, where the gold gives them) right, over all gold events: the
    /// issue's "full record (type + actor + recipient)".
    pub dyad_record_accuracy: f64,
    /// Gold events found with every given field right (date and location
    /// too), over all gold events.
    pub full_record_accuracy: f64,
    /// Predicted events matching no gold event, per unit.
    pub spurious_per_unit: f64,
    /// Predicted events in units with no gold event.
    pub spurious_in_empty_units: usize,
}

impl GoldScorer {
    /// Scores one unit: matches predictions to gold events of the same type,
    /// greedily, preferring the prediction that agrees on most fields.
    pub fn add(&mut self, gold: &[GoldEvent], pred: &[Event]) {
        self.units += 1;
        self.gold_events += gold.len();
        self.pred_events += pred.len();
        if !gold.is_empty() {
            self.units_with_gold += 1;
            if let Some(t) = top_type(pred) {
                if gold.iter().any(|g| g.event_type == t) {
                    self.top1 += 1;
                }
            }
        } else {
            self.spurious_in_empty += pred.len();
        }
        let mut used = vec![false; pred.len()];
        for g in gold {
            let best = pred
                .iter()
                .enumerate()
                .filter(|(i, p)| !used[*i] && p.event_type == g.event_type)
                .map(|(i, p)| (i, Agreement::of(g, p)))
                .max_by(|a, b| a.1.agreeing().cmp(&b.1.agreeing()).then(b.0.cmp(&a.0)));
            let c = self.per_type.entry(g.event_type.clone()).or_default();
            match best {
                None => c.fn_ += 1,
                Some((i, agr)) => {
                    used[i] = true;
                    c.tp += 1;
                    let pairs = [
                        (&mut self.actor_country, agr.actor_country),
                        (&mut self.actor_sector, agr.actor_sector),
                        (&mut self.recipient_country, agr.recipient_country),
                        (&mut self.recipient_sector, agr.recipient_sector),
                        (&mut self.date, agr.date),
                        (&mut self.location, agr.location),
                    ];
                    for (acc, f) in pairs {
                        if let Some(ok) = f {
                            acc.add(ok);
                        }
                    }
                    if agr.all() {
                        self.full += 1;
                    }
                    if agr.dyad() {
                        self.dyad += 1;
                    }
                }
            }
        }
        for (p, u) in pred.iter().zip(&used) {
            if !u {
                self.spurious += 1;
                self.per_type.entry(p.event_type.clone()).or_default().fp += 1;
            }
        }
    }

    pub fn report(&self) -> GoldReport {
        GoldReport {
            units: self.units,
            units_with_gold: self.units_with_gold,
            gold_events: self.gold_events,
            predicted_events: self.pred_events,
            top1_accuracy: ratio(self.top1, self.units_with_gold),
            types: type_table(&self.per_type),
            actor_country: self.actor_country,
            actor_sector: self.actor_sector,
            recipient_country: self.recipient_country,
            recipient_sector: self.recipient_sector,
            date: self.date,
            location: self.location,
            dyad_record_accuracy: ratio(self.dyad, self.gold_events),
            full_record_accuracy: ratio(self.full, self.gold_events),
            spurious_per_unit: ratio(self.spurious, self.units),
            spurious_in_empty_units: self.spurious_in_empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_code::record::{Actor, Location};

    fn ev(t: &str, conf: f64) -> Event {
        Event {
            event_type: t.into(),
            confidence: conf,
            ..Event::default()
        }
    }

    fn ev_full(
        t: &str,
        a: Option<&str>,
        r: Option<&str>,
        date: Option<&str>,
        loc: Option<&str>,
    ) -> Event {
        let actor = |c: Option<&str>| {
            Some(Actor {
                text: "x".into(),
                country: c.map(String::from),
                sector: Some("GOV".into()),
                ..Actor::default()
            })
        };
        Event {
            event_type: t.into(),
            actor: actor(a),
            recipient: r.and_then(|c| actor(Some(c))),
            event_date: date.map(String::from),
            location: loc.map(|c| Location {
                country: Some(c.into()),
                ..Location::default()
            }),
            ..Event::default()
        }
    }

    fn gold(t: &str, a: Option<&str>, r: Option<&str>) -> GoldEvent {
        GoldEvent {
            event_type: t.into(),
            actor: Some(GoldActor {
                country: Some(a.map(String::from)),
                sector: None,
            }),
            recipient: Some(GoldActor {
                country: Some(r.map(String::from)),
                sector: None,
            }),
            ..GoldEvent::default()
        }
    }

    #[test]
    fn split_is_deterministic_and_roughly_60_20_20() {
        let mut n = [0usize; 3];
        for i in 0..3000 {
            let t = format!("story number {i} about a border dispute");
            assert_eq!(split_of(&t), split_of(&t));
            match split_of(&t) {
                Split::Train => n[0] += 1,
                Split::Dev => n[1] += 1,
                Split::Test => n[2] += 1,
                Split::All => unreachable!(),
            }
        }
        assert!((1650..1950).contains(&n[0]), "{n:?}");
        assert!((480..720).contains(&n[1]), "{n:?}");
        assert!((480..720).contains(&n[2]), "{n:?}");
        assert!(in_split("anything", Split::All));
    }

    #[test]
    fn top_type_by_count_then_confidence_then_order() {
        assert_eq!(top_type(&[]), None);
        let evs = [ev("ACCUSE", 0.9), ev("ASSAULT", 0.5), ev("ASSAULT", 0.5)];
        assert_eq!(top_type(&evs), Some("ASSAULT"));
        let evs = [ev("ACCUSE", 0.4), ev("ASSAULT", 0.7)];
        assert_eq!(top_type(&evs), Some("ASSAULT"));
        let evs = [ev("AID", 0.5), ev("AGREE", 0.5)];
        assert_eq!(top_type(&evs), Some("AID"));
    }

    #[test]
    fn document_scores() {
        let mut s = DocScorer::default();
        // correct, single type
        s.add("PROTEST", &[ev("PROTEST", 0.9)]);
        // label among predictions but not top-1
        s.add(
            "ACCUSE",
            &[ev("ASSAULT", 0.9), ev("ASSAULT", 0.8), ev("ACCUSE", 0.9)],
        );
        // nothing coded
        s.add("AID", &[]);
        // wrong
        s.add("PROTEST", &[ev("COERCE", 0.6)]);
        let r = s.report();
        assert_eq!(r.documents, 4);
        assert_eq!(r.top1_accuracy, 0.25);
        assert_eq!(r.label_in_predicted, 0.5);
        assert_eq!(r.no_event_share, 0.25);
        assert_eq!(r.events_per_document, 1.25);
        let get = |t: &str| {
            r.types
                .per_type
                .iter()
                .find(|x| x.event_type == t)
                .unwrap()
                .clone()
        };
        let p = get("PROTEST");
        assert_eq!((p.tp, p.fp, p.fn_), (1, 0, 1));
        assert_eq!(p.precision, 1.0);
        assert_eq!(p.recall, 0.5);
        assert!((p.f1 - 2.0 / 3.0).abs() < 1e-9);
        let a = get("ASSAULT");
        assert_eq!((a.tp, a.fp, a.fn_), (0, 1, 0));
        assert_eq!(get("AID").fn_, 1);
        // micro: tp 2 (PROTEST, ACCUSE), fp 2 (ASSAULT, COERCE), fn 2 (AID, PROTEST)
        assert_eq!(
            (r.types.micro.tp, r.types.micro.fp, r.types.micro.fn_),
            (2, 2, 2)
        );
        // macro over supported types PROTEST (2/3), ACCUSE (1), AID (0)
        assert!((r.types.macro_f1 - (2.0 / 3.0 + 1.0) / 3.0).abs() < 1e-9);
    }

    #[test]
    fn gold_matching_and_field_accuracy() {
        let mut s = GoldScorer::default();
        // Unit 1: two gold events; one found fully right, one found with
        // the wrong recipient; plus a spurious prediction.
        let g1 = vec![
            gold("CONSULT", Some("IND"), Some("JPN")),
            gold("AGREE", Some("IND"), Some("JPN")),
        ];
        let p1 = vec![
            ev_full("AGREE", Some("IND"), Some("KOR"), None, None),
            ev_full("CONSULT", Some("IND"), Some("JPN"), None, None),
            ev_full("THREATEN", Some("PAK"), None, None, None),
        ];
        s.add(&g1, &p1);
        // Unit 2: no gold, one prediction (spurious).
        s.add(&[], &[ev_full("ASSAULT", None, None, None, None)]);
        // Unit 3: gold event missed entirely; date and location given.
        let mut g3 = gold("PROTEST", Some("KEN"), None);
        g3.event_date = Some("2022-07-01".into());
        g3.location = Some(GoldLocation {
            country: Some(Some("KEN".into())),
        });
        s.add(std::slice::from_ref(&g3), &[]);
        // Unit 4: found, right date, wrong location, null recipient right.
        let p4 = ev_full(
            "PROTEST",
            Some("KEN"),
            None,
            Some("2022-07-01"),
            Some("UGA"),
        );
        s.add(std::slice::from_ref(&g3), &[p4]);
        let r = s.report();
        assert_eq!(r.units, 4);
        assert_eq!(r.units_with_gold, 3);
        assert_eq!(r.gold_events, 4);
        assert_eq!(r.predicted_events, 5);
        // top-1: unit 1 types tie 1-1-1 at conf 0 → first (AGREE) ∈ gold; unit 3 none; unit 4 yes.
        assert!((r.top1_accuracy - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(r.actor_country.correct, 3);
        assert_eq!(r.actor_country.total, 3);
        assert_eq!(
            (r.recipient_country.correct, r.recipient_country.total),
            (2, 3)
        );
        assert_eq!((r.date.correct, r.date.total), (1, 1));
        assert_eq!((r.location.correct, r.location.total), (0, 1));
        assert_eq!(r.actor_sector.total, 0);
        // full records: only CONSULT in unit 1.
        assert!((r.full_record_accuracy - 1.0 / 4.0).abs() < 1e-9);
        // type + actor + recipient: CONSULT in unit 1 and the PROTEST of
        // unit 4 (its wrong location does not count here).
        assert!((r.dyad_record_accuracy - 2.0 / 4.0).abs() < 1e-9);
        assert_eq!(r.spurious_per_unit, 2.0 / 4.0);
        assert_eq!(r.spurious_in_empty_units, 1);
        let m = &r.types.micro;
        assert_eq!((m.tp, m.fp, m.fn_), (3, 2, 1));
    }

    #[test]
    fn matching_prefers_the_agreeing_prediction() {
        let mut s = GoldScorer::default();
        let g = vec![gold("SANCTION", Some("USA"), Some("IRN"))];
        let p = vec![
            ev_full("SANCTION", Some("GBR"), Some("RUS"), None, None),
            ev_full("SANCTION", Some("USA"), Some("IRN"), None, None),
        ];
        s.add(&g, &p);
        let r = s.report();
        assert_eq!(r.full_record_accuracy, 1.0);
        assert_eq!(r.spurious_per_unit, 1.0);
    }

    #[test]
    fn gold_json_null_versus_absent() {
        let d: GoldDoc = serde_json::from_str(
            r#"{"text":"t","events":[{"event_type":"AID","actor":{"country":"NOR"},"recipient":{"country":null}}]}"#,
        )
        .unwrap();
        let e = &d.events[0];
        assert_eq!(e.actor.as_ref().unwrap().country, Some(Some("NOR".into())));
        assert_eq!(e.actor.as_ref().unwrap().sector, None);
        assert_eq!(e.recipient.as_ref().unwrap().country, Some(None));
    }
}
