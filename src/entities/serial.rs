//! Saving and loading a matcher.
//!
//! Only the gazetteer is stored (every option, entities, names with their
//! case policies and entities); the trie is rebuilt on load, which keeps the
//! format small, stable across versions of the search structure, and safe
//! to read from untrusted bytes (everything is validated by the rebuild).
//! The Python bindings save, load and pickle through this same form.
//!
//! [`EntityMatcher::to_bytes`] writes a compact binary form (LEB128 lengths,
//! no dependency); serde (`Serialize`/`Deserialize`) goes through the same
//! logical form, for JSON or any other serde format.
//!
//! # Versions
//!
//! * **2** (written now): magic `NPEM`, version, option flags
//!   (case-sensitive, fold accents, whole words, all overlaps, exact-case
//!   acronyms), `min_length`, the stop names and exact-case names, then the
//!   entities and the names.
//! * **1** (read): the same without the acronym flag and the two lists.
//! * The **Python wrapper** of version 1 (read): `NPEM`, a little-endian
//!   u64 length, a JSON `[stop_names, exact_case_names]`, then version-1
//!   bytes. Old files keep their results: each name's case policy is stored,
//!   so the acronym rule (which they predate) does not apply to them.

use super::fold::fold_into;
use super::matcher::EntityMatcher;
use super::names::{check_name, fold_mode, Keys, NameSpec};
use super::{CasePolicy, Entity, Options, Overlaps};
use crate::error::{Error, ErrorKind, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const MAGIC: &[u8; 4] = b"NPEM";
const VERSION: u8 = 2;

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
                | ((o.overlaps == Overlaps::All) as u8) << 3
                | (o.exact_case_acronyms as u8) << 4,
        );
        put_uint(&mut out, o.min_length as u64);
        for list in [&o.stop_names, &o.exact_case_names] {
            put_uint(&mut out, list.len() as u64);
            for s in list {
                put_str(&mut out, s);
            }
        }
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

    /// Reads a matcher written by [`to_bytes`](Self::to_bytes) (any version,
    /// and files saved by the Python bindings of version 1). Fails with
    /// [`ErrorKind::Deserialize`] on anything malformed; never panics.
    pub fn from_bytes(bytes: &[u8]) -> Result<EntityMatcher> {
        if let Some((stop, exact, core)) = python_wrapper(bytes) {
            let mut repr = read_repr(core)?;
            if repr.version != 1 {
                return Err(de("a Python-wrapped matcher must hold version 1 bytes"));
            }
            repr.repr.options.stop_names = stop;
            repr.repr.options.exact_case_names = exact;
            return from_repr(repr.repr);
        }
        from_repr(read_repr(bytes)?.repr)
    }
}

/// A decoded matcher and the format version it was written in.
struct Versioned {
    version: u8,
    repr: Repr,
}

/// The parts of a version-1 file of the Python bindings, if `bytes` is one.
fn python_wrapper(bytes: &[u8]) -> Option<(Vec<String>, Vec<String>, &[u8])> {
    if bytes.len() < 12 + 4 || &bytes[..4] != MAGIC || bytes[12] != b'[' {
        return None;
    }
    let n = u64::from_le_bytes(bytes[4..12].try_into().ok()?);
    let n = usize::try_from(n).ok().filter(|&n| n <= bytes.len() - 12)?;
    let (json, core) = bytes[12..].split_at(n);
    if core.len() < 5 || &core[..4] != MAGIC {
        return None;
    }
    let (stop, exact): (Vec<String>, Vec<String>) = serde_json::from_slice(json).ok()?;
    Some((stop, exact, core))
}

fn read_repr(bytes: &[u8]) -> Result<Versioned> {
    {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(de("not a saved EntityMatcher (bad magic)"));
        }
        let version = r.byte()?;
        if version != 1 && version != VERSION {
            return Err(de(&format!(
                "unsupported EntityMatcher format version {version} (this version of newsprep \
                 reads 1 and 2; a newer newsprep wrote it?)"
            )));
        }
        let flags = r.byte()?;
        let known = if version == 1 { 4 } else { 5 };
        if flags >> known != 0 {
            return Err(de("unknown option flags"));
        }
        let mut options = Options {
            case_sensitive: flags & 1 != 0,
            fold_accents: flags & 2 != 0,
            whole_words: flags & 4 != 0,
            overlaps: if flags & 8 != 0 {
                Overlaps::All
            } else {
                Overlaps::LeftmostLongest
            },
            min_length: usize::try_from(r.uint()?).map_err(|_| de("min_length too large"))?,
            exact_case_acronyms: flags & 16 != 0,
            stop_names: Vec::new(),
            exact_case_names: Vec::new(),
        };
        if version >= 2 {
            for list in [&mut options.stop_names, &mut options.exact_case_names] {
                let k = r.count()?;
                for _ in 0..k {
                    list.push(r.string()?);
                }
            }
        }
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
        Ok(Versioned {
            version,
            repr: Repr {
                options,
                entities,
                names,
            },
        })
    }
}

impl EntityMatcher {
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
    if let Some(i) = repr.entities.iter().position(|e| e.id.is_empty()) {
        return Err(de(&format!("entity {i} has an empty id")));
    }
    let mut names = NameSpec::default();
    let mut keys = Keys::default();
    let mut pairs = Vec::new();
    for (i, n) in repr.names.into_iter().enumerate() {
        let start = keys.data.len();
        fold_into(fold, &n.name, &mut keys.data);
        if let Err(what) = check_name(&n.name, &keys.data[start..]) {
            return Err(de(&format!("name {i} {what}")));
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
