package org.msclupus.fhir.server;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;

/**
 * A capability's adjustment of HAPI's storage settings (the audit trail's logical references, for example), applied
 * when the settings are built, so the server package needs to know no capability.
 */
@FunctionalInterface
public interface StorageSettingsCustomizer {

	void customize(JpaStorageSettings settings);
}
