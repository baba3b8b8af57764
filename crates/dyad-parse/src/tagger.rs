//! Averaged-perceptron part-of-speech tagger predicting joint (UPOS, XPOS)
//! tags left to right, with a tag dictionary for frequent unambiguous words.

use crate::binio::{Reader, Writer};
use crate::clusters::{prefix, Clusters};
use crate::conllu::Sentence;
use crate::hash::{hash_str, mix, BuildId, Rng};
use crate::perceptron::{Trainer, Weights};
use anyhow::{bail, Result};
use rayon::prelude::*;
use std::collections::HashMap;

/// Per-word string features computed once per sentence.
pub struct WordInfo {
    pub(crate) lower: u64,
    exact: u64,
    pub(crate) suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    flags: u64,
    /// Word-cluster node (0 when the word has none).
    pub(crate) cl: u16,
}

const NONE: u64 = 0x1234_5678;
const START: u64 = 0x8765_4321;

impl WordInfo {
    /// Computes the features of one word form, with its cluster.
    pub fn with_clusters(form: &str, clusters: &Clusters) -> WordInfo {
        let mut w = WordInfo::new(form);
        w.cl = clusters.node(w.lower);
        w
    }

    /// Computes the features of one word form (without a cluster).
    pub fn new(form: &str) -> WordInfo {
        let lower = form.to_lowercase();
        let mut suf = [NONE; 4];
        let mut pre = [NONE; 3];
        // Affixes are hashed straight from slices of `lower` (no allocation).
        for (k, (start, _)) in lower.char_indices().rev().take(4).enumerate() {
            suf[k] = mix(hash_str(&lower[start..]), 101 + k as u64);
        }
        let mut ends = lower
            .char_indices()
            .map(|x| x.0)
            .skip(1)
            .chain([lower.len()]);
        for (k, p) in pre.iter_mut().enumerate() {
            match ends.next() {
                Some(end) if end > 0 => *p = mix(hash_str(&lower[..end]), 201 + k as u64),
                _ => break,
            }
        }
        // Word shape (runs capped at two), hashed like `hash_str` would hash it.
        let mut shape = ShapeHash::default();
        let mut last = ' ';
        let mut run = 0;
        for c in form.chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if s == last {
                run += 1;
            } else {
                run = 1;
                last = s;
            }
            if run <= 2 {
                shape.push(s);
            }
        }
        let mut flags = 0u64;
        if form.contains('-') {
            flags |= 1;
        }
        if form.chars().any(|c| c.is_ascii_digit()) {
            flags |= 2;
        }
        if form.chars().next().is_some_and(|c| c.is_uppercase()) {
            flags |= 4;
        }
        if form.chars().all(|c| c.is_uppercase()) {
            flags |= 8;
        }
        WordInfo {
            lower: hash_str(&lower),
            exact: hash_str(form),
            suf,
            pre,
            shape: shape.finish(),
            flags,
            cl: 0,
        }
    }
}

/// Incremental form of [`hash_str`] (FNV-1a, then a final mix with the
/// length), so that the word shape needs no string.
struct ShapeHash {
    h: u64,
    len: u64,
}

impl Default for ShapeHash {
    fn default() -> Self {
        ShapeHash {
            h: 0xcbf2_9ce4_8422_2325,
            len: 0,
        }
    }
}

impl ShapeHash {
    fn push(&mut self, c: char) {
        let mut b = [0u8; 4];
        for &x in c.encode_utf8(&mut b).as_bytes() {
            self.h ^= u64::from(x);
            self.h = self.h.wrapping_mul(0x0000_0100_0000_01B3);
            self.len += 1;
        }
    }
    fn finish(&self) -> u64 {
        mix(self.h, self.len)
    }
}

#[inline]
fn f1(t: u64, a: u64) -> u64 {
    mix(t, a)
}
#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(t, a), b)
}

