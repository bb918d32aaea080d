//! Archives written here, intact and damaged.

use std::io::Write;

use super::*;
use crate::html::Extractor;
use crate::testing::Rng;

fn response(url: &str, http_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut http = format!("HTTP/1.1 200 OK\r\n{http_headers}\r\n").into_bytes();
    http.extend_from_slice(body);
    record("response", url, "application/http; msgtype=response", &http)
}

fn record(kind: &str, url: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-03-05T08:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:{url}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn page(i: usize) -> Vec<u8> {
    format!(
        "<html><head><title>Story {i}</title></head><body><h1>Story {i}</h1>\
         <p>Paragraph one of story number {i}, written for the reader tests of newsprep.</p></body></html>"
    )
    .into_bytes()
}

fn html_response(i: usize) -> Vec<u8> {
    response(
        &format!("https://example.com/{i}"),
        "Content-Type: text/html; charset=utf-8\r\n",
        &page(i),
    )
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

fn read_all(data: &[u8], config: ReaderConfig) -> (Vec<Record>, Vec<Skipped>, Counts) {
    let mut r = WarcReader::new(data, config).unwrap();
    let (mut recs, mut skips) = (Vec::new(), Vec::new());
    while let Some(e) = r.next_entry().unwrap() {
        match e {
            Entry::Record(x) => recs.push(x),
            Entry::Skipped(s) => skips.push(s),
        }
    }
    let c = r.counts().clone();
    assert_eq!(c.records, c.returned + c.skipped_total(), "counts add up");
    assert_eq!(c.returned as usize, recs.len());
    (recs, skips, c)
}

fn urls(recs: &[Record]) -> Vec<String> {
    recs.iter()
        .map(|r| r.target_uri.clone().unwrap_or_default())
        .collect()
}

fn reasons(skips: &[Skipped]) -> Vec<&'static str> {
    skips.iter().map(|s| s.reason.as_str()).collect()
}

fn five() -> Vec<Vec<u8>> {
    (0..5).map(html_response).collect()
}

fn expected(ids: &[usize]) -> Vec<String> {
    ids.iter()
        .map(|i| format!("https://example.com/{i}"))
        .collect()
}

#[test]
fn plain_per_record_gzip_and_whole_file_gzip_agree() {
    let recs = five();
    let plain: Vec<u8> = recs.concat();
    let per_record: Vec<u8> = recs.iter().flat_map(|r| gz(r)).collect();
    let whole = gz(&plain);
    for data in [&plain, &per_record, &whole] {
        let (got, skips, _) = read_all(data, ReaderConfig::default());
        assert_eq!(urls(&got), expected(&[0, 1, 2, 3, 4]));
        assert!(skips.is_empty(), "{skips:?}");
        assert_eq!(got[2].payload, page(2));
        assert_eq!(got[2].http.as_ref().unwrap().status, 200);
        assert_eq!(
            got[2].record_id.as_deref(),
            Some("<urn:uuid:https://example.com/2>")
        );
        assert_eq!(got[2].date.as_deref(), Some("2024-03-05T08:00:00Z"));
    }
}

#[test]
fn filters_count_what_they_leave_out() {
    let mut data = record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    );
    data.extend(record(
        "request",
        "https://example.com/0",
        "application/http; msgtype=request",
        b"GET / HTTP/1.1\r\n\r\n",
    ));
    data.extend(html_response(0));
    data.extend(response(
        "https://example.com/img",
        "Content-Type: image/png\r\n",
        b"\x89PNG....",
    ));
    data.extend(record(
        "revisit",
        "https://example.com/0",
        "application/http; msgtype=response",
        b"HTTP/1.1 200 OK\r\n\r\n",
    ));
    data.extend(response("https://example.com/nohead", "", &page(9)));
    let (got, skips, c) = read_all(&data, ReaderConfig::default());
    assert_eq!(
        urls(&got),
        ["https://example.com/0", "https://example.com/nohead"]
    );
    assert_eq!(
        reasons(&skips),
        ["record-type", "record-type", "not-html", "revisit"]
    );
    assert_eq!(c.records, 6);
    // Every record, raw.
    let all = ReaderConfig {
        record_types: None,
        html_only: false,
        ..ReaderConfig::default()
    };
    let (got, skips, _) = read_all(&data, all);
    assert_eq!(got.len(), 6);
    assert!(skips.is_empty());
    assert_eq!(got[4].warc_type, "revisit");
    assert_eq!(got[4].http.as_ref().unwrap().status, 200);
}

