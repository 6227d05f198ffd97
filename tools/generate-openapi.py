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
circ = enum("homeless","addicted","severeLimitation","multiProblemFamily","illiterate","shelteredWorkEntitled")
wish = enum("volunteer","work","secondaryDiploma","socialContact")
civic = enum("obliged","voluntary","none")
routes = enum("work.limitedOffer","work.passive","work.active","enforcement","participation.active","participation.publicOrder","participation.passive")
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
    return {str(c): ref(R + {400:"BadRequest",401:"Unauthorized",403:"Forbidden",404:"NotFound",409:"Conflict",422:"Invalid"}[c]) for c in codes}
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
    "motivated": {"type": "boolean"}, "risks": arr(risks), "civicIntegration": civic, "circumstances": arr(circ), "wishes": arr(wish), "zrm": ref(S+"ZrmScores")}
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

def problem_resp(desc): return {"description": desc, "headers": {"API-Version": ref("#/components/headers/API-Version")}, "content": {"application/problem+json": {"schema": ref(S+"Problem")}}}

spec = {
 "openapi": "3.0.3",
 "info": {"title": "Meedoen API", "version": "1.0.0",
   "description": "Participation platform for Dutch municipalities: registry, assessments and diagnosis. Follows the NL API Design Rules: plural kebab-case resources, major version in the path, API-Version header, RFC 9457 problem+json errors. Texts follow Accept-Language (nl default, en).",
   "contact": {"name": "Meedoen", "url": "https://example.org/meedoen"}, "license": {"name": "EUPL-1.2"}},
 "servers": [{"url": "/api/v1"}],
 "security": sec,
 "tags": [{"name": t} for t in ["persons","households","assessments","diagnoses","reference"]],
 "paths": {
  "/persons": {
   "get": {"operationId": "listPersons", "tags": ["persons"], "summary": "The caller's caseload, need-to-know applied",
     "parameters": [lang, {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100}, "description": "Name or BSN"},
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
              "AssessmentCreate": assess_req, "Assessment": assessment, "ZrmScores": zrm, "Dossier": dossier, "AuditEvent": audit, "Problem": problem}}
}
import os
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "MeedoenServer", "API", "openapi.json")
json.dump(spec, open(out, "w"), indent=2, ensure_ascii=False)
print("wrote", os.path.normpath(out))
