//! Greedy arc-eager transition parser (labelled, projective) with an averaged
//! perceptron, Zhang & Nivre (2011) rich features and the Goldberg & Nivre
//! (2012) dynamic oracle.

use crate::binio::{Reader, Writer};
use crate::clusters::prefix;
use crate::hash::{mix, Rng};
use crate::perceptron::{Trainer, Weights};
use anyhow::{bail, Result};

/// Transition `SHIFT`.
pub const SHIFT: usize = 0;
/// Transition `REDUCE`.
pub const REDUCE: usize = 1;
const NOHEAD: usize = usize::MAX;
const ROOT_W: u64 = 0xA0A0_0001;
const NONE_W: u64 = 0xB0B0_0002;

/// Word identities and tags of one sentence; index 0 is the artificial root.
pub struct Context {
    /// Word hashes (lower-cased form), root first.
    pub w: Vec<u64>,
    /// Tag hashes, root first.
    pub p: Vec<u64>,
    /// Word-ending hashes (for rare words), root first.
    pub s: Vec<u64>,
    /// Word-cluster nodes (0: none), root first.
    pub c: Vec<u16>,
    /// The tagger's runner-up tag with its margin band, or one constant
    /// when the tag is clear (see `alt_key` in the crate root), root first.
    pub a: Vec<u64>,
    /// The guide parser's tree (stacking): (head, label index) of every
    /// word, root first; empty when the parser is not guided.
    pub g: Vec<(usize, u8)>,
}

impl Context {
    /// Builds a context from per-word hashes (without the root): words as
    /// (form, ending, cluster), tags as (tag, runner-up key).
    pub fn new(
        words: impl Iterator<Item = (u64, u64, u16)>,
        tags: impl Iterator<Item = (u64, u64)>,
    ) -> Context {
        let mut w = vec![ROOT_W];
        let mut s = vec![ROOT_W];
        let mut c = vec![1u16 << 15];
        for (a, b, k) in words {
            w.push(a);
            s.push(b);
            c.push(k);
        }
        let mut p = vec![ROOT_W];
        let mut a = vec![ROOT_W];
        for (t, x) in tags {
            p.push(t);
            a.push(x);
        }
        Context {
            w,
            p,
            s,
            c,
            a,
            g: Vec::new(),
        }
    }

    /// Number of words (the root not counted).
    pub fn n(&self) -> usize {
        self.w.len() - 1
    }

    /// The same sentence with its words in reverse order (root still
    /// first), without a guide: what a right-to-left parser reads.
    pub fn reversed(&self) -> Context {
        fn rev<T: Copy>(v: &[T]) -> Vec<T> {
            v[..1].iter().chain(v[1..].iter().rev()).copied().collect()
        }
        Context {
            w: rev(&self.w),
            p: rev(&self.p),
            s: rev(&self.s),
            c: rev(&self.c),
            a: rev(&self.a),
            g: Vec::new(),
        }
    }

    /// Sets the guide tree from a right-to-left parse of
    /// [`Context::reversed`] (heads and labels of words 1..=n of the reversed
    /// sentence, head 0 = root).
    pub fn set_guide_reversed(&mut self, heads: &[usize], labels: &[u8]) {
        let n = self.n();
        self.g.clear();
        self.g.push((0, 0));
        for i in 1..=n {
            let j = mirror(n, i);
            self.g.push((mirror(n, heads[j - 1]), labels[j - 1]));
        }
    }

    /// Sets the guide tree to `guide`'s parse of the sentence read
    /// backwards (`guide` is a right-to-left parser).
    pub fn set_guide(&mut self, guide: &Parser) {
        let (h, l) = guide.parse(&self.reversed());
        self.set_guide_reversed(&h, &l);
    }
}

/// Position of token `k` of an `n`-word sentence read backwards (the root,
/// 0, stays where it is).
fn mirror(n: usize, k: usize) -> usize {
    if k == 0 {
        0
    } else {
        n + 1 - k
    }
}

/// A tree over a sentence read backwards: word `j` becomes `n + 1 - j`
/// (index 0, the root, stays; so does head 0).
pub fn reverse_tree(heads: &[usize], labels: &[u8]) -> (Vec<usize>, Vec<u8>) {
    let n = heads.len() - 1;
    (0..=n)
        .map(|i| {
            let j = mirror(n, i);
            (mirror(n, heads[j]), labels[j])
        })
        .unzip()
}

