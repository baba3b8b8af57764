//! Closed-class English words the rules need: determiners, pronouns,
//! prepositions, reporting verbs, modal and negation cues, organisation head
//! nouns and news outlets. General English, not tied to any text.

pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "some"
            | "several"
            | "many"
            | "both"
            | "all"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "other"
            | "another"
            | "each"
            | "every"
            | "no"
    )
}

pub fn is_number_word(w: &str) -> bool {
    matches!(
        w,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "ten"
            | "dozens"
            | "hundreds"
            | "thousands"
            | "dozen"
            | "hundred"
            | "thousand"
            | "millions"
            | "scores"
    )
}

/// Pronoun kinds used by coreference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    /// he/him/his, she/her/hers
    Person,
    /// they/them/their
    Plural,
    /// it/its
    Thing,
}

pub fn pronoun(w: &str) -> Option<Pronoun> {
    match w {
        "he" | "him" | "his" | "she" | "her" | "hers" | "himself" | "herself" => {
            Some(Pronoun::Person)
        }
        "they" | "them" | "their" | "themselves" => Some(Pronoun::Plural),
        "it" | "its" | "itself" => Some(Pronoun::Thing),
        _ => None,
    }
}

pub fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "into"
            | "over"
            | "against"
            | "between"
            | "among"
            | "about"
            | "during"
            | "after"
            | "before"
            | "under"
            | "toward"
            | "towards"
            | "like"
            | "including"
            | "per"
            | "amid"
            | "across"
            | "through"
            | "via"
            | "than"
            | "as"
            | "upon"
            | "within"
            | "without"
            | "outside"
            | "inside"
            | "near"
            | "around"
            | "along"
            | "beyond"
            | "behind"
            | "despite"
            | "throughout"
            | "onto"
            | "beside"
            | "until"
            | "off"
            | "alongside"
    )
}

pub fn is_conjunction(w: &str) -> bool {
    matches!(w, "and" | "or" | "but" | "while" | "whereas" | "nor")
}

/// Words that open a subordinate clause; a subject does not reach back past them.
pub fn is_clause_opener(w: &str) -> bool {
    matches!(
        w,
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "because"
            | "although"
            | "though"
            | "if"
            | "when"
            | "where"
            | "while"
            | "since"
            | "after"
            | "before"
            | "as"
            | "so"
            | "but"
            | "unless"
            | "whether"
    )
}

/// Verbs of saying and reporting (all forms).
pub fn is_reporting_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "saying"
            | "told"
            | "tells"
            | "tell"
            | "telling"
            | "reported"
            | "reports"
            | "report"
            | "reporting"
            | "noted"
            | "notes"
            | "added"
            | "adds"
            | "adding"
            | "stated"
            | "states"
            | "explained"
            | "wrote"
            | "writes"
            | "argued"
            | "argues"
            | "believes"
            | "believed"
            | "commented"
            | "remarked"
            | "echoed"
            | "according"
            | "cited"
            | "citing"
            | "quoted"
            | "quoting"
            | "claimed"
            | "claims"
            | "insisted"
            | "warned"
            | "announced"
            | "stressed"
            | "emphasized"
            | "emphasised"
            | "suggested"
            | "observed"
            | "pointed"
            | "per"
    )
}

/// Auxiliaries and cues that put an event in the future.
pub fn is_future_cue(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "would"
            | "shall"
            | "'ll"
            | "plans"
            | "plan"
            | "planned"
            | "planning"
            | "intends"
            | "intend"
            | "scheduled"
            | "expected"
            | "set"
            | "going"
            | "due"
            | "aims"
            | "prepares"
            | "preparing"
            | "upcoming"
            | "hopes"
            | "wants"
            | "seeks"
            | "seeking"
            | "vowed"
            | "vows"
            | "pledged"
            | "promised"
            | "offered"
            | "proposed"
            | "agreed"
            | "decided"
            | "ready"
            | "willing"
    )
}

/// Cues of a hypothetical event.
pub fn is_hypothetical_cue(w: &str) -> bool {
    matches!(
        w,
        "could"
            | "might"
            | "may"
            | "if"
            | "unless"
            | "possible"
            | "possibly"
            | "perhaps"
            | "likely"
            | "unlikely"
            | "whether"
            | "should"
            | "must"
            | "can"
    )
}

