//! Averaged multi-class perceptron: sparse training weights and a compact,
//! quantised, open-addressed weight table for fast prediction.

use crate::binio::{Reader, Writer};
use crate::hash::{key32, BuildId};
use anyhow::{bail, Result};
use std::collections::HashMap;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    stamp: u32,
    w: f32,
    total: f64,
}

/// Sparse averaged perceptron used during training.
pub struct Trainer {
    n_classes: usize,
    map: HashMap<u64, Vec<Entry>, BuildId>,
    step: u32,
}

impl Trainer {
    /// New trainer over `n_classes` classes.
    pub fn new(n_classes: usize) -> Self {
        Trainer {
            n_classes,
            map: HashMap::default(),
            step: 0,
        }
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Adds current (non-averaged) weights of `feats` into `scores` (which is zeroed first).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(v) = self.map.get(f) {
                for e in v {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Advances the averaging clock by one training instance.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Standard perceptron update: +1 to `gold`, -1 to `pred` on every feature.
    pub fn update(&mut self, feats: &[u64], gold: usize, pred: usize) {
        if gold == pred {
            return;
        }
        let step = self.step;
        for f in feats {
            let v = self.map.entry(*f).or_default();
            bump(v, gold as u16, 1.0, step);
            bump(v, pred as u16, -1.0, step);
        }
    }

    /// Averages the weights and converts them into a compact table.
    pub fn finish(self) -> Weights {
        self.snapshot()
    }

    /// Averaged weights as they stand now (training can continue).
    pub fn snapshot(&self) -> Weights {
        let step = self.step.max(1);
        let mut folded: HashMap<u32, Vec<(u16, f32)>, BuildId> = HashMap::default();
        for (k, v) in &self.map {
            let slot = folded.entry(key32(*k)).or_default();
            for e in v {
                let total = e.total + f64::from(step - e.stamp) * f64::from(e.w);
                let avg = (total / f64::from(step)) as f32;
                if avg != 0.0 {
                    if let Some(x) = slot.iter_mut().find(|x| x.0 == e.class) {
                        x.1 += avg;
                    } else {
                        slot.push((e.class, avg));
                    }
                }
            }
        }
        let max = folded
            .values()
            .flat_map(|v| v.iter().map(|x| x.1.abs()))
            .fold(0.0f32, f32::max)
            .max(1e-9);
        let scale = max / 32000.0;
        let mut items: Vec<(u32, Vec<(u8, i16)>)> = folded
            .into_iter()
            .filter_map(|(k, v)| {
                let mut q: Vec<(u8, i16)> = v
                    .into_iter()
                    .filter_map(|(c, w)| {
                        let qi = (w / scale).round() as i32;
                        (qi != 0).then_some((c as u8, qi.clamp(-32767, 32767) as i16))
                    })
                    .collect();
                q.sort_unstable_by_key(|x| x.0);
                (!q.is_empty()).then_some((k, q))
            })
            .collect();
        items.sort_unstable_by_key(|x| x.0);
        Weights::build(self.n_classes, scale, &items)
    }
}

#[inline]
fn bump(v: &mut Vec<Entry>, class: u16, delta: f32, step: u32) {
    if let Some(e) = v.iter_mut().find(|e| e.class == class) {
        e.total += f64::from(step - e.stamp) * f64::from(e.w);
        e.stamp = step;
        e.w += delta;
    } else {
        v.push(Entry {
            class,
            stamp: step,
            w: delta,
            total: 0.0,
        });
    }
}

/// Frozen, averaged and quantised weights with an open-addressed key table.
///
/// Each slot holds a feature key and an offset into `entries`; there, a
/// header word with the entry count is followed by packed entries
/// (class in the low 8 bits, i16 weight in the high 16 bits). Scores are in
/// units of `scale`, which does not change the arg-max.
pub struct Weights {
    n_classes: usize,
    scale: f32,
    mask: usize,
    slots: Vec<(u32, u32)>,
    entries: Vec<u32>,
    n_keys: usize,
    /// Dense copies (stride `n_classes`) of the weight lists of features
    /// with many classes; their header word holds `(row + 1) << 8`.
    dense: Vec<i16>,
}

/// Features with at least `n_classes / DENSE_DIV` weights also get a dense row.
const DENSE_DIV: usize = 4;

impl Weights {
    fn build(n_classes: usize, scale: f32, items: &[(u32, Vec<(u8, i16)>)]) -> Weights {
        let cap = (items.len() + items.len() / 2 + 1)
            .next_power_of_two()
            .max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u32); cap];
        let mut entries =
            Vec::with_capacity(1 + items.len() + items.iter().map(|x| x.1.len()).sum::<usize>());
        entries.push(0); // sentinel: empty entry list at offset 0
        for (k, v) in items {
            let mut s = slot(*k, mask);
            while slots[s].0 != 0 {
                s = (s + 1) & mask;
            }
            slots[s] = (*k, entries.len() as u32);
            entries.push(v.len() as u32);
            for &(c, w) in v {
                entries.push(u32::from(c) | (u32::from(w as u16) << 16));
            }
        }
        Weights {
            n_classes,
            scale,
            mask,
            slots,
            entries,
            n_keys: items.len(),
            dense: Vec::new(),
        }
        .densified()
    }

    /// Adds dense rows for the features with many classes (scored with
    /// vector adds instead of scattered ones; same sums).
    fn densified(mut self) -> Weights {
        let nc = self.n_classes;
        self.dense.clear();
        for i in 0..self.slots.len() {
            let (k, off) = self.slots[i];
            let o = off as usize;
            let n = (self.entries[o] & 0xff) as usize;
            if k == 0 || n * DENSE_DIV < nc || nc == 0 {
                continue;
            }
            let row = self.dense.len() / nc;
            self.dense.resize(self.dense.len() + nc, 0);
            for &e in &self.entries[o + 1..o + 1 + n] {
                self.dense[row * nc + (e & 0xff) as usize] = (e >> 16) as u16 as i16;
            }
            self.entries[o] = n as u32 | ((row as u32 + 1) << 8);
        }
        self
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of stored (feature, class) weights.
    pub fn len(&self) -> usize {
        self.entries.len() - self.n_keys - 1
    }

    /// True when no weight is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Scores all classes for the feature set; `scores` is zeroed first.
    ///
    /// Lookups are done in phases (all slots, then all entry headers, then
    /// the entries) so that the independent cache misses overlap.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        const CHUNK: usize = 64;
        for chunk in feats.chunks(CHUNK) {
            let m = chunk.len();
            // Phase 0: touch every first-probe slot without branching, so
            // that the cache misses are all in flight at once.
            let mut keys = [0u32; CHUNK];
            let mut pos = [0usize; CHUNK];
            let mut touch = 0u32;
            for ((k, p), &f) in keys.iter_mut().zip(pos.iter_mut()).zip(chunk) {
                *k = key32(f);
                *p = slot(*k, self.mask);
                touch ^= self.slots[*p].0;
            }
            std::hint::black_box(touch);
            // Phase 1: probe; absent features point at the empty sentinel
            // header at offset 0.
            let mut offs = [0u32; CHUNK];
            for ((o, &k), &p) in offs.iter_mut().zip(&keys[..m]).zip(&pos[..m]) {
                let mut s = p;
                loop {
                    let (kk, off) = self.slots[s];
                    if kk == k {
                        *o = off;
                        break;
                    }
                    if kk == 0 {
                        break;
                    }
                    s = (s + 1) & self.mask;
                }
            }
            // Phase 2: entry headers (branch-free), then the entries.
            let mut lens = [0u32; CHUNK];
            for (l, &o) in lens.iter_mut().zip(&offs[..m]) {
                *l = self.entries[o as usize];
            }
            let nc = self.n_classes;
            for (&o, &h) in offs[..m].iter().zip(&lens[..m]) {
                if h >> 8 != 0 {
                    let r = ((h >> 8) - 1) as usize * nc;
                    for (sc, &w) in scores.iter_mut().zip(&self.dense[r..r + nc]) {
                        *sc += f32::from(w);
                    }
                    continue;
                }
                let a = o as usize + 1;
                for &e in &self.entries[a..a + (h & 0xff) as usize] {
                    if let Some(sc) = scores.get_mut((e & 0xff) as usize) {
                        *sc += f32::from((e >> 16) as u16 as i16);
                    }
                }
            }
        }
    }

    /// Adds the summed weights of `feats` into `acc`, per class, as exact
    /// integers (the same totals [`Weights::score`] computes: every weight is
    /// an integer below 2^15 and no realistic sum reaches 2^24, so the f32
    /// sums there are exact too and the two agree whatever the order).
    #[inline]
    pub fn add_into(&self, feats: &[u64], acc: &mut [i32]) {
        self.add_rows(feats, |_| 0, acc);
    }

    /// Like [`Weights::add_into`], but feature `k` is added into row
    /// `row(k)` of `acc` (rows of `n_classes` sums), so that the lookups
    /// of several sums overlap.
    #[inline]
    pub fn add_rows(&self, feats: &[u64], row: impl Fn(usize) -> usize, acc: &mut [i32]) {
        const CHUNK: usize = 128;
        let nc = self.n_classes;
        for (ci, chunk) in feats.chunks(CHUNK).enumerate() {
            let m = chunk.len();
            // Phase 0: touch every first-probe slot without branching, so
            // that the cache misses are all in flight at once.
            let mut keys = [0u32; CHUNK];
            let mut pos = [0usize; CHUNK];
            let mut touch = 0u32;
            for ((k, p), &f) in keys.iter_mut().zip(pos.iter_mut()).zip(chunk) {
                *k = key32(f);
                *p = slot(*k, self.mask);
                touch ^= self.slots[*p].0;
            }
            std::hint::black_box(touch);
            // Phase 1: probe (absent features: the empty header at 0).
            let mut offs = [0u32; CHUNK];
            for ((o, &k), &p) in offs.iter_mut().zip(&keys[..m]).zip(&pos[..m]) {
                let mut s = p;
                loop {
                    let (kk, off) = self.slots[s];
                    if kk == k {
                        *o = off;
                        break;
                    }
                    if kk == 0 {
                        break;
                    }
                    s = (s + 1) & self.mask;
                }
            }
            // Phase 2: entry headers, then the entries.
            let mut lens = [0u32; CHUNK];
            for (l, &o) in lens.iter_mut().zip(&offs[..m]) {
                *l = self.entries[o as usize];
            }
            for (j, (&o, &h)) in offs[..m].iter().zip(&lens[..m]).enumerate() {
                let base = row(ci * CHUNK + j) * nc;
                let acc = &mut acc[base..base + nc];
                if h >> 8 != 0 {
                    let r = ((h >> 8) - 1) as usize * nc;
                    for (a, &w) in acc.iter_mut().zip(&self.dense[r..r + nc]) {
                        *a += i32::from(w);
                    }
                    continue;
                }
                let a = o as usize + 1;
                for &e in &self.entries[a..a + (h & 0xff) as usize] {
                    if let Some(x) = acc.get_mut((e & 0xff) as usize) {
                        *x += i32::from((e >> 16) as u16 as i16);
                    }
                }
            }
        }
    }

    /// A copy without the weights whose quantised magnitude is below `min_q`
    /// (the largest weight is 32,000); features left without weights are dropped.
    pub fn pruned(&self, min_q: i32) -> Weights {
        let q = min_q;
        let mut items: Vec<(u32, Vec<(u8, i16)>)> = Vec::with_capacity(self.n_keys);
        for &(k, off) in self.slots.iter().filter(|x| x.0 != 0) {
            let n = (self.entries[off as usize] & 0xff) as usize;
            let v: Vec<(u8, i16)> = self.entries[off as usize + 1..off as usize + 1 + n]
                .iter()
                .map(|&e| ((e & 0xff) as u8, (e >> 16) as u16 as i16))
                .filter(|&(_, w)| i32::from(w).abs() >= q)
                .collect();
            if !v.is_empty() {
                items.push((k, v));
            }
        }
        items.sort_unstable_by_key(|x| x.0);
        Weights::build(self.n_classes, self.scale, &items)
    }

    /// Serialises the weights.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        w.f32(self.scale);
        w.u32(self.n_keys as u32);
        // Keys sorted and delta-coded for better compression.
        let mut order: Vec<(u32, u32)> = self.slots.iter().copied().filter(|x| x.0 != 0).collect();
        order.sort_unstable();
        let mut prev = 0u32;
        for &(k, _) in &order {
            w.varint(u64::from(k - prev));
            prev = k;
        }
        let ents = |off: u32| {
            let n = (self.entries[off as usize] & 0xff) as usize;
            &self.entries[off as usize + 1..off as usize + 1 + n]
        };
        for &(_, off) in &order {
            let e = ents(off);
            w.varint(e.len() as u64);
            for &x in e {
                w.u8((x & 0xff) as u8);
            }
        }
        for &(_, off) in &order {
            for &x in ents(off) {
                w.i16((x >> 16) as u16 as i16);
            }
        }
    }

