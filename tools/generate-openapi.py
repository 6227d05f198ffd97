# Writes Sources/MeedoenServer/API/openapi.json, the API contract. The JSON is what is served and
# checked (schemathesis, tests); this script is how it is kept readable. Run: python3 tools/generate-openapi.py
import json
P = "#/components/parameters/"
S = "#/components/schemas/"
R = "#/components/responses/"
def ref(x): return {"$ref": x}
def arr(x): return {"type": "array", "items": x}
def enum(*v): return {"type": "string", "enum": list(v)}
def nullable(schema): d = dict(schema); d["nullable"] = True; return d
benefit = enum("participatiewet","ioaw","ioaz","ww","wia","wajong","none")
risks = enum("decline","isolation","toOthers")
circ = enum("homeless","addicted","severeLimitation","multiProblemFamily","illiterate","shelteredWorkEntitled","noStartingQualification")
wish = enum("volunteer","work","secondaryDiploma","socialContact")
civic = enum("obliged","voluntary","none")
routes = enum("work.limitedOffer","work.passive","work.active","work.schoolFirst","enforcement","participation.active","participation.publicOrder","participation.passive")
date = {"type": "string", "format": "date", "example": "2004-03-01", "description": "ISO 8601 calendar date, years 1800-9999"}
uuid = {"type": "string", "format": "uuid"}
zrmKeys = ["financien","werkOpleiding","tijdsbesteding","huisvesting","huiselijkeRelaties","geestelijkeGezondheid","lichamelijkeGezondheid","middelengebruik","basaleAdl","instrumenteleAdl","sociaalNetwerk","maatschappelijkeParticipatie","justitie"]
score = {"type": "integer", "minimum": 1, "maximum": 5}
zrm = {"type": "object", "properties": {k: score for k in zrmKeys}, "additionalProperties": False}

def resp(desc, schema=None, headers=True):
    r = {"description": desc, "headers": {"API-Version": ref("#/components/headers/API-Version")}}
    if schema is not None: r["content"] = {"application/json": {"schema": schema}}
    return r
def errs(*codes):
    return {str(c): ref(R + {400:"BadRequest",401:"Unauthorized",403:"Forbidden",404:"NotFound",409:"Conflict",415:"UnsupportedMediaType",422:"Invalid"}[c]) for c in codes}
def body(schema): return {"required": True, "content": {"application/json": {"schema": schema}}}
sec = [{"bearerAuth": []}]
idp = [ref(P + "id")]
lang = ref(P + "AcceptLanguage")

person_create = {"type": "object", "required": ["bsn","givenName","familyName","birthDate","districtCode","benefit"], "properties": {
    "bsn": {"type": "string", "pattern": "^[0-9]{9}$", "description": "Burgerservicenummer; passes the 11-test.", "example": "111222333"},
    "givenName": {"type": "string", "minLength": 1, "maxLength": 100}, "familyName": {"type": "string", "minLength": 1, "maxLength": 100},
    "birthDate": date, "districtCode": {"type": "string", "example": "T", "minLength": 1, "maxLength": 8}, "benefit": benefit,
    "civicIntegration": civic, "circumstances": arr(circ), "wishes": arr(wish),
    "phone": {"type": "string", "maxLength": 30}, "email": {"type": "string", "maxLength": 200},
    "caseManagerId": uuid, "householdId": uuid}}
person_update = {"type": "object", "properties": {k: v for k, v in person_create["properties"].items() if k not in ("householdId",)},
    "description": "Only the fields sent change; bsn and birthDate are refused (read-only)."}
person = {"type": "object", "required": ["id","bsn","givenName","familyName","birthDate","districtCode","benefit","civicIntegration","circumstances","wishes","onCaseTable"], "properties": {
    "id": uuid, "bsn": {"type": "string"}, "givenName": {"type": "string"}, "familyName": {"type": "string"}, "birthDate": date,
    "districtCode": {"type": "string"}, "benefit": benefit, "civicIntegration": civic, "circumstances": arr(circ), "wishes": arr(wish),
    "phone": {"type": "string"}, "email": {"type": "string"}, "householdId": uuid, "caseManagerId": uuid, "onCaseTable": {"type": "boolean"},
    "createdAt": {"type": "string", "format": "date-time"}}}
summary = {"type": "object", "required": ["id","bsnMasked","givenName","familyName","birthDate","districtCode","benefit"], "properties": {
    "id": uuid, "bsnMasked": {"type": "string", "example": "******333"}, "givenName": {"type": "string"}, "familyName": {"type": "string"},
    "birthDate": date, "districtCode": {"type": "string"}, "benefit": benefit, "caseManagerId": uuid}}
member = {"type": "object", "required": ["id","givenName","familyName","birthDate"], "properties": {"id": uuid, "givenName": {"type": "string"}, "familyName": {"type": "string"}, "birthDate": date}}
household = {"type": "object", "required": ["id","name","districtCode","members"], "properties": {"id": uuid, "name": {"type": "string"}, "address": {"type": "string"}, "districtCode": {"type": "string"}, "members": arr(ref(S+"Member"))}}
reason = {"type": "object", "required": ["code","text"], "properties": {"code": {"type": "string", "example": "route.work.active"}, "text": {"type": "string"}}}
proposal = {"type": "object", "required": ["route","category","targetGroups","enforcementAvailable","caseTableProposed","reasons","policy"], "properties": {
    "route": routes, "category": {"type": "integer", "minimum": 1, "maximum": 5, "nullable": True, "description": "null when no target group applies: a professional judgement is needed."},
    "targetGroups": arr({"type": "string"}), "enforcementAvailable": {"type": "boolean"}, "caseTableProposed": {"type": "boolean"},
    "reasons": arr(ref(S+"Reason")), "policy": {"type": "object", "required": ["id","version"], "properties": {"id": {"type": "string"}, "version": {"type": "string"}}}}}
facts_props = {"birthDate": date, "referenceDate": date, "benefit": benefit, "workProspect": {"type": "boolean"}, "selfReliant": {"type": "boolean"},
    "motivated": {"type": "boolean"}, "risks": arr(risks), "civicIntegration": civic, "circumstances": arr(circ), "wishes": arr(wish),
    "zrm": {"allOf": [ref(S+"ZrmScores")], "nullable": True, "description": "null or absent: no ZRM"}}
preview_req = {"type": "object", "required": ["birthDate","benefit","workProspect","selfReliant","motivated"], "properties": facts_props}
diag_req = {"type": "object", "required": ["workProspect","selfReliant","motivated"], "description": "The person's registered facts (birth date, benefit, civic integration, circumstances, wishes) are used unless given here.",
    "properties": dict(facts_props, decidedRoute=routes, decidedCategory={"type": "integer", "minimum": 1, "maximum": 5, "nullable": True},
                       deviationReason={"type": "string", "maxLength": 2000, "description": "Required when the decision deviates from the proposal."})}
diagnosis = {"type": "object", "required": ["id","personId","proposal","decidedRoute","decidedBy","decidedOn"], "properties": {
    "id": uuid, "personId": uuid, "proposal": ref(S+"DiagnosisProposal"), "decidedRoute": routes, "decidedCategory": {"type": "integer", "minimum": 1, "maximum": 5},
    "deviationReason": {"type": "string"}, "decidedBy": {"type": "string"}, "decidedOn": date, "createdAt": {"type": "string", "format": "date-time"}}}
assess_req = {"type": "object", "required": ["kind"], "properties": {
    "kind": enum("rung","zrm"), "assessedOn": date, "ladderId": {"type": "string", "example": "national"}, "rung": {"type": "integer", "minimum": 1, "maximum": 20},
    "facts": arr(enum("paidWork","workSupport","unpaidWork","organisedActivity","socialContact")),
    "overrideReason": {"type": "string", "maxLength": 2000}, "participationDomain": {"type": "string"}, "scores": ref(S+"ZrmScores")},
    "description": "kind=rung: ladderId (default national), facts and/or rung; a rung other than the proposed one needs overrideReason. kind=zrm: scores for all 13 domains."}
assessment = {"type": "object", "required": ["id","kind","assessedOn","assessorId","assessorName"], "properties": {
    "id": uuid, "kind": enum("rung","zrm"), "assessedOn": date, "assessorId": uuid, "assessorName": {"type": "string"}, "ladderId": {"type": "string"},
    "rung": {"type": "integer"}, "rungName": {"type": "string"}, "proposedRung": {"type": "integer"}, "proposalReason": {"type": "string"},
    "overrideReason": {"type": "string"}, "facts": arr({"type": "string"}), "participationDomain": {"type": "string"}, "zrm": ref(S+"ZrmScores"),
    "createdAt": {"type": "string", "format": "date-time"}}}
dossier = {"type": "object", "required": ["person","assessments","diagnoses"], "properties": {
    "person": ref(S+"Person"), "household": ref(S+"Household"), "assessments": arr(ref(S+"Assessment")), "diagnoses": arr(ref(S+"Diagnosis"))}}
audit = {"type": "object", "required": ["id","at","actorName","actorRoles","action","basis","requestId"], "properties": {
    "id": uuid, "at": {"type": "string", "format": "date-time"}, "actorName": {"type": "string"}, "actorRoles": arr({"type": "string"}),
    "action": {"type": "string", "example": "person.read"}, "basis": {"type": "string", "example": "districtTeam:T"}, "requestId": {"type": "string"}}}
problem = {"type": "object", "required": ["type","title","status"], "properties": {
    "type": {"type": "string", "example": "urn:meedoen:problem:invalid-params"}, "title": {"type": "string"}, "status": {"type": "integer"},
    "detail": {"type": "string"}, "instance": {"type": "string"},
    "invalid-params": arr({"type": "object", "required": ["name","code","reason"], "properties": {"name": {"type": "string"}, "code": {"type": "string"}, "reason": {"type": "string"}}})}}
page = {"type": "object", "required": ["items","page","pageSize","total"], "properties": {"items": arr(ref(S+"PersonSummary")), "page": {"type": "integer"}, "pageSize": {"type": "integer"}, "total": {"type": "integer"}}}


# --- [2/5] catalogue, referrals, plans, matching ---
itype = enum("dayActivitiesLow","dayActivitiesHigh","workOrientedDayActivities","internalInternship","guidanceToWork","specialGroupsPreparation","intensiveGroupMediation","activationRung12","languageCourse","civicIntegration","vavo","ips","trajectoryGuidance","volunteerPlace","internshipPlace","workWithRetainedBenefit","socialActivationPlace","societalActivationPlace","preparatoryTrack")
pdomain = enum("burgerschap","werknemerschap","vakmanschap","ondernemerschap")
package = enum("basic","plus")
tier = enum("paidWork","activation","volunteering","dayActivities")
rstatus = enum("waiting","offered","accepted","started","refused","ended","withdrawn")
outcome = enum("exitToWork","stepUp","stepBack","dropOut","completed")
exam = enum("passed","failed","notSat")
criterion = enum("rung","category","age","benefit","district","route")
lifedomain = enum("work","incomeAndDebts","health","children","housing","socialNetwork","education","dailyLife")
astatus = enum("open","done","missed","cancelled")
text = lambda n: {"type": "string", "minLength": 1, "maxLength": n}
criteria = {"type": "object", "additionalProperties": False, "properties": {
    "rungs": arr({"type": "integer", "minimum": 1, "maximum": 20}), "categories": arr({"type": "integer", "minimum": 1, "maximum": 5}),
    "minAge": {"type": "integer", "minimum": 0, "maximum": 120}, "maxAge": {"type": "integer", "minimum": 0, "maximum": 120},
    "benefitKinds": arr(benefit), "districts": arr({"type": "string", "maxLength": 8}), "routes": arr(routes)},
    "description": "Who may enter; an empty list means no restriction. Rungs refer to the catalogue's ladder (amsterdam)."}
iv_props = {"code": text(64), "name": text(200), "description": {"type": "string", "maxLength": 2000}, "type": itype, "domain": pdomain,
    "package": package, "districtCode": {"type": "string", "maxLength": 8, "description": "Required for the plus package, absent for basic."},
    "providerId": uuid, "fundingStream": {**text(64), "description": "The code of a funding stream of the money policy (for example werkdeel, WEB, WI, wmo); another code is refused with 422 naming fundingStream"}, "priceCents": {"type": "integer", "minimum": 0, "maximum": 100000000},
    "maxMonths": {"type": "integer", "minimum": 1, "maximum": 120, "description": "SAP at most 6, MAP at most 24"},
    "capacity": {"type": "integer", "minimum": 0, "maximum": 100000}, "hoursPerWeek": {"type": "integer", "minimum": 0, "maximum": 60},
    "location": text(300), "criteria": criteria, "active": {"type": "boolean"},
    "legalBasis": {**enum("duty","right"), "description": "duty: Participatiewet, enforceable (missed attendance becomes a missed agreement); right: Wmo, voluntary. Absent on create: right for the day-activity kinds, duty otherwise"},
    "needsApproval": {"type": "boolean", "description": "A referral waits for a specialist's approval before it takes a place or money"},
    "contract": {"type": "object", "nullable": True, "required": ["resultPercent","withinMonths","results"], "additionalProperties": False, "description": "A result-based contract: the part of the price paid on a result (the rest at the start) within a number of months of the start. null removes it (paid for effort, pro rata)",
        "properties": {"resultPercent": {"type": "integer", "minimum": 1, "maximum": 100}, "withinMonths": {"type": "integer", "minimum": 1, "maximum": 36},
        "results": dict(arr(enum("exitToWork","stepUp","workingAfterSixMonths")), minItems=1)}}}
