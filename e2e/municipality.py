"""Issue 14, "done when", in a real browser: a municipality without the demo.

The server runs on a fresh database set up with `meedoen setup Policies/municipalities/amsterdam.json`
(the administrator `beheerder` with the password given as ADMIN_PASSWORD). Through the pages the
administrator adds a provider, an offer, a business and the accounts of a case manager, a budget
holder, the provider's worker, the business's owner and a resident; each activates their account
with their code. The budget holder opens the stream; the case manager registers the resident and
refers her; the provider accepts, starts and ends; she earns vouchers and the business redeems them.
Usage: ADMIN_PASSWORD=… python3 e2e/municipality.py http://127.0.0.1:8081 [SHOTS_DIR]
"""
import os
import datetime
import browser
from browser import *

ADMIN_PASSWORD = os.environ["ADMIN_PASSWORD"]
YEAR = datetime.date.today().year


def sign_in(user, password):
    driver.get(BASE + "/login?lang=nl")
    fill("username", user); fill("password", password)
    click(By.CSS_SELECTOR, "main form button[type=submit]")


def sign_out():
    click(By.CSS_SELECTOR, "form.logout button")


def add(kind, fields, selects={}):
    driver.get(BASE + "/beheer/" + kind)
    for k, v in fields.items():
        fill(k, v)
    for k, v in selects.items():
        driver.find_element(By.CSS_SELECTOR, f"select[name={k}] option[value='{v}']").click()
    click(By.XPATH, "//button[normalize-space()='Toevoegen']")
    expect(fields["name"] in driver.page_source, f"{kind}: {fields['name']} added")


def new_user(username, name, role, selects={}, fields={}):
    driver.get(BASE + "/beheer/gebruikers/nieuw")
    fill("username", username); fill("displayName", name)
    for k, v in fields.items():
        fill(k, v)
    driver.find_element(By.CSS_SELECTOR, f"input[name=roles][value={role}]").click()
    for k, v in selects.items():
        driver.find_element(By.CSS_SELECTOR, f"select[name={k}] option[value='{v}']").click()
    click(By.XPATH, "//button[normalize-space()='Gebruiker aanmaken']")
    code = driver.find_element(By.CSS_SELECTOR, "strong.code").text
    expect(len(code) == 14, f"{name} gets an activation code")
    return code


def activate(username, code, password):
    driver.get(BASE + "/activeren")
    fill("username", username); fill("code", code); fill("password", password); fill("passwordAgain", password)
    click(By.XPATH, "//button[normalize-space()='Activeren en aanmelden']")
    expect("Uw account is actief" in driver.page_source, f"{username} chose a password and is signed in")