pub fn is_negation(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "n't"
            | "never"
            | "no"
            | "without"
            | "neither"
            | "nor"
            | "refused"
            | "refuses"
            | "refuse"
            | "declined"
            | "declines"
            | "failed"
            | "fails"
            | "denied"
            | "denies"
            | "cancelled"
            | "canceled"
            | "postponed"
            | "rejected"
            | "ruled"
    )
}

/// Head nouns that make a capitalised name an organisation.
pub fn is_org_head(w: &str) -> bool {
    matches!(
        w,
        "university"
            | "ministry"
            | "department"
            | "school"
            | "college"
            | "institute"
            | "academy"
            | "council"
            | "committee"
            | "commission"
            | "party"
            | "agency"
            | "bank"
            | "company"
            | "corporation"
            | "corp"
            | "inc"
            | "ltd"
            | "group"
            | "association"
            | "union"
            | "organization"
            | "organisation"
            | "front"
            | "movement"
            | "army"
            | "navy"
            | "forces"
            | "force"
            | "guard"
            | "police"
            | "court"
            | "parliament"
            | "assembly"
            | "congress"
            | "senate"
            | "office"
            | "foundation"
            | "center"
            | "centre"
            | "times"
            | "post"
            | "news"
            | "daily"
            | "press"
            | "agency's"
            | "brigade"
            | "brigades"
            | "battalion"
            | "service"
            | "services"
            | "government"
            | "administration"
            | "federation"
            | "alliance"
            | "coalition"
            | "league"
            | "fund"
            | "authority"
            | "board"
            | "cabinet"
            | "secretariat"
            | "tribunal"
            | "network"
    )
}

/// News outlets and wire services: they report events, they are not actors in them.
pub fn is_outlet_name(name_lower: &str) -> bool {
    let n = name_lower.trim_start_matches("the ");
    matches!(
        n,
        "reuters"
            | "associated press"
            | "ap"
            | "afp"
            | "agence france-presse"
            | "agence france - presse"
            | "xinhua"
            | "xinhua news agency"
            | "global times"
            | "china daily"
            | "people's daily"
            | "people 's daily"
            | "tass"
            | "ria novosti"
            | "interfax"
            | "bbc"
            | "cnn"
            | "al jazeera"
            | "bloomberg"
            | "new york times"
            | "washington post"
            | "wall street journal"
            | "financial times"
            | "guardian"
            | "times"
            | "yonhap"
            | "kyodo"
            | "kyodo news"
            | "nhk"
            | "anadolu"
            | "anadolu agency"
            | "irna"
            | "fars"
            | "tasnim"
            | "kcna"
            | "sputnik"
            | "dpa"
            | "efe"
            | "ansa"
            | "le monde"
            | "der spiegel"
            | "south china morning post"
            | "scmp"
            | "cctv"
            | "cgtn"
            | "rt"
            | "fox news"
            | "nbc"
            | "abc"
            | "cbs"
            | "npr"
            | "politico"
            | "axios"
    )
}

/// Capitalised words that never start a name (sentence-initial function words and the like).
pub fn is_capitalized_function_word(w: &str) -> bool {
    is_determiner(w)
        || is_preposition(w)
        || is_conjunction(w)
        || pronoun(w).is_some()
        || is_clause_opener(w)
        || matches!(
            w,
            "i" | "we"
                | "you"
                | "there"
                | "here"
                | "it"
                | "in"
                | "also"
                | "meanwhile"
                | "however"
                | "moreover"
                | "furthermore"
                | "still"
                | "yet"
                | "then"
                | "now"
                | "today"
                | "yesterday"
                | "tomorrow"
                | "earlier"
                | "later"
                | "prior"
                | "citing"
                | "according"
                | "faced"
                | "facing"
                | "despite"
                | "experts"
                | "expert"
                | "officials"
                | "analysts"
                | "sources"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
                | "mr."
                | "mrs."
                | "ms."
                | "dr."
                | "photo"
                | "video"
                | "update"
                | "breaking"
                | "exclusive"
                | "opinion"
                | "analysis"
                | "editorial"
        )
        || dyad_kb::is_day_or_month(w)
}

