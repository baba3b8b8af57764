//! The store with the real coder: re-ingest, merging reports of one
//! meeting, keeping separate meetings apart, the date window, places, and
//! a Parquet round trip.

use dyad_code::{code_document, DocOutput, InputDoc};
use dyad_store::{content_hash, DedupOptions, DocInfo, EventFilter, Store};

fn coded(id: &str, published: &str, source: &str, text: &str) -> (DocInfo, DocOutput) {
    let input = InputDoc {
        id: Some(id.into()),
        text: text.into(),
        published: Some(published.into()),
        source: Some(source.into()),
        ..InputDoc::default()
    };
    let out = code_document(&input, dyad_kb::Kb::embedded()).expect("codes");
    (
        DocInfo {
            content_hash: content_hash(text),
            published: input.published.clone(),
            ..DocInfo::default()
        },
        out,
    )
}

const MEET_A: &str =
    "Kenyan President William Ruto met the Tanzanian president in Nairobi on Monday.";
const MEET_B: &str = "The Tanzanian president held talks with Kenyan President William Ruto on Monday in Nairobi, officials in Dar es Salaam said.";

fn consults(store: &Store) -> Vec<dyad_store::StoredEvent> {
    store
        .events(&EventFilter {
            dyad: Some(("KEN".into(), "TZA".into())),
            event_type: Some("CONSULT".into()),
            ..EventFilter::default()
        })
        .unwrap()
}

#[test]
fn reingest_is_a_no_op() {
    let mut s = Store::open_in_memory().unwrap();
    let d = coded("k1", "2024-03-13", "Nation", MEET_A);
    let first = s
        .ingest_batch(std::slice::from_ref(&d), &DedupOptions::default())
        .unwrap();
    assert_eq!(first.documents, 1);
    let before = s.counts().unwrap();
    let again = s.ingest_batch(&[d], &DedupOptions::default()).unwrap();
    assert_eq!(
        (again.documents, again.duplicates, again.mentions),
        (0, 1, 0)
    );
    assert_eq!(s.counts().unwrap(), before);
    assert!(s.has_document(&content_hash(MEET_A)).unwrap());
}

#[test]
fn two_reports_of_one_meeting_are_one_event() {
    let mut s = Store::open_in_memory().unwrap();
    let a = coded("k1", "2024-03-13", "Nation", MEET_A);
    let b = coded("t1", "2024-03-12", "Daily News", MEET_B);
    // The reports name the sides in opposite order; PLOVER's visitor rule
    // codes the Tanzanian guest as the actor in both (the meeting is in
    // Nairobi), so both keys agree.
    let ka = dyad_store::dedup::match_key(&a.1.events[0]);
    let kb = dyad_store::dedup::match_key(&b.1.events[0]);
    assert_eq!((ka.actor.as_str(), kb.actor.as_str()), ("TZA", "TZA"));
    s.ingest_batch(&[a, b], &DedupOptions::default()).unwrap();
    let evs = consults(&s);
    assert_eq!(evs.len(), 1, "{evs:?}");
    let e = &evs[0];
    assert_eq!(e.event_date.as_deref(), Some("2024-03-11"));
    assert_eq!((e.num_mentions, e.num_sources, e.num_articles), (2, 2, 2));
    let mentions = s.mentions_of(e.id).unwrap();
    assert_eq!(mentions.len(), 2);
    assert_eq!(mentions[1].1.as_deref(), Some("Daily News"));
}

#[test]
fn meetings_a_week_apart_stay_two_events() {
    let mut s = Store::open_in_memory().unwrap();
    let a = coded("k1", "2024-03-13", "Nation", MEET_A);
    let later = "Kenyan President William Ruto met the Tanzanian president again in Nairobi on Monday to sign a border accord.";
    let b = coded("k2", "2024-03-20", "Nation", later);
    s.ingest_batch(&[a, b], &DedupOptions::default()).unwrap();
    let evs = consults(&s);
    let dates: Vec<_> = evs.iter().map(|e| e.event_date.clone().unwrap()).collect();
    assert_eq!(dates, ["2024-03-11", "2024-03-18"]);
    assert!(evs.iter().all(|e| e.num_mentions == 1));
}

