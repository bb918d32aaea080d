//! What a page says about itself: `<title>`, `<meta>` tags (Open Graph,
//! Twitter cards, Dublin Core, `article:*`), `<link rel=canonical>`, `<html
//! lang>`, and JSON-LD `Article`/`NewsArticle` objects.
//!
//! The HTML walker feeds a [`MetaCollector`] as it meets these
//! elements; [`MetaCollector::finish`] gives the [`PageMeta`], from which the
//! extractor picks the article's headline, byline, date, URL, site name and
//! language (visible text decides where the page's own markup is silent or
//! wrong: see `super::article`).

use serde_json::Value;

use crate::dates::parse_date;

/// A publication date from markup, ISO 8601; `None` for the Unix epoch
/// (1970-01-01, in any time zone), which content systems write when the date
/// is unset.
fn page_date(s: &str) -> Option<String> {
    parse_date(s).filter(|d| !d.starts_with("1970-01-01") && !d.starts_with("1969-12-31"))
}

/// The longest JSON-LD script that is parsed (larger ones are skipped).
const MAX_JSONLD_BYTES: usize = 2 << 20;
/// The most `<meta>` values kept (pages with thousands of meta tags exist).
const MAX_METAS: usize = 512;

/// Meta keys of a publication date, most reliable first.
const DATE_KEYS: [&str; 16] = [
    "article:published_time",
    "datepublished",
    "og:published_time",
    "published_time",
    "publishdate",
    "pubdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
];

/// Metadata found in a page's markup. Every field is as the page wrote it
/// (whitespace collapsed), except dates, which are ISO 8601.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    /// `<title>` text.
    pub title_tag: Option<String>,
    /// `og:title`, else `twitter:title`, else `headline`/`dc.title` meta.
    pub og_title: Option<String>,
    /// JSON-LD `headline` (else `name`) of the article object.
    pub jsonld_headline: Option<String>,
    /// Authors from JSON-LD, then `author`-like meta tags (URLs skipped).
    pub authors: Vec<String>,
    /// The name a content system's `twitter:labelN` "Written by" /
    /// `twitter:dataN` pair gives, else the JSON-LD `Person` the article
    /// names as its author by reference (`"author": {"@id": ...}`): the
    /// posting account's display name (a user name at times), read only when
    /// the page shows no byline.
    pub written_by: Option<String>,
    /// Publication date (ISO 8601) from JSON-LD or meta tags, first found in
    /// order of reliability.
    pub date: Option<String>,
    /// The meta tags' publication date when it is another day than the
    /// JSON-LD one in [`PageMeta::date`] (more than a day apart, so not a
    /// time zone's difference): the page contradicts itself, and the
    /// extractor lets the visible date decide between the two, or gives none.
    pub date_conflict: Option<String>,
    /// Every publication date of the meta tags and of the JSON-LD article
    /// objects (ISO 8601, in page order, at most 16): where the extractor
    /// looks for the page's local writing of a UTC date.
    pub dates: Vec<String>,
    /// `<link rel=canonical>`, else `og:url`, else JSON-LD `url`: the first
    /// absolute http(s) URL among them, else the first relative reference
    /// ("/news/a", to resolve with [`resolve_url`]).
    pub canonical: Option<String>,
    /// The first `<base href>`: the address relative references on the page
    /// are resolved against (itself resolved against the page's URL).
    pub base: Option<String>,
    /// `og:site_name`, else JSON-LD `publisher.name`, else `application-name`.
    pub site_name: Option<String>,
    /// `<html lang>`, else `content-language`, else `og:locale`, else JSON-LD
    /// `inLanguage`, normalised to BCP 47 (`en_US` becomes `en-US`).
    pub language: Option<String>,
    /// JSON-LD `articleBody`, when the page gives it.
    pub article_body: Option<String>,
    /// The same as given: its line breaks, markup and character references
    /// kept (the extractor reads its paragraphs from it).
    pub article_body_raw: Option<String>,
    /// `og:description` / `description`.
    pub description: Option<String>,
}

/// Collects metadata while the page is walked.
#[derive(Debug, Default)]
pub struct MetaCollector {
    title_tag: Option<String>,
    metas: Vec<(String, String)>,
    canonical: Option<String>,
    base: Option<String>,
    html_lang: Option<String>,
    jsonld: Vec<Article>,
    /// The names of the JSON-LD `Person` nodes with an `@id`, which an
    /// article's `"author": {"@id": ...}` refers to (Yoast's `@graph`).
    persons: Vec<(String, String)>,
}

/// The fields of a JSON-LD article object we use.
#[derive(Debug, Default)]
struct Article {
    rank: u8,
    headline: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
    /// Authors given only as a reference to a node elsewhere (`{"@id": ...}`).
    author_ids: Vec<String>,
    publisher: Option<String>,
    body: Option<String>,
    body_raw: Option<String>,
    language: Option<String>,
    url: Option<String>,
}

impl MetaCollector {
    /// A new, empty collector.
    pub fn new() -> MetaCollector {
        MetaCollector::default()
    }

    /// The text of the first `<title>` element.
    pub fn title(&mut self, text: &str) {
        if self.title_tag.is_none() {
            self.title_tag = clean(text);
        }
    }

