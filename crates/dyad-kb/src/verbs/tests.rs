//! Tests of the verb dictionary reader and trigger matching.

use std::sync::OnceLock;

use super::*;

fn dict() -> &'static VerbDict {
    static D: OnceLock<VerbDict> = OnceLock::new();
    D.get_or_init(|| VerbDict::load_embedded().unwrap())
}

fn toks(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

/// The trigger headed by `head_word` in `sentence`.
fn trig(sentence: &str, head_word: &str) -> Option<TriggerMatch> {
    let t = toks(sentence);
    dict()
        .find_triggers(&t)
        .into_iter()
        .find(|m| t[m.head] == head_word)
}

const TOY: &str = "\
# a toy dictionary
&ARMS
+RIFLE
+ANTI_TANK_MISSILE
+AMMUNITION_

---  GIVE   [070]  ---
GIVE {GIVES GAVE GIVEN GIVING}
DONATE [073]
+HAND_OVER {+HANDS_OVER +HANDED_OVER +HANDING_OVER} [084]
- * &ARMS                     [072]  # weapons
- * &ARMS (TO REBELS)         [072:---]
- * {FOOD AID}                [073]
- * WARNING                   [---]
- $ * + SHELTER               [075]

---  JAIL   [173]  ---
JAIL
IMPRISON
- * (FOR LIFE)                [173]
- * (BEFORE COURT)            [:173]
";

#[test]
fn reads_synonym_sets_forms_and_codes() {
    let d = VerbDict::parse(TOY, "toy.txt").unwrap();
    let (blocks, verbs, pats, _) = d.stats();
    assert_eq!((blocks, verbs, pats), (2, 5, 7));
    // Explicit forms, generated forms, multi-word verbs.
    assert_eq!(d.lemma_of("gave"), Some("give"));
    assert_eq!(d.lemma_of("donated"), Some("donate"));
    assert_eq!(d.lemma_of("donating"), Some("donate"));
    assert_eq!(d.lemma_of("imprisons"), Some("imprison"));
    assert_eq!(d.lemma_of("handed over"), Some("hand over"));
    assert!(d.is_verb_form("jailed"));
    assert!(!d.is_verb_form("gived"));
    assert_eq!(d.default_code("donates"), Some(("073".into(), None)));
    assert_eq!(d.default_code("hands over"), Some(("084".into(), None)));
    assert_eq!(d.default_code("give"), Some(("070".into(), None)));
    // Synonym set with plural and a multi-word member.
    let m = d.find_triggers(&toks("they gave rifles to the militia"));
    assert_eq!(m[0].code, "072");
    let m = d.find_triggers(&toks("they gave anti - tank missiles"));
    assert_eq!(m[0].code, "072");
    assert_eq!(m[0].tokens, vec![1, 2, 4, 5]);
    // `AMMUNITION_` takes no plural.
    let m = d.find_triggers(&toks("they gave ammunitions"));
    assert_eq!(m[0].code, "070");
    // `[---]` pattern: no event.
    assert!(d.find_triggers(&toks("police gave a warning")).is_empty());
    // Multi-word verb.
    let m = d.find_triggers(&toks("rebels handed over the town"));
    assert_eq!(
        (m[0].code.as_str(), m[0].lemma.as_str()),
        ("084", "hand over")
    );
    assert_eq!(m[0].tokens, vec![1, 2]);
}

#[test]
fn pattern_specificity_and_slots() {
    let d = VerbDict::parse(TOY, "toy.txt").unwrap();
    // Two words beat one: (TO REBELS) is more specific than &ARMS alone.
    let m = d.find_triggers(&toks("the envoy gave rifles to the rebels"));
    assert_eq!(m[0].code, "072");
    assert_eq!(m[0].specificity, 3);
    assert_eq!(m[0].pattern, "- * &ARMS (TO REBELS) [072:---]");
    let m = d.find_triggers(&toks("the agency gave food aid"));
    assert_eq!(m[0].code, "073");
    // Source and target slots.
    let m = d.find_triggers(&toks("norway gave the refugees shelter"));
    assert_eq!(m[0].code, "075");
    assert_eq!(m[0].source_tok, Some(0));
    assert_eq!(m[0].target_tok, Some(3));
    // `[:173]`: the subject receives the event.
    let m = d.find_triggers(&toks("the judge jailed him before the court"));
    assert_eq!(m[0].code, "173");
    assert!(m[0].roles_reversed);
    // Verb's default code when no pattern matches.
    let m = d.find_triggers(&toks("they jailed him"));
    assert_eq!((m[0].code.as_str(), m[0].specificity), ("173", 0));
    assert_eq!(m[0].pattern, "");
}

#[test]
fn window_and_clause_boundaries() {
    let d = VerbDict::parse(TOY, "toy.txt").unwrap();
    // A few words may sit between pattern words…
    let m = d.find_triggers(&toks("they gave 300 new rifles"));
    assert_eq!(m[0].code, "072");
    // …but not too many, nor a clause boundary.
    let m = d.find_triggers(&toks(
        "they gave money to many small local farms and rifles",
    ));
    assert_eq!(m[0].code, "070");
    let m = d.find_triggers(&toks("they gave money ; rifles were stolen"));
    assert_eq!(m[0].code, "070");
    let m = d.find_triggers(&toks("they gave money , which bought rifles"));
    assert_eq!(m[0].code, "070");
}

#[test]
fn malformed_lines_report_line_numbers() {
    let bad = "---  GIVE   [070]  ---\nGIVE\n- * (TO REBELS [072]\n";
    match VerbDict::parse(bad, "user.txt") {
        Err(KbError::Parse { file, line, msg }) => {
            assert_eq!((file.as_str(), line), ("user.txt", 3));
            assert!(msg.contains("unclosed"), "{msg}");
        }
        other => panic!("expected parse error, got {other:?}"),
    }
    for (text, line) in [
        ("---  GIVE   [070]  ---\nGIVE\n\n- TO REBELS [072]\n", 4),
        ("---  GIVE   [070]  ---\nGIVE\n- * REBELS [7x]\n", 3),
        ("---  GIVE   [070]  ---\nGIVE\n- * REBELS\n", 3),
        ("- * REBELS [072]\n", 1),
        ("&ARMS\nRIFLE\n", 2),
        ("---  GIVE  ---\n", 1),
    ] {
        match VerbDict::parse(text, "u.txt") {
            Err(KbError::Parse { line: l, .. }) => assert_eq!(l, line, "{text}"),
            other => panic!("{text}: expected error, got {other:?}"),
        }
    }
    // An undefined synonym set skips the pattern with a warning.
    let d = VerbDict::parse("---  GIVE [070] ---\nGIVE\n- * &NOPE [072]\n", "u.txt").unwrap();
    assert_eq!(d.warnings().len(), 1);
    assert!(d.warnings()[0].contains("u.txt:3"));
}

#[test]
fn user_dictionary_merges_and_overrides() {
    let mut d = VerbDict::parse(TOY, "toy.txt").unwrap();
    let user = VerbDict::parse(
        "---  JAIL [173] ---\nDETAIN\n- * (FOR LIFE) [1724]\n---  PRAISE [051] ---\nLAUD\n",
        "user.txt",
    )
    .unwrap();
    d.merge(user);
    assert_eq!(d.stats().0, 3);
    assert_eq!(d.default_code("detained"), Some(("173".into(), None)));
    assert_eq!(d.default_code("lauds"), Some(("051".into(), None)));
    // Equal specificity: the later dictionary's pattern wins.
    let m = d.find_triggers(&toks("courts jailed him for life"));
    assert_eq!(m[0].code, "1724");
    // load_str sees the sets already loaded, and can re-code a verb.
    d.load_str(
        "---  GIVE [070] ---\nDONATE [071]\n- * &ARMS (TO ARMY) [0332]\n",
        "more.txt",
    )
    .unwrap();
    assert_eq!(d.default_code("donated"), Some(("071".into(), None)));
    let m = d.find_triggers(&toks("they donated rifles to the army"));
    assert_eq!(m[0].code, "0332");
    // In a supplement, a pattern repeated later in the same text replaces
    // the earlier one (a later section re-codes it on purpose).
    d.load_str(
        "---  JAIL [173] ---\n- * (FOR YEARS) [1724]\n---  JAIL [173] ---\n- * (FOR YEARS) [116]\n",
        "supplement.txt",
    )
    .unwrap();
    let m = d.find_triggers(&toks("courts jailed him for years"));
    assert_eq!(m[0].code, "116");
}

#[test]
fn from_file_reads_and_reports_io_errors() {
    let dir = std::env::temp_dir().join(format!("dyad-kb-verbs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("mine.verbs.txt");
    std::fs::write(&p, TOY).unwrap();
    let d = VerbDict::from_file(&p).unwrap();
    assert!(d.is_verb_form("imprisoned"));
    std::fs::write(&p, "---  X [010] ---\nX\n- * Y [0x1]\n").unwrap();
    let e = VerbDict::from_file(&p).unwrap_err();
    assert!(e.to_string().contains(":3:"), "{e}");
    std::fs::remove_dir_all(&dir).ok();
    assert!(matches!(
        VerbDict::from_file(&dir.join("missing.txt")),
        Err(KbError::Io { .. })
    ));
}

#[test]
fn embedded_dictionary_loads() {
    let d = dict();
    let (blocks, verbs, pats, _) = d.stats();
    assert!(
        blocks > 390 && verbs > 1800 && pats > 4700,
        "{:?}",
        d.stats()
    );
    assert_eq!(d.lemma_of("held"), Some("hold"));
    assert_eq!(d.lemma_of("met"), Some("meet"));
    assert_eq!(d.lemma_of("visiting"), Some("visit"));
    assert!(d.is_verb_form("arrested"));
    assert!(!d.is_verb_form("the"));
}

#[test]
fn news_constructions() {
    let cases = [
        (
            "the premier held talks with the kenyan delegation",
            "held",
            "046",
        ),
        (
            "the chancellor held a phone call with her counterpart",
            "held",
            "041",
        ),
        (
            "peru 's president visited chile on tuesday",
            "visited",
            "042",
        ),
        ("vietnam hosted the thai foreign minister", "hosted", "043"),
        ("police arrested four students in lagos", "arrested", "173"),
        (
            "the bloc imposed sanctions on three banks",
            "imposed",
            "163",
        ),
        (
            "activists accused the ministry of corruption",
            "accused",
            "112",
        ),
        ("the envoy paid a visit to the refugee camp", "paid", "042"),
        (
            "the navy launched airstrikes on the coast",
            "launched",
            "195",
        ),
        (
            "ottawa expressed concern about the verdict",
            "expressed",
            "012",
        ),
        (
            "the two parties signed an agreement in doha",
            "signed",
            "057",
        ),
        ("the rebels released twelve prisoners", "released", "0841"),
        ("the junta rejected the proposal", "rejected", "120"),
        ("the council condemned the bombing", "condemned", "111"),
        ("the teachers threatened to strike", "threatened", "133"),
        ("the un urged both sides to show restraint", "urged", "0256"),
        ("the treasury sanctioned two firms", "sanctioned", "163"),
        ("the pair negotiated a truce", "negotiated", "046"),
        ("the envoy mediated between the factions", "mediated", "045"),
        (
            "the general deployed troops to the border",
            "deployed",
            "154",
        ),
        (
            "the government withdrew its troops from the valley",
            "withdrew",
            "0874",
        ),
        ("the bank donated food to the shelters", "donated", "073"),
        ("the minister praised the workers", "praised", "051"),
        (
            "the monarch apologized to the families",
            "apologized",
            "055",
        ),
        ("the mayor resigned", "resigned", "083"),
        ("the army mobilized reservists", "mobilized", "154"),
        ("insurgents attacked a checkpoint", "attacked", "190"),
        ("the ministry expelled three diplomats", "expelled", "161"),
        ("the senate investigated the deal", "investigated", "090"),
        ("the minister asked for help", "asked", "020"),
        ("the regime banned the newspaper", "banned", "1721"),
        ("the coalition carried out airstrikes", "carried", "195"),
        ("the navy blockaded the harbour", "blockaded", "191"),
        ("the president vetoed the bill", "vetoed", "129"),
        ("tanks invaded the province", "invaded", "192"),
        ("the two leaders spoke by phone", "spoke", "041"),
        ("the bishop welcomed the pope", "welcomed", "051"),
    ];
    let mut bad = Vec::new();
    for (s, head, code) in cases {
        match trig(s, head) {
            Some(m) if m.code == code => {}
            other => bad.push(format!(
                "{s:?}: want {code}, got {:?}",
                other.map(|m| m.code)
            )),
        }
    }
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn visit_and_host_have_reverse_codes() {
    let m = trig("peru 's president visited chile", "visited").unwrap();
    assert_eq!(m.reverse_code.as_deref(), Some("043"));
    let m = trig("vietnam hosted thailand 's president", "hosted").unwrap();
    assert_eq!(m.reverse_code.as_deref(), Some("042"));
}

#[test]
fn light_verb_noun_is_consumed() {
    let t = toks("the premier held talks with the kenyan delegation");
    let m = dict().find_triggers(&t);
    assert_eq!(m.len(), 1, "{m:?}");
    assert_eq!(m[0].tokens, vec![2, 3]);
    assert_eq!(m[0].lemma, "hold");
    assert_eq!(m[0].reverse_code.as_deref(), Some("046"));
}

#[test]
fn sentence_without_triggers() {
    assert!(dict().find_triggers(&[]).is_empty());
    assert!(dict().find_triggers(&toks("the blue sky")).is_empty());
}

/// Triggers of a sentence, cased: tokens keep their case, norms are lowercased.
fn cased(sentence: &str) -> Vec<(String, String)> {
    let lower = sentence.to_lowercase();
    let t: Vec<&str> = lower.split(' ').collect();
    let caps: Vec<bool> = sentence
        .split(' ')
        .map(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    dict()
        .find_triggers_cased(&t, &caps)
        .into_iter()
        .map(|m| (t[m.head].to_string(), m.code))
        .collect()
}

fn code_of(sentence: &str, head_word: &str) -> Option<String> {
    trig(sentence, head_word).map(|m| m.code)
}

#[test]
fn engage_codes_only_its_event_senses() {
    let s = "the two ministers engaged in frank exchanges of views on trade";
    assert_eq!(code_of(s, "engaged"), Some("040".into()));
    assert_eq!(
        code_of("rebels engaged in heavy fighting near the dam", "engaged"),
        Some("190".into())
    );
    assert_eq!(
        code_of("the parties engaged in talks on the border", "engaged"),
        Some("046".into())
    );
    assert_eq!(
        code_of("the campaign engaged young voters", "engaged"),
        None
    );
}

#[test]
fn give_and_provide_need_an_aid_object() {
    assert_eq!(
        code_of(
            "the plan provides a useful framework for reform",
            "provides"
        ),
        None
    );
    assert_eq!(code_of("the issues were discussed", "issues"), None);
    assert_eq!(
        code_of("norway provided humanitarian aid to sudan", "provided"),
        Some("073".into())
    );
    assert_eq!(
        code_of("the emirates supplied weapons to the militia", "supplied"),
        Some("072".into())
    );
}

#[test]
fn everyday_verbs_code_nothing() {
    for (s, w) in [
        ("officials are thinking about new rules", "thinking"),
        ("the move signals a shift in policy", "signals"),
        (
            "it is vital for safeguarding peace in the region",
            "safeguarding",
        ),
        ("the panel found that costs rose", "found"),
        ("the vote will take place on friday", "take"),
        ("heads of state gathered in lima", "heads"),
        ("several studies show the effect", "studies"),
        ("the talks led to a deal", "led"),
        ("the armed groups left the town", "armed"),
        ("the envoy recognized the importance of trade", "recognized"),
        ("they will need more time", "need"),
        ("in order to reduce costs", "order"),
        ("the country faces a recession", "faces"),
    ] {
        assert_eq!(code_of(s, w), None, "{s}");
    }
}

#[test]
fn strong_verbs_keep_their_defaults() {
    for (s, w, c) in [
        ("gunmen attacked a convoy near kandahar", "attacked", "190"),
        ("police arrested two activists in minsk", "arrested", "173"),
        ("the king visited ottawa", "visited", "042"),
        ("the envoy met the foreign minister", "met", "040"),
        ("peru expelled the diplomat", "expelled", "161"),
        ("the senator condemned the raid", "condemned", "111"),
        ("the army captured the town", "captured", "192"),
        (
            "the coalition partner withdrew yesterday",
            "withdrew",
            "080",
        ),
        ("the union praised the ruling", "praised", "051"),
        ("rebels stormed the building", "stormed", "190"),
        ("militants pounded the village", "pounded", "190"),
    ] {
        assert_eq!(code_of(s, w), Some(c.to_string()), "{s}");
    }
}

#[test]
fn month_march_is_not_a_protest() {
    assert_eq!(code_of("the vote was held in march", "march"), None);
    assert_eq!(
        code_of("farmers march on the capital", "march"),
        Some("140".into())
    );
}

#[test]
fn pattern_words_do_not_cross_prepositions() {
    // `- * &CURRENCY [071]` must not reach "dong" past "for".
    let s = "the ruling provides a clear basis for dong 's appeal";
    assert_eq!(code_of(s, "provides"), None);
    // A direct object still matches.
    assert_eq!(
        code_of("the bank lent dollars to the utility", "lent"),
        Some("071".into())
    );
}

#[test]
fn cased_matching_treats_capitalised_words_as_names() {
    // A currency word that is a surname does not complete a pattern.
    assert!(cased("Japan will grant Rand a visa")
        .iter()
        .all(|(_, c)| c != "071"));
    assert!(cased("Japan will grant rand to the fund")
        .iter()
        .any(|(h, c)| h == "grant" && c == "071"));
    // Uncased matching is unchanged.
    let t = toks("japan will grant rand a visa");
    assert!(dict().find_triggers(&t).iter().any(|m| m.code == "071"));
    // A capitalised head inside a sentence is a name, not a verb.
    assert!(cased("They met Governor Hunt in Perth")
        .iter()
        .all(|(h, _)| h != "hunt"));
    // Sentence-initial capitals and headlines still code.
    assert!(cased("Attacked convoys burned near Herat")
        .iter()
        .any(|(h, _)| h == "attacked"));
    assert!(cased("Rebels Attack Army Base Near Border")
        .iter()
        .any(|(h, c)| h == "attack" && c == "190"));
    // Institutions listed in &PROPER_NOUNS still match capitalised.
    assert!(cased("the minister met the Security Council")
        .iter()
        .any(|(h, _)| h == "met"));
}

#[test]
fn later_header_sets_block_default() {
    let mut d = VerbDict::parse(TOY, "toy.txt").unwrap();
    d.load_str("---  GIVE   [---]  ---\nDONATE [073]\n", "more.txt")
        .unwrap();
    assert_eq!(d.default_code("gave"), None);
    assert_eq!(d.default_code("donated"), Some(("073".into(), None)));
    let m = d.find_triggers(&toks("they gave rifles to the militia"));
    assert_eq!(m[0].code, "072");
}

#[test]
fn plover_agree_offer_families() {
    let s = "chile and peru agreed on friday to extend the fishing accord";
    assert_eq!(code_of(s, "agreed").as_deref(), Some("030"));
    let s = "brazil offered to host the next round of climate talks";
    assert_eq!(code_of(s, "offered").as_deref(), Some("030"));
    let s = "the minister offered condolences to the victims ' families";
    assert_eq!(code_of(s, "offered"), None);
}

#[test]
fn plover_consult_support_concede_families() {
    let s = "the emir received a delegation from the african union";
    let m = trig(s, "received").unwrap();
    assert_eq!(
        (m.code.as_str(), m.reverse_code.as_deref()),
        ("043", Some("042"))
    );
    let s = "slovenia recognised a palestinian state on tuesday";
    assert_eq!(code_of(s, "recognised").as_deref(), Some("054"));
    let s = "fiji established diplomatic relations with kosovo";
    assert_eq!(code_of(s, "established").as_deref(), Some("050"));
    let s = "the senate ratified the defence treaty with japan";
    assert_eq!(code_of(s, "ratified").as_deref(), Some("057"));
    let s = "the governor commuted the sentences of four inmates";
    assert_eq!(code_of(s, "commuted").as_deref(), Some("080"));
    let s = "the rebels declared a unilateral ceasefire";
    assert_eq!(code_of(s, "declared").as_deref(), Some("080"));
    let s = "the assembly passed an amnesty law for former fighters";
    assert_eq!(code_of(s, "passed").as_deref(), Some("081"));
}

#[test]
fn plover_cooperate_aid_families() {
    for (s, h) in [
        (
            "thai and malaysian police launched joint patrols along the border",
            "launched",
        ),
        (
            "the two navies conducted joint exercises in the gulf",
            "conducted",
        ),
        (
            "japan and india staged combined drills off okinawa",
            "staged",
        ),
        ("marines took part in joint training in the desert", "took"),
    ] {
        assert_eq!(code_of(s, h).as_deref(), Some("062"), "{s}");
    }
    let s = "dutch police shared intelligence with belgian investigators";
    assert_eq!(code_of(s, "shared").as_deref(), Some("064"));
    let s = "spanish police handed the suspect over to italian authorities";
    assert_eq!(code_of(s, "handed").as_deref(), Some("063"));
    let s = "unicef delivered medical supplies to clinics in kandahar";
    assert_eq!(code_of(s, "delivered").as_deref(), Some("073"));
    let s = "the imf disbursed 800 million dollars to sri lanka";
    assert_eq!(code_of(s, "disbursed").as_deref(), Some("071"));
    let s = "qatar deposited two billion dollars with the central bank";
    assert_eq!(code_of(s, "deposited").as_deref(), Some("071"));
}

#[test]
fn plover_retreat_request_accuse_families() {
    let s = "myanmar allowed un inspectors to return";
    assert_eq!(code_of(s, "allowed").as_deref(), Some("0862"));
    let s = "the finance minister resigned on monday";
    assert_eq!(code_of(s, "resigned").as_deref(), Some("0831"));
    let s = "parliament summoned the central bank governor";
    assert_eq!(code_of(s, "summoned").as_deref(), Some("020"));
    let s = "ghana urged togo to reopen the border";
    assert_eq!(code_of(s, "urged").as_deref(), Some("020"));
    let s = "prosecutors charged the former mayor with bribery";
    assert_eq!(code_of(s, "charged").as_deref(), Some("1121"));
    let s = "a court convicted the former governor of fraud";
    assert_eq!(code_of(s, "convicted").as_deref(), Some("116"));
}

#[test]
fn plover_reject_threaten_sanction_families() {
    let s = "hungary refused to sign the declaration";
    assert_eq!(code_of(s, "refused").as_deref(), Some("120"));
    let s = "israel barred the un envoy from entering the country";
    assert_eq!(code_of(s, "barred").as_deref(), Some("1245"));
    let s = "a judge issued an arrest warrant for the former minister";
    assert_eq!(code_of(s, "issued").as_deref(), Some("130"));
    let s = "dock workers threatened a strike over pay";
    assert_eq!(code_of(s, "threatened").as_deref(), Some("133"));
    let s = "the commonwealth suspended fiji from its councils";
    assert_eq!(code_of(s, "suspended").as_deref(), Some("166"));
    let s = "the bank suspended lending to zimbabwe";
    assert_eq!(code_of(s, "suspended").as_deref(), Some("1621"));
    let s = "russia halted imports of moldovan wine";
    assert_eq!(code_of(s, "halted").as_deref(), Some("163"));
}

#[test]
fn plover_mobilize_coerce_protest_families() {
    for (s, h) in [
        ("turkey deployed troops to the syrian border", "deployed"),
        ("rebels massed fighters near the airport", "massed"),
        ("greece moved tanks to the evros region", "moved"),
    ] {
        assert_eq!(code_of(s, h).as_deref(), Some("154"), "{s}");
    }
    let s = "japan scrambled jets to intercept russian bombers";
    assert_eq!(code_of(s, "scrambled").as_deref(), Some("152"));
    let s = "russian forces launched a missile strike";
    assert_eq!(trig(s, "forces"), None);
    let s = "police raided the offices of an opposition party";
    assert_eq!(code_of(s, "raided").as_deref(), Some("171"));
    let s = "authorities shut down the internet in the region";
    assert_eq!(code_of(s, "shut").as_deref(), Some("1721"));
    let s = "the junta banned opposition rallies";
    assert_eq!(code_of(s, "banned").as_deref(), Some("1721"));
    let s = "farmers blocked roads with tractors";
    assert_eq!(code_of(s, "blocked").as_deref(), Some("144"));
    let s = "police blocked roads into the capital";
    assert_eq!(code_of(s, "blocked").as_deref(), Some("172"));
    let s = "thousands of nurses rallied outside parliament";
    assert!(code_of(s, "rallied").is_some_and(|c| c.starts_with("14")));
    let s = "stocks rallied on friday";
    assert_eq!(code_of(s, "rallied"), None);
}

#[test]
fn a_to_phrase_is_no_infinitive() {
    // "(TO)" in "- * (TO) [043:042] # WELCOME" is a prepositional phrase:
    // "praised efforts to stabilise" is praise (051), not a hosted visit.
    let s = "brazil praised chile 's efforts to stabilise its currency";
    assert_eq!(code_of(s, "praised").as_deref(), Some("051"));
    let s = "the king welcomed the president to the palace";
    assert_eq!(code_of(s, "welcomed").as_deref(), Some("043"));
    // A bare "TO" (no parentheses) still reads an infinitive: "offered to".
    let s = "kenya offered to lead the mission";
    assert_eq!(code_of(s, "offered").as_deref(), Some("030"));
}

#[test]
fn a_pattern_noun_before_a_people_noun_only_modifies_it() {
    // "detained aid workers" detains people; it stops no aid (162).
    let s = "authorities detained two aid workers";
    assert_eq!(code_of(s, "detained").as_deref(), Some("173"));
    let s = "the government withheld aid from the region";
    assert_eq!(code_of(s, "withheld").as_deref(), Some("162"));
}

#[test]
fn access_sales_returns_and_handovers() {
    let s = "the junta allowed aid workers into the state";
    assert_eq!(code_of(s, "allowed").as_deref(), Some("0863"));
    let s = "spain sold submarines to peru";
    assert_eq!(code_of(s, "sold").as_deref(), Some("062"));
    let s = "moscow returned 20 soldiers in a swap";
    assert_eq!(code_of(s, "returned").as_deref(), Some("0841"));
    let s = "iraq handed over a dissident to iran";
    assert_eq!(code_of(s, "handed").as_deref(), Some("063"));
    let s = "ottawa suspended arms exports to riyadh";
    assert_eq!(code_of(s, "suspended").as_deref(), Some("1622"));
    let s = "the two countries resumed intelligence sharing";
    assert_eq!(code_of(s, "resumed").as_deref(), Some("064"));
}

#[test]
fn joint_bodies_war_crimes_and_raids_on_buildings() {
    let s = "kenya and somalia set up a joint task force";
    assert_eq!(code_of(s, "set").as_deref(), Some("060"));
    let s = "peru and chile launched a joint commission on water";
    assert_eq!(code_of(s, "launched").as_deref(), Some("060"));
    let s = "the minister called the shelling a war crime";
    assert_eq!(code_of(s, "called").as_deref(), Some("1125"));
    let s = "soldiers raided a mosque in the old city";
    assert_eq!(code_of(s, "raided").as_deref(), Some("171"));
    let s = "gunmen raided a village";
    assert_eq!(code_of(s, "raided").as_deref(), Some("190"));
}