iv_create = {"type": "object", "required": ["code","name","type","domain","package","providerId","fundingStream","priceCents","maxMonths","capacity","hoursPerWeek","location"], "properties": iv_props}
iv_update = {"type": "object", "properties": iv_props, "description": "Only the fields sent change. Capacity cannot go below the places taken."}
intervention = {"type": "object", "required": ["id","code","name","type","typeLabel","tier","domain","package","providerId","fundingStream","priceCents","maxMonths","capacity","taken","freePlaces","hoursPerWeek","location","criteria","active","legalBasis","needsApproval"], "properties": {
    "id": uuid, "code": {"type": "string"}, "name": {"type": "string"}, "description": {"type": "string"}, "type": itype, "typeLabel": {"type": "string"}, "tier": tier,
    "domain": pdomain, "package": package, "districtCode": {"type": "string"}, "providerId": uuid, "providerName": {"type": "string"},
    "fundingStream": {"type": "string"}, "priceCents": {"type": "integer"}, "maxMonths": {"type": "integer"}, "capacity": {"type": "integer"},
    "taken": {"type": "integer"}, "freePlaces": {"type": "integer"}, "waiting": {"type": "integer"}, "expectedWaitDays": {"type": "integer"},
    "hoursPerWeek": {"type": "integer"}, "location": {"type": "string"},
    "criteria": {"type": "object", "required": ["rungs","categories","benefitKinds","districts","routes"], "properties": dict(criteria["properties"])}, "active": {"type": "boolean"},
    "legalBasis": enum("duty","right"), "needsApproval": {"type": "boolean"}, "contract": ref(S+"Contract")}}
provider = {"type": "object", "required": ["id","code","name"], "properties": {"id": uuid, "code": {"type": "string"}, "name": {"type": "string"}, "contact": {"type": "string"}}}
referral_create = {"type": "object", "required": ["personId","interventionId","goal"], "properties": {
    "personId": uuid, "interventionId": uuid, "goal": text(2000), "agreedHours": {"type": "integer", "minimum": 0, "maximum": 60},
    "overrides": arr({"type": "object", "required": ["criterion","reason"], "properties": {"criterion": criterion, "reason": {"type": "string", "minLength": 10, "maxLength": 2000}}}),
    "spendingException": {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string", "minLength": 10, "maxLength": 2000}},
        "description": "Asks a budget holder to fund what the spending rules refuse (otherwise 422 naming category or route). The referral waits (waitingFor: exception), holding neither a place nor money, until a budget holder decides."}},
    "description": "Every unmet access criterion needs an override with a reason (at least 10 characters). Capacity is never overridden: when full, the referral joins the waiting list. The policy's spending rules are not overridden by the case manager: a refused referral is 422 naming category or route, unless it asks a budget holder for an exception (spendingException)."}
note = {"type": "object", "required": ["id","kind","on","authorName"], "properties": {"id": uuid, "kind": enum("note","attendance"), "on": date, "attended": {"type": "boolean"}, "hours": {"type": "integer"}, "text": {"type": "string"}, "authorName": {"type": "string"}}}
referral = {"type": "object", "required": ["id","status","statusLabel","person","interventionId","interventionName","goal","agreedHours","referredOn"], "properties": {
    "id": uuid, "status": rstatus, "statusLabel": {"type": "string"}, "personId": dict(uuid, description="Absent for providers"),
    "person": {"type": "object", "required": ["givenName","familyName"], "properties": {"givenName": {"type": "string"}, "familyName": {"type": "string"}, "phone": {"type": "string"}, "email": {"type": "string"}}},
    "interventionId": uuid, "interventionName": {"type": "string"}, "providerName": {"type": "string"}, "goal": {"type": "string"}, "agreedHours": {"type": "integer"},
    "referredOn": date, "referredBy": {"type": "string"}, "category": {"type": "integer"},
    "checks": arr({"type": "object", "required": ["criterion","passed","reason"], "properties": {"criterion": criterion, "passed": {"type": "boolean"}, "reason": {"type": "string"}}}),
    "overrides": arr({"type": "object", "required": ["criterion","reason"], "properties": {"criterion": criterion, "reason": {"type": "string"}}}),
    "waitedDays": {"type": "integer"}, "refusalReason": {"type": "string"}, "startedOn": date, "plannedEndOn": date, "endedOn": date,
    "outcome": outcome, "outcomeNote": {"type": "string"}, "exam": dict(exam, description="After a language course or civic integration"),
    "nextStep": {"type": "object", "required": ["reasons"], "properties": {"proposedRung": {"type": "integer"}, "nextTier": tier, "reasons": arr(ref(S+"Reason"))}},
    "notes": arr(note), "waitingFor": dict(enum("place","budget","exception","approval"), description="While waiting: a free place, room in the stream, a budget holder's decision on an exception to the spending rules, or a specialist's approval"),
    "withdrawReason": {"type": "string"},
    "shortfall": {"type": "string", "description": "Answer to an attendance record only: the week fell short of the agreed hours on a duty offer"},
    "missedAgreementId": {**uuid, "description": "The missed agreement that shortfall created in the household's plan (not shown to providers); it can start enforcement"}},
    "description": "A provider sees only the person's name and contact, the goal, agreed hours and the course of the enrolment."}
action_bodies = {
  "accept": None,
  "refuse": {"type": "object", "required": ["reason"], "properties": {"reason": text(2000)}},
  "start": {"type": "object", "properties": {"startOn": date, "plannedEndOn": dict(date, description="Default: start + maximum duration; later is refused")}},
  "notes": {"type": "object", "properties": {"kind": enum("note","attendance"), "on": date, "attended": {"type": "boolean", "description": "Attendance: present in the week of `on`"}, "hours": {"type": "integer", "minimum": 0, "maximum": 60, "description": "Attendance: hours present that week; below the agreed hours on a duty offer it becomes a missed agreement"}, "text": {"type": "string", "maxLength": 4000}},
            "description": "kind=note needs text; kind=attendance needs attended."},
  "end": {"type": "object", "required": ["outcome"], "properties": {"outcome": outcome, "endOn": date, "note": {"type": "string", "maxLength": 4000},
          "exam": dict(exam, description="Only for a language course or civic integration (otherwise 422 naming exam): the pass rate is of those who sat the exam")},
          "description": "Outcome exitToWork also records that the person left for work on the end date (GET /persons/{id}/exits)."},
  "withdraw": {"type": "object", "required": ["reason"], "properties": {"reason": text(2000)}},
}
action_summaries = {"accept": "Provider accepts an offered referral", "refuse": "Provider refuses (with reason); the place goes to the next in line",
  "start": "Start the enrolment; a planned end beyond the maximum duration is refused", "notes": "Progress note or attendance",
  "end": "End with an outcome; proposes the next step and offers the place to the next in line", "withdraw": "Case manager withdraws the referral"}
match = {"type": "object", "required": ["intervention","fits","score","reasons","unmet"], "properties": {"intervention": ref(S+"Intervention"), "fits": {"type": "boolean"}, "score": {"type": "integer"}, "reasons": arr(ref(S+"Reason")), "unmet": arr(criterion)}}
matches = {"type": "object", "required": ["personId","matches"], "properties": {"personId": uuid, "rung": {"type": "integer"}, "category": {"type": "integer"}, "route": routes, "matches": arr(match)}}
candidate = {"type": "object", "required": ["personId","givenName","familyName","districtCode","score","reasons"], "properties": {"personId": uuid, "givenName": {"type": "string"}, "familyName": {"type": "string"}, "districtCode": {"type": "string"}, "category": {"type": "integer"}, "rung": {"type": "integer"}, "score": {"type": "integer"}, "reasons": arr(ref(S+"Reason"))}}
waiting = {"type": "object", "required": ["position","referralId","referredOn","waitedDays"], "properties": {"position": {"type": "integer"}, "referralId": uuid, "referredOn": date, "category": {"type": "integer"}, "waitedDays": {"type": "integer"}, "personName": {"type": "string", "description": "Only for people the caller has a need to know"}}}
goal = {"type": "object", "required": ["domain","text"], "properties": {"domain": lifedomain, "text": text(2000)}}
strength = {"type": "object", "required": ["text"], "properties": {"of": enum("person","network"), "text": text(1000)}}
involved = {"type": "object", "required": ["organisation","goal","contactName"], "properties": {"organisation": text(200), "goal": text(1000), "contactName": text(200), "contactDetails": {"type": "string", "maxLength": 200}}}
plan_content = {"goals": arr(goal), "strengths": arr(strength), "involved": arr(involved), "directorId": dict(uuid, description="A case manager or case-table chair; default: the caller")}
plan_create = {"type": "object", "properties": dict(plan_content, householdId=uuid, personId=dict(uuid, description="A person without a household gets a one-person household")),
    "description": "Give householdId or personId. One active plan per household (409 otherwise)."}
plan_update = {"type": "object", "properties": dict(plan_content, residentAgreed={"type": "boolean"}, residentAgreementNote={"type": "string", "maxLength": 1000},
    reassessed={"type": "boolean", "description": "A reassessment was done: the next one is due by policy"}, close={"type": "boolean"})}
agreement = {"type": "object", "required": ["id","who","what","dueOn","status","overdue"], "properties": {"id": uuid, "personId": uuid, "who": {"type": "string"}, "what": {"type": "string"}, "dueOn": date, "status": astatus, "evidence": {"type": "string"}, "doneOn": date, "overdue": {"type": "boolean"}}}
agreement_create = {"type": "object", "required": ["who","what","dueOn"], "properties": {"who": text(200), "what": text(2000), "dueOn": date, "personId": uuid}}
agreement_update = {"type": "object", "properties": {"status": astatus, "evidence": {"type": "string", "maxLength": 2000}, "dueOn": date}}
plan_body = {"type": "object", "required": ["directorId","goals","strengths","involved","reassessmentDue","status"], "properties": dict(plan_content, reassessmentDue={"type": "string"}, residentAgreedOn={"type": "string"}, residentAgreementNote={"type": "string"}, status={"type": "string"})}
plan = {"type": "object", "required": ["id","householdId","householdName","members","directorId","status","startedOn","reassessmentDue","reassessmentOverdue","goals","strengths","involved","revision","agreements"], "properties": {
    "id": uuid, "householdId": uuid, "householdName": {"type": "string"}, "members": arr(ref(S+"Member")), "directorId": uuid, "status": enum("active","closed"),
    "startedOn": date, "reassessmentDue": date, "reassessmentOverdue": {"type": "boolean"}, "goals": arr(goal), "strengths": arr(strength), "involved": arr(involved),
    "residentAgreedOn": date, "residentAgreementNote": {"type": "string"}, "closedOn": date, "revision": {"type": "integer"}, "agreements": arr(ref(S+"Agreement"))}}
revision = {"type": "object", "required": ["revision","summary","changedBy","at","snapshot"], "properties": {"revision": {"type": "integer"}, "summary": {"type": "string"}, "changedBy": {"type": "string"}, "at": {"type": "string", "format": "date-time"}, "snapshot": plan_body}}
plan_item = {"type": "object", "required": ["planId","householdId","householdName","reassessmentDue"], "properties": {"planId": uuid, "householdId": uuid, "householdName": {"type": "string"}, "reassessmentDue": date}}
worklist = {"type": "object", "required": ["overdueReassessments","overdueAgreements","plansWithoutProgress","enrolmentsEndingSoon"], "properties": {
    "overdueReassessments": arr(plan_item), "plansWithoutProgress": arr(plan_item),
    "overdueAgreements": arr({"type": "object", "required": ["planId","householdName","agreement"], "properties": {"planId": uuid, "householdName": {"type": "string"}, "agreement": ref(S+"Agreement")}}),
    "enrolmentsEndingSoon": arr({"type": "object", "required": ["referralId","personId","personName","interventionName","plannedEndOn"], "properties": {"referralId": uuid, "personId": uuid, "personName": {"type": "string"}, "interventionName": {"type": "string"}, "plannedEndOn": date}})}}

