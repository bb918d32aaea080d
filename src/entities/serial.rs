//! Saving and loading a matcher.
//!
//! Only the gazetteer is stored (options, entities, names with their case
//! policies and entities); the trie is rebuilt on load, which keeps the
//! format small, stable across versions of the search structure, and safe
//! to read from untrusted bytes (everything is validated by the rebuild).
//!
//! [`EntityMatcher::to_bytes`] writes a compact binary form (LEB128 lengths,
//! no dependency); serde (`Serialize`/`Deserialize`) goes through the same
//! logical form, for JSON or any other serde format.

use super::builder::{fold_mode, Keys};
use super::fold::fold_into;
use super::matcher::{EntityMatcher, NameSpec};
use super::{CasePolicy, Entity, Options, Overlaps};
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const MAGIC: &[u8; 4] = b"NPEM";
const VERSION: u8 = 1;

/// The logical, serde-visible form of a matcher.
#[derive(Serialize, Deserialize)]
struct Repr {
    options: Options,
    entities: Vec<Entity>,
    names: Vec<NameRepr>,
}

#[derive(Serialize, Deserialize)]
struct NameRepr {
    name: String,
    #[serde(default)]
    policy: CasePolicy,
    entities: Vec<u32>,
}

impl EntityMatcher {
    /// Serializes the matcher to a compact binary form; see
    /// [`from_bytes`](Self::from_bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.heap_bytes() / 2);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        let o = &self.options;
        out.push(
            o.case_sensitive as u8
                | (o.fold_accents as u8) << 1
                | (o.whole_words as u8) << 2
                | ((o.overlaps == Overlaps::All) as u8) << 3,
        );
        put_uint(&mut out, o.min_length as u64);
        put_uint(&mut out, self.entities.len() as u64);
        for e in &self.entities {
            put_str(&mut out, &e.id);
            put_str(&mut out, &e.label);
        }
        put_uint(&mut out, self.len_names() as u64);
        for i in 0..self.len_names() as u32 {
            put_str(&mut out, self.name(i));
            out.push((self.name_policy(i) == CasePolicy::Exact) as u8);
            let ents = self.name_entities(i);
            put_uint(&mut out, ents.len() as u64);
            for &e in ents {
                put_uint(&mut out, e as u64);
            }
        }
        out
    }

    /// Reads a matcher written by [`to_bytes`](Self::to_bytes). Fails with
    /// [`ErrorKind::Deserialize`] on anything malformed; never panics.
    pub fn from_bytes(bytes: &[u8]) -> Result<EntityMatcher> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(de("not a saved EntityMatcher (bad magic)"));
        }
        let version = r.byte()?;
        if version != VERSION {
            return Err(de(&format!(
                "unsupported EntityMatcher format version {version}"
            )));
        }
        let flags = r.byte()?;
        if flags >> 4 != 0 {
            return Err(de("unknown option flags"));
        }
        let options = Options {
            case_sensitive: flags & 1 != 0,
            fold_accents: flags & 2 != 0,
            whole_words: flags & 4 != 0,
            overlaps: if flags & 8 != 0 {
                Overlaps::All
            } else {
                Overlaps::LeftmostLongest
            },
            min_length: r.uint()? as usize,
        };
        let n_ent = r.count()?;
        let mut entities = Vec::with_capacity(n_ent);
        for _ in 0..n_ent {
            let id = r.string()?;
            let label = r.string()?;
            entities.push(Entity { id, label });
        }
        let n_names = r.count()?;
        let mut names = Vec::with_capacity(n_names);
        for _ in 0..n_names {
            let name = r.string()?;
            let policy = match r.byte()? {
                0 => CasePolicy::Fold,
                1 => CasePolicy::Exact,
                _ => return Err(de("bad case policy")),
            };
            let k = r.count()?;
            let mut ents = Vec::with_capacity(k);
            for _ in 0..k {
                ents.push(u32::try_from(r.uint()?).map_err(|_| de("entity index too large"))?);
            }
            names.push(NameRepr {
                name,
                policy,
                entities: ents,
            });
        }
        if r.pos != bytes.len() {
            return Err(de("trailing bytes"));
        }
        from_repr(Repr {
            options,
            entities,
            names,
        })
    }

    fn to_repr(&self) -> Repr {
        Repr {
            options: self.options.clone(),
            entities: self.entities.clone(),
            names: (0..self.len_names() as u32)
                .map(|i| NameRepr {
                    name: self.name(i).to_string(),
                    policy: self.name_policy(i),
                    entities: self.name_entities(i).to_vec(),
                })
                .collect(),
        }
    }
}

fn from_repr(repr: Repr) -> Result<EntityMatcher> {
    let fold = fold_mode(&repr.options).map_err(|e| de(e.message()))?;
    let mut names = NameSpec::default();
    let mut keys = Keys::default();
    let mut pairs = Vec::new();
    for (i, n) in repr.names.into_iter().enumerate() {
        let start = keys.data.len();
        fold_into(fold, &n.name, &mut keys.data);
        if keys.data.len() == start {
            return Err(de(&format!("name {i} is empty or folds to nothing")));
        }
        for e in n.entities {
            pairs.push((i as u32, e));
        }
        keys.end
            .push(u32::try_from(keys.data.len()).map_err(|_| de("names too large"))?);
        names.written.data.push_str(&n.name);
        let end = names.written.data.len();
        names
            .written
            .end
            .push(u32::try_from(end).map_err(|_| de("names too large"))?);
        names.policies.push(n.policy);
    }
    if names.policies.len() > u32::MAX as usize / 2 {
        return Err(de("too many names"));
    }
    EntityMatcher::assemble(repr.options, fold, repr.entities, names, keys, pairs)
        .map_err(|e| de(e.message()))
}

impl Serialize for EntityMatcher {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_repr().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for EntityMatcher {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let repr = Repr::deserialize(deserializer)?;
        from_repr(repr).map_err(serde::de::Error::custom)
    }
}

fn de(msg: &str) -> Error {
    Error::new(ErrorKind::Deserialize, format!("EntityMatcher: {msg}"))
}

fn put_uint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_uint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| de("truncated data"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn byte(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn uint(&mut self) -> Result<u64> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(de("bad integer"))
    }

    /// A length that must fit in the remaining bytes (each item takes at
    /// least one byte), so that corrupt input cannot make us allocate much.
    fn count(&mut self) -> Result<usize> {
        let n = self.uint()?;
        if n > (self.bytes.len() - self.pos) as u64 {
            return Err(de("count larger than the data"));
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String> {
        let n = self.count()?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| de("invalid UTF-8"))
    }
}
