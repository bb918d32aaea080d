//! Language identification for `language="auto"`: the script of the text,
//! then, within a script shared by several languages, letters only one of them
//! uses and its most frequent function words (the sentence openers of each
//! language's data file).
//!
//! It reads a bounded sample from the start of the text (a few hundred
//! characters), so its cost does not grow with the document.

use std::sync::OnceLock;

use super::abbrev::{fold_word, FnvMap};
use super::entries::{parse_data, EntryKind};
use super::lang::Language;
use super::DEFAULT_STARTERS;

/// Bytes of text read from the start of a document.
const SAMPLE_BYTES: usize = 1024;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Armenian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    Ethiopic,
    Myanmar,
    Han,
    Kana,
    Hangul,
}

const SCRIPTS: [Script; 13] = [
    Script::Latin,
    Script::Cyrillic,
    Script::Greek,
    Script::Armenian,
    Script::Hebrew,
    Script::Arabic,
    Script::Devanagari,
    Script::Bengali,
    Script::Ethiopic,
    Script::Myanmar,
    Script::Han,
    Script::Kana,
    Script::Hangul,
];

fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    Some(match u {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => {
            if matches!(u, 0xD7 | 0xF7) {
                return None;
            }
            Script::Latin
        }
        0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
        0x400..=0x52F => Script::Cyrillic,
        0x531..=0x58F => Script::Armenian,
        0x590..=0x5FF => Script::Hebrew,
        0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x900..=0x97F => Script::Devanagari,
        0x980..=0x9FF => Script::Bengali,
        0x1200..=0x139F => Script::Ethiopic,
        0x1000..=0x109F => Script::Myanmar,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => Script::Han,
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => Script::Hangul,
        _ => return None,
    })
}

/// Languages written in a script shared with others, scored by function words.
const LATIN: &[Language] = &[
    Language::English,
    Language::German,
    Language::French,
    Language::Spanish,
    Language::Italian,
    Language::Portuguese,
    Language::Dutch,
    Language::Polish,
    Language::Czech,
    Language::Slovak,
    Language::Turkish,
    Language::Danish,
    Language::Norwegian,
    Language::Swedish,
    Language::Finnish,
    Language::Hungarian,
    Language::Romanian,
    Language::Indonesian,
];
const CYRILLIC: &[Language] = &[
    Language::Russian,
    Language::Ukrainian,
    Language::Bulgarian,
    Language::Kazakh,
];
const DEVANAGARI: &[Language] = &[Language::Hindi, Language::Marathi];

/// Function words of the languages that share a script, each with the
/// languages (bit i = index in `candidates`) that use it.
struct Words {
    map: FnvMap<String, u32>,
}

/// More frequent function words per language (beyond each data file's
/// sentence openers), for short texts; written for newsprep.
const EXTRA_WORDS: &[(Language, &str)] = &[
    (Language::English, "of to is was with said has have been"),
    (
        Language::German,
        "und ist nicht sich auf für wird vom zum ein eine",
    ),
    (
        Language::French,
        "est une pas pour sur avec dans été les des du au aux",
    ),
    (
        Language::Spanish,
        "del los las por una con para más muy fue dijo está según",
    ),
    (
        Language::Italian,
        "del della dei delle non per più stato detto anche nel alla",
    ),
    (
        Language::Portuguese,
        "do da dos das em um uma não com para mais foi disse pelo pela na no",
    ),
    (
        Language::Dutch,
        "het een van en niet met op voor werd zijn heeft",
    ),
    (
        Language::Romanian,
        "și în care este pentru sunt cu pe nu mai fost",
    ),
    (Language::Polish, "się nie jest że na do jak ale od"),
    (Language::Turkish, "ve bir bu için ile olarak olan daha"),
    (
        Language::Indonesian,
        "yang dan di ini itu dengan untuk dari tidak akan",
    ),
    (
        Language::Hindi,
        "है हैं था थे थी और के की का को में से पर ने भी यह वह इस उस कि लिए नहीं तो हो गया किया",
    ),
    (
        Language::Marathi,
        "आहे आहेत होते होता होती आणि या व हे ही तो ती ते की मध्ये येथे करण्यात झाले केले नाही त्या",
    ),
];

