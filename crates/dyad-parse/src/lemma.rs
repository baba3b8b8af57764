//! Lemmatiser: a (form, XPOS) → lemma table learned from the treebank, with
//! learned suffix-rewrite rules (keyed by XPOS and word ending) for unseen words.

use crate::binio::{Reader, Writer};
use crate::conllu::Sentence;
use crate::hash::{hash_str, mix, BuildId};
use anyhow::Result;
use std::collections::HashMap;

const MAX_SUFFIX: usize = 5;

/// A learned lemmatiser.
#[derive(Default)]
pub struct Lemmatizer {
    table: HashMap<u64, String, BuildId>,
    rules: HashMap<u64, (u8, String), BuildId>,
}

fn key(form: &str, xpos: &str) -> u64 {
    mix(hash_str(form), hash_str(xpos))
}

fn rule_key(xpos: &str, suffix: &str) -> u64 {
    rule_key_h(hash_str(xpos), suffix)
}

/// [`rule_key`] from the hash of the XPOS.
fn rule_key_h(xpos_hash: u64, suffix: &str) -> u64 {
    mix(xpos_hash, mix(hash_str(suffix), 0x5f))
}

/// The rewrite (chars to cut from the end, string to append) turning `form` into `lemma`.
fn rewrite(form: &str, lemma: &str) -> (usize, String) {
    let f: Vec<char> = form.chars().collect();
    let l: Vec<char> = lemma.chars().collect();
    let p = f.iter().zip(&l).take_while(|(a, b)| a == b).count();
    (f.len() - p, l[p..].iter().collect())
}

impl Lemmatizer {
    /// Learns the table and the rules from gold sentences.
    pub fn train(sents: &[Sentence]) -> Lemmatizer {
        let mut table_counts: HashMap<(String, String), HashMap<String, u32>> = HashMap::new();
        let mut rule_counts: HashMap<(String, String), HashMap<(usize, String), u32>> =
            HashMap::new();
        for s in sents {
            for t in &s.tokens {
                *table_counts
                    .entry((t.form.clone(), t.xpos.clone()))
                    .or_default()
                    .entry(t.lemma.clone())
                    .or_default() += 1;
                let lower = t.form.to_lowercase();
                let r = rewrite(&lower, &t.lemma.to_lowercase());
                let chars: Vec<char> = lower.chars().collect();
                for k in 0..=MAX_SUFFIX.min(chars.len()) {
                    let suf: String = chars[chars.len() - k..].iter().collect();
                    *rule_counts
                        .entry((t.xpos.clone(), suf))
                        .or_default()
                        .entry(r.clone())
                        .or_default() += 1;
                }
            }
        }
        let mut table = HashMap::default();
        for ((form, xpos), c) in table_counts {
            if let Some((lemma, _)) = c
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            {
                table.insert(key(&form, &xpos), lemma);
            }
        }
        let mut rules = HashMap::default();
        for ((xpos, suf), c) in rule_counts {
            if let Some(((cut, add), _)) = c
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            {
                if cut < 256 {
                    rules.insert(rule_key(&xpos, &suf), (cut as u8, add));
                }
            }
        }
        Lemmatizer { table, rules }
    }

    /// Lemma of `form` tagged `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        if let Some(l) = self.table.get(&key(form, xpos)) {
            return l.clone();
        }
        let lower = form.to_lowercase();
        if let Some(l) = self.table.get(&key(&lower, xpos)) {
            return l.clone();
        }
        let proper = xpos.starts_with("NNP");
        let base: &str = if proper { form } else { &lower };
        let base_chars = base.chars().count();
        // Byte offsets where the last 0..=MAX_SUFFIX characters of `lower` start.
        let mut starts = [lower.len(); MAX_SUFFIX + 1];
        let mut m = 0;
        for (k, (b, _)) in lower.char_indices().rev().take(MAX_SUFFIX).enumerate() {
            starts[k + 1] = b;
            m = k + 1;
        }
        let xh = hash_str(xpos);
        for k in (0..=m).rev() {
            let suf = &lower[starts[k]..];
            if let Some((cut, add)) = self.rules.get(&rule_key_h(xh, suf)) {
                let cut = *cut as usize;
                if cut < base_chars || (cut == base_chars && !add.is_empty()) {
                    let end = if cut == 0 {
                        base.len()
                    } else {
                        base.char_indices().rev().nth(cut - 1).map_or(0, |x| x.0)
                    };
                    let mut s = String::with_capacity(end + add.len());
                    s.push_str(&base[..end]);
                    s.push_str(add);
                    return s;
                }
            }
        }
        base.to_string()
    }

    /// Serialises the lemmatiser.
    pub fn write(&self, w: &mut Writer) {
        let mut t: Vec<(&u64, &String)> = self.table.iter().collect();
        t.sort_unstable();
        w.u32(t.len() as u32);
        for (k, v) in t {
            w.buf.extend_from_slice(&k.to_le_bytes());
            w.str(v);
        }
        let mut r: Vec<(&u64, &(u8, String))> = self.rules.iter().collect();
        r.sort_unstable();
        w.u32(r.len() as u32);
        for (k, (c, a)) in r {
            w.buf.extend_from_slice(&k.to_le_bytes());
            w.u8(*c);
            w.str(a);
        }
    }

    /// Reads a lemmatiser written by [`Lemmatizer::write`].
    pub fn read(r: &mut Reader) -> Result<Lemmatizer> {
        let mut out = Lemmatizer::default();
        let n = r.u32()?;
        for _ in 0..n {
            let k = u64::from(r.u32()?) | (u64::from(r.u32()?) << 32);
            out.table.insert(k, r.str()?);
        }
        let n = r.u32()?;
        for _ in 0..n {
            let k = u64::from(r.u32()?) | (u64::from(r.u32()?) << 32);
            let c = r.u8()?;
            out.rules.insert(k, (c, r.str()?));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrite_rules() {
        assert_eq!(rewrite("studies", "study"), (3, "y".to_string()));
        assert_eq!(rewrite("went", "go"), (4, "go".to_string()));
        assert_eq!(rewrite("dogs", "dog"), (1, String::new()));
    }
}