/// A parser configuration: stack, buffer front and the partial tree.
///
/// The artificial root (token 0) sits at the *end* of the buffer, after the
/// last word (Ballesteros & Nivre 2013, "Going to the roots of dependency
/// parsing"): a word becomes the root's dependent only once the whole
/// sentence has been read, instead of by an early right-arc from the root.
#[derive(Clone, Debug)]
pub struct State {
    n: usize,
    /// The stack of words (empty at the start).
    pub stack: Vec<usize>,
    /// Front of the buffer as a position: words `b..=n` remain, then the
    /// root at position `n + 1`.
    pub b: usize,
    /// Head of each word (`usize::MAX` while unattached); index 0 unused.
    pub head: Vec<usize>,
    /// Label index of each attached word.
    pub label: Vec<u8>,
    lmost: Vec<usize>,
    l2: Vec<usize>,
    rmost: Vec<usize>,
    r2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    /// Initial configuration for a sentence of `n` words.
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::new(),
            b: 1,
            head: vec![NOHEAD; n + 1],
            label: vec![0; n + 1],
            lmost: vec![0; n + 1],
            l2: vec![0; n + 1],
            rmost: vec![0; n + 1],
            r2: vec![0; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    /// True when only the root is left in the buffer and the stack is empty.
    pub fn terminal(&self) -> bool {
        self.b > self.n && self.stack.is_empty()
    }

    /// The top of the stack (0, the root's index, when the stack is empty).
    fn s0(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    /// The token at buffer position `pos` (the root after the last word).
    fn token_at(&self, pos: usize) -> Option<usize> {
        match pos {
            _ if pos <= self.n => Some(pos),
            _ if pos == self.n + 1 => Some(0),
            _ => None,
        }
    }

    fn add_arc(&mut self, h: usize, d: usize, l: u8) {
        self.head[d] = h;
        self.label[d] = l;
        let bit = 1u64 << (l & 63);
        if d < h {
            if self.lmost[h] == 0 || d < self.lmost[h] {
                self.l2[h] = self.lmost[h];
                self.lmost[h] = d;
            } else if self.l2[h] == 0 || d < self.l2[h] {
                self.l2[h] = d;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            if d > self.rmost[h] {
                self.r2[h] = self.rmost[h];
                self.rmost[h] = d;
            } else if d > self.r2[h] {
                self.r2[h] = d;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }

    /// Whether transition `a` (over `nl` labels) is allowed here.
    pub fn valid(&self, a: usize, nl: usize) -> bool {
        if self.terminal() {
            return false;
        }
        let s = self.s0();
        let word_next = self.b <= self.n;
        let stacked = !self.stack.is_empty();
        match a {
            SHIFT => word_next,
            REDUCE => stacked && self.head[s] != NOHEAD,
            _ if a < 2 + nl => stacked && self.head[s] == NOHEAD,
            _ => stacked && word_next,
        }
    }

    /// Applies transition `a` (assumed valid).
    pub fn apply(&mut self, a: usize, nl: usize) {
        match a {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            _ if a < 2 + nl => {
                let s = self.stack.pop().unwrap_or(0);
                let h = self.token_at(self.b).unwrap_or(0);
                self.add_arc(h, s, (a - 2) as u8);
            }
            _ => {
                let s = self.s0();
                self.add_arc(s, self.b, (a - 2 - nl) as u8);
                self.stack.push(self.b);
                self.b += 1;
            }
        }
    }

    /// Makes a tree with one root, from a terminal configuration (where
    /// every word has a head): of the root's dependents the first keeps the
    /// root, with the root label; the others attach to it.
    pub fn finish(&mut self, root_label: u8, fallback_label: u8) {
        debug_assert!(self.head[1..].iter().all(|&h| h != NOHEAD));
        let Some(top) = (1..=self.n).find(|&i| self.head[i] == 0) else {
            return;
        };
        self.label[top] = root_label;
        for i in top + 1..=self.n {
            if self.head[i] == 0 {
                self.head[i] = top;
                self.label[i] = fallback_label;
            }
        }
    }

    /// Dynamic-oracle cost of every transition (u32::MAX when invalid):
    /// the number of gold arcs (a wrong label counts) it makes unreachable.
    pub fn costs(&self, gh: &[usize], gl: &[u8], nl: usize, out: &mut Vec<u32>) {
        out.clear();
        out.resize(2 + 2 * nl, u32::MAX);
        if self.terminal() {
            return;
        }
        let (b, n) = (self.b, self.n);
        // Buffer position of a head (the root comes after the last word).
        let pos = |k: usize| if k == 0 { n + 1 } else { k };
        let n0 = self.token_at(b).unwrap_or(0);
        let stacked = !self.stack.is_empty();
        let s = self.s0();
        // Gold dependents of s still among the words of the buffer.
        let deps_s_in_buffer = if stacked {
            (b..=n).filter(|&k| gh[k] == s).count() as u32
        } else {
            0
        };
        // Headless stack words whose gold head is the buffer front.
        let stack_deps_of_n0 = self
            .stack
            .iter()
            .filter(|&&k| self.head[k] == NOHEAD && gh[k] == n0)
            .count() as u32;
        if b <= n {
            let head_b_in_stack = self.stack.contains(&gh[b]);
            out[SHIFT] = u32::from(head_b_in_stack) + stack_deps_of_n0;
        }
        if stacked && self.head[s] != NOHEAD {
            out[REDUCE] = deps_s_in_buffer;
        }
        if stacked && self.head[s] == NOHEAD {
            let base = deps_s_in_buffer + u32::from(pos(gh[s]) > b);
            for l in 0..nl {
                out[2 + l] = base + u32::from(gh[s] == n0 && gl[s] as usize != l);
            }
        }
        if stacked && b <= n {
            let lost_head = gh[b] != s && (pos(gh[b]) > b || self.stack.contains(&gh[b]));
            let base = u32::from(lost_head) + stack_deps_of_n0;
            for l in 0..nl {
                out[2 + nl + l] = base + u32::from(gh[b] == s && gl[b] as usize != l);
            }
        }
    }
}

#[inline]
fn h1(t: u64, a: u64) -> u64 {
    mix(t, a)
}
#[inline]
fn h2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(t, a), b)
}
#[inline]
fn h3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(t, a), b), c)
}

fn dist_bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=6 => 5,
        7..=9 => 6,
        10..=14 => 7,
        _ => 8,
    }
}

/// Extracts the feature hashes of a configuration.
///
/// `lite`: the smaller set (see [`rest_features`]).
pub fn features(st: &State, c: &Context, lite: bool, out: &mut Vec<u64>) {
    // The same features whichever way they are summed: inference caches the
    // single-token part per (token, role) and adds the rest per transition.
    rest_features(st, c, lite, out);
    for (r, t) in role_tokens(st).into_iter().enumerate() {
        role_features(r, t.map(|i| tok_key(c, i)), out);
    }
}

/// The identity of token `i` as the single-token features see it.
fn tok_key(c: &Context, i: usize) -> TokKey {
    (c.w[i], c.p[i], c.s[i], c.c[i])
}

/// Roles whose single-token features are cached: s0, n0, n1, n2, the head
/// of s0, leftmost and rightmost children of s0 and n0, second-order ones,
/// and s1.
const ROLES: usize = 13;