fn words_for(candidates: &[Language]) -> Words {
    let mut map: FnvMap<String, u32> = FnvMap::default();
    for (i, &lang) in candidates.iter().enumerate() {
        let bit = 1u32 << i;
        let mut add = |w: &str| *map.entry(fold_word(w)).or_insert(0) |= bit;
        if lang == Language::English {
            for line in DEFAULT_STARTERS.lines() {
                if !line.trim_start().starts_with('#') {
                    line.split_whitespace().for_each(&mut add);
                }
            }
        }
        if let Ok(d) = parse_data(lang.data()) {
            for (w, kind, _) in &d.entries {
                if *kind == EntryKind::Starter {
                    add(w);
                }
            }
        }
        for (l, ws) in EXTRA_WORDS {
            if *l == lang {
                ws.split_whitespace().for_each(&mut add);
            }
        }
    }
    Words { map }
}

fn tables() -> &'static [Words; 3] {
    static T: OnceLock<[Words; 3]> = OnceLock::new();
    T.get_or_init(|| [words_for(LATIN), words_for(CYRILLIC), words_for(DEVANAGARI)])
}

/// Candidate index (in `LATIN`) of a letter that only one of them uses, and its weight.
fn latin_letter(c: char) -> Option<(usize, f32)> {
    let i = match c {
        'ß' => 1,
        'ñ' | 'Ñ' => 3,
        'ã' | 'õ' | 'Ã' | 'Õ' => 5,
        'ł' | 'ą' | 'ę' | 'ś' | 'ź' | 'ż' | 'Ł' | 'Ś' | 'Ż' => 7,
        'ř' | 'ě' | 'ů' | 'Ř' => 8,
        'ľ' | 'ĺ' | 'ŕ' | 'ô' => 9,
        'ğ' | 'ş' | 'ı' | 'İ' | 'Ş' => 10,
        'æ' | 'Æ' => 11,
        'ø' | 'Ø' => 12,
        'ő' | 'ű' | 'Ő' | 'Ű' => 15,
        'ț' | 'ș' | 'ă' | 'Ț' | 'Ș' => 16,
        _ => return None,
    };
    Some((i, 2.0))
}

/// Candidate index (in `CYRILLIC`) of a letter that only one of them uses, and
/// its weight ("ы" and "і" are also Kazakh letters, whose own letters weigh more).
fn cyrillic_letter(c: char) -> Option<(usize, f32)> {
    Some(match c {
        'э' | 'ё' | 'Э' => (0, 2.0),
        'ы' => (0, 0.5),
        'ї' | 'є' | 'ґ' | 'Є' => (1, 2.0),
        'і' | 'І' => (1, 1.0),
        'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'Ә' | 'Қ' | 'Ө' | 'Ү' => {
            (3, 4.0)
        }
        _ => return None,
    })
}

/// Letters read before the script is decided.
const SCRIPT_LETTERS: u32 = 32;

/// Scores of the languages that share a script.
struct Scores {
    score: [f32; 32],
    n: usize,
}

impl Scores {
    fn new(n: usize) -> Scores {
        Scores {
            score: [0.0; 32],
            n,
        }
    }

    /// Counts `word` if it is a function word. Function words are short and,
    /// when capitalised, capitalised in their first letter only (they open a
    /// sentence): only that letter is lower-cased, which keeps Unicode case
    /// tables out of the loop.
    fn add_word(&mut self, words: &Words, word: &str) {
        if word.len() > 16 {
            return;
        }
        let Some(first) = word.chars().next() else {
            return;
        };
        let rest = &word[first.len_utf8()..];
        let mut buf = [0u8; 64];
        let mut len = 0;
        if first.is_ascii() {
            buf[0] = first.to_ascii_lowercase() as u8;
            len = 1;
        } else if first.is_uppercase() {
            let first = if first == 'İ' { 'i' } else { first };
            for l in first.to_lowercase() {
                len += l.encode_utf8(&mut buf[len..]).len();
            }
        } else {
            len += first.encode_utf8(&mut buf).len();
        }
        buf[len..len + rest.len()].copy_from_slice(rest.as_bytes());
        len += rest.len();
        if let Ok(key) = std::str::from_utf8(&buf[..len]) {
            self.add_key(words, key);
        }
    }