/// Pushes the features for position `i` given the previously predicted tags.
fn features(ws: &[WordInfo], i: usize, tags: &[u16], out: &mut Vec<u64>) {
    out.clear();
    let w = &ws[i];
    let get = |j: isize| -> Option<&WordInfo> {
        if j < 0 {
            None
        } else {
            ws.get(j as usize)
        }
    };
    let ii = i as isize;
    let lw = |j: isize| get(j).map_or(if j < 0 { START } else { NONE }, |x| x.lower);
    let tag = |j: isize| -> u64 {
        if j < 0 {
            START
        } else {
            u64::from(tags[j as usize]) + 1
        }
    };
    out.push(f1(0, 0));
    out.push(f1(1, w.lower));
    for (k, s) in w.suf.iter().enumerate() {
        out.push(f1(2 + k as u64, *s));
    }
    for (k, p) in w.pre.iter().enumerate() {
        out.push(f1(6 + k as u64, *p));
    }
    out.push(f1(9, w.shape));
    out.push(f1(10, lw(ii - 1)));
    out.push(f1(11, lw(ii - 2)));
    out.push(f1(12, lw(ii + 1)));
    out.push(f1(13, lw(ii + 2)));
    out.push(f1(14, get(ii - 1).map_or(START, |x| x.suf[2])));
    out.push(f1(15, get(ii + 1).map_or(NONE, |x| x.suf[2])));
    let t1 = tag(ii - 1);
    let t2 = tag(ii - 2);
    out.push(f1(16, t1));
    out.push(f1(17, t2));
    out.push(f2(18, t1, t2));
    out.push(f2(19, t1, w.lower));
    out.push(f2(20, lw(ii - 1), w.lower));
    out.push(f2(21, w.lower, lw(ii + 1)));
    out.push(f2(22, (i == 0) as u64, w.shape));
    out.push(f1(23, get(ii + 1).map_or(NONE, |x| x.shape)));
    out.push(f1(24, w.exact));
    out.push(f1(25, w.flags));
    out.push(f2(26, t1, w.suf[2]));
    out.push(f2(27, lw(ii + 1), lw(ii + 2)));
    out.push(f2(28, w.flags, w.suf[1]));
    out.push(f1(29, get(ii - 1).map_or(START, |x| x.shape)));
    out.push(f2(30, t1, lw(ii + 1)));
    out.push(f2(31, lw(ii - 1), lw(ii + 1)));
    out.push(f1(32, get(ii + 1).map_or(NONE, |x| x.suf[1])));
    out.push(f2(33, t1, w.shape));
    out.push(f1(34, get(ii - 1).map_or(START, |x| x.suf[1])));
    out.push(f2(35, t1, t2 ^ w.suf[1]));
    // Word clusters of the word and its neighbours.
    let cl = |j: isize| get(j).map_or(if j < 0 { 1 << 20 } else { 1 << 21 }, |x| u64::from(x.cl));
    let c0 = u64::from(w.cl);
    out.push(f1(50, prefix(w.cl, 4)));
    out.push(f1(51, prefix(w.cl, 6)));
    out.push(f1(52, prefix(w.cl, 10)));
    out.push(f1(53, c0));
    out.push(f1(54, cl(ii - 1)));
    out.push(f1(55, cl(ii + 1)));
    out.push(f2(56, t1, prefix(w.cl, 6)));
    out.push(f2(57, c0, cl(ii + 1)));
    out.push(f1(58, get(ii + 1).map_or(NONE, |x| prefix(x.cl, 6))));
    out.push(f1(59, get(ii + 2).map_or(NONE, |x| prefix(x.cl, 6))));
    out.push(f2(60, c0, w.suf[2]));
}