/// The token in each role of [`ROLES`] (`None`: no token there).
fn role_tokens(st: &State) -> [Option<usize>; ROLES] {
    let nz = |i: usize| (i != 0).then_some(i);
    let s0i = st.s0();
    let n0 = st.token_at(st.b);
    let s0h = (s0i != 0 && st.head[s0i] != NOHEAD).then(|| st.head[s0i]);
    let s0h2 = s0h.and_then(|h| (h != 0 && st.head[h] != NOHEAD).then(|| st.head[h]));
    let (n0l, n0l2) = match n0 {
        Some(i) => (nz(st.lmost[i]), nz(st.l2[i])),
        None => (None, None),
    };
    let s1 = if st.stack.len() >= 2 {
        Some(st.stack[st.stack.len() - 2])
    } else {
        None
    };
    [
        Some(s0i),
        n0,
        st.token_at(st.b + 1),
        st.token_at(st.b + 2),
        s0h,
        nz(st.lmost[s0i]),
        nz(st.rmost[s0i]),
        n0l,
        s0h2,
        nz(st.l2[s0i]),
        nz(st.r2[s0i]),
        n0l2,
        s1,
    ]
}

/// Identity of a token for the features: word, tag, ending and cluster.
/// (The runner-up tag is read per transition, in [`rest_features`]: as part
/// of the cached identity it would split the cache slots of ambiguous
/// words by context.)
type TokKey = (u64, u64, u64, u16);

/// The features that look at one token (`None`: no token) in role `role`
/// only (part of [`features`]).
fn role_features(role: usize, t: Option<TokKey>, out: &mut Vec<u64>) {
    let (w, p, s) = t.map_or((NONE_W, NONE_W, NONE_W), |x| (x.0, x.1, x.2));
    let cf = t.map_or(1 << 17, |x| u64::from(x.3));
    let c4 = t.map_or(1 << 17, |x| prefix(x.3, 4));
    match role {
        0 | 1 => {
            let k = if role == 0 { 0 } else { 3 };
            out.push(h2(1 + k, w, p));
            out.push(h1(2 + k, w));
            out.push(h1(3 + k, p));
            out.push(h2(79 + role as u64, s, p));
            if CLUSTER_FEATURES {
                out.push(h1(100 + role as u64, cf));
                out.push(h2(112 + role as u64, c4, p));
            }
        }
        2 => {
            out.push(h2(7, w, p));
            out.push(h1(8, w));
            out.push(h1(9, p));
            if CLUSTER_FEATURES {
                out.push(h1(102, cf));
            }
        }
        3 => {
            out.push(h2(10, w, p));
            out.push(h1(11, w));
            out.push(h1(12, p));
        }
        12 => out.push(h2(73, w, p)),
        _ => {
            // s0h 39, s0l 42, s0r 45, n0l 48, s0h2 51, s0l2 54, s0r2 57, n0l2 60.
            let k = 39 + 3 * (role as u64 - 4);
            out.push(h1(k, w));
            out.push(h1(k + 1, p));
        }
    }
}

