//! Averaged-perceptron part-of-speech tagger predicting joint (UPOS, XPOS)
//! tags left to right in two passes, reading word clusters and the
//! ambiguity classes (tag sets) of the training words.

use crate::binio::{Reader, Writer};
use crate::clusters::{prefix, Clusters};
use crate::conllu::Sentence;
use crate::hash::{hash_str, mix, BuildId, Rng};
use crate::perceptron::{Trainer, Weights};
use anyhow::{bail, Result};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

/// Per-word string features computed once per sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordInfo {
    pub(crate) lower: u64,
    exact: u64,
    pub(crate) suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    flags: u64,
    /// Word-cluster node (0 when the word has none).
    pub(crate) cl: u16,
    /// Ambiguity class ([`Amb`]) of the form, without and with its
    /// frequency band (`AMB_UNSEEN` for a form not seen in training).
    pub(crate) amb: u64,
    pub(crate) ambf: u64,
}

const AMB_UNSEEN: u64 = 0x5151_5151;

const NONE: u64 = 0x1234_5678;
const START: u64 = 0x8765_4321;

impl WordInfo {
    /// Computes the features of one word form, with its cluster.
    pub fn with_clusters(form: &str, clusters: &Clusters) -> WordInfo {
        let mut w = WordInfo::new(form);
        w.cl = clusters.node(w.lower);
        w
    }

    /// Sets the ambiguity-class features (`None`: a form not seen in training).
    pub(crate) fn set_amb(&mut self, a: Option<Amb>) {
        (self.amb, self.ambf) = match a {
            Some(a) => {
                let h = mix(0x77, u64::from(a.mask));
                (h, mix(h, u64::from(a.band)))
            }
            None => (AMB_UNSEEN, AMB_UNSEEN),
        };
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
            amb: AMB_UNSEEN,
            ambf: AMB_UNSEEN,
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
    split_features(ws, i, tags, None, out);
}

/// Second-pass features: the first-pass features plus the first pass's
/// predictions for the words to the right.
fn features2(ws: &[WordInfo], i: usize, tags: &[u16], right: &[u16], out: &mut Vec<u64>) {
    split_features(ws, i, tags, Some(right), out);
}

/// All features of position `i`, from the same parts inference sums
/// separately (tag features, pair features, and each word in its role).
fn split_features(
    ws: &[WordInfo],
    i: usize,
    tags: &[u16],
    right: Option<&[u16]>,
    out: &mut Vec<u64>,
) {
    tag_features(ws, i, tags, right, out);
    pair_features(ws, i, right, out);
    let ii = i as isize;
    for (role, j) in [
        (SELF, ii),
        (LEFT, ii - 1),
        (LEFT2, ii - 2),
        (RIGHT, ii + 1),
        (RIGHT2, ii + 2),
    ] {
        let w = (j >= 0).then(|| ws.get(j as usize)).flatten();
        role_features(role, w, out);
    }
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
    /// Ambiguity classes of the training forms, by lowercase hash.
    amb: HashMap<u64, Amb, BuildId>,
    /// Identity of this tagger's weights for the per-thread score cache.
    id: u64,
}

/// Source of [`Tagger`] identities (the per-thread cache is tied to one).
pub(crate) static NEXT_ID: AtomicU64 = AtomicU64::new(1);

pub(crate) fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

impl Tagger {
    /// Tags a sentence; returns indices into [`Tagger::tags`].
    pub fn tag(&self, words: &[&str]) -> Vec<u16> {
        let ws: Vec<WordInfo> = words.iter().map(|w| self.info(w)).collect();
        self.tag_infos(&ws)
    }

    /// Word features of one form, with its cluster.
    pub fn info(&self, form: &str) -> WordInfo {
        let mut w = WordInfo::with_clusters(form, &self.clusters);
        w.set_amb(self.amb.get(&w.lower).copied());
        w
    }

    pub(crate) fn tag_infos(&self, ws: &[WordInfo]) -> Vec<u16> {
        let mut out = Vec::with_capacity(ws.len());
        self.tag_infos_into(ws, &mut out);
        out
    }

