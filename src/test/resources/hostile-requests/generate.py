#!/usr/bin/env python3
"""Writes corpus.json: hostile or broken requests that HostileRequestsIT replays against the server.

Each case: id, category, method, path (below /fhir), headers, and a body given as "body" (text), "bodyBase64", or
"bodyRepeat" ({prefix, unit, times, suffix}: a large body built at replay time), and "expect":
  "4xx"      - refused with a 4xx and an OperationOutcome, nothing stored;
  "verbatim" - injection strings in free-text fields, where FHIR allows any text: stored and returned byte for byte
               (the field named in "echo"), never interpreted.
Run: python3 generate.py > corpus.json (deterministic).
"""
import base64
import json

cases = []


def case(category, method, path, body=None, headers=None, expect="4xx", **extra):
    h = {"Accept": "application/fhir+json"}
    if body is not None and not any(k.lower() == "content-type" for k in (headers or {})):
        h["Content-Type"] = "application/fhir+json"
    h.update(headers or {})
    c = {"id": "%s-%03d" % (category, 1 + sum(1 for x in cases if x["category"] == category)),
         "category": category, "method": method, "path": path, "headers": h, "expect": expect}
    if isinstance(body, (dict, list)):
        c["body"] = json.dumps(body)
    elif body is not None:
        c["body"] = body
    c.update(extra)
    cases.append(c)


PATIENT = {"resourceType": "Patient", "identifier": [{"system": "urn:hostile", "value": "p"}],
           "name": [{"family": "Hostile", "given": ["Case"]}], "gender": "female", "birthDate": "1990-01-01"}
OBS = {"resourceType": "Observation", "status": "final",
       "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
       "subject": {"reference": "Patient/hostile-does-not-exist"}, "effectiveDateTime": "2026-01-01",
       "valueQuantity": {"value": 70, "system": "http://unitsofmeasure.org", "code": "/min"}}
SQL = ["' OR '1'='1", "'; DROP TABLE HFJ_RESOURCE; --", "1; DELETE FROM HFJ_RES_VER", "\" OR \"\"=\"",
       "1' UNION SELECT * FROM HFJ_RESOURCE --", "admin'--", "') OR ('a'='a", "1 AND SLEEP(5)",
       "'; SHUTDOWN; --", "%27%20OR%201=1"]
SCRIPT = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
          "<svg onload=alert(1)>", "{{7*7}}${7*7}"]


def patient(**changes):
    p = json.loads(json.dumps(PATIENT))
    for k, v in changes.items():
        if v is None:
            p.pop(k, None)
        else:
            p[k] = v
    return p


def obs(**changes):
    o = json.loads(json.dumps(OBS))
    for k, v in changes.items():
        if v is None:
            o.pop(k, None)
        else:
            o[k] = v
    return o


# Malformed JSON
good = json.dumps(PATIENT)
for body in [good[:-1], good[:20], good.replace('"', "'"), good.replace('"family"', "family"), good + ",",
             good.replace("}", ",}", 1), "{", "}", "[]", "null", "123", '"Patient"', "{resourceType: Patient}",
             '{"resourceType": "Patient", "name": [{"family": "x"},]}', '{"resourceType": "Patient" "active": true}',
             '{"resourceType": "Patient", "birthDate": NaN}', '{"resourceType": "Patient", /* c */ "active": true}',
             '{"resourceType": 42}', '{"resourceType": "NoSuchType"}', '{"name": [{"family": "no type"}]}',
             "\u0000\u0001\u0002", '{"resourceType": "Patient", "active": tru}']:
    case("malformed-json", "POST", "/Patient", body)
case("malformed-json", "POST", "/Patient", headers={"Content-Type": "application/fhir+json"},
     bodyBase64=base64.b64encode(b'{"resourceType": "Patient", "name": [{"family": "\xff\xfe\xfd"}]}').decode())
case("malformed-json", "POST", "/Patient", "")
case("malformed-json", "POST", "/Patient", json.dumps(obs()))  # body type differs from the URL
case("malformed-json", "PUT", "/Patient/hostile-1", json.dumps(patient(id="hostile-2")))  # id differs from the URL

