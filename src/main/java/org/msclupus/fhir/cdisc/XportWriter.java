package org.msclupus.fhir.cdisc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes one dataset as a SAS transport file, XPORT version 5, the format regulators accept for submissions, as SAS
 * Institute publishes its layout ("The Record Layout of a Data Set in SAS Transport (XPORT) Format", TS-140): a
 * library header, a member header with the dataset's name and label, one 140-byte NAMESTR per variable, then the
 * observations, everything in 80-byte records padded with blanks. Numbers are 8-byte IBM System/370 floating point;
 * a missing number is a period followed by zeros; character values are ASCII, blank-padded to their length.
 * Checked byte for byte against files SAS 9.4 wrote (CDISC's pilot study). Plain Java.
 */
public final class XportWriter {

	private static final DateTimeFormatter SAS_DATETIME = DateTimeFormatter.ofPattern("ddMMMyy:HH:mm:ss", Locale.ROOT);
	private static final int RECORD = 80;
	private static final int NAMESTR = 140;

	/**
	 * The software a file says wrote it (8 characters each): SAS writes its version and host, e.g. {@code 9.4} and
	 * {@code X64_10PR}; readers do not interpret them.
	 */
	public record Origin(String version, String operatingSystem) {

		public static final Origin THIS_SERVER = new Origin("9.4", "JAVA");
	}

	/**
	 * A variable: {@code numeric} ones are 8 bytes; a character one has its {@code length} (1-200 in version 5).
	 * {@code format} is a SAS display format name ({@code DATE9}, or empty) with its width and decimals.
	 */
	public record Variable(String name, String label, boolean numeric, int length, String format, int formatLength,
			int formatDecimals) {

		public Variable {
			Objects.requireNonNull(name, "name");
			if (name.isEmpty() || name.length() > 8) {
				throw new IllegalArgumentException("XPORT v5 variable names have 1 to 8 characters: " + name);
			}
			if (label != null && label.length() > 40) {
				throw new IllegalArgumentException("XPORT v5 labels have at most 40 characters: " + name);
			}
			if (numeric ? length != 8 : length < 1 || length > 200) {
				throw new IllegalArgumentException("Variable " + name + " has length " + length
						+ " (numbers 8, characters 1-200)");
			}
		}

		public static Variable text(String name, String label, int length) {
			return new Variable(name, label, false, length, "", 0, 0);
		}

		public static Variable number(String name, String label) {
			return new Variable(name, label, true, 8, "", 0, 0);
		}
	}

	private XportWriter() {
	}

	/**
	 * @param rows one array per observation, one value per variable: a String (or null) for a character variable,
	 *             a Number (or null, missing) for a numeric one
	 * @throws IllegalArgumentException for a value that does not fit its variable
	 */
	public static void write(OutputStream out, String name, String label, List<Variable> variables,
			List<Object[]> rows, LocalDateTime created, LocalDateTime modified, Origin origin) throws IOException {
		if (name.isEmpty() || name.length() > 8) {
			throw new IllegalArgumentException("XPORT v5 dataset names have 1 to 8 characters: " + name);
		}
		String createdText = SAS_DATETIME.format(created).toUpperCase(Locale.ROOT);
		String modifiedText = SAS_DATETIME.format(modified).toUpperCase(Locale.ROOT);
		Records records = new Records(out);
		records.text("HEADER RECORD*******LIBRARY HEADER RECORD!!!!!!!000000000000000000000000000000  ");
		records.text(pad("SAS", 8) + pad("SAS", 8) + pad("SASLIB", 8) + pad(origin.version(), 8)
				+ pad(origin.operatingSystem(), 8) + pad("", 24) + createdText);
		records.text(pad(modifiedText, 80));
		records.text("HEADER RECORD*******MEMBER  HEADER RECORD!!!!!!!000000000000000001600000000140  ");
		records.text("HEADER RECORD*******DSCRPTR HEADER RECORD!!!!!!!000000000000000000000000000000  ");
		records.text(pad("SAS", 8) + pad(name, 8) + pad("SASDATA", 8) + pad(origin.version(), 8)
				+ pad(origin.operatingSystem(), 8) + pad("", 24) + createdText);
		records.text(modifiedText + pad("", 16) + pad(label == null ? "" : label, 40) + pad("", 8));
		records.text("HEADER RECORD*******NAMESTR HEADER RECORD!!!!!!!000000"
				+ String.format(Locale.ROOT, "%04d", variables.size()) + "00000000000000000000  ");
		int position = 0;
		for (int i = 0; i < variables.size(); i++) {
			Variable v = variables.get(i);
			ByteBuffer namestr = ByteBuffer.allocate(NAMESTR);
			namestr.putShort((short) (v.numeric() ? 1 : 2));
			namestr.putShort((short) 0);
			namestr.putShort((short) v.length());
			namestr.putShort((short) (i + 1));
			namestr.put(ascii(pad(v.name(), 8)));
			namestr.put(ascii(pad(v.label() == null ? "" : v.label(), 40)));
			namestr.put(ascii(pad(v.format() == null ? "" : v.format(), 8)));
			namestr.putShort((short) v.formatLength());
			namestr.putShort((short) v.formatDecimals());
			namestr.putShort((short) 0); // left-justified
			namestr.put(new byte[2]);
			namestr.put(ascii(pad("", 8))); // no informat
			namestr.putShort((short) 0);
			namestr.putShort((short) 0);
			namestr.putInt(position);
			// the remaining 52 bytes stay zero
			records.bytes(namestr.array());
			position += v.length();
		}
		records.endRecord();
		records.text("HEADER RECORD*******OBS     HEADER RECORD!!!!!!!000000000000000000000000000000  ");
		for (Object[] row : rows) {
			if (row.length != variables.size()) {
				throw new IllegalArgumentException("A row of " + row.length + " values for " + variables.size()
						+ " variables");
			}
			for (int i = 0; i < row.length; i++) {
				Variable v = variables.get(i);
				records.bytes(v.numeric() ? number(v, row[i]) : text(v, row[i]));
			}
		}
		records.endRecord();
		out.flush();
	}

	private static byte[] number(Variable v, Object value) {
		if (value == null) {
			return missing();
		}
		if (!(value instanceof Number number)) {
			throw new IllegalArgumentException("Variable " + v.name() + " is numeric; got " + value);
		}
		return ibm(number.doubleValue());
	}

	private static byte[] text(Variable v, Object value) {
		String text = value == null ? "" : value.toString();
		byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
		if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
			throw new IllegalArgumentException("Variable " + v.name() + " holds a character XPORT v5 cannot carry "
					+ "(ASCII only): " + text);
		}
		if (bytes.length > v.length()) {
			throw new IllegalArgumentException("Variable " + v.name() + " has length " + v.length() + "; '" + text
					+ "' has " + bytes.length);
		}
		return ascii(pad(text, v.length()));
	}

	/** A missing value: a period, then zeros. */
	static byte[] missing() {
		byte[] bytes = new byte[8];
		bytes[0] = '.';
		return bytes;
	}

	/**
	 * IEEE 754 double to IBM System/370 double (sign, 7-bit excess-64 base-16 exponent, 56-bit fraction). Exact: the
	 * 53 significant bits always fit in the 56-bit fraction after shifting by the exponent's remainder modulo 4.
	 */
	static byte[] ibm(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new IllegalArgumentException("XPORT cannot carry " + value);
		}
		byte[] bytes = new byte[8];
		if (value == 0) {
			return bytes;
		}
		long bits = Double.doubleToRawLongBits(value);
		boolean negative = bits < 0;
		int biased = (int) ((bits >>> 52) & 0x7ff);
		long mantissa = bits & 0xfffffffffffffL;
		int exponent; // value = mantissa * 2^(exponent - 52), mantissa in [2^52, 2^53)
		if (biased == 0) { // subnormal: normalise
			exponent = -1022;
			while ((mantissa & (1L << 52)) == 0) {
				mantissa <<= 1;
				exponent--;
			}
		} else {
			mantissa |= 1L << 52;
			exponent = biased - 1023;
		}
		int shift = Math.floorMod(exponent + 4, 4);
		long fraction = mantissa << shift; // in [2^52, 2^56): the leading hex digit is not zero
		int ibmExponent = (exponent + 4 - shift) / 4 + 64;
		if (ibmExponent < 0 || ibmExponent > 127) {
			throw new IllegalArgumentException("XPORT cannot carry " + value + ": out of the IBM range");
		}
		bytes[0] = (byte) ((negative ? 0x80 : 0) | ibmExponent);
		for (int i = 7; i >= 1; i--) {
			bytes[i] = (byte) (fraction & 0xff);
			fraction >>>= 8;
		}
		return bytes;
	}

	private static String pad(String text, int length) {
		if (text.length() > length) {
			throw new IllegalArgumentException("'" + text + "' is longer than " + length + " characters");
		}
		return text + " ".repeat(length - text.length());
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/** 80-byte records: bytes run on across records; {@link #endRecord} pads the last one with blanks. */
	private static final class Records {

		private final OutputStream out;
		private long written;

		Records(OutputStream out) {
			this.out = out;
		}

		void text(String record) throws IOException {
			if (record.length() != RECORD) {
				throw new IllegalStateException("A header record of " + record.length() + " characters");
			}
			bytes(ascii(record));
		}

		void bytes(byte[] bytes) throws IOException {
			out.write(bytes);
			written += bytes.length;
		}

		void endRecord() throws IOException {
			int rest = (int) (written % RECORD);
			if (rest != 0) {
				bytes(ascii(" ".repeat(RECORD - rest)));
			}
		}
	}
}
