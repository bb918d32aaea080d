//! A compact byte trie over the folded names, walked from word starts.
//!
//! Nodes are numbered in breadth-first order, so the children of node `k`
//! are the contiguous nodes `first[k]..first[k + 1]`, sorted by the byte on
//! their incoming edge (`label`). A node costs 9 bytes (`first`, `label`,
//! `value`). The root, and every node with many children, also get a dense
//! 256-entry table so that the busy top of the trie is one load per byte.

/// Terminal value flag: the slot also has exact-case names.
pub(crate) const HAS_EXACT: u32 = 1 << 31;

/// Children at or above this count get a dense table.
const DENSE_MIN: usize = 24;

/// The trie. `value[node]` is 0 for inner nodes, else `(slot + 1) | flags`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Trie {
    first: Vec<u32>,
    label: Vec<u8>,
    value: Vec<u32>,
    /// For node k with a dense table, `dense_of[k]` is its table index + 1.
    dense_of: Vec<u32>,
    /// Dense tables, 256 entries each, 0 = no child. Table 0 is the root's.
    dense: Vec<u32>,
}

impl Trie {
    /// Builds the trie of `keys`, which must be sorted, distinct and
    /// non-empty; key `i` gets the value `values[i]` (non-zero).
    pub(crate) fn build(keys: &[&[u8]], values: &[u32]) -> Trie {
        debug_assert_eq!(keys.len(), values.len());
        let mut first: Vec<u32> = Vec::new();
        let mut label: Vec<u8> = vec![0];
        let mut value: Vec<u32> = vec![0];
        let mut level: Vec<(u32, u32)> = vec![(0, keys.len() as u32)];
        let mut next: Vec<(u32, u32)> = Vec::new();
        let mut next_id: u32 = 1;
        let mut depth = 0usize;
        while !level.is_empty() {
            next.clear();
            for &(lo, hi) in &level {
                first.push(next_id);
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
                    label.push(b);
                    value.push(if keys[i].len() == depth + 1 {
                        values[i]
                    } else {
                        0
                    });
                    next.push((i as u32, j as u32));
                    next_id += 1;
                    i = j;
                }
            }
            std::mem::swap(&mut level, &mut next);
            depth += 1;
        }
        first.push(next_id);
        let n = value.len();
        let mut trie = Trie {
            first,
            label,
            value,
            dense_of: vec![0; n],
            dense: Vec::new(),
        };
        for k in 0..n {
            let (lo, hi) = (trie.first[k] as usize, trie.first[k + 1] as usize);
            if k == 0 || hi - lo >= DENSE_MIN {
                let t = trie.dense.len() / 256;
                trie.dense.resize(trie.dense.len() + 256, 0);
                for c in lo..hi {
                    trie.dense[t * 256 + trie.label[c] as usize] = c as u32;
                }
                trie.dense_of[k] = t as u32 + 1;
            }
        }
        trie
    }

    /// The child of `node` along byte `b`; 0 when there is none (node 0, the
    /// root, is nobody's child).
    #[inline(always)]
    pub(crate) fn child(&self, node: u32, b: u8) -> u32 {
        let k = node as usize;
        let d = self.dense_of[k];
        if d != 0 {
            return self.dense[(d as usize - 1) * 256 + b as usize];
        }
        let lo = self.first[k] as usize;
        let hi = self.first[k + 1] as usize;
        let labels = &self.label[lo..hi];
        if labels.len() <= 8 {
            for (i, &l) in labels.iter().enumerate() {
                if l == b {
                    return (lo + i) as u32;
                }
            }
            0
        } else {
            match labels.binary_search(&b) {
                Ok(i) => (lo + i) as u32,
                Err(_) => 0,
            }
        }
    }

    /// The child of the root along `b` (0 = none).
    #[inline(always)]
    pub(crate) fn root_child(&self, b: u8) -> u32 {
        self.dense[b as usize]
    }

    /// The terminal value of `node` (0 = not the end of a name).
    #[inline(always)]
    pub(crate) fn value(&self, node: u32) -> u32 {
        self.value[node as usize]
    }

    /// Number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.value.len()
    }

    /// Heap bytes used.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.first.capacity() * 4
            + self.label.capacity()
            + self.value.capacity() * 4
            + self.dense_of.capacity() * 4
            + self.dense.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(t: &Trie, key: &[u8]) -> u32 {
        let mut node = 0;
        for &b in key {
            node = t.child(node, b);
            if node == 0 {
                return 0;
            }
        }
        t.value(node)
    }

    #[test]
    fn finds_every_key_and_nothing_else() {
        let mut keys: Vec<Vec<u8>> = vec![
            b"a".to_vec(),
            b"ab".to_vec(),
            b"abc".to_vec(),
            b"b".to_vec(),
            b"new york".to_vec(),
            b"new york city".to_vec(),
        ];
        for i in 0..40u8 {
            keys.push(vec![b'x', i, b'y']);
        }
        keys.sort();
        let refs: Vec<&[u8]> = keys.iter().map(|k| k.as_slice()).collect();
        let values: Vec<u32> = (1..=keys.len() as u32).collect();
        let t = Trie::build(&refs, &values);
        for (k, v) in refs.iter().zip(&values) {
            assert_eq!(lookup(&t, k), *v, "{:?}", k);
        }
        assert_eq!(lookup(&t, b"new"), 0);
        assert_eq!(lookup(&t, b"abcd"), 0);
        assert_eq!(lookup(&t, b"x"), 0);
        assert_eq!(lookup(&t, &[b'x', 41, b'y']), 0);
    }
}