/// Second-pass features: the first-pass features plus the first pass's
/// predictions for the words to the right.
fn features2(ws: &[WordInfo], i: usize, tags: &[u16], right: &[u16], out: &mut Vec<u64>) {
    features(ws, i, tags, out);
    let r = |j: usize| right.get(j).map_or(NONE, |&t| u64::from(t) + 1);
    let w = &ws[i];
    let t1 = if i == 0 {
        START
    } else {
        u64::from(tags[i - 1]) + 1
    };
    let (r1, r2) = (r(i + 1), r(i + 2));
    out.push(f1(40, r1));
    out.push(f1(41, r2));
    out.push(f2(42, r1, r2));
    out.push(f2(43, t1, r1));
    out.push(f2(44, w.lower, r1));
    out.push(f2(45, w.suf[2], r1));
    out.push(f2(46, r(i), w.shape));
}

/// A trained tagger.
pub struct Tagger {
    /// Joint tags as (UPOS, XPOS).
    pub tags: Vec<(String, String)>,
    dict: HashMap<u64, u16, BuildId>,
    weights: Weights,
    weights2: Option<Weights>,
    /// Word clusters used as features (by the parser too).
    pub clusters: Clusters,
}

impl Tagger {
    /// Tags a sentence; returns indices into [`Tagger::tags`].
    pub fn tag(&self, words: &[&str]) -> Vec<u16> {
        let ws: Vec<WordInfo> = words.iter().map(|w| self.info(w)).collect();
        self.tag_infos(&ws)
    }

    /// Word features of one form, with its cluster.
    pub fn info(&self, form: &str) -> WordInfo {
        WordInfo::with_clusters(form, &self.clusters)
    }

    pub(crate) fn tag_infos(&self, ws: &[WordInfo]) -> Vec<u16> {
        let first = tag_pass(&self.dict, &self.weights, None, ws, self.tags.len());
        match &self.weights2 {
            Some(w2) => tag_pass(&self.dict, w2, Some(&first), ws, self.tags.len()),
            None => first,
        }
    }

    /// Drops weights below `min_abs` (see [`Weights::pruned`]).
    pub fn prune(&mut self, min_q: i32) {
        self.weights = self.weights.pruned(min_q);
        if let Some(w2) = &self.weights2 {
            self.weights2 = Some(w2.pruned(min_q));
        }
    }

    /// Serialises the tagger.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.tags.len() as u32);
        for (u, x) in &self.tags {
            w.str(u);
            w.str(x);
        }
        let mut d: Vec<(u64, u16)> = self.dict.iter().map(|(k, v)| (*k, *v)).collect();
        d.sort_unstable();
        w.u32(d.len() as u32);
        for (k, v) in d {
            w.buf.extend_from_slice(&k.to_le_bytes());
            w.u8(v as u8);
        }
        self.weights.write(w);
        match &self.weights2 {
            Some(w2) => {
                w.u8(1);
                w2.write(w);
            }
            None => w.u8(0),
        }
        self.clusters.write(w);
    }

    /// Reads a tagger written by [`Tagger::write`].
    pub fn read(r: &mut Reader) -> Result<Tagger> {
        let n = r.u32()? as usize;
        if n == 0 || n > 255 {
            bail!("bad tag count {n}");
        }
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            tags.push((r.str()?, r.str()?));
        }
        let nd = r.u32()? as usize;
        let mut dict = HashMap::default();
        for _ in 0..nd {
            let lo = u64::from(r.u32()?);
            let hi = u64::from(r.u32()?);
            let v = u16::from(r.u8()?);
            if v as usize >= n {
                bail!("bad tag in dictionary");
            }
            dict.insert(lo | (hi << 32), v);
        }
        let weights = Weights::read(r)?;
        let weights2 = if r.u8()? == 1 {
            Some(Weights::read(r)?)
        } else {
            None
        };
        let clusters = Clusters::read(r)?;
        if weights.n_classes() != n || weights2.as_ref().is_some_and(|w| w.n_classes() != n) {
            bail!("tagger weights do not match tag set");
        }
        Ok(Tagger {
            tags,
            dict,
            weights,
            weights2,
            clusters,
        })
    }
}

