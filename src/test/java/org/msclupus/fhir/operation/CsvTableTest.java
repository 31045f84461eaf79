package org.msclupus.fhir.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvTableTest {

	@Test
	void writesRfc4180WithCrlfAndQuotesOnlyWhatNeedsIt() {
		String csv = new CsvTable(List.of("subject", "note", "n")).row("ResearchSubject/a", "plain", 1)
				.row("ResearchSubject/b", "a, \"quoted\"\nline", null).toString();
		assertThat(csv).isEqualTo("subject,note,n\r\nResearchSubject/a,plain,1\r\n"
				+ "ResearchSubject/b,\"a, \"\"quoted\"\"\nline\",\r\n");
	}

	@Test
	void whatItWritesAnotherReaderReadsBackUnchanged() throws Exception {
		String csv = new CsvTable(List.of("a", "b")).row("x,y", "line\r\nbreak").row("\"", null).toString();
		List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
				.parse(new StringReader(csv)).getRecords();
		assertThat(records).hasSize(2);
		assertThat(records.get(0).get("a")).isEqualTo("x,y");
		assertThat(records.get(0).get("b")).isEqualTo("line\r\nbreak");
		assertThat(records.get(1).get("a")).isEqualTo("\"");
		assertThat(records.get(1).get("b")).isEmpty();
	}

	@Test
	void aRowMustFitTheHeader() {
		assertThatThrownBy(() -> new CsvTable(List.of("a", "b")).row("only one"))
				.isInstanceOf(IllegalArgumentException.class);
	}
}