# --- [3/5] money: budget, valve, policy simulation, incentives, vouchers, enforcement ---
cents = {"type": "integer", "description": "Money in euro cents"}
year_q = {"name": "year", "in": "query", "schema": {"type": "integer", "minimum": 2000, "maximum": 2100}, "description": "Default: this year"}
stream = {"type": "object", "required": ["id","year","code","name","totalCents","committedCents","spentCents","availableCents"], "properties": {
    "id": uuid, "year": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"}, "totalCents": cents, "committedCents": cents, "spentCents": cents,
    "availableCents": dict(cents, description="Negative only after a budget holder's recorded override")}}
stream_create = {"type": "object", "required": ["year","code","totalCents"], "properties": {"year": {"type": "integer", "minimum": 2000, "maximum": 2100},
    "code": dict(text(64), description="A stream of the money policy: werkdeel, WEB, WI, wmo"), "name": {"type": "string", "maxLength": 200},
    "totalCents": {"type": "integer", "minimum": 0, "maximum": 100000000000}}}
stream_update = {"type": "object", "required": ["totalCents","reason"], "properties": {"totalCents": {"type": "integer", "minimum": 0, "maximum": 100000000000}, "reason": text(2000)},
    "description": "Not below committed + spent (a cut goes through the valve). More room offers places to referrals waiting for budget, in valve order."}
line = {"type": "object", "required": ["key","label","committedCents","spentCents","count"], "properties": {"key": {"type": "string"}, "label": {"type": "string"}, "allocatedCents": cents, "committedCents": cents, "spentCents": cents, "count": {"type": "integer"}}}
exception_summary = {"type": "object", "required": ["requested","granted","refused","grantedCents"], "properties": {
    "requested": {"type": "integer"}, "granted": {"type": "integer"}, "refused": {"type": "integer"}, "grantedCents": dict(cents, description="The price of the year's granted exceptions")}}
contract_s = {"type": "object", "required": ["resultPercent","withinMonths","results","startCents","resultCents","summary"], "properties": {
    "resultPercent": {"type": "integer"}, "withinMonths": {"type": "integer"}, "results": arr(enum("exitToWork","stepUp","workingAfterSixMonths")),
    "startCents": {"type": "integer"}, "resultCents": {"type": "integer"}, "summary": {"type": "string"}}}
contract_perf = {"type": "object", "required": ["interventionId","code","name","providerName","contract","referred","started","achieved","missed","pending","spentCents"], "properties": {
    "interventionId": uuid, "code": {"type": "string"}, "name": {"type": "string"}, "providerName": {"type": "string"}, "contract": {"$ref": "#/components/schemas/Contract"},
    "referred": {"type": "integer"}, "started": {"type": "integer"}, "achieved": {"type": "integer"}, "missed": {"type": "integer"}, "pending": {"type": "integer"},
    "resultRatePercent": {"type": "integer"}, "spentCents": {"type": "integer"}, "costPerResultCents": {"type": "integer"}, "meanWaitDays": {"type": "integer"},
    "since": dict(date, description="The first referral whose money was committed under the contract; only those count")}}
approval = {"type": "object", "required": ["id","referralId","interventionId","requestedBy","requestedAt","status"], "properties": {
    "id": uuid, "referralId": uuid, "interventionId": uuid, "interventionName": {"type": "string"}, "personName": {"type": "string"}, "goal": {"type": "string"},
    "category": {"type": "integer"}, "requestedBy": {"type": "string"}, "requestedAt": {"type": "string", "format": "date-time"}, "status": enum("requested","granted","refused"),
    "decidedBy": {"type": "string"}, "decidedReason": {"type": "string"}, "decidedAt": {"type": "string", "format": "date-time"},
    "referralOutcome": enum("offered","waitingForPlace","waitingForBudget","waitingForException","withdrawn")}}
spending_exception = {"type": "object", "required": ["id","referralId","interventionId","districtCode","year","amountCents","ruleField","rule","requestedBy","requestedReason","requestedAt","status"], "properties": {
    "id": uuid, "referralId": uuid, "interventionId": uuid, "districtCode": {"type": "string"}, "category": {"type": "integer"}, "year": {"type": "integer"}, "amountCents": cents,
    "ruleField": enum("category","route"), "rule": dict(text(2000), description="The spending rule's reason, as said when the exception was asked"),
    "requestedBy": {"type": "string"}, "requestedReason": {"type": "string"}, "requestedAt": {"type": "string", "format": "date-time"},
    "status": enum("requested","granted","refused"), "decidedBy": {"type": "string"}, "decidedReason": {"type": "string"}, "decidedAt": {"type": "string", "format": "date-time"},
    "referralOutcome": dict(enum("offered","waitingForPlace","waitingForBudget","withdrawn"), description="After a decision: where the referral stands")},
    "description": "No name, BSN or diagnosis: the budget holder decides on the rule, the offer, the category and the case manager's reason."}
overview = {"type": "object", "required": ["year","streams","byCategory","byIntervention","waitingForBudget","exceptions","totalCents","committedCents","spentCents","availableCents"], "properties": {
    "year": {"type": "integer"}, "streams": arr({"type": "object", "required": ["id","code","name","totalCents","committedCents","spentCents","availableCents","byDistrict"], "properties": dict(stream["properties"], byDistrict=arr(ref(S+"BudgetLine")))}),
    "byCategory": arr(ref(S+"BudgetLine")), "byIntervention": arr(ref(S+"BudgetLine")), "waitingForBudget": {"type": "integer"},
    "exceptions": dict(exception_summary, description="Exceptions to the spending rules asked for this year"),
    "totalCents": cents, "committedCents": cents, "spentCents": cents, "availableCents": cents}}
allocation = {"type": "object", "required": ["streamId","districtCode","totalCents"], "properties": {"streamId": uuid, "districtCode": {"type": "string"}, "totalCents": cents}}
commitment = {"type": "object", "required": ["id","referralId","streamId","interventionId","districtCode","amountCents","spentCents","releasedCents","remainingCents","status"], "properties": {
    "id": uuid, "referralId": uuid, "streamId": uuid, "interventionId": uuid, "districtCode": {"type": "string"}, "category": {"type": "integer"},
    "amountCents": cents, "spentCents": cents, "releasedCents": cents, "remainingCents": cents, "status": enum("open","closed"), "overrideReason": {"type": "string"}, "overrideBy": {"type": "string"}}}
cost = {"type": "object", "required": ["id","commitmentId","amountCents","description","bookedOn","bookedBy"], "properties": {"id": uuid, "commitmentId": uuid, "amountCents": cents, "description": {"type": "string"}, "bookedOn": date, "bookedBy": {"type": "string"}}}
change = {"type": "object", "required": ["streamCode"], "properties": {"streamCode": text(64), "amountCents": {"type": "integer", "minimum": -100000000000, "maximum": 100000000000},
    "basisPoints": {"type": "integer", "minimum": -10000, "maximum": 100000, "description": "-2000 = a cut of 20%"}}, "description": "amountCents or basisPoints, not both"}