    /// A `<meta>` element, given its attributes as (lowercase name, value).
    /// The content is recorded under each key the element gives: its
    /// `property`, `name`, `http-equiv` and every `itemprop` token (`<meta
    /// property="article:published" itemprop="datePublished dateCreated">`
    /// is a `datepublished` as well).
    pub fn meta<'a>(&mut self, attrs: impl IntoIterator<Item = (&'a str, &'a str)>) {
        if self.metas.len() >= MAX_METAS {
            return;
        }
        let mut keys: Vec<String> = Vec::new();
        let mut content = None;
        for (n, v) in attrs {
            match n {
                "property" | "name" | "http-equiv" => keys.push(v.trim().to_ascii_lowercase()),
                "itemprop" => keys.extend(v.split_ascii_whitespace().map(str::to_ascii_lowercase)),
                "content" | "datetime" => content = Some(v),
                _ => {}
            }
        }
        let Some(c) = content.and_then(clean) else {
            return;
        };
        keys.dedup();
        for k in keys.into_iter().filter(|k| !k.is_empty()).take(4) {
            if self.metas.len() >= MAX_METAS {
                return;
            }
            self.metas.push((k, c.clone()));
        }
    }

    /// A `<link>` element (only `rel=canonical` is used).
    pub fn link<'a>(&mut self, attrs: impl IntoIterator<Item = (&'a str, &'a str)>) {
        let mut rel = false;
        let mut href = None;
        for (n, v) in attrs {
            match n {
                "rel" => {
                    rel = v
                        .split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("canonical"))
                }
                "href" => href = Some(v),
                _ => {}
            }
        }
        if rel && self.canonical.is_none() {
            self.canonical = href.and_then(clean);
        }
    }

    /// A `<base>` element: the first one with an `href` sets the page's base
    /// address (as in browsers).
    pub fn base<'a>(&mut self, attrs: impl IntoIterator<Item = (&'a str, &'a str)>) {
        if self.base.is_none() {
            self.base = attrs
                .into_iter()
                .find(|(n, _)| *n == "href")
                .and_then(|(_, v)| clean(v));
        }
    }

    /// The `lang` attribute of the `<html>` element.
    pub fn html_lang(&mut self, lang: &str) {
        if self.html_lang.is_none() {
            self.html_lang = normalise_lang(lang);
        }
    }

    /// The content of a `<script type="application/ld+json">`.
    pub fn jsonld(&mut self, text: &str) {
        if text.len() > MAX_JSONLD_BYTES || self.jsonld.len() >= 32 {
            return;
        }
        let t = text
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->")
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>")
            .trim();
        // serde_json limits nesting to 128 levels: deep input is an error, not a stack overflow.
        let Ok(v) = serde_json::from_str::<Value>(t) else {
            return;
        };
        let mut found = Vec::new();
        collect_articles(&v, 0, &mut found, &mut self.persons);
        self.jsonld.extend(found);
    }

    /// Everything collected, resolved into one [`PageMeta`].
    pub fn finish(mut self) -> PageMeta {
        self.jsonld.sort_by_key(|a| a.rank);
        let best = self.jsonld.first();
        let get = |keys: &[&str]| -> Option<String> {
            keys.iter().find_map(|k| {
                self.metas
                    .iter()
                    .find(|(n, _)| n == k)
                    .map(|(_, v)| v.clone())
            })
        };
        let og_title = get(&["og:title", "twitter:title", "headline", "dc.title", "title"]);
        let mut authors: Vec<String> = best.map(|a| a.authors.clone()).unwrap_or_default();
        if authors.is_empty() {
            for (k, v) in &self.metas {
                if matches!(
                    k.as_str(),
                    "author"
                        | "article:author"
                        | "dc.creator"
                        | "byl"
                        | "sailthru.author"
                        | "parsely-author"
                        | "shareaholic:article_author_name"
                ) && !looks_like_url(v)
                {
                    // a value escaped twice ("O&amp;#039;Donnell") is decoded once more
                    if let Some(name) = author_name(&decode_refs(v)) {
                        if !authors.contains(&name) {
                            authors.push(name);
                        }
                    }
                }
            }
        }
        // Yoast's reading-time table: twitter:label1 "Written by" (or
        // "Verfasst von" ...) and twitter:data1 the account's display name
        let written_by = (1..=4)
            .find(|k| {
                get(&[format!("twitter:label{k}").as_str()])
                    .is_some_and(|l| WRITTEN_BY.contains(&l.to_lowercase().as_str()))
            })
            .and_then(|k| get(&[format!("twitter:data{k}").as_str()]))
            .and_then(|d| author_name(&decode_refs(&d)))
            // else the Person node of Yoast's JSON-LD graph that the article
            // names as its author by reference (`"author": {"@id": ...}`):
            // the same account, as often a user name or a stand-in as the
            // table's, so it is read on the same terms
            .or_else(|| {
                let ids = best.map_or(&[][..], |a| &a.author_ids[..]);
                ids.iter().find_map(|id| {
                    let (_, n) = self.persons.iter().find(|(i, _)| i == id)?;
                    author_name(n)
                })
            });
        let meta_date = {
            DATE_KEYS.iter().find_map(|k| {
                self.metas
                    .iter()
                    .filter(|(n, _)| n == k)
                    .find_map(|(_, v)| page_date(v))
            })
        };
        let mut dates: Vec<String> = self.jsonld.iter().filter_map(|a| a.date.clone()).collect();
        dates.extend(
            self.metas
                .iter()
                .filter(|(n, _)| DATE_KEYS.contains(&n.as_str()))
                .filter_map(|(_, v)| page_date(v)),
        );
        dates.truncate(16);
        let jsonld_date = best.and_then(|a| a.date.clone());
        let date_conflict = match (&jsonld_date, &meta_date) {
            (Some(j), Some(m)) if !crate::dates::within_a_day(j, m) => meta_date.clone(),
            _ => None,
        };
        let date = jsonld_date.or(meta_date);
        // an absolute http(s) URL first, else a relative one (resolved against
        // the page's own URL by the extractor); never a template or a script
        let urls = [
            self.canonical.take(),
            get(&["og:url"]),
            best.and_then(|a| a.url.clone()),
        ];
        let usable = urls.iter().flatten().filter(|u| url_reference(u).is_some());
        let canonical = usable
            .clone()
            .find(|u| url_reference(u) == Some(true))
            .or_else(|| usable.clone().next())
            .cloned();
        // a name, not an address or a social-media handle
        let is_name = |s: &String| !looks_like_url(s) && !s.starts_with('@');
        let site_name = get(&["og:site_name"])
            .filter(is_name)
            .or_else(|| best.and_then(|a| a.publisher.clone()).filter(is_name))
            .or_else(|| get(&["application-name"]).filter(is_name));
        let language = self
            .html_lang
            .take()
            .or_else(|| {
                get(&["content-language", "og:locale", "language", "dc.language"])
                    .and_then(|l| normalise_lang(&l))
            })
            .or_else(|| best.and_then(|a| a.language.clone()));
        PageMeta {
            title_tag: self.title_tag.take(),
            og_title,
            jsonld_headline: best.and_then(|a| a.headline.clone()),
            authors,
            written_by,
            date,
            date_conflict,
            dates,
            canonical,
            base: self.base.take(),
            site_name,
            language,
            article_body: best.and_then(|a| a.body.clone()),
            article_body_raw: best.and_then(|a| a.body_raw.clone()),
            description: get(&["og:description", "description", "twitter:description"]),
        }
    }
}

