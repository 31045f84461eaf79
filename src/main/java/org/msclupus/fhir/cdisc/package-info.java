/**
 * SDTM/ADaM datasets and their Dataset-JSON, XPORT and Define-XML writers in plain Java. cdisc.operation is
 * $cdisc-export.
 */
@PlainJava
package org.msclupus.fhir.cdisc;

import org.msclupus.fhir.PlainJava;
