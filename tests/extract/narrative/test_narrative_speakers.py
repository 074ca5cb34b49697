"""Speakers kept apart: a commenter's reports and a practitioner's words are not the writer's own
(accounts written for the tests)."""
from __future__ import annotations

from spasmkg.extract.document import analyse_text

POST = """My back seized up on Saturday morning while I was weeding. Heat helped a little.

---

## Comments

### Bram
*May 2 2021 at 9:10 PM*

Feel better, Lena! Last month I had a bad spasm on a hike. I took Zorvex and it did nothing for me.

---

### Ines
*May 3 2021 at 7:45 AM*

Lena, try swimming. It helped me a lot.

---

### Lena
*May 3 2021 at 8:00 AM*

Bram - thanks. The ice pack I tried today made it worse.
"""


def test_a_commenters_reports_are_theirs():
    res = analyse_text(POST, "p", "p.txt", "narrative")
    by = {(o.treatment, o.outcome): o.speaker for o in res.outcomes}
    assert by[("Zorvex", "no_effect")] == "Bram"
    assert by[("Heat", "partial")] is None


def test_the_writers_own_reply_is_the_writers():
    res = analyse_text(POST, "p", "p.txt", "narrative")
    assert any(o.outcome == "worse" and o.speaker is None for o in res.outcomes)


def test_a_commenters_episode_is_marked_as_theirs():
    res = analyse_text(POST, "p", "p.txt", "narrative")
    speakers = {e.text.split()[0]: e.speaker for e in res.events if e.type == "episode"}
    assert speakers.get("My") is None and speakers.get("Last") == "Bram"


def test_a_practitioners_words_are_recorded_as_theirs():
    res = analyse_text("I am 44. My physio said that the stretches helped most people.", "q", "q.txt", "narrative")
    assert [o.speaker for o in res.outcomes] == ["My physio"]