# Malformed XML, entity expansion, external entities
X = {"Content-Type": "application/fhir+xml", "Accept": "application/fhir+xml"}
xml_ok = '<Patient xmlns="http://hl7.org/fhir"><active value="true"/></Patient>'
for body in [xml_ok[:-3], '<Patient><active value="true"/></Patient>', "<<<>>>", "just text",
             '<Patient xmlns="http://hl7.org/fhir"><active value="true"></Patient>',
             '<Patient xmlns="http://hl7.org/fhir"><active value=true/></Patient>',
             '<Observation xmlns="http://hl7.org/fhir"><status value="final"/></Observation>',
             '<Patient xmlns="http://hl7.org/fhir"><birthDate value="not-a-date"/></Patient>']:
    case("malformed-xml", "POST", "/Patient", body, X)
for body in ['<?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
             '<Patient xmlns="http://hl7.org/fhir"><name><family value="&xxe;"/></name></Patient>',
             '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "http://127.0.0.1:1/evil">]>'
             '<Patient xmlns="http://hl7.org/fhir"><name><family value="&xxe;"/></name></Patient>',
             '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
             '&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
             '&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
             '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>'
             '<Patient xmlns="http://hl7.org/fhir"><name><family value="&lol5;"/></name></Patient>',
             '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY % ext SYSTEM "file:///etc/hostname"> %ext;]>'
             '<Patient xmlns="http://hl7.org/fhir"/>',
             '<?xml version="1.0"?><!DOCTYPE p SYSTEM "http://127.0.0.1:1/evil.dtd"><Patient xmlns="http://hl7.org/fhir"/>',
             '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x "internal">]>'
             '<Patient xmlns="http://hl7.org/fhir"><name><family value="&x;"/></name></Patient>']:
    case("xml-entities", "POST", "/Patient", body, X)

# Wrong types
for field, value in [("active", "yes"), ("active", 1), ("birthDate", 19900101), ("birthDate", True),
                     ("gender", 5), ("gender", "woman"), ("name", "Hostile"), ("name", [{"family": ["a", "b"]}]),
                     ("identifier", "urn:hostile|p"), ("telecom", [{"system": "pager2", "value": "1"}]),
                     ("deceasedBoolean", "maybe"), ("multipleBirthInteger", "two"), ("multipleBirthInteger", 1.5),
                     ("address", [{"line": "one line not a list", "use": "sometimes"}]),
                     ("communication", [{"language": "en"}]), ("maritalStatus", "M")]:
    case("wrong-type", "POST", "/Patient", patient(**{field: value}))
for field, value in [("status", "done"), ("status", None), ("code", None), ("valueQuantity", {"value": "seventy"}),
                     ("effectiveDateTime", True), ("valueQuantity", 70), ("subject", "Patient/x")]:
    case("wrong-type", "POST", "/Observation", obs(**{field: value}))

# Huge strings and arrays, deep nesting, oversized bodies
case("huge", "PUT", "/Patient/" + "a" * 100000, patient(id="a" * 100000))
case("huge", "POST", "/Patient", bodyRepeat={"prefix": '{"resourceType": "Patient", "birthDate": "', "unit": "9",
                                             "times": 2000000, "suffix": '"}'})
case("huge", "POST", "/Patient", bodyRepeat={"prefix": '{"resourceType": "Patient", "name": [{"family": "',
                                             "unit": "x", "times": 25 * 1024 * 1024, "suffix": '"}]}'})
case("huge", "POST", "/Patient", bodyRepeat={"prefix": '{"resourceType": "Patient", "identifier": [',
                                             "unit": '{"system": "urn:hostile", "value": "v"},', "times": 600000,
                                             "suffix": '{"value": "end"}]}'})
case("huge", "POST", "/Patient", bodyRepeat={"prefix": '{"resourceType": "Patient", "gender": "',
                                             "unit": "f", "times": 1000000, "suffix": '"}'})
case("deep-nesting", "POST", "/Patient", bodyRepeat={"prefix": '{"resourceType": "Patient", "extension": [',
                                                     "unit": '{"url": "urn:x", "extension": [', "times": 5000,
                                                     "suffix": "]}" * 5000 + "]}"})
case("deep-nesting", "POST", "/Patient", bodyRepeat={"prefix": '{"resourceType": "Patient", "x": ', "unit": "[",
                                                     "times": 100000, "suffix": "]" * 100000 + "}"})
case("deep-nesting", "POST", "/Patient", headers=X, bodyRepeat={"prefix": '<Patient xmlns="http://hl7.org/fhir">',
                                                                "unit": "<extension url=\"urn:x\">", "times": 20000,
                                                                "suffix": "</extension>" * 20000 + "</Patient>"})

