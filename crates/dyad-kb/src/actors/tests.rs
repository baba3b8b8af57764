//! Tests of the actor dictionaries against the embedded data.

use std::sync::OnceLock;

use super::*;
use crate::geo::Gazetteer;

fn dict() -> &'static ActorDict {
    static D: OnceLock<ActorDict> = OnceLock::new();
    D.get_or_init(|| ActorDict::load_embedded().unwrap())
}

fn geo() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| Gazetteer::load_embedded().unwrap())
}

/// Splits like the text layer: words, "-" and "'s" apart, lowercase.
fn toks(s: &str) -> Vec<String> {
    reader::phrase_tokens(s).0
}

fn resolve(s: &str, date: Option<NaiveDate>) -> Resolved {
    let t = toks(s);
    let r: Vec<&str> = t.iter().map(String::as_str).collect();
    dict().resolve_phrase(&r, geo(), date)
}

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn one(s: &str) -> (EntryKind, Option<String>, Vec<String>) {
    let t = toks(s);
    let r: Vec<&str> = t.iter().map(String::as_str).collect();
    let m = dict().match_phrases(&r);
    assert_eq!(m.len(), 1, "{s}: {m:?}");
    assert_eq!((m[0].start, m[0].end), (0, r.len()), "{s}");
    let e = dict().entry(m[0].entry);
    let c = e.code_at(None).cloned().unwrap();
    (e.kind, c.country, c.sectors)
}

#[test]
fn embedded_loads_with_few_warnings() {
    let dict = dict();
    assert!(dict.entries.len() > 20_000, "{}", dict.entries.len());
    assert!(dict.phrase_count() > 40_000);
    assert!(
        dict.warnings.len() < 50,
        "{:?}",
        &dict.warnings[..5.min(dict.warnings.len())]
    );
}

#[test]
fn countries_short_forms_and_demonyms() {
    assert_eq!(one("France").1.as_deref(), Some("FRA"));
    assert_eq!(one("France").0, EntryKind::Country);
    for (s, iso) in [
        ("the UK", "GBR"),
        ("Britain", "GBR"),
        ("the US", "USA"),
        ("U.S.", "USA"),
        ("America", "USA"),
        ("the Netherlands", "NLD"),
        ("Republic of Korea", "KOR"),
        ("Kenya", "KEN"),
    ] {
        let (k, c, _) = one(s);
        assert_eq!(c.as_deref(), Some(iso), "{s}");
        assert_eq!(k, EntryKind::Country, "{s}");
    }
    for (s, iso) in [
        ("French", "FRA"),
        ("Saudi", "SAU"),
        ("Americans", "USA"),
        ("Chinese", "CHN"),
        ("Kenyans", "KEN"),
        ("Dutch", "NLD"),
        ("Ukrainians", "UKR"),
    ] {
        let (k, c, _) = one(s);
        assert_eq!(c.as_deref(), Some(iso), "{s}");
        assert_eq!(k, EntryKind::Demonym, "{s}");
    }
    // Cities listed in Phoenix country blocks, and capitals.
    let (k, c, _) = one("Kandahar");
    assert_eq!((k, c.as_deref()), (EntryKind::Place, Some("AFG")));
    let (k, c, _) = one("Nairobi");
    assert_eq!((k, c.as_deref()), (EntryKind::Place, Some("KEN")));
}

#[test]
fn agents_and_plurals() {
    let (k, c, s) = one("minister");
    assert_eq!((k, c), (EntryKind::Agent, None));
    assert_eq!(s, vec!["GOV"]);
    assert_eq!(one("ministers").2, vec!["GOV"]);
    assert_eq!(one("rebels").2, vec!["REB"]);
    assert_eq!(one("policemen").2, vec!["COP"]);
    assert_eq!(one("policeman").2, vec!["COP"]);
    assert_eq!(one("defence ministry").2, vec!["GOV", "MIL"]);
    assert_eq!(one("farmers").2, vec!["AGR"]);
    assert_eq!(one("militias").0, EntryKind::Agent);
    assert_eq!(one("warplanes").2, vec!["MIL"]);
    assert_eq!(one("professor").2, vec!["EDU"]);
    assert_eq!(one("spokesperson").2, vec!["GOV"]);
    // TABARI stems take inflectional endings only.
    assert!(stem_matches("minist", "ministries"));
    assert!(stem_matches("authorit", "authority"));
    assert!(!stem_matches("plane", "planet"));
}