/// The rest of [`features`]: those that combine tokens, or look at labels,
/// distances or valencies (clears `out` first). With `lite`, 34 of them are
/// left out: 35 lookups per transition instead of 69 (the pairs, triples,
/// and the distance, valency, label, label-set and cluster templates that
/// use tags rather than words are kept).
fn rest_features(st: &State, c: &Context, lite: bool, out: &mut Vec<u64>) {
    out.clear();
    // Templates left out of the lite set (pushed in place, so that the
    // full set keeps its order).
    macro_rules! full {
        ($($f:expr),+ $(,)?) => {
            if !lite {
                $(out.push($f);)+
            }
        };
    }
    let w = |x: Option<usize>| x.map_or(NONE_W, |i| c.w[i]);
    let p = |x: Option<usize>| x.map_or(NONE_W, |i| c.p[i]);
    let l = |x: Option<usize>| {
        x.map_or(0u64, |i| {
            if i == 0 || st.head[i] == NOHEAD {
                0
            } else {
                u64::from(st.label[i]) + 1
            }
        })
    };
    let nz = |i: usize| (i != 0).then_some(i);
    let s0i = st.s0();
    let s0 = Some(s0i);
    let n0 = st.token_at(st.b);
    let n1 = st.token_at(st.b + 1);
    let n2 = st.token_at(st.b + 2);
    let s1 = if st.stack.len() >= 2 {
        Some(st.stack[st.stack.len() - 2])
    } else {
        None
    };
    let s0h = (s0i != 0 && st.head[s0i] != NOHEAD).then(|| st.head[s0i]);
    let s0h2 = s0h.and_then(|h| (h != 0 && st.head[h] != NOHEAD).then(|| st.head[h]));
    let s0l = nz(st.lmost[s0i]);
    let s0l2 = nz(st.l2[s0i]);
    let s0r = nz(st.rmost[s0i]);
    let s0r2 = nz(st.r2[s0i]);
    let (n0l, n0l2) = match n0 {
        Some(i) => (nz(st.lmost[i]), nz(st.l2[i])),
        None => (None, None),
    };
    let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
    let (n1w, n1p, n2p) = (w(n1), p(n1), p(n2));
    // The tagger's runner-up tags of S0, N0 and N1.
    let alt = |x: Option<usize>| x.map_or(NONE_W, |i| c.a[i]);
    out.push(h2(120, s0p, alt(s0)));
    out.push(h2(121, n0p, alt(n0)));
    full!(h2(122, n1p, alt(n1)));
    // Pairs.
    out.push(h3(13, h2(0, s0w, s0p), n0w, n0p));
    out.push(h3(14, s0w, s0p, n0w));
    out.push(h3(15, s0w, n0w, n0p));
    out.push(h3(16, s0w, s0p, n0p));
    out.push(h3(17, s0p, n0w, n0p));
    out.push(h2(18, s0w, n0w));
    out.push(h2(19, s0p, n0p));
    out.push(h2(20, n0p, n1p));
    // Triples.
    out.push(h3(21, n0p, n1p, n2p));
    out.push(h3(22, s0p, n0p, n1p));
    out.push(h3(23, p(s0h), s0p, n0p));
    out.push(h3(24, s0p, p(s0l), n0p));
    out.push(h3(25, s0p, p(s0r), n0p));
    out.push(h3(26, s0p, n0p, p(n0l)));
    // Distance.
    let d = dist_bucket(st.b - s0i);
    full!(
        h2(27, s0w, d),
        h2(28, s0p, d),
        h2(29, n0w, d),
        h2(30, n0p, d),
    );
    out.push(h3(31, s0w, n0w, d));
    out.push(h3(32, s0p, n0p, d));
    // Valency.
    let vr = u64::from(st.nr[s0i]);
    let vl = u64::from(st.nl[s0i]);
    let n0vl = n0.map_or(0, |i| u64::from(st.nl[i]));
    full!(h2(33, s0w, vr));
    out.push(h2(34, s0p, vr));
    full!(h2(35, s0w, vl));
    out.push(h2(36, s0p, vl));
    full!(h2(37, n0w, n0vl));
    out.push(h2(38, n0p, n0vl));
    // Unigrams of second-order context.
    out.push(h1(41, l(s0)));
    out.push(h1(44, l(s0l)));
    out.push(h1(47, l(s0r)));
    out.push(h1(50, l(n0l)));
    // Third order.
    full!(
        h1(53, l(s0h)),
        h1(56, l(s0l2)),
        h1(59, l(s0r2)),
        h1(62, l(n0l2)),
        h3(63, s0p, p(s0l), p(s0l2)),
        h3(64, s0p, p(s0r), p(s0r2)),
        h3(65, s0p, p(s0h), p(s0h2)),
        h3(66, n0p, p(n0l), p(n0l2)),
    );
    // Label sets.
    let sr = st.rset[s0i];
    let sl = st.lset[s0i];
    let n0sl = n0.map_or(0, |i| st.lset[i]);
    full!(h2(67, s0w, sr));
    out.push(h2(68, s0p, sr));
    full!(h2(69, s0w, sl));
    out.push(h2(70, s0p, sl));
    full!(h2(71, n0w, n0sl));
    out.push(h2(72, n0p, n0sl));
    // Extra: second stack word and label-conditioned pairs.
    out.push(h3(74, p(s1), s0p, n0p));
    out.push(h3(75, l(s0), s0p, n0p));
    full!(h3(76, l(s0l), s0p, n0p));
    out.push(h3(77, s0w, n0p, n1p));
    out.push(h3(78, n0w, n1w, s0p));
    let sf = |x: Option<usize>| x.map_or(NONE_W, |i| c.s[i]);
    full!(
        h3(81, sf(s0), sf(n0), d),
        h3(82, l(s0), s0w, n0w),
        h3(83, s0p, n0p, p(s0r)),
        h3(84, s0p, n0w, l(s0r)),
        h3(85, n0w, p(n0l), l(n0l)),
        h3(86, w(s1), s0w, n0p),
        h3(87, p(s1), l(s1), n0p),
        h2(88, w(s0h), n0w),
    );
    if !c.g.is_empty() {
        guide_features(st, c, s0i, n0, s0p, n0p, out);
    }
    if !CLUSTER_FEATURES {
        return;
    }
    // Word clusters (full path and 4/6-bit prefixes).
    let cf = |x: Option<usize>| x.map_or(1 << 17, |i| u64::from(c.c[i]));
    let c4 = |x: Option<usize>| x.map_or(1 << 17, |i| prefix(c.c[i], 4));
    let c6 = |x: Option<usize>| x.map_or(1 << 17, |i| prefix(c.c[i], 6));
    let (s0c, n0c) = (cf(s0), cf(n0));
    out.push(h2(103, s0c, n0p));
    out.push(h2(104, s0p, n0c));
    out.push(h2(105, c6(s0), c6(n0)));
    full!(
        h3(106, c4(s0), c4(n0), d),
        h3(107, s0p, n0p, c6(n1)),
        h2(108, c6(s0h), c6(s0)),
        h2(109, c6(s0), p(s0r)),
        h2(110, c6(n0), p(n0l)),
        h3(111, c6(s1), s0p, n0p),
    );
}

/// Stacking features: what the guide parser's tree says about S0 and N0
/// (Nivre & McDonald 2008): the arc between them, where each one's guide
/// head lies from here, and the guide's attachments still to be made.
fn guide_features(
    st: &State,
    c: &Context,
    s0i: usize,
    n0: Option<usize>,
    s0p: u64,
    n0p: u64,
    out: &mut Vec<u64>,
) {
    let n0i = n0.unwrap_or(0);
    let (gs, ls) = c.g[s0i];
    let (gn, ln) = c.g[n0i];
    let (ls, ln) = (u64::from(ls), u64::from(ln));
    let stacked = |k: usize| st.stack.contains(&k);
    // The arc between S0 and N0 in the guide tree.
    let arc = if s0i == 0 {
        0
    } else if gs == n0i {
        1 + 2 * ls
    } else if gn == s0i {
        2 + 2 * ln
    } else {
        0
    };
    // Where N0's guide head is: S0, deeper in the stack, ahead in the
    // buffer, the root, or out of reach.
    let n0_at = match gn {
        _ if n0i == 0 => 9,
        0 => 3,
        h if h == s0i => 0,
        h if h > n0i => 2,
        h if stacked(h) => 1,
        _ => 4,
    };
    // Where S0's guide head is: N0, further on, the root; if S0 has a head
    // already, whether it is the guide's.
    let s0_at = match gs {
        _ if s0i == 0 => 9,
        h if st.head[s0i] != NOHEAD => 5 + u64::from(st.head[s0i] == h),
        h if h == n0i && n0i != 0 => 0,
        0 => 2,
        h if h > n0i => 1,
        _ => 4,
    };
    // Guide dependents of S0 still in the buffer; headless stack words
    // whose guide head is N0.
    let s0_deps = if s0i == 0 {
        0
    } else {
        (st.b..=st.n).filter(|&k| c.g[k].0 == s0i).count().min(2) as u64
    };
    let n0_deps = if n0i == 0 {
        0
    } else {
        st.stack
            .iter()
            .filter(|&&k| st.head[k] == NOHEAD && c.g[k].0 == n0i)
            .count()
            .min(2) as u64
    };
    out.push(h1(130, arc));
    out.push(h3(131, arc, s0p, n0p));
    out.push(h2(132, n0_at, ln));
    out.push(h3(133, n0_at, ln, n0p));
    out.push(h2(134, s0_at, ls));
    out.push(h3(135, s0_at, ls, s0p));
    out.push(h3(136, s0_deps, n0_deps, s0_at));
    out.push(h3(137, s0_deps, s0p, n0_at));
    out.push(h3(138, n0_at, s0_at, arc));
}