# References: invalid, dangling, of the wrong type
for ref in ["Patient/", "Patient/a b", "Patient/<script>", "://bad", "Patient/1/_history/x", "#not-contained",
            "Patient?identifier=urn:hostile|no-such-patient", "Patient/hostile-does-not-exist",
            "Medication/hostile-x", "Device/hostile-x", "Observation/hostile-x", "ResearchStudy/hostile-x",
            "http://127.0.0.1:1/fhir/Patient/1", "urn:uuid:not-in-bundle"]:
    case("reference", "POST", "/Observation", obs(subject={"reference": ref}))
case("reference", "POST", "", {"resourceType": "Bundle", "type": "transaction", "entry": [
    {"fullUrl": "urn:uuid:0b7c0000-0000-4000-8000-000000000001", "resource": obs(subject={"reference": "urn:uuid:0b7c0000-0000-4000-8000-000000000009"}),
     "request": {"method": "POST", "url": "Observation"}}]})

# Impossible dates
for d in ["2026-02-30", "2026-13-01", "2026-00-10", "2025-02-29", "2026-1-1", "yesterday", "0000-00-00",
          "2026-01-01T24:61:00Z", "2026-01-01T10:00:00+25:00", "2026-01-01T10:00", "99999-01-01"]:
    case("date", "POST", "/Patient", patient(birthDate=d))
    case("date", "POST", "/Observation", obs(effectiveDateTime=d + ("" if "T" in d else "T00:00:00Z"),
                                             subject=None))

# Trial profiles: out-of-range values and wrong units (validated on write)
TRIAL = "http://msc-lupus.org/fhir/StructureDefinition/"
def trial_obs(profile, code_system, code, value, unit=None, category="laboratory"):
    o = {"resourceType": "Observation", "meta": {"profile": [TRIAL + profile]}, "status": "final",
         "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                   "code": category}]}],
         "code": {"coding": [{"system": code_system, "code": code}]},
         "effectiveDateTime": "2026-01-01"}
    if unit is None:
        o["valueInteger"] = value
    else:
        o["valueQuantity"] = {"value": value, "system": "http://unitsofmeasure.org", "code": unit, "unit": unit}
    return o
LT = "http://msc-lupus.org/fhir/CodeSystem/lupus-trial"
for value in [106, -1, 1000]:
    case("trial-range", "POST", "/Observation", trial_obs("sledai-2k", LT, "sledai-2k", value, category="survey"))
for unit, value in [("kg", 1.0), ("mL", 1.0), ("mg", 1.0), ("{score}", 1.0), ("g/L", -5)]:
    case("trial-unit", "POST", "/Observation", trial_obs("serum-creatinine", "http://loinc.org", "2160-0", value, unit))
for unit, value in [("mL", 2.0), ("kg/m2", 2.0), ("g/g", -1)]:
    case("trial-unit", "POST", "/Observation",
         trial_obs("urine-protein-creatinine-ratio", "http://loinc.org", "2890-2", value, unit))
for dose_unit, dose in [("mg/kg", 1), ("10*6/kg", 0), ("10*6/kg", -1)]:
    case("trial-range", "POST", "/MedicationAdministration", {
        "resourceType": "MedicationAdministration", "meta": {"profile": [TRIAL + "msc-infusion"]},
        "status": "completed", "medicationCodeableConcept": {"coding": [{"system": LT, "code": "uc-msc"}]},
        "effectiveDateTime": "2026-01-01", "dosage": {"route": {"coding": [{"system": "http://snomed.info/sct",
                                                                             "code": "47625008"}]},
                                                      "dose": {"value": dose, "system": "http://unitsofmeasure.org",
                                                               "code": dose_unit}}})
for grade in [0, 6, -1]:
    case("trial-range", "POST", "/AdverseEvent", {
        "resourceType": "AdverseEvent", "meta": {"profile": [TRIAL + "trial-adverse-event"]}, "actuality": "actual",
        "date": "2026-01-01", "seriousness": {"coding": [{"system":
            "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness", "code": "Serious"}]},
        "extension": [{"url": TRIAL + "ctcae-grade", "valueInteger": grade}]})

# Duplicates inside one transaction
dup = {"resourceType": "Bundle", "type": "transaction", "entry": [
    {"resource": patient(id="hostile-dup"), "request": {"method": "PUT", "url": "Patient/hostile-dup"}},
    {"resource": patient(id="hostile-dup", active=True), "request": {"method": "PUT", "url": "Patient/hostile-dup"}}]}
