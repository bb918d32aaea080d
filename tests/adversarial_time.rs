//! No adversarial input makes the core hang (issue 12): every text function
//! finishes on large inputs of the shapes that once took quadratic time.
//!
//! A hang guard, not a speed test (speed is measured in `benches/`): each
//! input is large (about a million characters), so that linear work takes
//! well under a second even in a debug build, while quadratic work would
//! take hours; the only bound is a generous cap on the wall time of each case,
//! so a loaded machine cannot fail it. The growth of the time with the input
//! (4x the input, about 4x the time) is measured by `benches/growth.py`.

use std::sync::mpsc;
use std::time::Duration;

use newsprep::boilerplate::Cleaner;
use newsprep::html::Extractor;
use newsprep::sentences::{LanguageMode, SentenceSplitter};

/// The characters of each adversarial input (before the shape's own
/// multiplier).
const N: usize = 1_000_000;

/// How long one case may run before the guard calls it a hang: linear work
/// takes well under a second here, quadratic work on `N` characters hours.
const CAP: Duration = Duration::from_secs(240);

/// Runs `work` on its own thread and fails the test, naming the case, if it
/// has not finished within [`CAP`]. (A hung thread is left behind; the test
/// process ends with the failure.)
fn finishes(case: &str, work: impl FnOnce() + Send + 'static) {
    let (done, wait) = mpsc::channel();
    std::thread::spawn(move || {
        work();
        let _ = done.send(());
    });
    match wait.recv_timeout(CAP) {
        Ok(()) => {}
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{case}: not finished after {CAP:?} on {N} characters (super-linear work?)")
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{case}: the work panicked"),
    }
}

type Make = fn(usize) -> String;

/// The shapes that once took quadratic time in the sentence splitter.
const SENTENCE_SHAPES: &[(&str, Make)] = &[
    ("bullets", |n| "• ".repeat(n)),
    ("open brackets then wrapped lines", |n| {
        "(".repeat(n) + "A b c d\n" + &"e f g h\n".repeat(n / 8)
    }),
    ("closers then lines", |n| ")".repeat(n) + "\nx y\n"),
    ("times after a long word", |n| {
        "x".repeat(n) + &" 5 a.m. Mr. Smith".repeat(n / 16)
    }),
    ("credit labels", |n| " Photo: y".repeat(n / 8)),
    ("dots", |n| ".".repeat(n)),
    ("spaced dots", |n| ". ".repeat(n)),
    ("markers", |n| "1. ".repeat(n / 2)),
    ("ellipses and quotes", |n| "a…” „".repeat(n / 4)),
    ("danda and colons", |n| "क। ա: α; ".repeat(n / 8)),
    ("de: ordinals", |n| "der 3. Die ".repeat(n / 11)),
    ("auto: ellipses and dashes", |n| {
        "Wort... - nein! ".repeat(n / 16)
    }),
    ("spaced pairs", |n| "т. д. т. д. ".repeat(n / 12)),
];

#[test]
fn sentence_splitter_finishes_on_adversarial_inputs() {
    for &(name, make) in SENTENCE_SHAPES {
        let mode = if name.starts_with("de:") {
            LanguageMode::parse("de").unwrap()
        } else if name.starts_with("auto:") {
            LanguageMode::Auto
        } else {
            LanguageMode::Universal
        };
        finishes(&format!("sentences, {name}"), move || {
            let text = make(N);
            std::hint::black_box(SentenceSplitter::with_language(mode).spans(&text));
        });
    }
}

/// Page-text shapes for the cleaner and the extractor: many segments, many
/// short lines, one long line, closers on their own lines.
const PAGE_SHAPES: &[(&str, Make)] = &[
    ("alternating prose and chrome", |n| {
        "The committee said on Tuesday that the report would be published next week.\nShare\n"
            .repeat(n / 80)
    }),
    ("short lines", |n| "Home\nab\n\n".repeat(n / 8)),
    ("closers on their own lines", |n| {
        "N)".to_string() + &"\n)".repeat(n / 2)
    }),
    ("one long line", |n| "word ".repeat(n / 5)),
    ("nested divs", |n| "<div>".repeat(n / 5) + "text"),
    ("unclosed paragraphs", |n| "<p>a b c ".repeat(n / 9)),
];

#[test]
fn cleaner_and_extractor_finish_on_adversarial_inputs() {
    for &(name, make) in PAGE_SHAPES {
        finishes(&format!("clean, {name}"), move || {
            let text = make(N);
            let c = Cleaner::new();
            std::hint::black_box(c.clean(&text));
            std::hint::black_box(c.explain(&text));
        });
        finishes(&format!("extract, {name}"), move || {
            std::hint::black_box(Extractor::new().extract(&make(N)));
        });
    }
}
