//! Hand-written cases for the cleaner.

use super::lines::split_lines;
use super::*;

const PAGE: &str = "Home | News | World | Sport\n\
Menu\n\
Sign in\n\
\n\
Storm closes ports along the coast\n\
\n\
A powerful storm closed three ports along the northern coast on Tuesday, officials said, and the authorities told residents to stay indoors until the wind drops.\n\
\n\
The harbour master said that ships would not be allowed to leave before Thursday at the earliest, and that the damage to the piers was still being assessed.\n\
\n\
Fishermen in the region said they had not seen such a storm in more than twenty years, and several boats were torn from their moorings overnight.\n\
\n\
Related Stories\n\
Floods hit the south\n\
Comments (3)\n";

fn check_invariants(c: &Cleaner, text: &str) {
    let d = c.explain(text).to_vec();
    let lines = split_lines(text);
    assert_eq!(d.len(), lines.len(), "every line explained");
    for (i, x) in d.iter().enumerate() {
        assert_eq!(x.line, i);
        assert!(
            text.get(x.start..x.end).is_some(),
            "offsets slice the input"
        );
        assert!(!x.text(text).contains(['\n', '\r']));
        assert!(RULE_IDS.contains(&x.reason));
    }
    let out = c.clean(text);
    let again = c.clean(&out);
    assert_eq!(again, out, "idempotent on {text:?}");
    let kept: String = d
        .iter()
        .zip(&lines)
        .filter(|(x, _)| x.kept)
        .map(|(_, l)| &text[l.start..l.next])
        .collect();
    assert_eq!(kept, out, "clean == kept lines of explain");
    // the output splits into exactly the kept lines, each with its own line end
    let kept_lines: Vec<&str> = d
        .iter()
        .zip(&lines)
        .filter(|(x, _)| x.kept)
        .map(|(_, l)| &text[l.start..l.next])
        .collect();
    let out_lines: Vec<&str> = split_lines(&out)
        .iter()
        .map(|l| &out[l.start..l.next])
        .collect();
    assert_eq!(
        out_lines, kept_lines,
        "line ends as in the input on {text:?}"
    );
    if let (Some(f), Some(l)) = (split_lines(&out).first(), split_lines(&out).last()) {
        assert!(!out[f.start..f.end].trim().is_empty(), "no leading blank");
        assert!(!out[l.start..l.end].trim().is_empty(), "no trailing blank");
    }
}

#[test]
fn cleans_a_page() {
    let c = Cleaner::new();
    let out = c.clean(PAGE);
    assert!(out.starts_with("Storm closes ports along the coast\n\nA powerful storm"));
    assert!(out.ends_with("moorings overnight.\n"), "{out}");
    let d = c.explain(PAGE).to_vec();
    assert_eq!(d[0].reason, "separator");
    assert_eq!(d[2].reason, "phrase");
    assert_eq!(d[4].reason, "title");
    assert_eq!(d[12].reason, "terminator-tail");
    assert_eq!(d[14].reason, "counter");
    check_invariants(&c, PAGE);
}

#[test]
fn line_endings() {
    let c = Cleaner::new();
    let crlf = PAGE.replace('\n', "\r\n");
    let cr = PAGE.replace('\n', "\r");
    assert_eq!(c.clean(&crlf), c.clean(PAGE).replace('\n', "\r\n"));
    assert_eq!(c.clean(&cr), c.clean(PAGE).replace('\n', "\r"));
    check_invariants(&c, &crlf);
    check_invariants(&c, &cr);
    let mixed = "Title line here now\r\nA long sentence that goes on and on about the thing that happened, as they said.\rAnother long sentence that goes on and on about the thing that happened, as they said.\n";
    check_invariants(&c, mixed);
}

#[test]
fn empty_and_all_chrome() {
    let c = Cleaner::new();
    assert_eq!(c.clean(""), "");
    assert!(c.explain("").is_empty());
    check_invariants(&c, "\n\n\r\n  \n");
    let chrome = "Home\nNews\nSport\nSign in\nSubscribe now\nComments (0)\n© 2024 Example Media";
    assert_eq!(c.clean(chrome), "");
    let d = c.explain(chrome).to_vec();
    assert_eq!(d.len(), 7);
    assert!(d.iter().all(|x| !x.kept));
    check_invariants(&c, chrome);
}

#[test]
fn a_tiny_page_under_its_navigation_keeps_its_sentence() {
    // the best-scoring run was the menu line, which the edge trim removed:
    // the page came out empty; its prose is the article, as when nothing scores
    let c = Cleaner::new();
    let page = "Home News\nRain\nRain fell in Faro on Monday and roads in France closed.";
    assert_eq!(
        c.clean(page),
        "Rain\nRain fell in Faro on Monday and roads in France closed."
    );
    check_invariants(&c, page);
    // a page with no prose keeps what it kept before (nothing here)
    check_invariants(&c, "Home News\nRain");
}

#[test]
fn huge_single_line() {
    let c = Cleaner::new();
    let line = "word and more words. ".repeat(200_000);
    let d = c.explain(&line).to_vec();
    assert_eq!(d.len(), 1);
    check_invariants(&c, &line);
    let bin = "\u{0}\u{7f}\u{fffd}é漢字".repeat(1000);
    check_invariants(&c, &bin);
}

#[test]
fn disable_and_errors() {
    let e = Cleaner::builder().disable(["nope"]).build().unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::InvalidRule);
    assert!(e.message().contains("nope"));
    let c = Cleaner::builder()
        .disable(["terminator-tail"])
        .build()
        .unwrap();
    assert!(c
        .explain(PAGE)
        .to_vec()
        .iter()
        .all(|d| d.reason != "terminator-tail"));
    let c = Cleaner::builder().keep_title(false).build().unwrap();
    assert!(c.clean(PAGE).starts_with("A powerful storm"));
    let c = Cleaner::builder()
        .extra_phrases(["powerful storm closed"])
        .build()
        .unwrap();
    // extra phrases only apply to short lines: the paragraph stays.
    assert!(c.clean(PAGE).contains("A powerful storm"));
}