    /// Tags `ws` into `out` (cleared first). Same tags as the plain two
    /// passes of [`tag_pass`]: the sums of the features that look at one
    /// word in one role come from a per-thread cache (see [`TagCache`]).
    pub(crate) fn tag_infos_into(&self, ws: &[WordInfo], out: &mut Vec<u16>) {
        TAG_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            c.tag(self, ws, out);
        });
    }

    /// Tags `ws` into `out` and gives each word's runner-up tag with the
    /// margin by which it lost (in perceptron units; infinite for words
    /// tagged from the dictionary).
    pub(crate) fn tag_infos_alt(
        &self,
        ws: &[WordInfo],
        out: &mut Vec<u16>,
        alt: &mut Vec<(u16, f32)>,
    ) {
        let scale = pass_weights(self, usize::from(self.weights2.is_some())).scale();
        TAG_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            c.tag(self, ws, out);
            alt.clear();
            alt.extend(c.alt.iter().map(|&(t, m)| {
                (
                    t,
                    if m == i32::MAX {
                        f32::INFINITY
                    } else {
                        m as f32 * scale
                    },
                )
            }));
        });
    }

    /// Drops weights below `min_abs` (see [`Weights::pruned`]).
    pub fn prune(&mut self, min_q: i32) {
        self.weights = self.weights.pruned(min_q);
        if let Some(w2) = &self.weights2 {
            self.weights2 = Some(w2.pruned(min_q));
        }
        self.id = next_id();
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
        let mut a: Vec<(u64, Amb)> = self.amb.iter().map(|(k, v)| (*k, *v)).collect();
        a.sort_unstable_by_key(|x| x.0);
        w.u32(a.len() as u32);
        for (k, v) in a {
            w.buf.extend_from_slice(&k.to_le_bytes());
            w.u32(v.mask);
            w.u8(v.band);
        }
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
        let na = r.u32()? as usize;
        let mut amb = HashMap::default();
        for _ in 0..na {
            let lo = u64::from(r.u32()?);
            let hi = u64::from(r.u32()?);
            let mask = r.u32()?;
            let band = r.u8()?;
            if band == 0 || band > 4 {
                bail!("bad ambiguity class");
            }
            amb.insert(lo | (hi << 32), Amb { mask, band });
        }
        if weights.n_classes() != n || weights2.as_ref().is_some_and(|w| w.n_classes() != n) {
            bail!("tagger weights do not match tag set");
        }
        Ok(Tagger {
            tags,
            dict,
            weights,
            weights2,
            clusters,
            amb,
            id: next_id(),
        })
    }
}

/// Roles in which a word's own features are looked at: the word itself, its
/// left and right neighbours, and the words two to the left and right.
const ROLES: usize = 5;
const SELF: usize = 0;
const LEFT: usize = 1;
const LEFT2: usize = 2;
const RIGHT: usize = 3;
const RIGHT2: usize = 4;