/// The `@type`s of a JSON-LD node (a string or an array of them; none
/// without `@type`).
fn types_of(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// How article-like a JSON-LD node of these `@type`s is (lower is better), `None` when it
/// is not an article.
fn article_rank(types: &[&str]) -> Option<u8> {
    types
        .iter()
        .filter_map(|t| match *t {
            "NewsArticle"
            | "ReportageNews"
            | "AnalysisNewsArticle"
            | "OpinionNewsArticle"
            | "BackgroundNewsArticle"
            | "ReviewNewsArticle" => Some(0),
            "Article" | "BlogPosting" | "Report" | "ScholarlyArticle" | "LiveBlogPosting"
            | "TechArticle" | "SocialMediaPosting" => Some(1),
            "WebPage" | "ItemPage" => Some(3),
            _ => None,
        })
        .min()
}

/// Finds article objects in a JSON-LD value: the value itself, an array of
/// them, a `@graph` or a `mainEntity`; and, on the way, the `(@id, name)` of
/// its `Person` nodes (`persons`, which an article's author may refer to).
/// Bounded depth and counts.
fn collect_articles(
    v: &Value,
    depth: usize,
    out: &mut Vec<Article>,
    persons: &mut Vec<(String, String)>,
) {
    if depth > 4 || out.len() >= 32 {
        return;
    }
    match v {
        Value::Array(items) => {
            for it in items.iter().take(256) {
                collect_articles(it, depth + 1, out, persons);
            }
        }
        Value::Object(map) => {
            let types = types_of(v);
            if types.contains(&"Person") && persons.len() < 32 {
                let id = map.get("@id").and_then(Value::as_str);
                if let (Some(id), Some(name)) = (id, str_field(v, "name")) {
                    persons.push((id.to_string(), name));
                }
            }
            if let Some(rank) = article_rank(&types) {
                out.push(Article {
                    rank,
                    headline: str_field(v, "headline").or_else(|| str_field(v, "name")),
                    date: ["datePublished", "dateCreated", "uploadDate"]
                        .iter()
                        .find_map(|k| str_field(v, k).and_then(|d| page_date(&d))),
                    authors: authors_of(v.get("author").or_else(|| v.get("creator"))),
                    author_ids: author_ids(v.get("author")),
                    publisher: v.get("publisher").and_then(name_of),
                    body: str_field(v, "articleBody").or_else(|| str_field(v, "text")),
                    body_raw: ["articleBody", "text"]
                        .iter()
                        .find_map(|k| raw_str_field(v, k)),
                    language: str_field(v, "inLanguage").and_then(|l| normalise_lang(&l)),
                    url: str_field(v, "url").or_else(|| {
                        v.get("mainEntityOfPage").and_then(|m| match m {
                            Value::String(s) => Some(s.clone()),
                            _ => str_field(m, "@id"),
                        })
                    }),
                });
            }
            // a `@graph`, and a page's `mainEntity` (a WebPage whose main
            // entity is the NewsArticle)
            for key in ["@graph", "mainEntity"] {
                if let Some(g) = map.get(key) {
                    collect_articles(g, depth + 1, out, persons);
                }
            }
        }
        _ => {}
    }
}

/// The `@id`s of the authors given only as a reference (`{"@id": ...}`
/// without a name).
fn author_ids(v: Option<&Value>) -> Vec<String> {
    let id = |x: &Value| match x {
        Value::Object(m) if !m.contains_key("name") => {
            m.get("@id").and_then(Value::as_str).map(str::to_string)
        }
        _ => None,
    };
    match v {
        Some(Value::Array(a)) => a.iter().take(16).filter_map(id).collect(),
        Some(x) => id(x).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The first string of field `key` as given (not decoded, not trimmed),
/// when it holds more than whitespace.
fn raw_str_field(v: &Value, key: &str) -> Option<String> {
    let s = match v.get(key)? {
        Value::String(s) => s.as_str(),
        Value::Array(a) => a.iter().find_map(Value::as_str)?,
        _ => return None,
    };
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// A JSON-LD string field, whitespace collapsed and character references
/// decoded ("O&#039;Donnell", "Tom &amp; Jerry": content systems escape
/// JSON-LD for HTML, but the text of a script is not decoded).
fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => clean(&decode_refs(s)),
        Value::Array(a) => a
            .iter()
            .find_map(|x| x.as_str().and_then(|s| clean(&decode_refs(s)))),
        _ => None,
    }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(&decode_refs(s)).filter(|s| !looks_like_url(s)),
        Value::Object(_) => str_field(v, "name"),
        Value::Array(a) => a.iter().find_map(name_of),
        _ => None,
    }
}

/// `s` with HTML character references decoded (by the same tokenizer as the
/// page; a `<` stays text).
pub(crate) fn decode_refs(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return s.into();
    }
    let escaped = s.replace('<', "&lt;");
    let mut out = Vec::with_capacity(s.len());
    for tok in html5gum::Tokenizer::new(escaped.as_str()).flatten() {
        if let html5gum::Token::String(t) = tok {
            out.extend_from_slice(&t);
        }
    }
    match String::from_utf8(out) {
        Ok(d) => d.into(),
        Err(_) => s.into(),
    }
}

fn authors_of(v: Option<&Value>) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Some(Value::Array(a)) => {
            for x in a.iter().take(16) {
                if let Some(n) = name_of(x).and_then(|n| author_name(&n)) {
                    if !out.contains(&n) {
                        out.push(n);
                    }
                }
            }
        }
        Some(x) => out.extend(name_of(x).and_then(|n| author_name(&n))),
        None => {}
    }
    out
}