#[test]
fn serde_round_trip_and_send_sync() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Cleaner>();
    assert_send_sync::<SiteStats>();
    let c = Cleaner::builder()
        .keep_title(false)
        .extra_phrases(["buy now"])
        .build()
        .unwrap();
    let s = serde_json::to_string(&c).unwrap();
    let c2: Cleaner = serde_json::from_str(&s).unwrap();
    assert_eq!(c2.config(), c.config());
    assert_eq!(c2.clean(PAGE), c.clean(PAGE));
    let bad = s.replace("[]", "[\"nope\"]");
    assert!(serde_json::from_str::<Cleaner>(&bad).is_err());
}

#[test]
fn corpus_mode_site_repeat() {
    let topics = [
        "council budget",
        "harbour repairs",
        "school closures",
        "bus timetable",
    ];
    let pages: Vec<String> = topics
        .iter()
        .map(|t| {
            format!(
                "Daily Example Gazette front page\nBy Jane Doe\nThe story about the {t} was discussed at a meeting where members voted after a long debate.\nMembers said the {t} would be discussed again, and they expected more meetings before the summer.\nSubscribe to the Daily Example Gazette print edition today"
            )
        })
        .collect();
    let st = SiteStats::fit(pages.iter().map(|s| s.as_str()), [Some("ex"); 4]);
    let c = Cleaner::new();
    let d = c.explain_with(&pages[0], st.get("ex")).to_vec();
    assert_eq!(d[0].reason, "site-repeat");
    assert_ne!(d[1].reason, "site-repeat", "bylines are allow-listed");
    assert!(d[2].kept && d[3].kept, "{d:?}");
}

#[test]
fn shared_default_cleaner() {
    assert_eq!(clean(PAGE), Cleaner::new().clean(PAGE));
    assert!(std::ptr::eq(default_cleaner(), default_cleaner()));
}

#[test]
fn many_lines_and_odd_inputs() {
    let c = Cleaner::new();
    // alternating prose and chrome: many segments
    let mut page = String::new();
    for i in 0..20_000 {
        if i % 2 == 0 {
            page.push_str("The committee said on Tuesday that the report would be published next week, after a long review.\n");
        } else {
            page.push_str("Share\n");
        }
    }
    // (that it stays linear on large inputs is tests/adversarial_time.rs's job)
    check_invariants(&c, &page);
    for odd in [
        "\r\r\r",
        "\n",
        " \t \u{a0}\n\u{2028}",
        "|||| » » ////",
        "\u{0}\u{0}\u{0}\n\u{0}",
        "•\n•\n• •",
        "1.\n2)\n3.",
        "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字。\n漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字。",
    ] {
        check_invariants(&c, odd);
    }
}

#[test]
fn cjk_article_is_kept() {
    let c = Cleaner::new();
    let para = "東京都は火曜日、新しい交通計画を発表し、市内の渋滞を減らすために来年から新しいバス路線を導入すると述べた。";
    let page = format!("ホーム\nニュース\n\n{para}\n{para}\n{para}\n\nシェア\n");
    let out = c.clean(&page);
    assert!(out.contains(para), "{out}");
    assert!(!out.contains("ホーム"));
    check_invariants(&c, &page);
}

#[test]
fn clean_many_matches_single() {
    use crate::batch::Threads;
    let c = Cleaner::new();
    let texts = vec![PAGE.to_string(), String::new(), PAGE.replace('\n', "\r\n")];
    let many = c.clean_many(&texts, None, Threads::Exactly(2)).unwrap();
    let single: Vec<String> = texts.iter().map(|t| c.clean(t)).collect();
    assert_eq!(many, single);
    let sites = [Some("a"), None, Some("a")];
    let corpus = c.clean_many(&texts, Some(&sites), Threads::Auto).unwrap();
    assert_eq!(corpus.len(), 3);
    assert!(c
        .clean_many(&texts, Some(&sites[..1]), Threads::Auto)
        .is_err());
}

#[test]
fn random_pages_keep_the_invariants() {
    // deterministic pseudo-random pages built from tricky pieces
    let pieces = [
        "\n",
        "\r\n",
        "\r",
        " ",
        "  • ",
        "|",
        " » ",
        "Home",
        "Share",
        "Comments (3)",
        "Related Stories",
        "Sign in",
        "漢字漢字漢字。",
        "é",
        "The minister said on Tuesday that the plan would go ahead. ",
        "Officials expect more rain later this week, and roads may close. ",
        "3 comments",
        "By Jane Doe",
        "2024",
        ".",
        "\u{a0}",
        "Storm hits the coast",
    ];
    let c = Cleaner::new();
    let mut rng = crate::testing::Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..1500 {
        let mut page = String::new();
        let len = (rng.next() >> 40) % 120;
        for _ in 0..len {
            page.push_str(pieces[rng.below(pieces.len())]);
        }
        check_invariants(&c, &page);
    }
}

#[test]
fn clean_and_explain_agree_with_clean_and_explain() {
    let c = Cleaner::new();
    let page = "Menu\nHome | News | Sport\nA headline for the test page\nThe council met on Monday and agreed the budget after a long debate, officials said.\n\nIt will take effect in May, the mayor said in a statement to reporters.\nComments (3)\n";
    let (clean, decisions) = c.clean_and_explain(page, None);
    assert_eq!(clean, c.clean(page));
    assert_eq!(decisions, c.explain(page));
}

#[test]
fn user_patterns_remove_lines_and_bad_ones_are_named() {
    let c = Cleaner::builder()
        .patterns([r"^Photo: ", r"^© \d{4} "])
        .build()
        .unwrap();
    let page = format!("{PAGE}Photo: the harbour at night, taken by a reader who lives on the coast and sent it in.\n© 2024 Example Media Group\n");
    let d = c.explain(&page).to_vec();
    let n = d.len();
    assert_eq!(d[n - 2].reason, "pattern");
    assert_eq!(d[n - 1].reason, "pattern");
    // a pattern inside the article removes that line only
    let c = Cleaner::builder()
        .patterns(["^The harbour master"])
        .build()
        .unwrap();
    let out = c.clean(PAGE);
    assert!(
        !out.contains("harbour master") && out.contains("Fishermen"),
        "{out}"
    );
    check_invariants(&c, PAGE);
    for bad in ["(unclosed", "x*", "", "^\\s*$"] {
        let e = Cleaner::builder().patterns([bad]).build().unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::InvalidRule);
        assert!(e.message().contains(&format!("{bad:?}")), "{}", e.message());
    }
}

