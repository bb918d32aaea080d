//! A compact byte trie over the folded names, walked from word starts.
//!
//! Nodes are numbered in breadth-first order, so the children of a node are
//! contiguous records, sorted by the byte on their incoming edge. A record is
//! 12 bytes: the index of the first child, the terminal value, and a packed
//! word with the edge label, the node's kind and a count. Choosing a child
//! therefore reads one block of records, and the chosen record (with its
//! terminal value) comes with it.
//!
//! Two kinds of nodes besides plain ones keep the trie small and the walk
//! short:
//! * a **tail** node is a leaf standing for a whole unique suffix: the rest
//!   of its single name is stored as bytes in `tails` (most of a large
//!   gazetteer's names end in a suffix shared with no other name);
//! * a **dense** node (the root, and nodes with many children) has a
//!   256-entry table from byte to child.

/// Terminal value flag: the slot also has exact-case names.
pub(crate) const HAS_EXACT: u32 = 1 << 31;

/// Children at or above this count get a dense table.
const DENSE_MIN: usize = 20;

const KIND_PLAIN: u32 = 0;
const KIND_TAIL: u32 = 1;
const KIND_DENSE: u32 = 2;
const N_MASK: u32 = (1 << 22) - 1;

/// One node. `aux` = label << 24 | kind << 22 | n, where n is the number of
/// children (plain), the tail length (tail, `first` = tail offset), or the
/// dense table index (dense).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Node {
    first: u32,
    /// 0 for inner nodes, else `(slot + 1) | flags`.
    pub(crate) value: u32,
    aux: u32,
}

impl Node {
    #[inline(always)]
    fn label(self) -> u8 {
        (self.aux >> 24) as u8
    }
    #[inline(always)]
    fn kind(self) -> u32 {
        (self.aux >> 22) & 3
    }
    #[inline(always)]
    fn n(self) -> u32 {
        self.aux & N_MASK
    }
}

/// The trie.
#[derive(Clone, Debug, Default)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
    tails: Vec<u8>,
    /// Dense tables, 256 entries each, 0 = no child. Table 0 is the root's.
    dense: Vec<u32>,
}

/// A position in the trie: a node, and for a tail node how many tail bytes
/// have been matched.
#[derive(Clone, Copy, Debug)]
pub(crate) struct State {
    node: Node,
    tail_pos: u32,
}

impl Trie {
    /// Builds the trie of `keys`, which must be sorted, distinct and
    /// non-empty; key `i` gets the value `values[i]` (non-zero, < 2^31 once
    /// flags are removed). `None` when the trie would be too large.
    pub(crate) fn build(keys: &[&[u8]], values: &[u32]) -> Option<Trie> {
        debug_assert_eq!(keys.len(), values.len());
        let mut nodes: Vec<Node> = vec![Node::default()];
        let mut tails: Vec<u8> = Vec::new();
        // (node, lo, hi): nodes of the current depth still to expand
        let mut level: Vec<(u32, u32, u32)> = vec![(0, 0, keys.len() as u32)];
        let mut next: Vec<(u32, u32, u32)> = Vec::new();
        let mut depth = 0usize;
        while !level.is_empty() {
            next.clear();
            for &(id, lo, hi) in &level {
                let first = nodes.len();
                let (lo, hi) = (lo as usize, hi as usize);
                let mut i = lo;
                // the key equal to this node's prefix sorts first
                while i < hi && keys[i].len() == depth {
                    i += 1;
                }
                while i < hi {
                    let b = keys[i][depth];
                    let mut j = i + 1;
                    while j < hi && keys[j][depth] == b {
                        j += 1;
                    }
                    let child = nodes.len() as u32;
                    let label = (b as u32) << 24;
                    if j - i == 1 && keys[i].len() > depth + 1 {
                        let tail = &keys[i][depth + 1..];
                        if tail.len() > N_MASK as usize || tails.len() > u32::MAX as usize / 2 {
                            return None;
                        }
                        nodes.push(Node {
                            first: tails.len() as u32,
                            value: values[i],
                            aux: label | KIND_TAIL << 22 | tail.len() as u32,
                        });
                        tails.extend_from_slice(tail);
                    } else {
                        nodes.push(Node {
                            first: 0,
                            value: if keys[i].len() == depth + 1 {
                                values[i]
                            } else {
                                0
                            },
                            aux: label,
                        });
                        if keys[j - 1].len() > depth + 1 {
                            next.push((child, i as u32, j as u32));
                        }
                    }
                    i = j;
                }
                let count = nodes.len() - first;
                let node = &mut nodes[id as usize];
                node.first = first as u32;
                node.aux |= count as u32;
            }
            if nodes.len() > (u32::MAX / 2) as usize {
                return None;
            }
            std::mem::swap(&mut level, &mut next);
            depth += 1;
        }
        let mut dense: Vec<u32> = Vec::new();
        for k in 0..nodes.len() {
            let node = nodes[k];
            if node.kind() != KIND_PLAIN {
                continue;
            }
            let count = node.n() as usize;
            if k == 0 || count >= DENSE_MIN {
                let t = dense.len() / 256;
                dense.resize(dense.len() + 256, 0);
                for c in node.first as usize..node.first as usize + count {
                    dense[t * 256 + nodes[c].label() as usize] = c as u32;
                }
                nodes[k].aux = (node.aux & !(N_MASK | 3 << 22)) | KIND_DENSE << 22 | t as u32;
            }
        }
        Some(Trie {
            nodes,
            tails,
            dense,
        })
    }

