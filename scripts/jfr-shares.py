"""Prints, for a JFR recording, the share of CPU samples (jdk.ExecutionSample) that have each component on their
stack (a sample counts for every component it passes through, so shares overlap), and the hottest frames."""
import collections
import json
import subprocess
import sys

COMPONENTS = [  # (name, frame prefixes) - a frame matching any prefix puts the sample in the component
    ("validation on write (HAPI/HL7 validator, our profiles)", ("org.hl7.fhir.validation.", "org.hl7.fhir.r5.",
        "org.msclupus.fhir.conformance.", "ca.uhn.fhir.validation.", "org.hl7.fhir.common.hapi.validation.")),
    ("audit trail (BALP AuditEvents)", ("org.msclupus.fhir.audit.", "ca.uhn.fhir.storage.interceptor.balp.")),
    ("evidence index", ("org.msclupus.fhir.records.ResponseEvidenceIndex",)),
    ("any project code (the three above included)", ("org.msclupus.fhir.",)),
    ("HAPI JPA storage (search indexing, resource tables)", ("ca.uhn.fhir.jpa.",)),
    ("HAPI parsing and serialising", ("ca.uhn.fhir.parser.",)),
    ("Hibernate", ("org.hibernate.",)),
    ("H2", ("org.h2.",)),
    ("Spring context and bean creation", ("org.springframework.beans.", "org.springframework.context.")),
    ("class loading and JIT-visible JDK", ("java.lang.ClassLoader", "jdk.internal.loader.",
        "org.springframework.boot.loader.")),
]


def main(path):
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "512", "--events", "jdk.ExecutionSample", path], check=True,
                         capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    total = len(events)
    counts = collections.Counter()
    top = collections.Counter()
    for e in events:
        frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
                  for f in (e["values"].get("stackTrace") or {}).get("frames", [])]
        if frames:
            top[frames[0]] += 1
        seen = set()
        for name, prefixes in COMPONENTS:
            if any(fr.startswith(p) for fr in frames for p in prefixes):
                seen.add(name)
        for name in seen:
            counts[name] += 1
    print(f"{total} CPU samples")
    for name, _ in COMPONENTS:
        print(f"  {100 * counts[name] / max(total, 1):5.1f} %  {name}")
    print("  hottest frames:")
    for frame, c in top.most_common(8):
        print(f"  {100 * c / max(total, 1):5.1f} %  {frame}")


if __name__ == "__main__":
    main(sys.argv[1])