#[test]
fn options_read_back_as_given() {
    let c = Cleaner::builder().site_repeat(4, 0.1).build().unwrap();
    assert_eq!(c.config().site_min_share, 0.1);
    assert_eq!(format!("{}", c.config().site_min_share), "0.1");
    let s = serde_json::to_string(&c).unwrap();
    assert!(s.contains("\"site_min_share\":0.1"), "{s}");
    assert!(Cleaner::builder().site_repeat(1, 0.1).build().is_err());
    assert!(Cleaner::builder().site_repeat(3, f64::NAN).build().is_err());
}

#[test]
fn corpus_mode_in_the_core() {
    use crate::batch::Threads;
    let pages: Vec<String> = ["roads", "schools", "parks", "water"]
        .iter()
        .map(|t| format!("Our newsletter brings you the news\nThe council approved the {t} budget on Monday after a debate that lasted into the evening, with members split.\nBy Ana Lima"))
        .collect();
    let sites = [Some("ex"); 4];
    let c = Cleaner::new();
    // not fitted: the batch is counted
    let batch = c
        .clean_many(&pages, Some(&sites), Threads::Exactly(1))
        .unwrap();
    assert!(batch.iter().all(|p| !p.contains("newsletter")), "{batch:?}");
    let fitted = c.fit(pages.iter().map(|s| s.as_str()), sites);
    assert_eq!(fitted.site_stats().unwrap().len(), 1);
    assert!(c.site_stats().is_none(), "fit returns a copy");
    let one = fitted.clean_with(&pages[0], fitted.site_lines("ex"));
    assert_eq!(one, batch[0]);
    // fitted statistics are used for a batch of one page
    let single = fitted
        .clean_many(&pages[..1], Some(&sites[..1]), Threads::Auto)
        .unwrap();
    assert_eq!(single[0], batch[0]);
    let e = c
        .clean_many(&pages, Some(&sites[..2]), Threads::Auto)
        .unwrap_err();
    assert!(e.message().contains("one site per text"));
    // the statistics serialize with the cleaner
    let s = serde_json::to_string(&fitted).unwrap();
    let back: Cleaner = serde_json::from_str(&s).unwrap();
    assert_eq!(back.site_stats(), fitted.site_stats());
    let plain: Cleaner = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert!(plain.site_stats().is_none());
}

#[test]
fn explanation_is_compact_and_indexable() {
    let c = Cleaner::new();
    let text = "Héllo wörld here now\r\n\r\nThe committee said on Tuesday that the report would be published next week, after a long review.\u{2029}x";
    let ex = c.explain(text);
    let v = ex.to_vec();
    assert_eq!(ex.len(), v.len());
    for (i, d) in v.iter().enumerate() {
        assert_eq!(ex.get(i).as_ref(), Some(d));
        assert_eq!((ex.start(i), ex.end(i)), (d.start, d.end));
    }
    assert!(ex.get(v.len()).is_none());
    let mut chars = ex.clone();
    let mut map = crate::offsets::CharOffsets::new(text);
    chars.map_offsets(|b| map.char_offset(b));
    let cs: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        let s: String = cs[chars.start(i)..chars.end(i)].iter().collect();
        assert_eq!(s, v[i].text(text));
    }
}

#[test]
fn idempotent_where_eight_passes_were_not_enough() {
    // issue 12: the passes stopped at 8 while lines were still changing
    let c = Cleaner::new();
    for n in [10, 11, 100, 1000] {
        let text = format!("N){}", "\n)".repeat(n));
        let once = c.clean(&text);
        assert_eq!(c.clean(&once), once, "n = {n}");
        check_invariants(&c, &text);
    }
    for keep_title in [true, false] {
        let c = Cleaner::builder().keep_title(keep_title).build().unwrap();
        let text = "Headline one here\nA second title like line\nThird title like line here\nThe committee said on Tuesday that the report would be published next week.\n";
        let once = c.clean(text);
        assert_eq!(c.clean(&once), once);
    }
}

#[test]
fn adversarial_pages_settle_after_linear_work() {
    let c = Cleaner::new();
    // lines decided over all passes must stay linear in the page's lines
    // (counted, not timed: the bound holds on a loaded machine too)
    for n in [1_000, 20_000, 40_000] {
        let text = format!("N){}", "\n)".repeat(n));
        let (d, _) = c.decide(&text, None);
        let lines = d.kept.len();
        let bound = (decide::NORMAL_WORK + 2 * decide::FORCED_SHARE) * lines + decide::FREE_WORK;
        assert!(d.work <= bound, "{n}: {} lines decided for {lines}", d.work);
        let out = c.clean(&text);
        assert_eq!(c.clean(&out), out);
    }
}

#[test]
fn unicode_line_breaks_split_lines() {
    let c = Cleaner::new();
    let art = "The committee said on Tuesday that the report would be published next week, after a long review.";
    for sep in ["\u{2028}", "\u{2029}", "\u{85}", "\u{b}", "\u{c}", "\u{1e}"] {
        let page =
            format!("Home{sep}Sign in{sep}{art}{sep}{art}{sep}Related Stories{sep}Comments (3)");
        let d = c.explain(&page).to_vec();
        assert_eq!(d.len(), 6, "{sep:?}");
        let out = c.clean(&page);
        assert_eq!(out, format!("{art}{sep}{art}{sep}"), "{sep:?}");
        check_invariants(&c, &page);
    }
}

