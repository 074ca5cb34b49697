"""Reference-list parsing: numbered entries into structured bibliographic records.

Handles AMA/Vancouver (``Surname AB, Surname C. Title. *Journal*. 2001;16(2):120-131.``), the
ACS/MDPI style (``Hoy, D.; Bain, C. Title. Journal 2012, 64, 2028–2037.``), web pages (URL,
``Updated``/``Published``/``Accessed`` dates), reports and books (``City, ST: Publisher; 2019``).
Everything is regular-expression work on one entry at a time with bounded quantifiers.
"""
from __future__ import annotations

import re

from spasmkg.extract.model import Reference

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
          "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
DATE = rf"(?:(?:{MONTHS})\.?\s+(?:\d{{1,2}},\s*)?|\d{{1,2}}\s+(?:{MONTHS})\.?\s+)?\d{{4}}"

# '1. ', '1) ', '[1] ', a markdown list item '- 1. ' or a number alone on its line ('1.' then the entry)
ENTRY_START = re.compile(r"^[ \t]*(?:[-*][ \t]+)?(?:\[(\d{1,4})\]|(\d{1,4})[.)])\s+(?=\S)", re.M)
#: markdown emphasis with underscores: '_Pain_', '__Pain__'
UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w/])_{1,2}([^_\s][^_]{0,298}[^_\s]|[^_\s])_{1,2}(?![\w/])")
#: a list item's bullet before an unnumbered entry
BULLET = re.compile(r"[-*•+]\s+")
#: a blank line: where an entry's paragraph ends
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
URL = re.compile(r"<?(?P<url>(?:https?://|www\.)[^\s<>]{3,2000}?)>?(?=[.,;]?(?:\s|$))")
ACCESSED = re.compile(rf"\b(?:Accessed|Retrieved|Cited)(?: on)?:?\s+(?P<d>{DATE})", re.I)
PUBLISHED = re.compile(rf"\b(?:Published|Updated|Posted|Last updated|Revised)(?: on)?:?\s+(?P<d>{DATE})", re.I)
# 'doi:10.1/x', 'https://doi.org/10.1/x' or a bare DOI after a space (kept in the URL when it is one)
DOI = re.compile(r"(?:\b(?:doi:\s*|https?://(?:dx\.)?doi\.org/)|(?<=\s))(?P<doi>10\.\d{4,9}/[^\s<>]{1,200}?)(?=[.,;]?(?:\s|$))", re.I)
#: what a database or a web page adds to an entry: '^ a b' back-links, '[Internet]', 'Epub 2010 Feb 1'
DECORATION = re.compile(r"^\^\s*(?:[a-z]{1,2}\s+){0,26}|\s*\[(?:Internet|online|serial online|e-?book)\]|"
                        r"\s*\[?\bEpub(?: ahead of print)?\]?(?:\s+\d{4}(?:\s+[A-Z][a-z]{2}\.?)?(?:\s+\d{1,2})?)?\.?(?=\s|$)", re.I)
#: '[cited 2020 Jan 5]': the day a page was read
CITED_ON = re.compile(r"\[cited:?\s+(?P<d>[^\]]{4,30})\]", re.I)
PMID = re.compile(r"\bPMID:?\s*(?P<pmid>\d{1,9})(?!\d)")
#: 'PMCID: PMC1234567' or a bare 'PMC1234567': the PubMed Central record (not inside a URL, which stays whole)
PMCID = re.compile(r"(?:\bPMCID:?\s*)?(?<![/\w])(?P<pmcid>PMC\d{1,9})(?!\d)")
#: a PubMed Central article's address tells its PMCID
PMC_URL = re.compile(r"/pmc/articles/(?P<pmcid>PMC\d{1,9})(?!\d)", re.I)
# AMA journal tail: 2001;16(2):120-131  |  2011;12 suppl 4:S119-S127  |  1999;(143):i-iv, 1-39
# | a Cochrane review's article number after a semicolon: 2017;8;CD011674
AMA_TAIL = re.compile(
    r"(?<![\w/.])(?P<year>(?:1[6-9]|20)\d{2})[a-z]?(?:\s+(?:" + MONTHS + r")\.?(?:\s+\d{1,2})?)?\s*"
    r"(?:;\s*(?P<volume>[A-Za-z]?\d{1,5}[A-Za-z]?)?(?:\s*(?:suppl|Suppl|S)\.?\s*\d{0,3})?"
    r"(?:\s*\((?P<issue>[^()]{1,30})\))?)?"
    r"(?:[:;]\s*(?P<pages>[A-Za-z]{0,4}\d{0,6}(?:[-–][A-Za-z]{0,4}\d{0,6})?(?:,\s*[A-Za-z]{0,4}\d{1,6}[-–][A-Za-z]{0,4}\d{1,6})?|[ivxlc]{1,8}[-–][ivxlc]{1,8}(?:,\s*\d{1,6}[-–]\d{1,6})?))?"
    r"\s*\.?\s*$")