#[test]
fn igos_have_short_names() {
    let t = toks("the UN Security Council");
    let r: Vec<&str> = t.iter().map(String::as_str).collect();
    let m = dict().match_phrases(&r);
    let e = dict().entry(m.last().unwrap().entry);
    assert_eq!(e.kind, EntryKind::Igo);
    assert_eq!(e.code_at(None).unwrap().igo.as_deref(), Some("UN"));
    for (s, igo) in [
        ("NATO", "NATO"),
        ("European Union", "EU"),
        ("ASEAN", "ASEAN"),
        ("African Union", "AU"),
        ("Arab League", "Arab League"),
        ("OPEC", "OPEC"),
        ("World Bank", "World Bank"),
        ("IMF", "IMF"),
        ("World Health Organization", "WHO"),
        ("BRICS", "BRICS"),
        ("G20", "G20"),
    ] {
        assert_eq!(resolve(s, None).igo.as_deref(), Some(igo), "{s}");
    }
}

#[test]
fn longest_non_overlapping_matches() {
    let t = toks("Chinese Defense Ministry spokesperson met Kenyan police in Nairobi");
    let r: Vec<&str> = t.iter().map(String::as_str).collect();
    let m = dict().match_phrases(&r);
    let spans: Vec<(usize, usize)> = m.iter().map(|m| (m.start, m.end)).collect();
    assert_eq!(spans, vec![(0, 1), (1, 4), (5, 6), (6, 7), (8, 9)]);
    assert!(m.windows(2).all(|w| w[0].end <= w[1].start));
}

#[test]
fn cased_matching_needs_capitals_for_names() {
    let t = toks("they told us china may help");
    let r: Vec<&str> = t.iter().map(String::as_str).collect();
    assert!(!dict().match_phrases(&r).is_empty());
    let caps = vec![false; r.len()];
    let m = dict().match_phrases_cased(&r, &caps);
    assert!(m.is_empty(), "{m:?}");
    let t = toks("the US and China sent police");
    let r: Vec<&str> = t.iter().map(String::as_str).collect();
    let caps = [false, true, false, true, false, false];
    let m = dict().match_phrases_cased(&r, &caps);
    let kinds: Vec<EntryKind> = m.iter().map(|m| dict().entry(m.entry).kind).collect();
    assert_eq!(
        kinds,
        vec![EntryKind::Country, EntryKind::Country, EntryKind::Agent]
    );
}

#[test]
fn resolve_examples() {
    let r = resolve("four Saudi men", None);
    assert_eq!(r.country.as_deref(), Some("SAU"));
    assert!(
        r.sector.is_none() || r.sector.as_deref() == Some("CVL"),
        "{r:?}"
    );

    let r = resolve("an American destroyer", None);
    assert_eq!(r.country.as_deref(), Some("USA"));
    assert_eq!(r.sector.as_deref(), Some("MIL"));

    let r = resolve("American warplanes", None);
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("USA"), Some("MIL"))
    );

    let r = resolve("seoul metropolitan police", None);
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("KOR"), Some("COP"))
    );

    assert_eq!(
        resolve("People's Republic of China", None)
            .country
            .as_deref(),
        Some("CHN")
    );
    assert_eq!(
        resolve("Republic of China", None).country.as_deref(),
        Some("TWN")
    );

    let r = resolve("retired vice president", None);
    assert!(
        matches!(r.sector.as_deref(), Some("GOV") | Some("ELI")),
        "{r:?}"
    );
    assert_eq!(r.country, None);

    assert_eq!(resolve("a cat named Frank", None), Resolved::default());

    let r = resolve("French Defense Minister", None);
    assert_eq!(r.country.as_deref(), Some("FRA"));
    assert_eq!(r.sectors, vec!["GOV", "MIL"]);
    assert_eq!(r.title.as_deref(), Some("Defense Minister"));
    assert_eq!(r.name, None);

    let r = resolve("the UN Security Council", None);
    assert_eq!(r.igo.as_deref(), Some("UN"));
    assert_eq!(r.country, None);

    let r = resolve("Xi Jinping", d(2020, 1, 1));
    assert_eq!(r.name.as_deref(), Some("Xi Jinping"));
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("CHN"), Some("GOV"))
    );
}

