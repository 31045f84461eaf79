/**
 * What a pooled analysis counts, in plain Java. pooling.operation is $meta-analysis.
 */
@PlainJava
package org.msclupus.fhir.pooling;

import org.msclupus.fhir.PlainJava;
