//! The built matcher and its search loop.

use super::fallback::{Fallback, Names};
use super::filter::FirstWords;
use super::fold::{fold_at, is_extend, is_word, Context, Fold, ASCII_WORD};
use super::names::{Keys, NamePair, NameSpec};
use super::trie::{State, Trie, HAS_EXACT};
use super::{CasePolicy, Entity, Match, Options, Overlaps};
use crate::error::{Error, ErrorKind, Result};
use std::sync::OnceLock;

/// No name (in `slot_info`).
const NONE: u32 = u32::MAX;

/// Classes of ASCII bytes for the whole-word scan.
const WORD: u8 = 0;
const WALK: u8 = 1;
const SKIP: u8 = 2;

/// Bytes the fast scan may walk in the trie beyond the first word of each
/// candidate, per byte of text (plus [`WALK_SLACK`]) before the search
/// switches to the linear-time [`Fallback`]. Real text walks a small
/// fraction of a byte per byte.
const WALK_PER_BYTE: usize = 8;
const WALK_SLACK: usize = 1 << 13;

/// A gazetteer compiled for searching. Build one with
/// [`MatcherBuilder`](super::MatcherBuilder).
///
/// Searching takes `&self` and allocates nothing but the result, so one
/// matcher can serve many threads.
///
/// # How the search works
///
/// The text is scanned once, folded on the fly one code point at a time
/// (ASCII through a table, other code points through tables generated from
/// Python's Unicode data); the text is never copied or modified, so offsets
/// are byte offsets into it.
///
/// * At a **word start**, the scan hashes the whole word while skipping over
///   it and looks it up in a table of the names' first words. Most words
///   stop there (one probe). A first word comes with the trie state after it,
///   and the walk resumes from that state at the end of the word.
/// * With a **small gazetteer** (the first words set at most 1/16 of a
///   filter on each word's first, second and last byte and length), the
///   scan goes over the text 64 bytes at a time: bit masks of the word bytes
///   and of the bytes that need a closer look (non-ASCII bytes, ASCII bytes
///   some name begins with) give each word's start and end, and words the
///   filter rules out are passed over without the per-byte loop.
/// * At a **non-word boundary position** (space, punctuation), a walk starts
///   only if some name begins with that character ("(Reuters)", "'s-Hertogenbosch").
/// * The **walk** follows a compact byte trie of the folded names (12-byte
///   nodes, unique suffixes stored as tails, dense tables for wide nodes),
///   and records every terminal node whose end is a word boundary: the last
///   one is the leftmost-longest match, all of them with [`Overlaps::All`].
///   Only valid ends are recorded, so a longer name ending inside a word
///   never hides a shorter one.
///
/// * **Word boundaries** never fall inside a grapheme cluster: a mark or an
///   invisible joiner belongs to the character before it and takes its
///   word-ness.
///
/// The walks are short on real text, but a crafted text and gazetteer can
/// make each walk long (a name of 20,000 dots and an "x" against a run of
/// dots). The scan therefore counts the bytes it walks; past
/// `8 × text + 8 KiB` it starts again with a fallback search (a reverse
/// Aho-Corasick pass, built on first use), which is linear in the text
/// whatever the names. So `find` costs the text times a bounded factor (plus
/// the matches found, for [`Overlaps::All`]); the number of names matters
/// only through cache misses.
#[derive(Clone, Debug)]
pub struct EntityMatcher {
    pub(crate) options: Options,
    pub(crate) fold: Fold,
    ascii: [u8; 128],
    /// What the whole-word scan does at each ASCII byte: [`WORD`], [`WALK`]
    /// (a non-word byte some name begins with) or [`SKIP`]; one lookup.
    ascii_class: [u8; 128],
    /// The ASCII bytes of class [`WALK`] (the first `walk_count`), for the
    /// block skip; `walk_count` > 4 turns the block skip off.
    walk_bytes: [u8; 4],
    walk_count: usize,
    /// The whole-word scan uses the block skip: at most four [`WALK`]
    /// bytes, and the first words' lead filter was kept.
    pub(crate) fast: bool,
    pub(crate) entities: Vec<Entity>,
    names_data: String,
    names_end: Vec<u32>,
    pub(crate) policies: Vec<CasePolicy>,
    ents_end: Vec<u32>,
    ents: Vec<u32>,
    /// Per slot (distinct folded key): its `Fold`-policy name (or `NONE`)
    /// and that name's first entity, together so that a match costs one
    /// random memory access.
    slot_info: Vec<(u32, u32)>,
    /// `(slot, name)` of the `Exact`-policy names, sorted.
    exact: Vec<(u32, u32)>,
    trie: Trie,
    first_words: FirstWords,
    /// The linear-time search, built the first time a text needs it.
    pub(crate) fallback: OnceLock<Box<Fallback>>,
}