    /// Reads weights written by [`Weights::write`].
    pub fn read(r: &mut Reader) -> Result<Weights> {
        let n_classes = r.u32()? as usize;
        let scale = r.f32()?;
        let n = r.u32()? as usize;
        if n_classes > 255 {
            bail!("too many classes ({n_classes})");
        }
        if n > 50_000_000 {
            bail!("implausible weight table size {n}");
        }
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u32;
        for _ in 0..n {
            let d = r.varint()?;
            prev = prev.wrapping_add(d as u32);
            keys.push(prev);
        }
        // Entries are laid out in key order: header word, then packed entries.
        let mut entries: Vec<u32> = Vec::with_capacity(n * 4);
        entries.push(0); // sentinel: empty entry list at offset 0
        let mut offs = Vec::with_capacity(n);
        for _ in 0..n {
            let l = r.varint()? as usize;
            if l > n_classes {
                bail!("too many entries for one feature");
            }
            offs.push(entries.len() as u32);
            entries.push(l as u32);
            for _ in 0..l {
                let c = r.u8()?;
                if c as usize >= n_classes {
                    bail!("class index out of range");
                }
                entries.push(u32::from(c));
            }
        }
        for &o in &offs {
            let l = entries[o as usize] as usize;
            for e in &mut entries[o as usize + 1..o as usize + 1 + l] {
                *e |= u32::from(r.i16()? as u16) << 16;
            }
        }
        let cap = (n + n / 2 + 1).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(0u32, 0u32); cap];
        for (&k, &o) in keys.iter().zip(&offs) {
            if k == 0 {
                bail!("zero feature key");
            }
            let mut s = slot(k, mask);
            while slots[s].0 != 0 {
                if slots[s].0 == k {
                    bail!("duplicate feature key");
                }
                s = (s + 1) & mask;
            }
            slots[s] = (k, o);
        }
        Ok(Weights {
            n_classes,
            scale,
            mask,
            slots,
            entries,
            n_keys: n,
            dense: Vec::new(),
        }
        .densified())
    }
}

#[inline]
fn slot(k: u32, mask: usize) -> usize {
    (k.wrapping_mul(0x9E37_79B1) as usize) & mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_and_sparse_rows_score_alike_and_survive_io() {
        let mut t = Trainer::new(8);
        // Feature 1 touches every class (dense row), feature 2 two classes.
        for c in 0..8 {
            t.tick();
            t.update(&[1, 3], c, (c + 1) % 8);
        }
        t.tick();
        t.update(&[2], 5, 6);
        let w = t.snapshot();
        let mut a = vec![0f32; 8];
        w.score(&[1, 2, 99], &mut a);
        assert!(a.iter().any(|&x| x != 0.0));
        let mut buf = Writer::default();
        w.write(&mut buf);
        let r = Weights::read(&mut Reader::new(&buf.buf)).expect("reads back");
        let mut b = vec![0f32; 8];
        r.score(&[1, 2, 99], &mut b);
        assert_eq!(a, b);
        assert_eq!(r.len(), w.len());
        let p = w.pruned(0);
        let mut c = vec![0f32; 8];
        p.score(&[1, 2, 99], &mut c);
        assert_eq!(a, c);
    }
}