/// Whether the parser uses word-cluster features (switch for experiments).
const CLUSTER_FEATURES: bool = true;

/// Lifts non-projective arcs (shortest first) to the grandparent until the
/// tree is projective. `heads[0]` is unused; heads are 0-based-root indices.
pub fn projectivize(heads: &mut [usize]) {
    let n = heads.len() - 1;
    let dominates = |heads: &[usize], h: usize, mut k: usize| -> bool {
        let mut steps = 0;
        while k != 0 && steps <= n {
            if k == h {
                return true;
            }
            k = heads[k];
            steps += 1;
        }
        h == 0
    };
    loop {
        let mut best: Option<(usize, usize)> = None;
        for d in 1..=n {
            let h = heads[d];
            if h == 0 {
                continue;
            }
            let (a, z) = if h < d { (h, d) } else { (d, h) };
            let nonproj = (a + 1..z).any(|k| !dominates(heads, h, k));
            if nonproj && best.is_none_or(|(len, _)| z - a < len) {
                best = Some((z - a, d));
            }
        }
        match best {
            Some((_, d)) => {
                let h = heads[d];
                heads[d] = heads[h];
            }
            None => return,
        }
    }
}

/// True when the tree has no crossing arcs.
pub fn is_projective(heads: &[usize]) -> bool {
    let mut h = heads.to_vec();
    projectivize(&mut h);
    h == heads
}

/// A trained parser.
pub struct Parser {
    /// Dependency relation names.
    pub labels: Vec<String>,
    weights: Weights,
    root_label: u8,
    fallback_label: u8,
    /// The smaller feature set.
    pub lite: bool,
    /// Identity of these weights for the per-thread cache.
    id: u64,
}

/// Token types whose role sums a thread keeps (direct-mapped).
const CACHE_SLOTS: usize = 8192;

/// Parsers whose caches a thread keeps at once.
const CACHED_PARSERS: usize = 3;

/// Offsets at or above this in [`ParseCache::tok`] point into the spill rows.
const SPILL: usize = 1 << 48;

/// Per-thread cache of the parser's per-(token type, role) score sums and
/// reusable buffers.
#[derive(Default)]
struct ParseCache {
    /// The parser the sums belong to (0: none yet).
    model: u64,
    na: usize,
    keys: Vec<Option<TokKey>>,
    /// `CACHE_SLOTS` × `ROLES` × `na` sums, each role's `na` sums shifted
    /// by one constant so that they fit in i16 (see [`narrow`]).
    rows: Vec<i16>,
    /// Sums for "no token" in each role: `ROLES` × `na`.
    none: Vec<i32>,
    /// Role sums of the current sentence's tokens that could not stay in
    /// their cache slot (another token of the sentence holds it, or a
    /// role's sums span more than i16 allows: about 5 % of fills).
    spill: Vec<i32>,
    /// Where each token's role sums start (root first): an offset into
    /// `rows`, or `SPILL` plus an offset into `spill`.
    tok: Vec<usize>,
    /// Sentence number that last used each slot (see `stamp`).
    used: Vec<u32>,
    stamp: u32,
    feats: Vec<u64>,
    /// Role of each feature in `feats` while filling a cache row.
    roles: Vec<u8>,
    acc: Vec<i32>,
}