impl EntityMatcher {
    /// Assembles a matcher from deduplicated names (`keys[i]` is the folded
    /// form of `names[i]`) and `(name, entity)` pairs in record order.
    pub(crate) fn assemble(
        options: Options,
        fold: Fold,
        entities: Vec<Entity>,
        names: NameSpec,
        keys: Keys,
        mut pairs: Vec<(u32, u32)>,
    ) -> Result<EntityMatcher> {
        let too_big = || {
            Error::new(
                ErrorKind::InvalidRecord,
                "gazetteer too large (over 4 GiB of names, or 2^31 distinct names)",
            )
        };
        let NameSpec { written, policies } = names;
        let (mut names_data, mut names_end) = (written.data, written.end);
        names_data.shrink_to_fit();
        names_end.shrink_to_fit();
        if names_end.len() != keys.len() || policies.len() != keys.len() {
            return Err(Error::new(
                ErrorKind::Deserialize,
                "inconsistent name tables",
            ));
        }
        // name -> entities, record order, no repeats
        pairs.sort_by_key(|&(n, _)| n);
        pairs.dedup();
        let mut ents_end = Vec::with_capacity(keys.len());
        let mut ents = Vec::with_capacity(pairs.len());
        let mut it = pairs.iter().peekable();
        for n in 0..keys.len() as u32 {
            let before = ents.len();
            while let Some(&&(pn, e)) = it.peek() {
                if pn != n {
                    break;
                }
                if e as usize >= entities.len() {
                    return Err(Error::new(
                        ErrorKind::Deserialize,
                        format!("name {n} refers to entity {e}, out of range"),
                    ));
                }
                ents.push(e);
                it.next();
            }
            if ents.len() == before {
                return Err(Error::new(
                    ErrorKind::Deserialize,
                    format!("name {n} has no entity"),
                ));
            }
            ents_end.push(ents.len() as u32);
        }
        if it.next().is_some() {
            return Err(Error::new(
                ErrorKind::Deserialize,
                "entity of a missing name",
            ));
        }
        drop(pairs);
        // slots: distinct folded keys, sorted
        // sort by an 8-byte big-endian prefix first: most comparisons end there
        let mut order: Vec<(u64, u32)> = (0..keys.len())
            .map(|i| {
                let k = keys.get(i).as_bytes();
                let mut p = [0u8; 8];
                let m = k.len().min(8);
                p[..m].copy_from_slice(&k[..m]);
                (u64::from_be_bytes(p), i as u32)
            })
            .collect();
        order.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| keys.get(a.1 as usize).cmp(keys.get(b.1 as usize)))
                .then(a.1.cmp(&b.1))
        });
        let mut slot_keys: Vec<&[u8]> = Vec::new();
        let mut slot_info: Vec<(u32, u32)> = Vec::new();
        let mut exact: Vec<(u32, u32)> = Vec::new();
        for &(_, n) in &order {
            let key = keys.get(n as usize).as_bytes();
            if key.is_empty() {
                return Err(Error::new(
                    ErrorKind::InvalidRecord,
                    format!("name {n} folds to nothing"),
                ));
            }
            if slot_keys.last() != Some(&key) {
                slot_keys.push(key);
                slot_info.push((NONE, NONE));
            }
            let slot = slot_keys.len() as u32 - 1;
            match policies[n as usize] {
                CasePolicy::Fold => {
                    if slot_info[slot as usize].0 == NONE {
                        let start = if n == 0 {
                            0
                        } else {
                            ents_end[n as usize - 1] as usize
                        };
                        slot_info[slot as usize] = (n, ents[start]);
                    }
                }
                CasePolicy::Exact => exact.push((slot, n)),
            }
        }
        let mut values: Vec<u32> = (1..=slot_keys.len() as u32).collect();
        for &(slot, _) in &exact {
            values[slot as usize] |= HAS_EXACT;
        }
        if slot_keys.len() >= HAS_EXACT as usize {
            return Err(too_big());
        }
        let trie = Trie::build(&slot_keys, &values).ok_or_else(too_big)?;
        let first_words = FirstWords::build(&slot_keys, &trie, fold);
        drop(slot_keys);
        drop(order);
        drop(keys);
        let ascii = *fold.ascii_table();
        let mut ascii_class = [SKIP; 128];
        for (b, class) in ascii_class.iter_mut().enumerate() {
            *class = if ASCII_WORD[b] {
                WORD
            } else if trie.root_has(ascii[b]) {
                WALK
            } else {
                SKIP
            };
        }
        let mut walk_bytes = [0u8; 4];
        let mut walk_count = 0;
        for (b, &class) in ascii_class.iter().enumerate() {
            if class == WALK {
                if walk_count < walk_bytes.len() {
                    walk_bytes[walk_count] = b as u8;
                }
                walk_count += 1;
            }
        }
        let fast = walk_count <= walk_bytes.len() && first_words.has_lead();
        Ok(EntityMatcher {
            ascii,
            ascii_class,
            walk_bytes,
            walk_count,
            fast,
            options,
            fold,
            entities,
            names_data,
            names_end,
            policies,
            ents_end,
            ents,
            slot_info,
            exact,
            trie,
            first_words,
            fallback: OnceLock::new(),
        })
    }

    /// Finds the names in `text`, sorted by start (then end); offsets are
    /// bytes into `text`.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        self.find_into(text, &mut out);
        out
    }

    /// Like [`find`](Self::find), but clears `out` and fills it, so that a
    /// loop over many texts reuses one allocation.
    pub fn find_into(&self, text: &str, out: &mut Vec<Match>) {
        out.clear();
        let budget = Self::budget(text.len());
        let done = match (self.options.whole_words, self.options.overlaps) {
            (true, Overlaps::LeftmostLongest) if self.fast => {
                self.scan_words::<false, true>(text, out, budget)
            }
            (true, Overlaps::All) if self.fast => self.scan_words::<true, true>(text, out, budget),
            (true, Overlaps::LeftmostLongest) => self.scan_words::<false, false>(text, out, budget),
            (true, Overlaps::All) => self.scan_words::<true, false>(text, out, budget),
            (false, Overlaps::LeftmostLongest) => self.scan::<false, false>(text, out, budget),
            (false, Overlaps::All) => self.scan::<false, true>(text, out, budget),
        };
        if !done {
            out.clear();
            self.fallback().find_into(self, text, out);
        }
    }

    /// The fallback search (built on first use).
    pub(crate) fn fallback(&self) -> &Fallback {
        self.fallback
            .get_or_init(|| Box::new(Fallback::build(self)))
    }

    /// Finds with the linear-time fallback search only (for tests and
    /// benchmarks: results equal [`find`](Self::find)).
    #[doc(hidden)]
    pub fn find_with_fallback(&self, text: &str) -> Vec<Match> {
        let mut out = Vec::new();
        self.fallback().find_into(self, text, &mut out);
        out
    }

    /// The whole-word scan without a budget (tests).
    #[cfg(test)]
    pub(crate) fn scan_words_unbounded<const ALL: bool>(
        &self,
        text: &str,
        out: &mut Vec<Match>,
    ) -> bool {
        if self.fast {
            self.scan_words::<ALL, true>(text, out, usize::MAX)
        } else {
            self.scan_words::<ALL, false>(text, out, usize::MAX)
        }
    }

    /// The scan without whole words and without a budget (tests).
    #[cfg(test)]
    pub(crate) fn scan_unbounded<const ALL: bool>(&self, text: &str, out: &mut Vec<Match>) -> bool {
        self.scan::<false, ALL>(text, out, usize::MAX)
    }

    /// The walk budget for a text of `n` bytes.
    #[inline]
    fn budget(n: usize) -> usize {
        n.saturating_mul(WALK_PER_BYTE).saturating_add(WALK_SLACK)
    }

    /// The fold mode.
    pub(crate) fn fold(&self) -> Fold {
        self.fold
    }

    /// The first entity of name `name`.
    pub(crate) fn first_entity_of(&self, name: u32) -> u32 {
        self.first_entity(name)
    }

    /// `(name, first entity)` of the fold-policy name of each slot (`NONE`
    /// when a slot has only exact-case names), and the exact-case names.
    pub(crate) fn slots(&self) -> (&[NamePair], &[NamePair]) {
        (&self.slot_info, &self.exact)
    }

    /// Counts the matches in `text` (as `find(text).len()`).
    pub fn count(&self, text: &str) -> usize {
        self.find(text).len()
    }

    /// The entity with index `i` (as in [`Match::entity`]).
    ///
    /// # Panics
    /// If `i >= self.len_entities()`.
    pub fn entity(&self, i: u32) -> &Entity {
        &self.entities[i as usize]
    }

    /// All entities, in record order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The name with index `i` (as in [`Match::name`]), as first written in
    /// the gazetteer.
    ///
    /// # Panics
    /// If `i >= self.len_names()`.
    pub fn name(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 {
            0
        } else {
            self.names_end[i - 1] as usize
        };
        &self.names_data[start..self.names_end[i] as usize]
    }

    /// The case policy of name `i`.
    ///
    /// # Panics
    /// If `i >= self.len_names()`.
    pub fn name_policy(&self, i: u32) -> CasePolicy {
        self.policies[i as usize]
    }

    /// Every entity that has name `i`, in record order (never empty; the
    /// first is [`Match::entity`]).
    ///
    /// # Panics
    /// If `i >= self.len_names()`.
    pub fn name_entities(&self, i: u32) -> &[u32] {
        let i = i as usize;
        let start = if i == 0 {
            0
        } else {
            self.ents_end[i - 1] as usize
        };
        &self.ents[start..self.ents_end[i] as usize]
    }

    /// Number of entities (records).
    pub fn len_entities(&self) -> usize {
        self.entities.len()
    }

    /// Number of distinct names (after folding, merging and hygiene).
    pub fn len_names(&self) -> usize {
        self.names_end.len()
    }

    /// The options the matcher was built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Whether matching is case-sensitive.
    pub fn case_sensitive(&self) -> bool {
        self.options.case_sensitive
    }

    /// Whether accents, apostrophes and dashes are folded.
    pub fn fold_accents(&self) -> bool {
        self.options.fold_accents
    }

    /// Whether matches must be whole words.
    pub fn whole_words(&self) -> bool {
        self.options.whole_words
    }

    /// The overlap selection.
    pub fn overlaps(&self) -> Overlaps {
        self.options.overlaps
    }

    /// Approximate heap memory used by the matcher, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.trie.heap_bytes()
            + self.first_words.heap_bytes()
            + self.names_data.capacity()
            + self.names_end.capacity() * 4
            + self.policies.capacity()
            + self.ents_end.capacity() * 4
            + self.ents.capacity() * 4
            + self.slot_info.capacity() * 8
            + self.exact.capacity() * 8
            + self.fallback.get().map_or(0, |f| f.heap_bytes())
            + self
                .entities
                .iter()
                .map(|e| e.id.capacity() + e.label.capacity() + 48)
                .sum::<usize>()
    }

    /// Number of trie nodes (for diagnostics).
    pub fn trie_nodes(&self) -> usize {
        self.trie.len()
    }

    /// The first entity of name `name`.
    #[inline]
    fn first_entity(&self, name: u32) -> u32 {
        let i = name as usize;
        let start = if i == 0 {
            0
        } else {
            self.ents_end[i - 1] as usize
        };
        self.ents[start]
    }

    /// The name a terminal value stands for when `text[s..e]` matched its
    /// folded key, or `None` when only exact-case names have that key and
    /// none is written like the text.
    #[inline]
    fn resolve(&self, value: u32, text: &str, s: usize, e: usize) -> Option<u32> {
        let slot = (value & !HAS_EXACT) - 1;
        if value & HAS_EXACT != 0 {
            let from = self.exact.partition_point(|&(sl, _)| sl < slot);
            let seen = text.get(s..e)?;
            for &(sl, name) in &self.exact[from..] {
                if sl != slot {
                    break;
                }
                if self.name(name) == seen {
                    return Some(name);
                }
            }
        }
        let f = self.slot_info[slot as usize].0;
        (f != NONE).then_some(f)
    }

    /// Decodes and folds the non-ASCII character at `pos`: its folded UTF-8
    /// bytes (`len == 0` when the fold drops it), whether the folded
    /// character is a word character, and its length in the text.
    #[inline(never)]
    fn unit_slow(&self, text: &str, pos: usize, ctx: &mut Context) -> Unit {
        let c = match text.get(pos..).and_then(|t| t.chars().next()) {
            Some(c) => c,
            None => {
                return Unit {
                    bytes: [0; 4],
                    len: 0,
                    word: false,
                    ext: true,
                    width: 1,
                }
            }
        };
        let width = c.len_utf8();
        match fold_at(self.fold, text, pos, c, ctx) {
            None => Unit {
                bytes: [0; 4],
                len: 0,
                word: false,
                ext: true,
                width,
            },
            Some(f) => {
                let mut bytes = [0u8; 4];
                let len = f.encode_utf8(&mut bytes).len() as u8;
                let word = is_word(f);
                Unit {
                    bytes,
                    len,
                    word,
                    ext: !word && is_extend(f),
                    width,
                }
            }
        }
    }

    /// The whole-word scan: skips over words, walking the trie only at word
    /// starts whose word passes the first-word filter, and at non-word
    /// boundary positions whose character begins some name. `false` when the
    /// walks went over budget (the caller then uses the fallback).
    ///
    /// `FAST`: with the block skip ([`skip_plain`](Self::skip_plain)), for
    /// gazetteers whose first words leave most words of running text out.
    pub(crate) fn scan_words<const ALL: bool, const FAST: bool>(
        &self,
        text: &str,
        out: &mut Vec<Match>,
        budget: usize,
    ) -> bool {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut ctx = Context::default();
        let mut buf: Vec<u8> = Vec::new();
        let mut pos = 0;
        // the word-ness of the grapheme cluster before `pos`
        let mut prev_w = false;
        // the next word's start, end and hash when `may_go_on` computed them
        let mut next = NextWord::NONE;
        let mut blk = Block::EMPTY;
        while pos < n {
            if ctx.walked > budget {
                return false;
            }
            let mut b = bytes[pos];
            if FAST && b < 128 {
                // skip the separators and the words no first word can be, a block at a time
                let (p, w) = self.skip_plain(bytes, pos, prev_w, &mut blk);
                if p != pos {
                    if p >= n {
                        break;
                    }
                    pos = p;
                    prev_w = w;
                    b = bytes[pos];
                }
            }
            let word_end;
            let found;
            if b < 128 {
                let class = self.ascii_class[b as usize];
                if class != WORD {
                    // an ASCII non-word character: a boundary
                    if class == WALK {
                        if let Some((end, end_w)) = self.walk::<true, ALL>(text, pos, &mut ctx, out)
                        {
                            if !ALL {
                                pos = end;
                                prev_w = end_w;
                                continue;
                            }
                        }
                    }
                    prev_w = false;
                    pos += 1;
                    continue;
                }
                if prev_w {
                    // only after a match that ended inside a run of word
                    // characters, which cannot happen; stay safe
                    pos += 1;
                    continue;
                }
                let fw = &self.first_words;
                // a word `may_go_on` looked at (an ASCII word followed by ASCII or the
                // end): its end and hash as computed there
                let (e, h) = if pos == next.start {
                    (next.end, next.hash)
                } else {
                    word_at(fw, bytes, pos)
                };
                if e < n && bytes[e] >= 128 {
                    word_end = self.fold_word(text, pos, &mut ctx, &mut buf);
                    found = fw.get(fw.hash(&buf), &buf, false, Fold::None.ascii_table());
                } else {
                    word_end = e;
                    let w = &bytes[pos..e];
                    found = match fw.get(h, w, true, &self.ascii) {
                        Some((state, true))
                            if self.trie.value(&state) == 0
                                && !self.may_go_on(bytes, e, h, &mut next) =>
                        {
                            None
                        }
                        hit => hit,
                    };
                }
            } else {
                let u = self.unit_slow(text, pos, &mut ctx);
                if u.len == 0 || u.ext {
                    // dropped by the fold (a lone combining mark), or part of
                    // the cluster before it: never a boundary
                    pos += u.width;
                    continue;
                }
                if !u.word {
                    if self.trie.root_has(u.bytes[0]) {
                        if let Some((end, end_w)) = self.walk::<true, ALL>(text, pos, &mut ctx, out)
                        {
                            if !ALL {
                                pos = end;
                                prev_w = end_w;
                                continue;
                            }
                        }
                    }
                    prev_w = false;
                    pos += u.width;
                    continue;
                }
                if prev_w {
                    pos += u.width;
                    continue;
                }
                word_end = self.fold_word(text, pos, &mut ctx, &mut buf);
                let fw = &self.first_words;
                found = fw.get(fw.hash(&buf), &buf, false, Fold::None.ascii_table());
            }
            // a word starts at pos
            let walks = found.is_some();
            if let Some((state, _)) = found {
                if let Some((end, end_w)) =
                    self.walk_from::<true, ALL>(text, pos, word_end, state, true, &mut ctx, out)
                {
                    if !ALL {
                        pos = end;
                        prev_w = end_w;
                        continue;
                    }
                }
            }
            pos = word_end;
            prev_w = true;
            // a word that is no first word, then an ASCII separator no name begins with
            // (a space, mostly): past both at once, as the next round would go past the
            // separator (nothing was walked since the budget was checked). Not with
            // the block skip, which reads from the separator itself.
            if !FAST
                && !walks
                && pos < n
                && bytes[pos] < 128
                && self.ascii_class[bytes[pos] as usize] == SKIP
            {
                pos += 1;
                prev_w = false;
            }
        }
        true
    }

    /// From `pos` (an ASCII byte; `prev_w`: the character before it is a
    /// word character), skips what the whole-word scan would pass over
    /// without a trie walk: separators of class [`SKIP`] and ASCII words that
    /// end before an ASCII separator or the end of the text and are no first
    /// word ([`FirstWords::lead_maybe`] rules most out), or one whose names
    /// cannot go on with the text's next word ([`may_go_on`](Self::may_go_on)). Returns where the scan must look
    /// again (`pos` itself when nothing could be skipped) and whether the
    /// character before it is a word character.
    ///
    /// Works on [`Block`]s of 64 bytes of the text (word bytes and bytes
    /// that stop the skip as bit masks), kept in `blk` between calls.
    #[inline(never)]
    fn skip_plain(&self, bytes: &[u8], pos: usize, prev_w: bool, blk: &mut Block) -> (usize, bool) {
        let n = bytes.len();
        if prev_w && ASCII_WORD[bytes[pos] as usize] {
            return (pos, true); // inside a word (after a match that ended in one)
        }
        let fw = &self.first_words;
        // `p` is not inside a word: it is `pos`, or follows a separator
        let mut p = pos;
        while p < n {
            if p < blk.base || p >= blk.base + blk.len {
                *blk = self.block(bytes, p);
            }
            let (base, len) = (blk.base, blk.len);
            let i0 = p - base;
            // bit j stands for byte p + j; `lim` bytes are in the block
            let (word, stop, lim) = (blk.word >> i0, blk.stop >> i0, len - i0);
            // the words that start before the first stop byte
            let upto = (stop.trailing_zeros() as usize).min(lim);
            let mut starts = word & !(word << 1);
            if upto < 64 {
                starts &= (1u64 << upto) - 1;
            }
            let mut next = base + len;
            while starts != 0 {
                let j = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let s = p + j;
                let r = !word >> j;
                let ej = if r == 0 {
                    64
                } else {
                    j + r.trailing_zeros() as usize
                };
                let e = if ej < lim {
                    if stop >> ej & 1 != 0 {
                        // followed by a non-ASCII or walk byte: the scan decides
                        return (s, false);
                    }
                    p + ej
                } else {
                    // the word may go on past the block
                    let e = if base + len < n {
                        ascii_word_end(bytes, base + len)
                    } else {
                        n
                    };
                    if e < n && (bytes[e] >= 128 || self.ascii_class[bytes[e] as usize] == WALK) {
                        return (s, false);
                    }
                    next = e;
                    e
                };
                let wl = e - s;
                let b1 = if wl > 1 { bytes[s + 1] } else { 0 };
                if fw.lead_maybe(bytes[s], b1, bytes[e - 1], wl) {
                    // as the scan would: a first word, and one a name may go on from
                    let w = &bytes[s..e];
                    let h = fw.hash(w);
                    let mut next = NextWord::NONE;
                    match fw.get(h, w, true, &self.ascii) {
                        None => {}
                        Some((state, true))
                            if self.trie.value(&state) == 0
                                && !self.may_go_on(bytes, e, h, &mut next) => {}
                        Some(_) => return (s, false),
                    }
                }
            }
            if upto < lim {
                // a stop byte; what comes before it was skipped
                let q = p + upto;
                let w = if q == pos {
                    prev_w
                } else {
                    ASCII_WORD[bytes[q - 1] as usize]
                };
                return (q, w);
            }
            p = next;
        }
        (n, false)
    }

    /// The masks of the (up to) 64 bytes of `bytes` from `base`.
    #[inline]
    fn block(&self, bytes: &[u8], base: usize) -> Block {
        let len = (bytes.len() - base).min(64);
        let mut buf = [0u8; 64];
        let chunk: &[u8; 64] = match bytes.get(base..base + 64) {
            Some(c) => c.try_into().unwrap_or(&buf),
            None => {
                buf[..len].copy_from_slice(&bytes[base..base + len]);
                &buf
            }
        };
        let walks = &self.walk_bytes[..self.walk_count.min(self.walk_bytes.len())];
        let (word, stop) = block_masks(chunk, walks);
        Block {
            base,
            len,
            word,
            stop,
        }
    }

    /// After an ASCII first word ending at `e` (hash `h`), which is not a
    /// name by itself and whose names all go on with ASCII separators and a
    /// word: whether the text's separator and next word may continue one of
    /// them (`false` rules the walk out). `true` when unsure (non-ASCII
    /// text).
    /// When it reads the next word (ASCII, followed by ASCII or the end of the
    /// text), its start, end and hash are left in `next` for the scan to reuse.
    #[inline]
    fn may_go_on(&self, bytes: &[u8], e: usize, h: u64, next: &mut NextWord) -> bool {
        let n = bytes.len();
        if e == n {
            return false; // the text ends: no name goes on
        }
        let sep = bytes[e];
        let mut q = e;
        while q < n && bytes[q] < 128 && !ASCII_WORD[bytes[q] as usize] {
            q += 1;
        }
        if q == n {
            return false; // only separators follow: every name needs a word after them
        }
        if bytes[q] >= 128 {
            return true;
        }
        let fw = &self.first_words;
        let (e2, h2) = word_at(fw, bytes, q);
        if e2 < n && bytes[e2] >= 128 {
            return true;
        }
        *next = NextWord {
            start: q,
            end: e2,
            hash: h2,
        };
        fw.pair_maybe(h, self.ascii[sep as usize], h2)
    }

    /// Folds the word starting at `pos` into `buf`; returns where it ends
    /// (the next kept non-word character that does not belong to the cluster
    /// before it, or the end of the text).
    #[inline(never)]
    fn fold_word(&self, text: &str, pos: usize, ctx: &mut Context, buf: &mut Vec<u8>) -> usize {
        let bytes = text.as_bytes();
        buf.clear();
        let mut p = pos;
        while p < bytes.len() {
            let b = bytes[p];
            if b < 128 {
                if !ASCII_WORD[b as usize] {
                    break;
                }
                buf.push(self.ascii[b as usize]);
                p += 1;
                continue;
            }
            let u = self.unit_slow(text, p, ctx);
            if u.len != 0 {
                if !u.word && !u.ext {
                    break;
                }
                buf.extend_from_slice(&u.bytes[..u.len as usize]);
            }
            p += u.width;
        }
        p
    }

    /// The scan without whole words: a walk at every position whose
    /// character begins some name. `false` when over budget.
    fn scan<const WHOLE: bool, const ALL: bool>(
        &self,
        text: &str,
        out: &mut Vec<Match>,
        budget: usize,
    ) -> bool {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut ctx = Context::default();
        let mut pos = 0;
        let mut prev_w = false;
        while pos < n {
            if ctx.walked > budget {
                return false;
            }
            let b = bytes[pos];
            let (first, w, width) = if b < 128 {
                (self.ascii[b as usize], ASCII_WORD[b as usize], 1)
            } else {
                let u = self.unit_slow(text, pos, &mut ctx);
                if u.len == 0 {
                    // dropped by the fold (a lone combining mark)
                    pos += u.width;
                    continue;
                }
                (u.bytes[0], u.word, u.width)
            };
            if WHOLE && w && prev_w {
                pos += width;
                continue;
            }
            if self.trie.root_has(first) {
                if let Some((end, end_w)) = self.walk::<WHOLE, ALL>(text, pos, &mut ctx, out) {
                    if !ALL {
                        pos = end;
                        prev_w = end_w;
                        continue;
                    }
                }
            }
            prev_w = w;
            pos += width;
        }
        true
    }

    /// Walks the trie from `s`; pushes every valid match (`ALL`) or the
    /// longest one, returning its end and whether its last folded character
    /// is a word character.
    #[inline]
    fn walk<const WHOLE: bool, const ALL: bool>(
        &self,
        text: &str,
        s: usize,
        ctx: &mut Context,
        out: &mut Vec<Match>,
    ) -> Option<(usize, bool)> {
        self.walk_from::<WHOLE, ALL>(text, s, s, self.trie.root(), false, ctx, out)
    }

    /// Continues a walk that started at `s` and reached `state` at `p`
    /// (`moved`: after at least one character, the last one being a word
    /// character; the first-word table only stores such states).
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn walk_from<const WHOLE: bool, const ALL: bool>(
        &self,
        text: &str,
        s: usize,
        mut p: usize,
        mut state: State,
        mut moved: bool,
        ctx: &mut Context,
        out: &mut Vec<Match>,
    ) -> Option<(usize, bool)> {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let trie = &self.trie;
        let from = p;
        // the word-ness of the last grapheme cluster walked over
        let mut last_w = moved;
        // (end, terminal value, exact-case name or NONE, last cluster is a word)
        let mut best: Option<(usize, u32, u32, bool)> = None;
        loop {
            if p < n && bytes[p] < 128 {
                // ASCII fast path
                let b = bytes[p];
                let w = ASCII_WORD[b as usize];
                if moved {
                    let v = trie.value(&state);
                    if v != 0 && !(WHOLE && last_w && w) {
                        self.hit::<ALL>(v, text, s, p, last_w, out, &mut best);
                    }
                }
                if !trie.step(&mut state, self.ascii[b as usize]) {
                    break;
                }
                moved = true;
                last_w = w;
                p += 1;
                continue;
            }
            // end of text, or a non-ASCII character (maybe dropped)
            let unit = if p < n {
                let u = self.unit_slow(text, p, ctx);
                if u.len == 0 {
                    p += u.width;
                    continue;
                }
                Some(u)
            } else {
                None
            };
            if moved {
                let v = trie.value(&state);
                let ok = !WHOLE || !unit.as_ref().is_some_and(|u| u.ext || (last_w && u.word));
                if v != 0 && ok {
                    self.hit::<ALL>(v, text, s, p, last_w, out, &mut best);
                }
            }
            let Some(u) = unit else { break };
            if !u.bytes[..u.len as usize]
                .iter()
                .all(|&b| trie.step(&mut state, b))
            {
                break;
            }
            if !u.ext || !moved {
                last_w = u.word;
            }
            moved = true;
            p += u.width;
        }
        ctx.walked += p - from;
        if ALL {
            return None;
        }
        let (end, v, exact_name, end_w) = best?;
        let (name, entity) = if exact_name != NONE {
            (exact_name, self.first_entity(exact_name))
        } else {
            self.slot_info[((v & !HAS_EXACT) - 1) as usize]
        };
        out.push(Match {
            start: s,
            end,
            name,
            entity,
        });
        Some((end, end_w))
    }

    /// A terminal value at a valid end `e`: resolves the name and records
    /// the match.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn hit<const ALL: bool>(
        &self,
        v: u32,
        text: &str,
        s: usize,
        e: usize,
        last_w: bool,
        out: &mut Vec<Match>,
        best: &mut Option<(usize, u32, u32, bool)>,
    ) {
        if !ALL && v & HAS_EXACT == 0 {
            // a slot without exact-case names always has a fold name:
            // resolve it only if this stays the longest match
            *best = Some((e, v, NONE, last_w));
            return;
        }
        if let Some(name) = self.resolve(v, text, s, e) {
            if ALL {
                out.push(Match {
                    start: s,
                    end: e,
                    name,
                    entity: self.first_entity(name),
                });
            } else {
                let exact = if self.policies[name as usize] == CasePolicy::Exact {
                    name
                } else {
                    NONE
                };
                *best = Some((e, v, exact, last_w));
            }
        }
    }
}