count = {"type": "object", "required": ["key","label","count"], "properties": {"key": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"}}}
valve_sim = {"type": "object", "required": ["year","createdBy","changes","streams","lapsedByCategory","lapsedByDistrict","lapsedByIntervention","startingByCategory","reasons","byCaseManager","affected"], "properties": {
    "id": uuid, "year": {"type": "integer"}, "createdBy": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"}, "changes": arr(change),
    "streams": arr({"type": "object", "required": ["code","oldTotalCents","newTotalCents","neededCents","balanceCents","lapsed","canStart","waitingLapsed","protectedHit"], "properties": {
        "code": {"type": "string"}, "oldTotalCents": cents, "newTotalCents": cents, "neededCents": cents, "balanceCents": cents, "lapsed": {"type": "integer"}, "canStart": {"type": "integer"},
        "waitingLapsed": {"type": "integer"}, "protectedHit": {"type": "boolean", "description": "Categories 1 or 2 had to give way: the cut is deeper than the valve"}}}),
    "lapsedByCategory": arr(count), "lapsedByDistrict": arr(count), "lapsedByIntervention": arr(count), "startingByCategory": arr(count), "reasons": arr({"type": "string"}),
    "byCaseManager": arr({"type": "object", "required": ["name","lapse","start"], "properties": {"caseManagerId": uuid, "name": {"type": "string"}, "lapse": {"type": "integer"}, "start": {"type": "integer"}}}),
    "affected": arr({"type": "object", "required": ["referralId","effect","districtCode","interventionId","interventionName"], "properties": {
        "referralId": uuid, "effect": enum("lapse","waitingLapse","start"), "category": {"type": "integer"}, "districtCode": {"type": "string"}, "interventionId": uuid,
        "interventionName": {"type": "string"}, "caseManagerId": uuid, "personName": {"type": "string", "description": "Only for a case manager, only their own people"}}}),
    "applied": {"type": "object", "required": ["by","reason","withdrawn","offered"], "properties": {"at": {"type": "string", "format": "date-time"}, "by": {"type": "string"}, "reason": {"type": "string"}, "withdrawn": {"type": "integer"}, "offered": {"type": "integer"}}}}}
valve_summary = {"type": "object", "required": ["id","year","createdBy"], "properties": {"id": uuid, "year": {"type": "integer"}, "createdBy": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"}, "appliedAt": {"type": "string", "format": "date-time"}}}
policy_ref = {"type": "object", "required": ["id","version"], "properties": {"id": {"type": "string"}, "version": {"type": "string"}}}
policy_sim = {"type": "object", "required": ["policy","basedOn","total","changed","matrix","changedByDistrict","committedAtRiskCents","newlyInvested"], "properties": {
    "policy": policy_ref, "basedOn": policy_ref, "total": {"type": "integer"}, "changed": {"type": "integer"},
    "matrix": arr({"type": "object", "required": ["from","counts"], "properties": {"from": enum("open","1","2","3","4","5"), "counts": arr({"type": "integer"})}}),
    "changedByDistrict": arr({"type": "object", "required": ["districtCode","label","changed"], "properties": {"districtCode": {"type": "string"}, "label": {"type": "string"}, "changed": {"type": "integer"}}}),
    "committedAtRiskCents": cents, "newlyInvested": {"type": "integer"}, "millisecondsLoad": {"type": "integer"}, "millisecondsCompute": {"type": "integer"}}}
policy_req = {"type": "object", "required": ["policy"], "properties": {"policy": {"type": "object", "description": "A whole diagnosis policy file (as Policies/diagnosis/*.json), validated like one"}}}
adoption = {"type": "object", "required": ["id","policy","reason","adoptedBy","simulation"], "properties": {"id": uuid, "policy": policy_ref, "reason": {"type": "string"}, "adoptedBy": {"type": "string"}, "adoptedAt": {"type": "string", "format": "date-time"}, "simulation": policy_sim}}
ikind = enum("outflowBonus","activationPremium","participantAllowance","performanceAllowance")
household_type = enum("single","singleParent","couple")
incentive = {"type": "object", "required": ["id","personId","referralId","kind","label","amountCents","reasons","status","createdBy"], "properties": {
    "id": uuid, "personId": uuid, "referralId": uuid, "kind": ikind, "label": {"type": "string"}, "amountCents": cents, "hours": {"type": "integer"}, "period": {"type": "string"}, "householdType": household_type,
    "reasons": arr({"type": "string"}), "status": enum("payable","exported"), "exportId": uuid, "createdBy": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"}}}
incentive_create = {"type": "object", "required": ["referralId","kind"], "properties": {"referralId": uuid, "kind": ikind,
    "amountCents": {"type": "integer", "minimum": 1, "maximum": 10000000, "description": "Not for the fixed outflow bonus and activation premium"},
    "hours": {"type": "integer", "minimum": 1, "maximum": 744, "description": "Performance allowance: the hourly rate must stay below minimum wage"},
    "period": {"type": "string", "pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$", "description": "The month it is for; required for a performance allowance"},
    "householdType": dict(household_type, description="Performance allowance (required): the benefit norm of this household plus the month's performance allowances stays below the net minimum wage of the money policy's income norms for that month (otherwise 422 naming amountCents)")}}
export_ = {"type": "object", "required": ["id","items","totalCents","createdBy"], "properties": {"id": uuid, "items": {"type": "integer"}, "totalCents": cents, "createdBy": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"}}}
business = {"type": "object", "required": ["id","code","name"], "properties": {"id": uuid, "code": {"type": "string"}, "name": {"type": "string"}, "districtCode": {"type": "string"}, "address": {"type": "string"}}}
entry = {"type": "object", "required": ["id","kind","amountCents","onDate"], "properties": {"id": uuid, "kind": enum("earn","redeem","expire"), "amountCents": cents, "onDate": date,
    "activity": {"type": "string"}, "hours": {"type": "integer"}, "approvedBy": {"type": "string"}, "business": {"type": "string"}}}
account = {"type": "object", "required": ["personId","balanceCents","entries"], "properties": {"personId": uuid, "cardCode": {"type": "string"}, "balanceCents": cents, "entries": arr(entry)}}
redemption = {"type": "object", "required": ["id","cardCode","amountCents","replayed"], "properties": {"id": uuid, "cardCode": {"type": "string"}, "amountCents": cents, "redeemedAt": {"type": "string", "format": "date-time"}, "replayed": {"type": "boolean"}}}
ecase = {"type": "object", "required": ["id","personId","agreementId","agreement","agreementDueOn","relation","relationLabel","status","statusLabel","openedBy","openedOn","alternatives","proposalReasons"], "properties": {
    "id": uuid, "personId": uuid, "agreementId": uuid, "agreement": {"type": "string"}, "agreementDueOn": date, "relation": enum("municipalBenefit","otherBenefit","noBenefit"),
    "relationLabel": {"type": "string"}, "status": enum("reminded","invited","heard","proposed","decided","closed"), "statusLabel": {"type": "string"},
    "openedBy": {"type": "string"}, "openedOn": date, "hearingOn": date, "hearingNote": {"type": "string"}, "alternatives": arr({"type": "string"}),
    "violation": {"type": "string"}, "occurrence": {"type": "integer"}, "percent": {"type": "integer"}, "months": {"type": "integer"}, "proposalReasons": arr({"type": "string"}),
    "proposedBy": {"type": "string"}, "proposedById": uuid, "proposedOn": date, "decision": enum("approved","rejected"), "decisionNote": {"type": "string"},
    "decidedBy": {"type": "string"}, "decidedOn": date, "notification": {"type": "string", "description": "The letter for the resident"}, "closedNote": {"type": "string"},
    "tablePercent": dict({"type": "integer"}, description="The policy table's percentage, when the decider lowered it"), "tableMonths": {"type": "integer"},
    "weighingReason": {"type": "string"}, "urgentReasons": enum("none","present"), "urgentReasonsNote": {"type": "string"}}}
estep_bodies = {
  "hearing": ({"type": "object", "required": ["note"], "properties": {"heldOn": date, "note": text(4000)}}, "Record the hearing (after a reminder or invitation)"),
  "alternatives": ({"type": "object", "required": ["alternatives"], "properties": {"alternatives": arr({"type": "string", "minLength": 10, "maxLength": 1000})}}, "Record which other ways were tried (needed before a proposal)"),
  "proposal": ({"type": "object", "required": ["violation"], "properties": {"violation": dict(text(64), example="agreementMissed")}}, "Propose a sanction: municipal benefit only, after the hearing, with alternatives recorded; percentage and months from the policy table"),
  "decision": ({"type": "object", "required": ["decision"], "properties": {"decision": enum("approve","reject"), "note": {"type": "string", "maxLength": 4000},
      "percent": dict({"type": "integer", "minimum": 0, "maximum": 100}, description="Lower than the policy table's, never higher (default: the table's)"),
      "months": dict({"type": "integer", "minimum": 0, "maximum": 36}, description="Shorter than the policy table's, never longer (default: the table's)"),
      "weighingReason": dict({"type": "string", "maxLength": 2000}, description="Required (10+ characters) when percent or months are lowered: the resident's circumstances weighed"),
      "urgentReasons": dict(enum("none","present"), description="Required with approve: whether there are urgent reasons (dringende redenen)"),
      "urgentReasonsNote": dict({"type": "string", "maxLength": 2000}, description="Required (10+ characters) when urgentReasons is present")}},
      "Decide (four eyes: not the proposer), weighing the table's measure (only lower, with a reason) and recording the assessment of urgent reasons; writes the letter for the resident, which states both"),
  "close": ({"type": "object", "required": ["note"], "properties": {"note": text(4000)}}, "Close before a proposal (agreement kept or a new agreement made)"),
}

def problem_resp(desc): return {"description": desc, "headers": {"API-Version": ref("#/components/headers/API-Version")}, "content": {"application/problem+json": {"schema": ref(S+"Problem")}}}

spec = {
 "openapi": "3.0.3",
 "info": {"title": "Meedoen API", "version": "1.0.0",
   "description": "Participation platform for Dutch municipalities: registry, assessments, diagnosis, household plans, the intervention catalogue, referrals with capacity and waiting lists, and matching. Follows the NL API Design Rules: plural kebab-case resources, major version in the path, API-Version header, RFC 9457 problem+json errors. Texts follow Accept-Language (nl default, en).",
   "contact": {"name": "Meedoen", "url": "https://example.org/meedoen"}, "license": {"name": "EUPL-1.2"}},
 "servers": [{"url": "/api/v1"}],
 "security": sec,
 "tags": [{"name": t} for t in ["persons","households","assessments","diagnoses","catalogue","referrals","matching","plans","reference"]],
 "paths": {
  "/persons": {
   "get": {"operationId": "listPersons", "tags": ["persons"], "summary": "The caller's caseload, need-to-know applied",
     "parameters": [lang, {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}, "description": "Words of the given or family name, in any order; or a BSN (case managers and counter staff only: other roles get 422)"},
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1}},
                    {"name": "pageSize", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}],
     "responses": dict({"200": resp("A page of persons", ref(S+"PersonPage"))}, **errs(400,401,403,422))},
   "post": {"operationId": "createPerson", "tags": ["persons"], "summary": "Register a resident", "parameters": [lang],
     "requestBody": body(ref(S+"PersonCreate")),
     "responses": dict({"201": dict(resp("Registered", ref(S+"Person")), headers={"API-Version": ref("#/components/headers/API-Version"), "Location": {"schema": {"type": "string"}}})}, **errs(400,401,403,409,422))}},
  "/persons/{id}": {"get": {"operationId": "getPerson", "tags": ["persons"], "summary": "The dossier: person, household, assessments, diagnoses (audited)",
     "parameters": idp + [lang], "responses": dict({"200": resp("The dossier", ref(S+"Dossier"))}, **errs(401,403,404))},
   "patch": {"operationId": "updatePerson", "tags": ["persons"], "summary": "Change details or assign a case manager; only the fields sent change. BSN and birth date are read-only.",
     "parameters": idp + [lang], "requestBody": body(ref(S+"PersonUpdate")),
     "responses": dict({"200": resp("The person", ref(S+"Person"))}, **errs(400,401,403,404,422))}},
  "/persons/{id}/assessments": {
   "get": {"operationId": "listAssessments", "tags": ["assessments"], "parameters": idp + [lang], "responses": dict({"200": resp("Rung and ZRM history", arr(ref(S+"Assessment")))}, **errs(401,403,404))},
   "post": {"operationId": "createAssessment", "tags": ["assessments"], "summary": "Record a ladder rung (proposed from facts) or a ZRM", "parameters": idp + [lang],
     "requestBody": body(ref(S+"AssessmentCreate")), "responses": dict({"201": resp("Recorded", ref(S+"Assessment"))}, **errs(400,401,403,404,422))}},
  "/persons/{id}/diagnoses": {
   "get": {"operationId": "listDiagnoses", "tags": ["diagnoses"], "parameters": idp + [lang], "responses": dict({"200": resp("Diagnoses, newest first", arr(ref(S+"Diagnosis")))}, **errs(401,403,404))},
   "post": {"operationId": "createDiagnosis", "tags": ["diagnoses"], "summary": "Diagnose and record the professional's decision", "parameters": idp + [lang],
     "requestBody": body(ref(S+"DiagnosisCreate")), "responses": dict({"201": resp("Recorded", ref(S+"Diagnosis"))}, **errs(400,401,403,404,422))}},
  "/persons/{id}/exits": {
   "get": {"operationId": "listExits", "tags": ["persons"], "summary": "When the person left for work or school, newest first (a need to know as a case manager; audited)",
     "parameters": idp + [lang], "responses": dict({"200": resp("Exits", arr(ref(S+"Exit")))}, **errs(401,403,404))},
   "post": {"operationId": "recordExit", "tags": ["persons"], "summary": "The case manager records that the person left for work or school (also without an enrolment); outflow to work counts people by this date",
     "parameters": idp + [lang], "requestBody": body({"type": "object", "required": ["kind","leftOn"], "properties": {"kind": enum("work","school"), "leftOn": dict(date, description="Not in the future"), "note": {"type": "string", "maxLength": 2000}}}),
     "responses": dict({"201": resp("Recorded", ref(S+"Exit"))}, **errs(400,401,403,404,409,422))}},
  "/persons/{id}/obligations": {
   "get": {"operationId": "listObligations", "tags": ["persons"], "summary": "The reciprocal contribution (tegenprestatie) and exemptions from a duty, newest first (a need to know as a case manager; audited)",
     "parameters": idp + [lang], "responses": dict({"200": resp("Contributions and exemptions", arr(ref(S+"Obligation")))}, **errs(401,403,404))},
   "post": {"operationId": "recordObligation", "tags": ["persons"], "summary": "The case manager records a contribution (what, hours a week, from-until; informal care counts as enough) or an exemption (duty, reason, end date at most five years on; reviewed in My work a month before it ends)",
     "parameters": idp + [lang], "requestBody": body({"type": "object", "required": ["kind","fromOn"], "properties": {"kind": enum("contribution","exemption"),
        "what": dict(text(500), description="Contribution: what the resident does"), "hoursPerWeek": {"type": "integer", "minimum": 1, "maximum": 40, "description": "Contribution: required unless informalCare"},
        "informalCare": {"type": "boolean", "description": "Contribution: it is informal care (mantelzorg), which counts as enough"},
        "duty": dict(enum("work","contribution"), description="Exemption: the duty it releases from"), "reason": {"type": "string", "minLength": 10, "maxLength": 2000, "description": "Exemption"},
        "fromOn": date, "untilOn": dict(date, description="Exemption: required, after fromOn, at most five years on")}}),
     "responses": dict({"201": resp("Recorded", ref(S+"Obligation"))}, **errs(400,401,403,404,422))}},
  "/persons/{id}/audit-events": {"get": {"operationId": "listAuditEvents", "tags": ["persons"], "summary": "Who looked at or changed this file (a resident may read their own)",
     "parameters": idp + [lang], "responses": dict({"200": resp("Audit events, newest first", arr(ref(S+"AuditEvent")))}, **errs(401,403,404))}},
  "/households": {"post": {"operationId": "createHousehold", "tags": ["households"], "parameters": [lang],
     "requestBody": body({"type": "object", "required": ["name","districtCode"], "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 200}, "address": {"type": "string", "maxLength": 300}, "districtCode": {"type": "string", "minLength": 1, "maxLength": 8}, "memberIds": arr(uuid)}}),
     "responses": dict({"201": resp("Created", ref(S+"Household"))}, **errs(400,401,403,422))}},
  "/households/{id}": {"get": {"operationId": "getHousehold", "tags": ["households"], "parameters": idp + [lang], "responses": dict({"200": resp("The household", ref(S+"Household"))}, **errs(401,403,404))}},
  "/households/{id}/members": {"post": {"operationId": "addHouseholdMember", "tags": ["households"], "parameters": idp + [lang],
     "requestBody": body({"type": "object", "required": ["personId"], "properties": {"personId": uuid}}),
     "responses": dict({"200": resp("The household", ref(S+"Household"))}, **errs(400,401,403,404,422))}},
  "/diagnoses/preview": {"post": {"operationId": "previewDiagnosis", "tags": ["diagnoses"], "summary": "Run the diagnosis on facts; stores nothing. Any authenticated professional.",
     "parameters": [lang], "requestBody": body(ref(S+"DiagnosisFacts")), "responses": dict({"200": resp("The proposal with its reasons", ref(S+"DiagnosisProposal"))}, **errs(400,401,403,422))}},
  "/districts": {"get": {"operationId": "listDistricts", "tags": ["reference"], "parameters": [lang], "responses": dict({"200": resp("Districts", arr({"type": "object", "required": ["code","name"], "properties": {"code": {"type": "string"}, "name": {"type": "string"}}}))}, **errs(401))}},
  "/ladders": {"get": {"operationId": "listLadders", "tags": ["reference"], "parameters": [lang], "responses": dict({"200": resp("Configured ladders", arr({"type": "object", "required": ["id","name","rungs","domains","proposesFromFacts"], "properties": {
      "id": {"type": "string"}, "name": {"type": "string"}, "rungs": arr({"type": "object", "required": ["number","name"], "properties": {"number": {"type": "integer"}, "name": {"type": "string"}}}),
      "domains": arr({"type": "string"}), "proposesFromFacts": {"type": "boolean"}}}))}, **errs(401))}},
  "/policies/current": {"get": {"operationId": "getCurrentPolicy", "tags": ["reference"], "parameters": [lang], "responses": dict({"200": resp("The diagnosis policy in force", {"type": "object", "required": ["id","version","name","targetGroups"], "properties": {
      "id": {"type": "string"}, "version": {"type": "string"}, "name": {"type": "string"},
      "targetGroups": arr({"type": "object", "required": ["id","category","name"], "properties": {"id": {"type": "string"}, "category": {"type": "integer"}, "name": {"type": "string"}}})}})}, **errs(401,403))}},
  "/me": {"get": {"operationId": "getMe", "tags": ["reference"], "parameters": [lang], "responses": dict({"200": resp("The current user", {"type": "object", "required": ["id","username","displayName","roles"], "properties": {
      "id": uuid, "username": {"type": "string"}, "displayName": {"type": "string"}, "roles": arr({"type": "string"}), "districtCode": {"type": "string"}, "personId": uuid}})}, **errs(401))}},

  "/providers": {"get": {"operationId": "listProviders", "tags": ["catalogue"], "parameters": [lang], "responses": dict({"200": resp("Providers", arr(ref(S+"Provider")))}, **errs(401))},
     "post": {"operationId": "createProvider", "tags": ["catalogue"], "summary": "Administrators and policy staff", "parameters": [lang],
       "requestBody": body({"type": "object", "required": ["code","name"], "properties": {"code": text(64), "name": text(200), "contact": {"type": "string", "maxLength": 200}}}),
       "responses": dict({"201": resp("Created", ref(S+"Provider"))}, **errs(400,401,403,409,422))}},
  "/interventions": {"get": {"operationId": "listInterventions", "tags": ["catalogue"], "summary": "The catalogue with free places and waiting lists (no personal data)",
       "parameters": [lang, {"name": "districtCode", "in": "query", "schema": {"type": "string", "maxLength": 8}, "description": "Basic package plus this district's plus package"},
                      {"name": "type", "in": "query", "schema": itype}, {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}}],
       "responses": dict({"200": resp("Interventions", arr(ref(S+"Intervention")))}, **errs(401,422))},
     "post": {"operationId": "createIntervention", "tags": ["catalogue"], "summary": "Administrators and policy staff", "parameters": [lang],
       "requestBody": body(ref(S+"InterventionCreate")), "responses": dict({"201": dict(resp("Created", ref(S+"Intervention")), headers={"API-Version": ref("#/components/headers/API-Version"), "Location": {"schema": {"type": "string"}}})}, **errs(400,401,403,422))}},
  "/interventions/{id}": {"get": {"operationId": "getIntervention", "tags": ["catalogue"], "parameters": idp + [lang], "responses": dict({"200": resp("The intervention", ref(S+"Intervention"))}, **errs(401,404))},
     "patch": {"operationId": "updateIntervention", "tags": ["catalogue"], "summary": "Change an offer; more capacity is offered to the waiting list at once", "parameters": idp + [lang],
       "requestBody": body(ref(S+"InterventionUpdate")), "responses": dict({"200": resp("The intervention", ref(S+"Intervention"))}, **errs(400,401,403,404,422))}},
  "/interventions/{id}/waiting-list": {"get": {"operationId": "getWaitingList", "tags": ["referrals"], "summary": "In order: priority category, then referral time (case managers)",
       "parameters": idp + [lang], "responses": dict({"200": resp("The waiting list", arr(ref(S+"WaitingEntry")))}, **errs(401,403,404))}},
  "/interventions/{id}/candidates": {"get": {"operationId": "listCandidates", "tags": ["matching"], "summary": "The people in the caller's caseload who fit this place (case managers)",
       "parameters": idp + [lang], "responses": dict({"200": resp("Candidates, priority category first", arr(ref(S+"Candidate")))}, **errs(401,403,404))}},
  "/persons/{id}/matches": {"get": {"operationId": "listMatches", "tags": ["matching"], "summary": "Interventions that fit the person, ranked and explained",
       "parameters": idp + [lang, {"name": "all", "in": "query", "schema": {"type": "boolean"}, "description": "Also list offers that do not fit, with the criteria they miss"}],
       "responses": dict({"200": resp("Matches", ref(S+"PersonMatches"))}, **errs(401,403,404,422))}},
  "/referrals": {"get": {"operationId": "listReferrals", "tags": ["referrals"], "summary": "Providers: referrals to their own interventions (not waiting ones). Case managers: of people they have a need to know.",
       "parameters": [lang, {"name": "personId", "in": "query", "schema": uuid}, {"name": "interventionId", "in": "query", "schema": uuid}, {"name": "status", "in": "query", "schema": rstatus}],
       "responses": dict({"200": resp("Referrals", arr(ref(S+"Referral")))}, **errs(401,403,422))},
     "post": {"operationId": "createReferral", "tags": ["referrals"], "summary": "Refer: a free place is offered at once, otherwise the referral waits", "parameters": [lang],
       "requestBody": body(ref(S+"ReferralCreate")), "responses": dict({"201": dict(resp("Referred (status offered or waiting)", ref(S+"Referral")), headers={"API-Version": ref("#/components/headers/API-Version"), "Location": {"schema": {"type": "string"}}})}, **errs(400,401,403,404,409,422))}},
  "/referrals/{id}": {"get": {"operationId": "getReferral", "tags": ["referrals"], "summary": "One referral (audited; a provider's read too)", "parameters": idp + [lang], "responses": dict({"200": resp("The referral", ref(S+"Referral"))}, **errs(401,403,404))}},
  "/referrals/{id}/accept": {"post": dict({"operationId": "acceptReferral", "tags": ["referrals"], "summary": action_summaries["accept"], "parameters": idp + [lang], "responses": dict({"200": resp("The referral", ref(S+"Referral"))}, **errs(400,401,403,404,409,422))}, **({"requestBody": body(action_bodies["accept"])} if action_bodies["accept"] else {}))},
  "/referrals/{id}/refuse": {"post": dict({"operationId": "refuseReferral", "tags": ["referrals"], "summary": action_summaries["refuse"], "parameters": idp + [lang], "responses": dict({"200": resp("The referral", ref(S+"Referral"))}, **errs(400,401,403,404,409,422))}, **({"requestBody": body(action_bodies["refuse"])} if action_bodies["refuse"] else {}))},
  "/referrals/{id}/start": {"post": dict({"operationId": "startReferral", "tags": ["referrals"], "summary": action_summaries["start"], "parameters": idp + [lang], "responses": dict({"200": resp("The referral", ref(S+"Referral"))}, **errs(400,401,403,404,409,422))}, **({"requestBody": dict(body(action_bodies["start"]), required=False)} if action_bodies["start"] else {}))},
  "/referrals/{id}/notes": {"post": dict({"operationId": "noteReferral", "tags": ["referrals"], "summary": action_summaries["notes"], "parameters": idp + [lang], "responses": dict({"200": resp("The referral", ref(S+"Referral"))}, **errs(400,401,403,404,409,422))}, **({"requestBody": body(action_bodies["notes"])} if action_bodies["notes"] else {}))},
  "/referrals/{id}/end": {"post": dict({"operationId": "endReferral", "tags": ["referrals"], "summary": action_summaries["end"], "parameters": idp + [lang], "responses": dict({"200": resp("The referral", ref(S+"Referral"))}, **errs(400,401,403,404,409,422))}, **({"requestBody": body(action_bodies["end"])} if action_bodies["end"] else {}))},
  "/referrals/{id}/withdraw": {"post": dict({"operationId": "withdrawReferral", "tags": ["referrals"], "summary": action_summaries["withdraw"], "parameters": idp + [lang], "responses": dict({"200": resp("The referral", ref(S+"Referral"))}, **errs(400,401,403,404,409,422))}, **({"requestBody": body(action_bodies["withdraw"])} if action_bodies["withdraw"] else {}))},

  "/plans": {"post": {"operationId": "createPlan", "tags": ["plans"], "summary": "The household's one plan (case managers, case-table chairs)", "parameters": [lang],
       "requestBody": body(ref(S+"PlanCreate")), "responses": dict({"201": dict(resp("Created", ref(S+"Plan")), headers={"API-Version": ref("#/components/headers/API-Version"), "Location": {"schema": {"type": "string"}}})}, **errs(400,401,403,404,409,422))}},
  "/plans/{id}": {"get": {"operationId": "getPlan", "tags": ["plans"], "parameters": idp + [lang], "responses": dict({"200": resp("The plan", ref(S+"Plan"))}, **errs(401,403,404))},
     "patch": {"operationId": "updatePlan", "tags": ["plans"], "summary": "Change the plan; each change is a revision", "parameters": idp + [lang],
       "requestBody": body(ref(S+"PlanUpdate")), "responses": dict({"200": resp("The plan", ref(S+"Plan"))}, **errs(400,401,403,404,409,422))}},
  "/plans/{id}/revisions": {"get": {"operationId": "listPlanRevisions", "tags": ["plans"], "parameters": idp + [lang], "responses": dict({"200": resp("History, newest first", arr(ref(S+"PlanRevision")))}, **errs(401,403,404))}},
  "/plans/{id}/agreements": {"post": {"operationId": "createAgreement", "tags": ["plans"], "parameters": idp + [lang], "requestBody": body(ref(S+"AgreementCreate")),
       "responses": dict({"201": resp("Created", ref(S+"Agreement"))}, **errs(400,401,403,404,422))}},
  "/plans/{id}/agreements/{agreementId}": {"patch": {"operationId": "updateAgreement", "tags": ["plans"], "parameters": idp + [{"name": "agreementId", "in": "path", "required": True, "schema": uuid}, lang],
       "requestBody": body(ref(S+"AgreementUpdate")), "responses": dict({"200": resp("The agreement", ref(S+"Agreement"))}, **errs(400,401,403,404,422))}},
  "/households/{id}/plan": {"get": {"operationId": "getHouseholdPlan", "tags": ["plans"], "parameters": idp + [lang], "responses": dict({"200": resp("The active plan", ref(S+"Plan"))}, **errs(401,403,404))}},
  "/worklist": {"get": {"operationId": "getWorklist", "tags": ["plans"], "summary": "My work: overdue reassessments and agreements, plans without progress, enrolments ending soon",
       "parameters": [lang], "responses": dict({"200": resp("The work list", ref(S+"Worklist"))}, **errs(401,403))}},
 },
 "components": {
  "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "description": "API token from `meedoen user add`"}},
  "headers": {"API-Version": {"description": "Full version of the API (NL API Design Rules)", "schema": {"type": "string", "example": "1.0.0"}}},
  "parameters": {"id": {"name": "id", "in": "path", "required": True, "schema": uuid},
                 "AcceptLanguage": {"name": "Accept-Language", "in": "header", "required": False, "schema": {"type": "string", "example": "nl"}}},
  "responses": {"BadRequest": problem_resp("The request could not be read"), "Unauthorized": problem_resp("Not signed in"),
                "Forbidden": problem_resp("No role or need to know"), "NotFound": problem_resp("Not found"),
                "Conflict": problem_resp("Conflicts with existing data (e.g. BSN already registered)"), "Invalid": problem_resp("Invalid input; invalid-params names every field")},
  "schemas": {"PersonCreate": person_create, "PersonUpdate": person_update, "Person": person, "PersonSummary": summary, "PersonPage": page, "Member": member, "Household": household,
              "Reason": reason, "DiagnosisFacts": preview_req, "DiagnosisProposal": proposal, "DiagnosisCreate": diag_req, "Diagnosis": diagnosis,
              "AssessmentCreate": assess_req, "Assessment": assessment, "ZrmScores": zrm, "Dossier": dossier, "AuditEvent": audit, "Problem": problem,
              "Provider": provider, "InterventionCreate": iv_create, "InterventionUpdate": iv_update, "Intervention": intervention,
              "Obligation": {"type": "object", "required": ["id","kind","kindLabel","informalCare","fromOn","recordedBy"], "properties": {"id": uuid, "kind": enum("contribution","exemption"), "kindLabel": {"type": "string"},
                  "what": {"type": "string"}, "hoursPerWeek": {"type": "integer"}, "informalCare": {"type": "boolean"}, "duty": enum("work","contribution"), "reason": {"type": "string"}, "fromOn": date, "untilOn": date, "recordedBy": {"type": "string"}}},
              "Exit": {"type": "object", "required": ["id","kind","kindLabel","leftOn"], "properties": {"id": uuid, "kind": enum("work","school"), "kindLabel": {"type": "string"}, "leftOn": date,
                  "referralId": dict(uuid, description="The enrolment that ended with exit to work, if any"), "note": {"type": "string"}, "recordedBy": {"type": "string"}}},
              "ReferralCreate": referral_create, "Referral": referral, "PersonMatches": matches, "Candidate": candidate, "WaitingEntry": waiting,
              "PlanCreate": plan_create, "PlanUpdate": plan_update, "Plan": plan, "PlanRevision": revision, "Agreement": agreement,
              "AgreementCreate": agreement_create, "AgreementUpdate": agreement_update, "Worklist": worklist}}
}

created_loc = lambda d, sch: {"201": dict(resp(d, sch), headers={"API-Version": ref("#/components/headers/API-Version"), "Location": {"schema": {"type": "string"}}})}
spec["paths"].update({
  "/budget": {"get": {"operationId": "getBudget", "tags": ["budget"], "summary": "Available / committed / spent per stream, district, category and intervention (budget holders, policy staff; aggregates only)",
       "parameters": [lang, year_q], "responses": dict({"200": resp("The budget", ref(S+"BudgetOverview"))}, **errs(401,403,422))}},
  "/budget-streams": {"post": {"operationId": "createBudgetStream", "tags": ["budget"], "summary": "A funding stream for a year (budget holders)", "parameters": [lang],
       "requestBody": body(stream_create), "responses": dict({"201": resp("Created", ref(S+"FundingStream"))}, **errs(400,401,403,409,422))}},
  "/budget-streams/{id}": {"patch": {"operationId": "updateBudgetStream", "tags": ["budget"], "summary": "Change the total (budget holders)", "parameters": idp + [lang],
       "requestBody": body(stream_update), "responses": dict({"200": resp("The stream", ref(S+"FundingStream"))}, **errs(400,401,403,404,409,422))}},
  "/budget-streams/{id}/allocations": {"post": {"operationId": "allocateBudget", "tags": ["budget"], "summary": "Allocate part of a stream to a district (budget holders)", "parameters": idp + [lang],
       "requestBody": body({"type": "object", "required": ["districtCode","totalCents"], "properties": {"districtCode": text(8), "totalCents": {"type": "integer", "minimum": 0, "maximum": 100000000000}}}),
       "responses": dict({"201": resp("Allocated", allocation)}, **errs(400,401,403,404,422))}},
  "/commitments": {"get": {"operationId": "listCommitments", "tags": ["budget"], "summary": "Commitments (budget holders, policy staff; no names)",
       "parameters": [lang, {"name": "streamId", "in": "query", "schema": uuid}, {"name": "status", "in": "query", "schema": enum("open","closed")}],
       "responses": dict({"200": resp("Commitments", arr(ref(S+"Commitment")))}, **errs(401,403,422))}},
  "/commitments/{id}/costs": {"post": {"operationId": "bookCost", "tags": ["budget"], "summary": "Book an actual cost against a commitment, never beyond it (budget holders)", "parameters": idp + [lang],
       "requestBody": body({"type": "object", "required": ["amountCents","description"], "properties": {"amountCents": {"type": "integer", "minimum": 1, "maximum": 100000000}, "description": text(500), "bookedOn": date}}),
       "responses": dict({"201": resp("Booked", cost)}, **errs(400,401,403,404,422))}},
  "/referrals/{id}/fund": {"post": {"operationId": "fundReferral", "tags": ["budget"], "summary": "A budget holder funds a referral that waits for budget, beyond the stream's room, with a recorded reason (capacity is never exceeded)",
       "parameters": idp + [lang], "requestBody": body({"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string", "minLength": 10, "maxLength": 2000}}}),
       "responses": dict({"200": resp("The commitment", ref(S+"Commitment"))}, **errs(400,401,403,404,409,422))}},
  "/spending-exceptions": {"get": {"operationId": "listSpendingExceptions", "tags": ["budget"], "summary": "Requests for an exception to the spending rules waiting for a decision, oldest first, 50 at most (budget holders; no names; each read audited on the person's file)",
       "parameters": [lang], "responses": dict({"200": resp("The requests", arr(ref(S+"SpendingException")))}, **errs(401,403))}},
  "/spending-exceptions/{id}/decision": {"post": {"operationId": "decideSpendingException", "tags": ["budget"], "summary": "A budget holder grants (the referral then takes a free place with money from its stream, or waits for them) or refuses (the referral is withdrawn), with a reason; audited",
       "parameters": idp + [lang], "requestBody": body({"type": "object", "required": ["decision","reason"], "properties": {"decision": enum("grant","refuse"), "reason": {"type": "string", "minLength": 10, "maxLength": 2000}}}),
       "responses": dict({"200": resp("The decided exception", ref(S+"SpendingException"))}, **errs(400,401,403,404,409,422))}},
  "/contract-performance": {"get": {"operationId": "listContractPerformance", "tags": ["budget"], "summary": "Per offer with a result-based contract: referred, started, results achieved, missed and pending, the result rate, what was paid, cost per result and mean waiting days (budget holders: all; a provider: its own; no names)",
       "parameters": [lang], "responses": dict({"200": resp("The contracts", arr(ref(S+"ContractPerformance")))}, **errs(401,403))}},
  "/referrals/{id}/result-check": {"post": {"operationId": "checkReferralResult", "tags": ["referrals"], "summary": "Six months after an exit to work under a contract that pays for still working then: the case manager records whether the resident still works (yes pays the result part, not before it is due; no releases it); audited",
       "parameters": idp + [lang], "requestBody": body({"type": "object", "required": ["stillWorking"], "properties": {"stillWorking": {"type": "boolean"}}}),
       "responses": dict({"200": resp("What was paid or released", {"type": "object", "required": ["referralId","paidCents","releasedCents","reason"], "properties": {"referralId": uuid, "result": enum("achieved","missed"), "paidCents": {"type": "integer"}, "releasedCents": {"type": "integer"}, "reason": {"type": "string"}}})}, **errs(400,401,403,404,409,422))}},
  "/approvals": {"get": {"operationId": "listApprovals", "tags": ["referrals"], "summary": "Referrals to offers that need a specialist's approval, waiting for it, oldest first, 50 at most (specialists; each read audited on the person's file)",
       "parameters": [lang], "responses": dict({"200": resp("The requests", arr(ref(S+"Approval")))}, **errs(401,403))}},
  "/approvals/{id}/decision": {"post": {"operationId": "decideApproval", "tags": ["referrals"], "summary": "A specialist grants (the referral then takes a free place with money, or goes on to the budget holder when an exception to the spending rules was asked) or refuses (the referral is withdrawn), with a reason; audited",
       "parameters": idp + [lang], "requestBody": body({"type": "object", "required": ["decision","reason"], "properties": {"decision": enum("grant","refuse"), "reason": {"type": "string", "minLength": 10, "maxLength": 2000}}}),
       "responses": dict({"200": resp("The decided request", ref(S+"Approval"))}, **errs(400,401,403,404,409,422))}},
  "/valve-simulations": {"get": {"operationId": "listValveSimulations", "tags": ["budget"], "parameters": [lang], "responses": dict({"200": resp("Simulations, newest first", arr(valve_summary))}, **errs(401,403))},
       "post": {"operationId": "simulateValve", "tags": ["budget"], "summary": "What a cut or increase per stream would do, category 3 first; changes nothing (budget holders, policy staff)", "parameters": [lang],
       "requestBody": body({"type": "object", "required": ["changes"], "properties": {"year": {"type": "integer", "minimum": 2000, "maximum": 2100}, "changes": dict(arr(change), minItems=1, maxItems=20)}}),
       "responses": dict(created_loc("The simulation", ref(S+"ValveSimulation")), **errs(400,401,403,422))}},
  "/valve-simulations/{id}": {"get": {"operationId": "getValveSimulation", "tags": ["budget"], "summary": "Budget holders and policy staff: without names. A case manager: only their own people, by name (audited).",
       "parameters": idp + [lang], "responses": dict({"200": resp("The simulation", ref(S+"ValveSimulation"))}, **errs(401,403,404))}},
  "/valve-simulations/{id}/apply": {"post": {"operationId": "applyValveSimulation", "tags": ["budget"], "summary": "Apply (budget holders, once, audited): recomputed on today's budget; offers lapse, waiting referrals start",
       "parameters": idp + [lang], "requestBody": body({"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string", "minLength": 10, "maxLength": 2000}}}),
       "responses": dict({"200": resp("What was done", ref(S+"ValveSimulation"))}, **errs(400,401,403,404,409,422))}},
  "/policy-simulations": {"post": {"operationId": "simulatePolicy", "tags": ["budget"], "summary": "Recompute everyone's category under a draft policy: old × new, per district, budget effect (policy staff, budget holders)",
       "parameters": [lang], "requestBody": body(policy_req), "responses": dict({"200": resp("The shift", ref(S+"PolicySimulation"))}, **errs(400,401,403,422))}},
  "/policy-adoptions": {"get": {"operationId": "listPolicyAdoptions", "tags": ["budget"], "parameters": [lang], "responses": dict({"200": resp("Adopted versions, newest first", arr(adoption))}, **errs(401,403))},
       "post": {"operationId": "adoptPolicy", "tags": ["budget"], "summary": "Adopt a policy version for new diagnoses (policy staff; audited; old diagnoses keep their version)", "parameters": [lang],
       "requestBody": body({"type": "object", "required": ["policy","reason"], "properties": {"policy": policy_req["properties"]["policy"], "reason": {"type": "string", "minLength": 10, "maxLength": 2000}}}),
       "responses": dict({"201": resp("Adopted", adoption)}, **errs(400,401,403,409,422))}},
  "/incentive-payments": {"get": {"operationId": "listIncentives", "tags": ["incentives"], "summary": "Case managers: of people they have a need to know. Budget holders: all (audited).",
       "parameters": [lang, {"name": "personId", "in": "query", "schema": uuid}, {"name": "referralId", "in": "query", "schema": uuid}, {"name": "status", "in": "query", "schema": enum("payable","exported")}],
       "responses": dict({"200": resp("Items", arr(ref(S+"Incentive")))}, **errs(401,403,422))},
       "post": {"operationId": "createIncentive", "tags": ["incentives"], "summary": "Record an incentive; the policy decides whether it is payable and says why not", "parameters": [lang],
       "requestBody": body(incentive_create), "responses": dict({"201": resp("Payable", ref(S+"Incentive"))}, **errs(400,401,403,404,409,422))}},
  "/incentive-exports": {"post": {"operationId": "exportIncentives", "tags": ["incentives"], "summary": "Export every payable item once, for the payment system (payments officers; asks why, audited for every resident in it)", "parameters": [lang],
       "requestBody": body({"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string", "minLength": 5, "maxLength": 300, "description": "Why the file is made; written in the access log of every resident in it"}}}),
       "responses": dict(created_loc("The export", export_), **errs(401,403,409,422))}},
  "/incentive-exports/{id}": {"get": {"operationId": "getIncentiveExport", "tags": ["incentives"], "summary": "The export as CSV (semicolons, UTF-8 with BOM); payments officers, with a reason, audited for every resident in it",
       "parameters": idp + [{"name": "reason", "in": "query", "required": True, "schema": {"type": "string", "minLength": 5, "maxLength": 300}, "description": "Why the file is opened"}, lang],
       "responses": dict({"200": {"description": "CSV", "headers": {"API-Version": ref("#/components/headers/API-Version")}, "content": {"text/csv": {"schema": {"type": "string"}}}}}, **errs(401,403,404,422))}},
  "/businesses": {"get": {"operationId": "listBusinesses", "tags": ["vouchers"], "parameters": [lang], "responses": dict({"200": resp("Registered local businesses", arr(business))}, **errs(401))},
       "post": {"operationId": "createBusiness", "tags": ["vouchers"], "summary": "Register a local business (administrators)", "parameters": [lang],
       "requestBody": body({"type": "object", "required": ["code","name"], "properties": {"code": {"type": "string", "pattern": "^[a-z0-9-]{2,40}$"}, "name": text(200), "districtCode": {"type": "string", "maxLength": 8}, "address": {"type": "string", "maxLength": 200}}}),
       "responses": dict({"201": resp("Registered", business)}, **errs(400,401,403,409,422))}},
  "/persons/{id}/vouchers": {"get": {"operationId": "getVouchers", "tags": ["vouchers"], "summary": "Balance and history (the resident themselves, or a need to know; audited)", "parameters": idp + [lang],
       "responses": dict({"200": resp("The account", ref(S+"VoucherAccount"))}, **errs(401,403,404))}},
  "/persons/{id}/voucher-earnings": {"post": {"operationId": "earnVouchers", "tags": ["vouchers"], "summary": "An activity in the neighbourhood, approved by a professional or the provider: hours × the policy rate", "parameters": idp + [lang],
       "requestBody": body({"type": "object", "required": ["activity","hours"], "properties": {"activity": text(200), "hours": {"type": "integer", "minimum": 1, "maximum": 40}, "on": date}}),
       "responses": dict({"201": resp("Credited", entry)}, **errs(400,401,403,404,422))}},
  "/voucher-redemptions": {"post": {"operationId": "redeemVouchers", "tags": ["vouchers"], "summary": "A registered business redeems; the same Idempotency-Key again answers 200 with the first result and changes nothing",
       "parameters": [lang, {"name": "Idempotency-Key", "in": "header", "required": True, "schema": {"type": "string", "minLength": 8, "maxLength": 100}}],
       "requestBody": body({"type": "object", "required": ["cardCode","amountCents"], "properties": {"cardCode": text(20), "amountCents": {"type": "integer", "minimum": 1, "maximum": 100000}}}),
       "responses": dict({"201": resp("Redeemed", ref(S+"Redemption")), "200": resp("Already redeemed with this key", ref(S+"Redemption"))}, **errs(400,401,403,409,422))}},
  "/voucher-expiries": {"post": {"operationId": "expireVouchers", "tags": ["vouchers"], "summary": "Vouchers earned up to the end of an ended year and not spent expire, first in first out (budget holders)", "parameters": [lang],
       "requestBody": body({"type": "object", "required": ["year"], "properties": {"year": {"type": "integer", "minimum": 2000, "maximum": 2100}}}),
       "responses": dict({"200": resp("Expired", {"type": "object", "required": ["year","accounts","expiredCents"], "properties": {"year": {"type": "integer"}, "accounts": {"type": "integer"}, "expiredCents": cents}})}, **errs(400,401,403,409,422))}},
  "/enforcement-cases": {"post": {"operationId": "openEnforcementCase", "tags": ["enforcement"], "summary": "On an overdue agreement: a reminder (municipal benefit) or an invitation (others)", "parameters": [lang],
       "requestBody": body({"type": "object", "required": ["agreementId"], "properties": {"agreementId": uuid}}),
       "responses": dict({"201": resp("Opened", ref(S+"EnforcementCase"))}, **errs(400,401,403,404,409,422))}},
  "/enforcement-cases/{id}": {"get": {"operationId": "getEnforcementCase", "tags": ["enforcement"], "parameters": idp + [lang], "responses": dict({"200": resp("The case", ref(S+"EnforcementCase"))}, **errs(401,403,404))}},
  "/persons/{id}/enforcement-cases": {"get": {"operationId": "listEnforcementCases", "tags": ["enforcement"], "parameters": idp + [lang], "responses": dict({"200": resp("Cases, newest first", arr(ref(S+"EnforcementCase")))}, **errs(401,403,404))}},
})
for step, (schema, summary) in estep_bodies.items():
    spec["paths"]["/enforcement-cases/{id}/" + step] = {"post": {"operationId": "enforcement" + step.capitalize(), "tags": ["enforcement"], "summary": summary, "parameters": idp + [lang],
        "requestBody": body(schema), "responses": dict({"200": resp("The case", ref(S+"EnforcementCase"))}, **errs(400,401,403,404,409,422))}}
