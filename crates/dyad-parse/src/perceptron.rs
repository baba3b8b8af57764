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
        Weights::quantised(self.n_classes, folded)
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

/// Frozen, averaged and quantised weights in an open-addressed key table.
///
/// Keys live in 64-byte buckets of [`WAYS`] slots (the keys first, then
/// three words per slot), probed linearly from a bucket start, so most
/// lookups read one cache line. A weight is packed into one word: class in
/// the low 8 bits, i16 weight in the high 16 bits. A feature with at most
/// three weights keeps them in its slot (unused words are [`PAD`], a class
/// past the last, skipped when adding). A longer list is marked with
/// [`LONG`] in the first word; the second word is the offset of its
/// entries in `entries` and the third its header: the count in the low 8
/// bits and, for features with many classes, `(row + 1) << 8` of a dense
/// row. Scores are in units of `scale`, which does not change the arg-max.
pub struct Weights {
    n_classes: usize,
    scale: f32,
    buckets: Vec<Bucket>,
    entries: Vec<u32>,
    n_keys: usize,
    n_weights: usize,
    /// Dense copies (stride `n_classes`) of the weight lists of features
    /// with many classes.
    dense: Vec<i16>,
}

/// Slots per bucket.
const WAYS: usize = 4;

/// One cache line of the key table.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket {
    keys: [u32; WAYS],
    vals: [[u32; 3]; WAYS],
}

/// First-word flag of a slot whose weights live in `entries`.
const LONG: u32 = 0x100;

/// Bit of the first word of a bucket's first slot (outside the class and
/// weight bits, and apart from [`LONG`]) that is set when a key whose
/// probing starts at this bucket is stored in a later one. Without it, a
/// key missing from its first bucket is absent even when that bucket is
/// full, so that most lookups of absent keys read one cache line.
const OVERFLOW: u32 = 0x200;

/// An unused slot word: class 255 (never a class: there are at most 255),
/// weight 0. Padding with a skipped class rather than with class 0 keeps
/// the adds of different features off one shared counter.
const PAD: u32 = 0xff;

/// Features with at least `n_classes / DENSE_DIV` weights also get a dense row.
const DENSE_DIV: usize = 4;

/// The table holds at most `LOAD_NUM / LOAD_DEN` keys per slot.
const LOAD_NUM: usize = 3;
const LOAD_DEN: usize = 4;

#[inline]
fn pack(c: u8, w: i16) -> u32 {
    u32::from(c) | (u32::from(w as u16) << 16)
}

#[inline]
fn weight(e: u32) -> i32 {
    i32::from((e >> 16) as u16 as i16)
}