fn tag_pass(
    dict: &HashMap<u64, u16, BuildId>,
    weights: &Weights,
    right: Option<&[u16]>,
    ws: &[WordInfo],
    nt: usize,
) -> Vec<u16> {
    let mut tags = vec![0u16; ws.len()];
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; nt];
    for i in 0..ws.len() {
        if let Some(&t) = dict.get(&ws[i].exact) {
            tags[i] = t;
            continue;
        }
        match right {
            Some(r) => features2(ws, i, &tags, r, &mut feats),
            None => features(ws, i, &tags, &mut feats),
        }
        weights.score(&feats, &mut scores);
        tags[i] = argmax(&scores) as u16;
    }
    tags
}

/// Index of the highest score (first on ties).
pub fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for i in 1..s.len() {
        if s[i] > s[best] {
            best = i;
        }
    }
    best
}

/// Training data prepared once: word infos and gold joint tags.
struct Prepared {
    tagset: Vec<(String, String)>,
    dict: HashMap<u64, u16, BuildId>,
    data: Vec<(Vec<WordInfo>, Vec<u16>)>,
}

fn prepare(train: &[Sentence], clusters: &Clusters) -> Prepared {
    let mut tagset: Vec<(String, String)> = Vec::new();
    let mut tag_ix: HashMap<(String, String), u16> = HashMap::new();
    let mut counts: HashMap<u64, HashMap<u16, u32>, BuildId> = HashMap::default();
    let mut data: Vec<(Vec<WordInfo>, Vec<u16>)> = Vec::new();
    for s in train {
        let mut ws = Vec::with_capacity(s.tokens.len());
        let mut gold = Vec::with_capacity(s.tokens.len());
        for t in &s.tokens {
            let key = (t.upos.clone(), t.xpos.clone());
            let next = tag_ix.len() as u16;
            let ix = *tag_ix.entry(key.clone()).or_insert_with(|| {
                tagset.push(key);
                next
            });
            let wi = WordInfo::with_clusters(&t.form, clusters);
            *counts.entry(wi.exact).or_default().entry(ix).or_default() += 1;
            ws.push(wi);
            gold.push(ix);
        }
        data.push((ws, gold));
    }
    let mut dict: HashMap<u64, u16, BuildId> = HashMap::default();
    for (w, c) in &counts {
        let total: u32 = c.values().sum();
        let (best, n) = c
            .iter()
            .max_by_key(|(t, n)| (**n, u16::MAX - **t))
            .unwrap_or((&0, &0));
        if total >= DICT_MIN && f64::from(*n) / f64::from(total) >= DICT_PURITY {
            dict.insert(*w, *best);
        }
    }
    Prepared { tagset, dict, data }
}

const DICT_MIN: u32 = 20;
/// Purity a frequent form needs to be tagged from the dictionary. Above 1, so
/// disabled: on dev the dictionary cost 0.1 UPOS against the perceptron alone.
const DICT_PURITY: f64 = 1.01;

/// Trains one pass over the indicated sentences (`right`: first-pass tags for a second pass).
fn train_pass(
    p: &Prepared,
    idx: &[usize],
    right: Option<&[Vec<u16>]>,
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Weights {
    let nt = p.tagset.len();
    let mut tr = Trainer::new(nt);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = idx.to_vec();
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0f32; nt];
    for ep in 0..epochs {
        rng.shuffle(&mut order);
        let (mut c, mut n) = (0usize, 0usize);
        for &si in &order {
            let (ws, gold) = &p.data[si];
            let mut tags = vec![0u16; ws.len()];
            for i in 0..ws.len() {
                if let Some(&t) = p.dict.get(&ws[i].exact) {
                    tags[i] = t;
                    continue;
                }
                match right {
                    Some(r) => features2(ws, i, &tags, &r[si], &mut feats),
                    None => features(ws, i, &tags, &mut feats),
                }
                tr.score(&feats, &mut scores);
                let pr = argmax(&scores);
                tr.tick();
                if pr != gold[i] as usize {
                    tr.update(&feats, gold[i] as usize, pr);
                } else {
                    c += 1;
                }
                n += 1;
                tags[i] = pr as u16;
            }
        }
        log(format!(
            "tagger{} epoch {}: train acc (non-dict) {:.2}%",
            if right.is_some() { " pass 2" } else { "" },
            ep + 1,
            100.0 * c as f64 / n.max(1) as f64
        ));
    }
    tr.finish()
}