#[test]
fn lone_cr_before_removed_lines_keeps_its_paragraph_break() {
    let c = Cleaner::new();
    let art = "The committee said on Tuesday that the report would be published next week, after a long review.";
    let art2 = "Members of the council said they expected a vote on the plan before the summer, officials said.";
    // kept line ended by a lone CR, removed lines, then a blank line ended by LF
    let page = format!("{art}\rShare\n\n{art2}\n{art}\n");
    let out = c.clean(&page);
    let ex = c.explain(&page).to_vec();
    let kept: String = ex
        .iter()
        .zip(split_lines(&page))
        .filter(|(d, _)| d.kept)
        .map(|(_, l)| &page[l.start..l.next])
        .collect();
    assert_eq!(out, kept, "clean and explain agree");
    assert!(
        !out.contains("\r\n"),
        "no CRLF that was not in the input: {out:?}"
    );
    assert_eq!(
        split_lines(&out).len(),
        ex.iter().filter(|d| d.kept).count()
    );
    // with a blank line that can follow the CR, the break is kept
    let page = format!("{art}\rShare\n\r\n{art2}\n{art}\n");
    let out = c.clean(&page);
    assert_eq!(out, format!("{art}\r\r\n{art2}\n{art}\n"));
    check_invariants(&c, &page);
}

#[test]
fn article_byline_from_the_credit_that_ends_a_story() {
    let para = "Ferries between the islands stayed in port on Tuesday as a storm swept the coast, the harbour authority said.\n";
    let page = |credit: &str| {
        format!(
            "Home | News | Sport\nStorm keeps island ferries in port\n{}{credit}\nRelated Stories\n",
            para.repeat(12)
        )
    };
    let c = Cleaner::new();
    let byline = |credit: &str| c.article(&page(credit)).byline;
    assert_eq!(
        byline("(Reporting by Ana Lima in Oslo; Editing by Ben Roe)").as_deref(),
        Some("Ana Lima")
    );
    assert_eq!(
        byline("Text: Ana Lima / example.test").as_deref(),
        Some("Ana Lima")
    );
    assert_eq!(byline("Share this story"), None);
}

#[test]
fn article_headline_byline_and_date_from_text() {
    let page = "Home | News | Sport\nSign in\nMost read stories today\nStorm keeps island ferries in port\nBy Ana Lima and Ben Roe\nJanuary 15, 2008\nFerries between the islands stayed in port on Tuesday as a storm swept the coast, the harbour authority said.\nAbout 3,000 passengers were affected, and some slept in the terminal while volunteers handed out blankets.\nThe harbour master said the ferries would not sail before Thursday at the earliest, officials said.\nRelated Stories\n";
    let c = Cleaner::new();
    let a = c.article(page);
    assert_eq!(
        a.title.as_deref(),
        Some("Storm keeps island ferries in port")
    );
    assert_eq!(a.byline.as_deref(), Some("Ana Lima and Ben Roe"));
    assert_eq!(a.date.as_deref(), Some("2008-01-15"));
    assert_eq!(a.text, c.clean(page));
    assert!(a.url.is_none() && a.site_name.is_none());
    let d = c.explain(page).to_vec();
    assert_eq!(d[4].reason, "byline");
    // kept lines keep "article": only removed ones are named
    assert!(d[5].reason == "dateline" || d[5].kept, "{:?}", d[5]);
    let dl = c
        .explain(
            "Home
12 January 2008
Share
",
        )
        .to_vec();
    assert_eq!(dl[1].reason, "dateline");
    // disabled: the lines keep the model's reason
    let off = Cleaner::builder()
        .disable(["byline", "dateline"])
        .build()
        .unwrap();
    let d = off.explain(page).to_vec();
    assert!(d[4].reason != "byline" && d[5].reason != "dateline");
    assert_eq!(c.article("").title, None);
    assert_eq!(c.article("Home\nShare").text, "");
}

#[test]
fn a_byline_names_the_same_author_from_text_as_from_html() {
    // The text path read "By JANE DOE, Associated Press Writer" as "JANE
    // DOE" and knew no Italian "Di"; the extractor kept the role and knew no
    // "By Jane Doe in Sydney". One reading now, `article::byline_of`.
    let body = "Ferries between the islands stayed in port on Tuesday as a storm swept the coast, the harbour authority said.\nAbout 3,000 passengers were affected, and some slept in the terminal while volunteers handed out blankets.\nThe harbour master said the ferries would not sail before Thursday at the earliest, officials said.";
    let c = Cleaner::new();
    for (by, name, date) in [
        ("By JANE DOE, Associated Press Writer", "JANE DOE", None),
        ("By Julian Roe in Sydney", "Julian Roe", None),
        ("Di Mario Rossi", "Mario Rossi", None),
        (
            "By Joseph Tsidulko November 19, 2019, 07:47 PM EST",
            "Joseph Tsidulko",
            Some("2019-11-19T19:47:00-05:00"),
        ),
    ] {
        let page =
            format!("Home | News\nStorm keeps island ferries in port\n{by}\n{body}\nShare\n");
        let a = c.article(&page);
        assert_eq!(a.byline.as_deref(), Some(name), "{by}");
        assert_eq!(crate::article::byline_of(by).as_deref(), Some(name), "{by}");
        assert_eq!(a.date.as_deref(), date, "{by}");
    }
}

#[test]
fn learned_headline_skips_captions_and_is_the_title_line() {
    let page = "Home | News | Sport\nStorm keeps island ferries in port\nClick photo to enlarge\nGetty Images\nFerries between the islands stayed in port on Tuesday as a storm swept the coast, the harbour authority said.\nAbout 3,000 passengers were affected, and some slept in the terminal while volunteers handed out blankets.\n";
    for keep_title in [true, false] {
        let c = Cleaner::builder().keep_title(keep_title).build().unwrap();
        assert_eq!(
            c.article(page).title.as_deref(),
            Some("Storm keeps island ferries in port")
        );
        // the headline article() gives is the line clean() marks "title"
        let d = c.explain(page).to_vec();
        assert_eq!((d[1].reason, d[1].kept), ("title", keep_title), "{d:?}");
        let once = c.clean(page);
        assert_eq!(c.clean(&once), once);
        check_invariants(&c, page);
    }
}

