//! Running one function over many documents, in parallel.
//!
//! Bindings run a batch in chunks so that they can check for interrupts and
//! report progress between chunks: [`overlap`] when the calling thread also
//! has work of its own per chunk (reading the inputs, building the results),
//! [`map_parallel`] otherwise; plain Rust users can call either directly.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};

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
    /// How many threads this setting runs on: rayon's for [`Threads::Auto`].
    pub fn count(self) -> usize {
        match self {
            Threads::Auto => rayon::current_num_threads().max(1),
            Threads::Exactly(n) => n.max(1),
        }
    }

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

/// Items claimed at a time from a chunk by [`overlap`]'s threads: few enough
/// that the threads finish a chunk together, enough that the lock is rare.
const CLAIM: usize = 8;

/// One chunk of an [`overlap`] batch: its items, the first not yet claimed,
/// how many are finished, and their results so far.
struct Job<C, T> {
    start: usize,
    items: Arc<C>,
    next: usize,
    done: usize,
    results: Vec<Option<T>>,
}

/// The chunks published and not yet taken back, in order (`front` numbers
/// the first), and whether the threads must stop.
struct State<C, T> {
    jobs: VecDeque<Job<C, T>>,
    front: u64,
    stop: bool,
    panic: Option<Box<dyn std::any::Any + Send>>,
}

/// Items `from..to` of chunk number `seq`, claimed by one thread.
struct Claim<C> {
    seq: u64,
    start: usize,
    from: usize,
    to: usize,
    items: Arc<C>,
}

/// The calling thread's side of an [`overlap`] batch: it publishes chunks and
/// takes their results back, in order, computing items itself while it waits.
pub struct Overlap<'w, C, T, W> {
    state: Mutex<State<C, T>>,
    /// Signalled when a chunk is published or the batch stops (helpers wait on it).
    more: Condvar,
    /// Signalled when a chunk is finished or a helper panicked (the caller waits on it).
    finished: Condvar,
    work: &'w W,
}

impl<C, T, W, I> Overlap<'_, C, T, W>
where
    C: std::ops::Deref<Target = [I]> + Send + Sync,
    T: Send,
    W: Fn(usize, &I) -> T + Sync,
{
    fn lock(&self) -> std::sync::MutexGuard<'_, State<C, T>> {
        // A panic never happens with the lock held (work runs outside it).
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds a chunk whose first item is item `start` of the batch; the helpers
    /// start on it at once.
    pub fn publish(&self, start: usize, items: C) {
        let n = items.len();
        let mut st = self.lock();
        st.jobs.push_back(Job {
            start,
            items: Arc::new(items),
            next: 0,
            done: 0,
            results: std::iter::repeat_with(|| None).take(n).collect(),
        });
        drop(st);
        self.more.notify_all();
    }

    /// The oldest published chunk and its results, in item order, once every
    /// item is done; until then this thread computes unclaimed items (of that
    /// chunk or the next ones). Blocks: call it without holding other locks
    /// (the GIL). `None` when nothing is published. A panic of `work` on a
    /// helper thread is resumed here.
    pub fn take(&self) -> Option<(Arc<C>, Vec<T>)> {
        let mut st = self.lock();
        loop {
            if let Some(p) = st.panic.take() {
                st.stop = true;
                drop(st);
                self.more.notify_all();
                std::panic::resume_unwind(p);
            }
            let job = st.jobs.front()?;
            if job.done == job.results.len() {
                let job = st.jobs.pop_front().expect("checked above");
                st.front += 1;
                let results = job
                    .results
                    .into_iter()
                    .map(|r| r.expect("every item is done"))
                    .collect();
                return Some((job.items, results));
            }
            match claim(&mut st) {
                Some(c) => {
                    drop(st);
                    let out = self.compute(&c);
                    st = self.lock();
                    // (no one to tell: this is the thread that waits for chunks)
                    store(&mut st, &c, out);
                }
                None => st = self.finished.wait(st).unwrap_or_else(|e| e.into_inner()),
            }
        }
    }

    fn compute(&self, c: &Claim<C>) -> Vec<T> {
        (c.from..c.to)
            .map(|k| (self.work)(c.start + k, &c.items[k]))
            .collect()
    }

    /// A helper thread: computes claimed items until the batch stops.
    fn help(&self) {
        let mut st = self.lock();
        loop {
            if st.stop {
                return;
            }
            let Some(c) = claim(&mut st) else {
                st = self.more.wait(st).unwrap_or_else(|e| e.into_inner());
                continue;
            };
            drop(st);
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.compute(&c)));
            st = self.lock();
            match out {
                Ok(out) => {
                    if store(&mut st, &c, out) {
                        self.finished.notify_all();
                    }
                }
                Err(p) => {
                    st.panic.get_or_insert(p);
                    st.stop = true;
                    drop(st);
                    self.finished.notify_all();
                    self.more.notify_all();
                    return;
                }
            }
        }
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.more.notify_all();
    }
}

/// Claims up to [`CLAIM`] unclaimed items of the oldest chunk that has any.
fn claim<C, T, I>(st: &mut State<C, T>) -> Option<Claim<C>>
where
    C: std::ops::Deref<Target = [I]>,
{
    let front = st.front;
    st.jobs.iter_mut().enumerate().find_map(|(j, job)| {
        let n = job.results.len();
        (job.next < n).then(|| {
            let from = job.next;
            job.next = n.min(from + CLAIM);
            Claim {
                seq: front + j as u64,
                start: job.start,
                from,
                to: job.next,
                items: Arc::clone(&job.items),
            }
        })
    })
}