/// The features (part of [`features`]) that look at one word only, in role `role`
/// (`None`: no word there, before the start or past the end).
fn role_features(role: usize, w: Option<&WordInfo>, out: &mut Vec<u64>) {
    match role {
        SELF => {
            if let Some(w) = w {
                out.push(f1(0, 0));
                out.push(f1(1, w.lower));
                for (k, s) in w.suf.iter().enumerate() {
                    out.push(f1(2 + k as u64, *s));
                }
                for (k, p) in w.pre.iter().enumerate() {
                    out.push(f1(6 + k as u64, *p));
                }
                out.push(f1(9, w.shape));
                out.push(f1(24, w.exact));
                out.push(f1(25, w.flags));
                out.push(f2(28, w.flags, w.suf[1]));
                let c0 = u64::from(w.cl);
                out.push(f1(50, prefix(w.cl, 4)));
                out.push(f1(51, prefix(w.cl, 6)));
                out.push(f1(52, prefix(w.cl, 10)));
                out.push(f1(53, c0));
                out.push(f2(60, c0, w.suf[2]));
                out.push(f1(70, w.amb));
                out.push(f1(71, w.ambf));
                out.push(f2(72, w.amb, w.suf[1]));
            }
        }
        LEFT => {
            out.push(f1(10, w.map_or(START, |x| x.lower)));
            out.push(f1(14, w.map_or(START, |x| x.suf[2])));
            out.push(f1(29, w.map_or(START, |x| x.shape)));
            out.push(f1(34, w.map_or(START, |x| x.suf[1])));
            out.push(f1(54, w.map_or(1 << 20, |x| u64::from(x.cl))));
            out.push(f1(73, w.map_or(START, |x| x.amb)));
        }
        LEFT2 => out.push(f1(11, w.map_or(START, |x| x.lower))),
        RIGHT => {
            out.push(f1(12, w.map_or(NONE, |x| x.lower)));
            out.push(f1(15, w.map_or(NONE, |x| x.suf[2])));
            out.push(f1(23, w.map_or(NONE, |x| x.shape)));
            out.push(f1(32, w.map_or(NONE, |x| x.suf[1])));
            out.push(f1(55, w.map_or(1 << 21, |x| u64::from(x.cl))));
            out.push(f1(58, w.map_or(NONE, |x| prefix(x.cl, 6))));
            out.push(f1(74, w.map_or(NONE, |x| x.amb)));
        }
        _ => {
            out.push(f1(13, w.map_or(NONE, |x| x.lower)));
            out.push(f1(59, w.map_or(NONE, |x| prefix(x.cl, 6))));
        }
    }
}

/// The features of [`features`] (or, with `right`, [`features2`]) that
/// [`role_features`] leaves out and that do not depend on this pass's tags:
/// word pairs, and the first pass's tags to the right.
fn pair_features(ws: &[WordInfo], i: usize, right: Option<&[u16]>, out: &mut Vec<u64>) {
    let w = &ws[i];
    let ii = i as isize;
    let lw = |j: isize| {
        if j < 0 {
            START
        } else {
            ws.get(j as usize).map_or(NONE, |x| x.lower)
        }
    };
    let (l1, r1w, r2w) = (lw(ii - 1), lw(ii + 1), lw(ii + 2));
    out.push(f2(20, l1, w.lower));
    out.push(f2(21, w.lower, r1w));
    out.push(f2(22, (i == 0) as u64, w.shape));
    out.push(f2(27, r1w, r2w));
    out.push(f2(31, l1, r1w));
    let cl1 = ws.get(i + 1).map_or(1 << 21, |x| u64::from(x.cl));
    out.push(f2(57, u64::from(w.cl), cl1));
    out.push(f2(76, w.amb, ws.get(i + 1).map_or(NONE, |x| x.amb)));
    if let Some(right) = right {
        let r = |j: usize| right.get(j).map_or(NONE, |&t| u64::from(t) + 1);
        let (r1, r2) = (r(i + 1), r(i + 2));
        out.push(f1(40, r1));
        out.push(f1(41, r2));
        out.push(f2(42, r1, r2));
        out.push(f2(44, w.lower, r1));
        out.push(f2(45, w.suf[2], r1));
        out.push(f2(46, r(i), w.shape));
    }
}

/// The remaining features: those with this pass's previous tags.
fn tag_features(
    ws: &[WordInfo],
    i: usize,
    tags: &[u16],
    right: Option<&[u16]>,
    out: &mut Vec<u64>,
) {
    out.clear();
    let w = &ws[i];
    let ii = i as isize;
    let tag = |j: isize| -> u64 {
        if j < 0 {
            START
        } else {
            u64::from(tags[j as usize]) + 1
        }
    };
    let t1 = tag(ii - 1);
    let t2 = tag(ii - 2);
    let r1w = ws.get(i + 1).map_or(NONE, |x| x.lower);
    out.push(f1(16, t1));
    out.push(f1(17, t2));
    out.push(f2(18, t1, t2));
    out.push(f2(19, t1, w.lower));
    out.push(f2(26, t1, w.suf[2]));
    out.push(f2(30, t1, r1w));
    out.push(f2(33, t1, w.shape));
    out.push(f2(35, t1, t2 ^ w.suf[1]));
    out.push(f2(56, t1, prefix(w.cl, 6)));
    out.push(f2(75, t1, w.amb));
    if let Some(right) = right {
        let r1 = right.get(i + 1).map_or(NONE, |&t| u64::from(t) + 1);
        out.push(f2(43, t1, r1));
    }
}