#[test]
fn http_status_filter() {
    let mut data = html_response(0);
    let mut r404 = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n".to_vec();
    r404.extend(page(1));
    data.extend(record(
        "response",
        "https://example.com/1",
        "application/http",
        &r404,
    ));
    let ok_only = ReaderConfig {
        ok_status_only: true,
        ..ReaderConfig::default()
    };
    let (got, skips, _) = read_all(&data, ok_only);
    assert_eq!(got.len(), 1);
    assert_eq!(reasons(&skips), ["http-status"]);
    let (got, _, _) = read_all(&data, ReaderConfig::default());
    assert_eq!(got[1].http.as_ref().unwrap().status, 404);
}

#[test]
fn chunked_gzip_and_charset() {
    // Chunked transfer of a gzip-encoded cp1252 page.
    let body = b"<html><body><p>Caf\xe9 cr\xe8me \x93quoted\x94</p></body></html>";
    let zipped = gz(body);
    let mut chunked = Vec::new();
    for part in zipped.chunks(7) {
        chunked.extend(format!("{:x}\r\n", part.len()).into_bytes());
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let data = response(
        "https://example.com/fr",
        "Content-Type: text/html; charset=windows-1252\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &chunked,
    );
    let (got, skips, _) = read_all(&data, ReaderConfig::default());
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(got[0].payload, body);
    assert_eq!(got[0].charset(), Some("windows-1252"));
    assert!(got[0].html().contains("Café crème “quoted”"));
}

#[test]
fn an_undeclared_gzip_body_is_decoded_and_a_pdf_served_as_html_is_skipped() {
    // A gzip body without its Content-Encoding header came out as mojibake
    // "articles"; a PDF or an image labelled text/html as their bytes.
    let body = b"<html><body><p>Harbour walls were rebuilt this spring.</p></body></html>";
    let mut data = response(
        "https://example.com/undeclared-gzip",
        "Content-Type: text/html\r\n",
        &gz(body),
    );
    data.extend(response(
        "https://example.com/paper",
        "Content-Type: text/html\r\n",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    ));
    data.extend(response(
        "https://example.com/photo",
        "Content-Type: text/html; charset=utf-8\r\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ));
    data.extend(html_response(3));
    let (got, skips, _) = read_all(&data, ReaderConfig::default());
    assert_eq!(got[0].payload, body);
    assert_eq!(got.len(), 2);
    assert_eq!(reasons(&skips), ["not-html", "not-html"]);
}

#[test]
fn bad_encodings_are_skipped_with_their_reason() {
    let mut data = response(
        "https://example.com/br",
        "Content-Type: text/html\r\nContent-Encoding: br\r\n",
        b"\x1b\x00\x00garbage",
    );
    data.extend(response(
        "https://example.com/badgz",
        "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage",
    ));
    data.extend(response(
        "https://example.com/badchunk",
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
        b"10\r\n<html>",
    ));
    data.extend(html_response(3));
    let (got, skips, _) = read_all(&data, ReaderConfig::default());
    assert_eq!(urls(&got), expected(&[3]));
    assert_eq!(
        reasons(&skips),
        ["unsupported-encoding", "bad-encoding", "bad-encoding"]
    );
}

#[test]
fn truncated_archive_keeps_what_came_before() {
    let recs = five();
    let plain = recs.concat();
    let cut = &plain[..plain.len() - 40];
    let (got, skips, _) = read_all(cut, ReaderConfig::default());
    assert_eq!(urls(&got), expected(&[0, 1, 2, 3]));
    assert_eq!(reasons(&skips), ["truncated"]);
    // Cut inside a gzip member.
    let per_record: Vec<u8> = recs.iter().flat_map(|r| gz(r)).collect();
    let cut = &per_record[..per_record.len() - 30];
    let (got, skips, _) = read_all(cut, ReaderConfig::default());
    assert_eq!(urls(&got), expected(&[0, 1, 2, 3]));
    assert_eq!(reasons(&skips), ["truncated"]);
    // Cut inside a header.
    let cut = &plain[..plain.len() - recs[4].len() + 30];
    let (got, skips, _) = read_all(cut, ReaderConfig::default());
    assert_eq!(got.len(), 4);
    assert_eq!(reasons(&skips), ["truncated"]);
}

#[test]
fn corrupt_gzip_member_resynchronises() {
    let members: Vec<Vec<u8>> = five().iter().map(|r| gz(r)).collect();
    for at in [12usize, 40, 80] {
        let mut m = members.clone();
        let k = at.min(m[2].len() - 12);
        m[2][k] ^= 0x55;
        m[2][k + 1] ^= 0xff;
        let (got, skips, _) = read_all(&m.concat(), ReaderConfig::default());
        assert_eq!(urls(&got), expected(&[0, 1, 3, 4]), "flip at {at}");
        assert_eq!(reasons(&skips), ["corrupt-gzip"], "flip at {at}");
    }
    // A bad CRC alone.
    let mut m = members.clone();
    let n = m[1].len();
    m[1][n - 6] ^= 1;
    let (got, skips, _) = read_all(&m.concat(), ReaderConfig::default());
    assert_eq!(urls(&got), expected(&[0, 2, 3, 4]));
    assert_eq!(reasons(&skips), ["corrupt-gzip"]);
}

#[test]
fn junk_between_records_and_members() {
    let recs = five();
    let junk = b"\x00\x01garbage bytes \xff\xfe not a record\n";
    let mut plain = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        plain.extend_from_slice(r);
        if i == 1 {
            plain.extend_from_slice(junk);
        }
    }
    let (got, skips, _) = read_all(&plain, ReaderConfig::default());
    assert_eq!(got.len(), 5);
    assert_eq!(reasons(&skips), ["junk"]);
    let mut gzd = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        gzd.extend(gz(r));
        if i == 1 {
            gzd.extend_from_slice(junk);
        }
    }
    gzd.extend_from_slice(junk); // trailing junk
    let (got, skips, _) = read_all(&gzd, ReaderConfig::default());
    assert_eq!(got.len(), 5);
    assert_eq!(reasons(&skips), ["junk", "junk"]);
}

#[test]
fn wrong_content_length_resynchronises() {
    for delta in [-30i64, -1, 1, 25, 400] {
        let mut recs = five();
        let r = String::from_utf8(recs[2].clone()).unwrap();
        let len: usize = r
            .split("Content-Length: ")
            .nth(1)
            .unwrap()
            .split("\r\n")
            .next()
            .unwrap()
            .parse()
            .unwrap();
        recs[2] = r
            .replace(
                &format!("Content-Length: {len}"),
                &format!("Content-Length: {}", len as i64 + delta),
            )
            .into_bytes();
        for data in [recs.concat(), recs.iter().flat_map(|r| gz(r)).collect()] {
            let (got, skips, _) = read_all(&data, ReaderConfig::default());
            assert_eq!(urls(&got), expected(&[0, 1, 3, 4]), "delta {delta}");
            assert_eq!(reasons(&skips), ["bad-content-length"], "delta {delta}");
        }
    }
}

#[test]
fn too_large_records_are_skipped_unread() {
    let mut data = html_response(0);
    data.extend(response(
        "https://example.com/big",
        "Content-Type: text/html\r\n",
        &vec![b'a'; 5000],
    ));
    data.extend(html_response(2));
    let small = ReaderConfig {
        max_record_bytes: 1000,
        ..ReaderConfig::default()
    };
    let (got, skips, _) = read_all(&data, small.clone());
    assert_eq!(urls(&got), expected(&[0, 2]));
    assert_eq!(reasons(&skips), ["too-large"]);
    // A gzip bomb in the payload.
    let bomb = gz(&vec![b' '; 50_000]);
    let data = response(
        "https://example.com/bomb",
        "Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
        &bomb,
    );
    let (_, skips, _) = read_all(&data, small);
    assert_eq!(reasons(&skips), ["too-large"]);
}

#[test]
fn not_a_warc_is_an_error() {
    for data in [
        &b"<html><body>a page</body></html>"[..],
        b"{\"id\": 1}\n{\"id\": 2}\n",
        &gz(b"name,text\nx,y\n"),
    ] {
        let e = WarcReader::new(data, ReaderConfig::default())
            .err()
            .unwrap();
        assert_eq!(e.kind(), &ErrorKind::Format);
        assert!(
            e.message().contains("not a WARC archive"),
            "{}",
            e.message()
        );
    }
    // Empty input is an empty archive.
    let (got, skips, _) = read_all(b"", ReaderConfig::default());
    assert!(got.is_empty() && skips.is_empty());
}

#[test]
fn resource_records_and_lf_only_endings() {
    let block = page(1);
    let mut data = format!(
        "WARC/1.1\nWARC-Type: resource\nWARC-Target-URI: file:///a.html\nContent-Type: text/html\nContent-Length: {}\n\n",
        block.len()
    )
    .into_bytes();
    data.extend_from_slice(&block);
    data.extend_from_slice(b"\n\n");
    data.extend(html_response(2));
    let cfg = ReaderConfig {
        record_types: Some(vec!["response".into(), "resource".into()]),
        ..ReaderConfig::default()
    };
    let (got, skips, _) = read_all(&data, cfg);
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(got[0].payload, block);
    assert_eq!(got.len(), 2);
}

#[test]
fn articles_in_batches() {
    let mut data: Vec<u8> = (0..7).flat_map(html_response).collect();
    data.extend(response(
        "https://example.com/empty",
        "Content-Type: text/html\r\n",
        b"<html></html>",
    ));
    let reader = WarcReader::new(&data[..], ReaderConfig::default()).unwrap();
    let mut ar = ArticleReader::new(
        reader,
        Extractor::new(),
        3,
        1 << 20,
        crate::batch::Threads::Auto,
        false,
    );
    let mut rows = Vec::new();
    let mut sizes = Vec::new();
    while let Some(b) = ar.next_batch().unwrap() {
        sizes.push(b.len());
        rows.extend(b);
    }
    assert_eq!(sizes, [3, 3, 1]);
    let x = Extractor::new();
    for (i, row) in rows.iter().enumerate() {
        let url = format!("https://example.com/{i}");
        let html = String::from_utf8(page(i)).unwrap();
        assert_eq!(row.article, x.article(&html, Some(&url)));
        assert_eq!(row.warc_url.as_deref(), Some(url.as_str()));
    }
    let s = ar.summary();
    assert_eq!((s.records, s.html_records, s.articles), (8, 8, 7));
    assert_eq!(s.skipped, vec![(SkipReason::NoText, 1)]);
}

#[test]
fn reading_ahead_changes_nothing_but_speed() {
    let mut data: Vec<u8> = (0..25).flat_map(html_response).collect();
    data.extend(response(
        "https://example.com/img",
        "Content-Type: image/png\r\n",
        b"png",
    ));
    data.extend((25..31).flat_map(html_response));
    let run = |threads| {
        let reader = WarcReader::new(&data[..], ReaderConfig::default()).unwrap();
        let mut ar = ArticleReader::new(reader, Extractor::new(), 4, 1 << 20, threads, false);
        let mut rows = Vec::new();
        while let Some(b) = ar.next_batch().unwrap() {
            rows.extend(b);
            // Mid-way, a batch read ahead is not counted yet: the counts add up.
            let s = ar.summary();
            let skipped: u64 = s.skipped.iter().map(|(_, n)| n).sum();
            assert_eq!(s.records, s.articles + skipped);
            assert_eq!(s.articles as usize, rows.len());
        }
        (rows, ar.summary())
    };
    let (one, s1) = run(crate::batch::Threads::Exactly(1));
    let (two, s2) = run(crate::batch::Threads::Exactly(2));
    assert_eq!(one, two);
    assert_eq!(s1, s2);
    assert_eq!((s1.records, s1.articles), (32, 31));
}

/// Reads `data` to the end: never panics, and the counts add up. The fuzz
/// target (see [`super::fuzz_read`]).
fn check(data: &[u8]) {
    fuzz_read(data);
}

/// One random damage to `base`, then [`check`].
fn damage_and_check(rng: &mut Rng, base: &[u8]) {
    let mut d = base.to_vec();
    for _ in 0..1 + rng.below(3) {
        if d.is_empty() {
            break;
        }
        match rng.below(5) {
            0 => {
                for _ in 0..1 + rng.below(8) {
                    let i = rng.below(d.len());
                    d[i] = rng.next() as u8;
                }
            }
            1 => d.truncate(rng.below(d.len())),
            2 => {
                let i = rng.below(d.len());
                let junk: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
                d.splice(i..i, junk);
            }
            3 => {
                let i = rng.below(d.len());
                let n = rng.below(200).min(d.len() - i);
                d.drain(i..i + n);
            }
            _ => {
                let i = rng.below(d.len());
                let j = rng.below(d.len());
                let (a, b) = (i.min(j), i.max(j));
                let piece = d[a..b].to_vec();
                d.extend(piece);
            }
        }
    }
    check(&d);
}

fn bases() -> Vec<Vec<u8>> {
    let mut recs = five();
    recs.push(response(
        "https://example.com/chunked",
        "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
        &{
            let z = gz(&page(7));
            let mut c = format!("{:x}\r\n", z.len()).into_bytes();
            c.extend(z);
            c.extend_from_slice(b"\r\n0\r\n\r\n");
            c
        },
    ));
    let plain = recs.concat();
    let per_record: Vec<u8> = recs.iter().flat_map(|r| gz(r)).collect();
    let whole = gz(&plain);
    vec![plain, per_record, whole]
}

#[test]
fn damaged_archives_never_panic_and_counts_add_up() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for base in bases() {
        for _ in 0..400 {
            damage_and_check(&mut rng, &base);
        }
    }
    for n in [0, 1, 2, 3, 4, 5, 10, 100, 5000] {
        let d: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        check(&d);
        let mut g = b"\x1f\x8b\x08\x00".to_vec();
        g.extend(&d);
        check(&g);
        let mut w = b"WARC/1.0\r\n".to_vec();
        w.extend(&d);
        check(&w);
    }
}

/// The same, for longer: `NEWSPREP_FUZZ_ITERS=200000 cargo test --release warc -- --ignored`.
#[test]
#[ignore = "long run: NEWSPREP_FUZZ_ITERS=N cargo test --release warc -- --ignored"]
fn damaged_archives_long_run() {
    let iters: usize = std::env::var("NEWSPREP_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let seed = std::env::var("NEWSPREP_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x2545_f491_4f6c_dd1d_u64);
    let mut rng = Rng(seed);
    let bases = bases();
    for i in 0..iters {
        damage_and_check(&mut rng, &bases[i % bases.len()]);
    }
}

#[test]
fn target_uri_in_angle_brackets_is_the_url() {
    // the WARC/1.0 grammar wrote `<uri>`; such a record's URL was "<https://…>", which no rule takes
    // for an absolute URL, so the page lost its address
    let data = response(
        "<https://example.com/bracketed>",
        "Content-Type: text/html\r\n",
        &page(7),
    );
    let (got, skips, _) = read_all(&data, ReaderConfig::default());
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(
        urls(&got),
        vec!["https://example.com/bracketed".to_string()]
    );
}