spec["components"]["schemas"].update({"Contract": contract_s, "ContractPerformance": contract_perf, "Approval": approval, "SpendingException": spending_exception, "FundingStream": stream, "BudgetLine": line, "BudgetOverview": overview, "Commitment": commitment, "ValveSimulation": valve_sim,
    "PolicySimulation": policy_sim, "Incentive": incentive, "VoucherAccount": account, "Redemption": redemption, "EnforcementCase": ecase})
spec["tags"] += [{"name": t} for t in ["budget","incentives","vouchers","enforcement"]]
spec["info"]["description"] = spec["info"]["description"].replace("and matching.", "matching, the participation budget with commitments, the valve and policy simulations, incentives, participation vouchers and enforcement.")

# --- [4/5] the front door: decision trees, signals, the resident's own data ---
ltext = {"type": "object", "required": ["nl","en"], "properties": {"nl": {"type": "string"}, "en": {"type": "string"}}}
itypes = enum("dayActivitiesLow","dayActivitiesHigh","workOrientedDayActivities","internalInternship","guidanceToWork","specialGroupsPreparation","intensiveGroupMediation",
              "activationRung12","languageCourse","civicIntegration","vavo","ips","trajectoryGuidance","volunteerPlace","internshipPlace","workWithRetainedBenefit",
              "socialActivationPlace","societalActivationPlace","preparatoryTrack")