/// An ASCII word of the text that the scan will reach: where it starts and
/// ends, and its first-word hash.
#[derive(Clone, Copy, Debug)]
struct NextWord {
    start: usize,
    end: usize,
    hash: u64,
}

impl NextWord {
    /// No word known.
    const NONE: NextWord = NextWord {
        start: usize::MAX,
        end: 0,
        hash: 0,
    };
}

/// The ASCII word bytes among the 16 bytes of `bytes` from `at` (bit `i` for byte
/// `at + i`), and the first eight of them as a little-endian integer; `None` when
/// fewer than 16 bytes remain.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn word_mask16(bytes: &[u8], at: usize) -> Option<(u32, u64)> {
    use std::arch::x86_64::*;
    if bytes.len().checked_sub(at)? < 16 {
        return None;
    }
    // SAFETY: SSE2 is part of x86_64; the load reads `bytes[at..at + 16]`, in bounds.
    unsafe {
        let v = _mm_loadu_si128(bytes.as_ptr().add(at) as *const __m128i);
        // signed compares: bytes >= 0x80 are negative, never in a range
        let l = _mm_or_si128(v, _mm_set1_epi8(0x20));
        let letter = _mm_and_si128(
            _mm_cmpgt_epi8(l, _mm_set1_epi8(b'a' as i8 - 1)),
            _mm_cmplt_epi8(l, _mm_set1_epi8(b'z' as i8 + 1)),
        );
        let digit = _mm_and_si128(
            _mm_cmpgt_epi8(v, _mm_set1_epi8(b'0' as i8 - 1)),
            _mm_cmplt_epi8(v, _mm_set1_epi8(b'9' as i8 + 1)),
        );
        let under = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8));
        let word = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), under));
        Some((word as u32, _mm_cvtsi128_si64(v) as u64))
    }
}