thread_local! {
    /// One cache per parser in use on this thread (a guided model runs two).
    static PARSE_CACHE: std::cell::RefCell<Vec<ParseCache>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl ParseCache {
    fn reset(&mut self, p: &Parser) {
        self.model = p.id;
        self.na = p.n_actions();
        self.keys = vec![None; CACHE_SLOTS];
        self.rows = vec![0; CACHE_SLOTS * ROLES * self.na];
        self.none = vec![0; ROLES * self.na];
        self.used = vec![0; CACHE_SLOTS];
        self.stamp = 0;
        for r in 0..ROLES {
            self.feats.clear();
            role_features(r, None, &mut self.feats);
            let o = r * self.na;
            p.weights
                .add_into(&self.feats, &mut self.none[o..o + self.na]);
        }
    }

    /// [`ParseCache::parse_impl`], compiled for AVX2 where the processor has it.
    fn parse(&mut self, p: &Parser, c: &Context) -> State {
        #[cfg(target_arch = "x86_64")]
        if crate::perceptron::has_avx2() {
            // SAFETY: the processor supports AVX2 (checked just above).
            return unsafe { self.parse_avx2(p, c) };
        }
        self.parse_impl(p, c)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn parse_avx2(&mut self, p: &Parser, c: &Context) -> State {
        self.parse_impl(p, c)
    }

    #[inline(always)]
    fn parse_impl(&mut self, p: &Parser, c: &Context) -> State {
        if self.model != p.id {
            self.reset(p);
        }
        let (na, nl, n) = (self.na, p.labels.len(), c.n());
        let rs = ROLES * na;
        // Each token's sums are read in place from its cache slot; a token
        // whose slot another token of this sentence already uses gets its
        // sums computed into `spill` instead (no eviction mid-sentence).
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.used.iter_mut().for_each(|x| *x = 0);
            self.stamp = 1;
        }
        self.tok.clear();
        self.spill.clear();
        for i in 0..=n {
            let key = tok_key(c, i);
            let slot = (mix(key.0 ^ key.2, key.1 ^ u64::from(key.3)) as usize) & (CACHE_SLOTS - 1);
            if self.keys[slot] == Some(key) {
                self.used[slot] = self.stamp;
                self.tok.push(slot * rs);
                continue;
            }
            // Sums go into `spill` first; they move to the slot as i16 when
            // the slot is free this sentence and every role's sums fit.
            let o = self.spill.len();
            self.spill.resize(o + rs, 0);
            self.feats.clear();
            self.roles.clear();
            for r in 0..ROLES {
                role_features(r, Some(key), &mut self.feats);
                self.roles.resize(self.feats.len(), r as u8);
            }
            let roles = &self.roles;
            p.weights
                .add_rows(&self.feats, |k| usize::from(roles[k]), &mut self.spill[o..]);
            if self.used[slot] != self.stamp
                && narrow(
                    &self.spill[o..],
                    na,
                    &mut self.rows[slot * rs..(slot + 1) * rs],
                )
            {
                self.spill.truncate(o);
                self.keys[slot] = Some(key);
                self.used[slot] = self.stamp;
                self.tok.push(slot * rs);
            } else {
                self.tok.push(SPILL + o);
            }
        }
        let mut st = State::new(n);
        self.acc.resize(na, 0);
        while !st.terminal() {
            // Only the root is left in the buffer: every move is forced (a
            // word with a head is reduced, one without takes the root, whose
            // label `finish` sets), so nothing needs scoring.
            if st.b > n {
                let s0 = st.s0();
                let a = if st.head[s0] != NOHEAD {
                    REDUCE
                } else {
                    2 + usize::from(p.root_label)
                };
                st.apply(a, nl);
                continue;
            }
            self.acc.iter_mut().for_each(|x| *x = 0);
            for (r, t) in role_tokens(&st).into_iter().enumerate() {
                let src = match t {
                    Some(i) => {
                        let o = self.tok[i] + r * na;
                        if o < SPILL {
                            for (a, &s) in self.acc.iter_mut().zip(&self.rows[o..o + na]) {
                                *a += i32::from(s);
                            }
                            continue;
                        }
                        &self.spill[o - SPILL..o - SPILL + na]
                    }
                    None => &self.none[r * na..(r + 1) * na],
                };
                for (a, s) in self.acc.iter_mut().zip(src) {
                    *a += *s;
                }
            }
            rest_features(&st, c, p.lite, &mut self.feats);
            p.weights.add_into(&self.feats, &mut self.acc);
            let a = best_valid_i32(&st, &self.acc, nl);
            st.apply(a, nl);
        }
        st.finish(p.root_label, p.fallback_label);
        st
    }
}

/// Writes `wide` (rows of `na` sums) into `out` as i16, each row shifted
/// by a constant of its own, if every row's range fits (else writes nothing
/// and returns false). The parser only compares the scores of one
/// transition, and a role's row adds the same shift to every action's
/// score, so the shifted sums choose the same actions, ties included.
fn narrow(wide: &[i32], na: usize, out: &mut [i16]) -> bool {
    let mut lows = [0i32; ROLES];
    for (row, low) in wide.chunks_exact(na).zip(&mut lows) {
        let (mut lo, mut hi) = (i32::MAX, i32::MIN);
        for &x in row {
            lo = lo.min(x);
            hi = hi.max(x);
        }
        if i64::from(hi) - i64::from(lo) > 0xffff {
            return false;
        }
        *low = lo;
    }
    for ((row, o), &lo) in wide
        .chunks_exact(na)
        .zip(out.chunks_exact_mut(na))
        .zip(&lows)
    {
        for (y, &x) in o.iter_mut().zip(row) {
            *y = (x - lo - 0x8000) as i16;
        }
    }
    true
}

/// [`best_valid`] over exact integer scores (same choice, first on ties).
fn best_valid_i32(st: &State, scores: &[i32], nl: usize) -> usize {
    let mut best: Option<(usize, i32)> = None;
    for (a, &s) in scores.iter().enumerate() {
        if best.is_none_or(|(_, bs)| s > bs) && st.valid(a, nl) {
            best = Some((a, s));
        }
    }
    best.map_or(SHIFT, |x| x.0)
}

impl Parser {
    /// Number of transitions.
    fn n_actions(&self) -> usize {
        2 + 2 * self.labels.len()
    }

    /// Parses a sentence; returns (head, label index) for words 1..=n (head 0 = root).
    ///
    /// Same transitions as scoring [`features`] with the weights: the sums
    /// of the single-token features come from a per-thread cache
    /// ([`ParseCache`]); all sums are exact integers.
    pub fn parse(&self, c: &Context) -> (Vec<usize>, Vec<u8>) {
        let st = PARSE_CACHE.with(|pc| {
            let mut caches = pc.borrow_mut();
            let k = match caches.iter().position(|x| x.model == self.id) {
                Some(k) => k,
                None if caches.len() < CACHED_PARSERS => {
                    caches.push(ParseCache::default());
                    caches.len() - 1
                }
                // The least recently used comes first.
                None => 0,
            };
            // Most recently used last.
            let last = caches.len() - 1;
            caches[k..].rotate_left(1);
            caches[last].parse(self, c)
        });
        (st.head[1..].to_vec(), st.label[1..].to_vec())
    }

    /// Drops weights below `min_abs` (see [`Weights::pruned`]).
    pub fn prune(&mut self, min_q: i32) {
        self.weights = self.weights.pruned(min_q);
        self.id = crate::tagger::next_id();
    }

    /// Sums the weights of parsers trained with other seeds into this one
    /// (an ensemble whose scores are the sum of theirs; same labels needed).
    pub fn add_ensemble(&mut self, others: &[&Parser]) -> Result<()> {
        if others.iter().any(|o| o.labels != self.labels) {
            bail!("parsers to sum have different label sets");
        }
        let mut parts = vec![&self.weights];
        parts.extend(others.iter().map(|o| &o.weights));
        self.weights = Weights::sum(&parts);
        self.id = crate::tagger::next_id();
        Ok(())
    }

    /// Serialises the parser.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.labels.len() as u32);
        for l in &self.labels {
            w.str(l);
        }
        w.u8(self.root_label);
        w.u8(self.fallback_label);
        self.weights.write(w);
    }

    /// Reads a parser written by [`Parser::write`].
    pub fn read(r: &mut Reader) -> Result<Parser> {
        let n = r.u32()? as usize;
        if n == 0 || n > 64 {
            bail!("bad label count {n}");
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            labels.push(r.str()?);
        }
        let root_label = r.u8()?;
        let fallback_label = r.u8()?;
        let weights = Weights::read(r)?;
        if weights.n_classes() != 2 + 2 * n
            || root_label as usize >= n
            || fallback_label as usize >= n
        {
            bail!("parser weights do not match label set");
        }
        Ok(Parser {
            labels,
            weights,
            root_label,
            fallback_label,
            lite: false,
            id: crate::tagger::next_id(),
        })
    }
}

