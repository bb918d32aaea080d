//! Running one function over many documents, in parallel.
//!
//! Bindings call [`map_parallel`] on chunks of a batch so that they can check
//! for interrupts between chunks; plain Rust users can call it directly.

use rayon::prelude::*;

/// How many threads a batch call should use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Threads {
    /// Rayon's global pool: all cores, or `RAYON_NUM_THREADS`.
    #[default]
    Auto,
    /// Exactly this many threads (1 runs on the calling thread, no pool).
    Exactly(usize),
}

impl Threads {
    /// Builds the setting from an optional user value, rejecting zero. A
    /// value above the number of cores ([`max_threads`]) is capped there:
    /// more threads than cores only add the cost of starting them (10,000
    /// threads took minutes for a few thousand tiny texts).
    pub fn from_option(n: Option<usize>) -> crate::error::Result<Threads> {
        match n {
            None => Ok(Threads::Auto),
            Some(0) => Err(crate::Error::option(
                "n_threads must be a positive integer or None, got 0",
            )),
            Some(n) => Ok(Threads::Exactly(n.min(max_threads()))),
        }
    }
}

/// The most threads a batch uses: the number of cores
/// (`std::thread::available_parallelism`, 1 if unknown).
///
/// Read once per process: on Linux, `available_parallelism` reads the cgroup
/// quota files, ~30 µs per call, which was 10x the rest of a one-text batch.
pub fn max_threads() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A thread pool resolved from a [`Threads`] setting, reusable across chunks
/// of one batch.
#[derive(Debug)]
pub struct Pool {
    pool: Option<rayon::ThreadPool>,
    sequential: bool,
}

impl Pool {
    /// Resolves `threads`. With `force_sequential` (used after `fork()`, where
    /// the global pool's threads no longer exist) everything runs on the
    /// calling thread.
    pub fn new(threads: Threads, force_sequential: bool) -> Pool {
        match (threads, force_sequential) {
            (_, true) | (Threads::Exactly(1), _) => Pool {
                pool: None,
                sequential: true,
            },
            (Threads::Auto, false) => Pool {
                pool: None,
                sequential: rayon::current_num_threads() <= 1,
            },
            // The global pool when it has that many threads: building a pool spawns
            // its threads anew on every call.
            (Threads::Exactly(n), false) if n == rayon::current_num_threads() => Pool {
                pool: None,
                sequential: false,
            },
            (Threads::Exactly(n), false) => {
                match rayon::ThreadPoolBuilder::new().num_threads(n).build() {
                    Ok(pool) => Pool {
                        pool: Some(pool),
                        sequential: false,
                    },
                    // Could not spawn threads: still give the right answer.
                    Err(_) => Pool {
                        pool: None,
                        sequential: true,
                    },
                }
            }
        }
    }

    /// Whether this pool runs everything on the calling thread.
    pub fn is_sequential(&self) -> bool {
        self.sequential
    }

    /// Applies `f` to every item, preserving order.
    pub fn map<I, T, F>(&self, items: &[I], f: F) -> Vec<T>
    where
        I: Sync,
        T: Send,
        F: Fn(&I) -> T + Sync + Send,
    {
        if self.sequential || items.len() <= 1 {
            return items.iter().map(f).collect();
        }
        let run = || items.par_iter().with_min_len(1).map(&f).collect();
        match &self.pool {
            Some(pool) => pool.install(run),
            None => run(),
        }
    }
}

/// Applies `f` to every item using `threads`, preserving order.
///
/// ```
/// use newsprep::batch::{map_parallel, Threads};
/// let lens = map_parallel(&["a", "bb"], Threads::Auto, |s| s.len());
/// assert_eq!(lens, vec![1, 2]);
/// ```
pub fn map_parallel<I, T, F>(items: &[I], threads: Threads, f: F) -> Vec<T>
where
    I: Sync,
    T: Send,
    F: Fn(&I) -> T + Sync + Send,
{
    Pool::new(threads, false).map(items, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_kept_for_every_setting() {
        let items: Vec<usize> = (0..1000).collect();
        for t in [Threads::Auto, Threads::Exactly(1), Threads::Exactly(3)] {
            assert_eq!(map_parallel(&items, t, |x| x * 2)[999], 1998);
            assert_eq!(Pool::new(t, true).map(&items, |x| x + 1)[0], 1);
        }
    }

    #[test]
    fn threads_are_capped_at_the_cores() {
        let cores = max_threads();
        assert!(cores >= 1);
        assert_eq!(
            Threads::from_option(Some(10_000)).unwrap(),
            Threads::Exactly(cores)
        );
        assert_eq!(Threads::from_option(Some(1)).unwrap(), Threads::Exactly(1));
    }

    #[test]
    fn zero_threads_is_an_error() {
        assert!(Threads::from_option(Some(0)).is_err());
        assert_eq!(Threads::from_option(None).unwrap(), Threads::Auto);
    }
}