#: the same tail followed by a note ('... 2011;12(3):201-8. Short-term use only.'): where the entry ends
AMA_TAIL_THEN_NOTE = re.compile(AMA_TAIL.pattern.replace(r"\s*\.?\s*$", r"\.(?=\s+[A-Z][a-z]+[\s,][^;]{0,400}$)"))
# ACS/MDPI tail: Journal 2012, 64, 2028–2037.   (year, volume[, issue], pages)
ACS_TAIL = re.compile(
    r"\s(?P<year>(?:1[6-9]|20)\d{2}),\s*(?P<volume>\d{1,5})"
    r"(?:\s*\((?P<issue>[^()]{1,20})\))?,\s*(?P<pages>[A-Za-z]{0,4}\d{1,6}(?:[-–][A-Za-z]{0,4}\d{1,6})?)\.?\s*$")
ACS_AUTHOR_LIST = re.compile(
    r"^(?:[A-Z][\w'’-]{0,40}(?:\s[A-Z][\w'’-]{0,40}){0,3},\s*(?:[A-Z]\.\s*-?\s*){1,4};\s*){0,40}"
    r"(?:and\s+)?[A-Z][\w'’-]{0,40}(?:\s[A-Z][\w'’-]{0,40}){0,3},\s*(?:[A-Z]\.\s*-?\s*){1,4}(?=\s+[A-Z0-9\"“])")
JOURNAL_CONNECTORS = {"of", "and", "&", "the", "in", "for", "on"}
#: a markdown link '[text](url)': the text stays, the address is the entry's URL
MD_LINK = re.compile(r"\[(?P<text>[^\[\]]{1,600})\]\(<?(?P<url>(?:https?://|www\.)[^\s()<>]{1,2000})>?\)")
#: database links a web page prints with an entry: '[ PubMed: 123 ]', '[ PMC free article: PMC9 ]'
DATABASE_LINK = re.compile(r"\[\s*(?:PubMed|PMC free article|Free (?:full )?text|Google Scholar|CrossRef|DOI)"
                           r"(?::\s*(?P<id>[A-Z]{0,3}\d{1,12}))?[^\]]{0,40}\]", re.I)
#: the same links printed as trailing words: '- Pubmed', '. Google Books', 'Free text - Pubmed citation'
LINK_LABELS = re.compile(r"(?:[\s.,;]*[-–—|]?\s*(?:Free (?:full )?text(?: at \w{2,20})?|Pub[Mm]ed(?: citation)?|"
                         r"Google Books|Google Scholar|Cross[Rr]ef|Web of Science|Scopus))+\s*\.?\s*$", re.I)