/// An author as a page's markup gives it, without the "By" of a byline
/// ("By TOM KRISHER, AP Auto Writer" is `TOM KRISHER, AP Auto Writer`,
/// "Analysis by Chris Cillizza" is `Chris Cillizza`); `None` for an address
/// or an empty value.
fn author_name(v: &str) -> Option<String> {
    let v = v.trim();
    if looks_like_url(v) {
        return None;
    }
    // "By ", "BY: ", "Written by ", "Analysis by ": up to three words, then "by"
    let words: Vec<&str> = v.split_whitespace().take(4).collect();
    let by = words
        .iter()
        .position(|w| w.trim_end_matches(':').eq_ignore_ascii_case("by"));
    let name = match by {
        Some(k)
            if words[..k]
                .iter()
                .all(|w| w.chars().all(char::is_alphabetic)) =>
        {
            let mut rest = v;
            for _ in 0..=k {
                rest = rest.trim_start();
                rest = &rest[rest.find(char::is_whitespace).unwrap_or(rest.len())..];
            }
            let rest = rest.trim();
            // "Stand By Me" is a title, not a byline: a name follows "by"
            if k == 0 || rest.starts_with(char::is_uppercase) {
                rest
            } else {
                v
            }
        }
        _ => v,
    };
    // markup written into the value ("AL ALEXANDER<BR>The Patriot Ledger": the
    // name is what comes before it), stray list punctuation ("F.
    // Fiszenson-Albala, "), a content system's placeholder account ("admin")
    let name = clean(name.split('<').next().unwrap_or(""))?;
    // an address after the name ("Jane Doe info@example.com", "Jane Doe -
    // http://example.com") is not part of it
    let name = match crate::article::word_spans(&name).find(|(_, w)| is_address(w)) {
        Some((i, _)) => &name[..i],
        None => name.as_str(),
    };
    // (and quotes around the value: "'Jane Roe, Ben Lima'")
    let separator = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | ';' | ':' | '|' | '-' | '–' | '\'' | '"' | '‘' | '’' | '“' | '”' | '«' | '»'
            )
    };
    let name = name.trim_matches(separator);
    const PLACEHOLDERS: [&str; 4] = ["admin", "administrator", "webmaster", "root"];
    if name.is_empty() || PLACEHOLDERS.iter().any(|p| name.eq_ignore_ascii_case(p)) {
        return None;
    }
    // a theme's or a web designer's credit ("Jane Roe und Ben Lima designed",
    // "Webdesign: Example Studio"), not the story's writer
    const DESIGN_WORDS: [&str; 5] = ["designed", "design", "webdesign", "theme", "template"];
    if crate::article::word_spans(name)
        .any(|(_, w)| DESIGN_WORDS.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    Some(name.to_string())
}

/// The labels of the `twitter:labelN` meta tag whose `twitter:dataN` is the
/// author (as content systems write them, lowercase).
const WRITTEN_BY: [&str; 8] = [
    "written by",
    "verfasst von",
    "geschrieben von",
    "écrit par",
    "escrito por",
    "scritto da",
    "geschreven door",
    "skrevet av",
];

/// Words that make an author value a company's or an association's name
/// (a legal form: "Example Verlag GmbH", "Bund der Beispiele e.V."),
/// compared case-sensitively, a trailing comma aside.
const LEGAL_FORMS: [&str; 14] = [
    "GmbH", "mbH", "AG", "KG", "e.V.", "eV", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "S.A.", "SE",
    "Corp.",
];

/// Author values content systems fill in when no one is named (compared
/// case-folded, letters and digits only).
const NO_AUTHOR: [&str; 7] = [
    "publisher",
    "noauthor",
    "anonymous",
    "anónimo",
    "unknown",
    "superuser",
    "guest",
];

/// The letters and digits of `s`, lowercase ("Tages-Anzeiger.ch" is
/// `tagesanzeigerch`).
pub(crate) fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether an author value from the page's markup names the publication or
/// an organisation rather than a writer: the site's name or a part of its
/// `<title>` ("Headline - Example News": `Example News`), a label of the
/// page's host ("CBS News" on cbsnews.com) or its initials ("Deutsche Welle"
/// on dw.com), a web address ("example.de"), a
/// legal form ("Example Verlag GmbH", "Bund der Beispiele e.V."), or a
/// content system's placeholder ("publisher", "No Author"). Such a value is
/// not a byline: the extractor looks for the writer's name on the page, or
/// gives none.
pub(crate) fn names_the_publication(name: &str, meta: &PageMeta, host: Option<&str>) -> bool {
    let n = letters(name);
    if n.is_empty() || NO_AUTHOR.contains(&n.as_str()) {
        return true;
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let legal = words
        .windows(2)
        .any(|w| w[0] == "e." && w[1].trim_end_matches(',') == "V.")
        || words
            .iter()
            .any(|w| LEGAL_FORMS.contains(&w.trim_end_matches(',')));
    // a host name as a word ("example.de", "News.example.com"), not initials ("J.R.")
    let address = words.iter().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.rsplit_once('.').is_some_and(|(head, tld)| {
            head.chars().filter(|c| c.is_alphanumeric()).count() >= 2
                && tld.chars().all(|c| c.is_ascii_lowercase())
                && (tld.len() == 2 || tld.len() == 3 || LONG_TLDS.contains(&tld))
        })
    });
    if legal || address {
        return true;
    }
    let labels: Vec<String> = host
        .map(|h| {
            h.split('.')
                .filter(|l| !l.is_empty() && *l != "www")
                .map(letters)
                .collect()
        })
        .unwrap_or_default();
    if labels.contains(&n) || labels.concat() == n {
        return true; // "CBS News" on cbsnews.com
    }
    // a person's own site ("Jane Roe" on janeroe.example, jroe.example): the
    // site is named after its author, who is the byline
    let person = (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && !ARTICLE_WORDS.contains(&w.to_lowercase().as_str())
        });
    let surname = words.last().map(|w| letters(w)).unwrap_or_default();
    let own = |l: &String| l.contains(&n) || surname.chars().count() >= 4 && l.contains(&surname);
    if person && labels.iter().any(own) {
        return false;
    }
    // the publication's initials as the host ("Deutsche Welle" on dw.com)
    let initials: String = words
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    if words.len() >= 2 && labels.contains(&initials) {
        return true;
    }
    // the site's name, or the author's name holding it ("Example Redaktion")
    let site = |s: &str| {
        let s = letters(s);
        !s.is_empty() && (s == n || s.len() >= 4 && n.contains(&s))
    };
    let title_parts = meta
        .title_tag
        .as_deref()
        .map(title_parts)
        .unwrap_or_default();
    let in_title = title_parts.len() > 1 && title_parts.iter().any(|p| letters(p) == n);
    meta.site_name.as_deref().is_some_and(site) || in_title
}