/// The end of the run of ASCII word bytes starting at `from`: on x86_64, 16
/// bytes at a time (SSE2) while 16 remain, then as [`ascii_word_end_swar`].
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn ascii_word_end(bytes: &[u8], from: usize) -> usize {
    let mut e = from;
    while let Some((word, _)) = word_mask16(bytes, e) {
        let non_word = !word & 0xFFFF;
        if non_word != 0 {
            return e + non_word.trailing_zeros() as usize;
        }
        e += 16;
    }
    ascii_word_end_swar(bytes, e)
}

/// `LOW_BYTES[k]`: the low `k` bytes of a `u64` set, for `k` in `0..=8`.
#[cfg(target_arch = "x86_64")]
const LOW_BYTES: [u64; 9] = {
    let mut t = [0u64; 9];
    let mut k = 1;
    while k < 9 {
        t[k] = u64::MAX >> (64 - 8 * k);
        k += 1;
    }
    t
};

/// The end of the ASCII word starting at `pos` (an ASCII word byte) and its
/// first-word hash ([`FirstWords::hash`] of `bytes[pos..end]`). On x86_64, a
/// word of at most eight bytes is hashed from the bytes its end was found in.
#[inline(always)]
fn word_at(fw: &FirstWords, bytes: &[u8], pos: usize) -> (usize, u64) {
    #[cfg(target_arch = "x86_64")]
    if let Some((word, lo)) = word_mask16(bytes, pos) {
        let non_word = !word & 0xFFFF;
        let e = if non_word == 0 {
            ascii_word_end(bytes, pos + 16)
        } else {
            pos + non_word.trailing_zeros() as usize
        };
        let len = e - pos;
        if (1..=8).contains(&len) {
            return (e, fw.hash_short(lo & LOW_BYTES[len], len));
        }
        return (e, fw.hash(&bytes[pos..e]));
    }
    let e = ascii_word_end(bytes, pos + 1);
    (e, fw.hash(&bytes[pos..e]))
}

