//! Hierarchical word clusters learned from unlabelled text: distributional
//! context vectors split recursively by spherical 2-means, giving each word
//! a bit path whose prefixes serve as tagger and parser features (in the
//! manner of Brown clusters).

use crate::binio::{Reader, Writer};
use crate::hash::{hash_str, BuildId, Rng};
use anyhow::{bail, Result};
use std::collections::HashMap;

/// Word → cluster node. Nodes are numbered heap-style: the root is 1 and the
/// children of `k` are `2k` and `2k + 1`, so a node's depth is its bit length
/// minus one and its ancestors are its right shifts. 0 means "no cluster".
#[derive(Default, Clone)]
pub struct Clusters {
    words: Vec<(String, u16)>,
    map: HashMap<u64, u16, BuildId>,
}

/// Maximum depth of the cluster tree (paths of up to this many bits).
pub const MAX_DEPTH: u32 = 13;

impl Clusters {
    /// Cluster node of a (lower-cased) word hash, 0 when unknown.
    #[inline]
    pub fn node(&self, lower_hash: u64) -> u16 {
        self.map.get(&lower_hash).copied().unwrap_or(0)
    }

    /// The (word, node) pairs, sorted by word.
    pub fn entries(&self) -> &[(String, u16)] {
        &self.words
    }

    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when no word has a cluster.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn from_words(mut words: Vec<(String, u16)>) -> Clusters {
        words.sort();
        let map = words.iter().map(|(w, c)| (hash_str(w), *c)).collect();
        Clusters { words, map }
    }

    /// Serialises the clusters (sorted words, front-coded).
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.words.len() as u32);
        let mut prev: &str = "";
        for (word, c) in &self.words {
            let common = prev
                .bytes()
                .zip(word.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            let mut common = common.min(255);
            while !word.is_char_boundary(common) {
                common -= 1;
            }
            w.u8(common as u8);
            w.str(&word[common..]);
            w.varint(u64::from(*c));
            prev = word;
        }
    }

    /// Reads clusters written by [`Clusters::write`].
    pub fn read(r: &mut Reader) -> Result<Clusters> {
        let n = r.u32()? as usize;
        if n > 5_000_000 {
            bail!("implausible cluster count {n}");
        }
        let mut words = Vec::with_capacity(n);
        let mut prev = String::new();
        for _ in 0..n {
            let common = r.u8()? as usize;
            let rest = r.str()?;
            if common > prev.len() || !prev.is_char_boundary(common) {
                bail!("bad cluster word encoding");
            }
            let word = format!("{}{}", &prev[..common], rest);
            let c = r.varint()?;
            if c == 0 || c >= 1 << (MAX_DEPTH + 1) {
                bail!("bad cluster node {c}");
            }
            words.push((word.clone(), c as u16));
            prev = word;
        }
        Ok(Clusters::from_words(words))
    }
}

/// Prefix of length `k` bits of a cluster node (the node itself when shorter).
#[inline]
pub fn prefix(node: u16, k: u32) -> u64 {
    if node == 0 {
        return 0;
    }
    let depth = 15 - node.leading_zeros();
    if depth <= k {
        u64::from(node)
    } else {
        u64::from(node >> (depth - k))
    }
}

/// Splits raw text into lower-cased word tokens roughly following PTB/UD
/// conventions (punctuation separated, clitics `n't`, `'s`, `'re`, ... split).
pub fn tokenize(text: &str, out: &mut Vec<String>) {
    for raw in text.split_whitespace() {
        let raw = raw.to_lowercase();
        let mut s = raw.as_str();
        let mut tail: Vec<String> = Vec::new();
        while let Some(c) = s.chars().next() {
            if c.is_alphanumeric() || c == '$' || c == '#' || c == '@' {
                break;
            }
            out.push(c.to_string());
            s = &s[c.len_utf8()..];
        }
        while let Some(c) = s.chars().next_back() {
            if c.is_alphanumeric() || c == '%' {
                break;
            }
            tail.push(c.to_string());
            s = &s[..s.len() - c.len_utf8()];
        }
        let s = s.replace('’', "'");
        let mut word = s.as_str();
        let mut clitic = None;
        for cl in ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"] {
            if word.len() > cl.len() && word.ends_with(cl) {
                clitic = Some(cl);
                word = &word[..word.len() - cl.len()];
                break;
            }
        }
        if !word.is_empty() {
            out.push(word.to_string());
        }
        if let Some(cl) = clitic {
            out.push(cl.to_string());
        }
        out.extend(tail.into_iter().rev());
    }
}

/// Sparse vector: sorted (dimension, value) pairs, L2-normalised.
type SVec = Vec<(u32, f32)>;

