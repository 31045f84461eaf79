package org.msclupus.fhir.cdisc;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.stream.XMLStreamException;

/**
 * One export as a zip: a file per dataset in the chosen format, {@code define.xml} describing them, and any further
 * files the caller adds (the warnings). For XPORT the datasets are first made to fit ({@link XportFit}).
 */
public final class ExportPackage {

	/** The datasets as they will be written, with the warnings of anything changed to fit the format. */
	public record Prepared(List<Dataset> datasets, ExportFormat format, List<String> warnings) {
	}

	private ExportPackage() {
	}

	public static Prepared prepare(List<Dataset> datasets, ExportFormat format) {
		if (format != ExportFormat.XPT) {
			return new Prepared(datasets, format, List.of());
		}
		XportFit.Fitted fitted = XportFit.fit(datasets);
		return new Prepared(fitted.datasets(), format, fitted.warnings());
	}

	public static void write(OutputStream out, Prepared prepared, DatasetFiles.Context context, String studyName,
			String studyDescription, Map<String, byte[]> extraFiles) throws IOException {
		ZipOutputStream zip = new ZipOutputStream(out);
		for (Dataset d : prepared.datasets()) {
			zip.putNextEntry(new ZipEntry(prepared.format().fileName(d.name())));
			DatasetFiles.write(zip, d, prepared.format(), context);
			zip.closeEntry();
		}
		zip.putNextEntry(new ZipEntry("define.xml"));
		try {
			DefineXml.write(zip, prepared.datasets(), prepared.format(), context, studyName, studyDescription);
		} catch (XMLStreamException e) {
			throw new IOException("define.xml could not be written", e);
		}
		zip.closeEntry();
		for (Map.Entry<String, byte[]> extra : extraFiles.entrySet()) {
			zip.putNextEntry(new ZipEntry(extra.getKey()));
			zip.write(extra.getValue());
			zip.closeEntry();
		}
		zip.finish();
	}
}