fn best_valid(st: &State, scores: &[f32], nl: usize) -> usize {
    let mut best = usize::MAX;
    let mut bs = f32::NEG_INFINITY;
    for (a, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > bs) && st.valid(a, nl) {
            best = a;
            bs = s;
        }
    }
    if best == usize::MAX {
        SHIFT
    } else {
        best
    }
}

/// One training sentence: context plus gold heads/labels (index 0 unused).
pub struct TrainSent {
    /// Words and (predicted) tags.
    pub ctx: Context,
    /// Projectivised gold heads.
    pub heads: Vec<usize>,
    /// Gold label indices.
    pub labels: Vec<u8>,
}

/// Unlabelled and labelled attachment (percent) of `weights` on `dev`.
fn dev_score(
    weights: &Weights,
    dev: &[TrainSent],
    nl: usize,
    root_label: u8,
    lite: bool,
) -> (f64, f64) {
    let (mut u, mut l, mut n) = (0usize, 0usize, 0usize);
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; 2 + 2 * nl];
    for s in dev {
        let mut st = State::new(s.ctx.n());
        while !st.terminal() {
            features(&st, &s.ctx, lite, &mut feats);
            weights.score(&feats, &mut scores);
            let a = best_valid(&st, &scores, nl);
            st.apply(a, nl);
        }
        st.finish(root_label, 0);
        for i in 1..=s.ctx.n() {
            n += 1;
            if st.head[i] == s.heads[i] {
                u += 1;
                l += usize::from(st.label[i] == s.labels[i]);
            }
        }
    }
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    (pct(u), pct(l))
}

