#!/usr/bin/env bash
# Regenerates the FHIR definitions from FSH with SUSHI (pinned in package.json), offline.
#   profiles/input/fsh/*.fsh  (profiles, extensions, examples)  -> profiles/generated/, profiles/examples/valid/
#   terminology/*.fsh         (code systems, value sets, maps)  -> terminology/generated/
# The output is committed, so the Maven build needs no Node. .ci/run re-runs this and fails if the committed
# output differs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cache="${FHIR_PACKAGE_CACHE:-$HOME/.fhir/packages}"

# 1. SUSHI, exactly the pinned version.
(cd "$here" && npm ci --no-audit --no-fund --silent)

# 2. SUSHI cannot download hl7.fhir.r4.core here: write it from HAPI's own R4 definitions.
if [ ! -f "$cache/hl7.fhir.r4.core#4.0.1/package/package.json" ]; then
  classpath_file="$(mktemp)"
  (cd "$root" && ./mvnw -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$classpath_file")
  java -cp "$(cat "$classpath_file")" "$here/tools/WriteR4CorePackage.java" "$cache"
  rm -f "$classpath_file"
fi

# 3. One SUSHI project holding both the profiles and the terminology.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/input/fsh"
cp "$here/sushi-config.yaml" "$work/"
cp "$here"/input/fsh/*.fsh "$work/input/fsh/"
for f in "$root"/terminology/*.fsh; do cp "$f" "$work/input/fsh/terminology-$(basename "$f")"; done
"$here/node_modules/.bin/sushi" build --snapshot "$work" > "$work/sushi.log" 2>&1 || { cat "$work/sushi.log"; exit 1; }
# SUSHI also tries to fetch some optional packages (tools, terminology, extensions) that this build does not
# use and cannot reach; those warnings are expected. Any other warning fails the build.
if grep -E "^(warn|error)" "$work/sushi.log" | grep -vq "Failed to load automatically-provided"; then cat "$work/sushi.log"; echo "SUSHI reported warnings or errors" >&2; exit 1; fi

# 4. Split the output: definitions, examples, terminology. Pretty-printed with sorted keys for stable diffs.
rm -rf "$here/generated" "$here/examples/valid" "$root/terminology/generated"
mkdir -p "$here/generated" "$here/examples/valid" "$root/terminology/generated"
python3 - "$work/fsh-generated/resources" "$here/generated" "$here/examples/valid" "$root/terminology/generated" <<'PY'
import json, os, sys
src, defs, examples, terminology = sys.argv[1:]
for name in sorted(os.listdir(src)):
    if not name.endswith(".json") or name.startswith("ImplementationGuide"):
        continue
    with open(os.path.join(src, name)) as f:
        resource = json.load(f)
    kind = resource["resourceType"]
    if kind in ("CodeSystem", "ValueSet", "ConceptMap"):
        target = terminology
    elif kind in ("StructureDefinition", "OperationDefinition", "Measure", "PlanDefinition"):
        target = defs
    else:
        target = examples
    with open(os.path.join(target, name), "w") as f:
        json.dump(resource, f, indent=2, sort_keys=True, ensure_ascii=False)
        f.write("\n")
PY
echo "Generated: $(ls "$here/generated" | wc -l) definitions, $(ls "$here/examples/valid" | wc -l) examples, $(ls "$root/terminology/generated" | wc -l) terminology resources"