followup = enum("selfService","referral","caseManager","caseTable","urgent")
tree_doc = {"type": "object", "required": ["id","version","title","intro","start","questions","results"], "description": "A decision tree as in Policies/trees/*.json; validated like one (links resolve, no cycles, everything reachable)",
    "properties": {"id": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,40}$"}, "version": {"type": "string", "minLength": 1, "maxLength": 40}, "title": ltext, "intro": ltext, "start": {"type": "string"},
    "questions": arr({"type": "object", "required": ["id","text","answers"], "properties": {"id": {"type": "string"}, "text": ltext, "hint": ltext,
        "answers": arr({"type": "object", "required": ["id","text"], "properties": {"id": {"type": "string"}, "text": ltext, "next": {"type": "string"}, "result": {"type": "string"}}})}}),
    "results": arr({"type": "object", "required": ["id","title","text","followUp"], "properties": {"id": {"type": "string"}, "title": ltext, "text": ltext,
        "interventionTypes": arr(itypes), "contacts": arr(ltext), "followUp": followup}})}}
tree_summary = {"type": "object", "required": ["id","version","title","intro","questions","results"], "properties": {"id": {"type": "string"}, "version": {"type": "string"},
    "title": {"type": "string"}, "intro": {"type": "string"}, "questions": {"type": "integer"}, "results": {"type": "integer"}}}