/// [`ascii_word_end`] elsewhere.
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn ascii_word_end(bytes: &[u8], from: usize) -> usize {
    ascii_word_end_swar(bytes, from)
}

/// The end of the run of ASCII word bytes starting at `from`: eight bytes
/// at a time while they are all word bytes, then byte by byte.
#[inline(always)]
fn ascii_word_end_swar(bytes: &[u8], from: usize) -> usize {
    let mut e = from;
    while e + 8 <= bytes.len() {
        let c = &bytes[e..e + 8];
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let non_word = !word_bytes(v) & HI;
        if non_word != 0 {
            return e + (non_word.trailing_zeros() / 8) as usize;
        }
        e += 8;
    }
    while e < bytes.len() && ASCII_WORD[bytes[e] as usize] {
        e += 1;
    }
    e
}

/// Bit masks of up to 64 bytes of the text from `base`: bit `i` stands for
/// byte `base + i`.
#[derive(Clone, Copy, Debug)]
struct Block {
    base: usize,
    len: usize,
    /// ASCII word bytes.
    word: u64,
    /// Bytes the block skip stops at: non-ASCII bytes and [`WALK`] bytes.
    stop: u64,
}

impl Block {
    /// No bytes.
    const EMPTY: Block = Block {
        base: 0,
        len: 0,
        word: 0,
        stop: 0,
    };
}

