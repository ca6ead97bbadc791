package com.whatsdex.contacts.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The CSV reader, encoding and delimiter sniffing, header mapping and row mapping, without Spring. */
class CsvParsingTests {

    private static List<List<String>> parse(String text, char delimiter) throws IOException {
        CsvParser parser = new CsvParser(new StringReader(text), delimiter);
        List<List<String>> records = new ArrayList<>();
        List<String> r;
        while ((r = parser.next()) != null) {
            records.add(r);
        }
        return records;
    }

    @Test
    void readsQuotedFieldsWithDelimitersQuotesAndLineBreaks() throws IOException {
        String csv =
                "name,notes\r\n\"Ada \"\"The Countess\"\" Lovelace\",\"line one\nline two, with comma\"\r\nBob,plain";
        assertThat(parse(csv, ','))
                .containsExactly(
                        List.of("name", "notes"),
                        List.of("Ada \"The Countess\" Lovelace", "line one\nline two, with comma"),
                        List.of("Bob", "plain"));
    }

    @Test
    void acceptsLfCrlfAndLoneCrLineEndsAndEmptyFields() throws IOException {
        assertThat(parse("a;b\n1;\r2;x\r\n;3\n", ';'))
                .containsExactly(List.of("a", "b"), List.of("1", ""), List.of("2", "x"), List.of("", "3"));
    }

    @Test
    void anUnclosedQuoteIsASyntaxErrorNamingTheRecord() {
        assertThatThrownBy(() -> parse("a,b\n1,\"never closed\n2,3\n", ','))
                .isInstanceOf(CsvParser.CsvSyntaxException.class)
                .hasMessageContaining("record 2");
    }

    @Test
    void roundTripsRandomFieldsWrittenByTheRfc4180Rules() throws IOException {
        Random random = new Random(42);
        String alphabet = "ab ,;\"\n\r\té€😀";
        for (int round = 0; round < 200; round++) {
            List<List<String>> records = new ArrayList<>();
            StringBuilder csv = new StringBuilder();
            int width = 1 + random.nextInt(4);
            for (int r = 0; r < 1 + random.nextInt(5); r++) {
                List<String> record = new ArrayList<>();
                for (int f = 0; f < width; f++) {
                    StringBuilder field = new StringBuilder();
                    for (int i = 0; i < random.nextInt(6); i++) {
                        field.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(
                                0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                    }
                    record.add(field.toString());
                    csv.append(f == 0 ? "" : ",")
                            .append('"')
                            .append(field.toString().replace("\"", "\"\""))
                            .append('"');
                }
                records.add(record);
                csv.append(random.nextBoolean() ? "\r\n" : "\n");
            }
            assertThat(parse(csv.toString(), ',')).as(csv.toString()).isEqualTo(records);
        }
    }

    @Test
    void sniffsByteOrderMarksUtf8AndWindows1252() {
        byte[] utf16 = "\uFEFFname".getBytes(StandardCharsets.UTF_16LE);
        assertThat(CsvFormat.sniff(utf16, utf16.length).label()).isEqualTo("UTF-16LE");
        byte[] bom8 = "\uFEFFnamé".getBytes(StandardCharsets.UTF_8);
        assertThat(CsvFormat.sniff(bom8, bom8.length).label()).isEqualTo("UTF-8 with BOM");
        byte[] plain = "Zoë".getBytes(StandardCharsets.UTF_8);
        // a multi-byte character cut at the end of the sample is still UTF-8
        assertThat(CsvFormat.sniff(plain, plain.length - 1).label()).isEqualTo("UTF-8");
        byte[] ansi = "Renée".getBytes(CsvFormat.WINDOWS_1252);
        assertThat(CsvFormat.sniff(ansi, ansi.length).label()).isEqualTo("windows-1252");
    }

    @Test
    void recognisesBinaryFiles() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertThat(CsvFormat.sniff(png, png.length).looksBinary(png, png.length))
                .isTrue();
        byte[] text = "name,phone\nA,1\n".getBytes(StandardCharsets.UTF_8);
        assertThat(CsvFormat.sniff(text, text.length).looksBinary(text, text.length))
                .isFalse();
    }

