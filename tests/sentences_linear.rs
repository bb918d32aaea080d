//! Linear time on adversarial input (issue 12): each case grows the input
//! fourfold and bounds the growth of the time. In its own test binary so that
//! no other test competes for the CPU while it measures.

use newsprep::sentences::{LanguageMode, SentenceSplitter};

/// Seconds per split of `make(n)`: best of three measurements, each repeating
/// the split until it has run for at least 20 ms (short inputs are not left
/// to the timer's resolution and to single interruptions).
fn best_time(make: &dyn Fn(usize) -> String, n: usize, mode: LanguageMode) -> f64 {
    let text = make(n);
    let s = SentenceSplitter::with_language(mode);
    (0..3)
        .map(|_| {
            let mut iters = 1u32;
            loop {
                let t = std::time::Instant::now();
                for _ in 0..iters {
                    std::hint::black_box(s.spans(std::hint::black_box(&text)));
                }
                let el = t.elapsed().as_secs_f64();
                if el >= 0.02 || iters >= 1 << 16 {
                    return el / f64::from(iters);
                }
                iters *= 2;
            }
        })
        .fold(f64::INFINITY, f64::min)
}

/// Linear time on adversarial input: four times the input may take at
/// most ten times as long (quadratic work would take sixteen; the margin
/// absorbs cache effects and a noisy machine).
#[test]
fn adversarial_inputs_take_linear_time() {
    type Make = Box<dyn Fn(usize) -> String>;
    let cases: Vec<(&str, Make)> = vec![
        ("bullets", Box::new(|n| "• ".repeat(n))),
        (
            "open brackets then wrapped lines",
            Box::new(|n| "(".repeat(n) + "A b c d\n" + &"e f g h\n".repeat(n / 8)),
        ),
        (
            "closers then lines",
            Box::new(|n| ")".repeat(n) + "\nx y\n"),
        ),
        (
            "times after a long word",
            Box::new(|n| "x".repeat(n) + &" 5 a.m. Mr. Smith".repeat(n / 16)),
        ),
        ("credit labels", Box::new(|n| " Photo: y".repeat(n / 8))),
        ("dots", Box::new(|n| ".".repeat(n))),
        ("spaced dots", Box::new(|n| ". ".repeat(n))),
        ("markers", Box::new(|n| "1. ".repeat(n / 2))),
        ("ellipses and quotes", Box::new(|n| "a…” „".repeat(n / 4))),
        ("danda and colons", Box::new(|n| "क। ա: α; ".repeat(n / 8))),
        ("de: ordinals", Box::new(|n| "der 3. Die ".repeat(n / 11))),
        (
            "auto: ellipses and dashes",
            Box::new(|n| "Wort... - nein! ".repeat(n / 16)),
        ),
        ("spaced pairs", Box::new(|n| "т. д. т. д. ".repeat(n / 12))),
    ];
    for (name, make) in &cases {
        let mut ratio = f64::INFINITY;
        // Retry: a noisy machine (or the tests running beside this one) can
        // slow one measurement down; quadratic work fails every attempt.
        for _ in 0..6 {
            let mode = if name.starts_with("de:") {
                LanguageMode::parse("de").unwrap()
            } else if name.starts_with("auto:") {
                LanguageMode::Auto
            } else {
                LanguageMode::Universal
            };
            let small = best_time(make.as_ref(), 25_000, mode);
            let big = best_time(make.as_ref(), 100_000, mode);
            ratio = ratio.min(big / small.max(1e-6));
            if ratio < 10.0 {
                break;
            }
        }
        assert!(ratio < 10.0, "{name}: 4x input took {ratio:.1}x the time");
    }
}