case("duplicate", "POST", "", dup)
dup2 = {"resourceType": "Bundle", "type": "transaction", "entry": [
    {"fullUrl": "urn:uuid:0b7c0000-0000-4000-8000-00000000000a", "resource": patient(), "request": {"method": "POST", "url": "Patient"}},
    {"fullUrl": "urn:uuid:0b7c0000-0000-4000-8000-00000000000a", "resource": patient(), "request": {"method": "POST", "url": "Patient"}}]}
case("duplicate", "POST", "", dup2)
case("duplicate", "POST", "", {"resourceType": "Bundle", "type": "transaction", "entry": [
    {"resource": patient(), "request": {"method": "POST", "url": "Patient"}},
    {"resource": obs(subject=None), "request": {"method": "PUT", "url": "Observation?"}}]})
case("duplicate", "POST", "", {"resourceType": "Bundle", "type": "transaction", "entry": [
    {"resource": patient(id="hostile-dup-2"), "request": {"method": "PUT", "url": "Patient/hostile-dup-2"}},
    {"request": {"method": "DELETE", "url": "Patient/hostile-dup-2"}}]})

# Wrong content types and methods
for ctype, body in [("text/plain", good), ("application/x-www-form-urlencoded", "a=b"), ("image/png", "\u0089PNG"),
                    ("application/fhir+xml", good), ("application/fhir+json", xml_ok), ("multipart/form-data; boundary=x", "--x--"),
                    ("application/octet-stream", good), ("text/html", "<html></html>")]:
    case("content-type", "POST", "/Patient", body, {"Content-Type": ctype})
case("content-type", "PATCH", "/Patient/hostile-none", good, {"Content-Type": "application/json-patch+json"})
case("method", "DELETE", "/metadata")
case("method", "PUT", "/Patient", good)
case("method", "POST", "/Patient/hostile-1/_history/1", good)
case("method", "GET", "/NoSuchType")
case("method", "GET", "/Patient/has%20space")
case("method", "POST", "/Patient/$no-such-operation", {"resourceType": "Parameters"})

# Bad search parameters
for q in ["/Patient?no-such-param=1", "/Patient?_count=abc", "/Patient?_count=-1", "/Patient?birthdate=notadate",
          "/Patient?birthdate=2026-13-45", "/Patient?birthdate=xx2020", "/Patient?_sort=no-such", "/Patient?_include=Patient:nonsense",
          "/Patient?_revinclude=Observation:nonsense", "/Observation?subject.no-such=1", "/Observation?value-quantity=abc",
          "/Observation?value-quantity=gt|x|y|z", "/Patient?_lastUpdated=gt", "/Patient?_summary=bogus", "/Patient?_total=bogus",
          "/Patient?_has:Observation:nonsense:code=1", "/Patient?name:nonsense=x", "/Patient?_filter=name eq x",
          "/Patient?_contained=bogus", "/Observation?date=ge2026-02-30", "/Observation?code:below=x",
          "/Patient?_id:nonsense=1", "/Observation?_sort=-no-such", "/Patient?_elements=&_count=", "/Patient?_format=bogus/type",
          "/Patient?birthdate=2026&birthdate=zz", "/Observation?component-value-quantity=1$2"]:
    case("search", "GET", __import__("urllib.parse").parse.quote(q, safe="/?=&:_-.,"))

# SQL and script injection where the value has a type: ids, enumerations, dates, numbers, references, search
for s in SQL + SCRIPT:
    enc = __import__("urllib.parse").parse.quote(s, safe="")
    case("injection", "PUT", "/Patient/" + enc, patient(id=s))
    case("injection", "POST", "/Patient", patient(gender=s))
    case("injection", "POST", "/Patient", patient(birthDate=s))
    case("injection", "POST", "/Observation", obs(status=s, subject=None))
    case("injection", "POST", "/Observation", obs(subject={"reference": "Patient/" + s}))
    case("injection", "GET", "/Patient?birthdate=" + enc)
    case("injection", "GET", "/Patient?_count=" + enc)
    case("injection", "GET", "/Patient?_sort=" + enc)
    case("injection", "GET", "/Observation?value-quantity=" + enc)
    case("injection", "GET", "/Patient/" + enc)

# Injection strings in free-text fields: any text is valid there; it must be stored and returned unchanged
for s in SQL + SCRIPT:
    case("injection-as-data", "POST", "/Patient",
         patient(name=[{"family": s, "given": [s]}], address=[{"text": s, "city": s}],
                 identifier=[{"system": "urn:hostile-data", "value": s}]),
         expect="verbatim", echo="name.family")

print(json.dumps(cases, indent=1, ensure_ascii=False))
