// @ts-check
// Decoding FHIR Parameters as the operations answer them: a parameter's parts as a plain object.

/**
 * A Parameters part's value, whatever its type: a Reference as its reference, a CodeableConcept or Coding as its
 * code, any other value as is.
 * @param {Record<string, any>} part
 * @returns {any}
 */
export function valueOf(part) {
  for (const [k, v] of Object.entries(part)) {
    if (!k.startsWith('value')) continue;
    if (k === 'valueReference') return v.reference;
    if (k === 'valueCodeableConcept') return v.coding?.[0]?.code ?? v.text;
    if (k === 'valueCoding') return v.code;
    return v;
  }
  return undefined;
}

/**
 * A parameter as an object: single parts by name, repeated ones (and nested ones) as arrays.
 * @param {{part?: any[]}} parameter
 * @returns {Record<string, any>}
 */
export function partsOf(parameter) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const part of parameter.part || []) {
    const value = part.part ? partsOf(part) : valueOf(part);
    if (part.name in out) {
      out[part.name] = [].concat(out[part.name], [value]);
    } else {
      out[part.name] = part.part ? [value] : value;
    }
  }
  return out;
}

/**
 * The parameters of a name, each as an object of its parts.
 * @param {{parameter?: any[]}} parameters
 * @param {string} name
 * @returns {Record<string, any>[]}
 */
export function named(parameters, name) {
  return (parameters.parameter || []).filter(p => p.name === name).map(partsOf);
}