/// The word-byte and stop-byte masks (see [`Block`]) of 64 bytes, where
/// the stop bytes are the non-ASCII bytes and those in `walks`.
#[cfg(target_arch = "x86_64")]
#[inline]
fn block_masks(chunk: &[u8; 64], walks: &[u8]) -> (u64, u64) {
    use std::arch::x86_64::*;
    // SAFETY: SSE2 is part of x86_64; the loads read 16 bytes of `chunk`
    // from 16 * k <= 48 (unaligned loads).
    unsafe {
        let (mut word, mut stop) = (0u64, 0u64);
        let (a1, z1) = (_mm_set1_epi8(b'a' as i8 - 1), _mm_set1_epi8(b'z' as i8 + 1));
        let (d1, d9) = (_mm_set1_epi8(b'0' as i8 - 1), _mm_set1_epi8(b'9' as i8 + 1));
        let (case, under) = (_mm_set1_epi8(0x20), _mm_set1_epi8(b'_' as i8));
        for k in 0..4 {
            let v = _mm_loadu_si128(chunk.as_ptr().add(16 * k) as *const __m128i);
            // signed compares: bytes >= 0x80 are negative, never in a range
            let l = _mm_or_si128(v, case);
            let letter = _mm_and_si128(_mm_cmpgt_epi8(l, a1), _mm_cmplt_epi8(l, z1));
            let digit = _mm_and_si128(_mm_cmpgt_epi8(v, d1), _mm_cmplt_epi8(v, d9));
            let w = _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmpeq_epi8(v, under));
            let mut st = v;
            for &c in walks {
                st = _mm_or_si128(st, _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8)));
            }
            word |= (_mm_movemask_epi8(w) as u32 as u64) << (16 * k);
            stop |= (_mm_movemask_epi8(st) as u32 as u64) << (16 * k);
        }
        (word, stop)
    }
}