#[test]
fn window_is_configurable() {
    // The same meeting dated two days apart by two outlets.
    let a = coded("k1", "2024-03-13", "Nation", MEET_A); // Monday 11th
    let b = coded(
        "t1",
        "2024-03-14",
        "Daily News",
        "The Tanzanian president held talks with Kenyan President William Ruto on Wednesday in Nairobi.",
    ); // Wednesday 13th
    for (w, want) in [(1, 2), (2, 1)] {
        let mut s = Store::open_in_memory().unwrap();
        s.ingest_batch(&[a.clone(), b.clone()], &DedupOptions { window_days: w })
            .unwrap();
        assert_eq!(consults(&s).len(), want, "window {w}");
    }
}

#[test]
fn month_date_matches_a_day_in_that_month_and_is_refined() {
    let mut s = Store::open_in_memory().unwrap();
    let month = coded(
        "k0",
        "2024-04-02",
        "Nation",
        "Kenyan President William Ruto met the Tanzanian president in Nairobi in March.",
    );
    let day = coded("k1", "2024-03-13", "Standard", MEET_A);
    s.ingest_batch(&[month, day], &DedupOptions::default())
        .unwrap();
    let evs = consults(&s);
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0].event_date.as_deref(), Some("2024-03-11"));
    assert_eq!(evs[0].date_precision, "day");
    assert_eq!(evs[0].num_mentions, 2);
}

#[test]
fn places_in_different_countries_stay_apart() {
    let mut s = Store::open_in_memory().unwrap();
    let a = coded("k1", "2024-03-13", "Nation", MEET_A);
    let b = coded(
        "k2",
        "2024-03-13",
        "Citizen",
        "Kenyan President William Ruto met the Tanzanian president in Arusha on Monday.",
    );
    s.ingest_batch(&[a, b], &DedupOptions::default()).unwrap();
    assert_eq!(consults(&s).len(), 2);
}

#[test]
fn parquet_round_trip_and_file_store() {
    let dir = std::env::temp_dir().join(format!("dyad-store-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("t.sqlite");
    let mut s = Store::open(&db).unwrap();
    assert_eq!(s.schema_version().unwrap(), dyad_store::SCHEMA_VERSION);
    let docs = [
        coded("k1", "2024-03-13", "Nation", MEET_A),
        coded("t1", "2024-03-12", "Daily News", MEET_B),
        coded(
            "p1",
            "2024-03-08",
            "El Comercio",
            "Peru accused Chile of violating the fishing treaty on Thursday.",
        ),
    ];
    s.ingest_batch(&docs, &DedupOptions::default()).unwrap();
    drop(s);
    let s = Store::open_read_only(&db).unwrap();
    let all = s.events(&EventFilter::default()).unwrap();
    assert!(all.len() >= 2);
    let pq = dir.join("e.parquet");
    let n = dyad_store::export::write_parquet(&s, &EventFilter::default(), &pq).unwrap();
    assert_eq!(n, all.len());
    let (names, rows) = dyad_store::export::read_parquet_cells(&pq).unwrap();
    assert_eq!(names, dyad_store::query::EVENT_COLUMNS);
    let want: Vec<Vec<Option<String>>> = all.iter().map(|e| e.cells()).collect();
    assert_eq!(rows, want);
    // Filters: a dyad in either direction, a quad class, dates.
    let f = EventFilter {
        dyad: Some(("CHL".into(), "PER".into())),
        quad: Some(3),
        from: chrono::NaiveDate::from_ymd_opt(2024, 3, 1),
        to: chrono::NaiveDate::from_ymd_opt(2024, 3, 31),
        ..EventFilter::default()
    };
    let acc = s.events(&f).unwrap();
    assert_eq!(acc.len(), 1);
    assert_eq!(acc[0].event_type, "ACCUSE");
    let mut csv = Vec::new();
    dyad_store::export::write_csv(&s, &EventFilter::default(), &mut csv).unwrap();
    assert_eq!(
        String::from_utf8(csv).unwrap().lines().count(),
        all.len() + 1
    );
    let _ = std::fs::remove_dir_all(&dir);
}