tree_step = {"type": "object", "required": ["treeId","version","answers","done"], "properties": {"treeId": {"type": "string"}, "version": {"type": "string"},
    "answers": arr({"type": "string"}), "done": {"type": "boolean"}, "signalId": uuid,
    "question": {"type": "object", "required": ["id","text","answers"], "properties": {"id": {"type": "string"}, "text": {"type": "string"}, "hint": {"type": "string"},
        "answers": arr({"type": "object", "required": ["id","text"], "properties": {"id": {"type": "string"}, "text": {"type": "string"}}})}},
    "result": {"type": "object", "required": ["id","title","text","interventionTypes","contacts","followUp"], "properties": {"id": {"type": "string"}, "title": {"type": "string"},
        "text": {"type": "string"}, "interventionTypes": arr({"type": "string"}), "contacts": arr({"type": "string"}), "followUp": followup}}}}
sstatus = enum("open","inProgress","referred","handedOver","caseTable","closed")
ssource = enum("resident","neighbour","school","provider","ownVisit","other")
signal = {"type": "object", "required": ["id","kind","source","districtCode","description","status","ownerId","createdById","dueOn","overdue"], "properties": {
    "id": uuid, "kind": enum("question","signal"), "source": ssource, "personId": uuid, "personName": {"type": "string", "description": "Only with a need to know for the person"},
    "address": {"type": "string"}, "districtCode": {"type": "string"}, "description": {"type": "string"}, "status": sstatus, "ownerId": uuid, "ownerName": {"type": "string"},
    "createdById": uuid, "dueOn": date, "overdue": {"type": "boolean"},
    "tree": {"type": "object", "required": ["id","version","result","answers"], "properties": {"id": {"type": "string"}, "version": {"type": "string"}, "result": {"type": "string"}, "answers": arr({"type": "string"})}},
    "referralId": uuid, "outcome": {"type": "string"}, "createdAt": {"type": "string", "format": "date-time"},
    "events": arr({"type": "object", "required": ["at","actorName","action"], "properties": {"at": {"type": "string", "format": "date-time"}, "actorName": {"type": "string"}, "action": {"type": "string"}, "note": {"type": "string"}}})}}
signal_create = {"type": "object", "required": ["kind","source","description"], "description": "A person the caller may see, or an address (with a district)", "properties": {
    "kind": enum("question","signal"), "source": ssource, "personId": uuid, "address": {"type": "string", "maxLength": 200}, "districtCode": {"type": "string", "maxLength": 10},
    "description": {"type": "string", "minLength": 5, "maxLength": 2000}, "dueOn": dict(date, description="Default: a week for a question, two weeks for a signal")}}
signal_action = {"type": "object", "required": ["action"], "properties": {"action": enum("take","note","due","handOver","caseTable","close","reopen"),
    "note": {"type": "string", "maxLength": 2000, "description": "Required for note, close (how help arrived) and caseTable (why the district case table, at least 10 characters)"}, "dueOn": dict(date, description="For due"),
    "caseManagerId": dict(uuid, description="For handOver")}}
activity = {"type": "object", "required": ["id","personId","onDate","description","hours","status"], "properties": {"id": uuid, "personId": uuid, "onDate": date,
    "description": {"type": "string"}, "hours": {"type": "integer"}, "status": enum("pending","approved","rejected"), "decisionNote": {"type": "string"}, "voucherEntryId": uuid}}
rows = {"type": "array", "items": {"type": "object", "additionalProperties": True}}
personal = {"type": "object", "required": ["generatedAt","explanation","person","householdPlans","agreements","assessments","diagnoses","referrals","appointments","activities","voucherEntries","enforcementCases","signals","accessLog"],
    "description": "Everything Meedoen holds about the resident (GDPR article 15), as stored", "properties": {
    "generatedAt": {"type": "string", "format": "date-time"}, "explanation": {"type": "string"}, "person": {"type": "object", "additionalProperties": True},
    "household": {"type": "object", "additionalProperties": True}, "householdPlans": rows, "agreements": rows, "assessments": rows, "diagnoses": rows, "referrals": rows,
    "appointments": rows, "activities": rows, "voucherAccount": {"type": "object", "additionalProperties": True}, "voucherEntries": rows, "enforcementCases": rows, "signals": rows, "feedback": rows, "accessLog": rows}}
tree_id = {"name": "treeId", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 40}}
spec["paths"].update({
  "/decision-trees": {"get": {"operationId": "listDecisionTrees", "tags": ["front-door"], "summary": "The guides in force (work & participation, money & debts, and any loaded)", "parameters": [lang],
       "responses": dict({"200": resp("Guides", arr(ref(S+"DecisionTreeSummary")))}, **errs(401))},
     "post": {"operationId": "loadDecisionTree", "tags": ["front-door"], "summary": "Administrators: load a new version (same id, new version number); in force for new walks, stored results keep theirs", "parameters": [lang],
       "requestBody": body(ref(S+"DecisionTree")), "responses": dict({"201": resp("Loaded", ref(S+"DecisionTreeSummary"))}, **errs(400,401,403,422))}},
  "/decision-trees/{treeId}": {"get": {"operationId": "getDecisionTree", "tags": ["front-door"], "parameters": [tree_id, lang],
       "responses": dict({"200": resp("The guide as data", ref(S+"DecisionTree"))}, **errs(401,404))}},
  "/decision-trees/{treeId}/walks": {"post": {"operationId": "walkDecisionTree", "tags": ["front-door"], "summary": "Follow the answers: the next question or the result. A result is recorded with the version; with signalId, stored with that signal.",
       "parameters": [tree_id, lang], "requestBody": body({"type": "object", "properties": {"answers": dict(arr({"type": "string", "maxLength": 40}), description="The answers so far; none: the first question"), "signalId": uuid}}),
       "responses": dict({"200": resp("Where the walk stands", ref(S+"DecisionTreeStep"))}, **errs(400,401,403,404,409,422))}},
  "/signals": {"get": {"operationId": "listSignals", "tags": ["front-door"], "summary": "Open signals: the caller's own and (counter, advisers, case table) those of their district", "parameters": [lang],
       "responses": dict({"200": resp("Signals, earliest follow-up first", arr(ref(S+"Signal")))}, **errs(401,403))},
     "post": {"operationId": "createSignal", "tags": ["front-door"], "summary": "Record a question at the counter or a signal about a person or an address", "parameters": [lang],
       "requestBody": body(signal_create), "responses": dict({"201": resp("Recorded", ref(S+"Signal"))}, **errs(400,401,403,422))}},
  "/signals/{id}": {"get": {"operationId": "getSignal", "tags": ["front-door"], "parameters": idp + [lang], "responses": dict({"200": resp("The signal with its log", ref(S+"Signal"))}, **errs(401,403,404))}},
  "/signals/{id}/actions": {"post": {"operationId": "actOnSignal", "tags": ["front-door"], "summary": "Follow up: take over, note, new date, hand over to a case manager, propose for the case table, close (how help arrived), reopen",
       "parameters": idp + [lang], "requestBody": body(signal_action), "responses": dict({"200": resp("The signal", ref(S+"Signal"))}, **errs(400,401,403,404,409,422))}},
  "/me/personal-data": {"get": {"operationId": "getMyPersonalData", "tags": ["front-door"], "summary": "Residents: everything Meedoen holds about them (AVG right of access); recorded in the audit trail", "parameters": [lang],
       "responses": dict({"200": resp("The resident's data", ref(S+"PersonalData"))}, **errs(401,403))}},
  "/me/activities": {"post": {"operationId": "registerMyActivity", "tags": ["front-door"], "summary": "Residents: register an activity; a professional approves it (vouchers)", "parameters": [lang],
       "requestBody": body({"type": "object", "required": ["description","onDate","hours"], "properties": {"description": {"type": "string", "maxLength": 200}, "onDate": date, "hours": {"type": "integer", "minimum": 1, "maximum": 40}}}),
       "responses": dict({"201": resp("Registered, waiting for approval", ref(S+"ResidentActivity"))}, **errs(400,401,403,422))}},
  "/me/agreements/{id}/done": {"post": {"operationId": "markMyAgreementDone", "tags": ["front-door"], "summary": "Residents: mark one of their plan's agreements done, with a note", "parameters": idp + [lang],
       "requestBody": body({"type": "object", "required": ["note"], "properties": {"note": {"type": "string", "minLength": 3, "maxLength": 2000}}}),
       "responses": dict({"200": resp("Done", {"type": "object", "required": ["id","what","status"], "properties": {"id": uuid, "what": {"type": "string"}, "status": {"type": "string"}, "doneOn": date, "evidence": {"type": "string"}}})}, **errs(400,401,403,404,409,422))}},
  "/persons/{id}/activities/{activityId}/decision": {"post": {"operationId": "decideActivity", "tags": ["front-door"], "summary": "A case manager or resident adviser approves (vouchers credited, once) or rejects (with a reason)",
       "parameters": idp + [{"name": "activityId", "in": "path", "required": True, "schema": uuid}, lang],
       "requestBody": body({"type": "object", "required": ["approve"], "properties": {"approve": {"type": "boolean"}, "note": {"type": "string", "maxLength": 500, "description": "Required when rejecting"}}}),
       "responses": dict({"200": resp("Decided", ref(S+"ResidentActivity"))}, **errs(400,401,403,404,409,422))}},
})
spec["components"]["schemas"].update({"DecisionTree": tree_doc, "DecisionTreeSummary": tree_summary, "DecisionTreeStep": tree_step, "Signal": signal,
    "ResidentActivity": activity, "PersonalData": personal})
