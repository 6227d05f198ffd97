"""The browser and the helpers the journeys share: headless chromium (Debian's chromium-driver), axe-core
audits, screenshots, expectations that count, filling and clicking that waits for the next page."""
import os, sys, time, random
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait
from selenium.webdriver.support import expected_conditions as EC

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
SHOTS = sys.argv[2] if len(sys.argv) > 2 else None

opts = webdriver.ChromeOptions()
for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=nl"]:
    opts.add_argument(a)
opts.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
driver.implicitly_wait(5)
driver.set_script_timeout(120)
checks = 0
# axe-core 4.x as shipped in the axe-playwright-python wheel (installed with --no-deps: only the script is used).
import importlib.util
_spec = importlib.util.find_spec("axe_playwright_python")
AXE = os.path.join(os.path.dirname(_spec.origin), "axe.min.js") if _spec else None
audited = []

def audit(name):
    """WCAG 2.1 A/AA audit of the current page with axe-core; serious or critical violations fail."""
    if not AXE:
        return
    driver.execute_script(open(AXE, encoding="utf-8").read())
    result = driver.execute_script(
        "return axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    for v in result["violations"]:
        print(f"  axe {name}: {v['impact']} {v['id']} ({len(v['nodes'])}x)")
    expect(not bad, f"accessibility of {name}: " + "; ".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})" for v in bad))
    audited.append(name)

# Readable pages: every page visited is read as its user reads it (document.body.innerText). On a Dutch
# page there is no UUID, no ISO date, no camelCase field name, no dotted code and no English word
# from the list below. READABLE=strict fails at the first page that has one; otherwise the findings
# are printed at the end (see `report_readability`).
import re, atexit
READABLE_STRICT = os.environ.get("READABLE") == "strict"
_PATTERNS = [
    ("UUID", re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")),
    ("ISO date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    ("ISO time", re.compile(r"\b\d{4}-\d{2}-\d{2}T\d")),
    ("camelCase", re.compile(r"(?<![@/.\w-])[a-z]+[A-Z][A-Za-z]*\b")),
    ("dotted code", re.compile(r"(?<![@/\w.-])[a-z]{3,}\.[a-z][A-Za-z]{2,}\b(?![.@/-]?\w*\.)")),
]
_RAW = ("participatiewet ioaw ioaz anw none null true false undefined created registered updated "
        "worklist budgetHolder caseManager the and with approved rejected pending submitted accepted declined "
        "finished started active closed draft exitToWork dropout").split()
_RAW_RE = re.compile(r"(?<![\w@/.-])(" + "|".join(_RAW) + r")(?![\w@/-])")
_ALLOWED_HOSTS = re.compile(r"\b[\w.-]+\.(nl|com|org|eu|json|svg|css|csv|xlsx)\b")
findings = {}

def readable(where=None):
    """The visible text of the current page, checked for what a person should not have to read."""
    try:
        lang = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        # Each text node on its own (a screen reader reads hidden text too); scripts and styles left out,
        # and what stands in a text box: that is what the user typed or the file they edit, not the page's words.
        text = driver.execute_script("""
            if (!document.body) return '';
            const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: n =>
                ['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'TEXTAREA'].includes(n.parentNode.nodeName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
            const out = []; while (w.nextNode()) out.push(w.currentNode.data); return out.join('\\n');""")
    except Exception:
        return
    if lang != "nl" or not text:
        return
    text = _ALLOWED_HOSTS.sub(" ", text)
    found = []
    for name, rx in _PATTERNS:
        found += [f"{name} '{m.group(0)}'" for m in rx.finditer(text)]
    found += [f"raw '{m.group(0)}'" for m in _RAW_RE.finditer(text)]
    if os.environ.get("READABLE") == "context":  # where on the page, to find the view that wrote it
        for rx in [r for _, r in _PATTERNS] + [_RAW_RE]:
            found += [" «" + text[max(0, m.start() - 40):m.end() + 20].replace("\n", " ") + "»" for m in rx.finditer(text)][:2]
    if not found:
        return
    url = re.sub(r"[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}", "{id}", driver.current_url.split("?")[0].replace(BASE, ""))
    if READABLE_STRICT and not COLLECT:
        shot("unreadable")
        raise AssertionError(f"unreadable text on {url}: " + ", ".join(sorted(set(found))[:12]))
    findings.setdefault(url, set()).update(found)

def report_readability():
    if findings:
        print(f"readability: {len(findings)} pages with text a person should not have to read:")
        for url in sorted(findings):
            print(f"  {url}: " + ", ".join(sorted(findings[url])[:20]))
    else:
        print("readability: every page visited reads as Dutch without codes")

_get = driver.get
def _get_and_read(url):
    _get(url)
    readable()
driver.get = _get_and_read

def shot(name):
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))

COLLECT = os.environ.get("COLLECT") == "1"  # list every failed expectation at the end instead of stopping
problems = []

def expect(cond, what):
    global checks
    if not cond and COLLECT:
        problems.append(what + " — at " + driver.current_url.replace(BASE, ""))
        return
    if not cond:
        shot("failure")
        raise AssertionError(what + " — at " + driver.current_url)
    checks += 1

def fill(name, value):
    el = driver.find_element(By.NAME, name)
    if el.get_attribute("type") == "date":  # typing into a date control depends on the browser's locale
        driver.execute_script("arguments[0].value = arguments[1]", el, value)
        return
    el.clear()
    el.send_keys(value)

def click(how, what):
    """Click and wait until the next page has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(how, what).click()

    def replaced(_):
        # The old page is gone once its root element can no longer be asked anything; chromium says
        # so either as a stale element or as "node does not belong to the document".
        try:
            old.is_enabled()
            return False
        except Exception:
            return True
    WebDriverWait(driver, 15).until(replaced)
    readable()

def bsn():
    while True:
        d = [random.randint(1, 9)] + [random.randint(0, 9) for _ in range(7)]
        c = sum(x * (9 - i) for i, x in enumerate(d)) % 11
        if c < 10:
            return "".join(map(str, d + [c]))