/// Personal honorifics that precede a name.
pub fn is_honorific(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mr." | "mrs" | "mrs." | "ms" | "ms." | "dr" | "dr." | "sir" | "dame" | "lord"
    )
}

/// Nouns that stand for a party in a dyad ("the French side", "both sides").
pub fn is_side_noun(w: &str) -> bool {
    matches!(
        w,
        "side" | "sides" | "counterpart" | "counterparts" | "party" | "parties"
    )
}

/// Ships, aircraft and armour a military fields ("deployed warships").
pub fn is_military_hardware(w: &str) -> bool {
    matches!(
        w,
        "warship"
            | "warships"
            | "frigate"
            | "frigates"
            | "destroyer"
            | "destroyers"
            | "submarine"
            | "submarines"
            | "jets"
            | "warplanes"
            | "bombers"
            | "fighters"
            | "aircraft"
            | "tanks"
            | "vessels"
            | "battalions"
            | "brigades"
            | "divisions"
    )
}

/// Facilities and vehicles of a force ("army post", "police station").
pub fn is_facility_noun(w: &str) -> bool {
    matches!(
        w,
        "post"
            | "posts"
            | "outpost"
            | "outposts"
            | "base"
            | "bases"
            | "checkpoint"
            | "checkpoints"
            | "station"
            | "stations"
            | "barracks"
            | "camp"
            | "camps"
            | "convoy"
            | "convoys"
            | "headquarters"
            | "patrol"
            | "patrols"
            | "vehicle"
            | "vehicles"
            | "helicopter"
            | "helicopters"
    )
}

/// Words that refer back to two actors at once ("the two sides", "both countries").
pub fn is_reciprocal_head(w: &str) -> bool {
    matches!(
        w,
        "sides"
            | "countries"
            | "nations"
            | "states"
            | "governments"
            | "militaries"
            | "armies"
            | "ministers"
            | "leaders"
            | "parties"
            | "presidents"
            | "delegations"
            | "neighbours"
            | "neighbors"
            | "allies"
            | "two"
            | "both"
    )
}

/// Auxiliary and copular verbs.
pub fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "having"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "'s"
            | "'re"
            | "'ve"
            | "'d"
            | "'ll"
    )
}

/// Verbs that only introduce speech: never an event trigger themselves.
pub fn is_speech_only(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "saying"
            | "told"
            | "tells"
            | "tell"
            | "telling"
            | "according"
            | "citing"
            | "cited"
            | "adding"
            | "added"
            | "adds"
            | "noted"
            | "notes"
            | "noting"
            | "stated"
            | "states"
            | "reported"
            | "reports"
            | "reporting"
            | "echoed"
            | "quoted"
            | "quoting"
            | "wrote"
            | "writes"
            | "explained"
            | "remarked"
            | "commented"
            | "state"
    )
}

/// Heads of capitalised names that are not people: wars, regions, events, documents.
pub fn is_non_person_name_word(w: &str) -> bool {
    matches!(
        w,
        "war"
            | "wars"
            | "crisis"
            | "revolution"
            | "day"
            | "summit"
            | "conference"
            | "forum"
            | "games"
            | "cup"
            | "olympics"
            | "accord"
            | "accords"
            | "treaty"
            | "agreement"
            | "act"
            | "initiative"
            | "plan"
            | "strategy"
            | "program"
            | "programme"
            | "project"
            | "doctrine"
            | "festival"
            | "award"
            | "prize"
            | "index"
            | "region"
            | "sea"
            | "ocean"
            | "river"
            | "mountains"
            | "island"
            | "islands"
            | "province"
            | "peninsula"
            | "strait"
            | "east"
            | "west"
            | "north"
            | "south"
            | "pacific"
            | "atlantic"
            | "europe"
            | "asia"
            | "africa"
            | "african"
            | "asian"
            | "european"
            | "arab"
            | "latin"
            | "america"
            | "americas"
            | "gulf"
            | "balkans"
            | "caucasus"
            | "sahel"
            | "arctic"
            | "antarctica"
            | "eastern"
            | "western"
            | "northern"
            | "southern"
            | "central"
            | "middle"
            | "aggression"
            | "resistance"
            | "fascist"
            | "anti"
            | "covid"
            | "coronavirus"
            | "internet"
            | "god"
            | "christmas"
            | "ramadan"
            | "easter"
            | "valley"
            | "shoal"
            | "reef"
            | "atoll"
            | "cape"
            | "lake"
            | "mount"
            | "plateau"
            | "corridor"
            | "crossing"
            | "bay"
            | "coast"
            | "desert"
            | "canal"
            | "square"
            | "street"
            | "airport"
            | "stadium"
            | "palace"
            | "hall"
            | "house"
            | "tower"
            | "bridge"
            | "road"
            | "highway"
            | "hotel"
            | "hospital"
            | "city"
            | "county"
            | "district"
            | "territory"
            | "territories"
            | "zone"
            | "border"
            | "embassy"
            | "consulate"
    )
}