ISBN = re.compile(r"\bISBN(?:-1[03])?:?\s*(?P<isbn>[\dXx][\dXx -]{8,20}[\dXx])")
#: a year in parentheses standing alone, as book entries print it: 'Emergency Radiology. (2010)'
PAREN_YEAR = re.compile(r"\((?P<year>(?:1[6-9]|20)\d{2})\)")
#: a journal's edition note in its name, not the year of the entry: 'Spine (Phila Pa 1976)'
EDITION_NOTE = re.compile(r"\((?=[A-Z])[A-Za-z .]{2,30}\s(?:1[6-9]|20)\d{2}\)")
#: an entry with its title in quotes: 'Hale AB and Ng CD "Handbook of spine imaging" Publisher, 2004'
QUOTED_ENTRY = re.compile(r"^(?P<authors>[^\"“”]{2,400}?)[,.]?\s*[\"“](?P<title>[^\"“”]{2,600}?)[.,]?[\"”][.,]?\s*(?P<rest>.*)$")
#: a month-day-year date with nothing else: what ends a web page's entry, not a journal's tail
DATE_ONLY = re.compile(rf"^{DATE}\.?$")
REFERENCE_TITLE = re.compile(r"^[#*\s]*(references|bibliography|works cited|literature cited|reference list)[*:\s]*$", re.I)
BOOK_PUB = re.compile(r"(?P<place>(?:St\.\s)?[A-Z][\w'-]{0,30}(?:\s[\w'-]{1,30}){0,4}(?:,\s*[A-Z][\w.]{1,20}|\s\([A-Z]{2,3}\))?):"
                      r"\s*(?P<publisher>[^;:.]{2,120});\s*(?P<year>\d{4})(?:\s+(?:" + MONTHS + r")\.?(?:\s+\d{1,2})?)?"
                      r"(?::\s*(?P<pages>[A-Za-z]{0,4}\d{1,6}(?:[-–][A-Za-z]{0,4}\d{1,6})?))?\.?\s*$")
#: a chapter's book after 'In:': editors ('Hall J, ed.'), then the book's title, then its edition
IN_BOOK = re.compile(r"\bIn:?\s+")
EDITORS = re.compile(r"\beds?\.?$|\beditors?$", re.I)
EDITION = re.compile(r"^\d{1,2}(?:st|nd|rd|th)\s+ed\.?$|^(?:rev|revised)\.?\s+ed\.?$", re.I)
AMA_AUTHOR = re.compile(r"^(?:(?:[a-z]{1,4}\s+){0,3}[A-Z][\w'’\u02b0-\u036f-]*(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'’\u02b0-\u036f-]*)*)\s+[A-Z]{1,4}(?:\s+(?:Jr|Sr|II|III|IV)\.?)?$")
ACS_AUTHOR = re.compile(r"^[A-Z][\w'’ -]{0,60},\s*(?:[A-Z]\.\s*-?\s*){1,4}$")
# author-year styles (APA, Harvard): 'Hoy, D., & Bain, C. (2012). Title. Journal, 64(6), 2028–2037.',
# 'Hoy D, Bain C (2012) Title. Journal 64:2028–2037', "Hoy, D. and Bain, C. (2012) 'Title', Journal, 64, pp. 1-9."
AUTHOR_YEAR = re.compile(r"^(?P<authors>[^()]{2,1500}?)\s*\((?P<year>(?:1[6-9]|20)\d{2})[a-z]?(?:,\s*[^()]{1,30})?\)[.,:]?\s+"
                         r"(?P<rest>\S.{0,3000})$")
APA_NAME = re.compile(r"(?P<name>[A-Z][\w'’-]{0,40}(?:[ -][A-Z][\w'’-]{0,40}){0,3}),\s*(?P<init>(?:[A-Z]\.\s*-?\s*){1,4})")
QUOTED_TITLE = re.compile(r"^['‘\"“](?P<title>.{2,600}?)[.,]?['’\"”][.,]?\s+(?P<rest>.*)$")
PAGES = r"(?P<pages>[A-Za-z]{0,4}\d{1,6}(?:\s?[-–]\s?[A-Za-z]{0,4}\d{1,6})?)"
# 'Journal, 64(6), 2028–2037' or, with an issue and no volume, 'Cochrane Database Syst Rev, (4), CD004522'
APA_TAIL = re.compile(r"^(?P<container>[^,]{2,200}?),\s*(?:vol\.\s*)?(?:(?P<volume>\d{1,5})|(?=\())(?:\s*\((?P<issue>[^()]{1,20})\))?"
                      rf"(?:,\s*(?:pp?\.\s*)?{PAGES})?\.?$")