    fn add_key(&mut self, words: &Words, key: &str) {
        if let Some(&mask) = words.map.get(key) {
            let share = 1.0 / mask.count_ones() as f32;
            for (i, s) in self.score.iter_mut().enumerate().take(self.n) {
                if mask & (1 << i) != 0 {
                    *s += share;
                }
            }
        }
    }

    /// The best candidate when it leads the next by `margin` and has `min` points.
    fn winner(&self, min: f32, margin: f32) -> Option<usize> {
        let (mut best, mut second) = (0usize, None::<usize>);
        for i in 1..self.n {
            if self.score[i] > self.score[best] {
                second = Some(best);
                best = i;
            } else if second.is_none_or(|s| self.score[i] > self.score[s]) {
                second = Some(i);
            }
        }
        let second = second.map_or(0.0, |s| self.score[s]);
        (self.score[best] >= min && self.score[best] >= margin * second).then_some(best)
    }
}

/// The language of `text`, from a sample of its start; `None` when the text is
/// too short or too mixed to tell, or in a script of no known language.
///
/// The script of the first few dozen letters decides most languages; for the
/// languages that share the Latin, Cyrillic or Devanagari script, function
/// words (a word used by k of them gives each 1/k) and letters only one of them
/// uses (2 points) are counted until one leads clearly, or the sample ends.
pub fn detect_language(text: &str) -> Option<Language> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let mut counts = [0u32; SCRIPTS.len()];
    let mut letters = 0u32;
    for c in sample.chars() {
        if c.is_ascii() && !c.is_ascii_alphabetic() {
            continue;
        }
        if let Some(s) = script_of(c) {
            counts[s as usize] += 1;
            letters += 1;
            if letters == SCRIPT_LETTERS {
                break;
            }
        }
    }
    if letters < 8 {
        return None;
    }
    let (best, n) = SCRIPTS
        .iter()
        .map(|&s| (s, counts[s as usize]))
        .max_by_key(|&(_, n)| n)?;
    if n * 2 < letters {
        return None; // no script makes up half the letters
    }
    let kana = counts[Script::Kana as usize];
    let han = counts[Script::Han as usize];
    Some(match best {
        Script::Han | Script::Kana if kana * 10 >= kana + han => Language::Japanese,
        Script::Han | Script::Kana => Language::Chinese,
        Script::Greek => Language::Greek,
        Script::Armenian => Language::Armenian,
        Script::Hebrew => Language::Hebrew,
        Script::Bengali => Language::Bengali,
        Script::Ethiopic => Language::Amharic,
        Script::Myanmar => Language::Burmese,
        Script::Hangul => Language::Korean,
        Script::Arabic => arabic_script(sample),
        Script::Latin => by_words(sample, end == text.len(), LATIN, &tables()[0], latin_letter)?,
        Script::Cyrillic => by_words(
            sample,
            end == text.len(),
            CYRILLIC,
            &tables()[1],
            cyrillic_letter,
        )?,
        Script::Devanagari => by_words(sample, end == text.len(), DEVANAGARI, &tables()[2], |_| {
            None
        })
        .unwrap_or(Language::Hindi),
    })
}

/// Urdu, Persian or Arabic, by the letters only each uses.
fn arabic_script(sample: &str) -> Language {
    let (mut urdu, mut persian, mut arabic) = (0u32, 0u32, 0u32);
    for c in sample.chars() {
        match c {
            'ے' | 'ں' | 'ٹ' | 'ڈ' | 'ڑ' | 'ھ' | 'ۓ' | 'ۃ' => urdu += 1,
            'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' => persian += 1,
            'ة' | 'ى' | 'ي' | 'ك' | 'إ' | 'أ' => arabic += 1,
            _ => continue,
        }
        // Stop once the evidence is plain: Urdu uses Persian letters and its own.
        if urdu >= 3 || (arabic >= 8 && persian == 0) || (persian >= 12 && arabic == 0) {
            break;
        }
    }
    if urdu >= 2 {
        Language::Urdu
    } else if persian > arabic {
        Language::Persian
    } else {
        Language::Arabic
    }
}

