//! Resolving the URLs a page declares (`<link rel=canonical href=...>`,
//! `og:url`) against the URL the page came from, so that
//! [`crate::article::Article::url`] is always absolute.
//!
//! Pages write canonical links as absolute URLs, as paths (`/news/a.html`),
//! scheme-relative (`//example.com/a`), relative to the page (`a.html`,
//! `../a`) and now and then percent-encoded whole (`https%3A%2F%2F...`).
//! This is RFC 3986's reference resolution for those forms, written out (no
//! URL crate is needed for it): the base's scheme and authority, its path's
//! directory, dot segments removed.

/// `href` made absolute against `base` (an absolute `http(s)` URL), or `None`
/// when it cannot be: `href` is relative and there is no usable base, or it
/// is not a web URL (`javascript:`, `mailto:`).
pub(crate) fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    if let Some(decoded) = encoded_absolute(href) {
        return Some(decoded);
    }
    if let Some(scheme) = scheme_of(href) {
        return matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
            .then(|| href.to_string());
    }
    let base = base.map(str::trim).filter(|b| {
        scheme_of(b)
            .is_some_and(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
    })?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(net) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{net}"));
    }
    // the base without its query and fragment
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if href.starts_with('?') || href.starts_with('#') {
        return Some(format!("{scheme}://{authority}{path}{href}"));
    }
    let joined = if href.starts_with('/') {
        href.to_string()
    } else {
        let dir = &path[..=path.rfind('/').unwrap_or(0)];
        format!("{dir}{href}")
    };
    Some(format!(
        "{scheme}://{authority}{}",
        remove_dot_segments(&joined)
    ))
}

/// The scheme of an absolute URL (`https` of `https://...`, `mailto` of
/// `mailto:x`): letters, digits, `+-.`, starting with a letter, then `:`.
fn scheme_of(s: &str) -> Option<&str> {
    let i = s.find(':')?;
    let scheme = &s[..i];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// `https%3A%2F%2Fexample.com%2Fa` decoded once, when the whole URL was
/// percent-encoded (a template's mistake); `None` otherwise.
fn encoded_absolute(s: &str) -> Option<String> {
    let low = s.get(..10)?.to_ascii_lowercase();
    if !(low.starts_with("http%3a%2f") || low.starts_with("https%3a%2")) {
        return None;
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// RFC 3986 5.2.4 on a path: `.` and `..` segments removed.
fn remove_dot_segments(path: &str) -> String {
    let (path, tail) = match path.find(['?', '#']) {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let mut p = out.join("/");
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    p + tail
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn references_resolve_as_rfc_3986_says() {
        let base = Some("https://www.example.com/news/2024/story.html?x=1#top");
        for (href, want) in [
            ("https://other.test/a", Some("https://other.test/a")),
            ("HTTP://other.test/a", Some("HTTP://other.test/a")),
            (
                "/newsticker/meldung/a-1.html",
                Some("https://www.example.com/newsticker/meldung/a-1.html"),
            ),
            ("//cdn.example.com/a", Some("https://cdn.example.com/a")),
            ("b.html", Some("https://www.example.com/news/2024/b.html")),
            ("../b.html", Some("https://www.example.com/news/b.html")),
            ("./b.html", Some("https://www.example.com/news/2024/b.html")),
            ("../../../../b", Some("https://www.example.com/b")),
            (
                "?page=2",
                Some("https://www.example.com/news/2024/story.html?page=2"),
            ),
            ("/", Some("https://www.example.com/")),
            (
                "https%3A%2F%2Fwww.example.com%2Fmagazin%2Fp%25C3%25A4d",
                Some("https://www.example.com/magazin/p%C3%A4d"),
            ),
            ("javascript:void(0)", None),
            ("mailto:a@b.test", None),
            ("", None),
        ] {
            assert_eq!(resolve(href, base).as_deref(), want, "{href}");
        }
        assert_eq!(resolve("/a", None), None);
        assert_eq!(resolve("/a", Some("not a url")), None);
        assert_eq!(
            resolve("/a", Some("https://example.com")).as_deref(),
            Some("https://example.com/a")
        );
        assert_eq!(
            resolve("a", Some("https://example.com")).as_deref(),
            Some("https://example.com/a")
        );
        assert_eq!(
            resolve("https://x.test/a", None).as_deref(),
            Some("https://x.test/a")
        );
    }
}