COLON_TAIL = re.compile(r"^(?P<container>.{2,200}?)\.?,?\s+(?P<volume>\d{1,5})(?:\s*\((?P<issue>[^()]{1,20})\))?"
                        rf"\s*:\s*{PAGES}\.?$")


def split_entries(text: str, start: int, end: int) -> list[tuple[int, int, int, str]]:
    """Numbered entries in ``text[start:end]``: ``(n, entry_start, entry_end, entry_text)``.

    An entry runs from its number to the next number at the start of a line; lines that are not
    part of any entry (a running header, say) are left out by the caller masking them first.
    """
    region = text[start:end]
    heads = _plausible(list(ENTRY_START.finditer(region)))
    if not heads:
        return _unnumbered_entries(text, start, end)
    numbers = [int(m.group(1) or m.group(2)) for m in heads]
    # lists in parts that each count from 1 ('Reviews', then 'Trials') are numbered in reading order
    restarts = any(b <= a for a, b in zip(numbers, numbers[1:]))
    out = []
    for k, m in enumerate(heads):
        n = k + 1 if restarts else numbers[k]
        a = start + m.end()
        b = start + (heads[k + 1].start() if k + 1 < len(heads) else len(region))
        stripped = _own_paragraphs(text[a:b])
        out.append((n, a, a + len(stripped), stripped))
    return out


def _plausible(heads: list[re.Match[str]]) -> list[re.Match[str]]:
    """Entry starts whose numbers follow on (a jump of at most 20, or a new part counting from 1); a
    wrapped line that starts with '2010. ' or '45. ' is the previous entry going on."""
    kept: list[re.Match[str]] = []
    last = None
    for m in heads:
        n = int(m.group(1) or m.group(2))
        if last is None or n == 1 or last < n <= last + 20:
            kept.append(m)
            last = n
    return kept


def _own_paragraphs(raw: str) -> str:
    """An entry's text up to the blank line that ends it: a paragraph after it belongs to it only when
    it goes on in lower case or with a number (an entry broken by a page); a capitalised one is a
    sub-heading or a note between entries ('Randomized trials')."""
    end = len(raw)
    for br in PARAGRAPH_BREAK.finditer(raw):
        nxt = raw[br.end():br.end() + 1]
        if nxt and not (nxt.islower() or nxt.isdigit() or nxt == "("):
            end = br.start()
            break
    return raw[:end].rstrip()