/// Scores the candidates of one script word by word; stops as soon as one
/// leads clearly. `whole`: the sample is the whole text (its last word is not cut).
fn by_words(
    sample: &str,
    whole: bool,
    candidates: &[Language],
    words: &Words,
    letter: fn(char) -> Option<(usize, f32)>,
) -> Option<Language> {
    let mut sc = Scores::new(candidates.len());
    let mut word_start: Option<usize> = None;
    for (i, c) in sample.char_indices() {
        let in_word = if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            match script_of(c) {
                Some(Script::Devanagari) => !matches!(c, '।' | '॥'),
                Some(Script::Latin | Script::Cyrillic) => true,
                _ => c.is_alphabetic(),
            }
        };
        if in_word {
            if word_start.is_none() {
                word_start = Some(i);
            }
            if !c.is_ascii() {
                if let Some((k, w)) = letter(c) {
                    sc.score[k] += w;
                }
            }
            continue;
        }
        if let Some(ws) = word_start.take() {
            sc.add_word(words, &sample[ws..i]);
            if let Some(w) = sc.winner(3.0, 2.0) {
                return Some(candidates[w]);
            }
        }
    }
    if let (Some(ws), true) = (word_start, whole) {
        sc.add_word(words, &sample[ws..]);
    }
    sc.winner(2.0, 1.3).map(|w| candidates[w])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_languages() {
        let cases: &[(&str, Option<Language>)] = &[
            ("The council said on Monday that it would vote on the plan next week.", Some(Language::English)),
            ("Der Rat sagte am Montag, dass er in der nächsten Woche über den Plan abstimmen werde.", Some(Language::German)),
            ("Le conseil a dit lundi qu'il voterait sur le plan la semaine prochaine.", Some(Language::French)),
            ("El consejo dijo el lunes que votaría el plan la próxima semana. Los vecinos están en contra del proyecto.", Some(Language::Spanish)),
            ("O conselho disse na segunda-feira que votaria o plano na próxima semana.", Some(Language::Portuguese)),
            ("De raad zei maandag dat hij volgende week over het plan zou stemmen.", Some(Language::Dutch)),
            ("Rada powiedziała w poniedziałek, że w przyszłym tygodniu zagłosuje nad planem.", Some(Language::Polish)),
            ("Meclis pazartesi günü planı gelecek hafta oylayacağını söyledi.", Some(Language::Turkish)),
            ("Совет заявил в понедельник, что проголосует за план на следующей неделе.", Some(Language::Russian)),
            ("Рада заявила в понеділок, що проголосує за план наступного тижня.", Some(Language::Ukrainian)),
            ("परिषद ने सोमवार को कहा कि वह अगले सप्ताह योजना पर मतदान करेगी।", Some(Language::Hindi)),
            ("قال المجلس يوم الاثنين إنه سيصوت على الخطة الأسبوع المقبل.", Some(Language::Arabic)),
            ("委员会周一表示，将在下周对该计划进行表决。", Some(Language::Chinese)),
            ("評議会は月曜日、来週その計画について採決すると述べた。", Some(Language::Japanese)),
            ("Το συμβούλιο είπε τη Δευτέρα ότι θα ψηφίσει το σχέδιο.", Some(Language::Greek)),
            ("", None),
            ("12345 !!! ...", None),
        ];
        for (text, want) in cases {
            assert_eq!(detect_language(text), *want, "{text}");
        }
    }

    #[test]
    fn reads_only_a_bounded_sample() {
        let long =
            "Der Rat sagte am Montag, dass er abstimmen werde. ".repeat(10_000) + &"é".repeat(1000);
        assert_eq!(detect_language(&long), Some(Language::German));
        // a sample cut inside a multi-byte character does not panic
        let text = format!("a{}", "ü".repeat(SAMPLE_BYTES));
        let _ = detect_language(&text);
    }
}
