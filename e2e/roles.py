"""Every role's pages in a real browser: signs in as each demo role, walks every page its menu and its
pages link to (one page per kind of address: /personen/{id} once, not once per resident), and checks
on each page that it answers, reads as Dutch without codes (browser.readable, strict), fits a phone
screen of 320 px without sideways scrolling, and passes axe-core at 1366 px and at 320 px.
The public pages are walked the same way without signing in, at phone width.
Usage: python3 e2e/roles.py http://127.0.0.1:8080 [SHOTS_DIR]   (ROLES=klantmanager,inwoner to pick)
"""
import os, re, urllib.parse
os.environ.setdefault("READABLE", "strict")
import browser
from browser import *

ROLES = ["", "klantmanager", "teamleider", "tafelvoorzitter", "loket", "bewonersadviseur", "aanbieder",
         "budgethouder", "analist", "uitbetaling", "ondernemer", "beheerder", "inwoner"]
if os.environ.get("ROLES"):
    ROLES = os.environ["ROLES"].split(",")
LIMIT = int(os.environ.get("PAGES_PER_ROLE", "45"))
SKIP = re.compile(r"^/(logout|api/|assets/|favicon)|\.(csv|xlsx|json|svg|pdf)$|/export|/download")


def kind(path):
    """The kind of page an address is: ids and numbers as placeholders."""
    path = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "{id}", path, flags=re.I)
    return re.sub(r"/\d+(?=/|$)", "/{n}", path)


def links():
    out = []
    for a in driver.find_elements(By.CSS_SELECTOR, "a[href]"):
        href = a.get_attribute("href") or ""
        if not href.startswith(BASE) or a.get_dom_attribute("download") is not None:
            continue
        u = urllib.parse.urlsplit(href)
        q = urllib.parse.parse_qs(u.query)
        if "lang" in q or "formaat" in q or SKIP.search(u.path):
            continue
        out.append(u.path + ("?" + u.query if u.query else ""))
    return out


def fits(name):
    """At 320 px (WCAG 1.4.10 reflow) nothing scrolls sideways; names the widest element if it does."""
    driver.set_window_size(320, 900)
    wide = driver.execute_script("""
        const w = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= w + 1) return null;
        let worst = null;
        for (const e of document.body.querySelectorAll('*')) {
            const r = e.getBoundingClientRect();
            if (r.right > w + 1 && !(e.parentElement && e.parentElement.closest('.table-wrap')) && getComputedStyle(e).position !== 'absolute'
                && (!worst || r.right > worst[1])) worst = [e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' «' + (e.innerText || '').split('\\n')[0].slice(0, 40) + '»', r.right];
        }
        return worst ? worst[0] + ' to ' + Math.round(worst[1]) + ' px' : 'the page, ' + document.documentElement.scrollWidth + ' px';""")
    expect(wide is None, f"{name} fits 320 px without sideways scrolling ({wide})")


def walk(role):
    driver.delete_all_cookies()
    if role:
        driver.get(BASE + "/login")
        fill("username", role); fill("password", "demo-" + role)
        click(By.CSS_SELECTOR, "main form button[type=submit]")
        expect("/login" not in driver.current_url, f"{role} signs in")
        start = urllib.parse.urlsplit(driver.current_url).path
    else:
        start = "/"
    seen, queue, visited = set(), [start], 0
    while queue and visited < LIMIT:
        path = queue.pop(0)
        k = kind(path.split("?")[0]) + ("?" if "?" in path else "")
        if k in seen:
            continue
        seen.add(k)
        driver.set_window_size(1366, 1000)
        driver.get(BASE + path)
        visited += 1
        title = driver.title
        expect("Er ging iets mis" not in title and "404" not in title, f"{role or 'public'}: {path} answers ({title})")
        name = f"{role or 'public'} {kind(path)}"
        if not role:
            driver.set_window_size(320, 900)
        audit(name + " at 1366 px" if role else name + " at 320 px")
        if role:
            fits(name)
            audit(name + " at 320 px")
        else:
            fits(name)
        if visited == 1:
            shot(f"role-{role or 'public'}")
        queue += [l for l in links() if l not in queue]
    print(f"{role or 'public'}: {visited} kinds of page walked")


try:
    for role in ROLES:
        walk(role)
    print(f"roles: {len(ROLES)} roles, {len(audited)} axe audits, {browser.checks} checks passed")
finally:
    report_readability()
    for p in browser.problems:
        print("  problem: " + p)
    driver.quit()