spec["tags"] += [{"name": "front-door"}]
spec["info"]["description"] = spec["info"]["description"].replace("and enforcement.", "enforcement, decision trees, counter and resident-adviser signals and the resident's own data.")
# --- [2/7] a real municipality: the municipality itself, administration, strict bodies ---
T = ["administration"]
name_ = lambda m=200: {"type": "string", "maxLength": m}
opt = lambda m=200: nullable({"type": "string", "maxLength": m})
role = enum("resident","caseManager","counter","residentAdviser","caseTableChair","provider","analyst","budgetHolder","business","admin","paymentOfficer")
roles_ = dict(arr(role), maxItems=10)
dt = {"type": "string", "format": "date-time"}
user = {"type": "object", "required": ["id","username","displayName","roles","active","hasPassword","hasSecondFactor"], "properties": {
    "id": uuid, "username": {"type": "string"}, "displayName": {"type": "string"}, "roles": arr({"type": "string"}),
    "districtCode": {"type": "string"}, "team": {"type": "string"}, "providerCode": {"type": "string"}, "businessCode": {"type": "string"},
    "linkedToFile": {"type": "boolean", "description": "For a resident: whether the account is linked to their file"},
    "active": {"type": "boolean"}, "hasPassword": {"type": "boolean"},
    "hasSecondFactor": {"type": "boolean", "description": "Whether the second step (an authenticator app) is set up"},
    "invitationExpiresAt": dt, "createdAt": dt}}
user_create = {"type": "object", "required": ["username","displayName","roles"], "properties": {
    "username": {"type": "string", "pattern": "^[a-z0-9._-]{2,50}$"}, "displayName": name_(100), "roles": roles_,
    "districtCode": opt(8), "team": opt(100), "providerCode": opt(64), "businessCode": opt(40),
    "bsn": dict(opt(20), description="For a resident: the BSN the account is linked by (now, or once the resident is registered)")}}
user_update = {"type": "object", "properties": {
    "displayName": name_(100), "roles": roles_, "districtCode": opt(8), "team": opt(100), "providerCode": opt(64), "businessCode": opt(40), "bsn": opt(20),
    "active": {"type": "boolean", "description": "false deactivates the account and revokes its tokens"}}}
invitation = {"type": "object", "required": ["user"], "properties": {"user": ref(S+"User"),
    "invitationCode": {"type": "string", "description": "Shown once: with it the holder chooses a password at /activeren"}, "invitationExpiresAt": dt}}
token = {"type": "object", "required": ["id"], "properties": {"id": uuid, "name": {"type": "string"}, "createdAt": dt, "expiresAt": dt,
    "token": {"type": "string", "description": "Only when issued"}}}
kinds = dict(nullable(enum("housing","debtCounselling","care","youth","education","employment","police","other")))
kinds["enum"] = kinds["enum"] + [None]
organisation = {"type": "object", "required": ["id","code","name","active"], "properties": {"id": uuid, "code": {"type": "string"}, "name": {"type": "string"},
    "kind": {"type": "string"}, "contact": {"type": "string"}, "districtCode": {"type": "string"}, "active": {"type": "boolean"}}}
org_create = {"type": "object", "required": ["code","name"], "properties": {"code": {"type": "string", "pattern": "^[a-z0-9-]{2,40}$"}, "name": name_(), "kind": kinds, "contact": opt(), "districtCode": opt(8)}}
org_update = {"type": "object", "properties": {"name": name_(), "kind": kinds, "contact": opt(), "districtCode": opt(8), "active": {"type": "boolean"}}}
obj = lambda **props: {"type": "object", "required": list(props), "properties": props}
municipality = {"type": "object", "required": ["code","name","ladder","colours","districts","areas","counters"], "properties": {
    "code": {"type": "string", "description": "CBS municipality code"}, "name": {"type": "string"},
    "ladder": {"type": "string", "description": "The participation ladder in use"},
    "colours": obj(primary={"type": "string"}, onPrimary={"type": "string"}),
    "districts": arr(obj(code={"type": "string"}, name={"type": "string"})),
    "areas": arr(obj(code={"type": "string"}, name={"type": "string"}, district={"type": "string"}, postcodes=arr({"type": "string"}))),
    "counters": arr({"type": "object", "required": ["name","address","openingHours"], "properties": {"name": {"type": "string"}, "address": {"type": "string"}, "district": {"type": "string"},
        "openingHours": arr(obj(days=arr({"type": "string"}), **{"from": {"type": "string"}, "to": {"type": "string"}}))}})}}
token_id = {"name": "tokenId", "in": "path", "required": True, "schema": uuid}
spec["paths"].update({
  "/municipality": {"get": {"operationId": "getMunicipality", "tags": ["reference"], "summary": "The municipality: name, districts, areas with their postcodes, counters and opening hours (public; set up with meedoen setup)",
       "security": [], "parameters": [lang], "responses": dict({"200": resp("The municipality", ref(S+"Municipality"))}, **errs(404))}},
  "/users": {"get": {"operationId": "listUsers", "tags": T, "summary": "Every account (administrators)", "parameters": [lang],
       "responses": dict({"200": resp("The accounts", arr(ref(S+"User")))}, **errs(401,403))},
     "post": {"operationId": "createUser", "tags": T, "summary": "Creates an account with a one-time invitation code (administrators; audited)", "parameters": [lang],
       "requestBody": body(ref(S+"UserCreate")), "responses": dict({"201": resp("Created, with the invitation code once", ref(S+"Invitation"))}, **errs(400,401,403,409,422))}},
  "/users/{id}": {"get": {"operationId": "getUser", "tags": T, "parameters": idp + [lang], "responses": dict({"200": resp("The account", ref(S+"User"))}, **errs(401,403,404))},
     "patch": {"operationId": "updateUser", "tags": T, "summary": "Roles, district, team, organisation, name; active false deactivates (audited)", "parameters": idp + [lang],
       "requestBody": body(ref(S+"UserUpdate")), "responses": dict({"200": resp("The account", ref(S+"User"))}, **errs(400,401,403,404,422))}},
  "/users/{id}/password-resets": {"post": {"operationId": "resetPassword", "tags": T, "summary": "Clears the password; a new one-time code to choose one (audited)", "parameters": idp + [lang],
       "responses": dict({"201": resp("The new code, once", ref(S+"Invitation"))}, **errs(401,403,404))}},
  "/users/{id}/second-factor-resets": {"post": {"operationId": "resetSecondFactor", "tags": T, "summary": "Clears the second factor (a lost phone); the user sets it up again at the next sign-in (audited)", "parameters": idp + [lang],
       "responses": dict({"200": resp("The account", ref(S+"User"))}, **errs(401,403,404))}},
  "/users/{id}/tokens": {"get": {"operationId": "listTokens", "tags": T, "parameters": idp + [lang],
       "responses": dict({"200": resp("The account's API tokens (never the tokens themselves)", arr(ref(S+"Token")))}, **errs(401,403,404))},
     "post": {"operationId": "issueToken", "tags": T, "summary": "A new API token with an expiry (audited)", "parameters": idp + [lang],
       "requestBody": body({"type": "object", "required": ["name"], "properties": {"name": name_(100), "days": {"type": "integer", "minimum": 1, "maximum": 365, "default": 90}}}),
       "responses": dict({"201": resp("The token, once", ref(S+"Token"))}, **errs(400,401,403,404,409,422))}},
  "/users/{id}/tokens/{tokenId}": {"delete": {"operationId": "revokeToken", "tags": T, "summary": "Revokes a token (audited)", "parameters": idp + [token_id, lang],
       "responses": dict({"204": resp("Revoked")}, **errs(401,403,404))}},
  "/organisations": {"get": {"operationId": "listOrganisations", "tags": T, "summary": "External organisations (professionals)", "parameters": [lang],
       "responses": dict({"200": resp("The organisations", arr(ref(S+"Organisation")))}, **errs(401,403))},
     "post": {"operationId": "createOrganisation", "tags": T, "summary": "Adds an organisation (administrators; audited)", "parameters": [lang],
       "requestBody": body(ref(S+"OrganisationCreate")), "responses": dict({"201": resp("Created", ref(S+"Organisation"))}, **errs(400,401,403,409,422))}},
  "/organisations/{id}": {"patch": {"operationId": "updateOrganisation", "tags": T, "parameters": idp + [lang], "requestBody": body(ref(S+"OrganisationUpdate")),
       "responses": dict({"200": resp("The organisation", ref(S+"Organisation"))}, **errs(400,401,403,404,422))}},
  "/providers/{id}": {"patch": {"operationId": "updateProvider", "tags": T, "summary": "Changes a provider's name or contact (administrators; audited)", "parameters": idp + [lang],
       "requestBody": body({"type": "object", "properties": {"name": name_(), "contact": opt()}}),
       "responses": dict({"200": resp("The provider", ref(S+"Provider"))}, **errs(400,401,403,404,422))}},
  "/businesses/{id}": {"patch": {"operationId": "updateBusiness", "tags": T, "summary": "Changes a business's name, district or address (administrators; audited)", "parameters": idp + [lang],
       "requestBody": body({"type": "object", "properties": {"name": name_(), "districtCode": opt(8), "address": opt()}}),
       "responses": dict({"200": resp("The business", business)}, **errs(400,401,403,404,422))}},
})
spec["components"]["schemas"].update({"Municipality": municipality, "User": user, "UserCreate": user_create, "UserUpdate": user_update,
    "Invitation": invitation, "Token": token, "Organisation": organisation, "OrganisationCreate": org_create, "OrganisationUpdate": org_update})
spec["components"]["responses"]["UnsupportedMediaType"] = problem_resp("The body is not JSON (send Content-Type: application/json)")
spec["tags"] += [{"name": "administration", "description": "Users, their tokens and invitations, organisations (administrators)"}]
def nullable_optionals(schema):
    """null means "not given" for every field that is not required (the server reads it so), in nested objects too."""
    for name, prop in list(schema.get("properties", {}).items()):
        if prop.get("type") == "object": nullable_optionals(prop)
        if prop.get("type") == "array" and isinstance(prop.get("items"), dict) and prop["items"].get("type") == "object":
            prop["items"] = dict(prop["items"]); nullable_optionals(prop["items"])
        if name in schema.get("required", []) or prop.get("nullable"): continue
        if "$ref" in prop: schema["properties"][name] = {"allOf": [prop], "nullable": True}
        else:
            schema["properties"][name] = dict(prop, nullable=True)
            if "enum" in prop: schema["properties"][name]["enum"] = prop["enum"] + [None]

# Every request body is read strictly: a field the contract does not name is 422, a body that is not JSON 415.
for item in spec["paths"].values():
    for op in item.values():
        if "requestBody" not in op: continue
        schema = op["requestBody"]["content"]["application/json"]["schema"]
        if "$ref" in schema:
            if schema["$ref"].endswith("/DecisionTree"): schema = None  # also a response: the edge checks its fields
            else: schema = spec["components"]["schemas"][schema["$ref"].split("/")[-1]]
        if schema is not None and schema.get("type") == "object":
            schema.setdefault("additionalProperties", False)
            nullable_optionals(schema)
        op["responses"].setdefault("415", ref(R + "UnsupportedMediaType"))
        op["responses"].setdefault("400", ref(R + "BadRequest"))  # no body, or not a JSON object

import os
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "MeedoenServer", "API", "openapi.json")
json.dump(spec, open(out, "w"), indent=2, ensure_ascii=False)
print("wrote", os.path.normpath(out))
