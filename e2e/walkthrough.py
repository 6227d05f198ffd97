"""A case manager's first journey through Meedoen in a real browser (Debian's chromium + chromium-driver).

Signs in, searches the caseload, registers a resident (first with a wrong BSN), records a rung
and a ZRM, diagnoses with a deviation, and checks the access log; then the money journeys and the
front door: a resident finds a service through a guide, the counter turns a question into a signal
with a guide result and hands it over, the case manager refers from the signal, the provider accepts,
and the resident sees it in their portal. Screenshots go to SHOTS (optional).
Usage: python3 e2e/walkthrough.py http://127.0.0.1:8080 [SHOTS_DIR]
"""
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

def shot(name):
    if SHOTS:
        driver.save_screenshot(os.path.join(SHOTS, name + ".png"))

def expect(cond, what):
    global checks
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

def bsn():
    while True:
        d = [random.randint(1, 9)] + [random.randint(0, 9) for _ in range(7)]
        c = sum(x * (9 - i) for i, x in enumerate(d)) % 11
        if c < 10:
            return "".join(map(str, d + [c]))

try:
    # [4/5] The public catalogue: no sign-in, filters, readable.
    driver.get(BASE + "/catalogus?stadsdeel=T")
    expect("mogelijkheden" in driver.page_source and "/login" not in driver.current_url, "the public catalogue needs no sign-in")
    shot("00-public-catalogue")
    audit("public catalogue")
    # [4/5] A resident finds a service through a guide, without signing in.
    driver.get(BASE + "/wegwijzer")
    expect("Werk en meedoen" in driver.page_source and "Geld en schulden" in driver.page_source, "both guides are offered")
    audit("guides")
    click(By.LINK_TEXT, "Werk en meedoen")
    click(By.CSS_SELECTOR, "form.question button[type=submit]")
    expect("Kies een antwoord" in driver.find_element(By.CSS_SELECTOR, ".error-summary").text, "going on without an answer is explained")
    audit("guide question with error")
    driver.find_element(By.CSS_SELECTOR, "input[name=antwoord][value=werk]").click()
    click(By.CSS_SELECTOR, "form.question button[type=submit]")
    expect("binnen een maand" in driver.page_source, "the second question follows")
    shot("19-guide-question")
    driver.find_element(By.CSS_SELECTOR, "input[name=antwoord][value=nee]").click()
    click(By.CSS_SELECTOR, "form.question button[type=submit]")
    expect("Werkervaring opdoen" in driver.find_element(By.TAG_NAME, "h1").text and "versie 2026-1" in driver.page_source, "the result names its guide version")
    shot("20-guide-result")
    audit("guide result")
    click(By.PARTIAL_LINK_TEXT, "Bekijk al dit aanbod")
    expect("/catalogus" in driver.current_url and "Stageplek" in driver.page_source, "the result links to fitting services in the public catalogue")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "ul.services li")) > 0, "fitting services are listed")
    driver.set_window_size(420, 900)
    driver.get(BASE + "/wegwijzer/geld-en-schulden")
    expect(driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1"), "the guide fits a phone screen")
    audit("guide on a phone")
    driver.set_window_size(1280, 1000)

    driver.get(BASE + "/mijn-werk")
    expect("/login" in driver.current_url, "an anonymous visitor is sent to the login page")
    shot("01-login")
    audit("login")
    fill("username", "klantmanager"); fill("password", "wrong-password")
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect("Onjuiste gebruikersnaam of wachtwoord" in driver.page_source, "a wrong password is refused in Dutch")
    fill("username", "klantmanager"); fill("password", "demo-klantmanager")
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect("/mijn-werk" in driver.current_url, "signed in lands on my work")
    expect(driver.find_element(By.TAG_NAME, "h1").text == "Mijn werk", "the caseload page has its heading")
    rows = driver.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    expect(len(rows) > 10, "the caseload lists residents")
    shot("02-caseload")
    audit("caseload")

    fill("q", "Asante"); click(By.CSS_SELECTOR, "form.search button")
    expect(all("Asante" in r.text for r in driver.find_elements(By.CSS_SELECTOR, "table.data tbody tr")), "search filters by name")

    driver.get(BASE + "/personen/nieuw")
    fill("bsn", "123456789"); fill("givenName", "Samira"); fill("familyName", "Testpersoon"); fill("birthDate", "2001-04-12")
    driver.find_element(By.CSS_SELECTOR, "select[name=benefit] option[value=participatiewet]").click()
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    summary = driver.find_element(By.ID, "error-summary")
    expect("elfproef" in summary.text, "a BSN failing the 11-test is explained")
    expect(driver.find_element(By.ID, "f-bsn").get_attribute("aria-invalid") == "true", "the BSN field is marked invalid")
    expect(driver.find_element(By.NAME, "givenName").get_attribute("value") == "Samira", "what was typed is kept")
    shot("03-register-error")
    audit("register form with errors")
    fill("bsn", bsn())
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect("/personen/" in driver.current_url and driver.find_element(By.TAG_NAME, "h1").text == "Samira Testpersoon", "registered and on the dossier")
    person_url = driver.current_url.split("?")[0]

    click(By.LINK_TEXT, "Trede vastleggen")
    driver.find_element(By.CSS_SELECTOR, "input[name=facts][value=socialContact]").click()
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect("trede 2" in driver.page_source, "the rung is proposed from facts and recorded")

    click(By.LINK_TEXT, "ZRM afnemen")
    for i, sel in enumerate(driver.find_elements(By.CSS_SELECTOR, "main form select")):
        sel.find_elements(By.TAG_NAME, "option")[2 if i < 3 else 4].click()
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "figure.zrm svg")) == 1, "the ZRM is drawn as SVG on the dossier")

    click(By.LINK_TEXT, "Diagnose stellen")
    driver.find_element(By.ID, "f-workProspect-0").click()
    driver.find_element(By.ID, "f-selfReliant-1").click()
    driver.find_element(By.ID, "f-motivated-0").click()
    click(By.CSS_SELECTOR, "button[value=preview]")
    proposal = driver.find_element(By.ID, "proposal")
    expect("Werk: actieve begeleiding" in proposal.text and "Categorie 1" in proposal.text, "the proposal: active guidance, category 1")
    expect("Stadsdeeltafel voorgesteld" in proposal.text, "three weak ZRM domains propose the case table")
    shot("04-diagnosis-proposal")
    audit("diagnosis proposal")
    driver.find_element(By.CSS_SELECTOR, "select[name=decidedRoute] option[value='work.passive']").click()
    click(By.CSS_SELECTOR, "button[value=save]")
    expect("Reden van afwijken" in driver.find_element(By.ID, "error-summary").text or "afwijkt" in driver.find_element(By.ID, "error-summary").text,
           "deviating without a reason is refused")
    fill("deviationReason", "Heeft zelf al een baan gevonden via een neef.")
    driver.find_element(By.CSS_SELECTOR, "select[name=decidedRoute] option[value='work.passive']").click()
    click(By.CSS_SELECTOR, "button[value=save]")
    expect("Afwijking van het voorstel" in driver.page_source, "the deviation and its reason are on the dossier")
    shot("05-dossier")
    audit("dossier")

    click(By.PARTIAL_LINK_TEXT, "Wie heeft dit dossier ingezien")
    expect("person.read" in driver.page_source and "Karin de Klantmanager" in driver.page_source, "the access log shows who looked")

    driver.get(driver.current_url + "?lang=en")
    expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en", "English is available")
    shot("06-access-log-en")
    audit("access log (English)")
    # [2/5] One plan for the household, an agreement, a referral from the matches.
    driver.get(person_url + "/plan?lang=nl")
    fill("goal.work", "Binnen een half jaar vrijwilligerswerk, daarna een leerstage")
    fill("strengths.person", "Doorzetter")
    fill("involved", "Schuldhulp Zuidoost | Schuldregeling | M. de Vries | 020-1234567")
    click(By.CSS_SELECTOR, "main section.form-card form button[type=submit]")
    expect("Plan van huishouden" in driver.page_source and "Schuldhulp" in driver.page_source, "the household plan is created")
    fill("who", "inwoner"); fill("what", "Aanmelden bij de vrijwilligerscentrale"); fill("dueOn", "2026-01-15")
    click(By.XPATH, "//button[normalize-space()='Afspraak toevoegen']")
    expect("te laat" in driver.page_source, "an agreement past its due date shows as overdue")
    shot("07-plan")
    audit("plan editor")
    # [3/5] Enforcement as a last resort: reminder, hearing, alternatives, proposal; a second person decides.
    click(By.XPATH, "//button[normalize-space()='Handhaving starten']")
    expect("/handhaving/" in driver.current_url and "herinnerd" in driver.page_source, "an overdue agreement of a benefit client starts with a reminder")
    case_url = driver.current_url.split("?")[0]
    fill("note", "Samira was ziek en had de brief niet gezien.")
    click(By.XPATH, "//button[normalize-space()='Vastleggen']")
    expect("gehoord" in driver.page_source, "the hearing is recorded")
    fill("alternatives", "Afspraak telefonisch herhaald\nBegeleiding naar de vrijwilligerscentrale aangeboden")
    click(By.XPATH, "//button[normalize-space()='Alternatieven vastleggen']")
    driver.find_element(By.CSS_SELECTOR, "select[name=violation] option[value=agreementMissed]").click()
    click(By.XPATH, "//button[normalize-space()='Voorstellen']")
    expect("maatregel voorgesteld" in driver.page_source and "10%" in driver.page_source, "the sanction is proposed from the policy table")
    expect("Besluiten (vier ogen)" not in driver.page_source, "the proposer cannot decide")
    shot("13-enforcement-proposal")
    audit("enforcement case")
    driver.get(person_url + "/verwijzen")
    matches = driver.find_elements(By.CSS_SELECTOR, "ol.matches li.match:not(.unfit)")
    expect(len(matches) > 0, "matching offers are listed")
    expect("Past bij trede 2." in driver.page_source, "matches carry their reasons")
    shot("08-matches")
    audit("matches")
    # The provider journey below is Regenbooggroep's: refer to its offer (fits rung 2).
    first = next((m for m in matches if "Trajectbegeleiding uitstroom dagbesteding" in m.text), matches[0])
    offer_name = first.find_element(By.CSS_SELECTOR, "h3 a").text
    first.find_element(By.TAG_NAME, "summary").click()
    goal = first.find_element(By.CSS_SELECTOR, "textarea")
    goal.send_keys("Ritme opbouwen en mensen ontmoeten")
    old = driver.find_element(By.TAG_NAME, "html")
    first.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: "/verwijzingen/" in d.current_url)
    expect(offer_name in driver.find_element(By.TAG_NAME, "h1").text, "referred: the referral page shows the offer")
    expect("aangeboden" in driver.page_source or "wachtlijst" in driver.page_source, "the referral holds a place or waits")
    shot("09-referral")
    audit("referral")
    driver.get(BASE + "/aanbod")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "table.data tbody tr")) > 20, "the catalogue lists the offers")
    shot("10-catalogue")
    audit("catalogue")

    driver.get(BASE + "/mijn-werk?lang=nl")
    click(By.CSS_SELECTOR, "form.logout button")
    expect("/login" in driver.current_url, "signed out")

    # The provider: incoming referrals, accept, start, attendance, outcome.
    fill("username", "aanbieder"); fill("password", "demo-aanbieder")
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect("/verwijzingen" in driver.current_url, "a provider lands on the referrals to their offers")
    expect("aangeboden" in driver.page_source, "offered referrals are waiting for an answer")
    shot("11-provider-incoming")
    audit("provider referrals")
    click(By.XPATH, "//tr[.//span[contains(., 'aangeboden')]]//a")
    expect("BSN" not in driver.page_source, "a provider does not see the BSN")
    click(By.XPATH, "//button[normalize-space()='Accepteren']")
    expect("geaccepteerd" in driver.page_source, "accepted")
    click(By.XPATH, "//button[normalize-space()='Starten']")
    expect("gestart" in driver.page_source, "started within the maximum duration")
    driver.find_element(By.CSS_SELECTOR, "select[name=outcome] option[value=stepUp]").click()
    fill("note", "Klaar voor een volgende stap")
    click(By.XPATH, "//button[normalize-space()='Beëindigen']")
    expect("Voorgestelde vervolgstap" in driver.page_source and "Doorstroom" in driver.page_source, "the outcome proposes the next step")
    shot("12-provider-outcome")
    audit("referral outcome")
    driver.get(BASE + "/personen/" + person_url.rsplit("/", 1)[1])
    expect("Geen noodzaak" in driver.page_source or "403" in driver.page_source or "geen" in driver.page_source.lower(), "a provider cannot open a dossier")
    driver.get(BASE + "/verwijzingen")
    click(By.CSS_SELECTOR, "form.logout button")
    expect("/login" in driver.current_url, "signed out")

    def sign_in(user):
        driver.get(BASE + "/login?lang=nl")
        fill("username", user); fill("password", "demo-" + user)
        click(By.CSS_SELECTOR, "main form button[type=submit]")
    def sign_out():
        click(By.CSS_SELECTOR, "form.logout button")

    # The second case manager decides; the letter is written.
    sign_in("teamleider")
    driver.get(case_url)
    driver.find_element(By.CSS_SELECTOR, "input[name=decision][value=approve]").click()
    fill("note", "Zorgvuldig gehoord; alternatieven geprobeerd.")
    click(By.XPATH, "//button[normalize-space()='Besluiten']")
    expect("besloten" in driver.page_source and "Brief aan de inwoner" in driver.page_source and "bezwaar" in driver.page_source, "decided by a second person, with a letter")
    shot("14-enforcement-letter")
    sign_out()

    # The budget holder: streams, a 20% cut simulated and applied, payments exported.
    sign_in("budgethouder")
    expect("/begroting" in driver.current_url and "Participatiebudget" in driver.page_source, "a budget holder lands on the budget")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "svg.chart")) >= 1, "the streams are drawn as SVG")
    shot("15-budget")
    audit("budget")
    driver.find_element(By.CSS_SELECTOR, "select[name=streamCode] option[value=werkdeel]").click()
    fill("percent", "-20")
    click(By.XPATH, "//button[normalize-space()='Simuleren']")
    expect("/begroting/ventiel/" in driver.current_url and "categorie 3 eerst" in driver.page_source, "the valve simulation explains itself")
    expect("Fatima" not in driver.page_source and "Samira" not in driver.page_source, "the budget holder sees no names")
    shot("16-valve")
    audit("valve simulation")
    fill("reason", "Besluit college: korting werkdeel 20%")
    click(By.XPATH, "//button[normalize-space()='Simulatie toepassen']")
    expect("Toegepast door" in driver.page_source, "applying is a separate, recorded act")
    driver.get(BASE + "/uitbetalingen")
    expect("Geen toegang" in driver.page_source, "the budget holder does not open the payment file with BSNs")
    driver.get(BASE + "/beleid/simulatie")
    click(By.XPATH, "//button[normalize-space()='Simuleren']")
    expect("Uitkomst:" in driver.page_source, "the current policy simulated on everyone")
    audit("policy simulation")
    sign_out()

    # The payments officer: the payable items, and a file only with a reason.
    sign_in("uitbetaling")
    expect("/uitbetalingen" in driver.current_url, "a payments officer lands on the payments")
    expect("uitstroompremie" in driver.page_source or "deelnemersvergoeding" in driver.page_source, "payable incentives are listed")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "input[name=reason][required]")) >= 1, "the export asks why before it makes the file")
    audit("payments")
    sign_out()

    # The resident sees their vouchers; the local business redeems one euro, once.
    sign_in("inwoner")
    driver.get(BASE + "/mijn-vouchers")
    card = driver.find_element(By.CSS_SELECTOR, "strong.code").text
    expect(card.startswith("MD-"), "the resident sees their card code and balance")
    shot("17-resident-vouchers")
    audit("resident vouchers")
    sign_out()
    sign_in("ondernemer")
    expect("/inwisselen" in driver.current_url, "a business lands on the till")
    fill("cardCode", card); fill("amountCents", "1,00")
    click(By.XPATH, "//button[normalize-space()='Innemen']")
    expect("Ingenomen: € 1,00" in driver.page_source, "the business redeemed one euro")
    expect("Ilse" not in driver.page_source, "the business sees no name")
    shot("18-business-till")
    audit("business till")
    sign_out()
    driver.get(BASE + "/mijn-werk")
    expect("/login" in driver.current_url, "after sign-out the caseload is closed")

    # [4/5] The counter: Ilse asks at the counter; the question gets a guide result and goes to her case manager.
    sign_in("loket")
    expect("Mijn signalen en vragen" in driver.page_source and "te laat" in driver.page_source, "the counter's work shows own signals, stale ones marked")
    shot("21-counter-work")
    audit("counter work")
    fill("q", "Ilse"); click(By.CSS_SELECTOR, "form.search button")
    click(By.PARTIAL_LINK_TEXT, "de Wit, Ilse")
    ilse_url = driver.current_url.split("?")[0]
    click(By.LINK_TEXT, "Signaal of vraag vastleggen")
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect("Wat is er aan de hand: Dit veld is verplicht" in driver.find_element(By.ID, "error-summary").text, "a signal without a description is refused")
    audit("signal form with errors")
    fill("description", "Wil graag aan het werk, maar weet niet waar te beginnen.")
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect("/signalen/" in driver.current_url and "nieuw" in driver.page_source, "the question is recorded as new, owned by the counter")
    signal_url = driver.current_url.split("?")[0]
    click(By.LINK_TEXT, "Wegwijzer doorlopen met de inwoner")
    click(By.LINK_TEXT, "Werk en meedoen")
    for answer in ["werk", "ja", "bijstand"]:
        driver.find_element(By.CSS_SELECTOR, f"input[name=antwoord][value={answer}]").click()
        click(By.CSS_SELECTOR, "form.question button[type=submit]")
    expect("Naar werk met uw klantmanager" in driver.page_source and "overdragen aan een klantmanager" in driver.page_source, "the guide suggests the follow-up")
    click(By.XPATH, "//button[normalize-space()='Uitkomst vastleggen bij het signaal']")
    expect(driver.current_url.startswith(signal_url) and "versie 2026-1" in driver.page_source, "the signal records the guide's result and version")
    driver.find_element(By.XPATH, "//select[@name='caseManagerId']/option[contains(., 'Karin')]").click()
    click(By.XPATH, "//button[normalize-space()='Overdragen']")
    expect("overgedragen aan klantmanager" in driver.page_source and "Karin de Klantmanager" in driver.page_source, "handed over to the case manager")
    shot("22-signal")
    audit("signal")
    sign_out()

    # The case manager refers from the signal; the provider accepts; Ilse sees it in her portal.
    sign_in("klantmanager")
    expect("Wil graag aan het werk" in driver.page_source, "the handed-over signal is in the case manager's work")
    driver.get(BASE + "/signalen")
    expect("Signalen en vragen" in driver.page_source, "the signal list")
    audit("signal list")
    driver.get(signal_url)
    click(By.LINK_TEXT, "Verwijzen naar aanbod")
    target = [li for li in driver.find_elements(By.CSS_SELECTOR, "ol.matches li.match") if "Trajectbegeleiding uitstroom dagbesteding" in li.text][0]
    target.find_element(By.TAG_NAME, "summary").click()
    for area in target.find_elements(By.CSS_SELECTOR, "textarea"):
        area.send_keys("Stap voor stap naar werk, met begeleiding van de Regenbooggroep.")
    target.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: "/verwijzingen/" in d.current_url)
    expect("aangeboden" in driver.page_source, "a place is offered")
    driver.get(signal_url)
    expect("verwezen" in driver.page_source and "/verwijzingen/" in driver.page_source, "the signal now points to the referral")
    driver.get(ilse_url)
    fill("time", "10:30"); fill("place", "Stadsloket Zuidoost"); fill("about", "Kennismaken met de trajectbegeleider")
    click(By.XPATH, "//button[normalize-space()='Afspraak plannen']")
    expect("Datum: Dit veld is verplicht" in driver.find_element(By.ID, "error-summary").text and driver.find_element(By.NAME, "about").get_attribute("value") == "Kennismaken met de trajectbegeleider",
           "an appointment without a date is refused, what was typed is kept")
    fill("date", "2030-01-10")
    click(By.XPATH, "//button[normalize-space()='Afspraak plannen']")
    expect("Kennismaken met de trajectbegeleider" in driver.page_source, "an appointment is planned")
    sign_out()
    sign_in("aanbieder")
    click(By.XPATH, "//tr[contains(., 'Ilse') and .//span[contains(., 'aangeboden')]]//a")
    click(By.XPATH, "//button[normalize-space()='Accepteren']")
    expect("geaccepteerd" in driver.page_source, "the provider accepts")
    sign_out()

    sign_in("inwoner")
    expect("/mijn-meedoen" in driver.current_url, "a resident lands on their portal")
    expect("Trajectbegeleiding uitstroom dagbesteding" in driver.page_source and "geaccepteerd" in driver.page_source, "the resident sees the accepted referral")
    expect("Kennismaken met de trajectbegeleider" in driver.page_source, "the resident sees the appointment")
    expect("Karin de Klantmanager" in driver.page_source and "Lotte Loket" in driver.page_source, "the resident sees who looked at the file")
    shot("23-portal")
    audit("resident portal")
    agreement = driver.find_element(By.CSS_SELECTOR, "ul.agreements details")
    agreement.find_element(By.TAG_NAME, "summary").click()
    agreement.find_element(By.TAG_NAME, "textarea").send_keys("Cv bijgewerkt met hulp van mijn buurman.")
    old = driver.find_element(By.TAG_NAME, "html")
    agreement.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: "Inwoner: Cv bijgewerkt" in d.page_source)
    expect("gedaan" in driver.page_source, "the resident marks an agreement done with a note")
    fill("description", "Boodschappen doen voor de buurvrouw"); fill("hours", "2")
    click(By.XPATH, "//button[normalize-space()='Opgeven']")
    expect("wacht op goedkeuring" in driver.page_source, "a registered activity waits for approval")
    driver.get(BASE + "/mijn-gegevens")
    expect("Alles wat de gemeente over u vastlegt" in driver.page_source and "de Wit" in driver.page_source, "the AVG overview is readable")
    shot("24-avg")
    audit("AVG overview")
    driver.get(person_url)
    expect("Foutcode: 403" in driver.page_source and "Samira" not in driver.page_source, "a resident cannot open someone else's file")
    audit("error page (403)")
    driver.get(BASE + "/mijn-meedoen")
    sign_out()

    # The resident adviser's address list and a home visit.
    sign_in("bewonersadviseur")
    driver.get(BASE + "/adressen")
    expect("Adressenlijst Zuidoost" in driver.page_source and len(driver.find_elements(By.CSS_SELECTOR, "table.data tbody tr")) > 3, "the adviser's address list")
    shot("25-addresses")
    audit("address list")
    click(By.XPATH, "(//a[normalize-space()='Bezoek vastleggen'])[1]")
    driver.find_element(By.CSS_SELECTOR, "select[name=source] option[value=ownVisit]").click()
    fill("description", "Huisbezoek: niemand thuis, kaartje achtergelaten.")
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect("/signalen/" in driver.current_url and "eigen huisbezoek" in driver.page_source, "a visit is recorded at the address")
    sign_out()

    # [5/5] The monitor: targets against results, a district league table, what works, counts, the report.
    sign_in("analist")
    driver.get(BASE + "/monitor")
    expect("Uitstroom naar werk" in driver.page_source and "4.200" in driver.page_source, "the monitor shows the source targets")
    expect(len(driver.find_elements(By.CSS_SELECTOR, "svg.trend")) >= 8, "each indicator has a trend chart")
    shot("26-monitor")
    audit("monitor")
    click(By.LINK_TEXT, "Uitstroom naar werk")
    expect("Ranglijst van de stadsdelen" in driver.page_source, "the district league table")
    audit("indicator league table")
    # The league table as the analyst downloads it: a workbook Excel's own reader (openpyxl) opens, numbers as numbers.
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "XLSX").get_attribute("href")
    import urllib.request, io, openpyxl
    req = urllib.request.Request(link, headers={"Cookie": "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())})
    with urllib.request.urlopen(req) as resp:
        expect(resp.headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), "the XLSX download has the spreadsheet type")
        sheet = openpyxl.load_workbook(io.BytesIO(resp.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    expect(rows[0][:3] == ("stadsdeel", "waarde", "doel") and len(rows) == 8, "the workbook holds the league table (a header and seven districts)")
    expect(all(isinstance(r[2], (int, float)) for r in rows[1:]), "targets are numbers in the workbook, not text")
    driver.get(BASE + "/monitor/wat-werkt")
    expect("Wat werkt" in driver.page_source, "what works")
    audit("what works")
    driver.get(BASE + "/monitor/aantallen")
    expect("Inwoners per trede" in driver.page_source, "counts per rung")
    audit("counts")
    driver.get(BASE + "/monitor/rapport?stadsdeel=T")
    expect("Managementrapportage participatie" in driver.page_source and "Zuidoost" in driver.page_source, "the printable report")
    audit("management report")
    sign_out()

    # [2/7] The administrator: accounts, an organisation, a new case manager who activates her own account.
    sign_in("beheerder")
    expect("/beheer" in driver.current_url and "Gemeente Amsterdam" in driver.page_source, "an administrator lands on the administration, under the municipality's name")
    expect("Ilse de Wit" in driver.page_source and "gekoppeld aan eigen dossier" in driver.page_source, "accounts are listed with what they are linked to")
    shot("27-admin")
    audit("administration")
    driver.get(BASE + "/beheer/organisaties")
    fill("code", "woonstad-zuidoost"); fill("name", "Woonstad Zuidoost")
    driver.find_element(By.CSS_SELECTOR, "select[name=kind] option[value=housing]").click()
    click(By.XPATH, "//button[normalize-space()='Toevoegen']")
    expect("Woonstad Zuidoost" in driver.page_source and "woningcorporatie" in driver.page_source, "an organisation is added")
    audit("organisations")
    driver.get(BASE + "/beheer/gebruikers/nieuw")
    fill("username", "s.bakker"); fill("displayName", "Sanne Bakker")
    driver.find_element(By.CSS_SELECTOR, "input[name=roles][value=caseManager]").click()
    click(By.XPATH, "//button[normalize-space()='Gebruiker aanmaken']")
    expect("Stadsdeel: Deze rol werkt voor een stadsdeel" in driver.find_element(By.ID, "error-summary").text, "a case manager without a district is refused at its field")
    audit("new user with errors")
    driver.find_element(By.CSS_SELECTOR, "select[name=districtCode] option[value=T]").click()
    click(By.XPATH, "//button[normalize-space()='Gebruiker aanmaken']")
    code = driver.find_element(By.CSS_SELECTOR, "strong.code").text
    expect(len(code) == 14 and "Sanne Bakker" in driver.page_source, "the activation code is shown once")
    shot("28-invitation")
    audit("invitation")
    sign_out()
    driver.get(BASE + "/activeren")
    fill("username", "s.bakker"); fill("code", code); fill("password", "sannes-eigen-wachtwoord"); fill("passwordAgain", "sannes-eigen-wachtwoord")
    audit("activation")
    click(By.XPATH, "//button[normalize-space()='Activeren en aanmelden']")
    expect("/mijn-werk" in driver.current_url and "Uw account is actief" in driver.page_source, "the new case manager chose her password and is signed in")
    sign_out()

    # The administrator loads a new version of a guide; a broken one is refused.
    sign_in("beheerder")
    driver.get(BASE + "/wegwijzer/beheer")
    audit("guide administration")
    driver.execute_script("document.getElementById('f-document').value = arguments[0]", '{"id": "werk-en-meedoen"}')
    click(By.XPATH, "//button[normalize-space()='Controleren en laden']")
    expect("klopt niet" in driver.page_source, "a broken guide is refused with the reason")
    import json as _json
    tree = _json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Policies", "trees", "werk-en-meedoen.json"), encoding="utf-8"))
    tree["version"] = "2026-2"
    driver.execute_script("document.getElementById('f-document').value = arguments[0]", _json.dumps(tree, ensure_ascii=False))
    click(By.XPATH, "//button[normalize-space()='Controleren en laden']")
    expect("Versie 2026-2" in driver.page_source and "geldt nu" in driver.page_source, "a new version is loaded and in force")
    driver.get(BASE + "/wegwijzer/werk-en-meedoen?a=taal")
    expect("versie 2026-2" in driver.page_source, "new walks use the new version")
    sign_out()
    print(f"accessibility audited (axe-core 4, WCAG 2.1 A/AA): {', '.join(audited) or 'skipped'}")
    print(f"{checks} passed, 0 failed")
except Exception:
    shot("failure")
    print(driver.page_source[:3000])
    raise
finally:
    driver.quit()