/// Whether an author value from the markup is an account's user name rather
/// than a name ("christian.roe", "jane_roe", "jroe72"): one word in lowercase
/// holding a dot, an underscore or a digit. The page's visible byline, if
/// any, says who wrote it.
pub(crate) fn is_user_name(author: &str) -> bool {
    let a = author.trim();
    !a.is_empty()
        && !a.contains(char::is_whitespace)
        && !a.chars().any(char::is_uppercase)
        && a.contains(|c: char| c == '.' || c == '_' || c.is_ascii_digit())
}

/// Top-level domains of more than three letters that publications use
/// (a word ending in one is a web address: "jungle.world").
const LONG_TLDS: [&str; 9] = [
    "info", "online", "world", "media", "news", "blog", "site", "today", "swiss",
];

/// Articles that open a publication's name, not a person's ("The
/// Economist", "Die Zeit", "El Mostrador"), lowercase.
const ARTICLE_WORDS: [&str; 12] = [
    "the", "der", "die", "das", "el", "la", "le", "les", "los", "il", "lo", "de",
];

/// An author value from the page's markup as the names of a byline: without
/// a leading byline word ("Von Jane Roe", "By Jane Roe"), and of its
/// comma-separated parts, the first and the others that are names of two
/// words or more: a role, a credential, a place or the publication after a
/// name goes ("Jane Roe, PhD", "Jane Roe, CNN", "Jane Roe, Staff Writer").
/// The words of a part are left as they are ("Mobasir hassan").
pub(crate) fn byline_names(author: &str, meta: &PageMeta, host: Option<&str>) -> String {
    let a = author.trim();
    let a = crate::article::without_byline_prefix(a)
        .filter(|r| r.starts_with(char::is_uppercase))
        .unwrap_or(a);
    let mut parts = a.split(',').map(str::trim).filter(|p| !p.is_empty());
    let mut out: Vec<&str> = parts.next().into_iter().collect();
    for p in parts {
        let words: Vec<&str> = p.split_whitespace().collect();
        let name = words.len() >= 2
            && words.len() <= 4
            && words[0].starts_with(char::is_uppercase)
            && !words
                .iter()
                .any(|w| crate::article::is_role_word(w) || w.chars().any(|c| c.is_ascii_digit()))
            && !names_the_publication(p, meta, host);
        if name {
            out.push(p);
        }
    }
    out.join(", ")
}

/// The parts of a declared title between the separators sites put between
/// headline, section and site name (" | ", " - ", " – ", " — ", " :: ",
/// " » ", " : "), trimmed, empty parts left out; the whole title when it has
/// none.
pub(crate) fn title_parts(t: &str) -> Vec<&str> {
    let mut parts = vec![t];
    for sep in [" | ", " - ", " – ", " — ", " :: ", " » ", " : "] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The host of an absolute http(s) URL, lowercase.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// `Some(true)` for an absolute http(s) URL, `Some(false)` for a relative
/// reference ("/news/a", "//host/a", "a.html"), `None` for anything else: an
/// other scheme ("javascript:"), a template ("{{url}}"), inner whitespace.
fn url_reference(u: &str) -> Option<bool> {
    if u.is_empty() || u.contains(|c: char| c.is_whitespace() || "{}<>\"'`|^\\".contains(c)) {
        return None;
    }
    match scheme_end(u) {
        Some(i) => {
            let scheme = &u[..i];
            (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
                .then_some(true)
        }
        None => Some(false),
    }
}

/// The length of `u`'s scheme when it has one (`https:` gives 5).
fn scheme_end(u: &str) -> Option<usize> {
    let i = u.find(':')?;
    let scheme = &u[..i];
    (!scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
    .then_some(i)
}

/// `href` as an absolute http(s) URL: as it is when it is one, else resolved
/// against `base` (RFC 3986 section 5.2: "/a" takes the base's host, "b"
/// the base's folder, ".." segments removed). `None` when `href` is not a
/// usable reference or is relative without an absolute http(s) base.
///
/// ```
/// use newsprep::html::meta::resolve_url;
/// let base = Some("https://x.test/news/a?p=1");
/// assert_eq!(resolve_url(base, "b").as_deref(), Some("https://x.test/news/b"));
/// assert_eq!(resolve_url(None, "/news/b"), None);
/// ```
pub fn resolve_url(base: Option<&str>, href: &str) -> Option<String> {
    let href = href.trim();
    if let Some(decoded) = encoded_absolute(href) {
        return Some(decoded);
    }
    if url_reference(href)? {
        return Some(href.to_string());
    }
    let base = base
        .map(str::trim)
        .filter(|b| url_reference(b) == Some(true))?;
    let scheme = &base[..scheme_end(base)?];
    if href.starts_with("//") {
        return Some(format!("{scheme}:{href}"));
    }
    // the base without its fragment, then its parts
    let base = base.split('#').next().unwrap_or(base);
    let after_scheme = &base[scheme.len() + 1..];
    let rest = after_scheme.strip_prefix("//").unwrap_or(after_scheme);
    let auth_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..auth_end];
    let path_query = &rest[auth_end..];
    let path = path_query.split('?').next().unwrap_or("");
    let origin = format!("{scheme}://{authority}");
    if href.starts_with('#') {
        return Some(format!("{base}{href}"));
    }
    if href.starts_with('?') {
        return Some(format!("{origin}{path}{href}"));
    }
    let (href_path, tail) = match href.find(['?', '#']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let merged = if href_path.starts_with('/') {
        href_path.to_string()
    } else {
        let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        let folder = if folder.is_empty() { "/" } else { folder };
        format!("{folder}{href_path}")
    };
    Some(format!("{origin}{}{tail}", remove_dot_segments(&merged)))
}

/// `https%3A%2F%2Fexample.com%2Fa` decoded once, when a whole absolute URL
/// was percent-encoded (a template's mistake); `None` otherwise.
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
    String::from_utf8(out)
        .ok()
        .filter(|u| url_reference(u) == Some(true))
}

/// RFC 3986 section 5.2.4 on an absolute path: "/a/./b/../c" is "/a/c".
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

/// Whether a word is an e-mail or web address (`info@example.com`,
/// `http://example.com`, `www.example.com`), not a handle glued to a name
/// (`Jane@JaneNews`) or an initial.
fn is_address(w: &str) -> bool {
    let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | ',' | ';'));
    let email = w
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
    email || w.starts_with("www.") || w.starts_with("http://") || w.starts_with("https://")
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("//")
        || s.starts_with('/')
        // a host and a path without the scheme ("facebook.com/jane")
        || (!s.contains(char::is_whitespace)
            && s.split_once('/').is_some_and(|(host, _)| host.contains('.')))
}