/// Trains a two-pass tagger on `train` for `epochs` passes; the second pass
/// sees jack-knifed first-pass predictions (`folds` folds) of the words to the right.
pub fn train(
    train: &[Sentence],
    clusters: Clusters,
    epochs: usize,
    folds: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Tagger {
    let p = prepare(train, &clusters);
    let nt = p.tagset.len();
    let all: Vec<usize> = (0..p.data.len()).collect();
    // The first pass and the jack-knife folds for the second pass are
    // independent: they run in parallel (deterministic: one seed each).
    let mut log1 = Vec::new();
    let (w1, fold_tags) = rayon::join(
        || train_pass(&p, &all, None, epochs, seed, &mut |s| log1.push(s)),
        || {
            (0..if folds >= 2 { folds } else { 0 })
                .into_par_iter()
                .map(|f| {
                    let rest: Vec<usize> = all.iter().copied().filter(|i| i % folds != f).collect();
                    let wf =
                        train_pass(&p, &rest, None, epochs, seed ^ (f as u64 + 11), &mut |_| {});
                    all.iter()
                        .copied()
                        .filter(|i| i % folds == f)
                        .map(|i| (i, tag_pass(&p.dict, &wf, None, &p.data[i].0, nt)))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        },
    );
    log1.into_iter().for_each(&mut *log);
    let weights2 = if folds >= 2 {
        let mut right: Vec<Vec<u16>> = vec![Vec::new(); p.data.len()];
        for (i, t) in fold_tags.into_iter().flatten() {
            right[i] = t;
        }
        Some(train_pass(
            &p,
            &all,
            Some(&right),
            epochs,
            seed ^ 0xABCD,
            log,
        ))
    } else {
        None
    };
    Tagger {
        tags: p.tagset,
        dict: p.dict,
        weights: w1,
        weights2,
        clusters,
    }
}

/// UPOS and XPOS accuracy (percent) of `tagger` on gold-tokenised sentences.
pub fn accuracy(tagger: &Tagger, sents: &[Sentence]) -> (f64, f64) {
    let (mut u, mut x, mut n) = (0usize, 0usize, 0usize);
    for s in sents {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.form.as_str()).collect();
        let tags = tagger.tag(&words);
        for (t, &p) in s.tokens.iter().zip(&tags) {
            let (pu, px) = &tagger.tags[p as usize];
            u += (*pu == t.upos) as usize;
            x += (*px == t.xpos) as usize;
            n += 1;
        }
    }
    (
        100.0 * u as f64 / n.max(1) as f64,
        100.0 * x as f64 / n.max(1) as f64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affix_and_shape_hashes_match_string_hashing() {
        for form in ["Nairobi", "éclair", "U.S.", "a", "", "2024-25", "naïveté"] {
            let w = WordInfo::new(form);
            let chars: Vec<char> = form.to_lowercase().chars().collect();
            let n = chars.len();
            for k in 1..=4 {
                let want = if n >= k {
                    let s: String = chars[n - k..].iter().collect();
                    mix(hash_str(&s), 100 + k as u64)
                } else {
                    NONE
                };
                assert_eq!(w.suf[k - 1], want, "{form} suffix {k}");
            }
            for k in 1..=3 {
                let want = if n >= k {
                    let s: String = chars[..k].iter().collect();
                    mix(hash_str(&s), 200 + k as u64)
                } else {
                    NONE
                };
                assert_eq!(w.pre[k - 1], want, "{form} prefix {k}");
            }
            let mut sh = ShapeHash::default();
            form.chars().for_each(|c| sh.push(c));
            assert_eq!(sh.finish(), hash_str(form));
        }
    }
}
