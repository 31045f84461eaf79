package org.msclupus.fhir.cdisc;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The forms a dataset is written in, by the {@code format} parameter's code. */
public enum ExportFormat {
	DATASET_JSON("dataset-json", ".json"), NDJSON("ndjson", ".ndjson"), XPT("xpt", ".xpt");

	private final String code;
	private final String extension;

	ExportFormat(String code, String extension) {
		this.code = code;
		this.extension = extension;
	}

	public String code() {
		return code;
	}

	/** The file a dataset is written to: {@code dm.json}, {@code adsl.xpt}. */
	public String fileName(String dataset) {
		return dataset.toLowerCase(java.util.Locale.ROOT) + extension;
	}

	public static Optional<ExportFormat> byCode(String code) {
		return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
	}

	public static String codes() {
		return Arrays.stream(values()).map(ExportFormat::code).collect(Collectors.joining(", "));
	}
}