def _unnumbered_entries(text: str, start: int, end: int) -> list[tuple[int, int, int, str]]:
    """An author-year list without numbers: one entry per line (or per paragraph, when entries wrap
    over lines), numbered in order; the heading line is skipped."""
    region = text[start:end]
    blocks = [m for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", region)]
    lines = [m for m in re.finditer(r"[^\n]+", region)]
    with_year = [m for m in lines if re.search(r"\b(?:1[6-9]|20)\d{2}\b", m.group(0))]
    chosen = lines if len(with_year) >= max(2, len(lines) - 1) else blocks
    out = []
    for m in chosen:
        raw = m.group(0).strip()
        if not raw or REFERENCE_TITLE.match(raw) or not re.search(r"\b(?:1[6-9]|20)\d{2}\b", raw):
            continue
        a = start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if (bullet := BULLET.match(raw)):              # a markdown list: '- Hoy, D. (2012). …'
            a, raw = a + bullet.end(), raw[bullet.end():]
        out.append((len(out) + 1, a, a + len(raw), raw))
    return out


def _year(s: str | None) -> int | None:
    m = re.search(r"\b(1[6-9]|20)\d{2}\b", s or "")
    return int(m.group(0)) if m else None


def _sentences(s: str) -> list[str]:
    """Split an entry on '. ' boundaries that are not initials or abbreviations."""
    parts, buf = [], ""
    tokens = re.split(r"(?<=[.?!])\s+", s)
    for tok in tokens:
        buf = f"{buf} {tok}".strip() if buf else tok
        last = buf.split()[-1] if buf.split() else ""
        # 'Mozaffar T.' ends an author list; 'J.' inside 'Smith J. Title' too. Keep going only on
        # abbreviations such as 'al.' that obviously continue, and on 'e.g.'.
        if last in ("al.", "e.g.", "i.e.", "vs.", "St.", "Dr.") and not buf.endswith("et al."):
            continue
        parts.append(buf)
        buf = ""
    if buf:
        parts.append(buf)
    return [p.strip() for p in parts if p.strip()]


def _split_authors(s: str) -> list[str] | None:
    """Authors of an AMA or ACS list, or None when ``s`` is not an author list."""
    s = s.strip().rstrip(".")
    s = re.sub(r",?\s*et al\.?$", "", s)
    if ";" in s or ACS_AUTHOR.match(s + "."):      # ACS: 'Hoy, D.; Bain, C.' or 'Chou, R.'
        names = [n.strip() for n in s.split(";") if n.strip()]
        names = [re.sub(r"^and\s+", "", n) for n in names]
        if names and all(ACS_AUTHOR.match(n + ("" if n.endswith(".") else ".")) for n in names):
            return [n if n.endswith(".") else n + "." for n in names]
        people, _, group = s.partition(";")      # AMA with a group: 'Baron R, Phillips K; A Study Group'
        if group.strip() and ";" not in group and (named := _split_authors(people)):
            return named + [group.strip().rstrip(".")]
        return None
    names = [n.strip() for n in re.split(r",\s*|\s+and\s+|\s*&\s*", s) if n.strip()]
    if names and all(AMA_AUTHOR.match(n) for n in names):
        return names
    return None


def parse_entry(n: int, raw: str, start: int = 0, end: int | None = None) -> Reference:
    """Parse one reference entry (without its number) into a :class:`Reference`."""
    ref = Reference(n=n, raw=raw, start=start, end=start + len(raw) if end is None else end)
    s = " ".join(raw.split())
    s = _strip_links(ref, s)
    s = DECORATION.sub("", s).strip()
    if (m := CITED_ON.search(s)):
        ref.accessed = m.group("d").strip()
        s = (s[:m.start()] + s[m.end():]).strip()
    if (m := DOI.search(s)):
        ref.doi = m.group("doi").rstrip(".,;")
        if not m.group(0).lower().startswith("http"):
            s = (s[:m.start()] + s[m.end():]).strip()
    if (m := PMID.search(s)):
        ref.pmid = m.group("pmid")
        s = (s[:m.start()] + s[m.end():]).strip()
    if (m := PMCID.search(s)):
        ref.pmcid = m.group("pmcid")
        s = (s[:m.start()] + s[m.end():]).strip()
    if (m := URL.search(s)):
        ref.url = m.group("url").rstrip(".,;")
        s = (s[:m.start()] + s[m.end():]).strip()
    if ref.pmcid is None and ref.url and (m := PMC_URL.search(ref.url)):
        ref.pmcid = m.group("pmcid").upper()
    if (m := ACCESSED.search(s)):
        ref.accessed = m.group("d")
        s = (s[:m.start()] + s[m.end():]).strip()
    if (m := PUBLISHED.search(s)):
        ref.published = m.group("d")
        s = (s[:m.start()] + s[m.end():]).strip()
    s = re.sub(r"\bAvailable (?:at|from):?\s*", "", s)
    s = re.sub(r"(?:\s*\.)+\s*$", ".", s).strip()
    if not AMA_TAIL.search(s) and (note := AMA_TAIL_THEN_NOTE.search(s)) and (note.group("volume") or note.group("pages")):
        s = s[:note.end()]            # a note after the journal tail is not part of the record
    s = UNDERSCORE_EMPHASIS.sub(r"*\1*", s)          # markdown '_Journal_' is '*Journal*'
    italic = re.search(r"\*([^*]{1,300})\*", s)
    plain = s.replace("*", "")

    if _author_year(ref, plain, italic.group(1) if italic else None):
        return ref
    if (m := ISBN.search(plain)) or (m := QUOTED_ENTRY.match(plain)) and _split_authors(m.group("authors")):
        _book(ref, plain, m)
        return ref
    acs_authors = ACS_AUTHOR_LIST.match(plain)
    if acs_authors:     # 'Briggs, A. M.; Smith, A. J. Title…': initials' dots are not sentence ends
        parts = [acs_authors.group(0).strip()] + _sentences(plain[acs_authors.end():])
    else:
        parts = _sentences(plain)
    authors = _split_authors(parts[0]) if parts else None
    if authors is not None:
        ref.authors = authors
        rest = parts[1:]
    elif parts and len(parts) > 1:
        ref.authors = [parts[0].rstrip(".")]      # an organisation as author
        rest = parts[1:]
    else:
        rest = parts
    body = " ".join(rest)

    acs = ACS_TAIL.search(body)
    tail = None if acs else AMA_TAIL.search(body)
    book = BOOK_PUB.search(body)
    if book:
        ref.kind = "Book"
        ref.publisher = book.group("publisher").strip()
        ref.year = int(book.group("year"))
        ref.pages = book.group("pages")
        head = body[:book.start()].strip().rstrip(".")
        ref.title = (italic.group(1).strip().rstrip(".") if italic else head) or None
        parts = [p.rstrip(".").strip() for p in _sentences(head) if not EDITION.match(p.strip())]
        if not italic and len(parts) > 1 and not IN_BOOK.search(head):   # 'Title. Series or book.'
            ref.title, ref.container = parts[0], parts[1]
        elif not italic and len(parts) == 1 and not IN_BOOK.search(head):   # 'Title. 2nd ed.': the edition goes
            ref.title = parts[0] or None
        if (inb := IN_BOOK.search(head)) and inb.start() > 0:     # a chapter: 'Title. In: Hall J, ed. Book.'
            ref.kind = "Book"          # a chapter: the book is its container
            ref.title = head[:inb.start()].strip().rstrip(".") or None
            books = [p.rstrip(".").strip() for p in _sentences(head[inb.end():])
                     if not EDITORS.search(p.rstrip(".").strip()) and not EDITION.match(p.strip())]
            ref.container = (italic.group(1).strip().rstrip(".") if italic else (books[0] if books else None))
    elif italic and tail and italic.group(1).strip().rstrip(".") in body:
        container = italic.group(1).strip().rstrip(".")
        idx = body.rfind(container)
        ref.title = body[:idx].strip().rstrip(".").strip() or None
        ref.container = container
        _fill_tail(ref, tail)
    elif acs:
        head, container = _split_journal(body[:acs.start()])
        ref.container = container
        ref.title = head or None
        ref.year, ref.volume, ref.issue, ref.pages = (int(acs.group("year")), acs.group("volume"),
                                                      acs.group("issue"), acs.group("pages"))
    elif tail and len(rest) >= 2 and not (tail.group("volume") or tail.group("issue") or tail.group("pages")) \
            and (ref.url or DATE_ONLY.match(rest[-1].strip())):
        # a dated page or report, not a journal: 'Site contributors. Page title. Site. April 23, 2017.'
        ref.kind = "WebPage" if ref.url else "Report"
        ref.title = rest[0].rstrip(".").strip() or None
        ref.publisher = rest[1].rstrip(".").strip() if len(rest) > 2 else None
        ref.year = int(tail.group("year"))
    elif tail and len(rest) >= 2:
        # journal without italics: 'Title. Journal Abbrev 2001;16(2):120-131.' or 'Title. Journal. 2001;…'
        title_part, container_part = " ".join(rest[:-1]), rest[-1]
        if re.match(r"(?:1[6-9]|20)\d{2}\b", container_part) and len(rest) >= 3:
            title_part, container_part = " ".join(rest[:-2]), f"{rest[-2].rstrip('.')} {rest[-1]}"
        cm = re.match(r"(?P<c>.+?)\.?\s+(?=(?:1[6-9]|20)\d{2}\b(?!\)))", container_part)
        ref.title = title_part.rstrip(".") or None
        ref.container = cm.group("c").strip() if cm else None
        t2 = AMA_TAIL.search(container_part)
        if t2:
            _fill_tail(ref, t2)
    else:
        ref.kind = "WebPage" if ref.url else "Report"
        title = rest[0] if rest else (parts[0] if parts else None)
        ref.title = title.rstrip(".").strip() if title else None
        if ref.url is None and len(rest) > 1:
            ref.publisher = rest[1].rstrip(".")
    if ref.year is None:
        ref.year = _year(ref.published) or (None if ref.url else _year(EDITION_NOTE.sub("", body)))
    if ref.title and ref.title.startswith("[") and ref.title.endswith("]"):
        ref.title = ref.title[1:-1].strip() or None     # a translated title, printed in brackets
    if ref.kind == "JournalArticle" and ref.container is None and ref.url:
        ref.kind = "WebPage"
    if ref.title and ref.container is None and re.search(r"\b(report|review|guideline|statistics)\b", ref.title, re.I) \
            and ref.kind == "JournalArticle":
        ref.kind = "Report"
    return ref


def _strip_links(ref: Reference, s: str) -> str:
    """Markdown links become their text (the first address is the entry's URL); database links
    ('[ PubMed: 123 ]', '- Pubmed', 'Google Books') go, a PubMed number kept as the PMID and a
    PubMed Central one ('[ PMC free article: PMC9 ]') as the PMCID."""
    def link(m: re.Match[str]) -> str:
        if ref.url is None:
            ref.url = m.group("url")
        return m.group("text")

    s = MD_LINK.sub(link, s)
    for m in DATABASE_LINK.finditer(s):
        if m.group("id") and m.group("id").isdigit() and "pubmed" in m.group(0).lower():
            ref.pmid = m.group("id")
        elif m.group("id") and re.fullmatch(r"PMC\d{1,9}", m.group("id")):
            ref.pmcid = m.group("id")
    s = DATABASE_LINK.sub("", s)
    return LINK_LABELS.sub("", s).strip()


def _book(ref: Reference, s: str, m: re.Match[str]) -> None:
    """A book printed with an ISBN ('Lena P. Ortiz, Omar Hadid. Title. (2010) ISBN: ...') or with
    its title in quotes ('Hale AB and Ng CD "Title" Publisher, 2004')."""
    ref.kind = "Book"
    if m.re is QUOTED_ENTRY:
        ref.authors = _split_authors(m.group("authors")) or []
        ref.title = m.group("title").strip() or None
        after = m.group("rest").strip().rstrip(".")
    else:
        head = s[:m.start()] + s[m.end():]
        if (y := PAREN_YEAR.search(head)):
            ref.year = int(y.group("year"))
            head = head[:y.start()] + head[y.end():]
        parts = _initial_aware_sentences(head.strip())
        ref.authors = [a.strip() for a in re.split(r",\s*|\s+and\s+|\s*&\s*", parts[0].rstrip(".")) if a.strip()] \
            if len(parts) > 1 else []
        ref.title = (parts[1] if len(parts) > 1 else parts[0]).rstrip(".").strip() or None
        after = " ".join(parts[2:]).strip().rstrip(".")
    if after:
        ref.year = ref.year or _year(after)
        ref.publisher = re.sub(r",?\s*(?:1[6-9]|20)\d{2}$", "", after).strip(" ,.") or None


def _initial_aware_sentences(s: str) -> list[str]:
    """Split on '. ' except after an initial ('Lena P. Ortiz', 'A.B. Hale')."""
    parts, a = [], 0
    for m in re.finditer(r"\.\s+", s):
        if re.search(r"(?:^|[\s.])[A-Z]$", s[max(a, m.start() - 3):m.start()]):
            continue
        parts.append(s[a:m.start() + 1].strip())
        a = m.end()
    if s[a:].strip():
        parts.append(s[a:].strip())
    return parts


def _author_year(ref: Reference, s: str, italic: str | None) -> bool:
    """Fill ``ref`` from an author-year entry (APA, Harvard); False when ``s`` is not one."""
    m = AUTHOR_YEAR.match(s)
    if not m:
        return False
    authors = _author_year_names(m.group("authors"))
    if not authors:
        return False
    ref.authors, ref.year = authors, int(m.group("year"))
    rest = m.group("rest").strip()
    q = QUOTED_TITLE.match(rest)
    if q:
        title, after = q.group("title"), q.group("rest")
    else:
        parts = _sentences(rest)
        title, after = parts[0], " ".join(parts[1:])
    ref.title = title.strip().rstrip(".,").strip() or None
    after = re.sub(r"^(?:In:?\s+)", "", after.strip()).strip()
    tail = APA_TAIL.match(after.rstrip(". ") + ".") or COLON_TAIL.match(after.rstrip(". ") + ".")
    if tail:
        ref.container = tail.group("container").strip().rstrip(".,") or None
        ref.volume, ref.issue, ref.pages = tail.group("volume"), tail.group("issue"), tail.group("pages")
        if ref.pages:
            ref.pages = re.sub(r"\s", "", ref.pages)
    elif after and ref.url:
        ref.kind = "WebPage"
        ref.publisher = after.rstrip(". ") or None
    elif after:
        if italic and italic.strip().rstrip(".") in after and ref.title != italic.strip().rstrip("."):
            ref.container = italic.strip().rstrip(".")
        else:
            ref.kind = "Book"
            ref.publisher = after.rstrip(". ").split(". ")[-1].strip() or None
    else:
        ref.kind = "WebPage" if ref.url else "Report"
    if ref.kind == "JournalArticle" and ref.container is None:
        ref.kind = "WebPage" if ref.url else "Report"
    return True


def _author_year_names(s: str) -> list[str] | None:
    """'Hoy, D., Bain, C., & Williams, G.' or 'Hoy D, Bain C' or 'World Health Organization'."""
    s = re.sub(r",?\s*et al\.?\s*$", "", s.strip()).strip().rstrip(",")
    apa = list(APA_NAME.finditer(s))
    if apa:
        rest = APA_NAME.sub("", s)
        if re.fullmatch(r"[\s,&;]*(?:and[\s,&;]*)*", rest.replace(" and ", " ")):
            return [f"{a.group('name')}, {' '.join(a.group('init').split())}" for a in apa]
    ama = _split_authors(s)
    if ama:
        return ama
    if len(s.split()) <= 8 and s[:1].isupper() and "." not in s[:-1]:
        return [s.rstrip(".")]                      # an organisation as author
    return None


def _split_journal(text: str) -> tuple[str | None, str | None]:
    """'Title words. Ann. Intern. Med.' -> ('Title words', 'Ann. Intern. Med'): the journal is the run of
    capitalized (often abbreviated) words that ends the text, read from the right."""
    tokens = text.strip().split()
    k = len(tokens)
    while k > 0:
        tok = tokens[k - 1]
        if tok[:1].isupper() or tok.lower() in JOURNAL_CONNECTORS:
            k -= 1
            if k > 0 and tokens[k - 1].endswith(".") and not _abbreviation(tokens[k - 1]):
                break
        else:
            break
    while k < len(tokens) and tokens[k].lower() in JOURNAL_CONNECTORS:
        k += 1
    journal = " ".join(tokens[k:]).rstrip(".") or None
    title = " ".join(tokens[:k]).rstrip(".").strip() or None
    return title, journal


def _abbreviation(token: str) -> bool:
    """'Intern.' or 'J.' in a journal name, as opposed to the word that ends a title ('pain.')."""
    word = token.rstrip(".")
    return bool(word) and word[:1].isupper() and len(word) <= 14 and word.isalpha() and token.endswith(".")


def _fill_tail(ref: Reference, tail: re.Match[str]) -> None:
    ref.year = int(tail.group("year"))
    ref.volume = tail.group("volume") or None
    ref.issue = tail.group("issue") or None
    ref.pages = tail.group("pages") or None


def parse_reference_list(text: str, start: int, end: int) -> list[Reference]:
    return [parse_entry(n, raw, a, b) for n, a, b, raw in split_entries(text, start, end)]