#[test]
fn resolve_more_phrases() {
    let r = resolve("Kenyan police officers", None);
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("KEN"), Some("COP"))
    );
    let r = resolve("the Israeli army", None);
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("ISR"), Some("MIL"))
    );
    let r = resolve("Pakistani Foreign Minister", None);
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("PAK"), Some("GOV"))
    );
    assert_eq!(r.title.as_deref(), Some("Foreign Minister"));
    let r = resolve("Brazilian protesters", None);
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("BRA"), Some("CVL"))
    );
    let r = resolve("Mumbai police", None);
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("IND"), Some("COP"))
    );
    let r = resolve("NATO troops", None);
    assert_eq!(r.igo.as_deref(), Some("NATO"));
    assert!(r.sectors.contains(&"MIL".to_string()));
    let r = resolve("Canadian military affairs expert", None);
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("CAN"), Some("EDU"))
    );
    let r = resolve("the People's Liberation Army", None);
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("CHN"), Some("MIL"))
    );
    assert!(r.name.is_some());
    assert_eq!(resolve("a delicious sandwich", None), Resolved::default());
}

#[test]
fn dated_codes_pick_the_office_on_the_date() {
    // Hamid Karzai: [AFGELI 750101-000101] [AFGGOV >011222] [AFGELI].
    let r = resolve("Hamid Karzai", d(2005, 6, 1));
    assert_eq!(
        (r.country.as_deref(), r.sector.as_deref()),
        (Some("AFG"), Some("GOV"))
    );
    let r = resolve("Hamid Karzai", d(1990, 6, 1));
    assert_eq!(r.sector.as_deref(), Some("ELI"));
    // Mao Zedong: [CHNELI 19110101-350108] [CHNGOV 350108-760909]; nothing after.
    let r = resolve("Mao Zedong", d(1960, 1, 1));
    assert_eq!(r.sector.as_deref(), Some("GOV"));
    let r = resolve("Mao Zedong", d(1990, 1, 1));
    assert_eq!((r.country.as_deref(), r.sector), (Some("CHN"), None));
}

#[test]
fn code_at_honours_ranges() {
    let code = |s: &str| codes::parse_group(s).unwrap();
    let e = ActorEntry {
        name: "Test Person".into(),
        kind: EntryKind::Person,
        codes: vec![
            code("KENELI 900101-021231"),
            code("KENGOV >030101"),
            code("KENELI"),
        ],
    };
    assert_eq!(e.code_at(d(1995, 5, 5)).unwrap().sectors, vec!["ELI"]);
    assert_eq!(e.code_at(d(2010, 5, 5)).unwrap().sectors, vec!["GOV"]);
    assert_eq!(e.code_at(d(1980, 5, 5)).unwrap(), &e.codes[2]);
    assert_eq!(e.code_at(None).unwrap(), &e.codes[2]);
    // Two open ranges cover a date: the later start wins.
    let overlapping = ActorEntry {
        codes: vec![code("USRTKM >911016"), code("TKM >911221")],
        ..e.clone()
    };
    assert_eq!(
        overlapping
            .code_at(d(2025, 1, 1))
            .unwrap()
            .country
            .as_deref(),
        Some("TKM")
    );
    let only_dated = ActorEntry {
        codes: vec![code("KENGOV 900101-951231"), code("KENGOV 000101-051231")],
        ..e
    };
    assert!(only_dated.code_at(d(1980, 1, 1)).is_none());
    assert_eq!(only_dated.code_at(None).unwrap(), &only_dated.codes[1]);
    assert_eq!(
        only_dated.code_nearest(d(1997, 1, 1)).unwrap(),
        &only_dated.codes[0]
    );
}