/// Word types whose role sums a thread keeps (direct-mapped).
const CACHE_SLOTS: usize = 16384;

/// Per-thread cache of the tagger's per-(word type, role) score sums, for
/// both passes, plus reusable buffers. Sums are exact integers, so adding
/// cached sums gives the very totals that scoring every feature would.
#[derive(Default)]
struct TagCache {
    /// The tagger the cached sums belong to (0: none yet).
    model: u64,
    nt: usize,
    passes: usize,
    keys: Vec<Option<WordInfo>>,
    /// `CACHE_SLOTS` × `passes` × `ROLES` × `nt` sums.
    rows: Vec<i32>,
    /// Sums for "no word" in each role: `passes` × `ROLES` × `nt`.
    edge: Vec<i32>,
    /// Per-sentence sums of the one-word features by position: n × passes × nt.
    base: Vec<i32>,
    feats: Vec<u64>,
    /// Role of each feature in `feats` while filling a cache row.
    roles: Vec<u8>,
    /// Row (position × passes + pass) of each feature in `feats`.
    pos: Vec<usize>,
    acc: Vec<i32>,
    first: Vec<u16>,
    /// Last pass: each position's runner-up tag and its score margin.
    alt: Vec<(u16, i32)>,
}

thread_local! {
    static TAG_CACHE: RefCell<TagCache> = RefCell::new(TagCache::default());
}

impl TagCache {
    fn reset(&mut self, t: &Tagger) {
        self.model = t.id;
        self.nt = t.tags.len();
        self.passes = if t.weights2.is_some() { 2 } else { 1 };
        self.keys = vec![None; CACHE_SLOTS];
        self.rows = vec![0; CACHE_SLOTS * self.passes * ROLES * self.nt];
        self.edge = vec![0; self.passes * ROLES * self.nt];
        let nt = self.nt;
        for p in 0..self.passes {
            let w = pass_weights(t, p);
            for r in 0..ROLES {
                self.feats.clear();
                role_features(r, None, &mut self.feats);
                let o = (p * ROLES + r) * nt;
                w.add_into(&self.feats, &mut self.edge[o..o + nt]);
            }
        }
    }