/// Collapses whitespace; `None` for an empty result. Decodes nothing: values
/// from the parser have their entities decoded (JSON-LD strings go through
/// [`decode_refs`] first).
pub(crate) fn clean(s: &str) -> Option<String> {
    let out = collapse_whitespace(s, 64 * 1024);
    (!out.is_empty()).then_some(out)
}

/// `s` with each run of whitespace made one space, trimmed; words stop being
/// added once the result is longer than `cap` bytes.
pub(crate) fn collapse_whitespace(s: &str, cap: usize) -> String {
    let mut out = String::with_capacity(s.len().min(cap).min(4096));
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
        if out.len() > cap {
            break;
        }
    }
    out
}

/// `en_US`, `EN-us`, `en` to BCP 47 casing (`en-US`), and the region `UK`,
/// a common mistake, to the United Kingdom's code (`en-UK` is `en-GB`); `None` for values that
/// are not language tags, and for the codes that name no language (`und`
/// undetermined, `mul` several, `zxx` no linguistic content, `mis`
/// uncoded: a template's default, not the page's language).
pub(crate) fn normalise_lang(s: &str) -> Option<String> {
    let s = s.trim();
    let mut parts = s.split(['-', '_']);
    let lang = parts.next()?;
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    if ["und", "mul", "zxx", "mis"]
        .iter()
        .any(|c| lang.eq_ignore_ascii_case(c))
    {
        return None;
    }
    let mut out = lang.to_ascii_lowercase();
    for p in parts.take(3) {
        if p.is_empty() || p.len() > 8 || !p.bytes().all(|b| b.is_ascii_alphanumeric()) {
            break;
        }
        out.push('-');
        if p.eq_ignore_ascii_case("uk") {
            out.push_str("GB"); // ISO 3166's code for the United Kingdom
        } else if p.len() == 2 {
            out.push_str(&p.to_ascii_uppercase());
        } else if p.len() == 4 && p.bytes().all(|b| b.is_ascii_alphabetic()) {
            out.push_str(&p[..1].to_ascii_uppercase());
            out.push_str(&p[1..].to_ascii_lowercase());
        } else {
            out.push_str(&p.to_ascii_lowercase());
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_graph_and_meta() {
        let mut c = MetaCollector::new();
        c.title("  Storm closes ports  -  Example News ");
        c.meta([("property", "og:title"), ("content", "Storm closes ports")]);
        c.meta([("name", "author"), ("content", "By Jane Doe")]);
        c.meta([
            ("property", "article:author"),
            ("content", "https://example.com/jane"),
        ]);
        c.meta([
            ("property", "article:published_time"),
            ("content", "2024-03-05T14:30:00+01:00"),
        ]);
        c.meta([("property", "og:site_name"), ("content", "Example News")]);
        c.meta([("property", "og:locale"), ("content", "en_GB")]);
        c.link([("rel", "canonical"), ("href", "https://example.com/storm")]);
        let m = c.finish();
        assert_eq!(
            m.title_tag.as_deref(),
            Some("Storm closes ports - Example News")
        );
        assert_eq!(m.og_title.as_deref(), Some("Storm closes ports"));
        assert_eq!(m.authors, vec!["Jane Doe"]);
        assert_eq!(m.date.as_deref(), Some("2024-03-05T14:30:00+01:00"));
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
        assert_eq!(m.canonical.as_deref(), Some("https://example.com/storm"));
        assert_eq!(m.language.as_deref(), Some("en-GB"));
    }

    #[test]
    fn meta_and_jsonld_dates_on_other_days_are_a_conflict() {
        let collect = |meta: &str, ld: &str| {
            let mut c = MetaCollector::new();
            c.meta([("property", "article:published_time"), ("content", meta)]);
            c.jsonld(&format!(
                "{{\"@type\":\"NewsArticle\",\"datePublished\":\"{ld}\"}}"
            ));
            c.finish()
        };
        // one instant in two time zones: no conflict, the JSON-LD's as before
        let m = collect("2019-11-18T20:58:46-08:00", "2019-11-19T04:58:46Z");
        assert_eq!(m.date.as_deref(), Some("2019-11-19T04:58:46Z"));
        assert_eq!(m.date_conflict, None);
        // another day: both kept for the extractor to decide
        let m = collect("2023-11-06T14:25:00+00:00", "2023-11-03T10:25:56+00:00");
        assert_eq!(m.date.as_deref(), Some("2023-11-03T10:25:56Z"));
        assert_eq!(m.date_conflict.as_deref(), Some("2023-11-06T14:25:00Z"));
    }

    #[test]
    fn dublin_core_terms_dates() {
        for key in [
            "dcterms.date",
            "DCTERMS.issued",
            "dcterms.created",
            "DC.date.created",
        ] {
            let mut c = MetaCollector::new();
            c.meta([("name", key), ("content", "2022-01-21T09:43+01:00")]);
            assert_eq!(
                c.finish().date.as_deref(),
                Some("2022-01-21T09:43:00+01:00"),
                "{key}"
            );
        }
    }

    #[test]
    fn an_address_after_an_authors_name_is_not_part_of_it() {
        for (v, name) in [
            ("Jane Doe info@example.com", Some("Jane Doe")),
            ("Jane Doe - http://example.com", Some("Jane Doe")),
            ("Jane Doe (www.example.com)", Some("Jane Doe")),
            ("jane@example.com", None),
            ("Jane Doe@JaneDoeNews", Some("Jane Doe@JaneDoeNews")),
            ("Jean-Luc Roe", Some("Jean-Luc Roe")),
        ] {
            assert_eq!(author_name(v).as_deref(), name, "{v}");
        }
    }

    #[test]
    fn jsonld_article_in_graph() {
        let mut c = MetaCollector::new();
        c.html_lang("de");
        c.jsonld(
            r#"{"@context":"https://schema.org","@graph":[
                {"@type":"WebSite","name":"Beispiel"},
                {"@type":["NewsArticle"],"headline":"Sturm schließt Häfen",
                 "datePublished":"2024-03-05T08:00:00Z",
                 "author":[{"@type":"Person","name":"Erika Muster"},{"name":"Max Muster"}],
                 "publisher":{"@type":"Organization","name":"Beispiel Zeitung"},
                 "articleBody":"Ein Sturm hat drei Häfen geschlossen."}]}"#,
        );
        let m = c.finish();
        assert_eq!(m.jsonld_headline.as_deref(), Some("Sturm schließt Häfen"));
        assert_eq!(m.authors, vec!["Erika Muster", "Max Muster"]);
        assert_eq!(m.date.as_deref(), Some("2024-03-05T08:00:00Z"));
        assert_eq!(m.site_name.as_deref(), Some("Beispiel Zeitung"));
        assert_eq!(m.language.as_deref(), Some("de"));
        assert!(m.article_body.unwrap().starts_with("Ein Sturm"));
    }

    #[test]
    fn jsonld_author_by_reference() {
        // Yoast's graph names the author in a Person node the article refers to by @id
        // (read on the terms of the "Written by" pair: when the page shows no byline);
        // a reference to a node that is not a Person (the site's Organization) names no one
        let page = |author: &str| {
            let mut c = MetaCollector::new();
            c.jsonld(&format!(
                r#"{{"@context":"https://schema.org","@graph":[
                    {{"@type":"Organization","@id":"https://ex.test/#org","name":"Ex Verlag"}},
                    {{"@type":"BlogPosting","headline":"Sturm","author":{author}}},
                    {{"@type":["Person"],"@id":"https://ex.test/#/schema/person/1","name":"Erika Muster"}}]}}"#
            ));
            let m = c.finish();
            // (read as the account a "Written by" pair names: not one of the authors)
            assert!(m.authors.is_empty());
            m.written_by
        };
        let erika = Some("Erika Muster".to_string());
        assert_eq!(
            page(r#"{"@id":"https://ex.test/#/schema/person/1"}"#),
            erika
        );
        assert_eq!(
            page(r#"[{"@id":"https://ex.test/#/schema/person/1"}]"#),
            erika
        );
        assert_eq!(page(r#"{"@id":"https://ex.test/#org"}"#), None);
        assert_eq!(page(r#"{"@id":"https://ex.test/#/schema/person/2"}"#), None);
        // a plugin's meta key
        let mut c = MetaCollector::new();
        c.meta([
            ("name", "shareaholic:article_author_name"),
            ("content", "Jane Roe"),
        ]);
        assert_eq!(c.finish().authors, vec!["Jane Roe"]);
    }

    #[test]
    fn jsonld_article_as_a_pages_main_entity() {
        // a WebPage whose mainEntity is the NewsArticle: the article's headline, authors and
        // date were not found (only @graph and top-level articles were read)
        let mut c = MetaCollector::new();
        c.jsonld(
            r#"{"@context":"https://schema.org","@type":"WebPage","name":"Harbour News | Port",
                "mainEntity":{"@type":"NewsArticle","headline":"Ferry service resumes",
                 "datePublished":"2025-06-01T09:30:00+02:00",
                 "author":{"@type":"Person","name":"Ann Quay"}}}"#,
        );
        let m = c.finish();
        assert_eq!(m.jsonld_headline.as_deref(), Some("Ferry service resumes"));
        assert_eq!(m.authors, vec!["Ann Quay"]);
        assert_eq!(m.date.as_deref(), Some("2025-06-01T09:30:00+02:00"));
    }

    #[test]
    fn names_and_dates_as_content_systems_write_them() {
        // entities escaped for HTML inside JSON-LD, a "By " prefix, list
        // punctuation, a placeholder account, an unset (epoch) date
        let mut c = MetaCollector::new();
        c.jsonld(
            r#"{"@type":"NewsArticle","headline":"Tom &amp; Jerry&#039;s &lt;b&gt;day&lt;/b&gt;",
                "datePublished":"1970-01-01T01:00:00+01:00",
                "author":[{"name":"Lindsey O&#039;Donnell"},{"name":"By MEG KINNARD, "},
                          {"name":"admin"},{"name":" , "}]}"#,
        );
        c.meta([
            ("property", "article:published_time"),
            ("content", "2019-07-30T13:16:29-04:00"),
        ]);
        let m = c.finish();
        assert_eq!(
            m.jsonld_headline.as_deref(),
            Some("Tom & Jerry's <b>day</b>")
        );
        assert_eq!(m.authors, vec!["Lindsey O'Donnell", "MEG KINNARD"]);
        assert_eq!(m.date.as_deref(), Some("2019-07-30T13:16:29-04:00"));
        let mut c = MetaCollector::new();
        c.meta([("name", "author"), ("content", "F. Fiszenson-Albala, ")]);
        c.meta([("name", "author"), ("content", "Admin")]);
        c.meta([("name", "author"), ("content", "Ann O&#039;Hara")]);
        c.meta([("name", "author"), ("content", "facebook.com/annohara")]);
        // quotes around the value; a theme designer's credit
        c.meta([("name", "author"), ("content", "'Ben Lima, Cy Hart'")]);
        c.meta([("name", "author"), ("content", "Ben Lima, Cy Hart")]);
        c.meta([
            ("name", "author"),
            ("content", "Dee Roe und Eve Lu designed"),
        ]);
        c.meta([("name", "date"), ("content", "1969-12-31T19:00:00-05:00")]);
        c.meta([("property", "og:site_name"), ("content", "@example")]);
        c.meta([("name", "application-name"), ("content", "Example News")]);
        let m = c.finish();
        assert_eq!(m.site_name.as_deref(), Some("Example News"));
        assert_eq!(
            m.authors,
            vec!["F. Fiszenson-Albala", "Ann O'Hara", "Ben Lima, Cy Hart"]
        );
        assert_eq!(m.date, None);
        assert_eq!(decode_refs("a < b &amp; c"), "a < b & c");
        assert_eq!(decode_refs("no references"), "no references");
    }

    #[test]
    fn broken_and_hostile_jsonld_is_ignored() {
        let mut c = MetaCollector::new();
        c.jsonld("{not json");
        c.jsonld(&("[".repeat(100_000) + &"]".repeat(100_000)));
        c.jsonld(r#"<!--{"@type":"Article","headline":"Wrapped"}-->"#);
        let m = c.finish();
        assert_eq!(m.jsonld_headline.as_deref(), Some("Wrapped"));
    }

    #[test]
    fn user_names_are_told_from_names() {
        for u in ["christian.roe", "jane_roe", "jroe72"] {
            assert!(is_user_name(u), "{u}");
        }
        for n in ["Jane Roe", "J. Roe", "jane roe", "Jane_Roe", "marc", ""] {
            assert!(!is_user_name(n), "{n}");
        }
    }

    #[test]
    fn a_written_by_pair_is_read_apart_from_the_authors() {
        let mut c = MetaCollector::new();
        for (k, v) in [
            ("twitter:label1", "Written by"),
            ("twitter:data1", "Jane Roe"),
            ("twitter:label2", "Est. reading time"),
            ("twitter:data2", "3 minutes"),
        ] {
            c.meta([("name", k), ("content", v)]);
        }
        let m = c.finish();
        assert_eq!(m.written_by.as_deref(), Some("Jane Roe"));
        assert!(m.authors.is_empty());
        let mut c = MetaCollector::new();
        c.meta([("name", "twitter:label1"), ("content", "Est. reading time")]);
        c.meta([("name", "twitter:data1"), ("content", "3 minutes")]);
        assert_eq!(c.finish().written_by, None);
    }

    #[test]
    fn meta_keys_and_authors() {
        // every key of a meta element counts (nytimes.com: property first, the itemprop names the date)
        let mut c = MetaCollector::new();
        c.meta([
            ("property", "article:published"),
            ("itemprop", "datePublished dateCreated"),
            ("content", "2019-11-19T11:00:09.000Z"),
        ]);
        c.meta([
            ("property", "og:site_name"),
            ("content", "https://www.example.in"),
        ]);
        c.meta([("name", "twitter:site"), ("content", "ExampleHandle")]);
        c.jsonld(
            r#"{"@type":"NewsArticle","author":[{"name":"By TOM KRISHER, AP Auto Writer"},
               {"name":"BY: Jane Roe"}]}"#,
        );
        let m = c.finish();
        assert_eq!(m.date.as_deref(), Some("2019-11-19T11:00:09Z"));
        assert_eq!(m.site_name, None);
        assert_eq!(m.authors, vec!["TOM KRISHER, AP Auto Writer", "Jane Roe"]);
        for (v, name) in [
            (
                "Analysis by Chris Cillizza, CNN Editor-at-large",
                Some("Chris Cillizza, CNN Editor-at-large"),
            ),
            ("by jane doe", Some("jane doe")),
            ("Stand by me", Some("Stand by me")),
            ("Jane Doe", Some("Jane Doe")),
            ("https://www.facebook.com/jane", None),
            ("facebook.com/jane", None),
            ("F. Fiszenson-Albala, ", Some("F. Fiszenson-Albala")),
            ("AL ALEXANDER<BR>The Patriot Ledger", Some("AL ALEXANDER")),
            ("<b>", None),
            ("admin", None),
            ("  ", None),
        ] {
            assert_eq!(author_name(v).as_deref(), name, "{v:?}");
        }
        let mut c = MetaCollector::new();
        c.meta([("property", "og:site_name"), ("content", "@politifact")]);
        c.jsonld(r#"{"@type":"Article","publisher":{"name":"PolitiFact"}}"#);
        assert_eq!(c.finish().site_name.as_deref(), Some("PolitiFact"));
    }

    #[test]
    fn urls() {
        let base = Some("https://x.test/news/2024/a.html?p=1#top");
        for (href, want) in [
            ("https://y.test/a", Some("https://y.test/a")),
            ("HTTP://y.test/a", Some("HTTP://y.test/a")),
            ("/news/b", Some("https://x.test/news/b")),
            ("b.html", Some("https://x.test/news/2024/b.html")),
            ("../b?q=1#c", Some("https://x.test/news/b?q=1#c")),
            ("./", Some("https://x.test/news/2024/")),
            ("//cdn.test/b", Some("https://cdn.test/b")),
            ("?page=2", Some("https://x.test/news/2024/a.html?page=2")),
            (
                "#comments",
                Some("https://x.test/news/2024/a.html?p=1#comments"),
            ),
            (
                "https%3A%2F%2Fy.test%2Fmagazin%2Fp%25C3%25A4d",
                Some("https://y.test/magazin/p%C3%A4d"),
            ),
            ("javascript:void(0)", None),
            ("{{canonical}}", None),
            ("/a b", None),
            ("", None),
        ] {
            assert_eq!(resolve_url(base, href).as_deref(), want, "{href:?}");
        }
        assert_eq!(resolve_url(None, "/news/b"), None);
        assert_eq!(resolve_url(Some("/relative/base"), "/news/b"), None);
        assert_eq!(
            resolve_url(Some("https://x.test"), "a").as_deref(),
            Some("https://x.test/a")
        );
        // an absolute canonical wins over a relative one; scripts and templates are skipped
        let mut c = MetaCollector::new();
        c.link([("rel", "canonical"), ("href", "/news/a")]);
        c.meta([("property", "og:url"), ("content", "https://x.test/news/a")]);
        assert_eq!(
            c.finish().canonical.as_deref(),
            Some("https://x.test/news/a")
        );
        let mut c = MetaCollector::new();
        c.link([("rel", "canonical"), ("href", "{{url}}")]);
        c.meta([("property", "og:url"), ("content", "/news/a")]);
        assert_eq!(c.finish().canonical.as_deref(), Some("/news/a"));
    }

    #[test]
    fn languages() {
        assert_eq!(normalise_lang("EN-us").as_deref(), Some("en-US"));
        // "UK" is no ISO 3166 region: the United Kingdom is "GB"
        assert_eq!(normalise_lang("en-UK").as_deref(), Some("en-GB"));
        assert_eq!(normalise_lang("en_uk").as_deref(), Some("en-GB"));
        assert_eq!(normalise_lang("zh-Hant-TW").as_deref(), Some("zh-Hant-TW"));
        assert_eq!(normalise_lang("x"), None);
        assert_eq!(normalise_lang("{{lang}}"), None);
        // codes that name no language are not the page's language
        for code in ["und", "UND", "mul", "zxx", "mis", "und-Latn"] {
            assert_eq!(normalise_lang(code), None, "{code}");
        }
        // a page that says html lang="und" falls back to what else it declares
        let mut c = MetaCollector::new();
        c.html_lang("und");
        c.meta([("http-equiv", "content-language"), ("content", "pt-BR")]);
        assert_eq!(c.finish().language.as_deref(), Some("pt-BR"));
    }
}