/// Stores a claim's results; true when that finished its chunk.
fn store<C, T>(st: &mut State<C, T>, c: &Claim<C>, out: Vec<T>) -> bool {
    // The chunk is still published: it is taken back only once all its items are done.
    let job = &mut st.jobs[(c.seq - st.front) as usize];
    for (slot, r) in job.results[c.from..c.to].iter_mut().zip(out) {
        *slot = Some(r);
    }
    job.done += c.to - c.from;
    job.done == job.results.len()
}

/// Stops the helpers when the caller's body returns or unwinds.
struct StopOnDrop<'a, 'w, C, T, W, I>(&'a Overlap<'w, C, T, W>, std::marker::PhantomData<I>)
where
    C: std::ops::Deref<Target = [I]> + Send + Sync,
    T: Send,
    W: Fn(usize, &I) -> T + Sync;

impl<C, T, W, I> Drop for StopOnDrop<'_, '_, C, T, W, I>
where
    C: std::ops::Deref<Target = [I]> + Send + Sync,
    T: Send,
    W: Fn(usize, &I) -> T + Sync,
{
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// Runs `body` on the calling thread with `helpers` more threads that compute
/// `work(batch_index, item)` for the items of the chunks `body` publishes
/// ([`Overlap::publish`]); [`Overlap::take`] gives each chunk's results back in
/// order, the calling thread computing items too while it waits. Unlike a pool
/// that computes while the caller converts results, no thread waits while
/// another has work, and no more threads than `helpers + 1` compete for the
/// cores: the caller's own work between chunks (reading inputs, building
/// results) overlaps with the helpers'.
///
/// ```
/// use newsprep::batch::overlap;
/// let data: Vec<Vec<usize>> = vec![(0..100).collect(), (100..150).collect()];
/// let work = |i: usize, x: &usize| (i, x * 2);
/// let out = overlap(1, &work, |ov| {
///     let mut all = Vec::new();
///     ov.publish(0, data[0].clone());
///     ov.publish(100, data[1].clone());
///     while let Some((_, r)) = ov.take() {
///         all.extend(r);
///     }
///     all
/// });
/// assert_eq!(out[120], (120, 240));
/// ```
pub fn overlap<C, T, W, I, R>(
    helpers: usize,
    work: &W,
    body: impl FnOnce(&Overlap<'_, C, T, W>) -> R,
) -> R
where
    C: std::ops::Deref<Target = [I]> + Send + Sync,
    T: Send,
    W: Fn(usize, &I) -> T + Sync,
{
    let ov = Overlap {
        state: Mutex::new(State {
            jobs: VecDeque::new(),
            front: 0,
            stop: false,
            panic: None,
        }),
        more: Condvar::new(),
        finished: Condvar::new(),
        work,
    };
    std::thread::scope(|scope| {
        for _ in 0..helpers {
            // A thread that cannot start leaves its share to the others (and
            // to the caller, which computes whatever nobody claimed).
            let _ = std::thread::Builder::new().spawn_scoped(scope, || ov.help());
        }
        let _stop = StopOnDrop(&ov, std::marker::PhantomData);
        body(&ov)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chunks of `sizes` items (item i is i), published `ahead` at a time.
    fn run_overlap(helpers: usize, sizes: &[usize], ahead: usize) -> Vec<(usize, usize)> {
        let mut chunks = Vec::new();
        let mut start = 0;
        for &n in sizes {
            chunks.push((start, (start..start + n).collect::<Vec<usize>>()));
            start += n;
        }
        let work = |i: usize, x: &usize| {
            // uneven work, so that threads finish out of order
            let spin = (x * 7919) % 2000;
            (0..spin).fold(i, |a, b| a.wrapping_add(b) % 1_000_003);
            (i, x * 3)
        };
        overlap(helpers, &work, |ov| {
            let mut out = Vec::new();
            let mut sent = 0;
            for k in 0..chunks.len() {
                while sent < chunks.len().min(k + 1 + ahead) {
                    ov.publish(chunks[sent].0, chunks[sent].1.clone());
                    sent += 1;
                }
                let (items, results) = ov.take().expect("a chunk was published");
                assert_eq!(items.len(), results.len());
                out.extend(results);
            }
            assert!(ov.take().is_none());
            out
        })
    }

    #[test]
    fn overlap_keeps_order_with_any_number_of_helpers() {
        let sizes = [1, 0, 37, 500, 8, 9, 1000, 3];
        let total: usize = sizes.iter().sum();
        let want: Vec<(usize, usize)> = (0..total).map(|i| (i, i * 3)).collect();
        for helpers in [0, 1, 3] {
            for ahead in [0, 1, 2, 10] {
                assert_eq!(
                    run_overlap(helpers, &sizes, ahead),
                    want,
                    "{helpers} {ahead}"
                );
            }
        }
    }

    #[test]
    fn overlap_stops_its_helpers_when_the_body_returns_early() {
        let work = |_: usize, x: &u64| x + 1;
        let got = overlap(2, &work, |ov| {
            ov.publish(0, vec![1u64; 10_000]);
            ov.publish(10_000, vec![2u64; 10_000]);
            ov.take().map(|(_, r)| r[0])
        });
        assert_eq!(got, Some(2));
    }

    #[test]
    fn a_panic_in_work_reaches_the_caller() {
        for helpers in [0, 1, 2] {
            let work = |i: usize, _: &u8| {
                assert!(i != 700, "item 700");
                i
            };
            let r = std::panic::catch_unwind(|| {
                overlap(helpers, &work, |ov| {
                    ov.publish(0, vec![0u8; 512]);
                    ov.publish(512, vec![0u8; 512]);
                    while ov.take().is_some() {}
                })
            });
            assert!(r.is_err(), "{helpers}");
        }
    }

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