#[test]
fn a_headline_far_above_the_story_is_found_over_its_byline() {
    // headline and byline, then a long gallery of short captions before the
    // story starts: more than the window's 25 lines above the story
    let mut page = String::from(
        "Home | News | Sport\nStorm keeps island ferries in port\nBy Jane Doe\nMarch 5, 2024\n",
    );
    for i in 1..=30 {
        page.push_str(&format!("Photo {i} of 30\n"));
    }
    page.push_str(
        "Ferries between the islands stayed in port on Tuesday as a storm swept the coast, the \
         harbour authority said.\nAbout 3,000 passengers were affected, and some slept in the \
         terminal while volunteers handed out blankets.\nThe storm is expected to ease by Thursday, \
         forecasters said, and the first ferries could sail that afternoon.\n",
    );
    let c = Cleaner::new();
    let a = c.article(&page);
    assert!(
        a.text.contains("Ferries between the islands"),
        "{:?}",
        a.text
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Storm keeps island ferries in port")
    );
    check_invariants(&c, &page);
}

#[test]
fn trim_line_is_str_trim() {
    for s in [
        "",
        " ",
        "a",
        " a",
        "a ",
        "\u{a0}• item\u{a0}",
        "• item",
        "item ”",
        "x\t",
        "\u{3000}全角\u{3000}",
        "ab",
        "  • item",
        "  •",
        "  x",
        "   ",
        "  \u{a0}x",
        "  \u{2003}x",
        "  é",
        " \t• x",
        "  • x ",
        "  —x",
    ] {
        let t = s.trim();
        assert_eq!(
            super::trim_line(s),
            (s.len() - s.trim_start().len(), t),
            "{s:?}"
        );
        assert_eq!(super::is_blank(s), t.is_empty(), "{s:?}");
    }
}