    /// The state at the root.
    #[inline(always)]
    pub(crate) fn root(&self) -> State {
        State {
            node: self.nodes[0],
            tail_pos: 0,
        }
    }

    /// Whether the root has an edge for byte `b`.
    #[inline(always)]
    pub(crate) fn root_has(&self, b: u8) -> bool {
        self.dense[b as usize] != 0
    }

    /// Moves `state` along byte `b`; `false` (state unspecified) when the
    /// trie has no such edge.
    #[inline(always)]
    pub(crate) fn step(&self, state: &mut State, b: u8) -> bool {
        let node = state.node;
        match node.kind() {
            KIND_TAIL => {
                let tp = state.tail_pos;
                if tp < node.n() && self.tails[(node.first + tp) as usize] == b {
                    state.tail_pos = tp + 1;
                    true
                } else {
                    false
                }
            }
            KIND_DENSE => {
                let c = self.dense[node.n() as usize * 256 + b as usize];
                if c == 0 {
                    return false;
                }
                state.node = self.nodes[c as usize];
                state.tail_pos = 0;
                true
            }
            _ => {
                let lo = node.first as usize;
                let kids = &self.nodes[lo..lo + node.n() as usize];
                let found = if kids.len() <= 8 {
                    kids.iter().position(|k| k.label() == b)
                } else {
                    kids.binary_search_by_key(&b, |k| k.label()).ok()
                };
                match found {
                    Some(i) => {
                        state.node = kids[i];
                        state.tail_pos = 0;
                        true
                    }
                    None => false,
                }
            }
        }
    }

    /// The terminal value at `state` (0 = not the end of a name).
    #[inline(always)]
    pub(crate) fn value(&self, state: &State) -> u32 {
        let node = state.node;
        if node.kind() == KIND_TAIL && state.tail_pos != node.n() {
            0
        } else {
            node.value
        }
    }

    /// Number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Heap bytes used.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self.tails.capacity()
            + self.dense.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(t: &Trie, key: &[u8]) -> u32 {
        let mut s = t.root();
        for &b in key {
            if !t.step(&mut s, b) {
                return 0;
            }
        }
        t.value(&s)
    }

    #[test]
    fn finds_every_key_and_nothing_else() {
        let mut keys: Vec<Vec<u8>> = vec![
            b"a".to_vec(),
            b"ab".to_vec(),
            b"abc".to_vec(),
            b"abcdefgh".to_vec(),
            b"b".to_vec(),
            b"new york".to_vec(),
            b"new york city".to_vec(),
            b"zzz".to_vec(),
        ];
        for i in 0..40u8 {
            keys.push(vec![b'x', i, b'y']);
            keys.push(vec![b'q', i]);
        }
        keys.sort();
        let refs: Vec<&[u8]> = keys.iter().map(|k| k.as_slice()).collect();
        let values: Vec<u32> = (1..=keys.len() as u32).collect();
        let t = Trie::build(&refs, &values).unwrap();
        for (k, v) in refs.iter().zip(&values) {
            assert_eq!(lookup(&t, k), *v, "{:?}", k);
        }
        for k in [
            &b"new"[..],
            b"abcd",
            b"abcdefghi",
            b"x",
            b"zz",
            b"zzzz",
            b"q",
            &[b'x', 41, b'y'],
        ] {
            assert_eq!(lookup(&t, k), 0, "{:?}", k);
        }
    }
}