/// Verb particles: "call off", "hand over", "turn down".
pub fn is_particle(w: &str) -> bool {
    matches!(w, "off" | "up" | "out" | "down" | "back" | "over" | "away")
}

/// Weapon words the actor dictionary lets stand for the forces using them
/// ("Russian missiles hit …").
pub fn is_weapon_word(w: &str) -> bool {
    matches!(
        w,
        "missile"
            | "drone"
            | "tank"
            | "rocket"
            | "artillery"
            | "aircraft"
            | "warplane"
            | "helicopter"
            | "submarine"
            | "warship"
            | "gunship"
            | "bomber"
    )
}

/// Nouns a weapon word names the kind of ("missile launches", "drone
/// strikes", "tank crews"): the weapon word is then a modifier.
pub fn is_weapon_compound_head(w: &str) -> bool {
    matches!(
        w,
        "launch"
            | "launches"
            | "test"
            | "tests"
            | "strike"
            | "strikes"
            | "attack"
            | "attacks"
            | "system"
            | "systems"
            | "site"
            | "sites"
            | "program"
            | "programs"
            | "programme"
            | "programmes"
            | "parts"
            | "sales"
            | "exports"
            | "deal"
            | "deals"
            | "shipments"
            | "factory"
            | "factories"
            | "components"
            | "debris"
            | "fragments"
            | "defence"
            | "defense"
            | "defences"
            | "defenses"
            | "units"
            | "crews"
            | "batteries"
            | "stockpile"
            | "stockpiles"
            | "capabilities"
            | "technology"
            | "production"
            | "fire"
    )
}

/// Nouns whose "that" clause is hearsay, not told as fact ("reports that
/// …", "claims that …"), singular or plural.
pub fn is_hearsay_noun(w: &str) -> bool {
    matches!(
        w,
        "report"
            | "reports"
            | "claim"
            | "claims"
            | "rumour"
            | "rumours"
            | "rumor"
            | "rumors"
            | "allegation"
            | "allegations"
            | "suggestion"
            | "suggestions"
            | "speculation"
    )
}

/// Texts and media that are published or released (lemmas): "a statement
/// released by", "the letter was released".
pub fn is_published_text(lemma: &str) -> bool {
    matches!(
        lemma,
        "letter"
            | "statement"
            | "report"
            | "video"
            | "footage"
            | "figure"
            | "data"
            | "document"
            | "communique"
            | "recording"
            | "image"
            | "photo"
            | "result"
            | "transcript"
            | "list"
            | "text"
            | "book"
    )
}

/// Past tenses spelt like the base form ("Kenya cut ties", "soldiers beat
/// villagers"): a verb, not a noun, after a name or a plural agent.
pub fn is_bare_past(w: &str) -> bool {
    matches!(
        w,
        "put"
            | "cut"
            | "set"
            | "hit"
            | "let"
            | "shut"
            | "quit"
            | "spread"
            | "cast"
            | "bid"
            | "shed"
            | "split"
            | "burst"
            | "upset"
            | "beat"
            | "hurt"
    )
}