/// Trains a parser with the dynamic oracle and exploration after the first
/// epoch; when `dev` is not empty, the epoch with the best dev LAS is kept.
/// (`data` borrowed: the guide parsers train on subsets.) `lite`: with the
/// smaller feature set.
pub fn train(
    data: &[&TrainSent],
    dev: &[TrainSent],
    labels: Vec<String>,
    epochs: usize,
    seed: u64,
    lite: bool,
    log: &mut dyn FnMut(String),
) -> Parser {
    let nl = labels.len();
    let na = 2 + 2 * nl;
    let root_label = labels.iter().position(|l| l == "root").unwrap_or(0) as u8;
    let mut tr = Trainer::new(na);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0f32; na];
    let mut costs = Vec::with_capacity(na);
    let mut best: Option<(f64, Weights)> = None;
    for ep in 0..epochs {
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let s = data[si];
            let mut st = State::new(s.ctx.n());
            while !st.terminal() {
                features(&st, &s.ctx, lite, &mut feats);
                tr.score(&feats, &mut scores);
                st.costs(&s.heads, &s.labels, nl, &mut costs);
                let pred = best_valid(&st, &scores, nl);
                let mut gold = usize::MAX;
                for a in 0..na {
                    if costs[a] == 0 && (gold == usize::MAX || scores[a] > scores[gold]) {
                        gold = a;
                    }
                }
                tr.tick();
                if gold == usize::MAX {
                    // No zero-cost move (should not happen on projective trees).
                    st.apply(pred, nl);
                    continue;
                }
                let next = if costs[pred] == 0 {
                    correct += 1;
                    pred
                } else {
                    tr.update(&feats, gold, pred);
                    if ep > 0 && rng.next_f64() < 0.9 {
                        pred
                    } else {
                        gold
                    }
                };
                total += 1;
                st.apply(next, nl);
            }
        }
        let agree = 100.0 * correct as f64 / total.max(1) as f64;
        if !dev.is_empty() && ep + 1 >= epochs / 2 {
            let w = tr.snapshot();
            let (uas, las) = dev_score(&w, dev, nl, root_label, lite);
            log(format!(
                "parser epoch {}: oracle-agreement {agree:.2}%, dev UAS {uas:.2} LAS {las:.2} (full labels)",
                ep + 1
            ));
            if best.as_ref().is_none_or(|b| las > b.0) {
                best = Some((las, w));
            }
        } else {
            log(format!(
                "parser epoch {}: oracle-agreement {agree:.2}%",
                ep + 1
            ));
        }
    }
    let fallback_label = labels
        .iter()
        .position(|l| l == "parataxis")
        .or_else(|| labels.iter().position(|l| l == "dep"))
        .unwrap_or(0) as u8;
    let weights = match best {
        Some((_, w)) => w,
        None => tr.finish(),
    };
    Parser {
        labels,
        weights,
        root_label,
        fallback_label,
        lite,
        id: crate::tagger::next_id(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Follows the oracle greedily and returns the tree it builds.
    fn oracle_parse(gh: &[usize], gl: &[u8], nl: usize) -> (Vec<usize>, Vec<u8>) {
        let mut st = State::new(gh.len() - 1);
        let mut costs = Vec::new();
        while !st.terminal() {
            st.costs(gh, gl, nl, &mut costs);
            let a = (0..costs.len())
                .find(|&a| costs[a] == 0)
                .expect("zero-cost move");
            assert!(st.valid(a, nl));
            st.apply(a, nl);
        }
        st.finish(0, 0);
        (st.head.clone(), st.label.clone())
    }

    #[test]
    fn oracle_reconstructs_projective_trees() {
        // "The rebels attacked the village ." heads (1-based): 2 3 0 5 3 3
        let gh = vec![0, 2, 3, 0, 5, 3, 3];
        let gl = vec![0, 1, 2, 0, 1, 3, 4];
        let (h, l) = oracle_parse(&gh, &gl, 5);
        assert_eq!(&h[1..], &gh[1..]);
        assert_eq!(&l[1..], &gl[1..]);
        // Right-branching chain and a root in the middle.
        let gh = vec![0, 0, 1, 2, 3];
        let gl = vec![0, 0, 1, 1, 1];
        assert_eq!(&oracle_parse(&gh, &gl, 2).0[1..], &gh[1..]);
        let gh = vec![0, 3, 3, 0, 3, 4];
        let gl = vec![0, 1, 1, 0, 2, 2];
        assert_eq!(&oracle_parse(&gh, &gl, 3).0[1..], &gh[1..]);
    }

    #[test]
    fn oracle_recovers_after_a_mistake() {
        // Gold: 1 <- 2, root -> 2, 2 -> 3. Make a wrong SHIFT of word 1 then RIGHT? Instead:
        // shift word 1 onto the stack, then wrongly attach word 2 to word 1.
        let gh = vec![0, 2, 0, 2];
        let gl = vec![0, 1, 0, 1];
        let mut st = State::new(3);
        let mut costs = Vec::new();
        st.costs(&gh, &gl, 2, &mut costs);
        assert_eq!(costs[SHIFT], 0);
        st.apply(SHIFT, 2);
        st.costs(&gh, &gl, 2, &mut costs);
        // RIGHT(1 -> 2) loses 2's root arc and 1's head arc.
        assert_eq!(costs[2 + 2], 2);
        // LEFT with the right label costs nothing; with the wrong label costs one.
        assert_eq!(costs[2 + 1], 0);
        assert_eq!(costs[2], 1);
        st.apply(2 + 2, 2);
        // Remaining best achievable: 2 -> 3 is still possible.
        st.costs(&gh, &gl, 2, &mut costs);
        assert_eq!(costs[2 + 2 + 1], 0);
    }

    #[test]
    fn root_comes_last_and_one_root_is_kept() {
        let nl = 2;
        let (left, right) = (2, 2 + nl);
        let mut st = State::new(2);
        // Nothing on the stack: only SHIFT.
        assert!(st.valid(SHIFT, nl) && !st.valid(right, nl) && !st.valid(left, nl));
        st.apply(SHIFT, nl);
        st.apply(SHIFT, nl);
        // Only the root is left in the buffer: it is never shifted, and a
        // word on the stack can only take it as head (or be reduced).
        assert!(!st.terminal());
        assert!(!st.valid(SHIFT, nl) && !st.valid(right, nl) && st.valid(left + 1, nl));
        st.apply(left + 1, nl);
        st.apply(left + 1, nl);
        assert!(st.terminal());
        assert_eq!(&st.head[1..], &[0, 0]);
        // Two words took the root: the first keeps it, with the root label;
        // the other attaches to it with the fallback label.
        st.finish(0, 1);
        assert_eq!(&st.head[1..], &[0, 1]);
        assert_eq!(&st.label[1..], &[0, 1]);
    }

    #[test]
    fn oracle_keeps_the_root_for_the_end() {
        // "Rebels attacked": 1 <- 2, root -> 2. Shifting the root word costs
        // nothing (the root is still ahead); attaching word 1 to the root
        // loses its gold head.
        let (gh, gl) = (vec![0, 2, 0], vec![0, 1, 0]);
        let mut st = State::new(2);
        let mut costs = Vec::new();
        st.apply(SHIFT, 2);
        st.costs(&gh, &gl, 2, &mut costs);
        assert_eq!(costs[2 + 1], 0, "LEFT 1 <- 2 with the gold label");
        assert_eq!(costs[SHIFT], 1, "shifting 2 over 1 loses 1's head");
        st.apply(2 + 1, 2);
        st.costs(&gh, &gl, 2, &mut costs);
        assert_eq!(costs[SHIFT], 0);
        st.apply(SHIFT, 2);
        st.costs(&gh, &gl, 2, &mut costs);
        assert_eq!(costs[2], 0, "2 takes the root with the root label");
        assert_eq!(costs[2 + 1], 1);
    }

    #[test]
    fn a_tree_read_backwards_maps_back_to_the_guide() {
        // "China and France signed": 1 <- 4, 2 <- 3, 3 <- 1, 4 root.
        let (gh, gl) = (vec![0, 4, 3, 1, 0], vec![0, 1, 2, 3, 4]);
        let (rh, rl) = reverse_tree(&gh, &gl);
        // Backwards: "signed France and China": word j is n + 1 - j.
        assert_eq!(rh, vec![0, 0, 4, 2, 1]);
        assert_eq!(rl, vec![0, 4, 3, 2, 1]);
        assert!(is_projective(&rh));
        assert_eq!(reverse_tree(&rh, &rl), (gh.clone(), gl.clone()));
        let mut ctx = Context::new(
            (1..=4u64).map(|i| (i, i + 10, i as u16)),
            (1..=4u64).map(|i| (i + 20, i + 30)),
        );
        let r = ctx.reversed();
        assert_eq!(r.w[1..], [4, 3, 2, 1]);
        assert_eq!((r.w[0], r.p[1], r.a[4], r.c[2]), (ctx.w[0], 24, 31, 3));
        ctx.set_guide_reversed(&rh[1..], &rl[1..]);
        let back: Vec<(usize, u8)> = gh.iter().copied().zip(gl.iter().copied()).collect();
        assert_eq!(ctx.g[1..], back[1..]);
        // A guided context has guide features; an unguided one has none.
        let mut st = State::new(4);
        st.apply(SHIFT, 5);
        let (mut with, mut without) = (Vec::new(), Vec::new());
        features(&st, &ctx, false, &mut with);
        features(&st, &r, false, &mut without);
        assert_eq!(with.len(), without.len() + 9);
        // The lite set is a subset with 34 templates fewer, guide included.
        let mut lite = Vec::new();
        features(&st, &ctx, true, &mut lite);
        assert_eq!(lite.len() + 34, with.len());
        assert!(lite.iter().all(|f| with.contains(f)));
    }

    #[test]
    fn projectivize_lifts_crossing_arc() {
        // 1 -> 3, 2 -> 4 cross: heads [_, 0, 1, 1, 2]? build crossing: word 4 head 2, word 3 head 1, 2 head 1
        let mut h = vec![0, 0, 1, 1, 2];
        assert!(!is_projective(&h));
        projectivize(&mut h);
        assert!(is_projective(&h));
        assert_eq!(h, vec![0, 0, 1, 1, 1]);
    }
}