    /// [`TagCache::tag_impl`], compiled for AVX2 where the processor has it.
    fn tag(&mut self, t: &Tagger, ws: &[WordInfo], out: &mut Vec<u16>) {
        #[cfg(target_arch = "x86_64")]
        if crate::perceptron::has_avx2() {
            // SAFETY: the processor supports AVX2 (checked just above).
            return unsafe { self.tag_avx2(t, ws, out) };
        }
        self.tag_impl(t, ws, out)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn tag_avx2(&mut self, t: &Tagger, ws: &[WordInfo], out: &mut Vec<u16>) {
        self.tag_impl(t, ws, out)
    }

    #[inline(always)]
    fn tag_impl(&mut self, t: &Tagger, ws: &[WordInfo], out: &mut Vec<u16>) {
        if self.model != t.id {
            self.reset(t);
        }
        let (nt, np, n) = (self.nt, self.passes, ws.len());
        let stride = np * nt;
        self.base.clear();
        self.base.resize(n * stride, 0);
        // Role sums of each word, added to the positions that see it.
        for (j, w) in ws.iter().enumerate() {
            let slot = (mix(w.exact, w.lower) as usize) & (CACHE_SLOTS - 1);
            let rs = np * ROLES * nt;
            let row = slot * rs;
            if self.keys[slot] != Some(*w) {
                let r = &mut self.rows[row..row + rs];
                r.iter_mut().for_each(|x| *x = 0);
                self.feats.clear();
                self.roles.clear();
                for role in 0..ROLES {
                    role_features(role, Some(w), &mut self.feats);
                    self.roles.resize(self.feats.len(), role as u8);
                }
                for p in 0..np {
                    let roles = &self.roles;
                    let o = p * ROLES * nt;
                    pass_weights(t, p).add_rows(
                        &self.feats,
                        |k| usize::from(roles[k]),
                        &mut r[o..o + ROLES * nt],
                    );
                }
                self.keys[slot] = Some(*w);
            }
            let targets = [
                (SELF, Some(j)),
                (LEFT, j.checked_add(1)),
                (LEFT2, j.checked_add(2)),
                (RIGHT, j.checked_sub(1)),
                (RIGHT2, j.checked_sub(2)),
            ];
            for (role, pos) in targets {
                let Some(i) = pos.filter(|&i| i < n) else {
                    continue;
                };
                for p in 0..np {
                    let src = row + (p * ROLES + role) * nt;
                    let dst = i * stride + p * nt;
                    add(&mut self.base[dst..dst + nt], &self.rows[src..src + nt]);
                }
            }
        }
        // Missing neighbours at the sentence edges.
        for i in 0..n {
            for (role, absent) in [
                (LEFT, i < 1),
                (LEFT2, i < 2),
                (RIGHT, i + 1 >= n),
                (RIGHT2, i + 2 >= n),
            ] {
                if absent {
                    for p in 0..np {
                        let src = (p * ROLES + role) * nt;
                        let dst = i * stride + p * nt;
                        add(&mut self.base[dst..dst + nt], &self.edge[src..src + nt]);
                    }
                }
            }
        }
        let mut first = std::mem::take(&mut self.first);
        self.add_pairs(t, 0, ws, None);
        self.pass(t, 0, ws, None, &mut first, np == 1);
        if np == 2 {
            self.add_pairs(t, 1, ws, Some(&first));
            self.pass(t, 1, ws, Some(&first), out, true);
        } else {
            out.clear();
            out.extend_from_slice(&first);
        }
        self.first = first;
    }

    /// Adds the [`pair_features`] of every position for pass `p` to the
    /// per-position sums (one batch, so that the lookups overlap).
    #[inline(always)]
    fn add_pairs(&mut self, t: &Tagger, p: usize, ws: &[WordInfo], right: Option<&[u16]>) {
        self.feats.clear();
        self.roles.clear();
        let np = self.passes;
        for i in 0..ws.len() {
            pair_features(ws, i, right, &mut self.feats);
            self.pos.resize(self.feats.len(), i * np + p);
        }
        let pos = &self.pos;
        pass_weights(t, p).add_rows(&self.feats, |k| pos[k], &mut self.base);
        self.pos.clear();
    }

    #[inline(always)]
    fn pass(
        &mut self,
        t: &Tagger,
        p: usize,
        ws: &[WordInfo],
        right: Option<&[u16]>,
        tags: &mut Vec<u16>,
        last: bool,
    ) {
        let (nt, stride) = (self.nt, self.passes * self.nt);
        let w = pass_weights(t, p);
        tags.clear();
        tags.resize(ws.len(), 0);
        self.acc.resize(nt, 0);
        if last {
            self.alt.clear();
        }
        for i in 0..ws.len() {
            if let Some(&tg) = t.dict.get(&ws[i].exact) {
                tags[i] = tg;
                if last {
                    self.alt.push((tg, i32::MAX));
                }
                continue;
            }
            tag_features(ws, i, tags, right, &mut self.feats);
            let o = i * stride + p * nt;
            self.acc.copy_from_slice(&self.base[o..o + nt]);
            w.add_into(&self.feats, &mut self.acc);
            let best = argmax_i32(&self.acc);
            tags[i] = best as u16;
            if last {
                let mut second = usize::from(best == 0);
                for k in 0..nt {
                    if k != best && self.acc[k] > self.acc[second] {
                        second = k;
                    }
                }
                self.alt.push((
                    second as u16,
                    self.acc[best].saturating_sub(self.acc[second]),
                ));
            }
        }
    }
}

fn pass_weights(t: &Tagger, p: usize) -> &Weights {
    match (p, &t.weights2) {
        (1, Some(w2)) => w2,
        _ => &t.weights,
    }
}

#[inline]
fn add(dst: &mut [i32], src: &[i32]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += *s;
    }
}