/// The word-byte and stop-byte masks (see [`Block`]) of 64 bytes, where
/// the stop bytes are the non-ASCII bytes and those in `walks`.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn block_masks(chunk: &[u8; 64], walks: &[u8]) -> (u64, u64) {
    block_masks_swar(chunk, walks)
}

/// [`block_masks`] eight bytes at a time in `u64`s.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline]
fn block_masks_swar(chunk: &[u8; 64], walks: &[u8]) -> (u64, u64) {
    let (mut word, mut stop) = (0u64, 0u64);
    for k in 0..8 {
        let c = &chunk[8 * k..8 * k + 8];
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let mut st = v & HI;
        for &w in walks {
            let y = v ^ (LO * w as u64);
            st |= !(((y & !HI) + LO * 0x7f) | y) & HI;
        }
        word |= high_bits(word_bytes(v)) << (8 * k);
        stop |= high_bits(st) << (8 * k);
    }
    (word, stop)
}

/// The high bit of each byte of `x` (other bits clear) gathered into the
/// low eight bits: byte `k` gives bit `k`.
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
fn high_bits(x: u64) -> u64 {
    ((x >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of the result is set iff that byte of `v` is
/// an ASCII word byte (`[0-9A-Za-z_]`).
#[inline(always)]
fn word_bytes(v: u64) -> u64 {
    let x = v & !HI;
    // high bit set iff x >= lo, for bytes below 0x80
    let ge = |x: u64, lo: u8| x + LO * (0x80 - lo as u64);
    let in_range = |x: u64, lo: u8, hi: u8| ge(x, lo) & !ge(x, hi + 1);
    let letters = in_range(x | (LO * 0x20), b'a', b'z');
    let digits = in_range(x, b'0', b'9');
    (letters | digits | under_byte(x)) & !v & HI
}

/// The high bit of each byte is set iff that byte of `x` (bytes below 0x80)
/// is `_`.
#[inline(always)]
fn under_byte(x: u64) -> u64 {
    let y = x ^ (LO * b'_' as u64); // zero bytes where x == '_'
                                    // a byte of y is zero iff adding 0x7f leaves its high bit clear
    !(y + LO * 0x7f) & HI
}

/// One character of the text, folded.
#[derive(Clone, Copy, Debug)]
struct Unit {
    /// Folded UTF-8 bytes.
    bytes: [u8; 4],
    /// Number of folded bytes; 0 = dropped.
    len: u8,
    /// The folded character is a word character.
    word: bool,
    /// The folded character belongs to the one before it (a mark or a
    /// joiner; also set for dropped characters).
    ext: bool,
    /// Bytes in the original text.
    width: usize,
}

impl Names for EntityMatcher {
    fn fold(&self) -> Fold {
        EntityMatcher::fold(self)
    }
    fn whole_words(&self) -> bool {
        EntityMatcher::whole_words(self)
    }
    fn overlaps(&self) -> Overlaps {
        EntityMatcher::overlaps(self)
    }
    fn slots(&self) -> (&[NamePair], &[NamePair]) {
        EntityMatcher::slots(self)
    }
    fn name(&self, i: u32) -> &str {
        EntityMatcher::name(self, i)
    }
    fn first_entity_of(&self, name: u32) -> u32 {
        EntityMatcher::first_entity_of(self, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swar_word_bytes_agree_with_the_table() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = [b' '; 8];
                bytes[lane] = b;
                let w = word_bytes(u64::from_le_bytes(bytes));
                assert_eq!(
                    w >> (lane * 8 + 7) & 1 == 1,
                    ASCII_WORD[b as usize],
                    "byte {b} lane {lane}"
                );
                assert_eq!(w & !(0x80 << (lane * 8)), 0);
            }
        }
        // the block masks, both ways, against the byte table
        let mut rng = crate::testing::Rng(0xb10c);
        for round in 0..2000 {
            let mut chunk = [0u8; 64];
            for b in chunk.iter_mut() {
                *b = match rng.below(4) {
                    0 => rng.below(256) as u8,
                    _ => b"aZ09_ (.'\xc3"[rng.below(10)],
                };
            }
            let walks: &[u8] = [&b""[..], b"(", b"('", b".'(0"][round % 4];
            let mut want = (0u64, 0u64);
            for (i, &b) in chunk.iter().enumerate() {
                want.0 |= (ASCII_WORD[b as usize] as u64) << i;
                want.1 |= ((b >= 128 || walks.contains(&b)) as u64) << i;
            }
            assert_eq!(block_masks(&chunk, walks), want, "{chunk:?}");
            assert_eq!(block_masks_swar(&chunk, walks), want, "{chunk:?}");
        }
        let text = b"abc_DEF9 xyzxyzxyzxyz-q";
        for from in 0..text.len() {
            let mut e = from;
            while e < text.len() && ASCII_WORD[text[e] as usize] {
                e += 1;
            }
            assert_eq!(ascii_word_end(text, from), e, "from {from}");
        }
        // every byte value at every place of runs of word bytes longer than a
        // block of 16 and one of 8, and of texts shorter than either
        let mut rng = crate::testing::Rng(0x9E37_79B9_7F4A_7C15);
        for len in [0usize, 1, 7, 8, 9, 15, 16, 17, 31, 33, 40] {
            for _ in 0..40 {
                let mut text: Vec<u8> = (0..len).map(|_| b"aZ09_"[rng.below(5)]).collect();
                if len > 0 {
                    let at = rng.below(len);
                    text[at] = rng.below(256) as u8;
                }
                for from in 0..=len {
                    let mut e = from;
                    while e < len && ASCII_WORD[text[e] as usize] {
                        e += 1;
                    }
                    assert_eq!(ascii_word_end(&text, from), e, "{text:?} from {from}");
                    assert_eq!(ascii_word_end_swar(&text, from), e, "{text:?} from {from}");
                }
            }
        }
        for b in 0..=255u8 {
            for at in 0..20 {
                let mut text = vec![b'k'; 20];
                text[at] = b;
                let want = if ASCII_WORD[b as usize] { 20 } else { at };
                assert_eq!(ascii_word_end(&text, 0), want, "byte {b} at {at}");
            }
        }
    }

    #[test]
    fn word_at_is_the_word_end_and_its_hash() {
        use super::super::Record;
        for case_sensitive in [false, true] {
            let m = super::super::MatcherBuilder::new()
                .case_sensitive(case_sensitive)
                .build([Record::new("a", "A", ["New York"])])
                .unwrap();
            let fw = &m.first_words;
            let mut rng = crate::testing::Rng(0x2545_F491_4F6C_DD1D);
            for len in [1usize, 2, 7, 8, 9, 15, 16, 17, 24, 40] {
                for _ in 0..60 {
                    let mut text: Vec<u8> =
                        (0..len).map(|_| b"aZ09_ ,.-\xc3"[rng.below(10)]).collect();
                    text[rng.below(len)] = rng.below(256) as u8;
                    for pos in (0..len).filter(|&p| ASCII_WORD[text[p] as usize]) {
                        let e = ascii_word_end(&text, pos + 1);
                        let want = (e, fw.hash(&text[pos..e]));
                        assert_eq!(word_at(fw, &text, pos), want, "{text:?} at {pos}");
                    }
                }
            }
        }
    }
}
