//! Regular English verb inflection (-s, -ed, -ing) and noun plurals for the
//! verb dictionary, used when a dictionary entry lists no explicit forms.

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_consonant(b: u8) -> bool {
    b.is_ascii_alphabetic() && !is_vowel(b)
}

/// Number of vowel groups, a rough syllable count ("visit" 2, "ban" 1).
fn vowel_groups(w: &[u8]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for &b in w {
        let v = is_vowel(b);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// Whether the final consonant doubles before -ed/-ing ("ban" → "banned",
/// "admit" → "admitted", but "visit" → "visited", "jail" → "jailed").
fn doubles_final(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    if n < 3 {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    // "qu" acts as a consonant: "quit" → "quitting".
    if n == 4 && b.starts_with(b"qu") && is_vowel(v) && is_consonant(c2) {
        return !matches!(c2, b'w' | b'x' | b'y');
    }
    if !(is_consonant(c1) && is_vowel(v) && is_consonant(c2)) || matches!(c2, b'w' | b'x' | b'y') {
        return false;
    }
    if vowel_groups(b) == 1 {
        return true;
    }
    // Final-stress endings of common longer verbs.
    const STRESSED: [&str; 6] = ["mit", "pel", "cur", "trol", "gret", "bed"];
    if STRESSED.iter().any(|s| w.ends_with(s)) {
        return true;
    }
    ["refer", "confer", "defer", "infer", "prefer", "transfer"].contains(&w)
}

/// Third person singular: "ban" → "bans", "push" → "pushes", "deny" → "denies".
pub fn third_person(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && is_consonant(b[n - 2]) {
        return format!("{}ies", &w[..n - 1]);
    }
    if ["s", "x", "z", "ch", "sh"].iter().any(|s| w.ends_with(s))
        || (n >= 2 && b[n - 1] == b'o' && is_consonant(b[n - 2]))
    {
        return format!("{w}es");
    }
    format!("{w}s")
}

/// Past tense / participle: "free" → "freed", "deny" → "denied", "ban" → "banned".
pub fn past(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if n >= 1 && b[n - 1] == b'e' {
        return format!("{w}d");
    }
    if n >= 2 && b[n - 1] == b'y' && is_consonant(b[n - 2]) {
        return format!("{}ied", &w[..n - 1]);
    }
    if doubles_final(w) {
        return format!("{w}{}ed", &w[n - 1..]);
    }
    format!("{w}ed")
}

/// Present participle: "seize" → "seizing", "tie" → "tying", "ban" → "banning",
/// "free" → "freeing".
pub fn gerund(w: &str) -> String {
    let n = w.len();
    if w.ends_with("ie") && n > 2 {
        return format!("{}ying", &w[..n - 2]);
    }
    if w.ends_with('e') && n > 2 && !w.ends_with("ee") && !w.ends_with("oe") && !w.ends_with("ye") {
        return format!("{}ing", &w[..n - 1]);
    }
    if doubles_final(w) {
        return format!("{w}{}ing", &w[n - 1..]);
    }
    format!("{w}ing")
}

/// The three regular inflections of a verb, in the order -s, -ed, -ing.
pub fn regular_forms(w: &str) -> [String; 3] {
    [third_person(w), past(w), gerund(w)]
}

/// British spellings that double a final "l" after one vowel
/// ("travel" → "travelled", "travelling"; "cancel" → "cancelled").
pub fn british_forms(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    let single_vowel_l = n >= 4
        && b[n - 1] == b'l'
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
        && !w.ends_with("eel")
        && !w.ends_with("ail");
    if single_vowel_l {
        vec![format!("{w}led"), format!("{w}ling")]
    } else {
        Vec::new()
    }
}

/// Regular noun plural as PETRARCH makes it for synonym-set members
/// ("army" → "armies", "bus" → "buses", "tank" → "tanks").
pub fn plural(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && is_consonant(b[n - 2]) {
        return format!("{}ies", &w[..n - 1]);
    }
    if ["s", "x", "z", "ch", "sh"].iter().any(|s| w.ends_with(s)) {
        return format!("{w}es");
    }
    format!("{w}s")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verb_forms() {
        assert_eq!(regular_forms("visit"), ["visits", "visited", "visiting"]);
        assert_eq!(regular_forms("ban"), ["bans", "banned", "banning"]);
        assert_eq!(regular_forms("deny"), ["denies", "denied", "denying"]);
        assert_eq!(regular_forms("seize"), ["seizes", "seized", "seizing"]);
        assert_eq!(regular_forms("free"), ["frees", "freed", "freeing"]);
        assert_eq!(regular_forms("push"), ["pushes", "pushed", "pushing"]);
        assert_eq!(regular_forms("jail"), ["jails", "jailed", "jailing"]);
        assert_eq!(regular_forms("admit"), ["admits", "admitted", "admitting"]);
        assert_eq!(regular_forms("expel"), ["expels", "expelled", "expelling"]);
        assert_eq!(regular_forms("open"), ["opens", "opened", "opening"]);
        assert_eq!(regular_forms("stay"), ["stays", "stayed", "staying"]);
        assert_eq!(regular_forms("tie"), ["ties", "tied", "tying"]);
        assert_eq!(regular_forms("veto"), ["vetoes", "vetoed", "vetoing"]);
        assert_eq!(regular_forms("quit"), ["quits", "quitted", "quitting"]);
        assert_eq!(regular_forms("fix"), ["fixes", "fixed", "fixing"]);
        assert_eq!(
            regular_forms("respond"),
            ["responds", "responded", "responding"]
        );
        assert_eq!(regular_forms("transfer")[1], "transferred");
        assert_eq!(regular_forms("offer")[1], "offered");
    }

    #[test]
    fn british_doubled_l() {
        assert_eq!(british_forms("travel"), ["travelled", "travelling"]);
        assert_eq!(british_forms("cancel"), ["cancelled", "cancelling"]);
        assert!(british_forms("appeal").is_empty());
        assert!(british_forms("kill").is_empty());
    }

    #[test]
    fn plurals() {
        assert_eq!(plural("army"), "armies");
        assert_eq!(plural("bus"), "buses");
        assert_eq!(plural("tank"), "tanks");
        assert_eq!(plural("day"), "days");
    }
}