try:
    driver.get(BASE + "/login")
    expect("Gemeente Amsterdam" in driver.page_source, "the municipality from its file, before any demo")
    sign_in("beheerder", ADMIN_PASSWORD)
    expect("/beheer" in driver.current_url and "1 gebruiker," in driver.page_source, "the administrator from the file, alone")
    add("aanbieders", {"code": "regenboog", "name": "Regenbooggroep", "contact": "info@regenboog.example"})
    add("ondernemers", {"code": "de-hoek", "name": "Buurtsuper De Hoek", "address": "Ganzenhoef 12"}, {"districtCode": "T"})
    add("organisaties", {"code": "woonstad", "name": "Woonstad Zuidoost"}, {"kind": "housing", "districtCode": "T"})

    # The offer, as an administrator keeps the catalogue.
    driver.get(BASE + "/aanbod/nieuw")
    for k, v in {"code": "VRIJW", "name": "Vrijwilligerswerk in de buurt", "priceEuros": "1500",
                 "maxMonths": "12", "capacity": "5", "hoursPerWeek": "8", "location": "Buurthuis Kraaiennest"}.items():
        fill(k, v)
    driver.find_element(By.CSS_SELECTOR, "select[name=type] option[value=volunteerPlace]").click()
    driver.find_element(By.CSS_SELECTOR, "select[name=package] option[value=basic]").click()
    driver.find_element(By.XPATH, "//select[@name='fundingStream']/option[contains(., 'Re-integratie')]").click()
    driver.find_element(By.XPATH, "//select[@name='providerId']/option[contains(., 'Regenbooggroep')]").click()
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect("Het aanbod is opgeslagen" in driver.page_source, "the offer is in the catalogue")

    resident_bsn = bsn()
    codes = {
        "k.jansen": new_user("k.jansen", "Karin Jansen", "caseManager", {"districtCode": "T"}),
        "b.holder": new_user("b.holder", "Bert Holder", "budgetHolder"),
        "anton": new_user("anton", "Anton de Vries", "provider", {"providerCode": "regenboog"}),
        "olga": new_user("olga", "Olga Bakker", "business", {"businessCode": "de-hoek"}),
        "ilse": new_user("ilse", "Ilse de Wit", "resident", fields={"bsn": resident_bsn}),
    }
    expect("Uw account bij Meedoen" in driver.page_source and resident_bsn not in driver.page_source, "the resident's letter, without her BSN")
    shot("m1-letter")
    audit("invitation letter")
    driver.get(BASE + "/beheer")
    expect("nog niet gekoppeld aan een dossier" in driver.page_source, "the resident's account waits for her file")
    sign_out()

    passwords = {u: f"{u}-eigen-wachtwoord-2026" for u in codes}
    for u in ["b.holder"]:
        activate(u, codes[u], passwords[u])
    # The budget holder opens this year's stream.
    driver.get(BASE + "/begroting")
    fill("year", str(YEAR))
    driver.find_element(By.CSS_SELECTOR, "form[action='/begroting/stromen'] select[name=code] option[value=werkdeel]").click()
    fill("totalCents", "100000")
    click(By.CSS_SELECTOR, "form[action='/begroting/stromen'] button[type=submit]")
    expect("De begroting is bijgewerkt" in driver.page_source, "the stream is open")
    sign_out()

    # The case manager registers Ilse and refers her.
    activate("k.jansen", codes["k.jansen"], passwords["k.jansen"])
    driver.get(BASE + "/personen/nieuw")
    fill("bsn", resident_bsn); fill("givenName", "Ilse"); fill("familyName", "de Wit"); fill("birthDate", "1990-05-01")
    driver.find_element(By.CSS_SELECTOR, "select[name=benefit] option[value=participatiewet]").click()
    click(By.CSS_SELECTOR, "main form button[type=submit]")
    expect(driver.find_element(By.TAG_NAME, "h1").text == "Ilse de Wit", "registered, on her file")
    person_url = driver.current_url.split("?")[0]
    driver.get(person_url + "/verwijzen")
    target = [li for li in driver.find_elements(By.CSS_SELECTOR, "ol.matches li.match") if "Vrijwilligerswerk in de buurt" in li.text][0]
    target.find_element(By.TAG_NAME, "summary").click()
    for area in target.find_elements(By.CSS_SELECTOR, "textarea"):
        area.send_keys("Ritme opbouwen en mensen ontmoeten in de buurt.")
    target.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: "/verwijzingen/" in d.current_url)
    expect("aangeboden" in driver.page_source, "a place is offered and funded")
    sign_out()

    # The provider's worker answers, starts and ends.
    activate("anton", codes["anton"], passwords["anton"])
    driver.get(BASE + "/verwijzingen")
    click(By.XPATH, "//tr[contains(., 'Ilse')]//a")
    click(By.XPATH, "//button[normalize-space()='Accepteren']")
    expect("geaccepteerd" in driver.page_source, "the provider accepts")
    click(By.XPATH, "//button[normalize-space()='Starten']")
    expect("gestart" in driver.page_source, "started")
    driver.find_element(By.CSS_SELECTOR, "select[name=outcome] option[value=stepUp]").click()
    click(By.XPATH, "//button[normalize-space()='Beëindigen']")
    expect("Voorgestelde vervolgstap" in driver.page_source, "ended with an outcome")
    sign_out()

    # She earns vouchers (approved by her case manager); her account finds her file; the business redeems.
    sign_in("k.jansen", passwords["k.jansen"])
    driver.get(person_url)
    form = driver.find_element(By.CSS_SELECTOR, "form[action$='/vouchers']")
    form.find_element(By.NAME, "activity").send_keys("Buurttuin onderhouden")
    form.find_element(By.NAME, "hours").send_keys("4")
    old = driver.find_element(By.TAG_NAME, "html")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 15).until(lambda d: "Buurttuin onderhouden" in d.page_source)
    sign_out()
    activate("ilse", codes["ilse"], passwords["ilse"])
    driver.get(BASE + "/mijn-vouchers")
    card = driver.find_element(By.CSS_SELECTOR, "strong.code").text
    expect(card.startswith("MD-"), "Ilse sees her card")
    shot("m2-resident-vouchers")
    sign_out()
    activate("olga", codes["olga"], passwords["olga"])
    driver.get(BASE + "/inwisselen")
    fill("cardCode", card); fill("amountCents", "5,00")
    click(By.XPATH, "//button[normalize-space()='Innemen']")
    expect("Ingenomen: € 5,00" in driver.page_source and "Ilse" not in driver.page_source, "the business redeemed five euros, seeing no name")
    shot("m3-till")
    sign_out()
    print(f"accessibility audited (axe-core 4, WCAG 2.1 A/AA): {', '.join(audited) or 'skipped'}")
    report_readability()
    print(f"{browser.checks} passed, 0 failed")
except Exception:
    shot("failure")
    print(driver.page_source[:3000])
    raise
finally:
    driver.quit()