/// Index of the highest score (first on ties), like [`argmax`].
fn argmax_i32(s: &[i32]) -> usize {
    let mut best = 0;
    for i in 1..s.len() {
        if s[i] > s[best] {
            best = i;
        }
    }
    best
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
    amb: HashMap<u64, Amb, BuildId>,
    data: Vec<(Vec<WordInfo>, Vec<u16>)>,
}

fn prepare(train: &[Sentence], clusters: &Clusters) -> Prepared {
    let mut tagset: Vec<(String, String)> = Vec::new();
    let mut tag_ix: HashMap<(String, String), u16> = HashMap::new();
    let mut counts: HashMap<u64, HashMap<u16, u32>, BuildId> = HashMap::default();
    let mut data: Vec<(Vec<WordInfo>, Vec<u16>)> = Vec::new();
    let mut upos: Vec<String> = Vec::new();
    let mut upos_of: Vec<usize> = Vec::new();
    for s in train {
        let mut ws = Vec::with_capacity(s.tokens.len());
        let mut gold = Vec::with_capacity(s.tokens.len());
        for t in &s.tokens {
            let key = (t.upos.clone(), t.xpos.clone());
            let next = tag_ix.len() as u16;
            let ix = *tag_ix.entry(key.clone()).or_insert_with(|| {
                let u = upos.iter().position(|x| *x == key.0).unwrap_or_else(|| {
                    upos.push(key.0.clone());
                    upos.len() - 1
                });
                upos_of.push(u);
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
    // Ambiguity classes: at inference from all training sentences; in
    // training each sentence sees the classes of the other folds only, as
    // an unseen sentence would (classes from all sentences leak the gold
    // tag of rare words and the tagger learns to trust them).
    let nu = upos.len().min(32);
    let mut total: HashMap<u64, Vec<u32>, BuildId> = HashMap::default();
    let mut per: Vec<HashMap<u64, Vec<u32>, BuildId>> = vec![HashMap::default(); AMB_FOLDS];
    for (si, (ws, gold)) in data.iter().enumerate() {
        for (w, &g) in ws.iter().zip(gold) {
            let u = upos_of[g as usize].min(nu - 1);
            total.entry(w.lower).or_insert_with(|| vec![0; nu])[u] += 1;
            per[si % AMB_FOLDS]
                .entry(w.lower)
                .or_insert_with(|| vec![0; nu])[u] += 1;
        }
    }
    let amb = total
        .iter()
        .filter_map(|(w, c)| Some((*w, Amb::of_counts(c)?)))
        .collect();
    for (si, (ws, _)) in data.iter_mut().enumerate() {
        let mine = &per[si % AMB_FOLDS];
        for w in ws.iter_mut() {
            let mut c = total[&w.lower].clone();
            if let Some(m) = mine.get(&w.lower) {
                c.iter_mut().zip(m).for_each(|(a, b)| *a -= b);
            }
            w.set_amb(Amb::of_counts(&c));
        }
    }
    Prepared {
        tagset,
        dict,
        amb,
        data,
    }
}

/// Folds for the ambiguity classes training sentences see.
const AMB_FOLDS: usize = 10;

/// A form's ambiguity class in the training data: the UPOS tags (one bit
/// per tag, in order of first appearance) that hold at least 5 % of its
/// occurrences, and how often it occurs (band 1: once, 2: 2–4, 3: 5–19,
/// 4: 20 or more).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Amb {
    mask: u32,
    band: u8,
}

impl Amb {
    /// The class of a form with these UPOS counts (`None` when all are 0).
    fn of_counts(c: &[u32]) -> Option<Amb> {
        let n: u32 = c.iter().sum();
        if n == 0 {
            return None;
        }
        let mut mask = 0u32;
        for (u, &k) in c.iter().enumerate() {
            if k > 0 && k * 20 >= n {
                mask |= 1 << u;
            }
        }
        let band = match n {
            1 => 1,
            2..=4 => 2,
            5..=19 => 3,
            _ => 4,
        };
        Some(Amb { mask, band })
    }
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
        amb: p.amb,
        id: next_id(),
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
    fn runner_up_tags_come_with_their_margin() {
        let m = crate::Model::load_default().expect("embedded model loads");
        let t = &m.tagger;
        let words = [
            "I", "saw", "that", "the", "rebels", "attacked", "the", "village", ".",
        ];
        let ws: Vec<WordInfo> = words.iter().map(|w| t.info(w)).collect();
        let (mut tags, mut alt) = (Vec::new(), Vec::new());
        t.tag_infos_alt(&ws, &mut tags, &mut alt);
        // Same tags as plain tagging; a runner-up that differs, with a margin.
        assert_eq!(tags, t.tag_infos(&ws));
        assert_eq!(alt.len(), words.len());
        for (&tg, &(a, margin)) in tags.iter().zip(&alt) {
            assert_ne!(tg, a);
            assert!(margin >= 0.0);
        }
        // A past-tense verb's runner-up is the past participle.
        assert_eq!(t.tags[tags[5] as usize].1, "VBD");
        assert_eq!(t.tags[alt[5].0 as usize].1, "VBN", "{alt:?}");
    }

    fn sentence(words: &[(&str, &str)]) -> Sentence {
        let tokens = words
            .iter()
            .map(|(form, upos)| crate::conllu::Token {
                form: form.to_string(),
                lemma: form.to_lowercase(),
                upos: upos.to_string(),
                xpos: upos.to_string(),
                head: 0,
                deprel: "dep".into(),
            })
            .collect();
        Sentence {
            comments: Vec::new(),
            tokens,
        }
    }

    #[test]
    fn ambiguity_classes_are_held_out_from_the_sentences_that_train_on_them() {
        // "run" is a noun in one sentence and a verb in ten others; "zebra"
        // occurs once. Sentence i is in held-out fold i % AMB_FOLDS.
        let mut train = vec![sentence(&[
            ("a", "DET"),
            ("run", "NOUN"),
            ("zebra", "NOUN"),
        ])];
        for _ in 0..10 {
            train.push(sentence(&[("we", "PRON"), ("Run", "VERB")]));
        }
        let p = prepare(&train, &Clusters::default());
        let mut stored = WordInfo::new("run");
        stored.set_amb(p.amb.get(&stored.lower).copied());
        // The stored class (all sentences) has both tags; a form's class is
        // keyed by its lowercase form.
        let (noun, verb) = (1u32 << 1, 1u32 << 3);
        assert_eq!(p.amb[&stored.lower].mask, noun | verb);
        assert_eq!(p.amb[&stored.lower].band, 3);
        // The noun sentence does not see its own occurrence: only VERB.
        let mut verb_only = WordInfo::new("run");
        verb_only.set_amb(Amb::of_counts(&[0, 0, 0, 9]));
        assert_eq!(p.data[0].0[1].amb, verb_only.amb);
        assert_ne!(p.data[0].0[1].amb, stored.amb);
        // A word seen once is unseen for its own sentence, seen at inference.
        assert_eq!(p.data[0].0[2].amb, AMB_UNSEEN);
        assert!(p.amb.contains_key(&WordInfo::new("zebra").lower));
        // A tag under 5 % of a frequent form's occurrences is left out.
        assert_eq!(Amb::of_counts(&[1, 0, 30]).map(|a| a.mask), Some(1 << 2));
    }

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
