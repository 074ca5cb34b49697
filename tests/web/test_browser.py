"""``spasmkg serve`` in a real browser: Debian's chromium, headless, driven through its chromedriver
by Selenium. A reader types into the search box, picks the straight leg raise test from the
type-ahead, finds the Lasègue sign claim with reference 28, and sees the patient's timeline drawn.
The screenshots the README shows are taken here: written to docs/screenshots/ when
SPASMKG_SCREENSHOTS=1 (so a test run does not change the checkout), else into the test's own folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from web_server import HOSTILE, HOSTILE_LABEL, web, web_graph  # noqa: F401  (web, web_graph: fixtures)

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
DOCS_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
KG = "https://w3id.org/spasmkg/id/"


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Debian's chromium and chromedriver are not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1100",
                "--hide-scrollbars", "--force-device-scale-factor=1"):
        opts.add_argument(arg)
    # the driver is named outright, so Selenium Manager never looks for one on the network
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def _wait(driver, condition, seconds: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, seconds).until(condition)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where the screenshots go: the README's folder when asked for, else a scratch folder."""
    return DOCS_SHOTS if os.environ.get("SPASMKG_SCREENSHOTS") == "1" else tmp_path_factory.mktemp("screenshots")


def _save(driver, folder: Path, name: str) -> None:
    from spasmkg.common.atomic import atomic_write_bytes
    folder.mkdir(parents=True, exist_ok=True)
    png = driver.get_screenshot_as_png()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000          # a page was drawn, not a blank
    atomic_write_bytes(folder / name, png)


def test_search_type_ahead_leads_to_the_entity_page(browser, web, shots):
    from selenium.webdriver.common.by import By
    browser.get(web + "/")
    box = browser.find_element(By.ID, "search-box")
    box.send_keys("straight leg")
    link = _wait(browser, lambda d: next((a for a in d.find_elements(By.CSS_SELECTOR, "#suggestions li a")
                                          if a.text.endswith("straight leg raise test")), None))
    link.click()
    _wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "straight leg raise test")
    claims = browser.find_elements(By.CSS_SELECTOR, "li.claim")
    lasegue = next(c for c in claims if "(Lasègue sign)" in c.text)
    assert "[28] Assessment and management of acute low back pain" in lasegue.text
    assert lasegue.find_element(By.TAG_NAME, "mark").text == "straight leg raising"
    _save(browser, shots, "entity.png")


def test_patient_page_draws_the_timeline(browser, web, shots):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By
    browser.get(f"{web}/patient?iri={quote(KG + 'patient/patient-clare', safe='')}")
    svg = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#timeline svg.timeline"))
    assert svg.size["width"] >= 900 and svg.size["height"] >= 200
    bars = svg.find_elements(By.CSS_SELECTOR, "a.mark.episode rect")
    assert len(bars) == 10 and all(b.size["width"] >= 4 for b in bars)
    assert svg.find_elements(By.CSS_SELECTOR, "a.mark.outcome circle")
    _save(browser, shots, "timeline.png")


def test_markup_in_a_label_is_shown_as_text(browser, web):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By
    browser.get(f"{web}/entity?iri={quote(HOSTILE, safe='')}")
    assert browser.find_element(By.TAG_NAME, "h1").text == HOSTILE_LABEL
    assert not browser.find_elements(By.CSS_SELECTOR, "h1 b")
    assert browser.execute_script("return document.querySelectorAll('main script').length") == 0


def test_network_and_sparql_editor_scripts_run(browser, web):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By
    browser.get(f"{web}/network?iri={quote(KG + 'entity/straight_leg_raise_test', safe='')}")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#network canvas"))
    browser.get(f"{web}/sparql")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#yasgui .yasqe"))
    assert not browser.find_element(By.ID, "sparql-form").is_displayed()
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()      # the example query, through the endpoint
    cells = _wait(browser, lambda d: [c.text for c in d.find_elements(By.CSS_SELECTOR, ".yasr table tbody td")])
    assert "Lasègue sign" in cells and "nerve root irritation" in cells