/// Learns clusters for words seen at least `min_count` times in `sents`
/// (lower-cased token sequences). Context: the `n_ctx` most frequent words at
/// offsets −2, −1, +1, +2. Deterministic for a given `seed`.
pub fn train(sents: &[Vec<String>], min_count: u32, n_ctx: usize, seed: u64) -> Clusters {
    let mut freq: HashMap<&str, u32> = HashMap::new();
    for s in sents {
        for w in s {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(&str, u32)> = freq.iter().map(|(w, c)| (*w, *c)).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let ctx_ix: HashMap<&str, u32> = by_freq
        .iter()
        .take(n_ctx)
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32))
        .collect();
    let targets: Vec<(&str, u32)> = by_freq
        .iter()
        .copied()
        .filter(|x| x.1 >= min_count)
        .collect();
    let t_ix: HashMap<&str, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let nc = n_ctx as u32 + 1; // last slot: any rarer word
    let mut counts: Vec<HashMap<u32, f32, BuildId>> = vec![HashMap::default(); targets.len()];
    const OFFS: [(isize, f32, u32); 4] = [(-2, 0.5, 0), (-1, 1.0, 1), (1, 1.0, 2), (2, 0.5, 3)];
    for s in sents {
        for (i, w) in s.iter().enumerate() {
            let Some(&t) = t_ix.get(w.as_str()) else {
                continue;
            };
            for &(o, wt, slot) in &OFFS {
                let j = i as isize + o;
                let c = if j < 0 || j as usize >= s.len() {
                    n_ctx as u32 // boundary shares the "rare" slot
                } else {
                    ctx_ix
                        .get(s[j as usize].as_str())
                        .copied()
                        .unwrap_or(n_ctx as u32)
                };
                *counts[t].entry(slot * nc + c).or_default() += wt;
            }
        }
    }
    let dims = (4 * nc) as usize;
    let vecs: Vec<SVec> = counts
        .into_iter()
        .map(|m| {
            let mut v: SVec = m.into_iter().map(|(k, c)| (k, c.sqrt())).collect();
            v.sort_unstable_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|x| x.1 /= norm);
            v
        })
        .collect();
    let weight: Vec<f32> = targets
        .iter()
        .map(|(_, c)| (1.0 + *c as f32).ln())
        .collect();
    let mut node = vec![1u16; targets.len()];
    let mut rng = Rng::new(seed);
    let all: Vec<usize> = (0..targets.len()).collect();
    split(&vecs, &weight, all, 1, dims, &mut node, &mut rng);
    Clusters::from_words(
        targets
            .iter()
            .zip(&node)
            .map(|((w, _), &n)| (w.to_string(), n))
            .collect(),
    )
}

fn dot(v: &SVec, c: &[f32]) -> f32 {
    v.iter().map(|&(k, x)| x * c[k as usize]).sum()
}

/// Recursively splits `members` of tree node `id` in two.
fn split(
    vecs: &[SVec],
    weight: &[f32],
    members: Vec<usize>,
    id: u16,
    dims: usize,
    node: &mut [u16],
    rng: &mut Rng,
) {
    for &m in &members {
        node[m] = id;
    }
    let depth = 15 - id.leading_zeros();
    if depth >= MAX_DEPTH || members.len() < 4 {
        return;
    }
    // Initialise with two members chosen at random, then run spherical
    // 2-means (centroids weighted by log frequency).
    let pick = |rng: &mut Rng| members[(rng.next_u64() % members.len() as u64) as usize];
    let a = pick(rng);
    let mut b = pick(rng);
    for _ in 0..8 {
        if b != a && vecs[b] != vecs[a] {
            break;
        }
        b = pick(rng);
    }
    let mut cents = [vec![0f32; dims], vec![0f32; dims]];
    for (c, &m) in cents.iter_mut().zip(&[a, b]) {
        for &(k, x) in &vecs[m] {
            c[k as usize] = x;
        }
    }
    let mut side = vec![false; members.len()];
    for _ in 0..8 {
        let mut changed = false;
        for (s, &m) in side.iter_mut().zip(&members) {
            let right = dot(&vecs[m], &cents[1]) > dot(&vecs[m], &cents[0]);
            changed |= right != *s;
            *s = right;
        }
        for c in cents.iter_mut() {
            c.iter_mut().for_each(|x| *x = 0.0);
        }
        for (&s, &m) in side.iter().zip(&members) {
            let c = &mut cents[usize::from(s)];
            for &(k, x) in &vecs[m] {
                c[k as usize] += weight[m] * x;
            }
        }
        for c in cents.iter_mut() {
            let n = c.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-9);
            c.iter_mut().for_each(|x| *x /= n);
        }
        if !changed {
            break;
        }
    }
    let mut l = Vec::new();
    let mut r = Vec::new();
    for (s, m) in side.into_iter().zip(members) {
        if s {
            r.push(m);
        } else {
            l.push(m);
        }
    }
    if l.is_empty() || r.is_empty() {
        return;
    }
    split(vecs, weight, l, id * 2, dims, node, rng);
    split(vecs, weight, r, id * 2 + 1, dims, node, rng);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_splits_punctuation_and_clitics() {
        let mut t = Vec::new();
        tokenize("Kenya's army didn't move (yet), officials said.", &mut t);
        assert_eq!(
            t,
            vec![
                "kenya",
                "'s",
                "army",
                "did",
                "n't",
                "move",
                "(",
                "yet",
                ")",
                ",",
                "officials",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn prefixes_and_round_trip() {
        assert_eq!(prefix(0b1_0110, 2), 0b1_01);
        assert_eq!(prefix(0b1_01, 4), 0b1_01);
        assert_eq!(prefix(0, 4), 0);
        let mut sents = Vec::new();
        for i in 0..40 {
            let a = ["the", "a", "this"][i % 3];
            let n = ["army", "police", "court", "ministry"][i % 4];
            let v = ["said", "moved", "left", "ruled", "met"][i % 5];
            sents.push(
                [a, n, v, "on", "monday"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            );
        }
        let c = train(&sents, 3, 50, 7);
        let node = |w: &str| c.node(hash_str(w));
        assert!(node("army") > 0 && node("said") > 0);
        // Determiners share a deeper prefix with each other than with verbs.
        let share = |a: u16, b: u16| {
            (1..=MAX_DEPTH)
                .filter(|&k| prefix(a, k) == prefix(b, k))
                .count()
        };
        assert!(share(node("the"), node("a")) > share(node("the"), node("said")));
        let mut w = Writer::default();
        c.write(&mut w);
        let d = Clusters::read(&mut Reader::new(&w.buf)).expect("reads back");
        assert_eq!(d.len(), c.len());
        assert_eq!(d.node(hash_str("police")), node("police"));
    }
}