/// Hints the processor to fetch the cache line at `p` (no effect on results).
#[inline(always)]
fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: SSE is part of the x86_64 baseline, and a prefetch is only
        // a hint: it never faults and changes no memory or result.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((p as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl Weights {
    /// Quantises float weights per (key, class) to i16 (the largest
    /// magnitude becomes 32,000) and builds the table.
    fn quantised(n_classes: usize, folded: HashMap<u32, Vec<(u16, f32)>, BuildId>) -> Weights {
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
        Weights::build(n_classes, scale, &items)
    }

    /// The sum of several weight tables over the same classes: one model
    /// whose scores are the sum of theirs (for linear models, summing the
    /// weights is the score ensemble), re-quantised.
    pub fn sum(parts: &[&Weights]) -> Weights {
        let n_classes = parts.first().map_or(0, |w| w.n_classes);
        let mut folded: HashMap<u32, Vec<(u16, f32)>, BuildId> = HashMap::default();
        for w in parts {
            debug_assert_eq!(w.n_classes, n_classes);
            for (k, list) in w.lists() {
                let slot = folded.entry(k).or_default();
                for &e in list {
                    let (c, q) = ((e & 0xff) as u16, weight(e));
                    let x = q as f32 * w.scale;
                    if let Some(y) = slot.iter_mut().find(|y| y.0 == c) {
                        y.1 += x;
                    } else {
                        slot.push((c, x));
                    }
                }
            }
        }
        Weights::quantised(n_classes, folded)
    }

    fn build(n_classes: usize, scale: f32, items: &[(u32, Vec<(u8, i16)>)]) -> Weights {
        let keys: Vec<u32> = items.iter().map(|x| x.0).collect();
        let mut flat = Vec::with_capacity(items.iter().map(|x| x.1.len()).sum());
        let mut starts = Vec::with_capacity(items.len() + 1);
        for (_, v) in items {
            starts.push(flat.len());
            flat.extend(v.iter().map(|&(c, w)| pack(c, w)));
        }
        starts.push(flat.len());
        Weights::from_lists(n_classes, scale, &keys, &starts, &flat)
            .expect("trainer keys are unique and non-zero")
    }

    /// Builds the table from distinct non-zero `keys`, the weight list of
    /// key `i` being `flat[starts[i]..starts[i + 1]]` (packed, non-empty).
    fn from_lists(
        n_classes: usize,
        scale: f32,
        keys: &[u32],
        starts: &[usize],
        flat: &[u32],
    ) -> Result<Weights> {
        let n = keys.len();
        let nb = (n * LOAD_DEN / (LOAD_NUM * WAYS) + 1).max(4);
        let mut buckets = huge_vec(nb, Bucket::default());
        let long: usize = (0..n)
            .map(|i| starts[i + 1] - starts[i])
            .filter(|&l| l > 3)
            .sum();
        let mut entries = Vec::with_capacity(long);
        advise_huge(entries.spare_capacity_mut());
        let mut dense: Vec<i16> = Vec::new();
        let nc = n_classes;
        for (i, &k) in keys.iter().enumerate() {
            if k == 0 {
                bail!("zero feature key");
            }
            let list = &flat[starts[i]..starts[i + 1]];
            let mut val = [PAD; 3];
            if list.len() <= 3 {
                val[..list.len()].copy_from_slice(list);
            } else {
                let mut h = list.len() as u32;
                if list.len() * DENSE_DIV >= nc {
                    let row = dense.len() / nc;
                    dense.resize(dense.len() + nc, 0);
                    for &e in list {
                        dense[row * nc + (e & 0xff) as usize] = (e >> 16) as u16 as i16;
                    }
                    h |= (row as u32 + 1) << 8;
                }
                val = [LONG, entries.len() as u32, h];
                entries.extend_from_slice(list);
            }
            let home = bucket_of(k, nb);
            let mut b = home;
            'probe: loop {
                let bk = &mut buckets[b];
                for j in 0..WAYS {
                    if bk.keys[j] == k {
                        bail!("duplicate feature key");
                    }
                    if bk.keys[j] == 0 {
                        bk.keys[j] = k;
                        bk.vals[j] = val;
                        break 'probe;
                    }
                }
                b = if b + 1 == nb { 0 } else { b + 1 };
            }
            if b != home {
                // The home bucket is full, so its first slot is in use; the
                // bit is outside the class and weight bits of that word.
                buckets[home].vals[0][0] |= OVERFLOW;
            }
        }
        Ok(Weights {
            n_classes,
            scale,
            buckets,
            entries,
            n_keys: n,
            n_weights: flat.len(),
            dense,
        })
    }

    /// The stored (key, packed weight list) pairs, in table order.
    fn lists(&self) -> impl Iterator<Item = (u32, &[u32])> + '_ {
        self.buckets.iter().flat_map(move |b| {
            (0..WAYS).filter(|&j| b.keys[j] != 0).map(move |j| {
                let v = &b.vals[j];
                let list: &[u32] = if v[0] & LONG != 0 {
                    let o = v[1] as usize;
                    &self.entries[o..o + (v[2] & 0xff) as usize]
                } else {
                    let l = v.iter().position(|&e| e == PAD).unwrap_or(3);
                    &v[..l]
                };
                (b.keys[j], list)
            })
        })
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of stored (feature, class) weights.
    pub fn len(&self) -> usize {
        self.n_weights
    }

    /// True when no weight is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The three slot words of key `k` (all [`PAD`] when absent), probing from
    /// bucket `b`: one cache line unless `k` is missing from it, it is full
    /// and a key starting there was stored further on.
    #[inline(always)]
    fn find(&self, k: u32, b: usize) -> [u32; 3] {
        let bk = &self.buckets[b];
        let mut eq = 0u32;
        let mut empty = 0u32;
        for j in 0..WAYS {
            eq |= u32::from(bk.keys[j] == k) << j;
            empty |= u32::from(bk.keys[j] == 0) << j;
        }
        if eq == 0 && empty == 0 && bk.vals[0][0] & OVERFLOW != 0 {
            return self.find_on(k, b);
        }
        // Found: that slot's words; absent: all PAD (selected without a branch).
        let v = bk.vals[(eq.trailing_zeros() as usize) & (WAYS - 1)];
        let m = 0u32.wrapping_sub(u32::from(eq != 0));
        [
            v[0] & m | PAD & !m,
            v[1] & m | PAD & !m,
            v[2] & m | PAD & !m,
        ]
    }

    /// [`Weights::find`] past a full first bucket `b`: linear probing until
    /// the key or a free slot.
    #[cold]
    fn find_on(&self, k: u32, mut b: usize) -> [u32; 3] {
        let nb = self.buckets.len();
        loop {
            b = if b + 1 == nb { 0 } else { b + 1 };
            let bk = &self.buckets[b];
            for j in 0..WAYS {
                if bk.keys[j] == k {
                    return bk.vals[j];
                }
                if bk.keys[j] == 0 {
                    return [PAD; 3];
                }
            }
        }
    }

    /// Scores all classes for the feature set; `scores` is zeroed first.
    ///
    /// The same totals as [`Weights::add_into`]: every weight is an integer
    /// below 2^15 and no realistic sum reaches 2^24, so the f32 sums are
    /// exact whatever the order.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let mut acc = [0i32; 256];
        let nc = self.n_classes;
        self.add_into(feats, &mut acc[..nc]);
        for (s, &a) in scores.iter_mut().zip(&acc[..nc]) {
            *s = a as f32;
        }
    }

    /// Adds the summed weights of `feats` into `acc`, per class, as exact
    /// integers.
    #[inline(always)]
    pub fn add_into(&self, feats: &[u64], acc: &mut [i32]) {
        const CHUNK: usize = 128;
        let nc = self.n_classes;
        let nb = self.buckets.len();
        // Class 255 (PAD) is a dummy counter past the real classes.
        let mut sc = [0i32; 256];
        for chunk in feats.chunks(CHUNK) {
            let m = chunk.len();
            let mut keys = [0u32; CHUNK];
            let mut bs = [0u32; CHUNK];
            for ((k, b), &f) in keys.iter_mut().zip(bs.iter_mut()).zip(chunk) {
                *k = key32(f);
                *b = bucket_of(*k, nb) as u32;
                prefetch(&self.buckets[*b as usize]);
            }
            let mut dense = [0u32; CHUNK];
            let mut nd = 0usize;
            let mut sparse = [(0u32, 0u32); CHUNK];
            let mut ns = 0usize;
            for (&k, &b) in keys[..m].iter().zip(&bs[..m]) {
                let v = self.find(k, b as usize);
                let long = v[0] & LONG != 0;
                let lm = 0u32.wrapping_sub(u32::from(!long));
                for &w in &v {
                    let w = w & lm | PAD & !lm;
                    sc[(w & 0xff) as usize] += weight(w);
                }
                let is_dense = long && v[2] >> 8 != 0;
                dense[nd] = (v[2] >> 8).wrapping_sub(1);
                nd += usize::from(is_dense);
                sparse[ns] = (v[1], v[2] & 0xff);
                ns += usize::from(long && !is_dense);
                if long {
                    if is_dense {
                        let r = ((v[2] >> 8) - 1) as usize * nc;
                        if let Some(x) = self.dense.get(r) {
                            prefetch(x);
                        }
                    } else if let Some(x) = self.entries.get(v[1] as usize) {
                        prefetch(x);
                    }
                }
            }
            for &r in &dense[..nd] {
                let r = r as usize * nc;
                for (a, &w) in sc[..nc].iter_mut().zip(&self.dense[r..r + nc]) {
                    *a += i32::from(w);
                }
            }
            for &(o, l) in &sparse[..ns] {
                let o = o as usize;
                for &e in &self.entries[o..o + l as usize] {
                    sc[(e & 0xff) as usize] += weight(e);
                }
            }
        }
        for (a, &s) in acc.iter_mut().zip(&sc[..nc]) {
            *a += s;
        }
    }

    /// Like [`Weights::add_into`], but feature `k` is added into row
    /// `row(k)` of `acc` (rows of `n_classes` sums), so that the lookups
    /// of several sums overlap.
    ///
    /// Lookups go in phases (prefetch every bucket, then probe, then
    /// prefetch the long lists, then add) so that the cache misses of
    /// independent features are in flight together.
    #[inline(always)]
    pub fn add_rows(&self, feats: &[u64], row: impl Fn(usize) -> usize, acc: &mut [i32]) {
        const CHUNK: usize = 128;
        let nc = self.n_classes;
        let nb = self.buckets.len();
        for (ci, chunk) in feats.chunks(CHUNK).enumerate() {
            let m = chunk.len();
            let mut keys = [0u32; CHUNK];
            let mut bs = [0u32; CHUNK];
            for ((k, b), &f) in keys.iter_mut().zip(bs.iter_mut()).zip(chunk) {
                *k = key32(f);
                *b = bucket_of(*k, nb) as u32;
                prefetch(&self.buckets[*b as usize]);
            }
            let mut vals = [[PAD; 3]; CHUNK];
            for ((v, &k), &b) in vals.iter_mut().zip(&keys[..m]).zip(&bs[..m]) {
                *v = self.find(k, b as usize);
                if v[0] & LONG != 0 {
                    if v[2] >> 8 != 0 {
                        let r = ((v[2] >> 8) - 1) as usize * nc;
                        if let Some(x) = self.dense.get(r) {
                            prefetch(x);
                        }
                    } else if let Some(x) = self.entries.get(v[1] as usize) {
                        prefetch(x);
                    }
                }
            }
            for (j, v) in vals[..m].iter().enumerate() {
                let base = row(ci * CHUNK + j) * nc;
                let acc = &mut acc[base..base + nc];
                if v[0] & LONG == 0 {
                    for &e in v {
                        if let Some(x) = acc.get_mut((e & 0xff) as usize) {
                            *x += weight(e);
                        }
                    }
                } else if v[2] >> 8 != 0 {
                    let r = ((v[2] >> 8) - 1) as usize * nc;
                    for (a, &w) in acc.iter_mut().zip(&self.dense[r..r + nc]) {
                        *a += i32::from(w);
                    }
                } else {
                    let o = v[1] as usize;
                    for &e in &self.entries[o..o + (v[2] & 0xff) as usize] {
                        if let Some(x) = acc.get_mut((e & 0xff) as usize) {
                            *x += weight(e);
                        }
                    }
                }
            }
        }
    }

    /// The size of one quantised unit (scores are in these units).
    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// A copy without the weights whose quantised magnitude is below `min_q`
    /// (the largest weight is 32,000); features left without weights are dropped.
    pub fn pruned(&self, min_q: i32) -> Weights {
        let mut items: Vec<(u32, Vec<(u8, i16)>)> = Vec::with_capacity(self.n_keys);
        for (k, list) in self.lists() {
            let v: Vec<(u8, i16)> = list
                .iter()
                .map(|&e| ((e & 0xff) as u8, (e >> 16) as u16 as i16))
                .filter(|&(_, w)| i32::from(w).abs() >= min_q)
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
        let mut order: Vec<(u32, &[u32])> = self.lists().collect();
        order.sort_unstable_by_key(|x| x.0);
        let mut prev = 0u32;
        for &(k, _) in &order {
            w.varint(u64::from(k - prev));
            prev = k;
        }
        for &(_, e) in &order {
            w.varint(e.len() as u64);
            for &x in e {
                w.u8((x & 0xff) as u8);
            }
        }
        for &(_, e) in &order {
            for &x in e {
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
        // Lists in key order: classes first, then all the weights.
        let mut starts = Vec::with_capacity(n + 1);
        let mut flat: Vec<u32> = Vec::with_capacity(n * 4);
        for _ in 0..n {
            let l = r.varint()? as usize;
            if l == 0 || l > n_classes {
                bail!("bad entry count for one feature");
            }
            starts.push(flat.len());
            for _ in 0..l {
                let c = r.u8()?;
                if c as usize >= n_classes {
                    bail!("class index out of range");
                }
                flat.push(u32::from(c));
            }
        }
        starts.push(flat.len());
        for e in &mut flat {
            let w = r.i16()?;
            if w == 0 {
                bail!("zero weight");
            }
            *e |= u32::from(w as u16) << 16;
        }
        Weights::from_lists(n_classes, scale, &keys, &starts, &flat)
    }
}

/// Whether this processor has AVX2 (x86_64), so that the hot loops may run a
/// copy compiled for it. Integer sums: the same results either way.
#[inline]
pub(crate) fn has_avx2() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// The bucket where probing for key `k` starts (of `nb`).
#[inline(always)]
fn bucket_of(k: u32, nb: usize) -> usize {
    ((u64::from(k.wrapping_mul(0x9E37_79B1)) * nb as u64) >> 32) as usize
}

/// A vector of `n` copies of `x` whose pages the kernel is asked to back
/// with huge pages (fewer TLB misses on random lookups).
fn huge_vec<T: Clone>(n: usize, x: T) -> Vec<T> {
    let mut v = Vec::with_capacity(n);
    advise_huge(v.spare_capacity_mut());
    v.resize(n, x);
    v
}

/// Asks the kernel (Linux) to back the memory of `v` with transparent huge
/// pages; a hint only, without effect elsewhere or when it is refused.
fn advise_huge<T>(v: &[T]) {
    #[cfg(target_os = "linux")]
    {
        extern "C" {
            fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
        }
        const MADV_HUGEPAGE: i32 = 14;
        const PAGE: usize = 4096;
        let start = v.as_ptr() as usize;
        let end = start + std::mem::size_of_val(v);
        let (a, b) = ((start + PAGE - 1) & !(PAGE - 1), end & !(PAGE - 1));
        if b >= a + (2 << 20) {
            // SAFETY: madvise with MADV_HUGEPAGE only changes how the pages of
            // this range (inside `v`'s allocation) are backed, never their
            // contents; a failure is harmless and ignored.
            unsafe {
                madvise(a as *mut std::ffi::c_void, b - a, MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
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

    #[test]
    fn summed_weights_score_the_sum_of_the_parts() {
        let train = |order: &[usize]| {
            let mut t = Trainer::new(4);
            for &i in order {
                t.tick();
                t.update(&[i as u64 + 1, 10], i % 4, (i + 1) % 4);
            }
            t.finish()
        };
        let a = train(&[0, 1, 2, 3, 5, 7]);
        let b = train(&[3, 2, 2, 8, 1]);
        let s = Weights::sum(&[&a, &b]);
        for feats in [&[1u64, 10][..], &[3, 9], &[4, 6, 10], &[42]] {
            let (mut x, mut y, mut z) = (vec![0f32; 4], vec![0f32; 4], vec![0f32; 4]);
            a.score(feats, &mut x);
            b.score(feats, &mut y);
            s.score(feats, &mut z);
            for k in 0..4 {
                // Scores are in each table's quantised units; in real units
                // they are equal up to re-quantisation (half a step of the
                // summed table's scale per weight).
                let (sum, summed) = (x[k] * a.scale() + y[k] * b.scale(), z[k] * s.scale());
                let tol = s.scale() * feats.len() as f32;
                assert!(
                    (sum - summed).abs() <= tol,
                    "{feats:?} class {k}: {sum} {summed}"
                );
            }
        }
        // A feature only one part has keeps its weights.
        assert!(s.len() >= a.len().max(b.len()));
    }
}