/// `for_each_line` over the analysis's trimmed spans gives every line as
/// `lines` does, with the non-blank ones numbered in order.
#[test]
fn lines_between_spans_are_the_lines() {
    use super::lines::{for_each_line, lines};
    let parts = [
        "a", "b c", " ", "\t", "\u{a0}", "\u{3000}", "•", "’", "\n", "\n", "\r\n", "\r", "\u{b}",
        "\u{c}", "\u{1c}", "\u{1d}", "\u{1e}", "\u{85}", "\u{2028}", "\u{2029}", "\u{1f}",
    ];
    let mut texts: Vec<String> = [
        "",
        "a",
        "a\n",
        "\n",
        "\n\na\n\n",
        " a \r\n  b  ",
        "a\r\n\r\n",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rng = crate::testing::Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..4000 {
        let mut t = String::new();
        for _ in 0..rng.below(14) {
            t.push_str(parts[rng.below(parts.len())]);
        }
        texts.push(t);
    }
    for text in &texts {
        let mut spans = Vec::new();
        let mut want = Vec::new();
        for l in lines(text) {
            let (lead, s) = super::trim_line(&text[l.start..l.end]);
            if s.is_empty() {
                want.push((l, None));
            } else {
                want.push((l, Some(spans.len())));
                spans.push((l.start + lead, l.start + lead + s.len()));
            }
        }
        let mut got = Vec::new();
        for_each_line(text, &spans, |l, k| got.push((l, k)));
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn skipping_shapes_keeps_the_headline_choice() {
    // The chooser reads a candidate's shape only when the candidate can
    // still be the choice (`fill_shapes`); when the candidates are recorded
    // it reads every shape. Both must decide the same, for the shipped model
    // and for models whose shape weights favour a candidate (positive,
    // large) or are tiny, so that the bound and its margin are exercised,
    // and for models with trees.
    let pieces = [
        "\n",
        "\n\n",
        " ",
        "  • ",
        "|",
        "Home",
        "Photo: Getty Images",
        "Source: Press Association",
        "Storm hits the coast",
        "STORM HITS THE COAST",
        "Markets : stocks fall 3%",
        "By Jane Doe",
        "Posted 3 hours ago",
        "Troops at the border [EPA]",
        "Review: The Best Film",
        "The minister said on Tuesday that the plan would go ahead. ",
        "Officials expect more rain later this week, and roads may close. ",
        "Rain and storms hit the coast on Tuesday as officials expect more. ",
        "Comments (3)",
        "2024",
        "Über die Zukunft: der Rat",
    ];
    use super::headline::SHIPPED_HEADLINE;
    let mut models = vec![SHIPPED_HEADLINE];
    let mut favour = SHIPPED_HEADLINE;
    for w in favour.weights.iter_mut().skip(8) {
        *w = w.abs() * 3.0;
    }
    models.push(favour);
    let mut rng = crate::testing::Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3 {
        let mut m = SHIPPED_HEADLINE;
        m.bias = (rng.below(2001) as f32 - 1000.0) / 100.0;
        for w in m.weights.iter_mut() {
            *w = (rng.below(2001) as f32 - 1000.0) / 100.0;
        }
        models.push(m);
    }
    // models with trees, some of whose splits read shape entries (each in
    // 0..=1: thresholds below, inside and above that range)
    for linear in [SHIPPED_HEADLINE, models[2].clone()] {
        for _ in 0..2 {
            let mut m = linear.clone();
            let (mut feats, mut thrs, mut leaves) = (Vec::new(), Vec::new(), Vec::new());
            for _ in 0..8 {
                for _ in 0..7 {
                    let f = rng.below(N_HEAD);
                    feats.push(f as u8);
                    thrs.push(match rng.below(6) {
                        0 => -0.5,
                        1 => 0.0,
                        2 => 0.5,
                        3 => 1.0,
                        4 => f32::INFINITY,
                        _ => (rng.below(401) as f32 - 100.0) / 100.0,
                    });
                }
                for _ in 0..8 {
                    leaves.push((rng.below(2001) as f32 - 1000.0) / 200.0);
                }
            }
            m.trees = super::HeadTrees::new(feats, thrs, leaves).expect("valid trees");
            models.push(m);
        }
    }
    for model in models {
        let c = Cleaner::new().with_headline_model(model);
        for _ in 0..300 {
            let mut page = String::new();
            for _ in 0..(rng.next() >> 40) % 60 {
                page.push_str(pieces[rng.below(pieces.len())]);
            }
            let (skipping, _) = c.decide(&page, None);
            let rec = std::cell::RefCell::new(Vec::new());
            let (all, _, _) = c.decide_recording(&page, None, Some(&rec), false);
            assert_eq!(skipping.reasons, all.reasons, "{page:?}");
            assert_eq!(skipping.kept, all.kept, "{page:?}");
            assert_eq!(skipping.scores, all.scores, "{page:?}");
        }
    }
}

#[test]
fn the_byline_prefix_test_of_is_title_is_the_lowercase_test() {
    // `is_title` compares the first three bytes with "by " ignoring ASCII
    // case instead of lowercasing the first three bytes' characters: the
    // same as long as no other character lowercases to 'b', 'y' or ' '
    for c in (0x80..=0x10_FFFFu32).filter_map(char::from_u32) {
        assert!(
            !c.to_lowercase().any(|l| matches!(l, 'b' | 'y' | ' ')),
            "{c:?}"
        );
    }
}

/// The test page's story followed by `tail`: the story is the whole article,
/// and the first line starting with `marker` ends it ("terminator-tail").
fn assert_tail_ends_article(tail: &str, marker: &str) {
    let article = PAGE.split("Related Stories").next().unwrap().trim_end();
    let page = format!("{article}\n{tail}");
    let c = Cleaner::new();
    let out = c.clean(&page);
    assert!(out.ends_with("moorings overnight.\n"), "{out}");
    let d = c.explain(&page).to_vec();
    let at = d
        .iter()
        .position(|x| x.text(&page).starts_with(marker))
        .unwrap();
    assert_eq!(d[at].reason, "terminator-tail");
    check_invariants(&c, &page);
}

#[test]
fn reader_comments_without_a_heading_end_the_article() {
    // blog software opens each comment with a signature line and no
    // "Comments" heading before the first one
    assert_tail_ends_article(
        "  • Ann Lee on March 3, 2012 at 4:12 pm said:\n\
I read the whole report and I think the authors missed the point about the costs entirely, which is a shame because the rest of it is careful work.\n\
  • Bo Chan on March 4, 2012 at 9:30 am said:\n\
Thanks for writing this up, I had wondered for a long time why the harbour was closed every winter and now it finally makes sense to me.\n",
        "  • Ann Lee",
    );
}

#[test]
fn signed_reader_comments_end_the_article_but_a_byline_does_not() {
    // each comment opened by a signature of the same shape ("BY NAME AT
    // date time"), close together: the first signature ends the article
    assert_tail_ends_article(
        "BY HARBOURFAN AT 01/08/08 05:32 PM\n\
That is one of the oddest things I have read this week, and I read a lot of odd things.\n\
BY TIDEWATCHER AT 01/08/08 05:44 PM\n\
I grew up near that harbour and the winters there were always hard on the fishing boats, so this rings true.\n",
        "BY HARBOURFAN",
    );
    // the same byline shown twice, or one signature alone, is not a
    // comment list: nothing changes
    let article = PAGE.split("Related Stories").next().unwrap().trim_end();
    let c = Cleaner::new();
    for extra in [
        "BY HARBOURFAN AT 01/08/08 05:32 PM\nBY HARBOURFAN AT 01/08/08 05:32 PM\n",
        "BY HARBOURFAN AT 01/08/08 05:32 PM\n",
    ] {
        let page = format!("{extra}{article}\n");
        let d = c.explain(&page).to_vec();
        assert!(
            d.iter().all(|x| x.reason != "terminator-tail"),
            "{extra}: {d:?}"
        );
    }
}

#[test]
fn a_comment_heading_with_the_title_ends_the_article() {
    // WordPress themes head the comments with the post's title in quotes,
    // often longer than the lines chrome phrases are matched on
    assert_tail_ends_article(
        "3 thoughts on “Storm closes ports along the coast and leaves the fishing fleet idle for days”\n\
I grew up near that harbour and the winters there were always hard on the fishing boats, so this rings true.\n",
        "3 thoughts",
    );
}

#[test]
fn a_paywall_notice_over_the_story_is_chrome() {
    // a scraper that sees the whole story also sees the paywall's notice
    // above it; the notice is neither the story nor its headline
    let page = PAGE.replace(
        "Storm closes ports along the coast\n",
        "Premium Article !\n\n\
To read this article in full you must have registered and hold a premium subscription with the publisher of this site.\n\n\
Storm closes ports along the coast\n",
    );
    let c = Cleaner::new();
    let out = c.clean(&page);
    assert!(!out.contains("Premium"), "{out}");
    assert!(!out.contains("To read"), "{out}");
    assert!(out.contains("A powerful storm"), "{out}");
    assert_eq!(
        c.article(&page).title.as_deref(),
        Some("Storm closes ports along the coast")
    );
    check_invariants(&c, &page);
}

#[test]
fn permalink_lines_are_chrome_in_each_language() {
    // a story's or a comment's permalink, as French, Spanish, Italian and
    // Portuguese pages label it
    for label in [
        "Permalink",
        "Permalien",
        "Enlace permanente",
        "Link permanente",
    ] {
        let line = format!("{label} https://example.org/p/12345");
        let page = PAGE.replace(
            "Storm closes ports along the coast\n",
            &format!("Storm closes ports along the coast\n\n{line}\n"),
        );
        let c = Cleaner::new();
        let d = c.explain(&page).to_vec();
        let x = d
            .iter()
            .find(|x| x.text(&page) == line)
            .expect("the line is explained");
        assert_eq!(x.reason, "phrase", "{label}");
        assert!(!c.clean(&page).contains(label), "{label}");
    }
}

#[test]
fn widget_labels_and_site_notices_are_chrome() {
    // short widget lines (an advert slot, a script-only slideshow, a
    // sharing bar, a text-size control) and the longer notices about the
    // site or the reader's browser, among the story's paragraphs
    let notices = [
        "Advert",
        "The photo gallery requires JavaScript.",
        "Social sharing buttons",
        "Text size: small medium large",
        "Looks like you are on an outdated browser. Please update your browser to see every part of this page as it was meant to be seen.",
        "Using this site means you agree to our terms of use and our privacy notice, which we changed last month.",
    ];
    let page = PAGE.replace(
        "The harbour master said",
        &format!("{}\n\nThe harbour master said", notices.join("\n\n")),
    );
    let c = Cleaner::new();
    let d = c.explain(&page).to_vec();
    for line in notices {
        let x = d
            .iter()
            .find(|x| x.text(&page) == line)
            .expect("the line is explained");
        assert_eq!(x.reason, "phrase", "{line}");
    }
    let out = c.clean(&page);
    for line in notices {
        assert!(!out.contains(line), "{line}\n{out}");
    }
    assert!(out.contains("A powerful storm"), "{out}");
    assert!(out.contains("The harbour master said"), "{out}");
    assert!(out.contains("Fishermen in the region"), "{out}");
    assert_eq!(
        c.article(&page).title.as_deref(),
        Some("Storm closes ports along the coast")
    );
    check_invariants(&c, &page);
}

#[test]
fn a_list_led_into_by_a_kept_line_is_kept() {
    // bullets score low (most lists on a page are menus); a list the article
    // leads into with a colon is the article's
    let page = PAGE.replace(
        "The harbour master said",
        "The harbour master listed the damage the storm had done along the coast:\n\
  • two piers\n\
  • the ferry ramp\n\
  • a fuel depot\n\
The harbour master said",
    );
    let c = Cleaner::new();
    let out = c.clean(&page);
    for item in ["two piers", "the ferry ramp", "a fuel depot"] {
        assert!(out.contains(item), "{item}: {out}");
    }
    // a menu after a line that is not kept stays out
    let menu = PAGE.replace("Menu\n", "Sections:\n  • World\n  • Sport\n  • Weather\n");
    let out = c.clean(&menu);
    assert!(!out.contains("Weather"), "{out}");
    check_invariants(&c, &page);
    check_invariants(&c, &menu);
}

/// A run of lines counting up under one template is story (a schedule),
/// but not when what it counts is the publication's own parts or episodes:
/// that is a series' navigation, around the story or above its headline.
#[test]
fn a_series_box_is_not_story_though_a_schedule_is() {
    let titles = [
        "The town before the water",
        "How the river rose",
        "The night of the flood",
        "Counting the cost",
        "What comes next",
    ];
    let series: String = (1..=5)
        .map(|i| format!("Part {i}: {}\n", titles[i - 1]))
        .collect();
    let after = PAGE.replace(
        "Related Stories\n",
        &format!("More in this series\n{series}"),
    );
    let above = PAGE.replace(
        "Menu\n",
        &format!("{}Menu\n", series.replace("Part", "Episode")),
    );
    let c = Cleaner::new();
    for page in [&after, &above] {
        let out = c.clean(page);
        assert!(!titles.iter().any(|t| out.contains(t)), "{out}");
        assert!(out.contains("Storm closes ports"), "{out}");
        check_invariants(&c, page);
    }
    let schedule = after.replace("Part ", "Day ");
    let out = c.clean(&schedule);
    assert!(titles.iter().all(|t| out.contains(t)), "{out}");
    check_invariants(&c, &schedule);
}

/// `clean_checked` reads the hard-wrap test off the cleaner's walk over the
/// lines: the same verdict as `looks_hard_wrapped`'s own walk, on wrapped
/// prose, page text, blank runs, other line ends, and texts whose sample is
/// cut at 16 KB inside a line, before a "\r\n" or a multi-byte character.
#[test]
fn clean_checked_reads_the_hard_wrap_test_off_its_walk() {
    let c = Cleaner::new();
    let wrapped = "Shippers were reluctant to offer nearby shipment and only\n\
                   limited sales were booked for March shipment at prices of\n\
                   about 1,750 dlrs per tonne to ports to be named, the trade\n\
                   said.\n\n";
    let mut texts = vec![
        String::new(),
        "\n\n".into(),
        PAGE.into(),
        wrapped.repeat(4),
        wrapped.repeat(40),
        wrapped.replace('\n', "\r\n").repeat(6),
        wrapped.replace('\n', "\u{2028}").repeat(6),
        format!("{}{}", "\n \n".repeat(3000), wrapped.repeat(5)),
    ];
    let parts = [
        "word ",
        "Word. ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        " ",
        "\u{a0}",
        "é",
        "”",
        "\u{2028}",
        "a fairly long run of words that makes a line wider ",
    ];
    let mut rng = crate::testing::Rng(0x5EED_0F7E_5712_3456);
    for _ in 0..300 {
        let mut t = String::new();
        for _ in 0..rng.below(400) {
            t.push_str(parts[rng.below(parts.len())]);
        }
        texts.push(t);
    }
    // the 16 KB cut inside a line, at a "\r\n", before a multi-byte char
    let cut = lines::WRAP_SAMPLE_BYTES;
    for at in [cut - 3, cut - 2, cut - 1, cut, cut + 1] {
        for tail in ["\r\n", "\u{2028}", "é", "x", "\n"] {
            let mut t = "short line\n\n".repeat(cut / 12 + 1);
            t.truncate(at);
            t.push_str(tail);
            t.push_str(&wrapped.repeat(3));
            texts.push(t);
            let mut w = wrapped.repeat(cut / wrapped.len() + 2);
            w.truncate(at);
            w.push_str(tail);
            w.push_str(&"x".repeat(150));
            texts.push(w);
        }
    }
    let mut hits = 0;
    for t in &texts {
        let (out, wrapped) = c.clean_checked(t, None);
        assert_eq!(out, c.clean(t));
        assert_eq!(
            wrapped,
            looks_hard_wrapped(t),
            "{:?}",
            &t[..t.len().min(200)]
        );
        hits += usize::from(wrapped);
    }
    assert!(hits >= 4, "{hits}");
}

/// The Article's title from a piped title line is the line without its short
/// parts, its whitespace made single spaces; the clean text keeps the line.
#[test]
fn a_piped_title_line_gives_its_headline_part() {
    for (line, title) in [
        (
            "'Heavy losses' in harbour clashes \t\t|\u{a0}Print\u{a0}| \t\t\u{a0}E-mail",
            "'Heavy losses' in harbour clashes",
        ),
        (
            "Harbour Design Week 2024 | A light installation for the old harbour",
            "Harbour Design Week 2024 | A light installation for the old harbour",
        ),
        (
            "Local news | Harbour plan wins council vote",
            "Harbour plan wins council vote",
        ),
        (
            "Harbour plan wins council vote",
            "Harbour plan wins council vote",
        ),
        ("Harbour\tplan  wins", "Harbour plan wins"),
        ("Harbour plan | Council vote", "Harbour plan"),
        ("|", "|"),
    ] {
        assert_eq!(title_of_line(line), title, "{line:?}");
    }
    let c = Cleaner::new();
    let page = "Home | News | Sport\n\
        Harbour plan wins council vote | Print | E-mail\n\
        By Jane Doe\n\
        The town council has voted to back a new harbour plan, ending two years of argument over the future of the old fish market and the quay.\n\
        The mayor said the harbour plan would keep the fish market open and that work on the quay could start in the spring.\n\
        Councillors approved the plan by nine votes to four after a debate that lasted most of the evening.\n";
    let a = c.article(page);
    if let Some(t) = &a.title {
        assert!(!t.contains('|'), "{t:?}");
    }
}

#[test]
fn a_close_call_takes_the_headline_over_a_name_or_a_caption() {
    // A model that scores one feature: the candidate it favours by less than
    // `CLOSE_LOGIT` loses the close call to the headline; by more, it wins.
    use super::headline::{HeadTrees, HeadlineModel, CLOSE_LOGIT, HEAD_FEATURE_NAMES, N_HEAD};
    let one = |name: &str, w: f32| {
        let mut weights = [0.0; N_HEAD];
        weights[HEAD_FEATURE_NAMES.iter().position(|n| *n == name).unwrap()] = w;
        let trees = HeadTrees::new(vec![], vec![], vec![]).unwrap();
        Cleaner::new().with_headline_model(HeadlineModel {
            bias: 0.0,
            weights,
            trees,
        })
    };
    let body = "Ferries between the islands stayed in port on Tuesday as a storm swept the coast, \
                the harbour authority said.\nAbout 3,000 passengers were affected, and some slept \
                in the terminal while volunteers handed out blankets.\nThe storm is expected to \
                ease by Thursday, forecasters said, and the first ferries could sail that afternoon.\n";
    let (near, far) = (CLOSE_LOGIT - 0.5, CLOSE_LOGIT + 0.5);
    // a site's name above the headline (the model likes lines of two words)
    let page = format!("Island News\nFerries stay in port as storm hits the islands\n{body}");
    let headline = Some("Ferries stay in port as storm hits the islands");
    assert_eq!(
        one("words_lo", near).article(&page).title.as_deref(),
        headline
    );
    assert_eq!(
        one("words_lo", far).article(&page).title.as_deref(),
        Some("Island News")
    );
    check_invariants(&one("words_lo", near), &page);
    // a photo's caption made the article's first line, under the headline
    // (the model likes the old rule's pick, the caption here)
    let page = format!(
        "Home\nNews\nSport\nWeather\nE-mail this to a friend\t\tPrintable version\n\
         Ferries stay in port as storm hits\nPassengers wait at the harbour terminal in the rain\n{body}"
    );
    let caption = Some("Passengers wait at the harbour terminal in the rain");
    assert_eq!(
        one("rule_title", near).article(&page).title.as_deref(),
        Some("Ferries stay in port as storm hits")
    );
    assert_eq!(
        one("rule_title", far).article(&page).title.as_deref(),
        caption
    );
    check_invariants(&one("rule_title", near), &page);
    // not when the line above is not shaped like a headline (a label with a
    // colon, a name)
    for above in [
        "Gallery: Ferries stay in port",
        "Harbour Radio",
        "Home News Local News Passengers wait at the harbour terminal in the rain",
    ] {
        let page = page.replace("Ferries stay in port as storm hits", above);
        assert_eq!(
            one("rule_title", near).article(&page).title.as_deref(),
            caption,
            "{above}"
        );
    }
}

#[test]
fn buffers_kept_across_pages_change_nothing() {
    // `clean` and `explain` decide in this thread's buffers, kept from the
    // page before (`Cleaner::with_decision`); `decide` in buffers of its own
    let c = Cleaner::new();
    let story = "Home | News | Sport\nStorm closes ports along the coast\nBy Jane Roe\n\
                 A powerful storm closed three ports along the coast on Tuesday, officials said, and more rain is expected.\n\
                 The harbour master said ships would not leave before Thursday at the earliest, and ferries were cancelled.\n\
                 Related Stories\n• Floods hit the valley\n3 comments\nLeave a comment";
    let mut pages: Vec<String> = vec![
        story.to_string(),
        String::new(),
        story.repeat(40),
        "N)\n)".repeat(500),
        "Only a headline here".to_string(),
        story.replace('\n', "\r\n\n  "),
        story.lines().rev().collect::<Vec<_>>().join("\n"),
    ];
    let fresh = |t: &str| {
        let (d, spans) = c.decide(t, None);
        let mut out = String::new();
        let mut ex = Explanation::for_text(t);
        c.emit(t, &spans, &d, Some(&mut out), Some(&mut ex), None);
        (shrunk(out), ex.to_vec())
    };
    // random pages of headline-like lines and prose over a small vocabulary,
    // so that a headline's overlap with the lede decides, and each page's
    // lines hold other words than the page before at the same positions
    let words = [
        "storm", "ports", "coast", "minister", "plan", "harbour", "ferries", "council", "vote",
        "rain", "roads", "budget", "school", "river", "bridge", "market",
    ];
    let mut rng = crate::testing::Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..150 {
        let mut page = String::new();
        for _ in 0..3 + rng.below(25) {
            let n = match rng.below(4) {
                0 => 1 + rng.below(3),
                1 => 3 + rng.below(8),
                _ => 15 + rng.below(20),
            };
            let line: Vec<&str> = (0..n).map(|_| words[rng.below(words.len())]).collect();
            page.push_str(&line.join(" "));
            page.push_str(if n >= 15 { ".\n" } else { "\n" });
            if rng.below(5) == 0 {
                page.push_str("By Jane Roe\n");
            }
        }
        pages.push(page);
    }
    for round in 0..2 {
        for t in &pages {
            let (out, ex) = fresh(t);
            assert_eq!(c.clean(t), out, "round {round}: {t:?}");
            assert_eq!(c.explain(t).to_vec(), ex, "round {round}: {t:?}");
        }
        pages.reverse();
    }
}