#[test]
fn user_dictionary_file() {
    let dir = std::env::temp_dir().join(format!("dyad-kb-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.actors.txt");
    std::fs::write(
        &good,
        "# my dictionary\nJANE_Q_PUBLIC_ # a made-up official\n+MINISTER_PUBLIC_\n\t[KENGOV 200101-231231]\n\t[KENELI]\nHARBOUR_GUARD_ [~COP]\nRURITANIA_ [DEU]\n+RURITANIAN_\n",
    )
    .unwrap();
    let dict = ActorDict::from_files(&[&good]).unwrap();
    let t = ["minister", "public", "met", "harbour", "guards"];
    let m = dict.match_phrases(&t);
    assert_eq!(m.len(), 2, "{m:?}");
    let jane = dict.entry(m[0].entry);
    assert_eq!(jane.kind, EntryKind::Person);
    assert_eq!(jane.name, "Jane Q Public");
    assert_eq!(jane.code_at(d(2021, 1, 1)).unwrap().sectors, vec!["GOV"]);
    assert_eq!(jane.code_at(d(2024, 1, 1)).unwrap().sectors, vec!["ELI"]);
    assert_eq!(dict.entry(m[1].entry).kind, EntryKind::Agent);
    let r = dict.match_phrases(&["ruritania"]);
    assert_eq!(dict.entry(r[0].entry).kind, EntryKind::Country);

    // User entries override the embedded ones for the same phrase.
    let mut emb = ActorDict::load_embedded().unwrap();
    emb.add_file(&good).unwrap();
    let r = emb.match_phrases(&["ruritania"]);
    assert_eq!(
        emb.entry(r[0].entry).codes[0].country.as_deref(),
        Some("DEU")
    );

    let bad = dir.join("bad.actors.txt");
    std::fs::write(
        &bad,
        "GOOD_ENTRY_ [FRAGOV]\n+FINE_SYNONYM\nBROKEN_ENTRY_ [FRAGOV 2019-2020]\n",
    )
    .unwrap();
    match ActorDict::from_files(&[&bad]) {
        Err(KbError::Parse { file, line, msg }) => {
            assert!(file.ends_with("bad.actors.txt"));
            assert_eq!(line, 3);
            assert!(msg.contains("date"), "{msg}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
    let missing = dir.join("missing.txt");
    assert!(matches!(
        ActorDict::from_files(&[&missing]),
        Err(KbError::Io { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn display_names() {
    assert_eq!(
        display(&toks("PEOPLE'S_LIBERATION_ARMY"), false),
        "People's Liberation Army"
    );
    assert_eq!(display(&toks("nato"), true), "NATO");
    assert_eq!(display(&toks("u.s. army"), false), "U.S. Army");
    assert_eq!(
        display(&toks("ministry of foreign affairs"), false),
        "Ministry of Foreign Affairs"
    );
    assert_eq!(display(&toks("al-qaeda"), false), "Al-Qaeda");
}

#[test]
fn cameo_sector_codes_read_as_plover() {
    // The Phoenix files code media MED and health HLH (CAMEO); PLOVER calls
    // them JRN and MED.
    assert_eq!(
        resolve("xinhua", None).sectors.first().map(String::as_str),
        Some("JRN")
    );
    assert_eq!(
        resolve("doctors", None).sectors.first().map(String::as_str),
        Some("MED")
    );
    let mut s = vec!["HLH".to_string(), "MED".to_string(), "MUS".to_string()];
    super::cameo_sectors_to_plover(&mut s);
    assert_eq!(s, vec!["MED", "JRN", "REL"]);
}

#[test]
fn news_organisations_have_their_country_and_pupils_are_education() {
    let r = resolve("wall street journal reporter", None);
    assert_eq!(r.country.as_deref(), Some("USA"));
    assert_eq!(r.sectors.first().map(String::as_str), Some("JRN"));
    let r = resolve("schoolchildren", None);
    assert_eq!(r.sectors.first().map(String::as_str), Some("EDU"));
}

#[test]
fn the_head_noun_decides_the_sector() {
    for (phrase, want) in [
        ("media regulator", "GOV"),
        ("gang leader", "CRM"),
        ("rebel commander", "REB"),
        ("representatives of the government", "GOV"),
        ("members of the gang", "CRM"),
        ("doctors' union", "LAB"),
        ("nigeria labour congress", "LAB"),
        ("minister of defence", "GOV"),
    ] {
        let r = resolve(phrase, None);
        assert_eq!(r.sector.as_deref(), Some(want), "{phrase}: {r:?}");
    }
}