    @Test
    void sniffsTheDelimiterOutsideQuotes() {
        assertThat(CsvFormat.sniffDelimiter("Nom;Téléphone;Ville\nA, B;1;C\n")).isEqualTo(';');
        assertThat(CsvFormat.sniffDelimiter("name\tphone\nA\t1\n")).isEqualTo('\t');
        assertThat(CsvFormat.sniffDelimiter("name|phone\n\"a;b;c\"|1\n")).isEqualTo('|');
        assertThat(CsvFormat.sniffDelimiter("name,phone\n\"Doe; John\",1\n")).isEqualTo(',');
        assertThat(CsvFormat.sniffDelimiter("phone\n1\n")).isEqualTo(',');
    }

    @Test
    void mapsHeadersByExactAliasesNeverBySubstring() {
        List<ColumnMapping> mapping = ColumnMapping.propose(List.of(
                "Given Name",
                "Family Name",
                "E-mail 1 - Type",
                "E-mail 1 - Value",
                "Phone 1 - Value",
                "Group Membership",
                "Hotel",
                "Mobile Phone",
                "WhatsApp",
                " Teléfono ",
                "Last Order"));
        assertThat(mapping.stream().map(ColumnMapping::target).toList())
                .containsExactly(
                        ColumnTarget.first_name,
                        ColumnTarget.last_name,
                        ColumnTarget.ignore,
                        ColumnTarget.email,
                        ColumnTarget.phone,
                        ColumnTarget.tags,
                        ColumnTarget.attribute,
                        ColumnTarget.phone,
                        ColumnTarget.phone,
                        ColumnTarget.phone,
                        ColumnTarget.attribute);
        assertThat(mapping.get(6).attributeKey()).isEqualTo("hotel");
        assertThat(mapping.get(10).attributeKey()).isEqualTo("last_order");
    }

    @Test
    void mapsAGoogleContactsRowWithMultiValuesAndLabels() {
        List<String> headers = List.of(
                "First Name", "Last Name", "E-mail 1 - Value", "Phone 1 - Value", "Home Phone", "Labels", "Company");
        RowMapper mapper = new RowMapper(ColumnMapping.propose(headers), "NG", List.of("imported"));
        var outcome = mapper.map(
                2,
                List.of(
                        "Chiamaka",
                        "Okafor",
                        "not-an-email ::: chiamaka@example.com",
                        "12 ::: 0803 123 4567",
                        "01 234 5678",
                        "* myContacts ::: Customers ::: * starred",
                        "Okafor Foods"));
        assertThat(outcome).isInstanceOf(RowMapper.Outcome.Valid.class);
        var c = ((RowMapper.Outcome.Valid) outcome).candidate();
        assertThat(c.name()).isEqualTo("Chiamaka Okafor");
        assertThat(c.phone()).isEqualTo("+2348031234567");
        assertThat(c.rawPhone()).isEqualTo("0803 123 4567");
        assertThat(c.email()).isEqualTo("chiamaka@example.com");
        assertThat(c.tags()).containsExactly("Customers", "starred", "imported");
        assertThat(c.attributes()).containsExactly(java.util.Map.entry("company", "Okafor Foods"));
    }

    @Test
    void prefersMobileColumnsAndReportsWhyARowHasNoPhone() {
        List<String> headers = List.of("Name", "Home Phone", "Mobile Phone");
        RowMapper mapper = new RowMapper(ColumnMapping.propose(headers), "NG", List.of());
        var valid = (RowMapper.Outcome.Valid) mapper.map(2, List.of("Ngozi", "01 234 5678", "0805 111 2222"));
        assertThat(valid.candidate().phone()).isEqualTo("+2348051112222");
        assertThat(mapper.map(3, List.of("Bad", "12345", "")))
                .isEqualTo(new RowMapper.Outcome.Rejected("phone \"12345\" is not a valid phone number for NG"));
        assertThat(mapper.map(4, List.of("Nobody", "", "")))
                .isEqualTo(new RowMapper.Outcome.Rejected("no phone number"));
        assertThat(mapper.map(5, List.of(" ", "", ""))).isInstanceOf(RowMapper.Outcome.Blank.class);
    }
}
